//! The `refolio` command line: parses arguments, calls the library, has `cli::console`
//! print diagnostics and the summary, and sets the exit code (0 clean, 1 content errors, 2
//! usage or I/O errors).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use refolio::config::Overrides;
use refolio::diagnostics::{Kind, Severity, Styles};
use refolio::print::PrintOptions;
use refolio::serve::ServeOptions;
use refolio::{BuildOptions, Error};

/// The binary's own modules, beside the library's.
mod cli {
    pub mod console;
}

use cli::console::{Out, UNCHANGED, replay_report, report, serve};

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
    /// How diagnostics are printed: `human` (on standard error) or `json` (one object
    /// per line on standard output, which then carries nothing else).
    #[arg(long, global = true, value_enum, default_value = "human")]
    message_format: MessageFormat,
    /// Colour: `auto` (on a terminal, unless `NO_COLOR` is set), `always` (even with
    /// `NO_COLOR`: asked for on this command) or `never`.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: clap::ColorChoice,
    /// Print errors and the summary line only: no warnings, no line per candidate or jury
    /// session, no progress. JSON diagnostics are not affected.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// Options on what to do with candidates, for `check` and `build`.
#[derive(clap::Args)]
struct CandidateArgs {
    /// Uncovered competences are warnings, not errors (as `allow_gaps` in `refolio.toml`).
    #[arg(long)]
    allow_gaps: bool,
    /// Leave candidates out entirely: the public referential site (as `publish = false`).
    #[arg(long)]
    no_candidates: bool,
    /// Build evidence marked `draft: true` too (as `drafts = true` in `refolio.toml`).
    #[arg(long)]
    drafts: bool,
    /// Sign the certificates' credentials with this Ed25519 private key (PKCS#8 PEM),
    /// instead of the `signing_key` of `refolio.toml`: a key kept out of the repository.
    #[arg(long, value_name = "PEM")]
    signing_key: Option<PathBuf>,
}

impl CandidateArgs {
    fn overrides(&self, base_url: Option<String>) -> Overrides {
        Overrides {
            base_url,
            allow_gaps: self.allow_gaps,
            no_candidates: self.no_candidates,
            drafts: self.drafts,
            // Relative to where the command runs, as any path argument.
            signing_key: self
                .signing_key
                .as_ref()
                .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Json,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and report every problem; writes nothing.
    Check {
        #[command(flatten)]
        candidates: CandidateArgs,
        /// Also print the candidates' report (coverage, outcomes, decisions) on standard output.
        #[arg(long, value_enum)]
        report: Option<ReportFormat>,
    },
    /// Check, then build the site into the output folder.
    Build {
        #[command(flatten)]
        candidates: CandidateArgs,
        /// Where to write the site (default: `<root>/public`).
        #[arg(short, long)]
        output_dir: Option<PathBuf>,
        /// Absolute URL the site will be published at (overrides `refolio.toml`).
        #[arg(short, long)]
        base_url: Option<String>,
        /// Also print the time of each stage (check, render and write, publish).
        #[arg(long)]
        timings: bool,
        /// Build everything, without reading the build cache (it is written again).
        #[arg(long)]
        no_cache: bool,
    },
    /// Build, serve the site locally and rebuild what changes as sources are saved; open
    /// tabs reload, and show the errors while the site has some.
    Serve {
        #[command(flatten)]
        candidates: CandidateArgs,
        /// Where to write the site (default: `<root>/public`).
        #[arg(short, long)]
        output_dir: Option<PathBuf>,
        /// Port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Interface to listen on. Anything but loopback shares candidates' dossiers with
        /// the network: only when asked.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Build, then print each candidate's dossier bilan to PDF with headless Chromium
    /// (the print stylesheet: A4, one bloc per page).
    Print {
        #[command(flatten)]
        candidates: CandidateArgs,
        /// Where to write the site (default: `<root>/public`).
        #[arg(short, long)]
        output_dir: Option<PathBuf>,
        /// Where to write the PDFs, one per candidate (default: `<root>/pdf`).
        #[arg(long)]
        pdf_dir: Option<PathBuf>,
        /// The Chromium (or Chrome) executable (default: `REFOLIO_CHROMIUM`, else
        /// `chromium` or `google-chrome` on PATH).
        #[arg(long)]
        chromium: Option<PathBuf>,
    },
    /// Write a draft referential from a document published elsewhere, for review.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Create a new site skeleton that builds.
    Init {
        /// Folder to create the site in (default: `--root`, else the current folder).
        dir: Option<PathBuf>,
        /// Create the site in a folder that already holds other files (never over one).
        #[arg(long)]
        force: bool,
    },
    /// Print the shell completion script for SHELL (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Add a candidate or an evidence file that checks as written.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A candidate folder `content/candidates/<ID>/` with its passport.
    Candidate {
        /// The folder name: lowercase letters, digits and dashes.
        id: String,
        /// The referential the candidate presents (default: the site's only one).
        #[arg(long)]
        referential: Option<String>,
    },
    /// An evidence file in a candidate's folder: `<candidate>/<path>.md`.
    Evidence {
        /// Relative to `content/candidates/`, e.g. `camille/preuves/rapport.md`.
        path: PathBuf,
    },
}

/// Where to write an imported referential, and whether it may replace one.
#[derive(clap::Args)]
struct ImportArgs {
    /// Folder to write the referential into (default: `<root>/content/referentials`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace a referential file of the same name.
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand)]
enum ImportSource {
    /// One fiche of France compétences' RNCP open-data export (XML, format v4.1): its blocs,
    /// competences and modality texts; criteria are left for the author.
    Rncp {
        /// The export file (e.g. `export-fiches-rncp-v4-1-2026-11-20.xml`).
        export: PathBuf,
        /// The fiche to import, e.g. `RNCP36395`.
        #[arg(long)]
        fiche: String,
        #[command(flatten)]
        write: ImportArgs,
    },
    /// A certifier's referential table document (text with HTML table fragments, or
    /// tabular text): activities, competences, modalities and criteria.
    Table {
        /// The document.
        file: PathBuf,
        /// The referential's ID (default: from the file name).
        #[arg(long)]
        id: Option<String>,
        /// What each column holds, in order, when the header does not say:
        /// e.g. `activities,competences,modalities,criteria`.
        #[arg(long, value_name = "ROLES")]
        columns: Option<String>,
        /// An ID pattern for a kind of item, tried before the built-in grammar; repeatable:
        /// e.g. `competence=RC\s?\d+` (kinds: activity, competence, criterion, bloc).
        #[arg(long = "id-pattern", value_name = "KIND=REGEX")]
        id_patterns: Vec<String>,
        /// A heading row matching this pattern opens a bloc (its first group is the title):
        /// e.g. `^Pôle \d+ ?: (.*)`.
        #[arg(long = "bloc-pattern", value_name = "REGEX")]
        bloc_pattern: Option<String>,
        /// Print, line by line, what each piece of text was taken for and why.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        write: ImportArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Every line for people goes through anstream, which drops the escapes when colour is
    // off: off a terminal, with NO_COLOR, or `--color never`.
    anstream::ColorChoice::write_global(match cli.color {
        clap::ColorChoice::Auto => anstream::ColorChoice::Auto,
        clap::ColorChoice::Always => anstream::ColorChoice::Always,
        clap::ColorChoice::Never => anstream::ColorChoice::Never,
    });
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
    let json = cli.message_format == MessageFormat::Json;
    let out = Out {
        json,
        report: false,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Check {
            candidates,
            report: format,
        } => {
            let progress = out.progress();
            let checked = refolio::check_with(&cli.root, &candidates.overrides(None));
            drop(progress);
            let checked = checked?;
            let out = Out {
                report: format.is_some(),
                ..out
            };
            let code = report(out, &checked, None, "fix them and run again");
            if let Some(ReportFormat::Json) = format {
                print!("{}", refolio::candidates_report(&cli.root, &checked)?);
            }
            Ok(code)
        }
        Command::Build {
            candidates,
            output_dir,
            base_url,
            timings,
            no_cache,
        } => {
            let options = BuildOptions {
                root: cli.root,
                output_dir,
                overrides: candidates.overrides(base_url),
            };
            let progress = out.progress();
            let cached = refolio::build_cached(&options, &|step| progress.step(step), !no_cache);
            drop(progress);
            let (built, replay, warning) = match cached? {
                refolio::Cached::Unchanged(replay) => {
                    return Ok(replay_report(
                        out,
                        &replay,
                        Some(UNCHANGED),
                        &replay.summary,
                    ));
                }
                refolio::Cached::Built {
                    built,
                    replay,
                    warning,
                } => (built, replay, warning),
            };
            if let Some(w) = warning.filter(|_| !out.quiet) {
                let sources = refolio::diagnostics::Sources::default();
                anstream::eprintln!("{}", w.render_styled(&sources, &Styles::COLOURED));
            }
            let summary = built.summary.as_ref().map(|s| match timings {
                true => format!("{s}\n{}", s.stages),
                false => s.to_string(),
            });
            // A site written: its report was made once, for the cache; print that one.
            match (replay, summary) {
                (Some(replay), Some(summary)) => Ok(replay_report(out, &replay, None, &summary)),
                (_, summary) => Ok(report(out, &built.checked, summary, "nothing was written")),
            }
        }
        Command::Serve {
            candidates,
            output_dir,
            port,
            interface,
            open,
        } => {
            let options = ServeOptions {
                build: BuildOptions {
                    root: cli.root,
                    output_dir,
                    overrides: candidates.overrides(None),
                },
                interface,
                port,
            };
            serve(&options, open, out.quiet)
        }
        Command::Print {
            candidates,
            output_dir,
            pdf_dir,
            chromium,
        } => {
            let options = PrintOptions {
                build: BuildOptions {
                    root: cli.root,
                    output_dir,
                    overrides: candidates.overrides(None),
                },
                pdf_dir,
                chromium,
            };
            let progress = out.progress();
            let printed = refolio::print::print_reporting(&options, &|step| progress.step(step));
            drop(progress);
            let printed = printed?;
            let summary = printed.built.summary.as_ref().map(|s| {
                let mut lines = s.to_string();
                for (id, pdf) in &printed.pdfs {
                    lines.push_str(&format!("\nprinted {id} → {}", pdf.display()));
                }
                lines
            });
            Ok(report(
                out,
                &printed.built.checked,
                summary,
                "nothing was written",
            ))
        }
        Command::Import { source } => {
            let (imported, write, explain) = match source {
                ImportSource::Rncp {
                    export,
                    fiche,
                    write,
                } => (
                    refolio::import::rncp::import(&export, &fiche)?,
                    write,
                    false,
                ),
                ImportSource::Table {
                    file,
                    id,
                    columns,
                    id_patterns,
                    bloc_pattern,
                    explain,
                    write,
                } => {
                    let options = refolio::import::table::Options {
                        columns,
                        id_patterns,
                        bloc_pattern,
                    };
                    let imported =
                        refolio::import::table::import_with(&file, id.as_deref(), &options)?;
                    (imported, write, explain)
                }
            };
            if explain {
                let mut out = std::io::stdout().lock();
                for line in &imported.explained {
                    let _ = writeln!(out, "explain: {line}");
                }
            }
            let out = write
                .out
                .unwrap_or_else(|| cli.root.join(refolio::load::REFERENTIALS_DIR));
            let written = refolio::import::write(&imported, &out, write.force)?;
            let mut err = std::io::stderr().lock();
            for line in &imported.report {
                let _ = writeln!(err, "note: {line}");
            }
            // What a draft is expected to lack is counted, not listed: `check` lists it.
            let (gaps, others): (Vec<_>, Vec<_>) =
                written.diagnostics.sorted().into_iter().partition(|d| {
                    d.severity == Severity::Warning
                        && matches!(d.kind, Kind::NoCriterion | Kind::NotEvaluated)
                });
            for d in others {
                let _ = writeln!(err, "{}", d.render(&written.sources));
            }
            println!(
                "wrote {} ({} note(s) to review, {} competence(s) still without criteria or modality); remove `draft: true` once it is reviewed",
                written.path.display(),
                imported.report.len(),
                gaps.len()
            );
            if let Some(summary) = &imported.summary {
                println!("{summary}");
            }
            Ok(match written.diagnostics.has_errors() {
                true => ExitCode::from(1),
                false => ExitCode::SUCCESS,
            })
        }
        Command::Init { dir, force } => {
            let dir = dir.unwrap_or(cli.root);
            refolio::init::init(&dir, force)?;
            println!(
                "created a refolio site in {}; build it with: refolio --root {} build",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "refolio", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what } => {
            match what {
                NewCommand::Candidate { id, referential } => {
                    let written =
                        refolio::init::new_candidate(&cli.root, &id, referential.as_deref())?;
                    println!("created {}", written.display());
                    println!(
                        "its competences are gaps until evidence demonstrates them: add some with `refolio new evidence {id}/preuves/<name>.md`; `refolio check --allow-gaps` lists the gaps as warnings"
                    );
                }
                NewCommand::Evidence { path } => {
                    let written = refolio::init::new_evidence(&cli.root, &path)?;
                    println!("created {}", written.display());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
