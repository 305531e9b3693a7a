//! Indentation mistakes in words an author understands. The YAML parser says "while
//! parsing a block mapping, did not find expected key"; what the author did is start a
//! line in the wrong column, and what helps is the column the lines above use.

use crate::diagnostics::Position;

/// Whether the parser's `message` comes from a line indented wrongly.
pub(super) fn is_indentation(message: &str) -> bool {
    message.starts_with("while parsing a block")
        || message.contains("did not find expected key")
        || message.contains("did not find expected '-'")
        || message.contains("invalid indentation")
}

/// What every indentation help starts with.
const HOW_YAML_INDENTS: &str = "YAML reads the structure from the indentation: a field starts in the same column as the other fields of its item, a list item's `-` under the other items' `-`";

/// The message and help for the line at `at`, compared with the lines above it; `None`
/// when the file has no written line up to it.
pub(super) fn explain(text: &str, at: Position) -> Option<(Position, String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let index = (at.line as usize).checked_sub(1)?;
    // The parser may stop on the blank line after the culprit: take the line it stands on,
    // or the last written line before it.
    let (index, line) = (0..=index.min(lines.len().saturating_sub(1)))
        .rev()
        .map(|i| (i, lines[i]))
        .find(|(_, l)| is_written(l))?;
    let indent = spaces(line);
    let is_item = line[indent..].starts_with("- ") || line[indent..].trim_end() == "-";
    let column = at.column as usize - 1;
    if index + 1 == at.line as usize && column > key_column(line) && line.len() > column {
        // Not the line's start: something follows a value that was complete.
        let found: String = line[line
            .char_indices()
            .nth(column)
            .map_or(line.len(), |(i, _)| i)..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        return Some((
            at,
            format!("`{found}` after a complete value: a field holds one value"),
            "remove what follows the value, or put the whole text in quotes".to_owned(),
        ));
    }
    let key_above = lines[..index]
        .iter()
        .rev()
        .find(|l| is_written(l))
        .filter(|l| key_column(l) == indent && !l[spaces(l)..].starts_with("- "));
    if let (true, Some(_)) = (is_item, key_above) {
        let here = Position {
            line: index as u32 + 1,
            column: indent as u32 + 1,
        };
        return Some((
            here,
            "a list item (`- `) among the fields of an item: a field (`name: value`) was expected here".to_owned(),
            "remove the `- `, or write the list under its field: the field's name on a line, then the `- ` items indented under it".to_owned(),
        ));
    }
    // Columns the lines above start things at: keys, and the dashes of list items.
    let mut best: Option<(usize, usize, String)> = None; // (column, line index, what)
    for (i, l) in lines[..index].iter().enumerate().rev().take(40) {
        if !is_written(l) {
            continue;
        }
        let dash = spaces(l);
        let rest = &l[dash..];
        let mut columns = Vec::new();
        if let Some(after) = rest.strip_prefix("- ") {
            columns.push((dash, "the `-` of the item".to_owned()));
            let key = dash + 2 + spaces(after);
            columns.push((key, name(&l[key..])));
        } else {
            columns.push((dash, name(rest)));
        }
        for (column, what) in columns {
            if column == indent {
                continue;
            }
            let distance = column.abs_diff(indent);
            let better = best.as_ref().is_none_or(|(c, _, _)| {
                let d = c.abs_diff(indent);
                distance < d || (distance == d && column > *c)
            });
            // A list item lines up with dashes, a field with fields.
            let fits = is_item == what.starts_with("the `-`") || distance <= 1;
            if better && fits && distance <= 4 {
                best = Some((column, i, what));
            }
        }
        if dash < indent.saturating_sub(4) {
            break;
        }
    }
    let here = Position {
        line: index as u32 + 1,
        column: indent as u32 + 1,
    };
    let message = format!(
        "this line is indented by {}, which lines up with nothing above it",
        in_spaces(indent)
    );
    let help = match best {
        Some((column, i, what)) => format!(
            "{HOW_YAML_INDENTS}. Indent this line by {} to line it up with {what} on line {}",
            in_spaces(column),
            i + 1
        ),
        None => HOW_YAML_INDENTS.to_owned(),
    };
    Some((here, message, help))
}

/// For a field `field` missing from the mapping whose first key is at `start`: a line of
/// that item writing `field:` in another column, which the parser read as something else.
/// The message and help to give at that line.
pub(super) fn misplaced_key(
    text: &str,
    start: Position,
    field: &str,
) -> Option<(Position, String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let column = start.column as usize - 1;
    let first = start.line as usize - 1;
    let owner = lines.get(first)?;
    // The item ends at the next item of its list, or a line left of its `- `.
    let item_dash = spaces(owner);
    for (i, l) in lines.iter().enumerate().skip(first + 1) {
        if !is_written(l) {
            continue;
        }
        let indent = spaces(l);
        let key = key_column(l);
        if indent < item_dash || (indent == item_dash && l[indent..].starts_with("- ")) {
            break;
        }
        let names_it = l[key..]
            .strip_prefix(field)
            .is_some_and(|r| r.starts_with(':'));
        // Its parent by indentation must be the item, or a field of it that holds a single
        // value (so cannot hold fields): not a nested mapping or list item of its own.
        let parent = lines[first..i]
            .iter()
            .rposition(|p| is_written(p) && spaces(p) < indent)
            .map(|p| lines[first + p]);
        let strays = parent.is_some_and(|p| {
            key_column(p) == column
                && p.split_once(':')
                    .is_some_and(|(_, v)| !v.trim().is_empty() && !v.trim().starts_with(['|', '>']))
        });
        if names_it && key != column && strays {
            return Some((
                Position {
                    line: i as u32 + 1,
                    column: key as u32 + 1,
                },
                format!(
                    "`{field}:` is indented by {}, not {} like the other fields of its item, so it is not read as one of them",
                    in_spaces(key),
                    in_spaces(column)
                ),
                format!(
                    "indent it by {} to line it up with {} on line {}",
                    in_spaces(column),
                    name(&owner[key_column(owner)..]),
                    start.line
                ),
            ));
        }
    }
    None
}

/// "1 space", "4 spaces".
fn in_spaces(n: usize) -> String {
    match n {
        1 => "1 space".to_owned(),
        n => format!("{n} spaces"),
    }
}

/// Whether a line holds YAML: not blank, not a comment.
pub(super) fn is_written(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The column (0-based) of the key of `line`, after a `- ` item's dash.
pub(super) fn key_column(line: &str) -> usize {
    let indent = spaces(line);
    match line[indent..].strip_prefix("- ") {
        Some(after) => indent + 2 + spaces(after),
        None => indent,
    }
}

/// How many spaces indent `line`.
pub(super) fn spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `` `id:` `` for a key line, "the line" otherwise.
fn name(rest: &str) -> String {
    match rest.split_once(':') {
        Some((key, _)) if !key.is_empty() && !key.contains(' ') => format!("`{key}:`"),
        _ => "the line".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn a_field_one_space_short_is_lined_up_with_its_item() {
        let text = "items:\n  - id: a\n   points: 3\n";
        let (p, message, help) = explain(text, at(3, 4)).unwrap();
        assert_eq!(p, at(3, 4));
        assert_eq!(
            message,
            "this line is indented by 3 spaces, which lines up with nothing above it"
        );
        assert!(
            help.ends_with("Indent this line by 4 spaces to line it up with `id:` on line 2"),
            "{help}"
        );
    }

    #[test]
    fn text_after_a_value_and_an_item_among_fields_are_told_apart() {
        let (p, message, _) = explain("a:\n  b: [x] [\n", at(2, 10)).unwrap();
        assert_eq!(
            (p, message.as_str()),
            (
                at(2, 10),
                "`[` after a complete value: a field holds one value"
            )
        );
        let (p, message, _) =
            explain("m:\n  - id: M1\n    title: T\n    - hours: 3\n", at(4, 7)).unwrap();
        assert_eq!(p, at(4, 5));
        assert!(
            message.starts_with("a list item (`- `) among the fields"),
            "{message}"
        );
    }

    #[test]
    fn a_list_item_is_lined_up_with_the_dashes() {
        let text = "blocs:\n  - id: B1\n    title: T\n - id: B2\n";
        let (_, _, help) = explain(text, at(4, 2)).unwrap();
        assert!(
            help.ends_with(
                "Indent this line by 2 spaces to line it up with the `-` of the item on line 2"
            ),
            "{help}"
        );
    }
}
