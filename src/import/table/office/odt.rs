//! An OpenDocument text's body (`content.xml`) as [`Piece`]s: `text:p` and `text:h`
//! paragraphs, `text:list` items (nesting is their level), `table:table` rows whose cells
//! may span columns and rows (`table:number-columns-spanned`, `…-rows-spanned`), the grid
//! positions they cover written `table:covered-table-cell`; a table nested in a cell gives
//! items of that cell ([`super::Nested`]). The number a list style prints
//! before an item ([`Numbering`]) is written back before its text when it is an ID. Notes,
//! annotations, frames and tracked deletions are not the document's text.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::numbering::Numbering;
use super::{GridCell, Nested, Para, Piece, attribute, place, xml_text};

/// Repeated empty cells (`table:number-columns-repeated`, common at a row's end) are kept
/// up to this many: a referential table is narrow.
const MAX_REPEAT: usize = 32;

#[derive(Default)]
struct State {
    pieces: Vec<Piece>,
    tables: usize,
    lists: usize,
    row: Vec<GridCell>,
    cell: GridCell,
    /// Paragraphs open (a `text:h` inside a `text:p` cannot happen, but a list can).
    para: Option<Para>,
    skip: usize,
    /// Rows still covered below each column, as the current row started, and from now on.
    covered_now: Vec<usize>,
    covered_next: Vec<usize>,
    /// Where a run of repeated empty cells began in the row.
    padding_from: Option<usize>,
    numbering: Numbering,
    /// The list style of each list open (a nested list without one takes its parent's).
    styles: Vec<Option<String>>,
    /// The next paragraph is the first of a list item: the one its number is printed before.
    item_fresh: bool,
    /// The paragraph open is that first one.
    numbered: bool,
    /// The list the open paragraph's style numbers it by (`styles`), when its list says none
    /// or it is in none.
    para_list: Option<String>,
    nested: Nested,
}

impl State {
    fn end_para(&mut self) {
        if let Some(mut p) = self.para.take() {
            let list = self
                .para_list
                .take()
                .or_else(|| self.styles.last().cloned().flatten());
            if std::mem::take(&mut self.numbered)
                && let (Some(level), Some(style)) = (p.level, list)
                && let Some(id) = self.numbering.next(&style, level)
            {
                p.text = format!("{id} {}", p.text.trim_start());
            }
            place(
                p,
                self.tables,
                &mut self.pieces,
                &mut self.cell,
                &mut self.nested,
            );
        }
    }

    fn start_para(&mut self, e: &BytesStart<'_>) {
        self.end_para();
        self.numbered = std::mem::take(&mut self.item_fresh) && self.lists > 0;
        let mut level = self.lists.checked_sub(1);
        // A paragraph style carrying a list: an item of it, in a list naming no style of
        // its own or in none (then at its first level, counting on through the document).
        let styled = attribute(e, b"style-name").and_then(|s| self.numbering.by_style.of(&s));
        if let Some((list, _)) = styled {
            if self.lists == 0 {
                self.numbered = true;
                level = Some(0);
                self.para_list = Some(list);
            } else if matches!(self.styles.last(), Some(None)) {
                self.para_list = Some(list);
            }
        }
        // `text:h`: a heading, at its outline level (1 when it says none).
        let heading = (e.name().as_ref() == b"text:h").then(|| {
            attribute(e, b"outline-level")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1)
        });
        self.para = Some(Para {
            text: String::new(),
            level,
            heading,
        });
    }

    /// A list opens: its style, and its numbering restarted unless it continues another.
    fn open_list(&mut self, e: &BytesStart<'_>) {
        self.end_para();
        let style = attribute(e, b"style-name").or_else(|| self.styles.last().cloned().flatten());
        let continues = attribute(e, b"continue-numbering").as_deref() == Some("true")
            || attribute(e, b"continue-list").is_some();
        if self.lists == 0
            && !continues
            && let Some(style) = &style
        {
            self.numbering.restart(style);
        }
        // Another list in the same cell, not said to continue the one before: one of its own.
        if self.lists == 0 && self.tables == 1 && !continues {
            super::list_break(&mut self.cell);
        }
        self.styles.push(style);
        self.lists += 1;
    }

    /// A list item opens; `text:start-value` renumbers it.
    fn open_item(&mut self, e: &BytesStart<'_>) {
        self.item_fresh = true;
        let value = attribute(e, b"start-value").and_then(|v| v.parse().ok());
        if let (Some(value), Some(Some(style))) = (value, self.styles.last()) {
            let style = style.clone();
            self.numbering
                .set_next(&style, self.lists.saturating_sub(1), value);
        }
    }

    /// A real cell opens at the current column, covering `rows` rows and `columns` columns.
    fn open_cell(&mut self, e: &BytesStart<'_>) {
        let n = |name: &[u8]| {
            attribute(e, name)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_REPEAT)
        };
        let col = self.row.len();
        self.padding_from = None;
        let (rows, columns) = (n(b"number-rows-spanned"), n(b"number-columns-spanned"));
        if self.covered_next.len() < col + columns {
            self.covered_next.resize(col + columns, 0);
        }
        for k in col..col + columns {
            self.covered_next[k] = rows - 1;
        }
        self.cell = GridCell::default();
    }

    fn covered(&mut self, e: &BytesStart<'_>) {
        let repeat = attribute(e, b"number-columns-repeated")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_REPEAT);
        self.padding_from = None;
        for _ in 0..repeat {
            let col = self.row.len();
            let below = self.covered_now.get(col).is_some_and(|&r| r > 0);
            // Covered, not from above: by the cell to its left, spanning columns.
            self.row.push(GridCell {
                paras: Vec::new(),
                below,
                left: !below,
            });
        }
    }
}

fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"text:note" | b"office:annotation" | b"draw:frame" | b"text:tracked-changes"
    )
}

/// The pieces of `content.xml`; an error is its byte offset and what is wrong.
pub fn pieces(xml: &[u8], numbering: Numbering) -> Result<Vec<Piece>, (u64, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut s = State {
        numbering,
        ..State::default()
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| (reader.buffer_position(), e.to_string()))?;
        match &event {
            Event::Start(e) => match e.name().as_ref() {
                n if skipped(n) => s.skip += 1,
                _ if s.skip > 0 => {}
                b"table:table" => {
                    s.end_para();
                    s.tables += 1;
                    if s.tables == 2 {
                        s.nested.table_start();
                    }
                }
                b"table:table-row" if s.tables == 2 => s.nested.row_start(),
                b"table:table-cell" if s.tables == 2 => s.nested.cell_start(),
                b"table:table-row" if s.tables == 1 => {
                    s.row.clear();
                    s.covered_now = s.covered_next.clone();
                    for r in &mut s.covered_next {
                        *r = r.saturating_sub(1);
                    }
                }
                b"table:table-cell" if s.tables == 1 => s.open_cell(e),
                b"table:covered-table-cell" if s.tables == 1 => s.covered(e),
                b"text:list" => s.open_list(e),
                b"text:list-item" => s.open_item(e),
                b"text:list-header" => s.item_fresh = false,
                b"text:p" | b"text:h" => s.start_para(e),
                _ => {}
            },
            Event::Empty(e) if s.skip == 0 => match e.name().as_ref() {
                b"text:s" => {
                    let n = attribute(e, b"c")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(8);
                    if let Some(p) = &mut s.para {
                        p.text.extend(std::iter::repeat_n(' ', n));
                    }
                }
                b"text:tab" => {
                    if let Some(p) = &mut s.para {
                        p.text.push(' ');
                    }
                }
                b"text:line-break" => {
                    let level = s.para.as_ref().and_then(|p| p.level);
                    s.end_para();
                    s.para = Some(Para {
                        text: String::new(),
                        level,
                        heading: None,
                    });
                }
                b"table:table-cell" if s.tables == 1 => {
                    // An empty cell, perhaps repeated.
                    let repeat = attribute(e, b"number-columns-repeated")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_REPEAT);
                    let from = s.row.len();
                    for _ in 0..repeat {
                        s.open_cell(e);
                        s.row.push(GridCell::default());
                    }
                    if repeat > 1 {
                        s.padding_from = Some(from);
                    }
                }
                b"table:covered-table-cell" if s.tables == 1 => s.covered(e),
                b"text:p" | b"text:h" => s.end_para(),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                n if skipped(n) => s.skip = s.skip.saturating_sub(1),
                _ if s.skip > 0 => {}
                b"text:p" | b"text:h" => s.end_para(),
                b"text:list" => {
                    s.end_para();
                    s.lists = s.lists.saturating_sub(1);
                    s.styles.pop();
                }
                b"table:table-cell" if s.tables == 1 => {
                    s.end_para();
                    let cell = std::mem::take(&mut s.cell);
                    s.row.push(cell);
                }
                b"table:table-row" if s.tables == 2 => {
                    s.end_para();
                    s.nested.row_end(&mut s.cell);
                }
                b"table:table-row" if s.tables == 1 => {
                    let mut row = std::mem::take(&mut s.row);
                    // A run of repeated empty cells at the end pads the row to the sheet's
                    // width: no columns.
                    if let Some(from) = s.padding_from.take() {
                        row.truncate(from.max(1));
                    }
                    s.pieces.push(Piece::Row(row));
                }
                b"table:table" => {
                    s.end_para();
                    s.tables = s.tables.saturating_sub(1);
                    if s.tables == 0 {
                        s.pieces.push(Piece::TableEnd);
                        s.covered_next.clear();
                    }
                }
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if s.skip == 0 => {
                if let Some(p) = &mut s.para {
                    xml_text(&event, &mut p.text).map_err(|e| (reader.buffer_position(), e))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    s.end_para();
    Ok(s.pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_spans_covered_cells_and_lists() {
        let xml = r#"<office:document-content><office:body><office:text>
            <text:h>Titre</text:h><text:h text:outline-level="2">Partie</text:h>
            <table:table>
              <table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>A</text:p></table:table-cell>
                <table:table-cell><text:list><text:list-item><text:p>x<text:s text:c="2"/>y</text:p>
                  <text:list><text:list-item><text:p>z</text:p></text:list-item></text:list></text:list-item></text:list></table:table-cell></table:table-row>
              <table:table-row><table:covered-table-cell/><table:table-cell><text:p>w<text:note><text:note-body><text:p>n</text:p></text:note-body></text:note></text:p></table:table-cell>
                <table:table-cell table:number-columns-repeated="900"/></table:table-row>
            </table:table></office:text></office:body></office:document-content>"#;
        let p = pieces(xml.as_bytes(), Numbering::default()).unwrap();
        let para = |t: &str, level| Para {
            text: t.into(),
            level,
            heading: None,
        };
        let cell = |paras: Vec<Para>, below| GridCell {
            paras,
            below,
            left: false,
        };
        assert_eq!(
            p,
            [
                // Headings at their outline level (1 when unsaid).
                Piece::Para(Para {
                    heading: Some(1),
                    ..para("Titre", None)
                }),
                Piece::Para(Para {
                    heading: Some(2),
                    ..para("Partie", None)
                }),
                Piece::Row(vec![
                    cell(vec![para("A", None)], false),
                    cell(vec![para("x  y", Some(0)), para("z", Some(1))], false)
                ]),
                Piece::Row(vec![cell(vec![], true), cell(vec![para("w", None)], false)]),
                Piece::TableEnd,
            ]
        );
    }
}
