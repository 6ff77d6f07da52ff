//! `cloudpact init`: a starter plan, written to `cloudpact.plan.toml` (never over a file
//! that exists), or to stdout with `-o -`; with `--schema`, the plan schema beside it.

use std::path::Path;

use cloudpact::view::starter::{SCHEMA_URL, starter};

use super::args::InitArgs;
use super::{output, packs};

/// The schema file `--schema` writes beside the plan.
const SCHEMA_FILE: &str = "plan.schema.json";

pub fn run(args: &InitArgs) -> u8 {
    let packs = match packs::load(&args.packs) {
        Ok(packs) => packs,
        Err(code) => return code,
    };
    let to_stdout = args.output == Path::new("-");
    if to_stdout && args.schema {
        output::emit_stderr(
            "error: --schema writes the schema beside the plan file: give -o FILE, not -\n",
        );
        return 2;
    }
    let schema = if args.schema {
        format!("./{SCHEMA_FILE}")
    } else {
        SCHEMA_URL.to_string()
    };
    let today = args.as_of.unwrap_or_else(output::today);
    let text = match starter(&packs, &args.provider, today, &schema) {
        Ok(text) => text,
        Err(message) => {
            output::emit_stderr(&format!("error: {message}\n"));
            return 2;
        }
    };
    if to_stdout {
        return output::emit(&text, 0);
    }
    let path = &args.output;
    let beside = path.parent().unwrap_or(Path::new(".")).join(SCHEMA_FILE);
    // Neither file is written unless both can be: a half-written start helps nobody.
    if args.schema && beside.exists() {
        output::emit_stderr(&format!(
            "error: {} exists; cloudpact init writes only new files\n",
            beside.display()
        ));
        return 2;
    }
    if let Err(e) = create(path, &text) {
        output::emit_stderr(&format!("error: cannot write {}: {e}\n", path.display()));
        return 2;
    }
    if args.schema
        && let Err(e) = create(&beside, cloudpact::input::schema::PLAN_SCHEMA)
    {
        output::emit_stderr(&format!("error: cannot write {}: {e}\n", beside.display()));
        return 2;
    }
    output::emit_stderr(&format!(
        "wrote {0}; check it with: cloudpact check {0}\n",
        path.display()
    ));
    0
}

/// Write a new file; one that exists is left as it is (an error).
fn create(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())
}
