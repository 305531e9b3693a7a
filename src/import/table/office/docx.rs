//! A Word document's body (`word/document.xml`, WordprocessingML) as [`Piece`]s: `w:p`
//! paragraphs (list items by their `w:numPr`/`w:ilvl`), `w:tbl` rows and cells with
//! `w:gridSpan` (a cell over several grid columns) and `w:vMerge` (a cell continuing the one
//! above); a table nested in a cell gives items of that cell ([`super::Nested`]). Only `w:t`
//! text is read, as the document reads with its revisions accepted: deleted text
//! (`w:delText`, a `w:del` run, a row whose `w:trPr` holds `w:del`), the place a passage was
//! moved from (`w:moveFrom`, whose text is `w:t`), field codes, the placeholder text of an
//! empty content control (`w:sdt` showing `w:showingPlcHdr`) and the fallbacks of
//! alternate content are not the document's text. A text box's content (`w:txbxContent`;
//! a table may sit in one) is read where it is anchored, once: Word writes it again in the
//! VML fallback (`mc:Fallback`) of its drawing.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::numbering::Numbering;
use super::{GridCell, Nested, Para, Piece, attribute, place, xml_text};

#[derive(Default)]
struct State {
    pieces: Vec<Piece>,
    /// Tables open; only the outermost one gives rows (nested ones are text of its cell).
    tables: usize,
    row: Vec<GridCell>,
    cell: GridCell,
    span: usize,
    para: Option<Para>,
    /// Inside `w:t`.
    text: bool,
    /// Inside content that is not the body's text (`w:txbxContent`, `mc:Fallback`…).
    skip: usize,
    /// The content controls open (`w:sdt`), each true when it shows its placeholder text
    /// (`w:showingPlcHdr`: "Cliquez ou appuyez ici…", not the document's text).
    sdts: Vec<bool>,
    /// Inside the open row's `w:trPr`, and whether it marks the row deleted.
    row_props: bool,
    row_deleted: bool,
    /// `w:numId w:val="0"`: numbering removed.
    unnumbered: bool,
    /// The paragraph's list (`w:numId`), for the number Word prints before it.
    num: Option<String>,
    /// The paragraph's style (`w:pStyle`), which may number it (`styles`).
    style: Option<String>,
    numbering: Numbering,
    nested: Nested,
    /// The list (`w:numId`) of the open cell's latest list item: another one starts a list
    /// of its own.
    cell_list: Option<String>,
}

impl State {
    fn end_para(&mut self) {
        let Some(mut p) = self.para.take() else {
            return;
        };
        if self.unnumbered {
            p.level = None;
        }
        // Numbered by its style when it says nothing itself.
        let style = self.style.take();
        if self.num.is_none()
            && !self.unnumbered
            && let Some((list, level)) = style.and_then(|s| self.numbering.by_style.of(&s))
        {
            self.num = Some(list);
            p.level = Some(p.level.unwrap_or(level));
        }
        self.unnumbered = false;
        if self.tables == 1
            && p.level.is_some()
            && !p.text.trim().is_empty()
            && let Some(num) = &self.num
        {
            if self.cell_list.as_ref().is_some_and(|l| l != num) {
                super::list_break(&mut self.cell);
            }
            self.cell_list = Some(num.clone());
        }
        if let (Some(num), Some(level)) = (self.num.take(), p.level)
            && let Some(id) = self.numbering.next(&num, level)
        {
            p.text = format!("{id} {}", p.text.trim_start());
            // Outside a table the number Word prints is the item's mark: a numbered line
            // (`1.1. Accueillir …`, read by its ID), not a bullet point.
            if self.tables == 0 {
                p.level = None;
            }
        }
        self.push_para(p);
    }

    fn push_para(&mut self, p: Para) {
        place(
            p,
            self.tables,
            &mut self.pieces,
            &mut self.cell,
            &mut self.nested,
        );
    }

    /// `w:br`: a line break inside a paragraph starts a new one (same list level).
    fn line_break(&mut self) {
        if let Some(p) = self.para.take() {
            let level = p.level;
            self.push_para(p);
            self.para = Some(Para {
                text: String::new(),
                level,
                heading: None,
            });
        }
    }
}

/// The outline level a paragraph style's ID names: `Heading2`, `Titre2`, `heading 2` → 2.
fn heading_style(id: &str) -> Option<u8> {
    let t = id.to_lowercase();
    let rest = t
        .strip_prefix("heading")
        .or_else(|| t.strip_prefix("titre"))?
        .trim_start();
    rest.parse().ok().filter(|n| (1..=9).contains(n))
}

/// The pieces of `word/document.xml`; an error is its byte offset and what is wrong.
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
            Event::Start(e) => {
                let name = e.name();
                match name.as_ref() {
                    b"mc:Fallback" | b"w:delText" | b"w:instrText" | b"w:del" | b"w:moveFrom" => {
                        s.skip += 1
                    }
                    // Counted even where skipped, so that their ends match.
                    b"w:sdt" => s.sdts.push(false),
                    b"w:sdtContent" if s.sdts.last() == Some(&true) => s.skip += 1,
                    _ if s.skip > 0 => {}
                    // The paragraph the box is anchored in ends before the box's own.
                    b"w:txbxContent" => s.end_para(),
                    b"w:trPr" if s.tables == 1 => s.row_props = true,
                    b"w:tbl" => {
                        s.end_para();
                        s.tables += 1;
                        if s.tables == 2 {
                            s.nested.table_start();
                        }
                    }
                    b"w:tr" if s.tables == 1 => {
                        s.row.clear();
                        s.row_deleted = false;
                    }
                    b"w:tr" if s.tables == 2 => s.nested.row_start(),
                    b"w:tc" if s.tables == 2 => s.nested.cell_start(),
                    b"w:tc" if s.tables == 1 => {
                        s.cell = GridCell::default();
                        s.cell_list = None;
                        s.span = 1;
                    }
                    b"w:p" => {
                        s.end_para();
                        s.num = None;
                        s.style = None;
                        s.para = Some(Para::default());
                    }
                    b"w:t" => s.text = true,
                    b"w:numPr" => {
                        if let Some(p) = &mut s.para {
                            p.level.get_or_insert(0);
                        }
                    }
                    b"w:vMerge" if s.tables == 1 => vmerge(&mut s, e),
                    _ => {}
                }
            }
            Event::Empty(e) if s.skip == 0 => match e.name().as_ref() {
                // An empty paragraph (`<w:p/>`): between list items of a cell, two lists.
                b"w:p" if s.tables == 1 => {
                    s.end_para();
                    super::list_break(&mut s.cell);
                }
                b"w:tab" => {
                    if let Some(p) = &mut s.para {
                        p.text.push(' ');
                    }
                }
                b"w:br" | b"w:cr" => s.line_break(),
                b"w:pStyle" if s.para.is_some() => {
                    s.style = attribute(e, b"val");
                    if let (Some(p), Some(level)) =
                        (&mut s.para, s.style.as_deref().and_then(heading_style))
                    {
                        p.heading = Some(level);
                    }
                }
                // Word's outline level, 0 for the top.
                b"w:outlineLvl" => {
                    let level = attribute(e, b"val").and_then(|v| v.parse::<u8>().ok());
                    if let (Some(p), Some(level)) = (&mut s.para, level)
                        && level < 9
                    {
                        p.heading = Some(level + 1);
                    }
                }
                b"w:ilvl" => {
                    let level = attribute(e, b"val").and_then(|v| v.parse().ok());
                    if let (Some(p), Some(level)) = (&mut s.para, level) {
                        p.level = Some(level);
                    }
                }
                b"w:numId" => {
                    if attribute(e, b"val").as_deref() == Some("0") {
                        s.unnumbered = true;
                    } else if let Some(p) = &mut s.para {
                        p.level.get_or_insert(0);
                        s.num = attribute(e, b"val");
                    }
                }
                b"w:gridSpan" if s.tables == 1 => {
                    s.span = attribute(e, b"val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
                b"w:vMerge" if s.tables == 1 => vmerge(&mut s, e),
                // A row deleted with revision marks on (its text is `w:delText` too).
                b"w:del" if s.row_props => s.row_deleted = true,
                b"w:showingPlcHdr" => {
                    if let Some(placeholder) = s.sdts.last_mut() {
                        *placeholder = true;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"mc:Fallback" | b"w:delText" | b"w:instrText" | b"w:del" | b"w:moveFrom" => {
                    s.skip = s.skip.saturating_sub(1)
                }
                b"w:sdtContent" if s.sdts.last() == Some(&true) => {
                    s.skip = s.skip.saturating_sub(1)
                }
                b"w:sdt" => {
                    s.sdts.pop();
                }
                _ if s.skip > 0 => {}
                // The anchoring paragraph's text after the box goes on in a paragraph of its own.
                b"w:txbxContent" => {
                    s.end_para();
                    s.para = Some(Para::default());
                }
                b"w:trPr" => s.row_props = false,
                b"w:t" => s.text = false,
                b"w:p" => s.end_para(),
                b"w:tc" if s.tables == 1 => {
                    s.end_para();
                    let cell = std::mem::take(&mut s.cell);
                    let below = cell.below;
                    s.row.push(cell);
                    for _ in 1..s.span {
                        s.row.push(GridCell {
                            paras: Vec::new(),
                            below,
                            left: true,
                        });
                    }
                }
                b"w:tr" if s.tables == 1 => {
                    let row = std::mem::take(&mut s.row);
                    if !s.row_deleted {
                        s.pieces.push(Piece::Row(row));
                    }
                }
                b"w:tr" if s.tables == 2 => {
                    s.end_para();
                    s.nested.row_end(&mut s.cell);
                }
                b"w:tbl" => {
                    s.end_para();
                    s.tables = s.tables.saturating_sub(1);
                    if s.tables == 0 {
                        s.pieces.push(Piece::TableEnd);
                    }
                }
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if s.text && s.skip == 0 => {
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

/// `w:vMerge` alone or `continue`: the cell continues the one above; `restart` opens one.
fn vmerge(s: &mut State, e: &quick_xml::events::BytesStart<'_>) {
    s.cell.below = attribute(e, b"val").is_none_or(|v| v != "restart");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_styles_name_their_level() {
        assert_eq!(heading_style("Heading2"), Some(2));
        assert_eq!(heading_style("Titre1"), Some(1));
        assert_eq!(heading_style("heading 3"), Some(3));
        assert_eq!(heading_style("Titre"), None);
        assert_eq!(heading_style("ListParagraph"), None);
    }

    /// Word's multilevel outline numbering the body (the bloc heading by its style, as
    /// Word's numbered heading styles do): the numbers Word prints begin the paragraphs,
    /// which are numbered lines, no points; a bulleted item stays a point.
    #[test]
    fn outline_numbers_begin_body_paragraphs_bullets_stay_points() {
        let numbering = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="Titre1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#;
        let mut n = Numbering::read(numbering.as_bytes());
        n.by_style = super::super::styles::StyleLists::read_word(styles.as_bytes());
        let num = |id: u8, level: u8| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#
            )
        };
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Accueillir</w:t></w:r></w:p>
            <w:p>{}<w:r><w:t>Vérifier l'identité</w:t></w:r></w:p>
            <w:p>{}<w:r><w:t>L'identité est vérifiée</w:t></w:r></w:p>
            <w:p>{}<w:r><w:t>Gérer l'agenda</w:t></w:r></w:p>
            </w:body></w:document>"#,
            num(1, 1),
            num(2, 0),
            num(1, 1)
        );
        let texts: Vec<(String, Option<usize>)> = pieces(xml.as_bytes(), n)
            .unwrap()
            .into_iter()
            .filter_map(|p| match p {
                Piece::Para(p) => Some((p.text, p.level)),
                _ => None,
            })
            .collect();
        let t = |s: &str, level| (s.to_owned(), level);
        assert_eq!(
            texts,
            [
                t("1. Accueillir", None),
                t("1.1. Vérifier l'identité", None),
                t("L'identité est vérifiée", Some(0)),
                t("1.2. Gérer l'agenda", None),
            ]
        );
    }

    #[test]
    fn rows_merges_and_lists() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>Titre &amp; co</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc>
                <w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">x </w:t></w:r><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>z</w:t><w:br/><w:t>w</w:t><w:delText>gone</w:delText></w:r></w:p></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#;
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
                Piece::Para(para("Titre & co", None)),
                Piece::Row(vec![
                    cell(vec![para("A", None)], false),
                    GridCell {
                        left: true,
                        ..cell(vec![], false)
                    }
                ]),
                Piece::Row(vec![
                    cell(vec![para("B", None)], false),
                    cell(vec![para("x y", Some(1))], false)
                ]),
                Piece::Row(vec![
                    cell(vec![], true),
                    cell(vec![para("z", None), para("w", None)], false)
                ]),
                Piece::TableEnd,
            ]
        );
        assert!(pieces(b"<w:p><w:t>x</w:p>", Numbering::default()).is_err());
    }

    #[test]
    fn the_text_reads_as_with_its_revisions_accepted() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:tbl>
              <w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">Régler </w:t></w:r><w:del w:id="1"><w:r><w:t>mal</w:t></w:r></w:del><w:ins w:id="2"><w:r><w:t>bien</w:t></w:r></w:ins></w:p>
                <w:p><w:moveFrom w:id="3"><w:r><w:t>parti</w:t></w:r></w:moveFrom></w:p><w:p><w:moveTo w:id="4"><w:r><w:t>arrivé</w:t></w:r></w:moveTo></w:p></w:tc></w:tr>
              <w:tr><w:trPr><w:del w:id="5"/></w:trPr><w:tc><w:p><w:del w:id="6"><w:r><w:delText>rayé</w:delText></w:r></w:del></w:p></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#;
        let p = pieces(xml.as_bytes(), Numbering::default()).unwrap();
        let texts: Vec<Vec<&str>> = p
            .iter()
            .filter_map(|piece| match piece {
                Piece::Row(cells) => Some(
                    cells
                        .iter()
                        .flat_map(|c| c.paras.iter().map(|p| p.text.as_str()))
                        .filter(|t| !t.is_empty())
                        .collect(),
                ),
                _ => None,
            })
            .collect();
        assert_eq!(texts, [vec!["Régler bien", "arrivé"]]);
    }

    #[test]
    fn a_table_in_a_text_box_is_read_once_though_word_writes_it_twice() {
        let tbl =
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>C1 Régler</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let xml = format!(
            r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body><w:p><w:r><w:t>avant</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>{tbl}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{tbl}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>après</w:t></w:r></w:p></w:body></w:document>"#
        );
        let p = pieces(xml.as_bytes(), Numbering::default()).unwrap();
        let para = |t: &str| {
            Piece::Para(Para {
                text: t.into(),
                level: None,
                heading: None,
            })
        };
        let row = Piece::Row(vec![GridCell {
            paras: vec![Para {
                text: "C1 Régler".into(),
                level: None,
                heading: None,
            }],
            below: false,
            left: false,
        }]);
        assert_eq!(p, [para("avant"), row, Piece::TableEnd, para("après")]);
    }

    #[test]
    fn an_empty_content_control_s_placeholder_is_no_text_a_filled_one_s_is() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t xml:space="preserve">Date : </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Cliquez ici pour entrer une date.</w:t></w:r></w:sdtContent></w:sdt></w:p>
            <w:sdt><w:sdtPr><w:alias w:val="Lignes"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>C1 Régler</w:t></w:r></w:p></w:sdtContent></w:sdt></w:body></w:document>"#;
        let p = pieces(xml.as_bytes(), Numbering::default()).unwrap();
        let texts: Vec<&str> = p
            .iter()
            .filter_map(|piece| match piece {
                Piece::Para(p) => Some(p.text.trim()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["Date :", "C1 Régler"]);
    }
}
