//! The floor for the whole-run benchmark: read every file given and parse it with the `toml`
//! crate, single-threaded, doing nothing else. cloudpact cannot be faster than reading and
//! parsing its input; `benches/compare.sh` reports its time as a ratio of this.
//!
//!     cargo run --release --example parse-floor -- FILE...

// A benchmark floor: a failure is a crash with a message, nothing more.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() {
    let mut keys = 0usize;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let table = toml::de::DeTable::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        keys += table.get_ref().len();
    }
    // Print something that depends on the work, so none of it is optimised away.
    println!("{keys}");
}
