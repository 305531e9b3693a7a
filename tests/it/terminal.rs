//! The command line's output for people: colour (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`),
//! `--quiet`, the summary line, and no progress display off a terminal. The binary runs
//! with its output captured, so off a terminal, as in a pipe or a CI log.

use std::path::Path;
use std::process::Command;

use crate::common::fixture;

/// Runs `refolio --root <root> <args>` with the colour variables unset, then `env` set;
/// returns (exit code, stdout, stderr).
fn run_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_refolio"));
    command.arg("--root").arg(root).args(args);
    for var in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    let out = command.output().expect("the refolio binary runs");
    (
        out.status.code().expect("exited normally"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ESC: char = '\u{1b}';

/// Three errors in one referential, no warning.
fn errors() -> std::path::PathBuf {
    fixture("invalid/anchor-collision")
}

/// Three candidates with six warnings (gaps allowed) and one jury session: no error.
fn warnings() -> std::path::PathBuf {
    fixture("sessions")
}

#[test]
fn off_a_terminal_lines_are_plain_and_end_with_the_summary() {
    let (code, stdout, stderr) = run_with(&errors(), &["check"], &[]);
    assert_eq!(code, 1);
    assert!(!stderr.contains(ESC) && !stdout.contains(ESC), "{stderr:?}");
    assert!(stderr.starts_with(
        "content/referentials/mini.yaml:13:17: error: ID `C1-1` gives the same anchor `#c1-1` as `C1.1`\n"
    ), "{stderr}");
    assert_eq!(
        stderr.lines().last(),
        Some("3 error(s), 0 warning(s): fix them and run again")
    );

    let (code, stdout, stderr) = run_with(&warnings(), &["check"], &[]);
    assert_eq!(code, 0);
    assert!(!stderr.contains(ESC) && !stdout.contains(ESC));
    assert_eq!(
        stdout.lines().last(),
        Some("ok: 1 referentials, 2 competences, 2 criteria, 6 warning(s)")
    );
    // No progress display: it is for terminals only.
    assert!(!stderr.contains("checking the content"), "{stderr}");
}

#[test]
fn color_always_colours_severities_and_the_summary() {
    let (_, _, stderr) = run_with(&errors(), &["check", "--color", "always"], &[]);
    assert!(
        stderr.starts_with("\u{1b}[1mcontent/referentials/mini.yaml:13:17\u{1b}[0m: \u{1b}[1m\u{1b}[31merror\u{1b}[0m: "),
        "{stderr:?}"
    );
    assert!(
        stderr.ends_with(
            "\u{1b}[1m\u{1b}[31m3 error(s)\u{1b}[0m, 0 warning(s): fix them and run again\n"
        ),
        "{stderr:?}"
    );
    let (_, stdout, stderr) = run_with(&warnings(), &["check", "--color", "always"], &[]);
    assert!(
        stderr.contains("\u{1b}[1m\u{1b}[33mwarning\u{1b}[0m: "),
        "{stderr:?}"
    );
    assert!(
        stdout.ends_with("\u{1b}[1m\u{1b}[32mok\u{1b}[0m: 1 referentials, 2 competences, 2 criteria, 6 warning(s)\n"),
        "{stdout:?}"
    );
}

#[test]
fn no_color_turns_colour_off_unless_the_command_asks_for_it() {
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let (_, _, stderr) = run_with(&errors(), args, env);
        assert!(stderr.contains("error"), "{stderr}");
        stderr.contains(ESC)
    };
    // An environment forcing colour, as some CI runners set.
    assert!(coloured(&["check"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(
        &["check"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(!coloured(
        &["check", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    // no-color.org: a flag given on the command overrides NO_COLOR.
    assert!(coloured(
        &["check", "--color", "always"],
        &[("NO_COLOR", "1")]
    ));
    assert!(!coloured(&["check", "--color", "auto"], &[]));
}

#[test]
fn json_diagnostics_carry_no_escape_even_with_color_always() {
    let args = ["--message-format", "json", "--color", "always", "check"];
    let (code, stdout, _) = run_with(&errors(), &args, &[]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 3);
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        assert_eq!(v["severity"], "error");
    }
    assert!(!stdout.contains(ESC));
}

#[test]
fn quiet_keeps_errors_and_the_summary_line_only() {
    let (code, stdout, stderr) = run_with(&warnings(), &["--quiet", "check"], &[]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "");
    assert_eq!(
        stdout,
        "ok: 1 referentials, 2 competences, 2 criteria, 6 warning(s)\n"
    );

    let (code, stdout, stderr) = run_with(&errors(), &["check", "-q"], &[]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(crate::common::headlines(&stderr).len(), 3, "{stderr}");
    assert!(stderr.ends_with("3 error(s), 0 warning(s): fix them and run again\n"));

    // JSON diagnostics are for tools, which filter themselves: quiet keeps the warnings.
    let (_, stdout, _) = run_with(
        &warnings(),
        &["-q", "--message-format", "json", "check"],
        &[],
    );
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
}

#[test]
fn a_quiet_build_prints_its_summary_line() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let site = site.to_str().unwrap();
    let (code, stdout, stderr) = run_with(&warnings(), &["build", "-q", "-o", site], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    let summary = regex::Regex::new(
        r"^1 referentials, 2 competences, 2 criteria, 3 candidates → \d+ pages in \d+\.\d\d s\n$",
    )
    .unwrap();
    assert!(summary.is_match(&stdout), "{stdout:?}");
    assert!(Path::new(site).join("index.html").is_file());

    let (code, stdout, stderr) = run_with(&warnings(), &["build", "-o", site], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("candidate "))
            .count(),
        3
    );
    let last = format!("{}\n", stdout.lines().last().unwrap_or_default());
    assert!(summary.is_match(&last), "{stdout}");
    assert!(!stderr.contains("rendering"), "{stderr}");
}

/// The lines `serve` prints, with `args` added, up to its first rebuild after an edit of a
/// candidate's passport; the server is then killed.
fn serve_lines(args: &[&str]) -> Vec<String> {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    crate::common::copy_tree(&warnings(), &root);
    let mut child = Command::new(env!("CARGO_BIN_EXE_refolio"))
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", "0", "--output-dir"])
        .arg(dir.path().join("out"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let patience = std::time::Duration::from_secs(20);
    while let Ok(line) = rx.recv_timeout(patience) {
        let serving = line.starts_with("serving ");
        let rebuilt = line.starts_with("rebuilt in ");
        lines.push(line);
        if serving {
            let passport = root.join("content/candidates/anne/passport.yaml");
            let text = std::fs::read_to_string(&passport).unwrap();
            std::fs::write(&passport, format!("{text}# edited\n")).unwrap();
        }
        if rebuilt {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    lines
}

#[test]
fn quiet_serve_leaves_out_the_candidate_lines() {
    let count =
        |lines: &[String], start: &str| lines.iter().filter(|l| l.starts_with(start)).count();
    let loud = serve_lines(&[]);
    assert_eq!(count(&loud, "rebuilt in "), 1, "{loud:?}");
    assert_eq!(count(&loud, "  candidate anne "), 1, "{loud:?}");
    let quiet = serve_lines(&["--quiet"]);
    assert_eq!(count(&quiet, "rebuilt in "), 1, "{quiet:?}");
    assert_eq!(count(&quiet, "changed: "), 1, "{quiet:?}");
    assert_eq!(count(&quiet, "  candidate "), 0, "{quiet:?}");
}
