//! What the walk recovers from a referential table, before it is shaped into a
//! referential: blocs, activities, competences, criteria (and whom each assesses, as the
//! document says it), exams (and what each says it evaluates).

use super::super::cells::Block;

/// Everything recovered, before it is shaped into a referential.
#[derive(Debug, Default)]
pub struct Found {
    pub blocs: Vec<FoundBloc>,
    /// Whether the document has bloc headings (otherwise blocs come from activity groups).
    pub bloc_headings: bool,
    pub report: Vec<String>,
}

#[derive(Debug, Default)]
pub struct FoundBloc {
    pub id: String,
    pub title: String,
    pub activities: Vec<FoundActivity>,
    pub competences: Vec<FoundCompetence>,
    pub criteria: Vec<FoundCriterion>,
    pub modalities: Vec<FoundModality>,
}

#[derive(Debug, Default)]
pub struct FoundActivity {
    pub id: String,
    pub title: String,
    /// Written `Activité N`: a group whatever follows.
    pub group: bool,
    pub summary: Option<String>,
    /// A numbered sub-domain (`1.1.`): the lines without ID under it are its activities.
    pub sub_domain: bool,
    /// Listed without ID under a sub-domain: its ID was made from the sub-domain's.
    pub generated: bool,
}

#[derive(Debug, Default)]
pub struct FoundCompetence {
    pub id: String,
    pub text: String,
    /// Index of its activity in the bloc, if one came before it.
    pub activity: Option<usize>,
}

/// Whom a criterion belongs to, as the document says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The competence of the row it was read in (by index in the bloc).
    Row(usize),
    /// Numbered `Cr1.2.3`: the competence numbered `1.2`.
    Numbered,
    /// "En relation avec les compétences …": references to resolve.
    Refs(Vec<String>),
    /// The competences (indices) of its row or of the rows its merged cell covers: a
    /// criterion beside an exam that evaluates them all.
    Many(Vec<usize>),
    /// Listed inside an exam's cell ("Critères :"): the competences of that exam (index),
    /// resolved once the walk is done.
    Exam(usize),
}

#[derive(Debug, Clone)]
pub struct FoundCriterion {
    pub id: Option<String>,
    pub text: String,
    pub indicators: Vec<String>,
    pub target: Target,
    /// The competence of the row it was read in: where it goes if its target is not found.
    pub row: Option<usize>,
    pub line: usize,
}

/// What an exam says it evaluates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// Nothing said: the competences of the rows it spans.
    #[default]
    Rows,
    /// "Toutes les compétences constitutives du bloc".
    Bloc,
    /// "… de la composante du bloc": the group of this activity (index).
    Group(usize),
    Refs(Vec<String>),
    /// "des compétences C1.1 à C1.3".
    Range(String, String),
}

#[derive(Debug, Clone, Default)]
pub struct FoundModality {
    pub blocks: Vec<Block>,
    pub scope: Scope,
    /// Competences (indices) of the rows it spans.
    pub rows: Vec<usize>,
    pub line: usize,
}
