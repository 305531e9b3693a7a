//! The `refolio` command line: parses arguments, calls the library, prints diagnostics and
//! the summary, and sets the exit code (0 clean, 1 content errors, 2 usage or I/O errors).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use refolio::diagnostics::Diagnostics;
use refolio::{BuildOptions, Checked, Error};

#[derive(Parser)]
#[command(
    name = "refolio",
    version,
    about = "Static sites for certification referentials, portfolios and jury dossiers"
)]
struct Cli {
    /// The site folder (holding `content/` and optionally `refolio.toml`).
    #[arg(short, long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and report every problem; writes nothing.
    Check,
    /// Check, then build the site into the output folder.
    Build {
        /// Where to write the site (default: `<root>/public`).
        #[arg(short, long)]
        output_dir: Option<PathBuf>,
        /// Absolute URL the site will be published at (overrides `refolio.toml`).
        #[arg(short, long)]
        base_url: Option<String>,
    },
    /// Create a new site skeleton that builds.
    Init {
        /// Folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A broken site template is the author's content problem, like a bad YAML file.
            match e {
                Error::Template(d) => {
                    eprintln!("{}", d.headline());
                    ExitCode::from(1)
                }
                Error::Io { .. } | Error::Usage(_) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Check => {
            let checked = refolio::check(&cli.root)?;
            Ok(report(&checked, None, "fix them and run again"))
        }
        Command::Build {
            output_dir,
            base_url,
        } => {
            let built = refolio::build(&BuildOptions {
                root: cli.root,
                output_dir,
                base_url,
            })?;
            let summary = built.summary.as_ref().map(ToString::to_string);
            Ok(report(&built.checked, summary, "nothing was written"))
        }
        Command::Init { dir } => {
            refolio::init::init(&dir)?;
            println!(
                "created a refolio site in {}; build it with: refolio --root {} build",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints every diagnostic, then the summary line; 1 when there were errors.
fn report(checked: &Checked, summary: Option<String>, on_error: &str) -> ExitCode {
    let diags: &Diagnostics = &checked.diagnostics;
    let mut err = std::io::stderr().lock();
    for d in diags.sorted() {
        let _ = writeln!(err, "{}", d.render(&checked.sources));
    }
    if diags.has_errors() {
        let _ = writeln!(
            err,
            "{} error(s), {} warning(s): {on_error}",
            diags.errors(),
            diags.warnings()
        );
        return ExitCode::from(1);
    }
    match summary {
        Some(s) => println!("{s}"),
        None => println!(
            "ok: {} referentials, {} competences, {} criteria, {} warning(s)",
            checked.site.referentials.len(),
            checked.site.competence_count(),
            checked.site.criterion_count(),
            diags.warnings()
        ),
    }
    ExitCode::SUCCESS
}
