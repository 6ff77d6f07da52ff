//! `cloudpact paths`: the question from the arguments, the answer from `view::paths`, in
//! the format asked for.

use std::path::Path;

use cloudpact::render::paths as render;
use cloudpact::view::paths::{Question, paths, plan_paths};

use super::args::{PathsArgs, PathsFormat};
use super::{output, packs};

pub fn run(args: &PathsArgs) -> u8 {
    if let Some(plan) = &args.plan {
        return run_plan(args, plan);
    }
    let packs = match packs::load(&args.packs) {
        Ok(packs) => packs,
        Err(code) => return code,
    };
    let as_of = args.as_of.unwrap_or_else(output::today);
    let question = Question {
        provider: args.provider.as_ref(),
        product: args.product.as_ref(),
        sector: args.sector,
        domicile: args.domicile.as_deref(),
        as_of,
        since: args.since,
    };
    let answer = match paths(&packs, &question) {
        Ok(answer) => answer,
        Err(refusal) => {
            output::emit_stderr(&format!("error: {}\n", render::refusal(&refusal)));
            return 2;
        }
    };
    for notice in &answer.notices {
        output::emit_stderr(&format!("warning: {}\n", render::notice(notice)));
    }
    let matrices = &answer.matrices;
    let text = match args.format {
        PathsFormat::Table => {
            render::render_table(matrices, as_of, args.since, output::color(), output::WIDTH)
        }
        PathsFormat::Markdown => render::render_markdown(matrices, as_of, args.since),
        PathsFormat::Json => render::render_json(matrices, as_of, args.since),
    };
    output::emit(&text, 0)
}

fn run_plan(args: &PathsArgs, path: &Path) -> u8 {
    let (plan, packs, as_of) = match packs::load_plan(path, &args.packs, args.as_of) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let rows = plan_paths(&plan, &packs, as_of);
    let name = &plan.source.name;
    let text = match args.format {
        PathsFormat::Table => render::render_plan_table(name, &rows, output::WIDTH),
        PathsFormat::Markdown => render::render_plan_markdown(name, &rows),
        PathsFormat::Json => render::render_plan_json(name, &rows),
    };
    output::emit(&text, 0)
}
