//! Reading a table document into lines: table rows (cells separated by tabs), rules
//! (`---` separator rows), prose and blank lines. A cell is read into blocks — paragraphs,
//! `•` headings and `-` list items — whether it holds HTML fragments (`<p>`, `<ul>`, `<i>`)
//! or plain text where those marks are inline.

/// How a block was introduced in its cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A paragraph (`<p>`, or running text).
    Para,
    /// A `•`/`●` item: in referentials, a criterion heading.
    Bullet,
    /// A `- ` list item.
    Dash,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub mark: Mark,
    /// Whitespace collapsed, HTML entities decoded, tags removed.
    pub text: String,
    /// The whole block was in `<i>`.
    pub italic: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub blocks: Vec<Block>,
    /// The cell had paragraph marks (`<p>`): without them, paragraph breaks were lost.
    pub paragraphs: bool,
    /// A grid position covered by the cell above (a vertical merge in a .docx/.odt): the
    /// row continues what that cell holds.
    pub below: bool,
    /// A grid position covered by the cell to its left (a cell spanning columns: `colspan`,
    /// `w:gridSpan`): empty, but [`super::spans`] may give it what the cell holds for it.
    pub left: bool,
    /// The ID printed for it in a column of IDs of its own, before it (`A-1` in a `Code`
    /// column beside the competence's text): see `keys`.
    pub key: Option<String>,
    /// Where each list at the top level of the cell starts (the index of its first block),
    /// when the cell's HTML says (`<ul>…</ul><br><ul>…</ul>`: one list per competence of the
    /// row).
    pub lists: Vec<usize>,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// All its text on one line.
    pub fn joined(&self) -> String {
        let parts: Vec<&str> = self.blocks.iter().map(|b| b.text.as_str()).collect();
        parts.join(" ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A table row; `line` is 1-based.
    Row {
        line: usize,
        cells: Vec<Cell>,
    },
    /// A separator row (`--\t---\t--`).
    Rule,
    Text {
        line: usize,
        text: String,
    },
    Blank,
}

#[cfg(test)]
impl Line {
    /// A text line, as the tests of the line readers write them.
    pub fn text(line: usize, text: &str) -> Line {
        Line::Text {
            line,
            text: text.into(),
        }
    }

    /// The rows among `lines`, each as its cells' joined text: what the tests of the
    /// readers that rebuild a table compare.
    pub fn rows(lines: &[Line]) -> Vec<Vec<String>> {
        lines
            .iter()
            .filter_map(|l| match l {
                Line::Row { cells, .. } => Some(cells.iter().map(Cell::joined).collect()),
                _ => None,
            })
            .collect()
    }
}

/// A cell holding `text` as it reads (`<`, `&` stay text): what the readers that rebuild a
/// table from prose, outlines or records put in their rows.
pub fn text_cell(text: &str) -> Cell {
    read_cell(&quick_xml::escape::partial_escape(text))
}

/// The text a converter writes for a grid position covered by the cell above it (an HTML
/// `rowspan`, a grid table's cell spanning rows): read as an empty cell continuing that
/// cell, like a .docx vertical merge.
pub const COVERED: &str = "\u{1}";

/// The text a converter writes for a grid position covered by the cell to its left (an
/// HTML `colspan`): read as an empty cell marked [`Cell::left`].
pub const SPANNED: &str = "\u{2}";

/// Splits a document into lines. A short row directly followed by another short row that
/// completes it is one row cut by a line break inside it (converters do that): they are
/// joined. A row holding only its first cell (a heading) is never joined. A short row
/// followed by lines without tabs, then by a line whose cells complete it, is a row whose
/// last cell holds line breaks (a browser's or a spreadsheet's copy of a table): the lines
/// are paragraphs of that cell, the next line's first cell ends it; in such a table, the
/// lines after a row up to a blank line continue its last cell.
pub fn read_document(text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut width = 0;
    let mut previous_was_short_row = false;
    // The row the next lines may continue (its index in `lines`), whether lines were added
    // to its last cell since its last tab, and whether the table's cells hold line breaks.
    let mut open: Option<usize> = None;
    let mut absorbed = false;
    let mut broken = false;
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        if !raw.contains('\t') {
            previous_was_short_row = false;
            if raw.trim().is_empty() {
                open = None;
                absorbed = false;
                lines.push(Line::Blank);
                continue;
            }
            if let Some(Line::Row { cells: row, .. }) = open.and_then(|at| lines.get_mut(at))
                && (row.len() < width || broken)
                && let Some(last) = row.last_mut()
            {
                continue_cell(last, read_cell(raw));
                absorbed = true;
                continue;
            }
            open = None;
            lines.push(Line::Text {
                line: i + 1,
                text: raw.to_owned(),
            });
            continue;
        }
        let raw_cells: Vec<&str> = raw.split('\t').collect();
        if raw_cells.iter().all(|c| is_rule(c)) {
            previous_was_short_row = false;
            open = None;
            lines.push(Line::Rule);
            continue;
        }
        let cells: Vec<Cell> = raw_cells
            .iter()
            .map(|c| {
                if *c == COVERED {
                    Cell {
                        below: true,
                        ..Cell::default()
                    }
                } else if *c == SPANNED {
                    Cell {
                        left: true,
                        ..Cell::default()
                    }
                } else {
                    read_cell(c)
                }
            })
            .collect();
        // A line completing the open row, its first cell the end of the row's last: after
        // lines that cell was cut into, or, in a table known to cut cells so, at once.
        if (absorbed || broken)
            && let Some(Line::Row { cells: row, .. }) = open.and_then(|at| lines.get_mut(at))
            && row.len() < width
            && row.len() + cells.len() == width + 1
        {
            let mut rest = cells.into_iter();
            if let (Some(first), Some(last)) = (rest.next(), row.last_mut()) {
                continue_cell(last, first);
            }
            row.extend(rest);
            broken = true;
            absorbed = false;
            continue;
        }
        if previous_was_short_row
            && let Some(Line::Row { cells: before, .. }) = lines.last_mut()
            && before.len() + cells.len() <= width
        {
            before.extend(cells);
            previous_was_short_row = false;
            continue;
        }
        // A header row says how wide its table is (a second, narrower table after a first).
        width = if names_columns(&cells) && cells.len() > 1 {
            cells.len()
        } else {
            width.max(cells.len())
        };
        let heading = cells.iter().skip(1).all(Cell::is_empty);
        // A narrower table's header (`N° Fiche CP | Critères`) is not half a row.
        previous_was_short_row = cells.len() < width && !heading && !names_columns(&cells);
        lines.push(Line::Row { line: i + 1, cells });
        open = (!heading).then_some(lines.len() - 1);
        absorbed = false;
    }
    lines
}

/// Whether two cells or more are filled, each a short name of a column (a header row).
fn names_columns(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            let text = c.joined();
            text.split_whitespace().count() <= 5
                && (super::columns::role_of(&text).is_some()
                    || super::columns::names_ids(&text).is_some())
        })
}

/// A cell continued by the text of a line (or of a cell) after a line break inside it.
fn continue_cell(cell: &mut Cell, more: Cell) {
    cell.blocks.extend(more.blocks);
    cell.paragraphs = true;
}

fn is_rule(cell: &str) -> bool {
    let t = cell.trim();
    t.chars().all(|c| c == '-')
}

/// A run of three dashes or more: a separator the author drew inside a cell.
fn is_dash_rule(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(|c| c == '-')
}

/// One piece of a cell while it is read: text, or a structural mark.
enum Token {
    Text(String),
    /// `<p>`, `</p>`, `<br>`, `<li>`…: a block ends here.
    Break,
    ListStart,
    ListEnd,
    /// `<li>`: a list item starts.
    Item,
    ItalicStart,
    ItalicEnd,
}

fn tokenize(raw: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        // `a < b` in running text: not a tag.
        let name = tag_name(tag);
        if name.is_empty() {
            tokens.push(Token::Text(rest[..open + 1].to_owned()));
            rest = &rest[open + 1..];
            continue;
        }
        tokens.push(Token::Text(rest[..open].to_owned()));
        let closing = tag.starts_with('/');
        tokens.push(match (name.as_str(), closing) {
            ("ul" | "ol", false) => Token::ListStart,
            ("ul" | "ol", true) => Token::ListEnd,
            ("i" | "em", false) => Token::ItalicStart,
            ("i" | "em", true) => Token::ItalicEnd,
            ("li", false) => Token::Item,
            ("p" | "br" | "li" | "div" | "tr" | "td" | "th", _) => Token::Break,
            _ => Token::Text(String::new()),
        });
        rest = &rest[open + close + 1..];
    }
    tokens.push(Token::Text(rest.to_owned()));
    // An inline tag (`<abbr>`, `<b>`, `<span>`) is no space: the text on both sides of it
    // is one run (`(<abbr>NF EN</abbr>)` reads `(NF EN)`).
    let mut joined: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        match (joined.last_mut(), token) {
            (Some(Token::Text(before)), Token::Text(t)) => before.push_str(&t),
            (_, token) => joined.push(token),
        }
    }
    joined
}

/// A cell's paragraphs as the HTML fragment the cell reader takes: depth 0 a `<p>`, depth
/// n an item of a list nested n deep; text escaped so that no `<` in it reads as a tag.
pub(super) fn blocks_html<'a>(blocks: impl IntoIterator<Item = (usize, &'a str)>) -> String {
    let mut html = String::new();
    let mut depth = 0;
    for (d, text) in blocks {
        while depth < d {
            html.push_str("<ul>");
            depth += 1;
        }
        while depth > d {
            html.push_str("</ul>");
            depth -= 1;
        }
        let text = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let tag = if d == 0 { "p" } else { "li" };
        html.push_str(&format!("<{tag}>{text}</{tag}>"));
    }
    html.push_str(&"</ul>".repeat(depth));
    html
}

/// The lowercase name of a tag written `tag` between its `<` and `>` (`/TD` → `td`); empty
/// when the text is no tag.
pub(super) fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Reads one cell. In a list (`<ul>`), or anywhere in a cell without paragraph marks,
/// ` - ` starts an item and ` • ` a heading; inside a `<p>` they are kept as text.
pub fn read_cell(raw: &str) -> Cell {
    let has_paragraphs = raw.contains("<p");
    let mut reader = CellReader::default();
    let mut in_list = false;
    let mut depth = 0usize;
    let tokens = tokenize(raw);
    // A cell whose lists nest: its top-level items are headings (`•`) of the points below.
    let nested = {
        let mut d = 0usize;
        tokens.iter().any(|t| {
            match t {
                Token::ListStart => d += 1,
                Token::ListEnd => d = d.saturating_sub(1),
                _ => {}
            }
            d >= 2
        })
    };
    let mut italic = false;
    let mut lists = Vec::new();
    for token in tokens {
        match token {
            Token::Text(t) => {
                let text = super::entities::decode(&t);
                reader.text(&text, in_list || !has_paragraphs, italic);
            }
            Token::Break => reader.end_block(),
            Token::ListStart => {
                reader.end_block();
                if depth == 0 {
                    lists.push(reader.blocks.len());
                }
                in_list = true;
                depth += 1;
            }
            Token::ListEnd => {
                reader.end_block();
                depth = depth.saturating_sub(1);
                in_list = depth > 0;
            }
            Token::Item => {
                reader.end_block();
                reader.mark = Some(if nested && depth <= 1 {
                    Mark::Bullet
                } else {
                    Mark::Dash
                });
            }
            Token::ItalicStart => {
                // Without paragraph marks an italic run is a block of its own.
                if !has_paragraphs {
                    reader.end_block();
                }
                italic = true;
            }
            Token::ItalicEnd => {
                italic = false;
                if !has_paragraphs {
                    reader.end_block();
                }
            }
        }
    }
    reader.end_block();
    Cell {
        blocks: reader.blocks,
        paragraphs: has_paragraphs,
        below: false,
        left: false,
        key: None,
        lists,
    }
}

#[derive(Default)]
struct CellReader {
    blocks: Vec<Block>,
    mark: Option<Mark>,
    text: String,
    /// Some text of the current block was outside `<i>`.
    plain_seen: bool,
    italic_seen: bool,
}

impl CellReader {
    /// Adds running text; `marks` says whether ` - ` and ` • ` start items here.
    fn text(&mut self, text: &str, marks: bool, italic: bool) {
        for word in text.split_whitespace() {
            let bullet = matches!(word, "•" | "●" | "▪" | "◦" | "■");
            // Arrows and ticks mark points under a heading wherever they are.
            let point = matches!(word, "→" | "➢" | "➤" | "►" | "›" | "✓" | "✔" | "");
            // `C1 - Texte`: a dash right after an ID separates it from its text.
            let after_id =
                word == "-" && super::label::label(&self.text).is_some_and(|l| l.rest.is_empty());
            if marks && after_id {
                self.text.push_str(" -");
                continue;
            }
            // `<p>- Texte</p>`, `<br>– Texte`: a dash opening a paragraph or a line marks a
            // point, even where a dash inside running text does not (an en dash inside a
            // line never does: `Bloc 1 – Titre`).
            let opening = self.text.is_empty() && self.mark.is_none();
            if opening && (word == "–" || (!marks && word == "-")) {
                self.mark = Some(Mark::Dash);
                continue;
            }
            if bullet || point || (marks && word == "-") {
                if marks && word == "-" {
                    self.split_run_in_heading();
                }
                self.end_block();
                self.mark = Some(if bullet { Mark::Bullet } else { Mark::Dash });
                continue;
            }
            if is_dash_rule(word) {
                self.end_block();
                continue;
            }
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(word);
            if italic {
                self.italic_seen = true;
            } else {
                self.plain_seen = true;
            }
        }
    }

    /// A point run together with the next heading, its line breaks lost (`- le temps est
    /// maîtrisé Qualité du questionnement :`): the heading, from the capital after a
    /// lowercase word to the colon ending the text, becomes a paragraph of its own.
    fn split_run_in_heading(&mut self) {
        if self.mark != Some(Mark::Dash) || !self.text.trim_end().ends_with(':') {
            return;
        }
        let words: Vec<&str> = self.text.split(' ').collect();
        let cut = (1..words.len()).rev().find(|&i| {
            words[i].chars().next().is_some_and(char::is_uppercase)
                && words[i - 1].chars().last().is_some_and(char::is_lowercase)
        });
        let Some(cut) = cut else { return };
        let heading = words[cut..].join(" ");
        self.text = words[..cut].join(" ");
        self.end_block();
        self.text = heading;
        self.plain_seen = true;
    }

    fn end_block(&mut self) {
        let text = std::mem::take(&mut self.text);
        let mark = self.mark.take().unwrap_or(Mark::Para);
        let italic = self.italic_seen && !self.plain_seen;
        self.plain_seen = false;
        self.italic_seen = false;
        if !text.is_empty() {
            self.blocks.push(Block { mark, text, italic });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_the_lists_of_a_cell_start() {
        let cell =
            read_cell("<ul><li>a</li></ul><br><ul><li>b</li><li>c <ul><li>d</li></ul></li></ul>");
        assert_eq!(cell.lists, [0, 1]);
        assert_eq!(read_cell("<p>x</p>").lists, Vec::<usize>::new());
    }

    fn texts(cell: &Cell) -> Vec<(Mark, &str, bool)> {
        cell.blocks
            .iter()
            .map(|b| (b.mark, b.text.as_str(), b.italic))
            .collect()
    }

    #[test]
    fn html_paragraphs_lists_and_italics_become_blocks() {
        let cell = read_cell(
            "<p>C1.3 Contribuer</p> <ul style=\"list-style-type: none\"> - en a - en b, \
             c </ul> <p>afin de - sic</p> <p>-----</p> <p><i>Note</i> <i>suite</i></p>",
        );
        assert_eq!(
            texts(&cell),
            vec![
                (Mark::Para, "C1.3 Contribuer", false),
                (Mark::Dash, "en a", false),
                (Mark::Dash, "en b, c", false),
                (Mark::Para, "afin de - sic", false),
                (Mark::Para, "Note suite", true),
            ]
        );
    }

    #[test]
    fn a_dash_after_an_id_and_a_heading_run_into_a_point() {
        let cell = read_cell("C1 - Rédiger une offre");
        assert_eq!(
            texts(&cell),
            vec![(Mark::Para, "C1 - Rédiger une offre", false)]
        );
        let cell = read_cell(
            "Structure : - les étapes - le temps est maîtrisé Qualité du questionnement : - les questions",
        );
        assert_eq!(
            texts(&cell),
            vec![
                (Mark::Para, "Structure :", false),
                (Mark::Dash, "les étapes", false),
                (Mark::Dash, "le temps est maîtrisé", false),
                (Mark::Para, "Qualité du questionnement :", false),
                (Mark::Dash, "les questions", false),
            ]
        );
    }

    #[test]
    fn plain_cells_split_on_inline_marks() {
        let cell = read_cell(
            "En relation avec C.1.1 : • Qualité : - les sources, - le choix. \
             <i>Conditions</i> Etude de cas &amp; co",
        );
        assert_eq!(
            texts(&cell),
            vec![
                (Mark::Para, "En relation avec C.1.1 :", false),
                (Mark::Bullet, "Qualité :", false),
                (Mark::Dash, "les sources,", false),
                (Mark::Dash, "le choix.", false),
                (Mark::Para, "Conditions", true),
                (Mark::Para, "Etude de cas & co", false),
            ]
        );
    }

    #[test]
    fn rows_rules_prose_and_a_row_cut_in_two_lines() {
        let doc = "Titre\n\nA\tB\tC\tD\n--\t---\t--\t--\nBloc 2 : x\t\n<p>A.2</p>\t<p>y</p>\n\
                   <p>z</p>\t<p>w</p>\n";
        let lines = read_document(doc);
        assert_eq!(lines.len(), 6, "{lines:#?}");
        assert!(matches!(&lines[0], Line::Text { line: 1, text } if text == "Titre"));
        assert_eq!(lines[1], Line::Blank);
        assert!(matches!(&lines[3], Line::Rule));
        let Line::Row { cells, line } = &lines[4] else {
            panic!("{lines:#?}")
        };
        assert_eq!((*line, cells.len()), (5, 2));
        let Line::Row { cells, line } = &lines[5] else {
            panic!("{lines:#?}")
        };
        assert_eq!(*line, 6);
        let joined: Vec<String> = cells.iter().map(Cell::joined).collect();
        assert_eq!(joined, ["A.2", "y", "z", "w"]);
    }
}
