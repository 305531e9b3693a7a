//! Diagnostics: every problem refolio finds in a site is a typed [`Diagnostic`] carried up
//! to one printer, [`Diagnostic::render`], which writes
//! `path:line:col: error: message`, the offending source line with a caret, and a
//! suggestion when there is one.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How bad a problem is: errors fail `check` and `build`, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What kind of problem a diagnostic reports. Tests and tools match on this; people read
/// the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// The file could not be read, or is not UTF-8, or is too large.
    Unreadable,
    /// The YAML or TOML is not well-formed.
    Syntax,
    /// A value has the wrong type or shape, or a required field is missing.
    WrongType,
    /// A field that the format does not define (usually a typo).
    UnknownField,
    /// Two items share an ID, or two IDs give the same anchor.
    DuplicateId,
    /// An ID or a referential file name that is not well-formed.
    InvalidId,
    /// A reference to an ID that does not exist.
    DanglingReference,
    /// A competence with no evaluation criterion.
    NoCriterion,
    /// A competence that no modality evaluates.
    NotEvaluated,
    /// A required text that is empty.
    EmptyText,
    /// A value outside what makes sense (a pass mark above the total, a bad date…).
    InvalidValue,
    /// A referential or bloc with nothing in it.
    Empty,
    /// A template that does not parse or render.
    Template,
    /// A competence (or criterion) of the blocs presented that no evidence demonstrates.
    Uncovered,
    /// A file that should exist does not: a passport, an attachment.
    MissingFile,
    /// A path that leaves the candidate folder, or a file type refused for safety.
    UnsafePath,
    /// A competence or criterion outside the blocs the candidate presents.
    OutOfScope,
    /// A result or a decision the certifier's rules do not provide for: a mark for an item
    /// without points, a retake beyond the limit, a jury decision without its motive.
    Rule,
}

impl Kind {
    /// A stable name for tools (`--message-format json`), kebab-case.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Unreadable => "unreadable",
            Kind::Syntax => "syntax",
            Kind::WrongType => "wrong-type",
            Kind::UnknownField => "unknown-field",
            Kind::DuplicateId => "duplicate-id",
            Kind::InvalidId => "invalid-id",
            Kind::DanglingReference => "dangling-reference",
            Kind::NoCriterion => "no-criterion",
            Kind::NotEvaluated => "not-evaluated",
            Kind::EmptyText => "empty-text",
            Kind::InvalidValue => "invalid-value",
            Kind::Empty => "empty",
            Kind::Template => "template",
            Kind::Uncovered => "uncovered",
            Kind::MissingFile => "missing-file",
            Kind::UnsafePath => "unsafe-path",
            Kind::OutOfScope => "out-of-scope",
            Kind::Rule => "rule",
        }
    }
}

/// A position in a source file: 1-based line and column, columns counted in characters.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the text and to a character
    /// boundary).
    pub fn at_offset(text: &str, offset: usize) -> Position {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Position {
            line: line as u32,
            column: column as u32,
        }
    }
}

/// Where a diagnostic points: a file (relative to the site root) and, when known, a position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub path: PathBuf,
    pub position: Option<Position>,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, position: Option<Position>) -> Self {
        Location {
            path: path.into(),
            position,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        Ok(())
    }
}

/// One problem found in the site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: Kind,
    pub location: Option<Location>,
    pub message: String,
    /// A fix the author can apply, printed as `help: …`.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub fn error(kind: Kind, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            kind,
            location,
            message: message.into(),
            suggestion: None,
        }
    }

    pub fn warning(kind: Kind, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(kind, location, message)
        }
    }

    /// The same problem, tolerated: for checks a site may relax (`allow_gaps`).
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn with_suggestion(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// The first line alone: `path:line:col: error: message`.
    pub fn headline(&self) -> String {
        match &self.location {
            Some(loc) => format!("{loc}: {}: {}", self.severity, self.message),
            None => format!("{}: {}", self.severity, self.message),
        }
    }

    /// One JSON object, for tools: path, line, column (null when unknown), severity,
    /// code, message and help.
    pub fn to_json(&self) -> String {
        let path = self
            .location
            .as_ref()
            .map(|l| l.path.to_string_lossy().replace('\\', "/"));
        let position = self.location.as_ref().and_then(|l| l.position);
        serde_json::json!({
            "type": "diagnostic",
            "path": path,
            "line": position.map(|p| p.line),
            "column": position.map(|p| p.column),
            "severity": self.severity.to_string(),
            "code": self.kind.code(),
            "message": self.message,
            "help": self.suggestion,
        })
        .to_string()
    }

    /// The full report: headline, source snippet with a caret, and the suggestion.
    pub fn render(&self, sources: &Sources) -> String {
        self.render_styled(sources, &Styles::PLAIN)
    }

    /// [`Self::render`] with the escape sequences of `styles` around its parts (for a
    /// terminal; the command line strips them when colour is off).
    pub fn render_styled(&self, sources: &Sources, styles: &Styles) -> String {
        let severity = match self.severity {
            Severity::Error => styles.error,
            Severity::Warning => styles.warning,
        };
        let (bold, gutter) = (styles.emphasis, styles.gutter);
        let mut out = match &self.location {
            Some(loc) => format!("{bold}{}{bold:#}: ", printable(&loc.to_string())),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{severity}{}{severity:#}: {bold}{}{bold:#}",
            self.severity,
            printable(&self.message)
        );
        let snippet_line = self.location.as_ref().and_then(|loc| {
            let pos = loc.position?;
            let text = sources.get(&loc.path)?;
            let line = text.lines().nth(pos.line.checked_sub(1)? as usize)?;
            Some((pos, line))
        });
        if let Some((pos, line)) = snippet_line {
            let number = pos.line.to_string();
            let pad = " ".repeat(number.len());
            // Tabs would misalign the caret; show them as one space each.
            let shown: String = line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let start = pos.column.saturating_sub(1) as usize;
            let (shown, caret, width) = window(shown.trim_end(), start);
            let _ = writeln!(out, "{gutter}{pad} |{gutter:#}");
            let _ = writeln!(out, "{gutter}{number} |{gutter:#} {}", printable(&shown));
            let caret = format!("{}{severity}{}", " ".repeat(caret), "^".repeat(width));
            let _ = writeln!(out, "{gutter}{pad} |{gutter:#} {caret}{severity:#}");
        }
        if let Some(s) = &self.suggestion {
            let help = styles.help;
            let _ = writeln!(out, "  = {help}help{help:#}: {}", printable(s));
        }
        out
    }
}

/// The styles of a rendered diagnostic's parts, as rustc colours them.
#[derive(Clone, Copy, Debug)]
pub struct Styles {
    pub error: anstyle::Style,
    pub warning: anstyle::Style,
    /// The location and the message.
    pub emphasis: anstyle::Style,
    /// The line number and the `|` beside the quoted source.
    pub gutter: anstyle::Style,
    pub help: anstyle::Style,
}

impl Styles {
    /// No escape sequence at all.
    pub const PLAIN: Styles = Styles {
        error: anstyle::Style::new(),
        warning: anstyle::Style::new(),
        emphasis: anstyle::Style::new(),
        gutter: anstyle::Style::new(),
        help: anstyle::Style::new(),
    };

    /// Colours for a terminal.
    pub const COLOURED: Styles = {
        use anstyle::AnsiColor::{Blue, Cyan, Red, Yellow};
        Styles {
            error: Red.on_default().bold(),
            warning: Yellow.on_default().bold(),
            emphasis: anstyle::Style::new().bold(),
            gutter: Blue.on_default().bold(),
            help: Cyan.on_default().bold(),
        }
    };
}

/// `text` with every control character (escape sequences, line breaks) shown as `�`:
/// diagnostics quote untrusted content, which must not drive the terminal or break lines.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Lines longer than this are shown around the column only.
const SNIPPET_CHARS: usize = 120;

/// The part of `line` to show with a caret at character `start`: the line, or a window of
/// it marked with `…`; with the caret's column and width in what is shown.
fn window(line: &str, start: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SNIPPET_CHARS {
        return (line.to_owned(), start, token_width(line, start));
    }
    let from = start
        .saturating_sub(SNIPPET_CHARS / 3)
        .min(chars.len() - SNIPPET_CHARS);
    let to = from + SNIPPET_CHARS;
    let mut shown: String = if from > 0 {
        "…".into()
    } else {
        String::new()
    };
    let caret = start - from + shown.chars().count();
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    let width = token_width(line, start)
        .min(to.saturating_sub(start))
        .max(1);
    (shown, caret, width)
}

/// How many characters the value starting at `start` spans: a quoted string to its closing
/// quote, otherwise up to the next flow delimiter or comment. At least one.
fn token_width(line: &str, start: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(start).collect();
    let width = match rest.first() {
        Some(&q @ ('"' | '\'')) => rest[1..]
            .iter()
            .position(|&c| c == q)
            .map_or(rest.len(), |end| end + 2),
        Some(_) => {
            let end = rest
                .iter()
                .position(|&c| matches!(c, ',' | ']' | '}' | '#'))
                .unwrap_or(rest.len());
            rest[..end]
                .iter()
                .collect::<String>()
                .trim_end()
                .chars()
                .count()
        }
        None => 0,
    };
    width.max(1)
}

/// The text of every source file read, by path relative to the site root, so the printer
/// can quote the offending line.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: BTreeMap<PathBuf, String>,
}

impl Sources {
    pub fn insert(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) {
        self.files.insert(path.into(), text.into());
    }

    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    pub fn remove(&mut self, path: &Path) {
        self.files.remove(path);
    }

    /// Keeps the texts whose path `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&Path) -> bool) {
        self.files.retain(|path, _| keep(path));
    }

    /// Moves every text of `other` in; returns their paths.
    pub fn absorb(&mut self, other: Sources) -> Vec<PathBuf> {
        other
            .files
            .into_iter()
            .map(|(path, text)| {
                self.files.insert(path.clone(), text);
                path
            })
            .collect()
    }
}

/// The diagnostics of one run, in the order they were found until [`Diagnostics::sorted`].
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Lines of files whose value was replaced to find a file's next error: what is
    /// reported there afterwards is about the replacement, not the author's text.
    masked: Vec<Mask>,
}

/// Lines of a file whose diagnostics are dropped: see [`Diagnostics::mask`].
pub type Mask = (PathBuf, std::ops::RangeInclusive<u32>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        if !self.is_masked(&d) {
            self.items.push(d);
        }
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// From now on, drops what is reported on `lines` of `path`.
    pub fn mask(&mut self, path: &Path, lines: std::ops::RangeInclusive<u32>) {
        self.masked.push((path.to_path_buf(), lines));
    }

    fn is_masked(&self, d: &Diagnostic) -> bool {
        let Some((path, line)) = d
            .location
            .as_ref()
            .and_then(|l| Some((&l.path, l.position?.line)))
        else {
            return false;
        };
        self.masked
            .iter()
            .any(|(p, lines)| p == path && lines.contains(&line))
    }

    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// The diagnostics and the masked lines, to persist a unit's diagnostics and go on
    /// adding to them in a later build exactly as this one would have (see `cache::units`).
    pub fn into_parts(self) -> (Vec<Diagnostic>, Vec<Mask>) {
        (self.items, self.masked)
    }

    /// The inverse of [`Diagnostics::into_parts`].
    pub fn from_parts(items: Vec<Diagnostic>, masked: Vec<Mask>) -> Diagnostics {
        Diagnostics { items, masked }
    }

    /// By file, then position, so output does not depend on walk or thread order.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        items
    }
}

/// The closest candidate to `wanted`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
        // Too short for the score to see it: two letters swapped (`di` for `id`).
        .or_else(|| {
            candidates.into_iter().find(|c| {
                let c = c.to_lowercase();
                c.len() == wanted_lower.len() && strsim::osa_distance(&c, &wanted_lower) == 1 && {
                    let (mut a, mut b): (Vec<char>, Vec<char>) =
                        (c.chars().collect(), wanted_lower.chars().collect());
                    a.sort_unstable();
                    b.sort_unstable();
                    a == b
                }
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headline_snippet_caret_and_help() {
        let mut sources = Sources::default();
        sources.insert("r.yaml", "a: 1\n    evaluates: [C1.1, C1.9]\n");
        let d = Diagnostic::error(
            Kind::DanglingReference,
            Some(Location::new(
                "r.yaml",
                Some(Position {
                    line: 2,
                    column: 23,
                }),
            )),
            "unknown competence `C1.9`",
        )
        .with_suggestion(Some("did you mean `C1.1`?".into()));
        assert_eq!(
            d.render(&sources),
            "r.yaml:2:23: error: unknown competence `C1.9`\n  |\n2 |     evaluates: [C1.1, C1.9]\n  |                       ^^^^\n  = help: did you mean `C1.1`?\n"
        );
    }

    #[test]
    fn coloured_rendering_is_the_plain_one_with_escapes_around_its_parts() {
        let mut sources = Sources::default();
        sources.insert("r.yaml", "level: cinq\n");
        let at = Location::new("r.yaml", Some(Position { line: 1, column: 8 }));
        let d = Diagnostic::warning(Kind::InvalidValue, Some(at), "unknown level `cinq`")
            .with_suggestion(Some("write a number".into()));
        let coloured = d.render_styled(&sources, &Styles::COLOURED);
        assert!(
            coloured.contains("\u{1b}[1m\u{1b}[33mwarning\u{1b}[0m: "),
            "{coloured:?}"
        );
        let stripped = regex::Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
        assert_eq!(stripped.replace_all(&coloured, ""), d.render(&sources));
    }

    #[test]
    fn long_lines_are_shown_around_the_caret() {
        let line = format!("title: {}", "[".repeat(5000));
        let (shown, caret, width) = window(&line, 300);
        assert_eq!(shown.chars().count(), SNIPPET_CHARS + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(caret, 41);
        assert!(width <= SNIPPET_CHARS);
        assert_eq!(window("a: b", 3), ("a: b".to_owned(), 3, 1));
    }

    #[test]
    fn control_characters_are_not_printed() {
        let d = Diagnostic::error(Kind::Syntax, None, "unknown referential `\u{1b}[2J`");
        assert_eq!(
            d.render(&Sources::default()),
            "error: unknown referential `\u{FFFD}[2J`\n"
        );
    }

    #[test]
    fn token_width_handles_quotes_and_flow_delimiters() {
        assert_eq!(token_width("id: \"a b\" # x", 4), 5);
        assert_eq!(token_width("[C1, C2]", 1), 2);
        assert_eq!(token_width("", 0), 1);
    }

    #[test]
    fn suggests_close_ids_only() {
        assert_eq!(
            did_you_mean("C1.9", ["C1.1", "B1", "Cr2.3.4"]),
            Some("C1.1")
        );
        assert_eq!(did_you_mean("zzz", ["C1.1"]), None);
        assert_eq!(did_you_mean("di", ["id", "title"]), Some("id"));
        assert_eq!(did_you_mean("B3", ["B1", "B2"]), None);
    }
}
