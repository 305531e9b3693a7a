//! What a referential table's columns hold ([`Role`]), and the words of a header cell that
//! name them: `Compétences attestées` names the competences, `N° Fiche CP` a column of IDs.

use std::sync::LazyLock;

use regex::Regex;

use super::label::{self, pattern};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A REAC's `Activités types`: each cell opens a bloc.
    Bloc,
    Activity,
    Competence,
    Modality,
    Criteria,
    /// IDs only, of the text in the column after (`N°`, `Code`): folded into it by `keys`
    /// before the walk.
    Id,
    /// What a competence draws on (`Savoirs`, `Savoir-faire`, `Savoir-être`,
    /// `Connaissances`) beside a competences column: the format has no place for it, so its
    /// text is left out of the draft (listed as dropped).
    Knowledge,
}

impl Role {
    /// Its name in the import report and `--explain`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Activity => "activities",
            Role::Competence => "competences",
            Role::Modality => "exams",
            Role::Criteria => "criteria",
            Role::Bloc => "blocs",
            Role::Id => "IDs",
            Role::Knowledge => "knowledge",
        }
    }
}

/// `Bloc de compétences | Activité | …`: a column named for the blocs beside another column
/// of activities holds the blocs, not their activities (alone, it holds both; see
/// [`role_of`]), before or after it (a sheet whose columns run right to left, `Critères |
/// Compétences | Activités | Bloc de compétences`).
pub(super) fn blocs_beside_activities(roles: &mut [Option<Role>], cells: &[super::cells::Cell]) {
    let activities: Vec<usize> = (0..roles.len())
        .filter(|&i| roles[i] == Some(Role::Activity))
        .collect();
    let names_blocs = |i: usize| {
        cells.get(i).is_some_and(|c| {
            deunicode::deunicode(&c.joined())
                .to_lowercase()
                .contains("bloc")
        })
    };
    if activities.len() < 2 {
        return;
    }
    let blocs: Vec<usize> = activities
        .iter()
        .copied()
        .filter(|&i| names_blocs(i))
        .collect();
    // The first named for blocs, unless each is (then none tells the blocs apart).
    if let Some(&first) = blocs.first()
        && blocs.len() < activities.len()
    {
        roles[first] = Some(Role::Bloc);
    }
}

/// What a header cell names: `Référentiel d'activités` → activities, `Compétences
/// attestées`, `DOMAINES D'ACTIVITÉS`, `Critères d'évaluation`, `Évaluation`… The first of
/// those words in the cell's first block decides; a long cell or one with an ID is no header.
pub fn role_of(text: &str) -> Option<Role> {
    let t = deunicode::deunicode(text).to_lowercase();
    if t.split_whitespace().count() > 8 || label::label(text).is_some() {
        return None;
    }
    // `Blocs de compétences` over the first column: the blocs and what they hold, read as
    // the activities column (a bloc named in a row's first cell opens it).
    // A REAC's `Activités types`: each is a bloc (a certificate of its own).
    if t.contains("activites types") || t.contains("activite type") {
        return Some(Role::Bloc);
    }
    // `Intitulé du bloc`, `Bloc` (not `Blocs de compétences`, which holds the blocs and
    // their activities): a column of blocs, each cell opening one (a table whose bloc
    // rows are headings reads it as activities, see `layout::activity_types`).
    if t.contains("bloc") && !t.contains("competenc") && !t.contains("activit") {
        return Some(Role::Bloc);
    }
    // `Savoirs`, `Savoir-faire`, `Savoir-être`, `Connaissances associées` (`layout` keeps
    // them only beside a competences column: alone, `Savoir-faire` names the competences).
    if KNOWLEDGE.is_match(&t) {
        return Some(Role::Knowledge);
    }
    let words = [
        ("bloc", Role::Activity),
        ("activit", Role::Activity),
        // `Compétences`, and English `Competencies`, `Competency`.
        ("competenc", Role::Competence),
        // `Capacités` (a CQP's competences).
        ("capacite", Role::Competence),
        ("modalit", Role::Modality),
        ("epreuve", Role::Modality),
        ("critere", Role::Criteria),
        // `Indicateurs de réussite`: what shows a competence is met, its criteria.
        ("indicateur", Role::Criteria),
        ("evaluation", Role::Modality),
    ];
    words
        .iter()
        .filter_map(|(w, r)| t.find(w).map(|i| (i, *r)))
        .min_by_key(|(i, _)| *i)
        .map(|(_, r)| r)
        .or_else(|| english_role(&t))
}

/// What a header cell names in English (`Skills`, `Learning outcomes`, `Assessment
/// criteria`, `Evaluation methods`): criteria wherever the word is (English puts the noun
/// last), else the first word of a column found.
fn english_role(t: &str) -> Option<Role> {
    if t.contains("criteri") {
        return Some(Role::Criteria);
    }
    let words = [
        ("task", Role::Activity),
        ("duties", Role::Activity),
        ("skill", Role::Competence),
        ("outcome", Role::Competence),
        ("abilit", Role::Competence),
        ("assessment", Role::Modality),
        ("exam", Role::Modality),
        ("method", Role::Modality),
    ];
    words
        .iter()
        .filter_map(|(w, r)| t.find(w).map(|i| (i, *r)))
        .min_by_key(|(i, _)| *i)
        .map(|(_, r)| r)
}

/// A header cell naming knowledge: `Savoirs (associés)`, `Savoir-faire`, `Savoir-être`,
/// `Savoirs / savoir-faire`, `Connaissances` (accents already dropped, lowercase).
static KNOWLEDGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:savoirs?(?:[ -](?:faire|etre))?|connaissances?)\b(?:\s*(?:/|et|,)\s*savoirs?(?:[ -](?:faire|etre))?)*(?:\s+(?:associe|mobilise|requis)e?s?)?$").unwrap()
});

/// `N°`, `N° Fiche CP`, `Code`, `Code critère`, `Réf.`, `Numéro`, `Identifiant`.
static NAMES_IDS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:n\s*[°º]|no\.?|num(?:é|e)ro|code|r(?:é|e)f(?:\.|(?:é|e)rence)?|id|identifiant)(?:\s+(?P<rest>.*))?$",
    )
});

/// Whether a header cell names a column of IDs; if so, what they are IDs of when it says
/// (`N° Fiche CP` → competences, `Code critère` → criteria), else `None` (the column after).
pub fn names_ids(text: &str) -> Option<Option<Role>> {
    let t = text.trim().to_lowercase();
    let c = NAMES_IDS.captures(&t)?;
    let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
    // `N° et intitulé du bloc`: the ID and the title in one column, not a column of IDs.
    if rest.starts_with("et ") || rest.split_whitespace().count() > 3 {
        return None;
    }
    if let Some(role) = role_of(rest).filter(|r| *r != Role::Modality) {
        return Some(Some(role));
    }
    let kind = rest.split_whitespace().find_map(|w| match w {
        "cp" | "c" | "comp" | "comp." => Some(Role::Competence),
        "at" | "a" => Some(Role::Activity),
        "cr" | "ce" | "crit" | "crit." => Some(Role::Criteria),
        _ => None,
    });
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::super::cells::text_cell;
    use super::*;

    #[test]
    fn a_blocs_column_before_an_activities_column_holds_the_blocs() {
        let header = ["Bloc de compétences", "Activité", "Compétence"].map(text_cell);
        let mut roles: Vec<Option<Role>> = header.iter().map(|c| role_of(&c.joined())).collect();
        blocs_beside_activities(&mut roles, &header);
        assert_eq!(
            roles,
            [
                Some(Role::Bloc),
                Some(Role::Activity),
                Some(Role::Competence)
            ]
        );
        // Alone, it holds the blocs and their activities.
        let header = ["Blocs de compétences", "Compétences"].map(text_cell);
        let mut roles: Vec<Option<Role>> = header.iter().map(|c| role_of(&c.joined())).collect();
        blocs_beside_activities(&mut roles, &header);
        assert_eq!(roles, [Some(Role::Activity), Some(Role::Competence)]);
    }

    /// Columns right to left: the blocs column after the activities column still holds
    /// the blocs, and the criteria's rows under merged cells are no heading rows turning it
    /// back into activities.
    #[test]
    fn a_blocs_column_after_an_activities_column_holds_the_blocs() {
        use super::super::layout::{Layout, Row, activity_types};
        let header = [
            "Critères",
            "Compétences",
            "Activités",
            "Bloc de compétences",
        ]
        .map(text_cell);
        let mut roles: Vec<Option<Role>> = header.iter().map(|c| role_of(&c.joined())).collect();
        blocs_beside_activities(&mut roles, &header);
        let roles: Vec<Role> = roles.into_iter().map(Option::unwrap).collect();
        assert_eq!(
            roles,
            [Role::Criteria, Role::Competence, Role::Activity, Role::Bloc]
        );
        let merged = || super::super::cells::Cell {
            below: true,
            ..Default::default()
        };
        let rows = vec![
            Row {
                line: 3,
                cells: [
                    "Le registre est tenu",
                    "C1 Contrôler",
                    "A1 Exploiter",
                    "BC01 Exploiter",
                ]
                .map(text_cell)
                .to_vec(),
                rebuilt: false,
            },
            Row {
                line: 4,
                cells: vec![
                    text_cell("Les anomalies sont signalées"),
                    merged(),
                    merged(),
                    merged(),
                ],
                rebuilt: false,
            },
        ];
        let mut layout = Layout {
            roles: roles.clone(),
            rows,
            ..Layout::default()
        };
        activity_types(&mut layout);
        assert_eq!(layout.roles, roles);
        // A row of its first cell alone, nothing merged into the others, is a heading.
        layout.rows[1].cells = vec![
            text_cell("Maintenance"),
            Default::default(),
            Default::default(),
            Default::default(),
        ];
        activity_types(&mut layout);
        assert_eq!(layout.roles[3], Role::Activity);
    }
}
