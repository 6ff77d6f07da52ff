//! `cloudpact policies [list|show ID]`.

use cloudpact::base::diagnostic::did_you_mean;
use cloudpact::render::policies;

use super::args::{InfoFormat, PoliciesAction, PoliciesArgs};
use super::{output, packs};

pub fn run(args: &PoliciesArgs) -> u8 {
    let packs = match packs::load_for(args.plan.as_deref(), &args.packs) {
        Ok(packs) => packs,
        Err(code) => return code,
    };
    match &args.action {
        None | Some(PoliciesAction::List) => {
            let text = match args.format {
                InfoFormat::Human => policies::render_list(&packs, output::WIDTH),
                InfoFormat::Json => policies::json_list(&packs),
            };
            output::emit(&text, 0)
        }
        Some(PoliciesAction::Show { id }) => match packs.packs.iter().find(|p| &p.id == id) {
            Some(pack) => {
                let text = match args.format {
                    InfoFormat::Human => policies::render_show(pack, output::WIDTH),
                    InfoFormat::Json => policies::json_show(pack, &packs),
                };
                output::emit(&text, 0)
            }
            None => {
                let ids: Vec<&str> = packs.packs.iter().map(|p| p.id.as_str()).collect();
                let hint = match did_you_mean(id, ids.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the packs in force are: {}", ids.join(", ")),
                };
                output::emit_stderr(&format!("error: no pack `{id}` is in force; {hint}\n"));
                2
            }
        },
    }
}
