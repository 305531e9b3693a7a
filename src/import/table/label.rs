//! The general grammar of the IDs certifiers print at the start of an item: prefix letters
//! (`C`, `CP`, `Cr`, `AT`, none), a separator (`.`, `-`, a space), numbers separated by `.`
//! or `-`, a letter as the last level (`C.1.1.a`, `C1.2a`, `C1-2-b`), a trailing dot
//! (`C.1.1.`, `1.1.`), then the text. What an ID names comes from its prefix when it says
//! (`C…` a competence, `A…` an activity, `Cr…` a criterion), otherwise from the column it is
//! in ([`Kind::Number`], [`Kind::Other`]). The author can add a pattern per kind
//! (`--id-pattern competence=REGEX`), tried before the grammar.

use std::sync::LazyLock;

use regex::Regex;

/// A constant pattern: compiling it cannot fail on any input.
pub fn pattern(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| unreachable!("invalid built-in pattern {p}: {e}"))
}

/// The numbers of an ID (`C.3.1.1a` → [3, 1, 1]), to compare positions and to pair
/// `Cr1.2.3` with `C1.2`.
pub fn numbers(id: &str) -> Vec<u32> {
    id.split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// What an ID's prefix says it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Activity,
    Competence,
    Criterion,
    Bloc,
    Exam,
    /// Numbers only (`1.1.`): a sub-domain in the activities column, a criterion in the
    /// criteria column.
    Number,
    /// Another prefix (`RC1`, `D2`): the column decides.
    Other,
}

/// An ID at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub kind: Kind,
    /// As the document writes it, without spaces or trailing dot (`CP 1` → `CP1`,
    /// `C.1.1.` → `C.1.1`, `CR1.2` → `Cr1.2`).
    pub id: String,
    /// Its numbers (`C.3.1.1a` → [3, 1, 1]).
    pub numbers: Vec<u32>,
    /// The text after it.
    pub rest: String,
}

/// Prefix, separator, numbers, last-level letter, trailing dot, then the text.
const GRAMMAR: &str = r"(?P<prefix>Comp|Crit|Cr|[A-Z]{1,4})?(?P<psep>[.\-]|\s)?(?P<num>\d{1,3}(?:[.\-]\d{1,3})*)(?P<letter>[.\-]?[a-z])?(?P<dot>[.)])?(?:\s*[\-–—:]\s+|\s+|$)(?P<rest>(?s:.*))$";

static LABEL: LazyLock<Regex> = LazyLock::new(|| pattern(&format!("^(?P<outer>){GRAMMAR}")));
/// `BC01-C1`, `BC1.C1`, `B1C1`: a bloc's code, then the item's own ID (tried when the plain
/// grammar fails).
static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        "^(?P<outer>[A-Z]{{1,4}}\\d{{1,3}}[.\\-]?){GRAMMAR}"
    ))
});

/// Patterns the author gave (`--id-pattern`), per kind, tried first. Each must match at
/// the start of the text; its first group (or the whole match) is the ID.
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    pub rules: Vec<(Kind, Regex)>,
}

impl Patterns {
    /// `competence=REGEX`, `activity=…`, `criterion=…`, `bloc=…`.
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let (kind, re) = spec
            .split_once('=')
            .ok_or_else(|| format!("`{spec}`: write KIND=REGEX, e.g. competence=^RC\\d+"))?;
        let kind = match kind.trim() {
            "activity" | "activite" | "activité" => Kind::Activity,
            "competence" | "compétence" => Kind::Competence,
            "criterion" | "critere" | "critère" => Kind::Criterion,
            "bloc" => Kind::Bloc,
            other => {
                return Err(format!(
                    "`{other}`: the kinds are activity, competence, criterion, bloc"
                ));
            }
        };
        let re = if re.starts_with('^') {
            re.to_owned()
        } else {
            format!("^(?:{re})")
        };
        let re = Regex::new(&re).map_err(|e| format!("`{spec}`: {e}"))?;
        self.rules.push((kind, re));
        Ok(())
    }

    /// The author's label for `text`, if one of their patterns matches.
    pub fn label(&self, text: &str) -> Option<Label> {
        let text = text.trim();
        self.rules.iter().find_map(|(kind, re)| {
            let c = re.captures(text)?;
            let whole = c.get(0)?;
            let id = c.get(1).unwrap_or(whole).as_str();
            let id: String = id
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .trim_end_matches(['.', ')'])
                .to_owned();
            let rest = text[whole.end()..]
                .trim_start_matches([' ', '-', '–', '—', ':', '.'])
                .trim()
                .to_owned();
            (!id.is_empty()).then(|| Label {
                kind: kind.clone(),
                numbers: numbers(&id),
                id,
                rest,
            })
        })
    }
}

/// The ID at the start of `text`, by the general grammar.
/// `Compétence 1.1 : …`, `Activité 2.3 – …`, `Critère 1.1.2 : …`: the kind in full, then
/// numbers (a single `Activité 1` is a group, read elsewhere).
static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?i:(?P<word>compétence|competence|activité|activite|critère|critere))\s+(?:n\s*°\s*)?(?P<num>\d{1,3}(?:[.\-]\d{1,3})+|\d{1,3})(?P<letter>[.\-]?[a-z])?\.?(?:\s*[\-–—:.]\s*|\s+)(?P<rest>(?s:.+))$",
    )
});

fn worded(text: &str) -> Option<Label> {
    let c = WORDED.captures(text)?;
    let word = deunicode::deunicode(&c["word"]).to_lowercase();
    let num = &c["num"];
    let (kind, prefix) = match word.as_str() {
        "competence" => (Kind::Competence, "C"),
        "critere" => (Kind::Criterion, "Cr"),
        // `Activité 1` alone is a group (`ids::group`).
        _ if !num.contains(['.', '-']) => return None,
        _ => (Kind::Activity, "A"),
    };
    let letter = c.name("letter").map_or("", |m| m.as_str());
    Some(Label {
        kind,
        id: format!("{prefix}{num}{letter}"),
        numbers: numbers(num),
        rest: c["rest"].trim().to_owned(),
    })
}

pub fn label(text: &str) -> Option<Label> {
    let text = text.trim();
    if let Some(l) = worded(text) {
        return Some(l);
    }
    let c = LABEL.captures(text).or_else(|| COMPOUND.captures(text))?;
    // `BC01-C1`: the bloc's code before the competence's own ID.
    let outer = c.name("outer").map_or("", |m| m.as_str());
    let prefix = c.name("prefix").map_or("", |m| m.as_str());
    if !outer.is_empty() && prefix.is_empty() {
        return None;
    }
    let psep = c.name("psep").map_or("", |m| m.as_str());
    let num = &c["num"];
    let letter = c.name("letter").map_or("", |m| m.as_str());
    let dot = c.name("dot").map_or("", |m| m.as_str());
    let levels = num.split(['.', '-']).count();
    if prefix.is_empty() {
        // Bare numbers: `1.1.`, `1.2.3`, `2)` — not `30 minutes`, `8h`, `2/`.
        if !psep.is_empty()
            || (levels < 2 && dot.is_empty())
            || (!letter.is_empty() && !letter.starts_with(['.', '-']))
        {
            return None;
        }
    }
    let lower = prefix.to_lowercase();
    let kind = if prefix.is_empty() {
        Kind::Number
    } else if let Some(kind) = unit_word(&lower) {
        kind
    } else if lower.starts_with("cr") {
        Kind::Criterion
    } else if lower.starts_with("comp") || lower.starts_with('c') || lower.starts_with('k') {
        Kind::Competence
    } else if lower.starts_with('a') {
        Kind::Activity
    } else if (lower == "b" || lower == "bc") && levels > 1 {
        // `BC01.1`: the first item of bloc `BC01`, a CQP's competence.
        Kind::Competence
    } else if lower == "b" || lower == "bc" {
        Kind::Bloc
    } else if lower.starts_with('e') {
        Kind::Exam
    } else {
        Kind::Other
    };
    let prefix = if kind == Kind::Criterion && prefix == "CR" {
        "Cr"
    } else {
        prefix
    };
    let psep = if psep.trim().is_empty() { "" } else { psep };
    let id = format!("{outer}{prefix}{psep}{num}{letter}");
    Some(Label {
        kind,
        numbers: numbers(num),
        id,
        rest: c["rest"].trim().to_owned(),
    })
}

/// The words of certification families that name their units otherwise, as IDs' prefixes:
/// a titre professionnel's `CCP` (certificat de compétences professionnelles) and a
/// BPJEPS/DEJEPS or CQP's `UC` (unité capitalisable) are its blocs; a BPJEPS's `OI`
/// (objectif intermédiaire) under a unit is a competence, its `OTS`/`OT` (objectif
/// terminal spécifique) the criteria it is assessed by. Without this `CCP 1` would read
/// as a competence (a `C…` prefix) and `OI 1.1` as an ID the column decides.
fn unit_word(lower: &str) -> Option<Kind> {
    match lower {
        "ccp" | "uc" => Some(Kind::Bloc),
        // An English qualification's learning outcome (`LO1.2`) is a competence.
        "oi" | "lo" => Some(Kind::Competence),
        "ots" | "ot" => Some(Kind::Criterion),
        _ => None,
    }
}

/// A list's number or mark and nothing else (`1.`, `2)`, `1.1`, `a)`, `(b)`, `•`): what
/// the first cell of a nested table's row holds when that cell numbers the row.
static MARKER_ONLY: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z])[.)]?|[\-–•●▪*→])$"));

pub fn marker_only(text: &str) -> bool {
    MARKER_ONLY.is_match(text.trim())
}

/// The comparable form of an ID: prefix in lowercase, numbers, and a last-level letter
/// (`C.1.7` and `C1.7` are the same competence; `C.2.3b` is `C.2.3` with letter `b`).
pub fn canonical(id: &str) -> (String, Vec<u32>, String) {
    let prefix: String = id
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let numbers = numbers(id);
    let after = id
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(id.len(), |i| i + 1);
    let letters: String = id[after..]
        .chars()
        .filter(|c| !matches!(c, '.' | '-'))
        .collect();
    (prefix, numbers, letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(text: &str) -> Option<(Kind, String, String)> {
        label(text).map(|l| (l.kind, l.id, l.rest))
    }

    fn some(kind: Kind, id: &str, rest: &str) -> Option<(Kind, String, String)> {
        Some((kind, id.into(), rest.into()))
    }

    #[test]
    fn the_grammar() {
        use Kind::*;
        assert_eq!(l("C1 Accueillir"), some(Competence, "C1", "Accueillir"));
        assert_eq!(
            l("C.1.1. Contrôler"),
            some(Competence, "C.1.1", "Contrôler")
        );
        assert_eq!(l("C1.8 - Suivre"), some(Competence, "C1.8", "Suivre"));
        assert_eq!(l("CP 1 Établir"), some(Competence, "CP1", "Établir"));
        assert_eq!(
            l("C1-2-a Installer"),
            some(Competence, "C1-2-a", "Installer")
        );
        assert_eq!(
            l("C.2.1.a Préparer"),
            some(Competence, "C.2.1.a", "Préparer")
        );
        assert_eq!(
            l("C.3.1.1a Analyser"),
            some(Competence, "C.3.1.1a", "Analyser")
        );
        assert_eq!(l("AT-1 Gestion"), some(Activity, "AT-1", "Gestion"));
        assert_eq!(l("A1. Accueil"), some(Activity, "A1", "Accueil"));
        assert_eq!(l("CR1.2.5 Les"), some(Criterion, "Cr1.2.5", "Les"));
        assert_eq!(
            l("1.1. Accueil des publics"),
            some(Number, "1.1", "Accueil des publics")
        );
        assert_eq!(
            l("1.2.1 L'installation"),
            some(Number, "1.2.1", "L'installation")
        );
        assert_eq!(l("2) Suite"), some(Number, "2", "Suite"));
        assert_eq!(l("RC4 Texte"), some(Other, "RC4", "Texte"));
        assert_eq!(
            l("BC01-C2 Réaliser"),
            some(Competence, "BC01-C2", "Réaliser")
        );
        assert_eq!(
            l("Compétence 1.2 : Appliquer"),
            some(Competence, "C1.2", "Appliquer")
        );
        assert_eq!(l("Activité 1.1 : Coupe"), some(Activity, "A1.1", "Coupe"));
        assert_eq!(l("Compétences attestées"), None);
        assert_eq!(
            l("Critère 1.1.2 : Les cotes"),
            some(Criterion, "Cr1.1.2", "Les cotes")
        );
        assert_eq!(l("Activité 1 : Elaboration"), None);
        assert_eq!(l("BC02 – Développer"), some(Bloc, "BC02", "Développer"));
        assert_eq!(
            l("BC02.3 Remettre en service"),
            some(Competence, "BC02.3", "Remettre en service")
        );
        for no in [
            "30 minutes",
            "8h - Epreuve",
            "2/ En relation",
            "CRM et outils",
            "Le candidat",
            "E-commerce",
            "B2B",
            "CSP des cibles",
            "1 seul",
        ] {
            assert_eq!(l(no), None, "{no}");
        }
    }

    /// The unit words of certification families: CCP and UC blocs, a BPJEPS's OI
    /// competences and OTS criteria; other short prefixes keep their reading.
    #[test]
    fn unit_words_name_their_kind() {
        use Kind::*;
        assert_eq!(l("CCP 1 – Accueillir"), some(Bloc, "CCP1", "Accueillir"));
        assert_eq!(
            l("UC2 – EC de conduire"),
            some(Bloc, "UC2", "EC de conduire")
        );
        assert_eq!(
            l("OI 1.2 EC de communiquer"),
            some(Competence, "OI1.2", "EC de communiquer")
        );
        assert_eq!(
            l("LO1.2 Be able to brief a team"),
            some(Competence, "LO1.2", "Be able to brief a team")
        );
        assert_eq!(
            l("OTS 1.2.1 Identifier"),
            some(Criterion, "OTS1.2.1", "Identifier")
        );
        assert_eq!(l("CP 1 Établir"), some(Competence, "CP1", "Établir"));
        assert_eq!(l("CCA 1 Gérer"), some(Competence, "CCA1", "Gérer"));
        assert_eq!(l("OC 3 Texte"), some(Other, "OC3", "Texte"));
    }

    #[test]
    fn list_markers_alone() {
        for yes in ["1.", "12", "2)", "1.1", "a)", "(b)", "•", " c. "] {
            assert!(marker_only(yes), "{yes}");
        }
        for no in ["C1", "1. Texte", "ab)", "Les", "", "1/"] {
            assert!(!marker_only(no), "{no}");
        }
    }

    #[test]
    fn canonical_forms_compare_styles() {
        assert_eq!(canonical("C.1.7"), canonical("C1.7"));
        assert_eq!(canonical("C.2.3b"), ("c".into(), vec![2, 3], "b".into()));
        assert_eq!(canonical("C1-2-a"), ("c".into(), vec![1, 2], "a".into()));
        let mut p = Patterns::default();
        p.add("competence=RC\\s?\\d+").unwrap();
        let got = p.label("RC 12 - Faire").unwrap();
        assert_eq!(
            (got.kind, got.id.as_str(), got.rest.as_str()),
            (Kind::Competence, "RC12", "Faire")
        );
        assert!(p.add("truc=x").is_err() && p.add("competence=(").is_err());
    }
}
