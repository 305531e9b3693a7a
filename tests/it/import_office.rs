//! `refolio import table` on Word (.docx) and OpenDocument (.odt) files built here from
//! known content (hand-assembled XML, zipped with the `zip` crate): the tables' rows, cells,
//! horizontal and vertical merges, list items inside cells, paragraphs outside tables; and
//! the errors on a file that is not one.

use std::io::Write;

use crate::common::Scratch;
use crate::import_draft::bloc_titles;
use refolio::import::draft::Draft;

/// A cell of the test table: its paragraphs (`Some(level)` for a list item), the columns
/// and rows it spans; or a grid position covered by the cell above.
#[derive(Clone)]
pub(crate) enum C {
    Text(Vec<(Option<usize>, &'static str)>, usize, usize),
    Below,
}

pub(crate) fn t(text: &'static str) -> C {
    C::Text(vec![(None, text)], 1, 1)
}

/// The referential of both documents: a bloc heading over the four columns, an exam cell
/// merged down over two competence rows, criteria as a list with sub-items.
fn table() -> Vec<Vec<C>> {
    vec![
        vec![
            t("Activités"),
            t("Compétences"),
            t("Modalités d'évaluation"),
            t("Critères d'évaluation"),
        ],
        vec![C::Text(
            vec![(None, "Bloc 1 : Maintenir les équipements")],
            4,
            1,
        )],
        vec![
            C::Text(vec![(None, "A1.1 Diagnostic des pannes")], 1, 2),
            t("C1.1 Diagnostiquer une panne électrique"),
            C::Text(
                vec![
                    (None, "Mise en situation professionnelle"),
                    (None, "Le candidat intervient sur un banc d'essai."),
                ],
                1,
                2,
            ),
            C::Text(
                vec![
                    (Some(0), "Qualité du diagnostic :"),
                    (Some(1), "les mesures sont relevées"),
                    (Some(1), "la cause est identifiée"),
                ],
                1,
                1,
            ),
        ],
        vec![
            C::Below,
            t("C1.2 Remplacer un composant < 5 kg & le tester"),
            C::Below,
            t("Le composant est remplacé dans le respect des consignes de sécurité."),
        ],
        vec![C::Text(vec![(None, "Bloc 2 : Rendre compte")], 4, 1)],
        vec![
            t("A2.1 Compte rendu"),
            t("C2.1 Rédiger un rapport d'intervention"),
            t("Dossier écrit"),
            t("Le rapport est complet et lisible."),
        ],
    ]
}

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(crate) fn docx_xml(title: &str, rows: &[Vec<C>], after: &str) -> String {
    let para = |level: Option<usize>, text: &str| {
        let num = level.map_or(String::new(), |l| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="1"/></w:numPr></w:pPr>"#
            )
        });
        format!(
            r#"<w:p>{num}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        )
    };
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    x += &para(None, title);
    x += "<w:tbl>";
    for row in rows {
        x += "<w:tr>";
        for c in row {
            match c {
                C::Below => x += "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
                C::Text(paras, cols, rows) => {
                    x += "<w:tc><w:tcPr>";
                    if *cols > 1 {
                        x += &format!(r#"<w:gridSpan w:val="{cols}"/>"#);
                    }
                    if *rows > 1 {
                        x += r#"<w:vMerge w:val="restart"/>"#;
                    }
                    x += "</w:tcPr>";
                    for (level, text) in paras {
                        x += &para(*level, text);
                    }
                    x += "</w:tc>";
                }
            }
        }
        x += "</w:tr>";
    }
    x += "</w:tbl>";
    x += &para(None, after);
    x + "</w:body></w:document>"
}

fn odt_xml(title: &str, rows: &[Vec<C>], after: &str) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>"#,
    );
    x += &format!("<text:h>{}</text:h>", esc(title));
    x += "<table:table>";
    for row in rows {
        x += "<table:table-row>";
        for c in row {
            match c {
                C::Below => x += "<table:covered-table-cell/>",
                C::Text(paras, cols, rows) => {
                    x += &format!(
                        r#"<table:table-cell table:number-columns-spanned="{cols}" table:number-rows-spanned="{rows}">"#
                    );
                    let mut depth = 0;
                    for (level, text) in paras {
                        let want = level.map_or(0, |l| l + 1);
                        while depth < want {
                            x += "<text:list><text:list-item>";
                            depth += 1;
                        }
                        while depth > want {
                            x += "</text:list-item></text:list>";
                            depth -= 1;
                        }
                        if depth > 0 && level.is_some() {
                            x += "</text:list-item><text:list-item>";
                        }
                        x += &format!("<text:p>{}</text:p>", esc(text));
                    }
                    while depth > 0 {
                        x += "</text:list-item></text:list>";
                        depth -= 1;
                    }
                    x += "</table:table-cell>";
                    for _ in 1..*cols {
                        x += "<table:covered-table-cell/>";
                    }
                }
            }
        }
        x += "</table:table-row>";
    }
    x += "</table:table>";
    x += &format!("<text:p>{}</text:p>", esc(after));
    x + "</office:text></office:body></office:document-content>"
}

/// A ZIP holding `parts`, deflated as word processors write them.
pub(crate) fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// A .docx: a title paragraph, the table, a paragraph after it.
pub(crate) fn docx_of(title: &str, rows: &[Vec<C>], after: &str) -> Vec<u8> {
    zipped(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
        ("word/document.xml", &docx_xml(title, rows, after)),
    ])
}

/// [`docx_of`] with Word's list numbering: `numbering` is the `w:abstractNum` of list 1,
/// the list every item of the table is in.
pub(crate) fn docx_numbered(title: &str, rows: &[Vec<C>], after: &str, numbering: &str) -> Vec<u8> {
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">{numbering}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    zipped(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
        ("word/document.xml", &docx_xml(title, rows, after)),
        ("word/numbering.xml", &numbering),
    ])
}

/// An .odt: a title heading, the table, a paragraph after it.
pub(crate) fn odt_of(title: &str, rows: &[Vec<C>], after: &str) -> Vec<u8> {
    zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &odt_xml(title, rows, after)),
    ])
}

const TITLE: &str = "Référentiel TECHNICIEN DE MAINTENANCE ÉOLIENNE";
const AFTER: &str = "Le jury délibère à la fin de la session.";

fn docx() -> Vec<u8> {
    docx_of(TITLE, &table(), AFTER)
}

fn odt() -> Vec<u8> {
    odt_of(TITLE, &table(), AFTER)
}

/// What both documents must give.
fn assert_shape(d: &Draft, what: &str) {
    assert_eq!(d.title, "Technicien de maintenance éolienne", "{what}");
    assert_eq!(
        d.notes_text.as_deref(),
        Some("Le jury délibère à la fin de la session."),
        "{what}"
    );
    let blocs = bloc_titles(d);
    assert_eq!(
        blocs,
        [("B1", "Maintenir les équipements"), ("B2", "Rendre compte")],
        "{what}"
    );
    let b1 = &d.blocs[0];
    assert_eq!(b1.activities.len(), 1, "{what}: {b1:#?}");
    let ks: Vec<(&str, &str)> = b1.activities[0]
        .competences
        .iter()
        .map(|k| (k.id.as_str(), k.text.as_str()))
        .collect();
    assert_eq!(
        ks,
        [
            ("C1.1", "Diagnostiquer une panne électrique"),
            ("C1.2", "Remplacer un composant < 5 kg & le tester")
        ],
        "{what}"
    );
    let c11 = &b1.activities[0].competences[0].criteria;
    assert_eq!(c11.len(), 1, "{what}: {c11:#?}");
    assert_eq!(c11[0].text, "Qualité du diagnostic", "{what}");
    assert_eq!(
        c11[0].indicators,
        ["les mesures sont relevées", "la cause est identifiée"],
        "{what}"
    );
    let c12 = &b1.activities[0].competences[1].criteria;
    assert_eq!(
        c12[0].text, "Le composant est remplacé dans le respect des consignes de sécurité.",
        "{what}"
    );
    // The exam cell merged down over both rows evaluates both competences.
    let [exam] = b1.modalities.as_slice() else {
        panic!("{what}: {:#?}", b1.modalities)
    };
    assert_eq!(exam.evaluates, ["C1.1", "C1.2"], "{what}");
    assert_eq!(exam.title, "Mise en situation professionnelle", "{what}");
    assert_eq!(d.blocs[1].modalities[0].evaluates, ["C2.1"], "{what}");
}

#[test]
fn word_and_opendocument_tables_with_merged_cells() {
    let site = Scratch::of("valid");
    for (name, bytes) in [("eolien.docx", docx()), ("eolien.odt", odt())] {
        let path = site.root().join(name);
        std::fs::write(&path, bytes).unwrap();
        let imported = refolio::import::table::import(&path, None).unwrap();
        assert_shape(&imported.draft, name);
        let (code, stdout, stderr) = site.run(&[
            "import",
            "table",
            path.to_str().unwrap(),
            "--id",
            &name.replace('.', "-"),
        ]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(stdout.contains("wrote "), "{stdout}");
    }
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "refolio check accepts both drafts: {stderr}");
}

#[test]
fn a_file_that_is_no_office_document_is_refused_with_where_and_why() {
    let site = Scratch::of("valid");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "faux.docx",
            b"Ceci n'est pas un zip".to_vec(),
            "is not a readable Word (.docx) document: not a ZIP archive",
        ),
        (
            "vide.odt",
            zipped(&[("mimetype", "x")]),
            "is not a readable OpenDocument text (.odt): it has neither word/document.xml, content.xml nor xl/worksheets/sheet1.xml",
        ),
        (
            "casse.docx",
            zipped(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]),
            "is not a readable Word (.docx) document: word/document.xml: byte ",
        ),
        (
            "coupe.docx",
            docx()[..200].to_vec(),
            "is not a readable Word (.docx) document: not a ZIP archive",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = site.root().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, _, stderr) = site.run(&["import", "table", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let stem = name.split('.').next().unwrap();
        assert!(
            !site
                .root()
                .join(format!("content/referentials/{stem}.yaml"))
                .exists()
        );
    }
}

/// A workbook kept one sheet per bloc: the sheets read in the workbook's order (not their
/// parts'), a sheet named as a bloc opening it, a hidden sheet left out.
#[test]
fn a_workbook_s_sheets_are_read_in_order_each_named_as_a_bloc() {
    let sheet = |rows: &[[&str; 2]]| {
        let mut xml = String::from("<worksheet><sheetData>");
        for (r, cells) in rows.iter().enumerate() {
            let n = r + 1;
            xml += &format!(r#"<row r="{n}">"#);
            for (c, text) in cells.iter().enumerate() {
                let col = char::from(b'A' + c as u8);
                xml += &format!(
                    r#"<c r="{col}{n}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    esc(text)
                );
            }
            xml += "</row>";
        }
        xml + "</sheetData></worksheet>"
    };
    let header = ["Compétences", "Critères d'évaluation"];
    let first = sheet(&[
        header,
        ["C1 Accueillir le client", "L'accueil est courtois"],
    ]);
    let second = sheet(&[header, ["C2 Vendre un voyage", "Le contrat est signé"]]);
    let hidden = sheet(&[header, ["C9 Brouillon", "Rien"]]);
    let workbook = r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bloc 1 - Conseil" sheetId="1" r:id="rId2"/><sheet name="Bloc 2 - Vente" sheetId="2" r:id="rId1"/><sheet name="Notes" sheetId="3" state="hidden" r:id="rId3"/></sheets></workbook>"#;
    let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Target="worksheets/sheet3.xml"/></Relationships>"#;
    let bytes = zipped(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/worksheets/sheet1.xml", &second),
        ("xl/worksheets/sheet2.xml", &first),
        ("xl/worksheets/sheet3.xml", &hidden),
    ]);
    let dir = Scratch::of("valid");
    let path = dir.root().join("classeur.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let d = refolio::import::table::import(&path, None).unwrap().draft;
    let got: Vec<(&str, &str, Vec<&str>)> = d
        .blocs
        .iter()
        .map(|b| {
            let ks = b.activities.iter().flat_map(|a| &a.competences);
            (
                b.id.as_str(),
                b.title.as_str(),
                ks.map(|k| k.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("B1", "Conseil", vec!["C1"]), ("B2", "Vente", vec!["C2"])]
    );
}

/// Hand-written OpenDocument pieces, for documents whose list styles a test sets itself:
/// the content's opening up to its automatic styles, a paragraph cell, a list cell of a
/// style, a heading row over the four columns, a row of four cells.
pub mod odt {
    pub const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:automatic-styles>"#;

    pub fn cell(s: &str) -> String {
        format!("<table:table-cell><text:p>{s}</text:p></table:table-cell>")
    }

    pub fn list(style: &str, extra: &str, items: &[&str]) -> String {
        let items: String = items
            .iter()
            .map(|i| format!("<text:list-item><text:p>{i}</text:p></text:list-item>"))
            .collect();
        format!(
            r#"<table:table-cell><text:list text:style-name="{style}"{extra}>{items}</text:list></table:table-cell>"#
        )
    }

    pub fn heading(s: &str) -> String {
        format!(
            r#"<table:table-row><table:table-cell table:number-columns-spanned="4"><text:p>{s}</text:p></table:table-cell><table:covered-table-cell/><table:covered-table-cell/><table:covered-table-cell/></table:table-row>"#
        )
    }

    pub fn row(cells: [String; 4]) -> String {
        format!("<table:table-row>{}</table:table-row>", cells.concat())
    }
}

/// Pieces of WordprocessingML as Word writes them.
pub(crate) mod w {
    use super::esc;

    pub const NS: &str =
        r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    pub fn p(text: &str) -> String {
        format!(
            r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        )
    }

    /// A paragraph indented under the one before (a criterion under its competence).
    pub fn indented(text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:ind w:left="284"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        )
    }

    /// An item of the bullet list `numId` 1.
    pub fn bullet(text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Paragraphedeliste"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        )
    }

    pub const PAGE_BREAK: &str = r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#;

    /// A cell: its paragraphs, the columns it spans, and `Some(true)` when it starts a
    /// vertical merge, `Some(false)` when the cell above covers it.
    pub fn tc(paras: &str, span: usize, merge: Option<bool>) -> String {
        let mut pr = String::new();
        if span > 1 {
            pr += &format!(r#"<w:gridSpan w:val="{span}"/>"#);
        }
        match merge {
            Some(true) => pr += r#"<w:vMerge w:val="restart"/>"#,
            Some(false) => pr += "<w:vMerge/>",
            None => {}
        }
        let paras = if paras.is_empty() { "<w:p/>" } else { paras };
        format!("<w:tc><w:tcPr>{pr}</w:tcPr>{paras}</w:tc>")
    }

    pub fn cell(text: &str) -> String {
        tc(&p(text), 1, None)
    }

    /// A row; `header` marks it as the row Word repeats at the top of each page.
    pub fn tr(header: bool, cells: &[String]) -> String {
        let pr = if header {
            "<w:trPr><w:tblHeader/></w:trPr>"
        } else {
            ""
        };
        format!("<w:tr>{pr}{}</w:tr>", cells.concat())
    }

    pub fn tbl(columns: usize, rows: &[String]) -> String {
        let grid = r#"<w:gridCol w:w="3000"/>"#.repeat(columns);
        format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="Grilledutableau"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>"#,
            rows.concat()
        )
    }

    /// The .docx of `body`, with a bullet list `numId` 1.
    pub fn docx(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        let numbering = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        super::zipped(&[
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
            ("word/document.xml", &document),
            ("word/numbering.xml", &numbering),
        ])
    }
}
