//! `cloudpact explain CODE`.

use cloudpact::render::explain::render;
use cloudpact::view::explain::explain;

use super::args::{ExplainArgs, InfoFormat};
use super::{output, packs};

pub fn run(args: &ExplainArgs) -> u8 {
    let packs = match packs::load_for(args.plan.as_deref(), &args.packs) {
        Ok(packs) => packs,
        Err(code) => return code,
    };
    match explain(&args.code, &packs) {
        Ok(explanation) => {
            let text = match args.format {
                InfoFormat::Human => render(&explanation, output::WIDTH),
                InfoFormat::Json => {
                    serde_json::to_string_pretty(&explanation).unwrap_or_default() + "\n"
                }
            };
            output::emit(&text, 0)
        }
        Err(message) => {
            output::emit_stderr(&format!("error: {message}\n"));
            2
        }
    }
}
