//! What the `refolio` binary prints: where each line goes (standard output or error, by the
//! formats asked), the diagnostics, coverage lines and summary of a check or build, a
//! replayed build's report, and `serve`'s rebuilds.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use refolio::Checked;
use refolio::Error;
use refolio::diagnostics::{Diagnostics, Severity, Styles};
use refolio::serve::rebuild::Report;
use refolio::serve::{ServeOptions, Server};
use refolio::terminal::{self, Display};

/// Where the command's output goes: with a machine format asked, standard output carries
/// it alone and every line for people goes to standard error.
#[derive(Clone, Copy)]
pub struct Out {
    pub json: bool,
    /// Standard output is taken by `--report json`.
    pub report: bool,
    pub quiet: bool,
}

impl Out {
    /// A line for people: on standard output unless a machine format has it.
    pub fn line(self, text: &str) {
        if self.json || self.report {
            anstream::eprintln!("{text}");
        } else {
            anstream::println!("{text}");
        }
    }

    /// The progress display of a build, shown when it is long and on a terminal.
    pub fn progress(self) -> Display {
        let shown =
            terminal::shows_progress(std::io::stderr().is_terminal(), self.quiet, self.json);
        Display::start(shown, terminal::DELAY)
    }
}

/// Runs the preview server until interrupted, printing each rebuild.
pub fn serve(options: &ServeOptions, open: bool, quiet: bool) -> Result<ExitCode, Error> {
    let (server, first) = Server::start(options)?;
    print_rebuild(&first, quiet);
    let url = server.url();
    println!(
        "serving {} at {url} (Ctrl-C to stop)",
        options.build.root.display()
    );
    if open {
        open_browser(&url);
    }
    server.run(|report, problems| {
        for p in problems {
            eprintln!("warning: watching: {p}");
        }
        if let Some(report) = report {
            print_rebuild(report, quiet);
        }
    });
    Ok(ExitCode::SUCCESS)
}

pub fn print_rebuild(report: &Report, quiet: bool) {
    let ms = report.elapsed.as_secs_f64() * 1000.0;
    for path in &report.changed {
        println!("changed: {path}");
    }
    if report.is_ok() {
        for line in report.candidates.iter().filter(|_| !quiet) {
            println!("  {line}");
        }
        let what = if report.full { "built" } else { "rebuilt" };
        println!(
            "{what} in {ms:.0} ms: {} file(s) written, {} removed, {} warning(s)",
            report.written, report.removed, report.warnings
        );
        let _ = std::io::stdout().flush();
    } else {
        let mut err = std::io::stderr().lock();
        for e in &report.errors {
            let _ = writeln!(err, "{e}");
        }
        let _ = writeln!(
            err,
            "{} error(s): the last good site is still served",
            report.errors.len()
        );
    }
}

/// Opens `url` with the platform's opener; a failure only prints a note.
pub fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("note: could not open a browser ({opener}: {e}); open {url} yourself");
    }
}

/// Prints every diagnostic, one coverage line per candidate, then the summary line; 1 when
/// there were errors. Quiet leaves out the warnings and the coverage lines.
pub fn report(out: Out, checked: &Checked, summary: Option<String>, on_error: &str) -> ExitCode {
    let diags: &Diagnostics = &checked.diagnostics;
    {
        let mut err = anstream::stderr().lock();
        let mut stdout = std::io::stdout().lock();
        for d in diags.sorted() {
            let _ = match out.json {
                true => writeln!(stdout, "{}", d.to_json()),
                false if out.quiet && d.severity == Severity::Warning => continue,
                false => writeln!(
                    err,
                    "{}",
                    d.render_styled(&checked.sources, &Styles::COLOURED)
                ),
            };
        }
    }
    if !out.quiet {
        for line in refolio::coverage_lines(checked) {
            out.line(&line);
        }
    }
    if diags.has_errors() {
        let red = Styles::COLOURED.error;
        anstream::eprintln!(
            "{red}{} error(s){red:#}, {} warning(s): {on_error}",
            diags.errors(),
            diags.warnings()
        );
        return ExitCode::from(1);
    }
    let summary = summary.unwrap_or_else(|| {
        let green = anstyle::AnsiColor::Green.on_default().bold();
        format!(
            "{green}ok{green:#}: {} referentials, {} competences, {} criteria, {} warning(s)",
            checked.site.referentials.len(),
            checked.site.competence_count(),
            checked.site.criterion_count(),
            diags.warnings()
        )
    });
    out.line(&summary);
    ExitCode::SUCCESS
}

/// What a build with nothing to do says before the last build's summary.
pub const UNCHANGED: &str =
    "unchanged since the last build: nothing to write (`--no-cache` builds anyway)";

/// A successful build's report ([`refolio::cache::Replay`]), as [`report`] prints one: its
/// diagnostics and coverage lines, then `note` if any, then `summary`.
pub fn replay_report(
    out: Out,
    replay: &refolio::cache::Replay,
    note: Option<&str>,
    summary: &str,
) -> ExitCode {
    {
        let mut err = anstream::stderr().lock();
        let mut stdout = std::io::stdout().lock();
        for (is_error, styled, json) in &replay.diagnostics {
            let _ = match out.json {
                true => writeln!(stdout, "{json}"),
                false if out.quiet && !is_error => continue,
                false => writeln!(err, "{styled}"),
            };
        }
    }
    if !out.quiet {
        for line in &replay.coverage {
            out.line(line);
        }
    }
    if let Some(note) = note {
        out.line(note);
    }
    out.line(summary);
    ExitCode::SUCCESS
}
