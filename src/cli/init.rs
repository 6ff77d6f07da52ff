//! `cloudpact init`.

use cloudpact::view::starter::starter;

use super::args::InitArgs;
use super::{output, packs};

pub fn run(args: &InitArgs) -> u8 {
    let packs = match packs::load(&args.packs) {
        Ok(packs) => packs,
        Err(code) => return code,
    };
    let today = args.as_of.unwrap_or_else(output::today);
    let text = match starter(&packs, &args.provider, today) {
        Ok(text) => text,
        Err(message) => {
            output::emit_stderr(&format!("error: {message}\n"));
            return 2;
        }
    };
    match &args.output {
        None => output::emit(&text, 0),
        Some(path) => {
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
            match written {
                Ok(()) => {
                    output::emit_stderr(&format!(
                        "wrote {0}; check it with: cloudpact check {0}\n",
                        path.display()
                    ));
                    0
                }
                Err(e) => {
                    output::emit_stderr(&format!("error: cannot write {}: {e}\n", path.display()));
                    2
                }
            }
        }
    }
}
