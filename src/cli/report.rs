//! `cloudpact report PLAN`.

use cloudpact::render::{html, markdown};
use cloudpact::view::briefing::briefing;

use super::args::{ReportArgs, ReportFormat};
use super::{output, packs};

pub fn run(args: &ReportArgs) -> u8 {
    let (plan, packs, as_of) = match packs::load_plan(&args.plan, &args.packs, args.as_of) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let b = briefing(&plan, &packs, as_of);
    let text = match args.format {
        ReportFormat::Html => html::render(&b, env!("CARGO_PKG_VERSION")),
        ReportFormat::Markdown => markdown::render(&b),
    };
    match &args.output {
        None => output::emit(&text, 0),
        Some(path) => output::write_atomically(path, &text),
    }
}
