//! Walking the rows of a referential table in reading order and recovering what each piece
//! of text is: bloc, activity, competence, criterion (and its indicators), or evaluation
//! modality. A column's header gives its default role, but the text decides where it is
//! unambiguous (IDs, "En relation avec les compétences …", `•` headings), because converted
//! tables shift cells between columns. Text cut by a page break is rejoined to the item it
//! continues: the latest one of its kind left unfinished (no final full stop).

mod activities;
mod blocs;
mod competences;
mod criteria;
mod exams;
mod found;
mod inline;
mod keys;
mod text;

use super::cells::{Block, Cell, Mark};
pub use super::columns::Role;
use super::ids;
use super::label::{self, Kind, Patterns};
pub(super) use exams::exam_row;
pub use found::*;
use text::{
    append_item, append_para, criteria_lead_in, heading_text, join_cut, lead_in_at, narrative,
    split_sentences, starts_lowercase,
};
pub use text::{finished, short};

/// The last item a column wrote to, for the lists and continuations that follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Activity(usize),
    Competence(usize),
    Criterion(usize),
    Modality(usize),
}

#[derive(Debug, Clone)]
struct Column {
    role: Role,
    mode: Role,
    last: Option<Item>,
    /// "En relation avec …" read in this column, for the headings under it.
    relation: Option<Vec<String>>,
    /// After "Critères :" in an exam's cell: the exam whose criteria follow.
    exam_criteria: Option<usize>,
    /// The criteria of this column's latest cell, for the rows it is merged down over.
    tall: Vec<usize>,
    /// This cell's list has no heading above it: each item is a criterion.
    item_criteria: bool,
    /// The competence of the row a paragraph naming only its ID (`C1.1 :`) put this cell's
    /// criteria under.
    named: Option<usize>,
}

impl Column {
    fn new(role: Role) -> Column {
        Column {
            role,
            mode: role,
            last: None,
            relation: None,
            exam_criteria: None,
            tall: Vec::new(),
            item_criteria: false,
            named: None,
        }
    }
}

/// What the author or the layout tells the walk beyond the columns' roles.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The author's ID patterns (`--id-pattern`), tried before the general grammar.
    pub patterns: Patterns,
    /// The document has `Bloc n` headings (or rows matching the author's bloc pattern):
    /// other heading rows are not blocs.
    pub bloc_headings: bool,
    /// The author's bloc heading pattern (`--bloc-pattern`): a heading row it matches is a
    /// bloc; its first group, if any, is the title.
    pub bloc_pattern: Option<regex::Regex>,
    /// No competence of the table has an ID (a REAC's `Compétences professionnelles`):
    /// each paragraph or item there is one, numbered `C1`, `C2`… through the document.
    pub unnumbered_competences: bool,
}

/// Reads the rows one at a time, keeping what it recognised in [`Found`].
pub struct Walker {
    pub found: Found,
    columns: Vec<Column>,
    /// Competences and activities opened in the current row.
    row_competences: Vec<usize>,
    row_activities: Vec<usize>,
    /// Activities made in this row from lines without ID (paired with its competences).
    row_generated: Vec<usize>,
    pub hints: Hints,
    /// What each piece of text was taken for, and why (`--explain`), by line.
    pub explained: Vec<(usize, String)>,
    current_competence: Option<usize>,
    current_activity: Option<usize>,
    current_modality: Option<usize>,
    /// Criteria written under "En relation avec …" headings: a plain paragraph among them
    /// is exam text, not a criterion.
    grouped_criteria: bool,
    line: usize,
    /// The bloc a row of a second table of exams is about, when the competences it names
    /// are in an earlier bloc than the last (`None`: the last bloc).
    focus: Option<usize>,
    /// How many exams the current bloc had when the row began.
    row_modalities: usize,
    /// A row naming competences of several blocs: the other blocs and their competences
    /// (indices), which get a copy of the row's exam and criteria; and how many criteria
    /// the row's bloc had before them.
    row_split: Vec<(usize, Vec<usize>)>,
    row_criteria: usize,
    /// How many criteria the bloc had when the row's cells began to be read.
    row_criteria_start: usize,
    /// A second table (its header named other columns) is being read.
    second_table: bool,
    /// The first numbers of the row's criteria numbered on two levels (`1.2` → 1): the
    /// number of the competence they are under, when it is numbered `1.` in its bloc.
    row_numbered: Vec<u32>,
}

impl Walker {
    pub fn new(roles: &[Role], hints: Hints) -> Walker {
        Walker {
            found: Found::default(),
            columns: roles.iter().map(|&role| Column::new(role)).collect(),
            row_competences: Vec::new(),
            row_activities: Vec::new(),
            row_generated: Vec::new(),
            hints,
            explained: Vec::new(),
            current_competence: None,
            current_activity: None,
            current_modality: None,
            grouped_criteria: false,
            line: 0,
            focus: None,
            row_modalities: 0,
            row_split: Vec::new(),
            row_criteria: 0,
            row_criteria_start: 0,
            second_table: false,
            row_numbered: Vec::new(),
        }
    }

    /// A second table with other columns starts (at `line`): the rows after it are read
    /// with its columns.
    pub fn set_roles(&mut self, roles: &[Role], line: usize) {
        self.columns = roles.iter().map(|&role| Column::new(role)).collect();
        self.line = line;
        self.second_table = true;
        let names: Vec<&str> = (0..self.columns.len())
            .map(|c| self.column_name(c))
            .collect();
        let what = format!(
            "a second table begins: columns {} (its header names other columns)",
            names.join(", ")
        );
        self.explained.push((line, what));
    }

    /// Whether the exams column comes before the competences column (a table of exams).
    fn exams_before_competences(&self) -> bool {
        let at = |r: Role| self.columns.iter().position(|c| c.role == r);
        matches!((at(Role::Modality), at(Role::Competence)), (Some(m), Some(k)) if m < k)
    }

    fn bloc(&mut self) -> &mut FoundBloc {
        if self.found.blocs.is_empty() {
            self.found.blocs.push(FoundBloc {
                id: "B1".into(),
                ..FoundBloc::default()
            });
        }
        let last = self.found.blocs.len() - 1;
        let at = self.focus.filter(|&b| b < last).unwrap_or(last);
        &mut self.found.blocs[at]
    }

    /// Records for `--explain` what `text` was taken for and why.
    fn took(&mut self, text: &str, what: String) {
        let line = self.line;
        self.explained
            .push((line, format!("«{}» → {what}", short(text))));
    }

    /// The ID at the start of `text`: the author's patterns first, then the grammar.
    fn label(&self, text: &str) -> Option<label::Label> {
        self.hints
            .patterns
            .label(text)
            .or_else(|| label::label(text))
    }

    /// A competence ID at the start of `text`: one the prefix says, or in the competences
    /// column one whose prefix says nothing else (`RC4`).
    fn competence_id(&self, text: &str, column: usize) -> Option<(String, String)> {
        if let Some(l) = self.hints.patterns.label(text) {
            return (l.kind == Kind::Competence).then_some((l.id, l.rest));
        }
        if let Some(found) = ids::competence(text) {
            return Some(found);
        }
        let l = label::label(text)?;
        let in_column = self
            .columns
            .get(column)
            .is_some_and(|c| c.role == Role::Competence);
        // In the competences column a prefix that says nothing (`RC4`), or numbers of two
        // levels or more (`1.1 Traiter …`), is a competence's ID.
        let numbered = l.kind == Kind::Number && l.numbers.len() >= 2;
        // So is one numbered under its bloc's letter (`A.1`, `B-2` in `Bloc A`, `Bloc B`),
        // whatever the letter would say elsewhere.
        let of_bloc = self.bloc_now().is_some_and(|b| under_letter(&l.id, &b.id));
        (in_column && (l.kind == Kind::Other || numbered || of_bloc) && !l.rest.is_empty())
            .then_some((l.id, l.rest))
    }

    /// What a column holds, for `--explain`.
    fn column_name(&self, column: usize) -> &'static str {
        match self.columns.get(column).map(|c| c.role) {
            Some(Role::Activity) => "activities",
            Some(Role::Competence) => "competences",
            Some(Role::Modality) => "exams",
            Some(Role::Criteria) => "criteria",
            Some(Role::Bloc) => "blocs",
            Some(Role::Id) => "IDs",
            Some(Role::Knowledge) => "knowledge",
            None => "extra",
        }
    }

    fn note(&mut self, text: String) {
        let line = self.line;
        self.found.report.push(format!("line {line}: {text}"));
    }

    /// Reads one row. `line` is its line in the document.
    /// A row rebuilt from lines (`rebuilt`) is never a heading.
    pub fn row(&mut self, line: usize, cells: &[Cell], rebuilt: bool) {
        self.line = line;
        let roles: Vec<Option<Role>> = self
            .place(cells.len())
            .into_iter()
            .map(|c| self.columns.get(c).map(|x| x.role))
            .collect();
        if let Some(split) = super::spans::split(cells, &roles) {
            self.found.report.push(format!(
                "line {line}: a cell over the criteria column: its list read as criteria"
            ));
            return self.row(line, &split, rebuilt);
        }
        let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
        let heading = !rebuilt && cells.iter().skip(1).all(Cell::is_empty);
        if let (true, Some(first)) = (heading, filled.first())
            && self.heading_then_exam(first)
        {
            return;
        }
        if let (true, Some(first)) = (heading, filled.first())
            && self.heading_row(&first.joined())
        {
            return;
        }
        if let (true, Some(first)) = (heading, filled.first())
            && !self.found.blocs.is_empty()
            && let Some(exam) = exams::exam_row(&first.joined())
        {
            self.exam_row(&first.joined(), exam);
            return;
        }
        self.row_competences.clear();
        self.row_split.clear();
        self.row_activities.clear();
        self.row_generated.clear();
        self.row_modalities = self.bloc_now().map_or(0, |b| b.modalities.len());
        // A bloc named in the first cell of its first row (a cell merged down over the
        // bloc's rows, or left empty below): the row opens it, then reads on.
        let opens_bloc = !heading && filled.len() > 1 && self.bloc_in_first_cell(&cells[0]);
        self.row_criteria_start = self.bloc_now().map_or(0, |b| b.criteria.len());
        let columns = self.place(cells.len());
        self.row_numbered = self.numbered_criteria(cells, &columns);
        let first_read = self.references_first(cells, &columns);
        let mut below = Vec::new();
        for (n, (cell, column)) in cells.iter().zip(columns).enumerate() {
            if (n == 0 && opens_bloc) || first_read.contains(&column) {
                continue;
            }
            // Knowledge (`Savoirs`) has no place in the draft: left out, listed as dropped.
            let knowledge = self.columns.get(column).map(|c| c.role) == Some(Role::Knowledge);
            if !cell.is_empty() && !knowledge {
                let before = self.bloc_now().map_or(0, |b| b.criteria.len());
                self.cell(cell, column);
                self.one_list_per_competence(cell, before);
            } else if cell.below {
                below.push(column);
            }
        }
        // An exam opened in this row evaluates the competences it names in a later cell
        // (`C1, C2` in a second table's competences column).
        let rows = self.row_competences.clone();
        let start = self.row_modalities;
        if !self.found.blocs.is_empty() {
            let bloc = self.bloc();
            let start = start.min(bloc.modalities.len());
            for m in &mut bloc.modalities[start..] {
                for &k in &rows {
                    if !m.rows.contains(&k) {
                        m.rows.push(k);
                    }
                }
            }
        }
        // An exam cell merged down over this row evaluates this row's competences too, and
        // the criteria of a criteria cell merged down assess them.
        for &column in &below {
            let tall = match self.columns.get(column) {
                Some(c) if c.role == Role::Criteria => c.tall.clone(),
                _ => continue,
            };
            let rows = self.row_competences.clone();
            let bloc = self.bloc();
            for i in tall {
                if let Some(c) = bloc.criteria.get_mut(i) {
                    let mut ks = match &c.target {
                        Target::Row(k) => vec![*k],
                        Target::Many(ks) => ks.clone(),
                        _ => continue,
                    };
                    for &k in &rows {
                        if !ks.contains(&k) {
                            ks.push(k);
                        }
                    }
                    c.target = Target::Many(ks);
                }
            }
        }
        for column in below {
            if let Some(Column {
                last: Some(Item::Modality(m)),
                ..
            }) = self.columns.get(column)
            {
                let (m, rows) = (*m, self.row_competences.clone());
                if let Some(x) = self.bloc().modalities.get_mut(m) {
                    for k in rows {
                        if !x.rows.contains(&k) {
                            x.rows.push(k);
                        }
                    }
                }
            }
        }
        self.copy_to_other_blocs();
    }

    /// The columns of a row's cells. A row with fewer cells than columns lost the cells a
    /// taller cell spans: the exam first (one exam often covers several rows), then the
    /// criteria.
    fn place(&self, cells: usize) -> Vec<usize> {
        let width = self.columns.len();
        let mut skip: Vec<usize> = Vec::new();
        for role in [Role::Modality, Role::Criteria, Role::Activity] {
            if width.saturating_sub(skip.len()) <= cells {
                break;
            }
            if let Some(i) = self.columns.iter().position(|c| c.role == role) {
                skip.push(i);
            }
        }
        (0..width.max(cells))
            .filter(|i| !skip.contains(i))
            .collect()
    }

    fn cell(&mut self, cell: &Cell, column: usize) {
        if column >= self.columns.len() {
            let header = self.columns.len();
            self.columns.resize(column + 1, Column::new(Role::Modality));
            self.note(format!(
                "a cell beyond the {header} columns of the header was read as exam text"
            ));
        }
        if self.keyed_cell(cell, column) {
            return;
        }
        self.columns[column].exam_criteria = None;
        self.columns[column].tall.clear();
        self.columns[column].item_criteria = false;
        self.columns[column].named = None;
        // A column switched by its text keeps that role only for text continuing it.
        if let Some(b) = cell.blocks.first()
            && b.mark == Mark::Para
            && !starts_lowercase(&b.text)
        {
            let col = &mut self.columns[column];
            col.mode = col.role;
        }
        if self.columns[column].role == Role::Competence && self.numbered_in_bloc(cell, column) {
            return;
        }
        let mut pending_marker: Option<String> = None;
        for (i, block) in cell.blocks.iter().enumerate() {
            let first = i == 0 || (i == 1 && pending_marker.is_some());
            let next = cell.blocks.get(i + 1);
            let mut block = block.clone();
            // `1/`: the number of an exam part; it belongs to what follows.
            if block.mark == Mark::Para
                && let Some((n, rest)) = ids::marker(&block.text)
            {
                if rest.is_empty() {
                    pending_marker = Some(format!("{n}/"));
                    continue;
                }
                pending_marker = Some(format!("{n}/"));
                block.text = rest;
            }
            let marker = pending_marker.take();
            self.block(&block, next, column, first, cell.paragraphs, marker);
        }
    }

    fn block(
        &mut self,
        block: &Block,
        next: Option<&Block>,
        column: usize,
        first: bool,
        paragraphs: bool,
        marker: Option<String>,
    ) {
        let text = block.text.as_str();
        if block.mark == Mark::Para {
            // Self-describing text first, whatever the column.
            if let Some((refs, tail)) = ids::relation(text) {
                let criteria = tail.is_empty()
                    && match next.map(|b| b.mark) {
                        Some(Mark::Bullet | Mark::Dash) => true,
                        Some(Mark::Para) => false,
                        None => self.columns[column].mode == Role::Criteria,
                    };
                if criteria {
                    self.grouped_criteria = true;
                    let col = &mut self.columns[column];
                    col.mode = Role::Criteria;
                    col.relation = Some(refs.clone());
                    col.last = None;
                    // The criterion itself on the same line, after the colon.
                    if let Some(inline) = ids::relation_inline(text) {
                        self.push_criterion(column, None, inline, Target::Refs(refs));
                    }
                } else {
                    self.columns[column].mode = Role::Modality;
                    let mut b = block.clone();
                    if let Some(m) = marker {
                        b.text = format!("{m} {}", b.text);
                    }
                    self.modality_relation(column, refs, b);
                }
                return;
            }
        }
        // Criteria listed inside an exam's cell, after "Critères :".
        if let Some(m) = self.columns[column].exam_criteria {
            self.took(
                text,
                format!(
                    "a criterion of exam {} (listed under «Critères» in its cell)",
                    m + 1
                ),
            );
            self.push_criterion(column, None, text.to_owned(), Target::Exam(m));
            return;
        }
        // `Étude de cas (3 h). Critères d'évaluation :` — the exam's text, then the lead-in
        // of its criteria, in one paragraph: read as two.
        if self.columns[column].mode == Role::Modality
            && block.mark == Mark::Para
            && let Some(at) = lead_in_at(text)
        {
            let head = Block {
                text: text[..at].trim().to_owned(),
                ..block.clone()
            };
            let tail = Block {
                text: text[at..].to_owned(),
                ..block.clone()
            };
            self.block(&head, Some(&tail), column, first, paragraphs, marker);
            self.block(&tail, next, column, false, paragraphs, None);
            return;
        }
        if self.columns[column].mode == Role::Modality
            && block.mark == Mark::Para
            && criteria_lead_in(text)
            && let Some(m) = self.current_modality_in_bloc()
        {
            self.took(
                text,
                "the heading of the exam's criteria listed after it".into(),
            );
            self.columns[column].exam_criteria = Some(m);
            return;
        }
        let role = self.columns[column].role;
        if role == Role::Activity
            && self.columns[column].mode != Role::Modality
            && self.activity_text(text, column)
        {
            return;
        }
        if role == Role::Competence && self.competence_references(text) {
            return;
        }
        if role == Role::Criteria && block.mark == Mark::Para && self.names_competence(text, column)
        {
            return;
        }
        // A competence, or text continuing one and then starting the next.
        let item = block.mark != Mark::Para;
        let in_competences = self.columns[column].mode == Role::Competence;
        let pieces = if item {
            vec![text.to_owned()]
        } else {
            ids::split_competences(text)
        };
        let starts = self.competence_id(text, column).is_some();
        if (starts && (!item || in_competences || role == Role::Competence))
            || (!item && in_competences && pieces.len() > 1)
        {
            self.columns[column].mode = Role::Competence;
            for (n, piece) in pieces.iter().enumerate() {
                self.competence_text(piece, column, first && n == 0);
            }
            return;
        }
        match self.columns[column].mode {
            Role::Activity => {
                if marker.is_some() {
                    // `2/` in the activities column: an exam cut into the wrong column.
                    self.columns[column].mode = Role::Modality;
                    self.modality_block(block, column, first, marker);
                } else {
                    self.activity_continuation(block, column);
                }
            }
            Role::Competence => self.competence_block(block, column, first),
            Role::Criteria => {
                if block.mark == Mark::Para && self.grouped_criteria && !starts_lowercase(text) {
                    // Not a criterion in a document that groups them: exam text.
                    self.columns[column].mode = Role::Modality;
                    self.modality_block(block, column, first, marker);
                } else {
                    self.criteria_block(block, next, column, first, paragraphs);
                }
            }
            Role::Modality | Role::Id => self.modality_block(block, column, first, marker),
            Role::Bloc => self.bloc_cell(&block.text, None),
            // Never walked (`row` leaves such cells out).
            Role::Knowledge => {}
        }
    }
}

/// Whether `id` is a number under the lettered bloc `bloc`: `A.1`, `A-2`, `A3` in bloc `A`.
fn under_letter(id: &str, bloc: &str) -> bool {
    let mut letters = bloc.chars();
    let lettered =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_ascii_uppercase());
    lettered
        && id
            .strip_prefix(bloc)
            .map(|rest| rest.strip_prefix(['.', '-']).unwrap_or(rest))
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::under_letter;

    #[test]
    fn ids_numbered_under_a_lettered_bloc() {
        assert!(under_letter("A.1", "A") && under_letter("B-2", "B") && under_letter("C3", "C"));
        assert!(
            !under_letter("A.1", "B") && !under_letter("A1.1", "A1") && !under_letter("AT1", "A")
        );
    }
}
