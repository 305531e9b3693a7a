//! Load: walk a site's content tree, read each file once, and parse it into raw documents
//! (see [`raw`]) whose values keep their line:column. Every problem becomes a located
//! [`Diagnostic`]; only an unreadable site root is fatal.

mod attachment;
pub mod candidate;
mod glossary;
mod indentation;
pub mod links;
pub mod raw;
pub mod raw_candidate;
pub mod raw_rules;
mod recover;
pub mod referential_links;
mod result_mapping;
pub mod session;
pub mod spanned;
mod yaml_errors;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::Error;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Position, Sources};

/// Files larger than this are refused with a diagnostic instead of being parsed: no
/// referential comes near it, and it bounds memory on hostile input.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub use crate::layout::{REFERENTIALS_DIR, is_editor_temporary};

/// One referential file as read from disk: its ID (the file stem) and its raw content.
#[derive(Debug)]
pub struct ReferentialFile {
    pub id: String,
    /// Path relative to the site root, as diagnostics print it.
    pub path: PathBuf,
    pub raw: raw::RawReferential,
}

/// One entry directly inside a content folder, as listed.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    /// Not following symbolic links: a linked file or folder is neither.
    pub is_file: bool,
    pub is_dir: bool,
}

/// The entries directly inside `dir`, in file-name order, without hidden files and editor
/// temporaries; none when `dir` does not exist.
pub fn list(dir: &Path) -> Result<Vec<Entry>, Error> {
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut entries = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || is_editor_temporary(&name) {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Error::io(&entry.path(), e))?;
        entries.push(Entry {
            name,
            path: entry.path(),
            is_file: kind.is_file(),
            is_dir: kind.is_dir(),
        });
    }
    entries.sort_by(|a, b| a.path.file_name().cmp(&b.path.file_name()));
    Ok(entries)
}

/// Reads one entry of the referentials folder; `None` when it is not a usable referential
/// (reported, except for what is silently skipped: folders and links).
pub fn load_referential(
    root: &Path,
    entry: &Entry,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<ReferentialFile> {
    let rel = relative(root, &entry.path);
    let Some(stem) = entry
        .name
        .strip_suffix(".yaml")
        .or_else(|| entry.name.strip_suffix(".yml"))
    else {
        diags.push(Diagnostic::warning(
            Kind::Unreadable,
            Some(Location::new(&rel, None)),
            "ignored: a referential is a `.yaml` file",
        ));
        return None;
    };
    if !entry.is_file {
        if entry.path.is_file() {
            diags.push(Diagnostic::warning(
                Kind::Unreadable,
                Some(Location::new(&rel, None)),
                "ignored: a symbolic link; a referential is a real file",
            ));
        }
        return None;
    }
    // `mini.yml` beside `mini.yaml` would be a second referential `mini`, at the same URL.
    if entry.name.ends_with(".yml") && entry.path.with_extension("yaml").is_file() {
        diags.push(
            Diagnostic::error(
                Kind::DuplicateId,
                Some(Location::new(&rel, None)),
                format!("referential `{stem}` is already defined by `{stem}.yaml`"),
            )
            .with_suggestion(Some("keep one of the two files".into())),
        );
        return None;
    }
    if let Err(d) = check_url_id(stem, &rel, "referential file", ".yaml") {
        diags.push(d);
        return None;
    }
    if stem == RESERVED_REFERENTIAL_ID {
        // Its pages would overwrite the jury's index and dossiers.
        diags.push(
            Diagnostic::error(
                Kind::InvalidId,
                Some(Location::new(&rel, None)),
                format!("`{stem}` cannot name a referential: the jury's pages live in `{stem}/`"),
            )
            .with_suggestion(Some(format!(
                "rename the file, e.g. `{stem}-referential.yaml`"
            ))),
        );
        return None;
    }
    let raw = read_yaml::<raw::RawReferential>(&entry.path, &rel, sources, diags)?;
    Some(ReferentialFile {
        id: stem.to_owned(),
        path: rel,
        raw,
    })
}

/// Reads and parses one YAML file, keeping its text among `sources` for the diagnostics to
/// quote; `None` when it cannot be read or parsed (reported).
pub fn read_yaml<T: DeserializeOwned>(
    path: &Path,
    rel: &Path,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<T> {
    let text = read_text(path, rel, diags)?;
    let parsed = parse_yaml_all::<T>(&text, rel, diags);
    sources.insert(rel, text);
    parsed
}

/// Parses a YAML document into `T`, reporting every independent error of it (see
/// [`recover`]). The value is returned even when there were errors, from the text with the
/// wrong values replaced, so that later checks report the file's other mistakes too.
pub fn parse_yaml_all<T: DeserializeOwned>(
    text: &str,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    let recovered = recover::parse::<T>(text, rel);
    diags.extend(recovered.diagnostics);
    for lines in recovered.patched {
        diags.mask(rel, lines);
    }
    for line in recovered.beside {
        diags.mask(rel, line..=line);
    }
    recovered.value
}

/// The warning for a site without a referentials folder, if it has none.
pub fn missing_referentials(root: &Path) -> Option<Diagnostic> {
    (!root.join(REFERENTIALS_DIR).is_dir()).then(|| {
        Diagnostic::warning(
            Kind::Empty,
            Some(Location::new(REFERENTIALS_DIR, None)),
            "no referentials folder: the site has no referential",
        )
    })
}

/// The output folder the jury's pages use, so no referential may take it as its ID.
pub const RESERVED_REFERENTIAL_ID: &str = "candidates";

/// Referential file stems and candidate folder names become URLs: lowercase letters, digits
/// and dashes.
/// `what` names the thing ("referential file"), `ext` its extension in the suggestion.
pub fn check_url_id(stem: &str, rel: &Path, what: &str, ext: &str) -> Result<(), Diagnostic> {
    if is_url_id(stem) {
        return Ok(());
    }
    let suggestion = url_id(stem);
    Err(Diagnostic::error(
        Kind::InvalidId,
        Some(Location::new(rel, None)),
        format!(
            "{what} name `{stem}` must be lowercase letters, digits and dashes (it becomes the URL)"
        ),
    )
    .with_suggestion((!suggestion.is_empty()).then(|| format!("rename it `{suggestion}{ext}`"))))
}

/// Whether `stem` can name a referential or candidate: lowercase letters, digits and
/// dashes, not starting with a dash.
pub fn is_url_id(stem: &str) -> bool {
    !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !stem.starts_with('-')
}

/// The URL ID closest to `name`: accents and ligatures dropped, anything else than letters
/// and digits a dash (`Référentiel RDC` → `referentiel-rdc`, `Œuvre` → `oeuvre`); empty
/// when nothing is left.
pub fn url_id(name: &str) -> String {
    crate::fold::anchor(name)
}

/// Turns every lone carriage return into a line feed (`\r\n` is kept). YAML and Markdown
/// read a lone `\r` as a line break, while positions, quoted lines and the front-matter
/// splitter count `\n` only: without this, every position after a stray `\r` would point
/// past the line it names (found by the `front_matter` fuzz target, see docs/fuzzing.md).
pub fn normalize_line_breaks(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        });
    }
    out
}

/// Reads a whole file as UTF-8 (without a BOM, lone `\r` made `\n`), or explains why it
/// cannot.
pub fn read_text(path: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let located = |msg: String, pos: Option<Position>| {
        Diagnostic::error(Kind::Unreadable, Some(Location::new(rel, pos)), msg)
    };
    match std::fs::metadata(path) {
        // A FIFO would block the read forever, a device such as /dev/zero never end it.
        Ok(m) if !m.is_file() => {
            diags.push(located("not a regular file".into(), None));
            return None;
        }
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            diags.push(located(
                format!(
                    "file is too large: {} bytes, over the limit of {} MiB",
                    m.len(),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                None,
            ));
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            diags.push(located(format!("cannot read: {e}"), None));
            return None;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(located(format!("cannot read: {e}"), None));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Some(normalize_line_breaks(text))
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            // Safe: the prefix up to `valid_up_to` is UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            diags.push(located(
                "file is not valid UTF-8".into(),
                Some(Position::at_offset(prefix, prefix.len())),
            ));
            None
        }
    }
}

/// Parses a YAML document into `T`, turning a failure into a located diagnostic.
pub fn parse_yaml<T: DeserializeOwned>(text: &str, rel: &Path) -> Result<T, Diagnostic> {
    parse_raw(text).map_err(|e| yaml_errors::yaml_diagnostic(&e, text, rel))
}

fn parse_raw<T: DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(text, options)
}

/// Classifies a serde message of the TOML reader, whose error gives its text only, and
/// words it for an author rather than a programmer. The YAML reader's errors are told
/// apart by their variant instead (see `yaml_errors`), and share the wording below.
pub(crate) fn explain_serde_message(message: String) -> (Kind, String, Option<String>) {
    // "one of `id`, `tags`, `title`" or "`id` or `tags`" as names.
    let names = |expected: &str| -> Vec<String> {
        expected
            .trim_start_matches("one of ")
            .split([',', ' '])
            .filter(|s| *s != "or")
            .map(|s| s.trim_matches('`').to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        // "unknown field `tgs`, expected one of `id`, `tags`"
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return unknown_field(field.trim_matches('`'), &names(expected));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        // "unknown variant `FR`, expected `fr` or `en`"
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ").replace('`', "");
        return unknown_value(value.trim_matches('`'), &expected);
    }
    if message.starts_with("missing field ") {
        return (Kind::WrongType, message, None);
    }
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return wrong_type(found, expected);
    }
    if let Some(ty) = message.strip_prefix("invalid ") {
        return (
            Kind::WrongType,
            format!("expected {}", scalar_type(ty)),
            None,
        );
    }
    if message.starts_with("expected ") || message.starts_with("invalid type") {
        return (Kind::WrongType, message, None);
    }
    (Kind::Syntax, message, None)
}

/// A field the document's type does not have, with the closest one it has.
pub(crate) fn unknown_field<S: AsRef<str>>(
    field: &str,
    names: &[S],
) -> (Kind, String, Option<String>) {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    let suggestion = glossary::english_field(field, &names)
        .map(|n| format!("did you mean `{n}`? (field names are in English)"))
        .or_else(|| {
            crate::diagnostics::did_you_mean(field, names.iter().copied())
                .map(|n| format!("did you mean `{n}`?"))
        })
        .or_else(|| (!names.is_empty()).then(|| format!("expected one of: {}", names.join(", "))));
    (
        Kind::UnknownField,
        format!("unknown field `{field}`"),
        suggestion,
    )
}

/// A value outside a fixed list (`kind: oarl`), with the list (`oral, written`).
pub(crate) fn unknown_value(value: &str, expected: &str) -> (Kind, String, Option<String>) {
    let values = expected.split(',').map(str::trim).filter(|v| !v.is_empty());
    let help = match crate::diagnostics::did_you_mean(value, values) {
        Some(meant) => Some(format!("did you mean `{meant}`?")),
        None => (!expected.is_empty()).then(|| format!("expected one of: {expected}")),
    };
    (Kind::WrongType, format!("unknown value `{value}`"), help)
}

/// serde's "invalid type: `found`, expected `expected`", in an author's words.
pub(crate) fn wrong_type(found: &str, expected: &str) -> (Kind, String, Option<String>) {
    // A Rust type name means nothing to an author: a struct is a TOML table.
    let expected = match expected.strip_prefix("struct ") {
        Some(_) => "a table",
        None => expected,
    };
    let found = match found {
        "sequence" => "a list",
        "map" => "a mapping",
        other => other,
    };
    (
        Kind::WrongType,
        format!("expected {expected}, found {found}"),
        None,
    )
}

/// A scalar type serde names (`u32`), as an author would say it.
pub(crate) fn scalar_type(ty: &str) -> &str {
    match ty {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, zero or more",
        other => other,
    }
}

/// Where a spanned value was written, when the parser knows.
pub fn position<T>(s: &serde_saphyr::Spanned<T>) -> Option<Position> {
    let l = s.referenced;
    (l.line() > 0).then(|| Position {
        line: l.line() as u32,
        column: l.column() as u32,
    })
}

/// `path` relative to `root` when it is inside it, for printing.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_ids_from_file_names() {
        assert_eq!(url_id("000_6ef1de9ee4de5838"), "000-6ef1de9ee4de5838");
        assert_eq!(url_id("Référentiel  RDC (2024)"), "referentiel-rdc-2024");
        assert_eq!(url_id("Œuvre d’Ángel"), "oeuvre-d-angel");
        assert!(is_url_id("rdc-2024") && !is_url_id("RDC") && !is_url_id(""));
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        assert_eq!(
            Position::at_offset("é\nàb", 6),
            Position { line: 2, column: 3 }
        );
    }

    #[test]
    fn recognises_editor_temporaries() {
        for name in ["a.yaml~", ".a.yaml.swp", "#a.yaml#", "a.yaml___jb_tmp___"] {
            assert!(is_editor_temporary(name), "{name}");
        }
        assert!(!is_editor_temporary("a.yaml"));
    }
}
