//! Every independent mistake of a YAML file in one run. serde stops at the first error; to
//! find the next one, the failing value is patched in a copy of the text (an unknown field
//! commented out, a wrong value replaced by a placeholder of another type) and the copy
//! parsed again, until it parses or the parser meets a syntax error, which stops only its
//! file. Patches never add or remove a line, so every later position is true to the file;
//! the lines patched are returned so that what the placeholders themselves cause later
//! (an empty text, a level of 0) is not reported.

use std::ops::RangeInclusive;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::indentation::{is_written, key_column, spaces as indentation};
use super::yaml_errors::{error_position, innermost, yaml_diagnostic};
use crate::diagnostics::{Diagnostic, Kind, Position};

/// No file needs more: past it, the mistakes are not independent any more.
const MAX_ERRORS: usize = 50;

/// Values tried in place of a wrong one, until one has a type the field accepts.
const PLACEHOLDERS: &[&str] = &["0", "false", "[]", "{}", "~", "x"];

/// What parsing a file found: its value (from the patched text when there were errors,
/// `None` when no patch made it parse), every error, and the lines patched.
pub struct Recovered<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
    pub patched: Vec<RangeInclusive<u32>>,
    /// The one-line fields beside a patched value, which checks may compare with it.
    pub beside: Vec<u32>,
    /// No patch lost anything another item depends on (a list, an ID).
    trusted: bool,
}

/// Parses `text` (the file at `rel`) into `T`, reporting every independent error.
pub fn parse<T: DeserializeOwned>(text: &str, rel: &Path) -> Recovered<T> {
    let mut recovered = Recovered {
        value: None,
        diagnostics: Vec::new(),
        patched: Vec::new(),
        beside: Vec::new(),
        trusted: true,
    };
    let mut current = text.to_owned();
    // The lines of the keys commented out.
    let mut removed: Vec<u32> = Vec::new();
    let mut error = match super::parse_raw::<T>(&current) {
        Ok(value) => {
            recovered.value = Some(value);
            return recovered;
        }
        Err(e) => e,
    };
    loop {
        // Worded and located against the file itself: the patched lines are masked.
        let diagnostic = yaml_diagnostic(&error, &current, rel);
        let Some(at) = diagnostic
            .location
            .as_ref()
            .and_then(|l| l.position)
            .filter(|_| diagnostic.kind != Kind::Syntax || is_duplicate(&error))
        else {
            recovered.diagnostics.push(diagnostic);
            return recovered;
        };
        let found_at = error_position(&error).unwrap_or(at);
        let missing = matches!(
            innermost(&error),
            serde_saphyr::Error::SerdeMissingField { .. }
        );
        // `nom:` commented out, then `name` missing: the unknown field said it already.
        if missing && removed.iter().any(|&r| in_mapping(&current, at, r)) {
            return recovered;
        }
        recovered.diagnostics.push(diagnostic);
        if recovered.diagnostics.len() >= MAX_ERRORS {
            return recovered;
        }
        let Some(next) =
            patch_and_retry::<T>(&current, &error, found_at, &mut recovered, &mut removed)
        else {
            return recovered;
        };
        match next {
            (_, Ok(value)) => {
                // A document that lost a list or an ID would report what depends on it.
                recovered.value = recovered.trusted.then_some(value);
                return recovered;
            }
            (text, Err(e)) => {
                current = text;
                error = e;
            }
        }
    }
}

type Attempt<T> = (String, Result<T, serde_saphyr::Error>);

/// Tries the patches for `error` at `at` in turn; the first whose next error is not on a
/// patched line (or that parses) is kept. `None` when none helps.
fn patch_and_retry<T: DeserializeOwned>(
    text: &str,
    error: &serde_saphyr::Error,
    at: Position,
    recovered: &mut Recovered<T>,
    removed: &mut Vec<u32>,
) -> Option<Attempt<T>> {
    let lines: Vec<&str> = text.split('\n').collect();
    let inner = innermost(error);
    let candidates: Vec<Patch> = match inner {
        // A misspelt field is read as the one meant, so that its value is checked too.
        serde_saphyr::Error::SerdeUnknownField {
            field, expected, ..
        } => crate::diagnostics::did_you_mean(field, expected.iter().copied())
            .and_then(|meant| Patch::rename(&lines, at, field, meant))
            .into_iter()
            .chain(Patch::comment_out(&lines, at))
            .collect(),
        serde_saphyr::Error::DuplicateMappingKey { .. } => vec![Patch::comment_out(&lines, at)?],
        serde_saphyr::Error::SerdeUnknownVariant { expected, .. } => expected
            .first()
            .map(|v| Patch::replace(&lines, at, v))
            .into_iter()
            .flatten()
            .chain(
                PLACEHOLDERS
                    .iter()
                    .filter_map(|p| Patch::replace(&lines, at, p)),
            )
            .collect(),
        serde_saphyr::Error::SerdeMissingField { .. } => return None,
        _ => PLACEHOLDERS
            .iter()
            .filter_map(|p| Patch::replace(&lines, at, p))
            .collect(),
    };
    for patch in candidates {
        let patched = patch.apply(&lines);
        let result = super::parse_raw::<T>(&patched);
        // The next error must be elsewhere: one on a patched line is the patch's own.
        let fine = match &result {
            Ok(_) => true,
            Err(e) => error_position(e).is_some_and(|p| {
                !recovered
                    .patched
                    .iter()
                    .chain([&patch.lines])
                    .any(|r| r.contains(&p.line))
            }),
        };
        if fine {
            if patch.removes {
                removed.push(at.line);
            } else if patch.placeholder {
                // What the sibling values are checked against (a minimum against its
                // points) would be checked against the placeholder.
                recovered.beside.extend(neighbours(&lines, at.line));
            }
            recovered.trusted &= patch.trusted;
            recovered.patched.push(patch.lines);
            return Some((patched, result));
        }
    }
    None
}

fn is_duplicate(e: &serde_saphyr::Error) -> bool {
    matches!(
        innermost(e),
        serde_saphyr::Error::DuplicateMappingKey { .. }
    )
}

/// A change of some lines of the text, keeping their number.
struct Patch {
    lines: RangeInclusive<u32>,
    replacement: Vec<String>,
    /// It comments a key out.
    removes: bool,
    /// It puts a placeholder of a guessed type, which the checks of the fields beside it
    /// (a minimum against its points) must not be compared with.
    placeholder: bool,
    /// It changes one value of one line, that no other item refers to: the patched
    /// document can be checked further without the loss being felt elsewhere.
    trusted: bool,
}

impl Patch {
    /// The key at `at` and what it holds (the lines indented under it) as comments.
    fn comment_out(lines: &[&str], at: Position) -> Option<Patch> {
        let first = at.line as usize - 1;
        let line = lines.get(first)?;
        let column = at.column as usize - 1;
        let (before, rest) = split_chars(line, column);
        if !before
            .trim_start_matches(' ')
            .trim_start_matches("- ")
            .is_empty()
            && !before.trim().is_empty()
        {
            return None; // a key inside a flow mapping
        }
        let indent = indentation(line);
        let last = block_end(lines, first, indent);
        let mut replacement = vec![format!("{before}#{rest}")];
        replacement.extend(lines[first + 1..=last].iter().map(|l| format!("#{l}")));
        // A `- ` item left with nothing after its dash is a null item: keep it a mapping.
        if before.trim_end().ends_with('-') {
            replacement[0] = format!("{before}{{}} #{rest}");
        }
        Some(Patch {
            lines: at.line..=(last as u32 + 1),
            trusted: last == first,
            replacement,
            removes: true,
            placeholder: false,
        })
    }

    /// The key `field` at `at` spelt `meant`.
    fn rename(lines: &[&str], at: Position, field: &str, meant: &str) -> Option<Patch> {
        let line = lines.get(at.line as usize - 1)?;
        let (before, rest) = split_chars(line, at.column as usize - 1);
        let after = rest.strip_prefix(field)?;
        Some(Patch {
            lines: at.line..=at.line,
            replacement: vec![format!("{before}{meant}{after}")],
            removes: false,
            placeholder: false,
            trusted: true,
        })
    }

    /// The value at `at` (to the end of its line and the lines under it, or the token when
    /// it sits inside a flow list or mapping) replaced by `value`.
    fn replace(lines: &[&str], at: Position, value: &str) -> Option<Patch> {
        let first = at.line as usize - 1;
        let line = lines.get(first)?;
        let mut column = at.column as usize - 1;
        // On a key's colon: the value after it is missing.
        if line.chars().nth(column) == Some(':') {
            column += 1;
        }
        let (before, rest) = split_chars(line, column);
        // An ID replaced would turn every reference to it into an error.
        let is_id = line[key_column(line)..].starts_with("id:");
        let in_flow = before.matches(['[', '{']).count() > before.matches([']', '}']).count();
        let starts_flow = rest.trim_start().starts_with(['[', '{']);
        let space = if before.ends_with([' ', '[', '{', ',']) || before.is_empty() {
            ""
        } else {
            " "
        };
        if in_flow && !starts_flow {
            let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
            return Some(Patch {
                lines: at.line..=at.line,
                replacement: vec![format!("{before}{space}{value}{}", &rest[end..])],
                removes: false,
                placeholder: PLACEHOLDERS.contains(&value),
                trusted: !is_id,
            });
        }
        if in_flow {
            return None;
        }
        let indent = indentation(line);
        // A value that starts its line (a mapping under a key) ends with its siblings.
        let own_line = before.trim().is_empty();
        let last = match own_line {
            true => block_end(lines, first, indent.saturating_sub(1)),
            false => block_end(lines, first, indent),
        };
        let mut replacement = vec![format!("{before}{space}{value}")];
        replacement.extend(lines[first + 1..=last].iter().map(|l| format!("#{l}")));
        let scalar = last == first && !starts_flow && !matches!(value, "[]" | "{}");
        Some(Patch {
            lines: at.line..=(last as u32 + 1),
            replacement,
            removes: false,
            placeholder: PLACEHOLDERS.contains(&value),
            trusted: scalar && !is_id,
        })
    }

    fn apply(&self, lines: &[&str]) -> String {
        let start = *self.lines.start() as usize - 1;
        let end = *self.lines.end() as usize - 1;
        let mut out: Vec<&str> = Vec::with_capacity(lines.len());
        out.extend(&lines[..start]);
        out.extend(self.replacement.iter().map(String::as_str));
        out.extend(&lines[end + 1..]);
        out.join("\n")
    }
}

/// The lines (1-based) of the mapping holding line `at` whose key has its value on the
/// same line: the fields a check may compare with the one on line `at`.
fn scalar_siblings(lines: &[&str], at: u32) -> Vec<u32> {
    let index = at as usize - 1;
    let Some(line) = lines.get(index) else {
        return Vec::new();
    };
    let column = key_column(line);
    let is_scalar = |l: &str| {
        l.split_once(':').is_some_and(|(_, v)| {
            let v = v.trim();
            !v.is_empty() && !v.starts_with(['|', '>', '#'])
        })
    };
    let mut siblings = Vec::new();
    let mut visit = |i: usize| -> bool {
        let l = lines[i];
        if !is_written(l) {
            return true;
        }
        if key_column(l) == column {
            if is_scalar(l) {
                siblings.push(i as u32 + 1);
            }
            // A `- ` item starts the mapping: nothing above it belongs to it.
            return !l[indentation(l)..].starts_with("- ");
        }
        indentation(l) > column
    };
    if !line[indentation(line)..].starts_with("- ") {
        for i in (0..index).rev() {
            if !visit(i) {
                break;
            }
        }
    }
    for (i, l) in lines.iter().enumerate().skip(index + 1) {
        if is_written(l) && l[indentation(l)..].starts_with("- ") && key_column(l) <= column {
            break;
        }
        if !visit(i) {
            break;
        }
    }
    siblings
}

/// The one-line fields beside line `at`, and those of the item holding it (the parts of
/// a total are checked against it).
fn neighbours(lines: &[&str], at: u32) -> Vec<u32> {
    let mut found = scalar_siblings(lines, at);
    let index = at as usize - 1;
    let column = lines.get(index).map_or(0, |l| key_column(l));
    let parent = (0..index)
        .rev()
        .find(|&i| is_written(lines[i]) && key_column(lines[i]) < column);
    if let Some(p) = parent {
        found.push(p as u32 + 1);
        found.extend(scalar_siblings(lines, p as u32 + 1));
    }
    found
}

/// Whether line `line` holds a key of the block mapping whose first key is at `start`
/// (a key before it, commented out, counts).
fn in_mapping(text: &str, start: Position, line: u32) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    let column = start.column as usize - 1;
    let key_at = |l: &str| key_column(l.trim_start_matches('#')) == column;
    if lines.get(line as usize - 1).is_none_or(|l| !key_at(l)) {
        return false;
    }
    let (from, to) = (line.min(start.line) as usize, line.max(start.line) as usize);
    lines[from..to - 1].iter().all(|l| {
        !is_written(l)
            || indentation(l) >= column
                && !(key_column(l) == column && l[indentation(l)..].starts_with("- "))
    })
}

/// The last line (0-based) of the block that line `first` opens: the lines after it that
/// are blank, comments, or indented more than `indent`.
fn block_end(lines: &[&str], first: usize, indent: usize) -> usize {
    let mut last = first;
    for (i, l) in lines.iter().enumerate().skip(first + 1) {
        if !is_written(l) {
            continue;
        }
        if indentation(l) > indent {
            last = i;
        } else {
            break;
        }
    }
    last
}

/// `line` cut before its character `column`.
fn split_chars(line: &str, column: usize) -> (String, String) {
    let cut = line
        .char_indices()
        .nth(column)
        .map_or(line.len(), |(i, _)| i);
    (line[..cut].to_owned(), line[cut..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        level: Option<u32>,
        kind: Option<Kind2>,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind2 {
        Oral,
        Simulation,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        points: Option<u32>,
    }

    fn headlines(text: &str) -> (bool, Vec<String>, Vec<RangeInclusive<u32>>) {
        let r = parse::<Doc>(text, Path::new("r.yaml"));
        let heads = r.diagnostics.iter().map(Diagnostic::headline).collect();
        (r.value.is_some(), heads, r.patched)
    }

    #[test]
    fn finds_every_independent_mistake() {
        let text = "title: T\ntitre: X\nlevel: cinq\nkind: simulaton\nitems:\n  - id: a\n    points: [1, 2]\n  - id: b\n    pionts: 3\n";
        let (parsed, heads, patched) = headlines(text);
        assert_eq!(
            heads,
            [
                "r.yaml:2:1: error: unknown field `titre`",
                "r.yaml:3:8: error: expected a whole number, zero or more",
                "r.yaml:4:7: error: unknown value `simulaton`",
                "r.yaml:7:13: error: expected a single value, found a list",
                "r.yaml:9:5: error: unknown field `pionts`",
            ]
        );
        // `points: [1, 2]` lost a list: the value is not checked further.
        assert!(!parsed);
        for lines in [2..=2, 3..=3, 4..=4, 7..=7, 9..=9] {
            assert!(patched.contains(&lines), "{lines:?} in {patched:?}");
        }
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(scalar_siblings(&lines, 7), [6], "not the next item's");
        assert_eq!(scalar_siblings(&lines, 3), [2, 1, 4], "not a list");
    }

    #[test]
    fn a_syntax_error_stops_the_file() {
        let (parsed, heads, _) =
            headlines("title: T\ntitre: X\nitems:\n  - id: a\n   points: 3\nkind: oarl\n");
        assert!(!parsed, "{heads:#?}");
        assert_eq!(heads.len(), 2, "{heads:#?}");
        assert_eq!(heads[0], "r.yaml:2:1: error: unknown field `titre`");
        assert_eq!(
            heads[1],
            "r.yaml:5:4: error: this line is indented by 3 spaces, which lines up with nothing above it"
        );
    }

    #[test]
    fn a_document_with_one_line_mistakes_is_checked_further() {
        let (parsed, heads, _) = headlines("titre: T\nlevel: cinq\nkind: oarl\n");
        assert!(parsed, "{heads:#?}");
        assert_eq!(heads.len(), 3, "{heads:#?}");
        // `nom` for `title`: no second error for the missing `title`.
        let (parsed, heads, _) = headlines("level: 2\nnom: T\n");
        assert_eq!(heads, ["r.yaml:2:1: error: unknown field `nom`"]);
        assert!(!parsed);
    }

    #[test]
    fn a_valid_file_has_no_patch() {
        let (parsed, heads, patched) = headlines("title: T\nlevel: 3\n");
        assert!(parsed && heads.is_empty() && patched.is_empty());
    }

    #[test]
    fn a_mapping_where_a_text_goes_is_replaced_with_its_lines() {
        let (parsed, heads, patched) = headlines("title:\n  a: 1\n  b: 2\nlevel: x\n");
        assert!(!parsed, "{heads:#?}");
        assert_eq!(heads.len(), 2, "{heads:#?}");
        assert!(patched.contains(&(2..=3)), "{patched:?}");
    }
}
