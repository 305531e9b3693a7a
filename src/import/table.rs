//! `refolio import table`: a certifier's referential table document (text with HTML table
//! fragments, or tabular text) as a draft referential. [`cells`] reads the document into
//! rows of cells, [`ids`] recognises the ID styles, [`walk`] tells what each piece of text
//! is, [`assemble`] shapes the result and [`exams`] the modalities. This module finds the
//! table (its header row naming the columns), drops page furniture, and takes the title,
//! preamble and notes around it.

mod assemble;
mod bloc_lines;
mod bloc_table;
mod cell_lines;
mod cells;
mod columns;
mod convert;
mod coverage;
mod delimited;
mod encoding;
mod entities;
mod exams;
mod grid;
mod html;
mod hyphens;
mod ids;
mod keys;
mod label;
mod layout;
mod matrix;
mod nested;
mod numbered;
mod office;
mod order;
mod outline;
mod pdf_text;
mod pipe_lines;
mod prose;
mod prose_table;
mod records;
mod repeats;
mod spans;
mod transposed;
mod typed_rows;
mod walk;
mod word_html;

use std::path::Path;

use super::Imported;
use super::draft::Draft;
use crate::Error;
use cells::Line;
pub use walk::Role;

/// What the author tells the importer when its guesses fail (`import table` flags).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The role of each column, in order (`--columns activities,competences,…`).
    pub columns: Option<String>,
    /// `KIND=REGEX` (`--id-pattern competence=^RC\d+`), tried before the ID grammar.
    pub id_patterns: Vec<String>,
    /// A heading row matching it is a bloc (`--bloc-pattern '^Pôle \d+ ?: (.*)'`).
    pub bloc_pattern: Option<String>,
}

/// Reads the document at `path`; `id` names the referential (default: from the file name).
pub fn import(path: &Path, id: Option<&str>) -> Result<Imported, Error> {
    import_with(path, id, &Options::default())
}

/// [`import`] with the author's help.
pub fn import_with(path: &Path, id: Option<&str>, options: &Options) -> Result<Imported, Error> {
    let (lines, doubts) = read_document(path)?;
    let id = match id {
        Some(id) => {
            if !crate::load::is_url_id(id) {
                return Err(Error::Usage(format!(
                    "--id `{id}`: use lowercase letters, digits and dashes"
                )));
            }
            id.to_owned()
        }
        None => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let id = crate::load::url_id(&stem);
            if id.is_empty() {
                return Err(Error::Usage(format!(
                    "cannot make an ID from `{}`: give one with --id",
                    path.display()
                )));
            }
            id
        }
    };
    let source = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut imported = import_lines(&lines, &id, options).map_err(|e| match e {
        Error::Usage(m) => Error::Usage(format!("{}: {m}", path.display())),
        other => other,
    })?;
    imported.draft.review.extend(doubts.iter().cloned());
    imported.report.extend(doubts);
    imported.draft.review.insert(
        0,
        format!(
            "Imported by `refolio import table` from {source}: check every item against the source, \
             then remove `draft: true`."
        ),
    );
    Ok(imported)
}

/// A reader of a document without a table, rebuilding the table it stands for.
type Rebuild = fn(&[Line]) -> Option<Vec<Line>>;

/// The readers of a document without a table, tried in order, and what each reads.
const REBUILDS: [(&str, Rebuild); 4] = [
    (
        "typed rows, a `Type` column saying what each row is",
        typed_rows::rebuild,
    ),
    (
        "fiches of keys and values, one per competence",
        records::rebuild,
    ),
    ("prose lines opening with competences", prose_table::rebuild),
    ("an outline of headings and items", outline::rebuild),
];

/// A referential document is text of a few hundred kilobytes; more is not one.
const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The document's lines: a regular file (a FIFO would block, a device never end), of a
/// sensible size; a Word or OpenDocument file (by its extension, or a ZIP's signature), a
/// spreadsheet export (`.csv`, `.tsv`), or text in UTF-8.
/// With the lines, what the format leaves in doubt (for the report).
fn read_document(path: &Path) -> Result<(Vec<Line>, Vec<String>), Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "`{}` is not a regular file: give the document's text file",
            path.display()
        )));
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::Usage(format!(
            "`{}` is {} MiB: a referential document is a text file of at most {} MiB",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if let Some(format) = office::Format::of(path, &bytes) {
        return Ok((office::read(path, &bytes, format)?, Vec::new()));
    }
    if let Some(why) = encoding::refusal(path, &bytes) {
        return Err(Error::Usage(why));
    }
    let text = encoding::decode(bytes).map_err(|at| {
        Error::Usage(format!(
            "`{}` is not UTF-8 text (byte {at} is not): convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8`",
            path.display(),
        ))
    })?;
    // A PDF's ligatures and words hyphenated across line ends (not in a spreadsheet's rows).
    let text = hyphens::fold_ligatures(&text);
    if delimited::is_delimited(path) {
        return Ok((delimited::read(&text), Vec::new()));
    }
    let text = hyphens::join_words(&text);
    if let Some(tabs) = convert::to_tabs(&text) {
        return Ok((cells::read_document(&tabs), Vec::new()));
    }
    // No tab anywhere: perhaps a table written one line per cell.
    match cell_lines::read(&text) {
        Some(lines) => Ok((lines, vec![cell_lines::DOUBT.to_owned()])),
        None => Ok((cells::read_document(&text), Vec::new())),
    }
}

/// Imports a document's text as referential `id`.
pub fn import_text(text: &str, id: &str) -> Result<Imported, Error> {
    import_lines(&cells::read_document(text), id, &Options::default())
}

/// Imports a document read into lines (from text, or from a .docx/.odt).
fn import_lines(lines: &[Line], id: &str, options: &Options) -> Result<Imported, Error> {
    let columns = match &options.columns {
        Some(spec) => Some(layout::parse_columns(spec).map_err(Error::Usage)?),
        None => None,
    };
    let mut hints = walk::Hints::default();
    for spec in &options.id_patterns {
        hints
            .patterns
            .add(spec)
            .map_err(|e| Error::Usage(format!("--id-pattern {e}")))?;
    }
    if let Some(p) = &options.bloc_pattern {
        let re =
            regex::Regex::new(p).map_err(|e| Error::Usage(format!("--bloc-pattern `{p}`: {e}")))?;
        hints.bloc_pattern = Some(re);
    }
    // A table of the blocs, then one of competences per bloc: read as bloc headings.
    // (The share of text kept is measured on the document as it was.)
    let source = lines;
    // An evaluation grid (criteria by competences, marked `X`): read as the table it stands for.
    // A table turned on its side (a column per bloc): put upright.
    let (upright, row_heads) = transposed::apply(lines.to_vec());
    let (gridless, grid) = matrix::apply(upright);
    let (rearranged, blocs_header) = bloc_table::apply(gridless);
    let lines = rearranged.as_slice();
    // The author's help is checked before the document: a typo is said first.
    // What stood for the table when the document has none, for the report.
    let mut rebuilt_from = None;
    let mut layout = match layout::layout(lines, columns.as_deref()) {
        Ok(layout) => layout,
        // No table of competences: perhaps fiches, a small table of keys and values per
        // competence; or competences written as prose lines; or an outline, bloc headings
        // over labelled items one to a line.
        Err(e) => match (columns.is_none())
            .then(|| {
                REBUILDS
                    .into_iter()
                    .find_map(|(what, read)| read(lines).map(|r| (what, r)))
            })
            .flatten()
        {
            Some((what, rebuilt)) => {
                rebuilt_from = Some(what);
                layout::layout(&rebuilt, None).map_err(|_| e)?
            }
            None => return Err(e),
        },
    };
    let repeated = repeats::merge(&mut layout);
    let folded = keys::fold(&mut layout, &hints.patterns);
    layout::activity_types(&mut layout);
    let bloc_pattern = hints.bloc_pattern.clone();
    let reordered = order::apply(&mut layout, &|text| {
        bloc_lines::bloc_line(text)
            || bloc_pattern
                .as_ref()
                .is_some_and(|re| re.is_match(text.trim()))
            || walk::exam_row(text).is_some()
    });
    hints.bloc_headings = layout.rows.iter().any(|r| {
        !r.rebuilt
            && r.cells.iter().skip(1).all(cells::Cell::is_empty)
            && r.cells
                .first()
                .is_some_and(|c| ids::bloc(&c.joined()).is_some())
    });
    hints.unnumbered_competences = unnumbered_competences(&layout);
    let mut walker = walk::Walker::new(&layout.roles, hints);
    for (i, row) in layout.rows.iter().enumerate() {
        if let Some((_, roles)) = layout.switches.iter().find(|(at, _)| *at == i) {
            walker.set_roles(roles, row.line);
        }
        walker.row(row.line, &row.cells, row.rebuilt);
    }
    let (found, mut explained) = walker.finish();
    explained.extend(folded);
    let mut report = Vec::new();
    if let Some(what) = rebuilt_from {
        report.push(format!(
            "no referential table: read as the table it stands for from {what}"
        ));
    }
    for (line, what) in &reordered {
        report.push(format!("line {line}: {what}"));
    }
    explained.extend(reordered);
    if !repeated.is_empty() {
        report.push(format!(
            "{} pieces of text repeating the cell above them repeating the cell above them (one record per criterion, as an export writes) were read as that cell merged down",
            repeated.len()
        ));
    }
    if layout.rebuilt_lines > 0 {
        report.push(format!(
            "{} lines between table rows were read as rows broken by the conversion (the ID at the start of a line gives its column)",
            layout.rebuilt_lines
        ));
    }
    for (line, text) in &layout.furniture {
        report.push(format!(
            "line {line}: dropped as page furniture: «{}»",
            walk::short(text)
        ));
    }
    if layout.rows_after > 0 {
        report.push(format!(
            "{} table rows after the referential table (grids, modules…) were not imported",
            layout.rows_after
        ));
    }
    if grid {
        report.push(
            "an evaluation grid (criteria as rows, competences as column heads, `X` marks) was read as the table it stands for: a criterion marked for several competences is shared by them".into(),
        );
    }
    let (mut blocs, doubts) = assemble::assemble(found);
    if blocs.is_empty() {
        return Err(Error::Usage(
            "the referential table holds no bloc, activity or competence".into(),
        ));
    }
    report.extend(doubts);
    let (title, preamble) = prose::title_and_preamble(&layout.before);
    let mut review = Vec::new();
    let title = match title {
        Some(t) => {
            report.push(format!("title guessed: «{t}»"));
            // The one bloc of a document without bloc headings is the certification.
            if let [bloc] = blocs.as_mut_slice()
                && bloc.title == "À compléter"
            {
                bloc.title = t.clone();
                bloc.review = vec![
                    "no bloc heading in the source: the bloc is titled after the document".into(),
                ];
                report.push(format!(
                    "{}: no bloc heading: titled after the document, «{t}»",
                    bloc.id
                ));
            }
            t
        }
        None => {
            report.push("no title found: the ID stands for it".into());
            review.push("no title found in the source: write it".into());
            id.to_owned()
        }
    };
    let notes = prose::paragraphs(&layout.after).join("\n\n");
    let mut draft = Draft {
        title,
        language: Some("fr".into()),
        preamble,
        notes_text: (!notes.is_empty()).then_some(notes),
        blocs,
        review,
        ..Draft::default()
    };
    let mut headers = layout.header_lines.clone();
    headers.extend(blocs_header);
    let mut copies = repeated.clone();
    copies.extend(row_heads);
    let coverage = coverage::measure(source, &headers, &copies, &draft);
    let summary = coverage::summary(&draft, &coverage);
    let explained = explain(&layout, explained, &coverage.dropped);
    draft.dropped = coverage.dropped;
    Ok(Imported {
        id: id.to_owned(),
        draft,
        report,
        explained,
        summary: Some(summary),
    })
}

/// `--explain`: the walk's account of each piece of text, with what the layout decided
/// (the header, page furniture) and the text the draft does not hold, in line order.
fn explain(
    layout: &layout::Layout,
    walked: Vec<(usize, String)>,
    dropped: &[(usize, String)],
) -> Vec<String> {
    let names: Vec<&str> = layout.roles.iter().map(|r| r.name()).collect();
    let mut all: Vec<(usize, String)> = layout
        .header_lines
        .iter()
        .enumerate()
        .map(|(n, &l)| {
            let what = if n == 0 {
                format!(
                    "header row: columns {} ({})",
                    names.join(", "),
                    layout.header
                )
            } else {
                "header row again (a repeat at the top of a page, or the header of a table after the first)".into()
            };
            (l, what)
        })
        .collect();
    if layout.header_lines.is_empty() {
        all.push((
            0,
            format!("columns {} ({})", names.join(", "), layout.header),
        ));
    }
    for row in layout.rows.iter().filter(|r| r.rebuilt) {
        all.push((
            row.line,
            "a table row rebuilt from this line and the plain lines after it (the conversion broke it; the ID at the start of a line gives its column, else the order of the columns)".into(),
        ));
    }
    all.extend(walked);
    for (line, text) in &layout.furniture {
        all.push((
            *line,
            format!(
                "«{}» → dropped: a line of prose between table rows (page furniture)",
                walk::short(text)
            ),
        ));
    }
    for (line, text) in dropped {
        all.push((
            *line,
            format!(
                "«{}» → not in the draft (listed at its end as a comment)",
                walk::short(text)
            ),
        ));
    }
    // Stable: the walk's order within a line is kept.
    all.sort_by_key(|(line, _)| *line);
    all.into_iter()
        .map(|(line, what)| format!("line {line}: {what}"))
        .collect()
}

/// Whether the competences column of the (first) table has text but no competence ID in
/// any of its paragraphs: a REAC's list of competences, numbered by their order only.
fn unnumbered_competences(layout: &layout::Layout) -> bool {
    let Some(column) = layout.roles.iter().position(|r| *r == Role::Competence) else {
        return false;
    };
    let end = layout
        .switches
        .first()
        .map_or(layout.rows.len(), |(at, _)| *at);
    let mut any = false;
    for row in &layout.rows[..end] {
        let Some(cell) = row.cells.get(column) else {
            continue;
        };
        if cell.key.is_some() {
            return false;
        }
        for b in &cell.blocks {
            any = true;
            if ids::competence(&b.text).is_some() || label::label(&b.text).is_some() {
                return false;
            }
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_input_is_refused_or_read_without_panic() {
        for text in ["", "pas de tableau\n"] {
            let e = import_text(text, "x").unwrap_err().to_string();
            assert!(e.starts_with("no referential table found"), "{text:?}: {e}");
        }
        let header = "Activités\tCompétences\tModalités\tCritères\n";
        for body in [
            "",
            "<p\t<>\t&amp\t<i>\n",
            "Bloc 1 :\t\t\t\n",
            "A1.1\tC1.1\t\tCr 1.1\n\tC1.1 bis\t2/\t- x\n",
            "\t\t\t\t\t\t\tC9 texte\n",
            "Bloc 1 : B\t\t\t\nA1\tEn relation avec les compétences C1 & C2\t1/\t• t :\n",
        ] {
            if let Ok(imported) = import_text(&format!("{header}{body}"), "x") {
                let (diags, sources) = super::super::draft::verify("x", &imported.draft.to_yaml());
                let lines: Vec<String> = diags.iter().map(|d| d.render(&sources)).collect();
                assert!(!diags.has_errors(), "{body:?}: {lines:#?}");
            }
        }
    }

    #[test]
    fn a_second_criteria_column_beside_several_criteria_gives_indicators_of_each() {
        let doc = "Compétences\tCritères d'évaluation\tIndicateurs de réussite\n\
            Bloc 1 – Exploiter\t\t\n\
            C1 Contrôler l'appareil\t<p>Les points sont vérifiés</p><p>Les anomalies sont consignées</p>\t<p>Registre signé</p>\n";
        let imported = import_text(doc, "x").unwrap();
        let k = &imported.draft.blocs[0].activities[0].competences[0];
        let got: Vec<(&str, &[String])> = k
            .criteria
            .iter()
            .map(|c| (c.text.as_str(), c.indicators.as_slice()))
            .collect();
        let registre = ["Registre signé".to_owned()];
        assert_eq!(
            got,
            [
                ("Les points sont vérifiés", &registre[..]),
                ("Les anomalies sont consignées", &registre[..])
            ]
        );
    }

    #[test]
    fn a_bloc_heading_row_with_its_exam_on_a_second_line() {
        let doc = "Compétences\tCritères d'évaluation\n\
            <p>Bloc 1 – Vendre en ligne</p><p>Évaluation : étude de cas écrite (2 h)</p>\t\n\
            C1 Rédiger une fiche produit\t<p>La fiche est complète</p>\n";
        let imported = import_text(doc, "x").unwrap();
        let b = &imported.draft.blocs[0];
        assert_eq!(b.title, "Vendre en ligne");
        let exams: Vec<Option<&str>> = b
            .modalities
            .iter()
            .map(|m| m.description.as_deref())
            .collect();
        assert_eq!(exams, [Some("Étude de cas écrite (2 h)")]);
    }

    #[test]
    fn a_later_table_naming_neither_competences_nor_criteria_ends_the_referential() {
        let doc = "Compétences\tCritères d'évaluation\n\
            Bloc 1 – Vendre\t\n\
            C1 Conseiller le client\t<p>Le besoin est identifié</p>\n\
            \n\
            Bloc\tModalité d'évaluation\tDurée\n\
            1\tJeu de rôle\t45 min\n";
        let imported = import_text(doc, "x").unwrap();
        let k = &imported.draft.blocs[0].activities[0].competences[0];
        assert_eq!(k.text, "Conseiller le client");
        let criteria: Vec<&str> = k.criteria.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(criteria, ["Le besoin est identifié"]);
        assert!(
            imported
                .report
                .iter()
                .any(|l| l.starts_with("2 table rows after")),
            "{:#?}",
            imported.report
        );
    }

    #[test]
    fn a_small_tabular_text_document() {
        let doc = "Référentiel ESSAI\n\n\
            Activités\tCompétences\tModalités d'évaluation\tCritères d'évaluation\n\
            Bloc 1 : Vendre\t\t\t\n\
            A1.1 Prospection\tC1.1 Prospecter des clients\tEtude de cas écrite\tCr 1.1.1 Les cibles sont\n\
            Pied de page\n\
            \t\t\t<p>identifiées</p> <p>Cr1.1.2 Le fichier est à jour</p>\n\
            \n\
            Le jury se réunit.\n";
        let imported = import_text(doc, "essai").expect("imports");
        let d = &imported.draft;
        assert_eq!(d.title, "Essai");
        assert_eq!(d.notes_text.as_deref(), Some("Le jury se réunit."));
        let [bloc] = d.blocs.as_slice() else {
            panic!("{d:#?}")
        };
        assert_eq!((bloc.id.as_str(), bloc.title.as_str()), ("B1", "Vendre"));
        let k = &bloc.activities[0].competences[0];
        assert_eq!(
            (k.id.as_str(), k.text.as_str()),
            ("C1.1", "Prospecter des clients")
        );
        let criteria: Vec<(Option<&str>, &str)> = k
            .criteria
            .iter()
            .map(|c| (c.id.as_deref(), c.text.as_str()))
            .collect();
        assert_eq!(
            criteria,
            [
                (Some("Cr1.1.1"), "Les cibles sont identifiées"),
                (Some("Cr1.1.2"), "Le fichier est à jour")
            ]
        );
        assert_eq!(bloc.modalities[0].evaluates, ["C1.1"]);
        assert_eq!(
            bloc.modalities[0].kind,
            crate::model::ModalityKind::CaseStudy
        );
        assert!(
            imported
                .report
                .iter()
                .any(|l| l == "line 6: dropped as page furniture: «Pied de page»"),
            "{:#?}",
            imported.report
        );
        let (diags, _) = super::super::draft::verify("essai", &d.to_yaml());
        assert!(!diags.has_errors());
    }
}
