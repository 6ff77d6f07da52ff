//! A bounded memo of a pure function for the run, shared by every worker: the answers the
//! engine gives again and again across the deployments of a plan and the plans of a
//! monorepo (the alternatives of a refused path, the guess at a misspelt code). The lock is
//! held for a lookup or an insert only; two workers that miss at once both compute, and
//! both get the same answer.

use std::sync::{LazyLock, Mutex};

use foldhash::HashMap;

pub struct RunMemo<V> {
    /// Past this many answers the memo starts again, so a sweep of very many distinct keys
    /// keeps its memory flat.
    capacity: usize,
    answers: LazyLock<Mutex<HashMap<String, V>>>,
}

impl<V: Clone> RunMemo<V> {
    pub const fn new(capacity: usize) -> Self {
        RunMemo {
            capacity,
            answers: LazyLock::new(Mutex::default),
        }
    }

    /// The answer for `key`, computed by `answer` the first time it is asked.
    pub fn get_or(&self, key: String, answer: impl FnOnce() -> V) -> V {
        // A memo that cannot be locked (a thread panicked holding it) is only not used.
        let known = self.answers.lock().ok().and_then(|m| m.get(&key).cloned());
        if let Some(known) = known {
            return known;
        }
        let value = answer();
        if let Ok(mut m) = self.answers.lock() {
            if m.len() >= self.capacity {
                m.clear();
            }
            m.insert(key, value.clone());
        }
        value
    }
}
