//! The YAML parser's errors, worded for an author and located where the fix goes: what was
//! expected and what was found, the unclosed bracket rather than the line where the parser
//! gave up, the tab itself, the start of a mapping that lacks a field.

use std::path::Path;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Error, MessageFormatter};

use crate::diagnostics::{Diagnostic, Kind, Location, Position};

/// A located diagnostic for a failure to parse `text` (the file at `rel`).
pub(super) fn yaml_diagnostic(e: &serde_saphyr::Error, text: &str, rel: &Path) -> Diagnostic {
    let mut position = error_position(e);
    let inner = innermost(e);
    let at = |p: Option<Position>| p.map(|p| token(text, p)).unwrap_or_default();
    let shape = |p: Option<Position>| p.map_or("nothing", |p| shape(text, p));
    let single_value = |p: Option<Position>| {
        let message = format!("expected a single value, found {}", shape(p));
        (message, quote_help(&at(p)))
    };
    let empty = || {
        (
            "the document is empty".to_owned(),
            Some(Position { line: 1, column: 1 }),
        )
    };
    // The errors serde-saphyr tells apart by their variant; the parser's own (syntax) come
    // as its text, matched below.
    let (kind, mut message, mut suggestion) = match inner {
        Error::Budget { breach, .. } => (Kind::Syntax, budget(breach), None),
        Error::SerdeUnknownField {
            field, expected, ..
        } => super::unknown_field(field, expected),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => super::unknown_value(variant, &expected.join(", ")),
        Error::SerdeMissingField { field, .. } => {
            position = position.map(|p| mapping_start(text, p));
            let misplaced =
                position.and_then(|p| super::indentation::misplaced_key(text, p, field));
            match misplaced {
                Some((p, message, help)) => {
                    position = Some(p);
                    (Kind::Syntax, message, Some(help))
                }
                None => (Kind::WrongType, format!("missing field `{field}`"), None),
            }
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("");
            (Kind::Syntax, format!("duplicate key `{key}`"), None)
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => super::wrong_type(unexpected, expected),
        Error::InvalidScalar { ty, .. } => {
            let message = match (*ty, int_type(ty)) {
                (_, Some(max)) => whole_number(&at(position), max),
                ("boolean", None) => Some("expected `true` or `false`".into()),
                _ => None,
            };
            let message = message.unwrap_or_else(|| format!("expected {}", super::scalar_type(ty)));
            (Kind::WrongType, message, None)
        }
        Error::Eof { .. } if is_blank(text) => {
            let (message, p) = empty();
            position = p;
            (Kind::Syntax, message, None)
        }
        Error::Unexpected { expected, .. } => {
            let (message, help) = match *expected {
                "mapping start" if is_blank(text) => {
                    let (message, p) = empty();
                    position = p;
                    (message, None)
                }
                "string scalar" => single_value(position),
                "boolean" => ("expected `true` or `false`".into(), None),
                "sequence start" => (
                    format!("expected a list, found {}", shape(position)),
                    Some("write the items as `- item` lines, or as `[a, b]`".into()),
                ),
                "mapping start" => (
                    format!(
                        "expected fields (`name: value` lines), found {}",
                        shape(position)
                    ),
                    None,
                ),
                other => (format!("expected {other}"), None),
            };
            (Kind::WrongType, message, help)
        }
        Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. } => {
            let (message, help) = single_value(position);
            (Kind::Syntax, message, help)
        }
        Error::NullIntoString { .. } => {
            (Kind::Syntax, "no value here: expected a text".into(), None)
        }
        Error::MultipleDocuments { .. } => (
            Kind::Syntax,
            "a second YAML document starts here: a file holds one document".into(),
            Some("remove this `---` line, or move what follows to its own file".into()),
        ),
        Error::UnknownAnchor { .. } => {
            let alias = at(position);
            let name = alias.trim_start_matches('*');
            let message =
                format!("`{alias}` refers to no anchor: `&{name}` is not defined before it");
            (Kind::Syntax, message, None)
        }
        Error::NonFiniteFloat { value, .. } => (
            Kind::Syntax,
            format!("`{value}` is not a finite number"),
            None,
        ),
        Error::TaggedScalarCannotDeserializeIntoString { .. } => (
            Kind::Syntax,
            "a tagged value cannot be a text: remove the tag (`!!…`)".into(),
            None,
        ),
        _ => {
            let raw = serde_saphyr::DefaultMessageFormatter.format_message(inner);
            let (kind, message, suggestion) = super::explain_serde_message(raw.into_owned());
            let (reworded, help) = parser_message(&message);
            let tab = message
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w == "tab" || w == "tabs")
                .then(|| position.and_then(|p| tab_indent(text, p.line)))
                .flatten();
            // serde's text for an untagged enum: only its name says what was expected.
            let untagged = message.strip_prefix("data did not match any variant of untagged enum ");
            let indented = || {
                use super::indentation::{explain, is_indentation};
                is_indentation(&message)
                    .then(|| position.and_then(|p| explain(text, p)))
                    .flatten()
            };
            match (untagged, reworded, tab) {
                (Some(name), ..) => {
                    let expected = untagged_expected(name.trim());
                    let found = shape(position);
                    // A result written as a mapping: its own text says what is wrong.
                    let result = name.trim() == "RawResult";
                    let mapping = position
                        .filter(|_| result)
                        .and_then(|p| super::result_mapping::decimal_comma(text, p))
                        .or_else(|| {
                            (result && found == "a mapping")
                                .then(|| {
                                    position.and_then(|p| super::result_mapping::explain(text, p))
                                })
                                .flatten()
                        });
                    match mapping {
                        Some((message, help, p)) => {
                            position = Some(p);
                            (kind, message, Some(help))
                        }
                        None => (
                            kind,
                            format!("expected {expected}, found {found}"),
                            suggestion,
                        ),
                    }
                }
                (None, Some(m), _) => (kind, m, help),
                (None, None, Some(tab)) => {
                    position = Some(tab);
                    let message = "a tab indents this line: YAML indents with spaces only";
                    (kind, message.into(), suggestion)
                }
                (None, None, None) => match indented() {
                    Some((p, message, help)) => {
                        position = Some(p);
                        (kind, message, Some(help))
                    }
                    None => (kind, message, suggestion),
                },
            }
        }
    };
    let limit = matches!(inner, serde_saphyr::Error::Budget { .. });
    if kind == Kind::Syntax
        && !limit
        && !message.starts_with("unclosed")
        && let Some((p, c)) = unclosed_flow(text).filter(|(p, _)| position.is_none_or(|e| *p < e))
    {
        position = Some(p);
        message = match c {
            '[' => "unclosed bracket '['".into(),
            _ => "unclosed brace '{'".into(),
        };
        suggestion = None;
    }
    Diagnostic::error(kind, Some(Location::new(rel, position)), message).with_suggestion(suggestion)
}

/// What an untagged enum of the raw documents stands for, by its name.
fn untagged_expected(name: &str) -> &'static str {
    match name {
        "RawResult" => {
            "a mark (`62`, `14/20`), a status (`absent`…), `validated`, or `{ result: …, reason: … }`"
        }
        "RawStatusRule" => {
            "a consequence (`not-validated`…) or `{ consequence: …, retake: …, counted: … }`"
        }
        _ => "a number, or a text such as `acquired` or `14/20`",
    }
}

/// A message of the YAML parser in an author's words, and a help; `None` for one left as
/// it is. serde-saphyr passes the parser's errors on as their text only.
fn parser_message(raw: &str) -> (Option<String>, Option<String>) {
    let quote = || Some("put the text in quotes".to_owned());
    match raw {
        "simple key expected ':'" => {
            return (
                Some("expected `name: value`, with a space after the colon".into()),
                None,
            );
        }
        "mapping values are not allowed in this context" => {
            let help = "check the indentation; a text holding `: ` must be put in quotes";
            return (Some("unexpected `:` here".into()), Some(help.into()));
        }
        "recursion limit exceeded" => {
            return (Some("lists or mappings are nested too deeply".into()), None);
        }
        _ => {}
    }
    let Some(c) = raw
        .strip_prefix("unexpected character: `")
        .and_then(|r| r.strip_suffix('\''))
    else {
        return (None, None);
    };
    match c.strip_prefix("\\u{") {
        Some(code) => {
            let code = code.trim_end_matches('}').to_uppercase();
            let message = format!("control character U+{code:0>4} is not allowed in YAML");
            (Some(message), None)
        }
        None if c == "`" => (Some("a value cannot start with a backtick".into()), quote()),
        None => (Some(format!("a value cannot start with `{c}`")), quote()),
    }
}

/// Where the parser saw the error (before it is moved to where the author should look).
pub(super) fn error_position(e: &Error) -> Option<Position> {
    e.location().filter(|l| l.line() > 0).map(|l| Position {
        line: l.line() as u32,
        column: l.column() as u32,
    })
}

/// The error itself, without the wrappers that add a snippet or an alias's locations.
pub(super) fn innermost(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = e
    {
        e = error;
    }
    e
}

/// A parser limit that protects memory, in an author's words.
fn budget(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { .. } => "lists or mappings are nested too deeply".into(),
        BudgetBreach::Aliases { .. } => "too many aliases (`*name`) in one file".into(),
        BudgetBreach::Anchors { .. } => "too many anchors (`&name`) in one file".into(),
        BudgetBreach::ScalarBytes { .. } => {
            "too much text once aliases (`*name`) are expanded: the limit is 64 MiB".into()
        }
        BudgetBreach::Nodes { .. } => "too many values in one file: the limit is 250 000".into(),
        BudgetBreach::Events { .. } => {
            "too many YAML events in one file: the limit is 1 000 000".into()
        }
        other => format!("the file exceeds a limit of the YAML reader ({other:?})"),
    }
}

/// The largest value of an unsigned integer type named by serde (`u32`).
fn int_type(message: &str) -> Option<u64> {
    match message {
        "u8" => Some(u8::MAX.into()),
        "u16" => Some(u16::MAX.into()),
        "u32" => Some(u32::MAX.into()),
        "u64" | "usize" => Some(u64::MAX),
        _ => None,
    }
}

/// Why `written` is not a whole number of at most `max`, when it is an integer.
fn whole_number(written: &str, max: u64) -> Option<String> {
    let n: i128 = written.parse().ok()?;
    Some(if n < 0 {
        format!("`{written}` is negative: expected a whole number, zero or more")
    } else if n > i128::from(max) {
        format!("`{written}` is too large: at most {max}")
    } else {
        return None;
    })
}

fn quote_help(written: &str) -> Option<String> {
    written
        .starts_with(['[', '{'])
        .then(|| "a text starting with `[` or `{` must be put in quotes".into())
}

/// The characters of line `p.line` from column `p.column`.
fn rest_of_line(text: &str, p: Position) -> String {
    text.split('\n')
        .nth((p.line as usize).saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
        .chars()
        .skip((p.column as usize).saturating_sub(1))
        .collect()
}

/// The plain token written at `p`: up to a space, a flow delimiter or a comment.
fn token(text: &str, p: Position) -> String {
    let rest = rest_of_line(text, p);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#'))
        .unwrap_or(rest.len());
    rest[..end].to_owned()
}

/// What the value at `p` is: a list, a mapping, a single value, or nothing.
fn shape(text: &str, p: Position) -> &'static str {
    let rest = rest_of_line(text, p);
    let rest = rest.trim_end();
    match rest.chars().next() {
        // Positions on a key's colon: the value after it is missing.
        None | Some('~' | '#' | ':') => "nothing",
        Some('[') => "a list",
        Some('{') => "a mapping",
        Some('-') if rest.len() == 1 || rest[1..].starts_with([' ', '\t']) => "a list",
        _ if rest == "null" => "nothing",
        _ if rest.contains(": ") || rest.ends_with(':') => "a mapping",
        _ => "a single value",
    }
}

/// Whether a document holds nothing but blank lines, comments and document markers.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..." || l == "~"
    })
}

/// Where the block mapping whose key is at `at` starts: its first key, or the `- ` item
/// it opens. serde reports a missing field where the mapping ended, which is not where
/// an author looks for it.
fn mapping_start(text: &str, at: Position) -> Position {
    let lines: Vec<&str> = text.split('\n').collect();
    let (line, column) = (at.line as usize, at.column as usize);
    let Some(current) = lines.get(line.wrapping_sub(1)) else {
        return at;
    };
    let key = column.saturating_sub(1);
    let prefix: String = current.chars().take(key).collect();
    if !prefix
        .trim_start_matches(' ')
        .trim_start_matches("- ")
        .is_empty()
    {
        return at; // a flow mapping, or a key that is not at the start of its line
    }
    let mut first = at;
    for i in (0..line - 1).rev() {
        let l = lines[i].trim_end_matches('\r');
        let trimmed = l.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = l.len() - trimmed.len();
        if trimmed.starts_with("- ") && indent + 2 == key {
            return Position {
                line: i as u32 + 1,
                column: at.column,
            };
        }
        if indent < key || trimmed == "---" {
            break;
        }
        if indent == key {
            first = Position {
                line: i as u32 + 1,
                column: at.column,
            };
        }
    }
    first
}

/// The first tab in the indentation of line `from` or a later line.
fn tab_indent(text: &str, from: u32) -> Option<Position> {
    text.split('\n')
        .enumerate()
        .skip((from as usize).saturating_sub(1))
        .find_map(|(i, l)| {
            let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
            indent.find('\t').map(|col| Position {
                line: i as u32 + 1,
                column: indent[..col].chars().count() as u32 + 1,
            })
        })
}

/// The first `[` or `{` that is never closed: what a syntax error after it comes from,
/// whatever the parser says. Quoted texts, comments and brackets inside plain texts of
/// block style do not count.
fn unclosed_flow(text: &str) -> Option<(Position, char)> {
    let mut open: Vec<(Position, char)> = Vec::new();
    let mut quote: Option<char> = None;
    // The indentation of the line that opened a block scalar (`|`, `>`), whose text lines,
    // more indented, are not YAML.
    let mut block: Option<usize> = None;
    for (i, line) in text.split('\n').enumerate() {
        let number = i as u32 + 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut value_start = quote.is_none();
        let mut j = 0;
        while j < chars.len() {
            let here = Position {
                line: number,
                column: j as u32 + 1,
            };
            let c = chars[j];
            if let Some(q) = quote {
                if c == '\\' && q == '"' {
                    j += 1;
                } else if c == q {
                    if q == '\'' && chars.get(j + 1) == Some(&'\'') {
                        j += 1;
                    } else {
                        quote = None;
                    }
                }
                j += 1;
                continue;
            }
            let in_flow = !open.is_empty();
            match c {
                ' ' | '\t' => {}
                '#' if j == 0 || chars[j - 1] == ' ' => break,
                '"' | '\'' if value_start => quote = Some(c),
                '|' | '>' if value_start && !in_flow => {
                    block = Some(indent);
                    break;
                }
                '[' | '{' if value_start || in_flow => open.push((here, c)),
                ']' | '}' if in_flow => {
                    open.pop();
                }
                _ => {}
            }
            value_start = match c {
                ' ' | '\t' => value_start,
                ',' | '[' | '{' => in_flow || c != ',',
                '-' | '?' | ':' => chars.get(j + 1).is_none_or(|n| *n == ' '),
                _ => false,
            };
            j += 1;
        }
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn finds_the_bracket_left_open() {
        let text = "a:\n  b: [x, y\n  c: [1]\n";
        assert_eq!(unclosed_flow(text), Some((at(2, 6), '[')));
        assert_eq!(unclosed_flow("a: [x]\nb: {c: [1]}\n"), None);
        assert_eq!(unclosed_flow("a: 'x [y'\nb: c [d\ne: \"[\" # [\n"), None);
        assert_eq!(unclosed_flow("a: |\n  [voir\n\n  {x\nb: [1]\n"), None);
    }

    #[test]
    fn a_missing_field_is_located_at_the_start_of_its_mapping() {
        let text = "blocs:\n  - title: A\n    points: 3\n    hours: 2\n";
        assert_eq!(mapping_start(text, at(4, 5)), at(2, 5));
        assert_eq!(mapping_start("a: 1\nb: 2\n", at(2, 1)), at(1, 1));
    }

    /// The headline and help of parsing `text` as a map of numbers.
    fn parse_error(text: &str) -> (String, Option<String>) {
        type Map = std::collections::BTreeMap<String, u32>;
        let d = super::super::parse_yaml::<Map>(text, Path::new("x.yaml")).unwrap_err();
        (d.headline(), d.suggestion)
    }

    #[test]
    fn errors_are_worded_from_the_error_variant() {
        // The key whole, commas and all: it is the variant's field, not cut out of a text.
        assert_eq!(
            parse_error("\"a, b\": 1\n\"a, b\": 2\n").0,
            "x.yaml:2:1: error: duplicate key `a, b`"
        );
        assert_eq!(
            parse_error("a: -3\n"),
            (
                "x.yaml:1:4: error: `-3` is negative: expected a whole number, zero or more".into(),
                None
            )
        );
        assert_eq!(
            parse_error("a: [1]\n").0,
            "x.yaml:1:4: error: expected a single value, found a list"
        );
    }

    #[test]
    fn numbers_out_of_range_say_why() {
        assert_eq!(
            whole_number("-5", 255).unwrap(),
            "`-5` is negative: expected a whole number, zero or more"
        );
        assert_eq!(
            whole_number("300", 255).unwrap(),
            "`300` is too large: at most 255"
        );
        assert_eq!(whole_number("12.5", 255), None);
    }
}
