//! Cases built at test time, as they cannot be committed sensibly: bytes that are not UTF-8,
//! byte order marks and CRLF line endings (which tools rewrite), symbolic links, FIFOs,
//! huge files, deep nesting, and file names with spaces, accents or shell metacharacters.
//! Each is the base site with one fault, and its exact expected diagnostics.

use tempfile::TempDir;

use crate::corpus::harness::{Case, Expected, site};

pub const REF: &str = include_str!("../../corpus/base/content/referentials/mini.yaml");
pub const PASSPORT: &str = include_str!("../../corpus/base/content/candidates/bruno/passport.yaml");
pub const EVIDENCE: &str = include_str!("../../corpus/base/content/candidates/bruno/preuve.md");

pub const REF_PATH: &str = "content/referentials/mini.yaml";
pub const PASSPORT_PATH: &str = "content/candidates/bruno/passport.yaml";
pub const EVIDENCE_PATH: &str = "content/candidates/bruno/preuve.md";
pub const ANNEXES: &str = "content/candidates/bruno/annexes";

pub fn write(site: &TempDir, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = site.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The base site with `rel` replaced by `bytes`.
pub fn base_with(rel: &str, bytes: impl AsRef<[u8]>) -> TempDir {
    let s = site(true);
    write(&s, rel, bytes);
    s
}

/// A site holding only the referential `bytes`.
pub fn referential(bytes: impl AsRef<[u8]>) -> TempDir {
    let s = site(false);
    write(&s, REF_PATH, bytes);
    s
}

/// The base evidence naming `attachment` first, instead of `annexes/plan.pdf`.
pub fn evidence_attaching(attachment: &str) -> String {
    EVIDENCE.replace("  - annexes/plan.pdf\n", &format!("  - {attachment}\n"))
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// A text of exactly `size` bytes: `text` padded with comment lines.
fn padded(text: &str, size: usize) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    while bytes.len() < size {
        let line = b"# remplissage\n";
        let n = line.len().min(size - bytes.len());
        bytes.extend_from_slice(&line[..n]);
    }
    bytes
}

pub struct Cases(Vec<Case>);

impl Cases {
    pub fn add(&mut self, name: &str, site: TempDir, expected: &[&str]) {
        self.0.push(Case {
            name: format!("runtime/{name}"),
            site,
            expected: Expected::Lines(expected.iter().map(|l| (*l).to_owned()).collect()),
        });
    }
}

pub fn cases() -> Vec<Case> {
    let mut c = Cases(Vec::new());
    encodings(&mut c);
    sizes(&mut c);
    nesting(&mut c);
    #[cfg(unix)]
    crate::corpus::runtime_fs::links(&mut c);
    crate::corpus::runtime_fs::names(&mut c);
    c.0
}

/// Byte order marks, CRLF and CR line endings, bytes that are not UTF-8, control characters.
fn encodings(c: &mut Cases) {
    let bom = |t: &str| format!("\u{feff}{t}");
    c.add("bom/referential", referential(bom(REF)), &[]);
    c.add("bom/passport", base_with(PASSPORT_PATH, bom(PASSPORT)), &[]);
    c.add("bom/evidence", base_with(EVIDENCE_PATH, bom(EVIDENCE)), &[]);
    c.add(
        "bom/config",
        base_with("refolio.toml", bom("title = \"Jury\"\n")),
        &[],
    );
    c.add(
        "bom/error-keeps-its-column",
        referential(bom(&REF.replace("level: 6", "level: six"))),
        &["content/referentials/mini.yaml:3:8: error: expected a whole number, zero or more"],
    );
    c.add("bom/twice", referential(bom(&bom(REF))), &[]);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(REF.encode_utf16().flat_map(u16::to_le_bytes));
    c.add(
        "encoding/utf-16",
        referential(utf16),
        &["content/referentials/mini.yaml:1:1: error: file is not valid UTF-8"],
    );
    c.add("crlf/referential", referential(crlf(REF)), &[]);
    c.add(
        "crlf/passport",
        base_with(PASSPORT_PATH, crlf(PASSPORT)),
        &[],
    );
    c.add(
        "crlf/evidence",
        base_with(EVIDENCE_PATH, crlf(EVIDENCE)),
        &[],
    );
    c.add(
        "crlf/config",
        base_with("refolio.toml", "title = \"Jury\"\r\n"),
        &[],
    );
    c.add(
        "crlf/error-location",
        referential(crlf(&REF.replace("    minimum: 30", "    minimum: 90"))),
        &[
            "content/referentials/mini.yaml:17:14: error: minimum 90 is above the 60 points of the professional evaluation",
        ],
    );
    c.add(
        "crlf/syntax-error-location",
        referential(crlf(&REF.replace("[C1.1, C1.2]", "[C1.1, C1.2"))),
        &["content/referentials/mini.yaml:51:20: error: unclosed bracket '['"],
    );
    c.add(
        "crlf/evidence-error-location",
        base_with(
            EVIDENCE_PATH,
            crlf(&EVIDENCE.replace("2026-01-20", "20/01/2026")),
        ),
        &[
            "content/candidates/bruno/preuve.md:3:7: error: `20/01/2026` is not a date",
            "  = help: write dates as YYYY-MM-DD, e.g. 2026-06-18",
        ],
    );
    c.add(
        "crlf/unclosed-front-matter",
        base_with(EVIDENCE_PATH, crlf(&EVIDENCE.replace("---\nTexte", "Texte"))),
        &[
            "content/candidates/bruno/preuve.md:1:1: error: the front matter opened here is not closed",
            "  = help: end the fields with a `---` line, before the text",
        ],
    );
    c.add(
        "cr/old-mac-line-endings",
        referential(REF.replace('\n', "\r")),
        &[],
    );
    c.add(
        "cr/error-location",
        referential(REF.replace("level: 6", "level: 0").replace('\n', "\r")),
        &[
            "content/referentials/mini.yaml:3:8: error: level 0 is not a qualification level (1 to 8)",
        ],
    );
    let mut latin1 = REF
        .replace(
            "certifier: Organisme de test",
            "certifier: Organisme d\u{e9}",
        )
        .into_bytes();
    let at = latin1.iter().position(|&b| b == 0xC3).unwrap();
    latin1.splice(at..at + 2, [0xE9]);
    c.add(
        "encoding/latin-1-referential",
        referential(latin1),
        &["content/referentials/mini.yaml:4:23: error: file is not valid UTF-8"],
    );
    let mut passport = PASSPORT.as_bytes().to_vec();
    passport.splice(3..3, [0xFF]);
    c.add(
        "encoding/passport-invalid-byte",
        base_with(PASSPORT_PATH, passport),
        &["content/candidates/bruno/passport.yaml:1:4: error: file is not valid UTF-8"],
    );
    let mut evidence = EVIDENCE.as_bytes().to_vec();
    evidence.extend_from_slice(b"Fin \xC3");
    c.add(
        "encoding/evidence-truncated-character",
        base_with(EVIDENCE_PATH, evidence),
        &["content/candidates/bruno/preuve.md:18:5: error: file is not valid UTF-8"],
    );
    c.add(
        "encoding/config-invalid-byte",
        base_with("refolio.toml", b"title = \"Jury \xFF\"\n"),
        &["refolio.toml:1:15: error: file is not valid UTF-8"],
    );
    c.add(
        "encoding/nul-byte",
        referential(REF.replace("title: Mini", "title: Mi\0ni")),
        &["content/referentials/mini.yaml:1:10: error: control character U+0000 is not allowed in YAML"],
    );
    c.add(
        "encoding/escape-sequence-in-a-value",
        base_with(PASSPORT_PATH, PASSPORT.replace("referential: mini", "referential: \"\\e[2Jmini\"")),
        &[
            "content/candidates/bruno/passport.yaml:3:14: error: unknown referential `\u{fffd}[2Jmini`",
            "  = help: referentials of this site: mini",
        ],
    );
}

/// Files over the size limits, and just at it.
fn sizes(c: &mut Cases) {
    const MIB8: usize = 8 * 1024 * 1024;
    let over = "file is too large: 8388609 bytes, over the limit of 8 MiB";
    c.add(
        "huge/referential",
        referential(padded(REF, MIB8 + 1)),
        &[&format!("content/referentials/mini.yaml: error: {over}")],
    );
    c.add(
        "huge/referential-at-the-limit",
        referential(padded(REF, MIB8)),
        &[],
    );
    c.add(
        "huge/passport",
        base_with(PASSPORT_PATH, padded(PASSPORT, MIB8 + 1)),
        &[&format!(
            "content/candidates/bruno/passport.yaml: error: {over}"
        )],
    );
    let mut evidence = EVIDENCE.as_bytes().to_vec();
    evidence.resize(MIB8 + 1, b'x');
    c.add(
        "huge/evidence",
        base_with(EVIDENCE_PATH, evidence),
        &[&format!(
            "content/candidates/bruno/preuve.md: error: {over}"
        )],
    );
    c.add(
        "huge/config",
        base_with("refolio.toml", padded("", MIB8 + 1)),
        &[&format!("refolio.toml: error: {over}")],
    );
    let s = site(true);
    let file = std::fs::File::create(s.path().join(ANNEXES).join("plan.pdf")).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap(); // sparse: costs no disk
    c.add(
        "huge/attachment",
        s,
        &[
            "content/candidates/bruno/preuve.md:13:5: error: attachment `annexes/plan.pdf` is too large: 67108865 bytes, over the limit of 64 MiB",
        ],
    );
    let long_title = format!("title: {}", "Mini ".repeat(200_000));
    c.add(
        "huge/one-megabyte-line-with-an-error",
        referential(REF.replace("title: Mini", &format!("{long_title}: oups"))),
        &[
            "content/referentials/mini.yaml:1:1000008: error: unexpected `:` here",
            "  = help: check the indentation; a text holding `: ` must be put in quotes",
        ],
    );
    let items = vec!["i"; 300_000].join(", ");
    c.add(
        "huge/three-hundred-thousand-values",
        referential(REF.replace("indicators: [Indicateur]", &format!("indicators: [{items}]"))),
        &["content/referentials/mini.yaml:39:749778: error: too many values in one file: the limit is 250 000"],
    );
}

/// Deep nesting and aliases that expand: bounded, with a clear message.
fn nesting(c: &mut Cases) {
    let deep = format!("{}C1.1{}", "[".repeat(100_000), "]".repeat(100_000));
    c.add(
        "nesting/flow-100000-deep",
        referential(REF.replace("[C1.1, C1.2]", &deep)),
        &["content/referentials/mini.yaml:51:275: error: lists or mappings are nested too deeply"],
    );
    let mut block = String::from("self_assessment:\n  C1.1:\n");
    for depth in 2..200 {
        block.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    c.add(
        "nesting/block-200-deep",
        base_with(PASSPORT_PATH, PASSPORT.replace("self_assessment:\n", &block)),
        &["content/candidates/bruno/passport.yaml:86:129: error: lists or mappings are nested too deeply"],
    );
    // Ten aliases of ten aliases of … a 100 kB text: gigabytes once expanded.
    let mut bomb = REF.replace(
        "preamble: Préambule.",
        &format!("preamble: &p {}", "x".repeat(100_000)),
    );
    bomb = bomb.replace(
        "                indicators: [Indicateur]",
        "                indicators: &i [*p, *p, *p, *p, *p, *p, *p, *p, *p, *p]",
    );
    bomb.push_str("  - id: B3\n    title: Bombe\n    criteria:\n");
    for _ in 0..100 {
        bomb.push_str("      - {text: x, competences: [C1.1], indicators: *i}\n");
    }
    c.add(
        "nesting/alias-expansion",
        referential(bomb),
        &["content/referentials/mini.yaml:147:52: error: too much text once aliases (`*name`) are expanded: the limit is 64 MiB"],
    );
}
