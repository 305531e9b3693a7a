//! The ID styles of referential tables, recognised at the start of a cell's text and
//! normalised the way referential files write them: spaces dropped (`A 2.1` → `A2.1`,
//! `Cr 1.1.1` → `Cr1.1.1`), the certifier's dots and letters kept (`A.1.1`, `C.1.1.a`,
//! `C.3.1.1a`), `Activité 1` → `A1`, `CR` → `Cr`. Also the competence references of
//! "En relation avec les compétences C.3.2.2 & C.3.2.3" and "des compétences C1.1 à C1.3".

use std::sync::LazyLock;

use regex::Regex;

use super::label::{self, Kind};

use super::label::pattern;

static BLOC: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(?i:bloc(?:\s+de\s+compétences?)?\s*(?:n\s*°\s*)?)(\d+)\s*[:\-–—.]?\s*(.*)$")
});
/// English blocs: `Unit 1 – Title`, `Module 2: Title`, `Block 3`, `Skills block 4. Title`,
/// the number followed by a separator or nothing.
static ENGLISH_BLOC: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?i:(?:(?:skills?|competenc(?:e|y|ies))\s+)?(?:block|unit|module)\s*(?:no\.?\s*)?)(\d+)\s*(?:[:\-–—.]\s*(.*))?$",
    )
});
/// `BLOC A – Titre`: a bloc lettered, the letter followed by a separator.
static LETTER_BLOC: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(?i:bloc(?:\s+de\s+compétences?)?\s*(?:n\s*°\s*)?)(\p{Lu})\s*[:\-–—.]\s*(\S.*)$")
});
static GROUP: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?i:activité)\s+(\d+)(?:\s*[:\-–—]|\.(?:\s|$)|\s|$)\s*(.*)$"));
static ACTIVITY: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^A(\.?)\s?(\d+(?:\s?\.\s?\d+)*)(?:\.(?:\s|$))?\s*[\-–—:]?\s*(.*)$"));
/// An activity ID inside running text (a cell holding a group and its first activity).
static ACTIVITY_INSIDE: LazyLock<Regex> = LazyLock::new(|| pattern(r"\sA\.?\s?\d+(?:\.\d+)+\s"));
static COMPETENCE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^C(\.?)\s?(\d+(?:\.\d+)*)(\.?[a-z])?(?:\.(?:\s|$))?(?:\s*[\-–—:]\s+|\s+|$)(.*)$")
});
/// A competence ID starting a new sentence inside running text.
static COMPETENCE_INSIDE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"[.!?]\s+C[A-Z]?[.\-]?\d+(?:[.\-]\d+)*(?:[.\-]?[a-z])?\.?\s"));
static CRITERION: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i:\bcr)[\s.\-]?(\d+(?:[.\-]\d+)+)\s*[\-–—:]?\s*"));
static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\bC\.?\s?\d+(?:\.\d+)*(?:\.?[a-z]\b)?"));
static RELATION: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?i:en relation avec (?:la|les) compétences?)\s+(.*)$"));
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(C\.?\s?\d+(?:\.\d+)*(?:\.?[a-z]\b)?)\s+(?:à|au)\s+(C\.?\s?\d+(?:\.\d+)*(?:\.?[a-z]\b)?)",
    )
});
static MARKER: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(\d+)\s?/\s*(.*)$"));

/// A bloc's code in the RNCP (France compétences' fiches): `RNCP38512BC01 - Titre`.
static RNCP_BLOC: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^((?i:rncp|rs)\d+(?i:bc)\d+)\s*[:\-–—.]?\s+(\S.*)$"));

/// `Bloc 1 : Titre`, `Bloc de compétences n° 2 : Titre` → (`B1`, `Titre`); `BLOC A – Titre`
/// → (`A`, `Titre`); a bloc's RNCP
/// code `RNCP38512BC01 - Titre` → (`RNCP38512BC01`, `Titre`).
pub fn bloc(text: &str) -> Option<(String, String)> {
    if let Some(c) = RNCP_BLOC.captures(text.trim()) {
        return Some((c[1].to_uppercase(), c[2].trim().to_owned()));
    }
    if let Some(c) = LETTER_BLOC.captures(text.trim()) {
        return Some((c[1].to_owned(), c[2].trim().to_owned()));
    }
    if let Some(c) = ENGLISH_BLOC.captures(text.trim()) {
        let title = c.get(2).map_or("", |m| m.as_str()).trim();
        return Some((format!("B{}", &c[1]), title.to_owned()));
    }
    let c = BLOC.captures(text.trim())?;
    let title = c[2].trim().trim_start_matches(['-', '–', '—']).trim();
    Some((format!("B{}", &c[1]), title.to_owned()))
}

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(\p{Lu}\p{L}+(?:\s+\p{Ll}+){0,3})\s+(?:n\s*°\s*)?(\d{1,2})\s*[:\-–—.]\s*(\S.*)$")
});

/// A domain lettered without number: `A. Accueil de la clientèle`, `B) Gestion`.
static LETTER_DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(\p{Lu})\s?[.)]\s*[\-–—:]?\s*(\p{Lu}.*)$"));

/// A domain heading standing for a bloc in a document without bloc headings: `A1. Titre`
/// (→ `A1`), `Domaine 2 – Titre` (→ `B2`), or a short title alone (→ `B<n>`, `n` the bloc's
/// position).
pub fn domain(text: &str, n: usize) -> Option<(String, String)> {
    let text = text.trim();
    if let Some(l) = label::label(text)
        && l.numbers.len() == 1
        && !l.rest.is_empty()
        && matches!(
            l.kind,
            Kind::Activity | Kind::Bloc | Kind::Other | Kind::Number
        )
    {
        let id = match l.kind {
            Kind::Number => format!("B{}", l.numbers[0]),
            _ => l.id,
        };
        return Some((id, l.rest));
    }
    if let Some(c) = DOMAIN.captures(text) {
        return Some((format!("B{}", &c[2]), c[3].trim().to_owned()));
    }
    if let Some(c) = LETTER_DOMAIN.captures(text) {
        return Some((c[1].to_owned(), c[2].trim().to_owned()));
    }
    let words = text.split_whitespace().count();
    let plain = label::label(text).is_none()
        && text.chars().next().is_some_and(char::is_uppercase)
        && !text.ends_with(['.', ':', ';', ','])
        && (1..=12).contains(&words);
    plain.then(|| (format!("B{n}"), text.to_owned()))
}

/// `Activité 1 : Titre` → (`A1`, `Titre`).
pub fn group(text: &str) -> Option<(String, String)> {
    let c = GROUP.captures(text.trim())?;
    Some((format!("A{}", &c[1]), c[2].trim().to_owned()))
}

/// `A1.1-Titre`, `A 2.1 – Titre`, `A.1.1 Titre`, `A5. Titre`, `AT-1 Titre` → (`A1.1`,
/// `Titre`)…
pub fn activity(text: &str) -> Option<(String, String)> {
    if let Some(c) = ACTIVITY.captures(text.trim()) {
        let number: String = c[2].chars().filter(|c| !c.is_whitespace()).collect();
        return Some((format!("A{}{number}", &c[1]), c[3].trim().to_owned()));
    }
    label::label(text)
        .filter(|l| l.kind == Kind::Activity)
        .map(|l| (l.id, l.rest))
}

/// Splits `Activité 1 : Titre A1.1 Titre` before each activity ID met inside the text.
pub fn split_activities(text: &str) -> Vec<String> {
    split_before(text, &ACTIVITY_INSIDE, 1)
}

/// `C1.1 Texte`, `C.1.1.a Texte`, `C1.5 - Texte` → (`C1.1`, `Texte`).
pub fn competence(text: &str) -> Option<(String, String)> {
    if let Some(c) = COMPETENCE.captures(text.trim()) {
        let letter = c.get(3).map_or("", |m| m.as_str());
        return Some((
            format!("C{}{}{letter}", &c[1], &c[2]),
            c[4].trim().to_owned(),
        ));
    }
    label::label(text)
        .filter(|l| l.kind == Kind::Competence)
        .map(|l| (l.id, l.rest))
}

/// A competence ID after a dash or semicolon between two items run together on one line
/// (`C1. Organiser … – C2. Appliquer …`), followed by a capitalised word.
static COMPETENCE_AFTER_DASH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"\s[–—\-;]\s+C[A-Z]?[.\-]?\d+(?:[.\-]\d+)*(?:[.\-]?[a-z])?\.?\s+\p{Lu}")
});

/// Splits a paragraph before each competence ID that starts a new sentence, or that follows
/// a dash or semicolon separating items run together (the separator is dropped).
pub fn split_competences(text: &str) -> Vec<String> {
    split_before(text, &COMPETENCE_INSIDE, 1)
        .into_iter()
        .flat_map(|piece| split_before(&piece, &COMPETENCE_AFTER_DASH, 2))
        .map(|piece| {
            piece
                .trim_start_matches(['–', '—', '-', ';', ' '])
                .trim_end_matches([';', '–', '—', ' '])
                .to_owned()
        })
        .collect()
}

/// Splits `… il est Cr 1.1.7 Les outils… CR1.1.8 …` into `(Option<id>, text)` pieces: the text
/// before the first ID (a continuation) has none.
pub fn split_criteria(text: &str) -> Vec<(Option<String>, String)> {
    let mut pieces = Vec::new();
    let mut last_end = 0;
    let mut last_id: Option<String> = None;
    for c in CRITERION.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let before = text[last_end..whole.start()].trim();
        if !before.is_empty() || last_id.is_some() {
            pieces.push((last_id.take(), before.to_owned()));
        }
        last_id = Some(format!("Cr{}", &c[1]));
        last_end = whole.end();
    }
    let rest = text[last_end..].trim();
    if !rest.is_empty() || last_id.is_some() {
        pieces.push((last_id, rest.to_owned()));
    }
    pieces
}

/// "En relation avec les compétences C.2.1a & C.2.1b" → the references and what follows them
/// (`:` and stray words dropped up to the first capitalised word).
pub fn relation(text: &str) -> Option<(Vec<String>, String)> {
    let c = RELATION.captures(text.trim())?;
    let rest = &c[1];
    let mut refs = Vec::new();
    let mut end = 0;
    for m in REFERENCE.find_iter(rest) {
        // Only the list right after the words: `C.2.1a, C.2.1b & C.2.1c`.
        let between = rest[end..m.start()].trim();
        if !refs.is_empty() && !matches!(between, "," | "&" | "et" | "/" | "-") {
            break;
        }
        if refs.is_empty() && !between.is_empty() {
            break;
        }
        refs.push(strip_spaces(m.as_str()));
        end = m.end();
    }
    if refs.is_empty() {
        return None;
    }
    let tail = rest[end..].trim();
    // `C.3.1.4 commercial :` — a stray word before the colon is not a title.
    let tail = match tail.find(|c: char| c.is_uppercase()) {
        Some(i) => tail[i..].trim(),
        None => "",
    };
    Some((refs, tail.to_owned()))
}

/// The text after the colon of an "En relation avec …" paragraph, when the criterion is
/// written on the same line: `… C2.1 & C2.2 : le candidat adopte …` → `le candidat adopte …`.
pub fn relation_inline(text: &str) -> Option<String> {
    let c = RELATION.captures(text.trim())?;
    let after = c[1].split_once(':')?.1.trim();
    (!after.is_empty()).then(|| after.to_owned())
}

/// "compétences C1.1 à C1.3" anywhere in `text` → (`C1.1`, `C1.3`).
pub fn range(text: &str) -> Option<(String, String)> {
    let c = RANGE.captures(text)?;
    Some((strip_spaces(&c[1]), strip_spaces(&c[2])))
}

/// `1/`, `2/ En relation…` (numbered parts of an exam) → (1, rest).
pub fn marker(text: &str) -> Option<(u32, String)> {
    let c = MARKER.captures(text.trim())?;
    Some((c[1].parse().ok()?, c[2].trim().to_owned()))
}

pub use super::label::numbers;

/// Whether competence `id` is what reference `r` names: itself, or one of its lettered
/// parts (`C.1.1` names `C.1.1.a`; `C.2.3` names `C.2.3b`).
/// Separators do not matter: `C1.7` names `C.1.7`.
pub fn names(r: &str, id: &str) -> bool {
    if id == r {
        return true;
    }
    let (rp, rn, rl) = label::canonical(r);
    let (ip, in_, il) = label::canonical(id);
    rp == ip && rn == in_ && (rl == il || (rl.is_empty() && il.len() == 1))
}

fn strip_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn split_before(text: &str, re: &Regex, skip: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for m in re.find_iter(text) {
        // The match starts with the punctuation or space before the ID.
        let cut = m.start() + skip.min(m.as_str().len());
        let cut = if text.is_char_boundary(cut) {
            cut
        } else {
            m.start()
        };
        let piece = text[start..cut].trim();
        if !piece.is_empty() {
            pieces.push(piece.to_owned());
        }
        start = cut;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        pieces.push(rest.to_owned());
    }
    pieces
}

/// The competences named by references, in document order.
pub fn expand(refs: &[String], competence_ids: &[String], review: &mut Vec<String>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for r in refs {
        let mut hits: Vec<usize> = (0..competence_ids.len())
            .filter(|&k| names(r, &competence_ids[k]))
            .collect();
        if hits.is_empty() {
            // `C.4.4a` where the table wrote `C.4.4`.
            let base = r.trim_end_matches(|c: char| c.is_ascii_lowercase());
            let base = base.trim_end_matches('.');
            if base != r {
                hits = (0..competence_ids.len())
                    .filter(|&k| competence_ids[k] == base)
                    .collect();
                if !hits.is_empty() {
                    review.push(format!("`{r}` read as `{base}` (no competence `{r}`)"));
                }
            }
        }
        if hits.is_empty() {
            review.push(format!("`{r}` names no competence of the bloc"));
        }
        for k in hits {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_owned(), b.to_owned()))
    }

    #[test]
    fn activity_styles() {
        assert_eq!(
            activity("A1.1-Préparation des outils"),
            pair("A1.1", "Préparation des outils")
        );
        assert_eq!(activity("A 2.1- Pilotage"), pair("A2.1", "Pilotage"));
        assert_eq!(
            activity("A 1.3 –Mettre en place"),
            pair("A1.3", "Mettre en place")
        );
        assert_eq!(
            activity("A.1.1 Analyse du marché"),
            pair("A.1.1", "Analyse du marché")
        );
        assert_eq!(activity("A.1 Elaboration"), pair("A.1", "Elaboration"));
        assert_eq!(
            activity("A5. Evaluation des résultats"),
            pair("A5", "Evaluation des résultats")
        );
        assert_eq!(activity("Activité 1 : Elaboration"), None);
        assert_eq!(activity("Au regard de"), None);
        assert_eq!(group("Activité 2 : Déclinaison"), pair("A2", "Déclinaison"));
        assert_eq!(group("Activité 1.1 : Coupe"), None);
        assert_eq!(
            split_activities("Activité 1 : Elaboration d'un plan A1.1 Etude du marché"),
            ["Activité 1 : Elaboration d'un plan", "A1.1 Etude du marché"]
        );
    }

    #[test]
    fn competence_styles() {
        assert_eq!(
            competence("C1.1 Préparer les outils"),
            pair("C1.1", "Préparer les outils")
        );
        assert_eq!(competence("C1.5 - Présenter"), pair("C1.5", "Présenter"));
        // An em dash, as a hand or a Markdown editor types it, separates as the en dash does.
        assert_eq!(
            competence("C1 — Analyser l’ordre"),
            pair("C1", "Analyser l’ordre")
        );
        assert_eq!(activity("A2 — Animer"), pair("A2", "Animer"));
        assert_eq!(
            split_competences("C1. Organiser son chantier — C2. Appliquer un protocole"),
            ["C1. Organiser son chantier", "C2. Appliquer un protocole"]
        );
        assert_eq!(competence("C.1.1.a Exercer"), pair("C.1.1.a", "Exercer"));
        assert_eq!(
            competence("C.1.2a Identifier"),
            pair("C.1.2a", "Identifier")
        );
        assert_eq!(
            competence("C.3.1.1a Analyser"),
            pair("C.3.1.1a", "Analyser")
        );
        assert_eq!(competence("C.1.4 Présenter"), pair("C.1.4", "Présenter"));
        assert_eq!(competence("Cette épreuve"), None);
        assert_eq!(competence("CRM et outils"), None);
        assert_eq!(
            split_competences("C1. Organiser son chantier – C2. Appliquer un protocole"),
            ["C1. Organiser son chantier", "C2. Appliquer un protocole"]
        );
        assert_eq!(
            split_competences("CP3 Mener un entretien ; CP4 Consolider la vente"),
            ["CP3 Mener un entretien", "CP4 Consolider la vente"]
        );
        assert_eq!(
            split_competences("C1 Vendre des produits - C2 en ligne"),
            ["C1 Vendre des produits - C2 en ligne"]
        );
        assert_eq!(
            split_competences("C.1.1.a Exercer une veille. C.1.1.b Analyser (préférences,"),
            [
                "C.1.1.a Exercer une veille.",
                "C.1.1.b Analyser (préférences,"
            ]
        );
    }

    #[test]
    fn criterion_styles() {
        assert_eq!(
            split_criteria("il est justifié Cr 1.1.7 les outils ----- CR1.2.5 Les leviers"),
            vec![
                (None, "il est justifié".to_owned()),
                (Some("Cr1.1.7".to_owned()), "les outils -----".to_owned()),
                (Some("Cr1.2.5".to_owned()), "Les leviers".to_owned()),
            ]
        );
        assert_eq!(
            split_criteria("Cr1.1.5 La stratégie"),
            vec![(Some("Cr1.1.5".to_owned()), "La stratégie".to_owned())]
        );
        assert_eq!(
            split_criteria("Les objectifs"),
            vec![(None, "Les objectifs".to_owned())]
        );
    }

    #[test]
    fn bloc_headings() {
        assert_eq!(
            bloc("Bloc 1 : Mise en place de la politique"),
            pair("B1", "Mise en place de la politique")
        );
        assert_eq!(
            bloc("Bloc 3 : - Développer le potentiel"),
            pair("B3", "Développer le potentiel")
        );
        assert_eq!(
            bloc("Bloc de compétences n° 2 : Elaboration"),
            pair("B2", "Elaboration")
        );
        assert_eq!(
            bloc("Unit 1 – Plan the works"),
            pair("B1", "Plan the works")
        );
        assert_eq!(bloc("Module 2: Lead a team"), pair("B2", "Lead a team"));
        assert_eq!(bloc("Block 3"), pair("B3", ""));
        assert_eq!(bloc("Skills block 4. Report"), pair("B4", "Report"));
        assert_eq!(bloc("Units 4 and 5 are optional"), None);
        assert_eq!(bloc("Blocage"), None);
        assert_eq!(bloc("BLOCAGE : x"), None);
        assert_eq!(
            bloc("BLOC A – Protéger le système"),
            pair("A", "Protéger le système")
        );
        assert_eq!(
            bloc("BLOC DE COMPÉTENCES N°1 – Entretenir un espace vert"),
            pair("B1", "Entretenir un espace vert")
        );
        assert_eq!(
            domain("A. Accueil de la clientèle", 1),
            pair("A", "Accueil de la clientèle")
        );
        assert_eq!(domain("Pôle 2 – Vente", 1), pair("B2", "Vente"));
        // A titre professionnel's CCP named in full.
        assert_eq!(
            domain(
                "Certificat de compétences professionnelles n° 1 : Assurer la paie",
                1
            ),
            pair("B1", "Assurer la paie")
        );
        assert_eq!(
            domain("Activité type 1 : Réaliser des relevés", 1),
            pair("B1", "Réaliser des relevés")
        );
    }

    #[test]
    fn references_to_competences() {
        let refs = relation;
        assert_eq!(
            refs("En relation avec les compétences C.3.2.2 & C.3.2.3"),
            Some((vec!["C.3.2.2".into(), "C.3.2.3".into()], String::new()))
        );
        assert_eq!(
            refs("En relation avec les compétences C.2.3a, C.2.3b & C.2.3c"),
            Some((
                vec!["C.2.3a".into(), "C.2.3b".into(), "C.2.3c".into()],
                String::new()
            ))
        );
        assert_eq!(
            refs("En relation avec la compétence C.3.1.4 commercial :"),
            Some((vec!["C.3.1.4".into()], String::new()))
        );
        assert_eq!(
            refs("En relation avec la compétence C.2.4 Une analyse des résultats"),
            Some((vec!["C.2.4".into()], "Une analyse des résultats".into()))
        );
        assert_eq!(
            range("Epreuve pour évaluation des compétences C1.1 à C1.3"),
            pair("C1.1", "C1.3")
        );
        assert_eq!(marker("2/ En relation"), Some((2, "En relation".into())));
        assert!(names("C.1.1", "C.1.1.a") && names("C.2.3", "C.2.3b") && names("C1.1", "C1.1"));
        assert!(!names("C1.1", "C1.12") && !names("C.1.1", "C.1.1.a.b"));
        assert_eq!(numbers("C.3.1.1a"), [3, 1, 1]);
    }
}
