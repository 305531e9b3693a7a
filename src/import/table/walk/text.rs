//! Small tests and edits on the text of the walk: whether a text ends a sentence, starts
//! in lowercase, is narrative prose or a criteria lead-in; joining text cut by a page
//! break; splitting sentences; the short form quoted in the report.

/// "Critères :", "Critères d'évaluation :": the exam's criteria follow.
pub(super) fn criteria_lead_in(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    (t.starts_with("critères") || t.starts_with("criteres") || t.starts_with("critère"))
        && t.ends_with(':')
        && t.split_whitespace().count() <= 5
}

/// Where a criteria lead-in ends a paragraph after other text (`Étude de cas (3 h).
/// Critères d'évaluation :`): the byte where it starts, after a sentence's end.
pub(super) fn lead_in_at(text: &str) -> Option<usize> {
    text.char_indices()
        .filter(|&(i, _)| i > 0)
        .filter(|&(i, _)| {
            let t = &text[i..];
            (t.starts_with("Critères") || t.starts_with("Criteres") || t.starts_with("Critère"))
                && text[..i].trim_end().ends_with(['.', ')', ';', ':'])
        })
        .map(|(i, _)| i)
        .find(|&i| criteria_lead_in(&text[i..]))
}

/// A heading over points, as the criterion's text. A label's colon is a mark, dropped
/// (`Qualité de l'accueil :`); a sentence's colon is part of it when its points complete it
/// (`L'analyse des besoins permet au candidat :` then `de déceler …`), kept. A sentence is
/// told from a label by its first word, a determiner or a pronoun (a label starts with its
/// noun), or by its last, a preposition or conjunction left open (`Permet de :`); and its
/// points by their lowercase start.
pub(super) fn heading_text(text: &str, first_point: Option<&str>) -> String {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    let elided = first.starts_with("l'") || first.starts_with("l’");
    let determiner = elided
        || matches!(
            first.as_str(),
            "le" | "la"
                | "les"
                | "un"
                | "une"
                | "des"
                | "du"
                | "ce"
                | "cet"
                | "cette"
                | "ces"
                | "son"
                | "sa"
                | "ses"
                | "leur"
                | "leurs"
                | "chaque"
                | "il"
                | "elle"
                | "ils"
                | "elles"
                | "on"
        );
    // `Permet de :`, `Est capable de :`, `Vérifie que :`: a sentence left open on a
    // preposition or a conjunction, whatever its first word, which its points complete.
    let body = text
        .trim_end()
        .trim_end_matches(':')
        .trim_end()
        .to_lowercase();
    let last = body.rsplit([' ', '\'', '’']).next().unwrap_or("");
    let open = body.ends_with(['\'', '’'])
        || matches!(
            last,
            "de" | "à"
                | "au"
                | "aux"
                | "pour"
                | "par"
                | "en"
                | "sur"
                | "avec"
                | "dans"
                | "que"
                | "selon"
                | "vers"
                | "sans"
                | "sous"
                | "chez"
                | "entre"
                | "afin"
        );
    let completes = first_point.is_some_and(starts_lowercase);
    if (determiner || open) && completes && text.trim_end().ends_with(':') {
        text.trim_end().to_owned()
    } else {
        text.trim_end_matches([':', ' ']).to_owned()
    }
}

/// Narrative prose: sentences, not a title (starts with a capital, ends with a full stop,
/// ten words or more).
pub(super) fn narrative(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
        && text.trim_end().ends_with('.')
        && text.split_whitespace().count() >= 10
}

/// Ends a sentence or a list: the text is not cut.
pub fn finished(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '…', ':', ';'])
}

pub(super) fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == '(')
}

/// Joins text cut by a page break (one sentence across two rows).
pub(super) fn join_cut(text: &mut String, piece: &str) {
    if text.is_empty() {
        text.push_str(piece);
    } else if text.lines().last().is_some_and(|l| l.starts_with("- ")) && !starts_lowercase(piece) {
        text.push_str("\n\n");
        text.push_str(piece);
    } else {
        text.push(' ');
        text.push_str(piece);
    }
}

pub(super) fn append_para(text: &mut String, piece: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(piece);
}

pub(super) fn append_item(text: &mut String, item: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str("- ");
    text.push_str(item);
}

/// Splits at `. ` followed by a capital letter.
pub(super) fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (_, b), (k, c)] = [w[0], w[1], w[2]];
        if matches!(a, '.' | '!' | '?') && b == ' ' && c.is_uppercase() {
            let piece = text[start..k].trim();
            if !piece.is_empty() {
                out.push(piece.to_owned());
            }
            start = k;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

/// The start of a text, for the report.
pub fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
