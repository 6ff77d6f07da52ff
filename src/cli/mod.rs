//! Command-line arguments and the commands they run.

mod args;
mod check;
mod explain;
mod init;
mod output;
mod packs;
mod paths;
mod policies;
mod report;
mod test;

use clap::Parser;

pub use args::{Cli, Command};

/// Run the command line; returns the process exit code.
pub fn run() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // clap: 0 for --help and --version, 2 for usage errors, as our contract says.
            return u8::try_from(error.exit_code()).unwrap_or(2);
        }
    };
    output::set_color(cli.color);
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Paths(args) => paths::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Policies(args) => policies::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => {
            let text = match args.kind {
                args::SchemaKind::Plan => cloudpact::input::schema::PLAN_SCHEMA,
                args::SchemaKind::Policy => cloudpact::input::schema::POLICY_SCHEMA,
                args::SchemaKind::Regions => cloudpact::input::schema::REGIONS_SCHEMA,
            };
            output::emit(text, 0)
        }
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "cloudpact", &mut script);
            output::emit(&String::from_utf8_lossy(&script), 0)
        }
        Command::Man(args) => man(&args),
    }
}

/// `cloudpact man`: the page of the whole tool or of one command, or every page to a directory.
fn man(args: &args::ManArgs) -> u8 {
    let mut command = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    command.build();
    if let Some(dir) = &args.dir {
        return match write_pages(&command, dir) {
            Ok(()) => 0,
            Err(e) => {
                output::emit_stderr(&format!(
                    "error: cannot write the manual pages to {}: {e}\n",
                    dir.display()
                ));
                2
            }
        };
    }
    let page = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                let hint = cloudpact::base::diagnostic::did_you_mean(name, names.iter().copied())
                    .map(|near| format!("did you mean `{near}`?"))
                    .unwrap_or_else(|| format!("the commands are: {}", names.join(", ")));
                output::emit_stderr(&format!("error: no command `{name}`; {hint}\n"));
                return 2;
            }
        },
    };
    let mut text = Vec::new();
    match page_of(page).render(&mut text) {
        Ok(()) => output::emit(&String::from_utf8_lossy(&text), 0),
        Err(e) => {
            output::emit_stderr(&format!("error: cannot render the manual: {e}\n"));
            2
        }
    }
}

/// Every page carries the tool's name and version, a command's page too.
fn page_of(command: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command)
        .source(format!("cloudpact {}", env!("CARGO_PKG_VERSION")))
        .manual("cloudpact manual")
}

/// The page of `command` and of each command under it, as `NAME.1` files in `dir`.
fn write_pages(command: &clap::Command, dir: &std::path::Path) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir)?;
    }
    page_of(command.clone()).generate_to(dir).map(|_| ())
}
