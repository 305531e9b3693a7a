//! Grid tables, as pandoc and Emacs write them: `+---+---+` rules around every row (`+===+`
//! under the header), `|` at each column's edge on every line of a cell, a cell's text
//! wrapped over several lines. Each row becomes one tab-separated row whose cells are HTML
//! fragments (a blank line inside a cell ends a paragraph, `- ` / `* ` / `• ` lines are list
//! items, nested by their indent); a cell spanning rows (its segment of the rule below it
//! left blank) is written in its first row and marked covered in the rows below, like a
//! merged cell of a .docx; a cell spanning columns (no `|` between them) is written in its
//! first column. Rows are written on the line where they start, the other lines of the
//! table left blank, so that line numbers still point into the document.

use super::cells::{COVERED, SPANNED, blocks_html};

/// `+---+:---:+`, `+===+===+`: a full rule of a grid table.
pub fn is_border(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().any(|c| c == '-' || c == '=')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// Whether the document holds a grid table: a full rule followed by a `|` line.
pub fn has_grid(lines: &[&str]) -> bool {
    lines
        .windows(2)
        .any(|w| is_border(w[0]) && w[1].trim_start().starts_with('|'))
}

/// A table being read: its column edges (character positions of the `+` of its top rule),
/// the rows read, and the cells still open (spanning down).
struct Grid {
    edges: Vec<usize>,
    /// Each row: its line and its cells (`None` until the cell is closed).
    rows: Vec<(usize, Vec<Option<String>>)>,
    /// Per column: the row where its open cell started, and the cell's lines so far.
    open: Vec<Option<(usize, Vec<String>)>>,
    /// The current row block has a line (a row is being read).
    in_row: bool,
    /// Per column: its open cell is covered by the cell to its left (no `|` at its left
    /// edge on the row's first line).
    spanned: Vec<bool>,
}

impl Grid {
    fn new(border: &str) -> Grid {
        let edges: Vec<usize> = border
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == '+')
            .map(|(i, _)| i)
            .collect();
        let columns = edges.len().saturating_sub(1);
        Grid {
            edges,
            rows: Vec::new(),
            open: vec![None; columns],
            in_row: false,
            spanned: vec![false; columns],
        }
    }

    fn columns(&self) -> usize {
        self.open.len()
    }

    /// A line of cell text: each segment between the `|` present at the edges goes to the
    /// column at its left edge (a cell spanning columns has no `|` between them).
    fn text_line(&mut self, line_no: usize, line: &str) {
        let chars: Vec<char> = line.chars().collect();
        let first_line = !self.in_row;
        if !self.in_row {
            self.in_row = true;
            let row = self.rows.len();
            self.rows.push((line_no, vec![None; self.columns()]));
            for (k, open) in self.open.iter_mut().enumerate() {
                match open {
                    None => *open = Some((row, Vec::new())),
                    // Continues a cell of a row above.
                    Some(_) => self.rows[row].1[k] = Some(COVERED.to_owned()),
                }
            }
        }
        let present: Vec<usize> = (0..self.edges.len())
            .filter(|&k| {
                k == 0 || k + 1 == self.edges.len() || chars.get(self.edges[k]) == Some(&'|')
            })
            .collect();
        if first_line {
            let row = self.rows.len() - 1;
            for k in 1..self.columns() {
                if !present.contains(&k)
                    && matches!(&self.open[k], Some((r, lines)) if *r == row && lines.is_empty())
                {
                    self.spanned[k] = true;
                }
            }
        }
        for pair in present.windows(2) {
            let (from, to) = (self.edges[pair[0]] + 1, self.edges[pair[1]]);
            let text: String = chars
                .get(from.min(chars.len())..to.min(chars.len()))
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            if let Some(Some((_, lines))) = self.open.get_mut(pair[0]) {
                lines.push(text.trim_end().to_owned());
            }
            // Columns inside a span get nothing: they stay empty.
        }
    }

    /// A rule between rows: the cells whose segment is drawn (`---`, `===`) end; a cell
    /// whose segment is blank goes on in the next row.
    fn rule(&mut self, line: &str, last: bool) {
        let chars: Vec<char> = line.chars().collect();
        for k in 0..self.columns() {
            let (from, to) = (self.edges[k] + 1, self.edges[k + 1]);
            let segment: String = chars
                .get(from.min(chars.len())..to.min(chars.len()))
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            let drawn = segment.contains('-') || segment.contains('=');
            if (drawn || last)
                && let Some((row, lines)) = self.open[k].take()
            {
                let spanned = std::mem::take(&mut self.spanned[k]) && lines.is_empty();
                self.rows[row].1[k] = Some(if spanned {
                    SPANNED.to_owned()
                } else {
                    render(&lines)
                });
            }
        }
        self.in_row = false;
    }

    fn finish(mut self, out: &mut [String]) {
        self.rule("", true);
        for (line, cells) in self.rows {
            let cells: Vec<String> = cells.into_iter().map(Option::unwrap_or_default).collect();
            if cells
                .iter()
                .all(|c| c.is_empty() || c == COVERED || c == SPANNED)
            {
                continue;
            }
            let mut row = cells.join("\t");
            if !row.contains('\t') {
                row.push('\t');
            }
            if let Some(slot) = out.get_mut(line) {
                *slot = row;
            }
        }
    }
}

/// `| a | b |` segments cut at the edges, or a partial rule (`|     +-----+`: some segments
/// drawn, the others blank): which of the two a line inside a table is.
fn partial_rule(line: &str, edges: &[usize]) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let mut drawn = false;
    for w in edges.windows(2) {
        let segment: String = chars
            .get((w[0] + 1).min(chars.len())..w[1].min(chars.len()))
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        let t = segment.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().all(|c| matches!(c, '-' | '=' | ':')) && segment.len() == t.len() {
            drawn = true;
        } else {
            return false;
        }
    }
    drawn
        && edges
            .iter()
            .all(|&e| matches!(chars.get(e), Some('+' | '|')))
}

/// The document with its grid tables as tab-separated rows; other lines go through `prose`.
pub fn to_tabs(lines: &[&str], prose: impl Fn(&str) -> String) -> String {
    let mut out: Vec<String> = vec![String::new(); lines.len()];
    let mut grid: Option<Grid> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(g) = &mut grid {
            if is_border(line) || partial_rule(line, &g.edges) {
                g.rule(line, false);
                continue;
            }
            if line.trim_start().starts_with('|') {
                g.text_line(i, line);
                continue;
            }
            if let Some(g) = grid.take() {
                g.finish(&mut out);
            }
        }
        if is_border(line)
            && lines
                .get(i + 1)
                .is_some_and(|l| l.trim_start().starts_with('|'))
        {
            grid = Some(Grid::new(line));
            continue;
        }
        out[i] = prose(line);
    }
    if let Some(g) = grid {
        g.finish(&mut out);
    }
    out.join("\n") + "\n"
}

/// A cell's lines as an HTML fragment: paragraphs (`<p>`, a blank line or a full stop
/// followed by a capital ends one) and bullet items (`<ul><li>`, nested by indent). The text
/// is escaped, `**` marks dropped.
fn render(lines: &[String]) -> String {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    // Blocks: (list depth, 0 = paragraph; text).
    let mut blocks: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    // The indents of the list items open, outermost first.
    let mut indents: Vec<usize> = Vec::new();
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        let at = indent(l).saturating_sub(base);
        if let Some(text) = bullet(t) {
            while indents.last().is_some_and(|&i| i > at) {
                indents.pop();
            }
            if indents.last() != Some(&at) {
                indents.push(at);
            }
            blocks.push((indents.len(), text.to_owned()));
            open = true;
            continue;
        }
        let continues = open
            && blocks.last().is_some_and(|(depth, text)| {
                // An item's wrapped lines are indented under its text.
                let under_item = *depth == 0 || at > indents.last().copied().unwrap_or(0);
                under_item
                    && !(text.ends_with(['.', '!', '?', ':', ';'])
                        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
            });
        if continues && let Some((_, text)) = blocks.last_mut() {
            text.push(' ');
            text.push_str(t);
        } else {
            indents.clear();
            blocks.push((0, t.to_owned()));
            open = true;
        }
    }
    let blocks: Vec<(usize, String)> = blocks
        .into_iter()
        .map(|(d, text)| (d, text.replace("**", "")))
        .collect();
    blocks_html(blocks.iter().map(|(d, t)| (*d, t.as_str())))
}

/// `- texte`, `* texte`, `+ texte`, `• texte`: a bullet item's text.
fn bullet(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    (matches!(first, '-' | '*' | '+' | '•' | '▪' | '◦') && rest.starts_with(' '))
        .then(|| rest.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cells_lists_and_spans_of_a_grid_table() {
        let doc = "Titre\n\
+------+-----------------+\n\
| A    | B               |\n\
+======+=================+\n\
| A1   | Analyser la     |\n\
|      | demande.        |\n\
|      |                 |\n\
|      | - un point      |\n\
|      |   long          |\n\
|      |   - un sous     |\n\
+      +-----------------+\n\
| x    | Texte < 5       |\n\
+------+-----------------+\n\
| Bloc 2 : tout          |\n\
+------------------------+\n\
Fin.";
        let lines: Vec<&str> = doc.lines().collect();
        assert!(has_grid(&lines));
        let t = to_tabs(&lines, str::to_owned);
        let got: Vec<&str> = t.lines().collect();
        assert_eq!(got[0], "Titre");
        assert_eq!(got[2], "<p>A</p>\t<p>B</p>");
        assert_eq!(
            got[4],
            "<p>A1</p><p>x</p>\t<p>Analyser la demande.</p><ul><li>un point long</li><ul><li>un sous</li></ul></ul>"
        );
        assert_eq!(got[11], format!("{COVERED}\t<p>Texte &lt; 5</p>"));
        assert_eq!(got[13], format!("<p>Bloc 2 : tout</p>\t{SPANNED}"));
        assert_eq!(got[15], "Fin.");
        assert_eq!(got[5], "");
    }
}
