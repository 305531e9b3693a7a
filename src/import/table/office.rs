//! Word (`.docx`) and OpenDocument (`.odt`) documents, read from their own XML inside the
//! ZIP (the `zip` crate, deflate by flate2's pure-Rust backend; `quick_xml`): the tables with
//! their rows, cells, horizontal and vertical merges, and the paragraphs and list items in
//! cells; the paragraphs and headings outside tables. They become the same [`Line`]s as a
//! text document, so one walk reads both. [`docx`] and [`odt`] read each format's XML into
//! [`Piece`]s; this module opens the archive and turns pieces into lines.
//!
//! In such a document, "line N" of the notes is its N-th piece: a paragraph outside a table,
//! or a table row.

mod docx;
mod numbering;
mod odt;
mod outline;
mod styles;
mod xlsx;

use std::io::Read;
use std::path::Path;

use super::cells::{Cell, Line, blocks_html, read_cell};
use crate::Error;
use numbering::Numbering;
use styles::StyleLists;

/// A paragraph: its text, and its list level when it is a list item (0 = top level).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub text: String,
    pub level: Option<usize>,
    /// Its outline level when it is a heading (1 = the top: `text:h`'s
    /// `text:outline-level`, Word's `Heading 1`/`Titre 1` style or `w:outlineLvl` + 1).
    pub heading: Option<u8>,
}

/// One cell of a table row, as the grid has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridCell {
    pub paras: Vec<Para>,
    /// Covered by the cell above it (a vertical merge): it continues that cell.
    pub below: bool,
    /// Covered by the cell to its left (a cell spanning columns).
    pub left: bool,
}

/// What a document's body holds, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Para(Para),
    Row(Vec<GridCell>),
    /// A table ends (prose after it is not a furniture line between rows).
    TableEnd,
}

/// The kinds of office document read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Odt,
    Xlsx,
}

impl Format {
    /// By the file's extension; a ZIP without a known one is tried as both.
    pub fn of(path: &Path, bytes: &[u8]) -> Option<Format> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("docx" | "docm" | "dotx") => Some(Format::Docx),
            Some("odt" | "ott") => Some(Format::Odt),
            Some("xlsx" | "xlsm") => Some(Format::Xlsx),
            _ if bytes.starts_with(b"PK\x03\x04") => Some(Format::Docx),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Docx => "Word (.docx) document",
            Format::Odt => "OpenDocument text (.odt)",
            Format::Xlsx => "spreadsheet (.xlsx)",
        }
    }
}

/// The largest XML part read: a referential's text is far smaller; more is a ZIP bomb.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an office document's body as lines. Errors name the file, the part and the place.
pub fn read(path: &Path, bytes: &[u8], format: Format) -> Result<Vec<Line>, Error> {
    let shown = path.display();
    let not = |why: String| {
        Error::Usage(format!(
            "`{shown}` is not a readable {}: {why}",
            format.name()
        ))
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| not(format!("not a ZIP archive ({e})")))?;
    // A .docx named .odt (or the other way round) is still read.
    let parts = [
        ("word/document.xml", Format::Docx),
        ("content.xml", Format::Odt),
        // The first worksheet (Excel and LibreOffice name its part so).
        ("xl/worksheets/sheet1.xml", Format::Xlsx),
    ];
    let (part, format) = parts
        .iter()
        .copied()
        .find(|(p, f)| *f == format && archive.index_for_name(p).is_some())
        .or_else(|| {
            parts
                .iter()
                .copied()
                .find(|(p, _)| archive.index_for_name(p).is_some())
        })
        .ok_or_else(|| {
            not("it has neither word/document.xml, content.xml nor xl/worksheets/sheet1.xml".into())
        })?;
    let xml = whole_part(&mut archive, part).map_err(not)?;
    if format == Format::Xlsx {
        return workbook(&mut archive, part, &xml).map_err(not);
    }
    let pieces = match format {
        Format::Docx => {
            let mut numbering = word_numbering(&mut archive);
            numbering.by_style =
                StyleLists::read_word(&part_bytes(&mut archive, "word/styles.xml"));
            docx::pieces(&xml, numbering)
        }
        Format::Odt => {
            let styles = part_bytes(&mut archive, "styles.xml");
            let mut numbering = Numbering::read_odt(&[&xml, &styles]);
            numbering.by_style = StyleLists::read_odt(&[&xml, &styles]);
            odt::pieces(&xml, numbering)
        }
        Format::Xlsx => Ok(Vec::new()),
    }
    .map_err(|(offset, e)| not(format!("{part}: byte {offset}: {e}")))?;
    Ok(lines(&pieces))
}

/// A part read whole, refused over [`MAX_PART_BYTES`]; the error says why, naming it.
fn whole_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    part: &str,
) -> Result<Vec<u8>, String> {
    let mut xml = Vec::new();
    let entry = archive.by_name(part).map_err(|e| format!("{part}: {e}"))?;
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("{part}: {e}"))?;
    if xml.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{part} is over {} MiB once unpacked",
            MAX_PART_BYTES / (1024 * 1024)
        ));
    }
    Ok(xml)
}

/// A workbook's visible sheets one after the other, each ending as a table does; the
/// first sheet (`first`, read already) alone when the workbook does not list them.
fn workbook<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    first: &str,
    first_xml: &[u8],
) -> Result<Vec<Line>, String> {
    let shared = xlsx::shared_strings(&part_bytes(archive, "xl/sharedStrings.xml"))
        .map_err(|(offset, e)| format!("xl/sharedStrings.xml: byte {offset}: {e}"))?;
    let mut parts = xlsx::sheet_parts(
        &part_bytes(archive, "xl/workbook.xml"),
        &part_bytes(archive, "xl/_rels/workbook.xml.rels"),
    );
    if parts.is_empty() {
        parts.push((String::new(), first.to_owned()));
    }
    let mut pieces = Vec::new();
    for (name, part) in &parts {
        let xml = if part == first {
            first_xml.to_vec()
        } else {
            whole_part(archive, part)?
        };
        let sheet = xlsx::pieces(&xml, &shared)
            .map_err(|(offset, e)| format!("{part}: byte {offset}: {e}"))?;
        // A sheet named as a bloc (`Bloc 1 - Accueil`) whose rows do not name it opens it,
        // as a heading over its table would.
        let named = sheet.iter().any(|p| match p {
            Piece::Para(p) => super::bloc_lines::bloc_line(&p.text),
            Piece::Row(cells) => cells.iter().any(|c| {
                c.paras
                    .first()
                    .is_some_and(|p| super::bloc_lines::bloc_line(&p.text))
            }),
            Piece::TableEnd => false,
        });
        if !named && super::bloc_lines::bloc_line(name) {
            pieces.push(Piece::Para(Para {
                text: name.clone(),
                level: None,
                heading: None,
            }));
        }
        pieces.extend(sheet);
        pieces.push(Piece::TableEnd);
    }
    Ok(lines(&pieces))
}

/// The list styles of a Word document (`word/numbering.xml`, absent in many): none when it
/// cannot be read, the items then keep their text without Word's numbers.
fn word_numbering<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> Numbering {
    Numbering::read(&part_bytes(archive, "word/numbering.xml"))
}

/// An optional part of the archive (list styles): empty when absent or unreadable.
fn part_bytes<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Vec<u8> {
    let mut xml = Vec::new();
    if let Ok(entry) = archive.by_name(name)
        && entry.take(MAX_PART_BYTES).read_to_end(&mut xml).is_err()
    {
        xml.clear();
    }
    xml
}

/// Pieces as the lines of a text document: a paragraph is a line of prose followed by a
/// blank line, a row is a row whose cells are read like HTML fragments.
pub fn lines(pieces: &[Piece]) -> Vec<Line> {
    let blocs = outline::bloc_headings(pieces);
    let mut out = Vec::new();
    for (n, piece) in pieces.iter().enumerate() {
        let line = n + 1;
        match piece {
            Piece::Para(p) => {
                let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
                if text.is_empty() {
                    continue;
                }
                let text = match (p.level, blocs.iter().position(|&b| b == n)) {
                    (_, Some(k)) => outline::as_bloc(k + 1, &text),
                    // An item holding a list nested in it heads that list's points (a
                    // competence over its criteria): a line of its own, not a point.
                    (Some(level), None) if heads_list(pieces, n, level) => text,
                    (Some(_), None) => format!("- {text}"),
                    (None, None) => text,
                };
                out.push(Line::Text { line, text });
                out.push(Line::Blank);
            }
            Piece::Row(cells) => {
                let cells = cells.iter().map(cell).collect();
                out.push(Line::Row { line, cells });
            }
            Piece::TableEnd => out.push(Line::Blank),
        }
    }
    out
}

/// Whether the list item at `n` (at `level`) holds a nested list: the next paragraph, past
/// a lead-in of the item (`Critères d’évaluation :`), is an item one level deeper.
fn heads_list(pieces: &[Piece], n: usize, level: usize) -> bool {
    pieces[n + 1..]
        .iter()
        .find_map(|p| match p {
            Piece::Para(p) if p.text.trim().is_empty() => None,
            Piece::Para(p) if p.level == Some(level) && p.text.trim_end().ends_with(':') => None,
            Piece::Para(p) => Some(p.level.is_some_and(|l| l > level)),
            _ => Some(false),
        })
        .unwrap_or(false)
}

/// A grid cell read as the HTML fragment it would be: `<p>` paragraphs, `<ul><li>` items
/// (nested by level), text escaped so that no `<` in it reads as a tag.
fn cell(c: &GridCell) -> Cell {
    // Each run of paragraphs between list breaks is written apart: a list after a break
    // is a list of its own (`<ul>…</ul><ul>…</ul>`).
    let html: String = c
        .paras
        .split(|p| p.text == LIST_BREAK)
        .map(|run| {
            blocks_html(
                run.iter()
                    .map(|p| (p.level.map_or(0, |l| l + 1), p.text.as_str())),
            )
        })
        .collect();
    let mut cell = read_cell(&html);
    cell.below = c.below;
    cell.left = c.left && !c.below;
    cell
}

/// The paragraph a reader puts in a cell between two lists (a list restarted, another
/// list element, an empty paragraph between items): never text, only a break.
const LIST_BREAK: &str = "\u{3}";

/// A list break in `cell` when its latest paragraph is a list item.
fn list_break(cell: &mut GridCell) {
    if cell.paras.last().is_some_and(|p| p.level.is_some()) {
        cell.paras.push(Para {
            text: LIST_BREAK.to_owned(),
            level: None,
            heading: None,
        });
    }
}

/// Where a finished paragraph goes, in either format: into the cell open in a table (a
/// nested table's cell first), else the body; a blank one nowhere.
fn place(
    p: Para,
    tables: usize,
    pieces: &mut Vec<Piece>,
    cell: &mut GridCell,
    nested: &mut Nested,
) {
    if p.text.trim().is_empty() {
        // An empty paragraph between list items of a cell: two lists.
        if tables == 1 {
            list_break(cell);
        }
        return;
    }
    if tables == 0 {
        pieces.push(Piece::Para(p));
    } else if tables >= 2
        && let Some(last) = nested.row.as_mut().and_then(|r| r.last_mut())
    {
        last.push(p);
    } else {
        cell.paras.push(p);
    }
}

/// A table nested in a cell (criteria and their indicators side by side, in either
/// format): each of its rows becomes an item of the cell, its first cell's text, with the
/// other cells' text as points under it; its first row is dropped when it is a header
/// (every cell a short name, `Critères | Indicateurs`), a first cell only numbering its
/// row (`1.`) is left out.
#[derive(Debug, Default)]
struct Nested {
    /// The row being read: its cells' paragraphs.
    row: Option<Vec<Vec<Para>>>,
    /// Rows of the nested table read so far.
    rows: usize,
}

impl Nested {
    fn table_start(&mut self) {
        self.rows = 0;
        self.row = None;
    }

    fn row_start(&mut self) {
        self.row = Some(Vec::new());
    }

    fn cell_start(&mut self) {
        if let Some(r) = &mut self.row {
            r.push(Vec::new());
        }
    }

    /// The row ends: its items go into the outer `cell`.
    fn row_end(&mut self, cell: &mut GridCell) {
        let Some(row) = self.row.take() else {
            return;
        };
        self.rows += 1;
        let texts: Vec<Vec<&str>> = row
            .iter()
            .map(|c| c.iter().map(|p| p.text.as_str()).collect())
            .collect();
        if self.rows == 1 && super::nested::header(&texts) {
            return;
        }
        let numbered = super::nested::numbered(&texts);
        for (i, paras) in row.into_iter().skip(usize::from(numbered)).enumerate() {
            for mut p in paras {
                p.level = Some(if i == 0 { 0 } else { 1 + p.level.unwrap_or(0) });
                cell.paras.push(p);
            }
        }
    }
}

/// The text of an XML text event or entity reference, entities resolved.
fn xml_text(event: &quick_xml::events::Event<'_>, out: &mut String) -> Result<(), String> {
    use quick_xml::events::Event;
    match event {
        Event::Text(e) => out.push_str(&e.xml10_content().map_err(|e| e.to_string())?),
        Event::CData(e) => out.push_str(&e.xml10_content().map_err(|e| e.to_string())?),
        Event::GeneralRef(e) => match e.resolve_char_ref().map_err(|e| e.to_string())? {
            Some(c) => out.push(c),
            None => {
                let name = String::from_utf8_lossy(e);
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(s) => out.push_str(s),
                    None => return Err(format!("unknown entity `&{name};`")),
                }
            }
        },
        _ => {}
    }
    Ok(())
}

/// An attribute's value by its local name (`w:val` → `val`), entities resolved.
fn attribute(e: &quick_xml::events::BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list item holding a nested list (past its lead-in) heads it: a line, not a point.
    #[test]
    fn an_item_over_a_nested_list_is_a_line_of_its_own() {
        let para = |text: &str, level| {
            Piece::Para(Para {
                text: text.into(),
                level: Some(level),
                heading: None,
            })
        };
        let pieces = [
            para("C1 – Poser", 0),
            para("Critères :", 0),
            para("La pose est juste", 1),
            para("C2 – Régler", 0),
        ];
        let got: Vec<String> = lines(&pieces)
            .into_iter()
            .filter_map(|l| match l {
                Line::Text { text, .. } => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                "C1 – Poser",
                "Critères :",
                "- La pose est juste",
                "- C2 – Régler"
            ]
        );
    }

    #[test]
    fn list_items_nest_and_text_is_escaped() {
        let c = GridCell {
            paras: vec![
                Para {
                    text: "Qualité :".into(),
                    level: Some(0),
                    heading: None,
                },
                Para {
                    text: "a < b".into(),
                    level: Some(1),
                    heading: None,
                },
                Para {
                    text: "Fin".into(),
                    level: None,
                    heading: None,
                },
            ],
            below: false,
            left: false,
        };
        let got: Vec<(super::super::cells::Mark, String)> = cell(&c)
            .blocks
            .iter()
            .map(|b| (b.mark, b.text.clone()))
            .collect();
        use super::super::cells::Mark;
        assert_eq!(
            got,
            [
                (Mark::Bullet, "Qualité :".to_owned()),
                (Mark::Dash, "a < b".to_owned()),
                (Mark::Para, "Fin".to_owned())
            ]
        );
    }
}
