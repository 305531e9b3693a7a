//! A referential written as an outline rather than a table: bloc headings (`## Bloc 1 :
//! …`), perhaps activities, competences each followed by their criteria, every item on a
//! line of its own. Items are told by an ID (`C1.2 …`), by a label naming what they are
//! after an optional number or letter (`1. Activité : …`, `1.1. Compétence : …`, `a)
//! Critère : …`), by a point mark (`- `, `•`), or, for a competence, by its ID alone on a
//! line with its text on the next (a definition list's term and description). A criterion
//! wrapped over an indented line goes on there. Rebuilt as the table it stands for — a
//! header, a heading row per bloc, its exam as a row across, a row per competence with its
//! activity and points — so that the layout and the walk read it as any table.

use std::sync::LazyLock;

use regex::Regex;

use super::cells::{Block, Cell, Line, Mark, read_cell, text_cell};
use super::columns::{Role, role_of};
use super::label::{self, Kind};

/// Prose lines skipped between a bloc heading and its first item (a sentence saying how
/// the bloc is assessed, a paragraph of context): more is no outline.
const PROSE_UNDER_HEADING: usize = 4;

/// The competence being read: its line, its cell's text, its points with each one's indent.
type Open = Option<(usize, String, Vec<(String, usize)>)>;

/// What a line of the outline is.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Bloc(String),
    /// `Évaluation : …` (a few words naming an exam before a colon).
    Exam(String),
    Activity(String),
    /// Its ID when written, and its text.
    Competence(Option<String>, String),
    Criterion(String),
    /// `Critères d'évaluation :` before the points.
    LeadIn,
    /// A competence's ID alone (its text on the next line).
    BareId(String),
    Prose,
}

/// The lines of a document without a table, its outline made a table; `None` without at
/// least two competences in it.
pub(super) fn rebuild(lines: &[Line]) -> Option<Vec<Line>> {
    let mut items: Vec<Option<(Item, usize)>> = lines.iter().map(classify).collect();
    numbered(lines, &mut items);
    let is = |i: usize, f: fn(&Item) -> bool| matches!(&items[i], Some((it, _)) if f(it));
    let first = (0..lines.len()).find(|&i| {
        is(i, |it| matches!(it, Item::Competence(..)))
            || (is(i, |it| matches!(it, Item::BareId(_))) && text_after(&items, i).is_some())
    })?;
    // Back over what opens the first competence: its bloc heading, exam and activity, and
    // a few prose lines between.
    let mut start = first;
    let mut prose = 0;
    for j in (0..first).rev() {
        match &items[j] {
            None => {}
            Some((Item::Bloc(_) | Item::Activity(_) | Item::Exam(_), _)) => start = j,
            Some((Item::Prose, _)) if prose < PROSE_UNDER_HEADING => prose += 1,
            _ => break,
        }
    }
    let activities = items
        .iter()
        .flatten()
        .any(|(it, _)| matches!(it, Item::Activity(_)));
    let width = if activities { 3 } else { 2 };
    let mut rows: Vec<Line> = Vec::new();
    let mut activity: Option<String> = None;
    let mut open: Open = None;
    let mut competences = 0;
    let mut prose = usize::MAX;
    let mut i = start;
    let mut end = start;
    // The competence's text read so far: its last line, and the competence line's indent.
    let mut wrap: Option<(usize, usize)> = None;
    while i < lines.len() {
        let Some((item, indent)) = items[i].clone() else {
            i += 1;
            continue;
        };
        let line = line_of(&lines[i]);
        // A competence's text wrapped in its column (a PDF's layout): the line right
        // under it, indented further, before its first point, goes on there.
        if let (Some((at, under)), Item::Prose, Some((_, text, points))) = (wrap, &item, &mut open)
            && at + 1 == i
            && indent > under
            && points.is_empty()
        {
            wrapped(text, &plain(line_text(&lines[i])));
            wrap = Some((i, under));
            end = i + 1;
            i += 1;
            continue;
        }
        wrap = None;
        match item {
            Item::Bloc(text) => {
                close(&mut rows, &mut open, &mut activity, width);
                rows.push(across(line, &text, width));
                prose = 0;
            }
            Item::Exam(text) => {
                close(&mut rows, &mut open, &mut activity, width);
                rows.push(across(
                    line,
                    &format!("Modalités d'évaluation : {text}"),
                    width,
                ));
            }
            Item::Activity(text) => {
                close(&mut rows, &mut open, &mut activity, width);
                activity = Some(text);
            }
            Item::Competence(id, text) => {
                close(&mut rows, &mut open, &mut activity, width);
                open = Some((line, with_id(id.as_deref(), &text), Vec::new()));
                wrap = Some((i, indent));
                competences += 1;
                prose = usize::MAX;
            }
            Item::BareId(id) => {
                let Some(next) = text_after(&items, i) else {
                    break;
                };
                close(&mut rows, &mut open, &mut activity, width);
                let text = match &items[next] {
                    Some((Item::Criterion(point), _)) => point.clone(),
                    _ => plain(line_text(&lines[next])),
                };
                open = Some((line, with_id(Some(&id), &text), Vec::new()));
                competences += 1;
                prose = usize::MAX;
                end = next + 1;
                i = next + 1;
                continue;
            }
            Item::Criterion(text) => match &mut open {
                Some((_, _, points)) => points.push((text, indent)),
                None => break,
            },
            Item::LeadIn if open.is_some() => {}
            Item::LeadIn => break,
            Item::Prose => {
                // A criterion wrapped over a line indented under it goes on there.
                if let Some((_, _, points)) = &mut open
                    && let Some((point, at)) = points.last_mut()
                    && indent > *at
                {
                    wrapped(point, &plain(line_text(&lines[i])));
                } else if prose < PROSE_UNDER_HEADING {
                    let (paragraph, n) = paragraph_at(lines, &items, i);
                    // `Ce bloc est évalué par une étude de cas …` under the heading.
                    if prose == 0 && ASSESSED.is_match(&paragraph) {
                        rows.push(across(
                            line,
                            &format!("Modalités d'évaluation : {paragraph}"),
                            width,
                        ));
                    }
                    prose += n;
                    end = i + n;
                    i += n;
                    continue;
                } else {
                    break;
                }
            }
        }
        end = i + 1;
        i += 1;
    }
    close(&mut rows, &mut open, &mut activity, width);
    if competences < 2 {
        return None;
    }
    let mut header = Vec::new();
    if activities {
        header.push(read_cell("Activités"));
    }
    header.extend([read_cell("Compétences"), read_cell("Critères d'évaluation")]);
    let mut out: Vec<Line> = lines[..start].to_vec();
    out.push(Line::Row {
        line: line_of(&lines[start]),
        cells: header,
    });
    out.extend(rows);
    out.extend(lines[end..].iter().cloned());
    Some(out)
}

/// The items of an outline told by its numbers alone (`1.` blocs over `1.1.` competences,
/// [`super::numbered`]), which [`classify`] read as prose.
fn numbered(lines: &[Line], items: &mut [Option<(Item, usize)>]) {
    let texts: Vec<Option<&str>> = lines
        .iter()
        .zip(items.iter())
        .map(|(l, it)| matches!(it, Some((Item::Prose, _))).then(|| line_text(l).trim()))
        .collect();
    let pointed: Vec<bool> = (0..items.len())
        .map(|i| {
            items[i + 1..]
                .iter()
                .flatten()
                .next()
                .is_some_and(|(it, _)| matches!(it, Item::Criterion(_) | Item::LeadIn))
        })
        .collect();
    for (i, role) in super::numbered::roles(&texts, &pointed)
        .into_iter()
        .enumerate()
    {
        let Some(role) = role else {
            continue;
        };
        let indent = items[i].as_ref().map_or(0, |(_, n)| *n);
        items[i] = Some((
            match role {
                super::numbered::Numbered::Bloc(text) => Item::Bloc(text),
                super::numbered::Numbered::Competence(id, text) => Item::Competence(Some(id), text),
            },
            indent,
        ));
    }
}

/// A sentence saying how the bloc is assessed: `Ce bloc est évalué par …`, `Le bloc de
/// compétences sera évalué au moyen d'…`.
static ASSESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:ce|le|chaque)\s+bloc\s+(?:de\s+compétences\s+)?(?:est|sera)\s+évalué\s+(?:par|au\s+moyen\s+d|à\s+partir\s+d|sous\s+(?:la\s+)?forme\s+d)").unwrap()
});

/// The paragraph of prose lines from `i` (to a blank line or an item), joined, and how
/// many lines it takes.
fn paragraph_at(lines: &[Line], items: &[Option<(Item, usize)>], i: usize) -> (String, usize) {
    let n = items[i..]
        .iter()
        .take_while(|it| matches!(it, Some((Item::Prose, _))))
        .count()
        .max(1);
    let texts: Vec<String> = lines[i..i + n]
        .iter()
        .map(|l| plain(line_text(l)))
        .collect();
    (texts.join(" "), n)
}

/// What a line is, and its indent; `None` for a blank line.
fn classify(l: &Line) -> Option<(Item, usize)> {
    let Line::Text { text, .. } = l else {
        return match l {
            Line::Blank => None,
            _ => Some((Item::Prose, 0)),
        };
    };
    let indent = text.len() - text.trim_start().len();
    let t = plain(text);
    if t.is_empty() {
        return None;
    }
    if super::bloc_lines::bloc_line(&t) {
        return Some((Item::Bloc(t), indent));
    }
    if let Some(point) = super::prose_table::point(&t) {
        return Some((
            labelled(&point).map_or(Item::Criterion(point), |(_, it)| it),
            indent,
        ));
    }
    if let Some((_, item)) = labelled(&t) {
        return Some((item, indent));
    }
    if t.ends_with(':') && role_of(t.trim_end_matches(':').trim()) == Some(Role::Criteria) {
        return Some((Item::LeadIn, indent));
    }
    if let Some((lead, rest)) = t.split_once(':')
        && lead.split_whitespace().count() <= 3
        && role_of(lead.trim()) == Some(Role::Modality)
        && !rest.trim().is_empty()
    {
        return Some((Item::Exam(rest.trim().to_owned()), indent));
    }
    if let Some(l) = label::label(&t) {
        match l.kind {
            Kind::Competence if !l.rest.is_empty() => {
                return Some((Item::Competence(Some(l.id), l.rest), indent));
            }
            // `OTS 1.1.1 Adapter …`, `Cr1.2 …`: a criterion by its ID (the ID, which the
            // table's criteria column would not keep either, is dropped).
            Kind::Criterion if !l.rest.is_empty() => {
                return Some((Item::Criterion(l.rest), indent));
            }
            Kind::Competence | Kind::Other | Kind::Number if l.rest.is_empty() => {
                return Some((Item::BareId(l.id), indent));
            }
            _ => {}
        }
    }
    Some((Item::Prose, indent))
}

/// An item led by a word naming what it is, after an optional number or letter: `1.
/// Activité : …`, `1.1. Compétence : …`, `a) Critère : …`, `Critère : …`. The number is
/// the item's ID; a letter is only the list's.
fn labelled(text: &str) -> Option<(Option<String>, Item)> {
    let (id, rest) = match label::label(text) {
        Some(l) if !l.rest.is_empty() => (Some(l.id), l.rest),
        _ => (
            None,
            super::prose_table::lettered(text)
                .unwrap_or(text)
                .to_owned(),
        ),
    };
    let (word, body) = rest.split_once(':')?;
    let body = body.trim();
    if word.split_whitespace().count() > 2 || body.is_empty() {
        return None;
    }
    let item = match role_of(word.trim())? {
        Role::Activity => Item::Activity(body.to_owned()),
        Role::Competence => Item::Competence(id.clone(), body.to_owned()),
        Role::Criteria => Item::Criterion(body.to_owned()),
        _ => return None,
    };
    Some((id, item))
}

/// The line after a bare ID, when it is its text: prose, or a point (a definition list's
/// `<dd>` after its `<dt>` reads as one), not another item.
fn text_after(items: &[Option<(Item, usize)>], i: usize) -> Option<usize> {
    let next = (i + 1..items.len()).find(|&n| items[n].is_some())?;
    matches!(items[next], Some((Item::Prose | Item::Criterion(_), _))).then_some(next)
}

/// A line's text without Markdown's heading and emphasis marks (`**C1.1** …`).
fn plain(text: &str) -> String {
    let t = text.trim().trim_start_matches('#').trim();
    let t = t.replace("**", "").replace("__", "");
    t.trim_matches(|c| c == '*' || c == '_').trim().to_owned()
}

/// `more`, a line wrapped from `text`, put back after it: after a space, or right after a
/// compound's own hyphen left at the line end (`savoir-` / `faire`, see
/// [`super::hyphens::join_words`]).
fn wrapped(text: &mut String, more: &str) {
    let compound = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    if !compound {
        text.push(' ');
    }
    text.push_str(more);
}

fn line_text(l: &Line) -> &str {
    match l {
        Line::Text { text, .. } => text,
        _ => "",
    }
}

fn line_of(l: &Line) -> usize {
    match l {
        Line::Text { line, .. } | Line::Row { line, .. } => *line,
        _ => 0,
    }
}

fn with_id(id: Option<&str>, text: &str) -> String {
    match id {
        Some(id) => format!("{id} – {text}"),
        None => text.to_owned(),
    }
}

/// A row whose first cell holds `text`, the others empty (a heading, an exam across).
fn across(line: usize, text: &str, width: usize) -> Line {
    let mut cells = vec![text_cell(text)];
    cells.resize(width, Cell::default());
    Line::Row { line, cells }
}

/// The competence being read as its row: its activity (on the first row under it), its
/// text and its points.
fn close(rows: &mut Vec<Line>, open: &mut Open, activity: &mut Option<String>, width: usize) {
    let Some((line, text, points)) = open.take() else {
        return;
    };
    let mut cells = Vec::new();
    if width == 3 {
        cells.push(
            activity
                .take()
                .map_or_else(Cell::default, |a| text_cell(&a)),
        );
    }
    cells.push(text_cell(&text));
    cells.push(Cell {
        blocks: points
            .into_iter()
            .map(|(text, _)| Block {
                mark: Mark::Dash,
                text,
                italic: false,
            })
            .collect(),
        ..Cell::default()
    });
    rows.push(Line::Row { line, cells });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_nested_items_become_rows_under_their_bloc() {
        let lines = [
            Line::text(1, "## Bloc 1 : Tenir le dossier social"),
            Line::Blank,
            Line::text(3, "Ce bloc est évalué par une étude de cas."),
            Line::text(4, "1. Activité : Collecter les éléments"),
            Line::text(5, "   1.1. Compétence : Recueillir les éléments"),
            Line::text(6, "      a) Critère : Les éléments sont collectés avant la"),
            Line::text(7, "         date de clôture."),
            Line::text(8, "   1.2. Compétence : Contrôler les éléments"),
            Line::text(9, "      a) Critère : Les anomalies sont signalées."),
            Line::Blank,
            Line::text(11, "Le titre est délivré par le jury."),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        assert_eq!(
            Line::rows(&out),
            [
                vec!["Activités", "Compétences", "Critères d'évaluation"],
                vec!["Bloc 1 : Tenir le dossier social", "", ""],
                vec![
                    "Modalités d'évaluation : Ce bloc est évalué par une étude de cas.",
                    "",
                    ""
                ],
                vec![
                    "Collecter les éléments",
                    "1.1 – Recueillir les éléments",
                    "Les éléments sont collectés avant la date de clôture."
                ],
                vec![
                    "",
                    "1.2 – Contrôler les éléments",
                    "Les anomalies sont signalées."
                ],
            ]
        );
        assert!(matches!(out.last(), Some(Line::Text { line: 11, .. })));
        // One competence is no outline.
        assert!(rebuild(&lines[..7]).is_none());
    }

    /// A BPJEPS annex in a PDF's layout: units, objectives as competences wrapped in their
    /// column, criteria by their IDs. A line under a competence that is not indented
    /// further, or comes after a blank line, is not its text.
    #[test]
    fn criteria_by_their_ids_and_a_competence_wrapped_in_its_column() {
        let lines = [
            Line::text(1, "UC 1 – EC d'encadrer tout public"),
            Line::text(
                2,
                "   OI 1.1   EC de prendre en compte les publics dans leurs",
            ),
            Line::text(3, "            environnements"),
            Line::text(
                4,
                "            OTS 1.1.1   Identifier les attentes des publics",
            ),
            Line::text(5, "   OI 1.2   EC de communiquer"),
            Line::text(6, "   Les objectifs sont évalués en situation."),
            Line::text(7, "            Cr1.2.1 Adapter sa communication"),
            Line::text(8, "   OI 1.3   EC d'accueillir"),
            Line::Blank,
            Line::text(10, "            dans la structure"),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        let rows = Line::rows(&out);
        assert_eq!(rows[1], ["UC 1 – EC d'encadrer tout public", ""]);
        assert_eq!(
            rows[2],
            [
                "OI1.1 – EC de prendre en compte les publics dans leurs environnements",
                "Identifier les attentes des publics"
            ]
        );
        // Not indented under it: prose, which ends the outline before OI 1.3.
        assert_eq!(rows[3], ["OI1.2 – EC de communiquer", ""]);
        assert_eq!(rows.len(), 4);
        // Indented, but after a blank line: not its text either.
        let mut lines = lines.to_vec();
        lines[5] = Line::Blank;
        lines[6] = Line::text(7, "            avec les familles");
        let rows = Line::rows(&rebuild(&lines).expect("rebuilt"));
        assert_eq!(rows[3], ["OI1.2 – EC de communiquer", ""]);
    }

    #[test]
    fn an_id_alone_on_its_line_takes_the_text_after_it() {
        let lines = [
            Line::text(1, "Bloc 2 — Animer des ateliers"),
            Line::text(2, "Évaluation : animation d'une séquence (45 min)."),
            Line::text(3, "MN2.1"),
            Line::text(4, "Concevoir une séquence d'atelier"),
            Line::text(5, "Critères d'évaluation :"),
            Line::text(6, "- Les objectifs sont formulés"),
            Line::text(7, "MN2.2"),
            // A definition list's `<dd>` written without a paragraph reads as a point.
            Line::text(8, "- Animer un atelier"),
            Line::text(9, "- Chaque participant pratique"),
            Line::text(10, "Informations complémentaires"),
            Line::text(11, "Prérequis"),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        assert_eq!(
            Line::rows(&out),
            [
                vec!["Compétences", "Critères d'évaluation"],
                vec!["Bloc 2 — Animer des ateliers", ""],
                vec![
                    "Modalités d'évaluation : animation d'une séquence (45 min).",
                    ""
                ],
                vec![
                    "MN2.1 – Concevoir une séquence d'atelier",
                    "Les objectifs sont formulés"
                ],
                vec!["MN2.2 – Animer un atelier", "Chaque participant pratique"],
            ]
        );
        assert!(matches!(out.last(), Some(Line::Text { line: 11, .. })));
    }
}
