//! Why a result written as a mapping (`{ result: …, reason: … }`) was not one: serde only
//! says no form of an untagged result matched, which leaves an author who wrote that very
//! form with nothing to fix. Read from the text: a field that is not a result's, or the
//! words after a comma in a reason left unquoted (`reason: Salariée, positionnement`),
//! which YAML reads as a field of their own; and a French decimal comma inside `{ … }`
//! (`E1: 9,5/20`), which YAML reads as two entries.

use crate::diagnostics::Position;

/// The fields a result's mapping may hold (`RawDetailed`).
const FIELDS: [&str; 5] = ["result", "reason", "penalty", "date", "jury"];

/// The message, help and position for the mapping result at `p` in `text`, when its text
/// shows what is wrong with it.
pub(super) fn explain(text: &str, p: Position) -> Option<(String, String, Position)> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let line = lines.get((p.line as usize).checked_sub(1)?)?;
    let start = line
        .char_indices()
        .nth((p.column as usize).saturating_sub(1))?
        .0;
    let rest = &line[start..];
    let fields = if let Some(inner) = rest.strip_prefix('{') {
        flow_fields(inner, p)
    } else {
        block_fields(&lines, p)
    };
    let known = fields.iter().map(|f| f.key.as_str()).collect::<Vec<_>>();
    for (i, f) in fields.iter().enumerate() {
        if f.bare && i > 0 && is_decimal_split(&fields[i - 1].value, &f.key) {
            let before = &fields[i - 1];
            return Some(decimal(&before.value, &f.key, before.at));
        }
        if f.bare && i > 0 {
            let before = &fields[i - 1];
            let help = format!(
                "a comma separates the fields of `{{ … }}`: put the text in quotes, \
                 `{}: \"{}, {}\"`",
                before.key, before.value, f.key
            );
            let message = format!(
                "`{}` is read as a field of this result, after the comma: a result has \
                 `result`, `reason`, `penalty`, `date` and `jury`",
                f.key
            );
            return Some((message, help, f.at));
        }
        if f.key == "penalty" && f.value.parse::<u32>().is_err() {
            let message = format!("penalty `{}` is not a whole number of percent", f.value);
            let digits = f.value.trim_end_matches(['%', ' ']);
            let help = format!("write the percentage alone: `penalty: {digits}`");
            return Some((message, help, f.at));
        }
        if !FIELDS.contains(&f.key.as_str()) {
            let message = format!("unknown field `{}` in this result", f.key);
            let help = "a result has `result`, `reason`, `penalty`, `date` and `jury` \
                        (field names are in English)";
            return Some((message, help.to_owned(), f.at));
        }
    }
    if !fields.is_empty() && !known.contains(&"result") {
        let message = "this result has no `result`: write the mark or status under it".into();
        let help = "`{ result: exempted, reason: \"…\" }`".to_owned();
        return Some((message, help, p));
    }
    None
}

/// A result at `p` that is nothing because a decimal comma ended the mark before it
/// (`{ E1: 9,5/20 }`: `E1` is 9, and `5/20` a key without a value, ending at `p`).
pub(super) fn decimal_comma(text: &str, p: Position) -> Option<(String, String, Position)> {
    let line = text.split('\n').nth((p.line as usize).checked_sub(1)?)?;
    let chars: Vec<char> = line.chars().collect();
    let end = (p.column as usize).saturating_sub(1).min(chars.len());
    let head: String = chars[..end].iter().collect();
    let head = head.trim_end();
    let key_start = head.rfind([',', '{', ' '])? + 1;
    let (before, key) = head.split_at(key_start);
    let before = before.strip_suffix(',')?;
    let value_start = before.rfind([':', ' ', '{', ','])? + 1;
    let value = before[value_start..].trim();
    if !is_decimal_split(value, key) {
        return None;
    }
    let column = before[..value_start].chars().count() as u32 + 1;
    let column =
        column + (before[value_start..].len() - before[value_start..].trim_start().len()) as u32;
    Some(decimal(
        value,
        key,
        Position {
            line: p.line,
            column,
        },
    ))
}

/// Whether `value` then `rest`, split at a comma, are one decimal number (`9` and `5/20`).
fn is_decimal_split(value: &str, rest: &str) -> bool {
    !value.is_empty()
        && value.chars().all(|c| c.is_ascii_digit())
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_digit() || c == '/')
}

fn decimal(value: &str, rest: &str, at: Position) -> (String, String, Position) {
    let message =
        format!("`{value},{rest}` is read as two entries: inside `{{ … }}` a comma separates them");
    let help = format!(
        "write the decimal with a point, `{value}.{rest}`, or in quotes, `\"{value},{rest}\"`"
    );
    (message, help, at)
}

/// A field as written: its key, its value's text, where the key is, and whether it was a
/// bare word (no `:`), which only a comma inside an unquoted text makes.
struct Field {
    key: String,
    value: String,
    at: Position,
    bare: bool,
}

/// The fields of a flow mapping whose text after `{` is `inner`, split at the commas
/// outside quotes and brackets.
fn flow_fields(inner: &str, p: Position) -> Vec<Field> {
    let mut fields = Vec::new();
    let (mut depth, mut quote, mut begin) = (0usize, None::<char>, 0usize);
    let mut push = |piece: &str, offset: usize| {
        let lead = piece.len() - piece.trim_start().len();
        let piece = piece.trim();
        if piece.is_empty() {
            return;
        }
        let column = p.column + 1 + inner[..offset + lead].chars().count() as u32;
        let at = Position {
            line: p.line,
            column,
        };
        fields.push(field(piece, at));
    };
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']') if depth > 0 => depth -= 1,
            (None, '}') if depth == 0 => {
                push(&inner[begin..i], begin);
                return fields;
            }
            (None, '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                push(&inner[begin..i], begin);
                begin = i + 1;
            }
            _ => {}
        }
    }
    push(&inner[begin..], begin);
    fields
}

/// The fields of a block mapping whose first key is at `p`: the lines indented as it is.
fn block_fields(lines: &[&str], p: Position) -> Vec<Field> {
    let indent = (p.column as usize).saturating_sub(1);
    let mut fields = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(p.line as usize - 1) {
        let own = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if own < indent {
            break;
        }
        if own == indent {
            let at = Position {
                line: n as u32 + 1,
                column: p.column,
            };
            fields.push(field(body, at));
        }
    }
    fields
}

fn field(piece: &str, at: Position) -> Field {
    match piece.split_once(':') {
        Some((k, v)) => Field {
            key: k.trim().trim_matches(['"', '\'']).to_owned(),
            value: v.trim().to_owned(),
            at,
            bare: false,
        },
        None => Field {
            key: piece.to_owned(),
            value: String::new(),
            at,
            bare: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn an_unquoted_comma_in_a_reason_is_named_with_its_fix() {
        let text = "x:\n  e: { result: exempted, reason: Salariée, positionnement NEGOVENTIS }\n";
        let (message, help, p) = explain(text, at(2, 6)).unwrap();
        assert!(message.starts_with("`positionnement NEGOVENTIS` is read as a field"));
        assert_eq!(
            help,
            "a comma separates the fields of `{ … }`: put the text in quotes, \
             `reason: \"Salariée, positionnement NEGOVENTIS\"`"
        );
        assert_eq!(p, at(2, 44));
    }

    #[test]
    fn a_field_that_is_no_result_s_is_named_where_it_is() {
        let text = "e:\n  result: exempted\n  motif: salarié\nf: 1\n";
        let (message, _, p) = explain(text, at(2, 3)).unwrap();
        assert_eq!(message, "unknown field `motif` in this result");
        assert_eq!(p, at(3, 3));
        let text = "e: { reason: \"a, b\", penalty: 5 }\n";
        let (message, ..) = explain(text, at(1, 4)).unwrap();
        assert!(message.contains("no `result`"), "{message}");
    }

    #[test]
    fn a_decimal_comma_in_a_flow_mapping_is_named_with_its_fix() {
        let text = "  marks: { E1: 60, E2.1: 12,5/20, E2.2: 30 }\n";
        let (message, help, p) = decimal_comma(text, at(1, 33)).unwrap();
        assert_eq!(
            message,
            "`12,5/20` is read as two entries: inside `{ … }` a comma separates them"
        );
        assert_eq!(
            help,
            "write the decimal with a point, `12.5/20`, or in quotes, `\"12,5/20\"`"
        );
        assert_eq!(p, at(1, 26));
        let text = "e: { result: 9,5/20, reason: x }\n";
        let (message, ..) = explain(text, at(1, 4)).unwrap();
        assert!(
            message.starts_with("`9,5/20` is read as two entries"),
            "{message}"
        );
        assert!(decimal_comma("  marks: { E1: 60, E2: 12 }\n", at(1, 25)).is_none());
    }

    #[test]
    fn a_penalty_with_its_percent_sign_is_named() {
        let text = "t: { result: 30, penalty: 5% }\n";
        let (message, help, _) = explain(text, at(1, 4)).unwrap();
        assert_eq!(message, "penalty `5%` is not a whole number of percent");
        assert_eq!(help, "write the percentage alone: `penalty: 5`");
    }

    #[test]
    fn a_right_result_is_left_alone() {
        assert!(explain("e: { result: 5, reason: \"a, b\" }\n", at(1, 4)).is_none());
    }
}
