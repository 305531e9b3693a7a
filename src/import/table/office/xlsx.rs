//! A spreadsheet (`.xlsx`, SpreadsheetML): the rows of its worksheets as [`Piece`]s, sheet
//! after sheet in the workbook's order (a referential kept one sheet per bloc; hidden
//! sheets, columns and rows left out: helper keys, lists for drop-downs, not the table).
//! A cell's text is a shared string (`t="s"`, `xl/sharedStrings.xml`, rich-text runs
//! joined), an inline string or its value; its line breaks end paragraphs, a line starting
//! with a bullet (`- `, `• `) being a list item. Merged ranges
//! (`mergeCell ref="A2:D3"`) are written in their first cell, the positions below it
//! covered, like a Word vertical merge. Rows holding only their first cell before the first
//! row of two cells or more are prose (the title); after it, heading rows.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{GridCell, Para, Piece, attribute, xml_text};

/// Columns kept: a referential table is narrow; a sheet's far columns are no part of it.
const MAX_COLUMNS: usize = 32;

/// A merged range: its first and last cells, (column, row).
type Range = ((usize, usize), (usize, usize));

/// `B12` → (column 1, row 12); `None` for what is no cell reference.
fn position(r: &str) -> Option<(usize, usize)> {
    let letters: String = r.chars().take_while(char::is_ascii_uppercase).collect();
    let row: usize = r[letters.len()..].parse().ok()?;
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1);
    Some((col - 1, row))
}

/// The names and parts of the workbook's visible worksheets, in its order
/// (`xl/workbook.xml`'s `<sheet name r:id>`, resolved by `xl/_rels/workbook.xml.rels`);
/// empty when they cannot be read, the caller then reading the first sheet alone.
pub fn sheet_parts(workbook: &[u8], rels: &[u8]) -> Vec<(String, String)> {
    let ids = elements(workbook, b"sheet", |e| {
        let hidden = attribute(e, b"state").is_some_and(|s| s != "visible");
        let name = attribute(e, b"name").unwrap_or_default();
        (!hidden)
            .then(|| attribute(e, b"id").map(|id| (name, id)))
            .flatten()
    });
    let targets = elements(rels, b"Relationship", |e| {
        Some((attribute(e, b"Id")?, attribute(e, b"Target")?))
    });
    ids.into_iter()
        .filter_map(|(name, id)| {
            let (_, target) = targets.iter().find(|(i, _)| *i == id)?;
            // Relative to `xl/`, or absolute in the package (`/xl/worksheets/…`).
            let part = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("xl/{target}"),
            };
            Some((name, part))
        })
        .collect()
}

/// What `f` takes from each element named `name` (start or empty), in order; what was read
/// before an XML error.
fn elements<T>(
    xml: &[u8],
    name: &[u8],
    f: impl Fn(&quick_xml::events::BytesStart<'_>) -> Option<T>,
) -> Vec<T> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match &event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == name => {
                out.extend(f(e));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The shared strings (`xl/sharedStrings.xml`), each its runs' text joined.
pub fn shared_strings(xml: &[u8]) -> Result<Vec<String>, (u64, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let (mut in_t, mut phonetic) = (false, false);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| (reader.buffer_position(), e.to_string()))?;
        match &event {
            Event::Start(e) => match e.name().as_ref() {
                b"si" => out.push(String::new()),
                b"t" => in_t = true,
                b"rPh" => phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"t" => in_t = false,
                b"rPh" => phonetic = false,
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_t && !phonetic => {
                if let Some(s) = out.last_mut() {
                    xml_text(&event, s).map_err(|e| (reader.buffer_position(), e))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// The pieces of a worksheet, its shared strings given.
pub fn pieces(sheet: &[u8], shared: &[String]) -> Result<Vec<Piece>, (u64, String)> {
    let mut reader = Reader::from_reader(sheet);
    let mut buf = Vec::new();
    // (row number, cells by column) in order; the cell being read: column, type, text.
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut cell: Option<(usize, Option<String>, String)> = None;
    let mut in_text = false;
    let mut merges: Vec<Range> = Vec::new();
    let mut hidden_columns: Vec<usize> = Vec::new();
    let mut hidden_row = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| (reader.buffer_position(), e.to_string()))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"col" if attribute(e, b"hidden").is_some_and(|h| h == "1" || h == "true") => {
                    let at = |name: &[u8]| attribute(e, name).and_then(|v| v.parse::<usize>().ok());
                    if let (Some(min), Some(max)) = (at(b"min"), at(b"max")) {
                        hidden_columns.extend((min.max(1)..=max.min(MAX_COLUMNS)).map(|c| c - 1));
                    }
                }
                b"row" => {
                    let n = attribute(e, b"r")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(rows.last().map_or(1, |(n, _)| n + 1));
                    hidden_row = attribute(e, b"hidden").is_some_and(|h| h == "1" || h == "true");
                    rows.push((n, Vec::new()));
                }
                b"c" => {
                    let next = rows.last().map_or(0, |(_, c)| c.len());
                    let col = attribute(e, b"r")
                        .and_then(|r| position(&r))
                        .map_or(next, |(c, _)| c);
                    cell = Some((col, attribute(e, b"t"), String::new()));
                    if matches!(event, Event::Empty(_)) {
                        cell = None;
                    }
                }
                b"v" | b"t" => in_text = matches!(event, Event::Start(_)),
                b"mergeCell" => {
                    if let Some((a, b)) = attribute(e, b"ref")
                        .as_deref()
                        .and_then(|r| r.split_once(':'))
                        .and_then(|(a, b)| Some((position(a)?, position(b)?)))
                    {
                        merges.push((a, b));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"v" | b"t" => in_text = false,
                b"c" => {
                    if let (Some((col, kind, text)), Some((_, cells))) =
                        (cell.take(), rows.last_mut())
                        && col < MAX_COLUMNS
                        && !hidden_row
                    {
                        let text = match kind.as_deref() {
                            Some("s") => text
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| shared.get(i).cloned())
                                .unwrap_or_default(),
                            _ => text,
                        };
                        if cells.len() <= col {
                            cells.resize(col + 1, String::new());
                        }
                        cells[col] = text;
                    }
                }
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_text => {
                if let Some((_, _, text)) = &mut cell {
                    xml_text(&event, text).map_err(|e| (reader.buffer_position(), e))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(grid(rows, &merges, &hidden_columns))
}

/// The rows as pieces, merged ranges applied, the hidden columns left out.
fn grid(rows: Vec<(usize, Vec<String>)>, merges: &[Range], hidden: &[usize]) -> Vec<Piece> {
    let width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let kept: Vec<usize> = (0..width).filter(|c| !hidden.contains(c)).collect();
    let mut out = Vec::new();
    let mut table = false;
    for (n, texts) in rows {
        let text_at = |c: usize| texts.get(c).filter(|t| !t.trim().is_empty());
        let filled = kept.iter().filter(|&&c| text_at(c).is_some()).count();
        if filled == 0 {
            continue;
        }
        let first_only = filled == 1 && kept.first().is_some_and(|&c| text_at(c).is_some());
        if first_only && !table {
            out.push(Piece::Para(Para {
                text: kept
                    .first()
                    .and_then(|&c| text_at(c))
                    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default(),
                level: None,
                heading: None,
            }));
            continue;
        }
        table = true;
        let cells = kept
            .iter()
            .map(|&c| {
                let below = merges
                    .iter()
                    .any(|&((c1, r1), (c2, r2))| (c1..=c2).contains(&c) && n > r1 && n <= r2);
                let paras = texts
                    .get(c)
                    .map(|t| {
                        t.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(|l| {
                                // `- point`, `• point` typed in a cell: a list item.
                                match l.strip_prefix(['-', '•', '*', '–']) {
                                    Some(rest) if rest.starts_with(' ') => Para {
                                        text: rest.trim().to_owned(),
                                        level: Some(0),
                                        heading: None,
                                    },
                                    _ => Para {
                                        text: l.to_owned(),
                                        level: None,
                                        heading: None,
                                    },
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let left = merges
                    .iter()
                    .any(|&((c1, r1), (c2, _))| c > c1 && c <= c2 && n == r1);
                GridCell { paras, below, left }
            })
            .collect();
        out.push(Piece::Row(cells));
    }
    out.push(Piece::TableEnd);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_in_the_workbook_order_hidden_ones_left_out() {
        let workbook = br#"<workbook xmlns:r="r"><sheets><sheet name="B" sheetId="2" r:id="rId2"/><sheet name="Cach&#233;" sheetId="3" state="hidden" r:id="rId3"/><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let rels = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Target="worksheets/sheet3.xml"/></Relationships>"#;
        let parts = sheet_parts(workbook, rels);
        let parts: Vec<(&str, &str)> = parts
            .iter()
            .map(|(n, p)| (n.as_str(), p.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                ("B", "xl/worksheets/sheet2.xml"),
                ("A", "xl/worksheets/sheet1.xml")
            ]
        );
        assert!(sheet_parts(b"", b"").is_empty());
    }

    #[test]
    fn cells_shared_strings_and_merges() {
        assert_eq!(position("B12"), Some((1, 12)));
        assert_eq!(position("AA1"), Some((26, 1)));
        let shared = shared_strings(br#"<sst><si><t>Titre</t></si><si><r><t>Comp</t></r><r><t>&#233;tences</t></r></si><si><t>a</t><rPh><t>x</t></rPh></si></sst>"#).unwrap();
        assert_eq!(shared, ["Titre", "Compétences", "a"]);
        let sheet = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>Activit&#233;s</t></is></c><c r="B3" t="s"><v>1</v></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>A1</t></is></c><c r="B4" t="inlineStr"><is><t>x
y</t></is></c></row><row r="5"><c r="B5" t="inlineStr"><is><t>z</t></is></c></row></sheetData>
            <mergeCells><mergeCell ref="A4:A5"/></mergeCells></worksheet>"#;
        let p = pieces(sheet, &shared).unwrap();
        let para = |t: &str| Para {
            text: t.into(),
            level: None,
            heading: None,
        };
        let cell = |ps: &[&str], below| GridCell {
            paras: ps.iter().map(|t| para(t)).collect(),
            below,
            left: false,
        };
        assert_eq!(
            p,
            [
                Piece::Para(para("Titre")),
                Piece::Row(vec![
                    cell(&["Activités"], false),
                    cell(&["Compétences"], false)
                ]),
                Piece::Row(vec![cell(&["A1"], false), cell(&["x", "y"], false)]),
                Piece::Row(vec![cell(&[], true), cell(&["z"], false)]),
                Piece::TableEnd,
            ]
        );
    }

    #[test]
    fn hidden_columns_and_rows_are_left_out() {
        let sheet = br#"<worksheet><cols><col min="1" max="1" width="9" hidden="1"/><col min="2" max="3" width="30"/></cols><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>Titre cach&#233;</t></is></c><c r="B1" t="inlineStr"><is><t>Titre</t></is></c></row>
            <row r="2"><c r="A2" t="str"><f>B2&amp;C2</f><v>cl&#233;</v></c><c r="B2" t="inlineStr"><is><t>Comp&#233;tences</t></is></c><c r="C2" t="inlineStr"><is><t>Crit&#232;res</t></is></c></row>
            <row r="3" hidden="1"><c r="B3" t="inlineStr"><is><t>brouillon</t></is></c><c r="C3" t="inlineStr"><is><t>x</t></is></c></row>
            <row r="4"><c r="A4" t="str"><f>B4</f><v>C1|1</v></c><c r="B4" t="inlineStr"><is><t>C1</t></is></c><c r="C4" t="inlineStr"><is><t>y</t></is></c></row>
            </sheetData></worksheet>"#;
        let p = pieces(sheet, &[]).unwrap();
        let texts: Vec<Vec<String>> = p
            .iter()
            .map(|piece| match piece {
                Piece::Para(para) => vec![para.text.clone()],
                Piece::Row(cells) => cells
                    .iter()
                    .map(|c| c.paras.iter().map(|p| p.text.as_str()).collect())
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                vec!["Titre"],
                vec!["Compétences", "Critères"],
                vec!["C1", "y"],
                vec![]
            ]
        );
    }
}
