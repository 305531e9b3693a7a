//! Runtime cases on the file system: symbolic links out of the candidate folder, broken
//! links, FIFOs and devices, and file names with spaces, accents, newlines and shell
//! metacharacters.

use std::path::Path;

use tempfile::TempDir;

use crate::corpus::harness::site;
use crate::corpus::runtime::{
    ANNEXES, Cases, EVIDENCE_PATH, PASSPORT_PATH, REF, REF_PATH, evidence_attaching, write,
};

/// Symbolic links out of the candidate folder, broken links, FIFOs and devices.
#[cfg(unix)]
pub fn links(c: &mut Cases) {
    use std::os::unix::fs::symlink;
    let link = |s: &TempDir, target: &Path, rel: &str| {
        let path = s.path().join(rel);
        let _ = std::fs::remove_file(&path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, path).unwrap();
    };
    let outside = "content/candidates/bruno/preuve.md:13:5: error: attachment `annexes/plan.pdf` is outside the candidate folder";
    let help = "  = help: attachments are paths relative to the evidence file, inside the candidate folder";

    let s = site(true);
    link(&s, &s.path().join(REF_PATH), &format!("{ANNEXES}/plan.pdf"));
    c.add("links/attachment-to-the-referential", s, &[outside, help]);

    let s = site(true);
    link(
        &s,
        Path::new("/etc/hostname"),
        &format!("{ANNEXES}/plan.pdf"),
    );
    c.add("links/attachment-to-an-absolute-path", s, &[outside, help]);

    let s = site(true);
    link(&s, Path::new("photo.png"), &format!("{ANNEXES}/plan.pdf"));
    c.add("links/attachment-inside-the-folder", s, &[]);

    let s = site(true);
    link(&s, Path::new("absent.pdf"), &format!("{ANNEXES}/plan.pdf"));
    c.add(
        "links/attachment-broken",
        s,
        &["content/candidates/bruno/preuve.md:13:5: error: attachment `annexes/plan.pdf` is a broken link"],
    );

    let s = site(true);
    link(&s, Path::new("plan.pdf"), &format!("{ANNEXES}/plan.pdf"));
    c.add(
        "links/attachment-loop",
        s,
        &["content/candidates/bruno/preuve.md:13:5: error: attachment `annexes/plan.pdf` is a broken link"],
    );

    let s = site(true);
    let elsewhere = s.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::copy(
        s.path().join(ANNEXES).join("plan.pdf"),
        elsewhere.join("plan.pdf"),
    )
    .unwrap();
    std::fs::copy(
        s.path().join(ANNEXES).join("photo.png"),
        elsewhere.join("photo.png"),
    )
    .unwrap();
    std::fs::remove_dir_all(s.path().join(ANNEXES)).unwrap();
    link(&s, &elsewhere, ANNEXES);
    c.add(
        "links/attachment-folder-outside",
        s,
        &[
            outside,
            help,
            "content/candidates/bruno/preuve.md:14:5: error: attachment `annexes/photo.png` is outside the candidate folder",
            help,
        ],
    );

    let s = site(true);
    link(&s, Path::new("/etc/passwd"), PASSPORT_PATH);
    c.add(
        "links/passport-to-a-system-file",
        s,
        &["content/candidates/bruno/passport.yaml: error: `passport.yaml` links to a file outside the candidate folder"],
    );

    let s = site(true);
    std::fs::rename(
        s.path().join(PASSPORT_PATH),
        s.path().join("content/candidates/bruno/passeport-v2.yaml"),
    )
    .unwrap();
    link(&s, Path::new("passeport-v2.yaml"), PASSPORT_PATH);
    c.add("links/passport-inside-the-folder", s, &[]);

    let s = site(true);
    link(
        &s,
        Path::new("/etc/passwd"),
        "content/candidates/bruno/vol.md",
    );
    c.add("links/evidence-link-is-not-read", s, &[]);

    let s = site(true);
    link(
        &s,
        &s.path().join("content/candidates/bruno"),
        "content/candidates/copie",
    );
    c.add(
        "links/candidate-folder",
        s,
        &["content/candidates/copie: warning: ignored: a symbolic link; a candidate is a real folder"],
    );

    let s = site(true);
    std::fs::rename(s.path().join(REF_PATH), s.path().join("mini.yaml")).unwrap();
    link(&s, &s.path().join("mini.yaml"), REF_PATH);
    c.add(
        "links/referential",
        s,
        &[
            "content/candidates/bruno/passport.yaml:3:14: error: unknown referential `mini`",
            "  = help: this site has no referential yet",
            "content/referentials/mini.yaml: warning: ignored: a symbolic link; a referential is a real file",
        ],
    );

    let fifo = |s: &TempDir, rel: &str| {
        let path = s.path().join(rel);
        let _ = std::fs::remove_file(&path);
        let status = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(status.is_ok_and(|s| s.success()), "mkfifo {rel}");
    };
    let s = site(true);
    fifo(&s, "refolio.toml");
    c.add(
        "special/config-fifo",
        s,
        &["refolio.toml: error: not a regular file"],
    );

    let s = site(true);
    link(&s, Path::new("/dev/zero"), "refolio.toml");
    c.add(
        "special/config-dev-zero",
        s,
        &["refolio.toml: error: not a regular file"],
    );

    let s = site(true);
    fifo(&s, PASSPORT_PATH);
    c.add(
        "special/passport-fifo",
        s,
        &["content/candidates/bruno/passport.yaml: error: not a regular file"],
    );

    let s = site(true);
    fifo(&s, &format!("{ANNEXES}/plan.pdf"));
    c.add(
        "special/attachment-fifo",
        s,
        &["content/candidates/bruno/preuve.md:13:5: error: attachment `annexes/plan.pdf` is not a file"],
    );

    let s = site(true);
    fifo(&s, "content/candidates/bruno/attente.md");
    c.add("special/evidence-fifo-is-not-read", s, &[]);
}

/// File names with spaces, accents and shell metacharacters: refused where they become
/// URLs, taken as they are elsewhere, and never run.
pub fn names(c: &mut Cases) {
    for (name, suggestion) in [
        ("Mini Référentiel", Some("mini-referentiel")),
        ("$(touch pwned)", Some("touch-pwned")),
        ("a;b&c|d", Some("a-b-c-d")),
        ("-mini", Some("mini")),
        ("MINI", Some("mini")),
        ("`id`", Some("id")),
        ("\"'", None),
    ] {
        let s = site(false);
        write(&s, &format!("content/referentials/{name}.yaml"), REF);
        let headline = format!(
            "content/referentials/{name}.yaml: error: referential file name `{name}` must be lowercase letters, digits and dashes (it becomes the URL)"
        );
        let help = suggestion.map(|s| format!("  = help: rename it `{s}.yaml`"));
        let expected: Vec<&str> = std::iter::once(headline.as_str())
            .chain(help.as_deref())
            .collect();
        c.add(&format!("names/referential-{}", slug(name)), s, &expected);
    }
    for (name, suggestion) in [
        ("bruno dupont", "bruno-dupont"),
        ("zoé", "zoe"),
        ("$(reboot)", "reboot"),
        ("a\nb", "a-b"),
    ] {
        let s = site(true);
        std::fs::rename(
            s.path().join("content/candidates/bruno"),
            s.path().join("content/candidates").join(name),
        )
        .unwrap();
        let shown = name.replace('\n', "\u{fffd}");
        let headline = format!(
            "content/candidates/{shown}: error: candidate folder name `{shown}` must be lowercase letters, digits and dashes (it becomes the URL)"
        );
        let help = format!("  = help: rename it `{suggestion}`");
        c.add(
            &format!("names/candidate-{}", slug(name)),
            s,
            &[&headline, &help],
        );
    }
    // Attachments and evidence files may be named anything the file system takes.
    for name in [
        "plan de vente.pdf",
        "synthèse.pdf",
        "$(touch pwned).pdf",
        "a;b&c|d.pdf",
        "\"guillemets\".pdf",
        "'apostrophes'.pdf",
        "*.pdf",
        "-rf.pdf",
        "plan\tonglet.pdf",
    ] {
        let s = site(true);
        write(&s, &format!("{ANNEXES}/{name}"), "%PDF-1.4\n");
        let quoted = format!(
            "\"annexes/{}\"",
            name.replace('"', "\\\"").replace('\t', "\\t")
        );
        write(&s, EVIDENCE_PATH, evidence_attaching(&quoted));
        c.add(&format!("names/attachment-{}", slug(name)), s, &[]);
    }
    for name in [
        "mon dossier.md",
        "preuve é.md",
        "$(touch pwned).md",
        "a;b|c.md",
    ] {
        let s = site(true);
        std::fs::rename(
            s.path().join(EVIDENCE_PATH),
            s.path().join("content/candidates/bruno").join(name),
        )
        .unwrap();
        c.add(&format!("names/evidence-{}", slug(name)), s, &[]);
    }
    let s = site(true);
    write(&s, &format!("{ANNEXES}/notes:v2.pdf"), "%PDF-1.4\n");
    write(
        &s,
        EVIDENCE_PATH,
        evidence_attaching("\"annexes/notes:v2.pdf\""),
    );
    c.add(
        "names/attachment-with-a-colon",
        s,
        &[
            "content/candidates/bruno/preuve.md:13:5: error: attachment `annexes/notes:v2.pdf`: `:` is not allowed in attachment paths",
            "  = help: rename the file: not every system accepts `:` in a file name",
        ],
    );
    let s = site(true);
    write(&s, &format!("{ANNEXES}/synthe\u{300}se.pdf"), "%PDF-1.4\n");
    write(
        &s,
        EVIDENCE_PATH,
        evidence_attaching("annexes/synth\u{e8}se.pdf"),
    );
    c.add(
        "names/attachment-accent-encoded-differently",
        s,
        &[
            "content/candidates/bruno/preuve.md:13:5: error: attachment `annexes/synthèse.pdf` not found",
            "  = help: `synthe\u{300}se.pdf` exists, its accents encoded differently: retype the file's name",
        ],
    );
    let s = site(true);
    let long = format!("{}.md", "p".repeat(251));
    std::fs::rename(
        s.path().join(EVIDENCE_PATH),
        s.path().join("content/candidates/bruno").join(&long),
    )
    .unwrap();
    c.add(
        "names/evidence-name-too-long-for-its-page",
        s,
        &[&format!(
            "content/candidates/bruno/{long}: error: file name too long for its page: at most 253 bytes"
        )],
    );
}

/// A readable case name for a file name.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    s.trim_matches('-').to_owned().replace("--", "-")
}
