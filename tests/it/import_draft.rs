//! Views of an imported draft that the import tests compare with what they expect: its
//! blocs, and its competences with their criteria, in order.

/// `(ID, title)` of every bloc of a draft, in order.
pub(crate) fn bloc_titles(d: &refolio::import::draft::Draft) -> Vec<(&str, &str)> {
    d.blocs
        .iter()
        .map(|b| (b.id.as_str(), b.title.as_str()))
        .collect()
}

/// `(ID, text, criteria)` of every competence of a draft, in order.
pub(crate) fn competences(d: &refolio::import::draft::Draft) -> Vec<(String, String, Vec<String>)> {
    d.blocs
        .iter()
        .flat_map(|b| &b.activities)
        .flat_map(|a| &a.competences)
        .map(|k| {
            let criteria = k.criteria.iter().map(|c| c.text.clone()).collect();
            (k.id.clone(), k.text.clone(), criteria)
        })
        .collect()
}
