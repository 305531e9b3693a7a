//! Competence-list heuristics: a bloc's `LISTE_COMPETENCES` is free text, so it is cut into
//! competences by what marks the items — the source's own labels (`C1.1`, `A1C2.`,
//! `C.1.1.a`), bullets (`-`, `*`, `o`, `•`, `–`…), numbers (`1.`, `1)`), or else one
//! competence per line. Lines starting in lowercase continue the previous one (hard-wrapped
//! text); a different bullet under an item is a sub-item; an intro such as
//! "Compétences :" is dropped. Whatever is a guess is said on the item.

use std::sync::LazyLock;

use regex::Regex;

/// A label the source gives its competences: `C1`, `C1.1`, `C.1.1.a`, `C.1.2a`, `A1C2`,
/// `A5.C1`, `BC01`.
const LABEL: &str = r"[A-Z]{1,3}\.?[0-9]{1,2}(?:\.?[A-Z]{0,2}[0-9]{1,2})*(?:\.?[a-z])?";
/// What may follow a label or a number before the text.
const SEP: &str = r"(?:\s*[.:)–—-]\s*|\s+)";

static LABELLED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({LABEL}){SEP}(\p{{L}}.*)$")).unwrap());
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:([-•–—▪►●◦·‣➢➤→✓])\s*|([*o])\s+)(\S.*)$").unwrap());
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(?[0-9]{1,2}(?:\.[0-9]{1,2})*\s*[.)°/-]?|[a-z]\))\s+(\p{L}.*)$").unwrap()
});
/// Where an item starts inside a line: after two spaces or a sentence's end, a label, a
/// bullet or a number followed by a capital (the export sometimes flattens line breaks).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(\s{{2,}}|[.;:]\s+)(?:{LABEL}{SEP}\p{{Lu}}|[-–•*▪]\s*\p{{Lu}}|[0-9]{{1,2}}[.)]\s+\p{{Lu}})"
    ))
    .unwrap()
});
/// A dash between two sentences of one line: " - Concevoir".
static INLINE_DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s[-–]\s+\p{Lu}").unwrap());
/// An intro saying what follows, with nothing of its own.
static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:les\s+|des\s+)?(?:comp[ée]tences|capacit[ée]s|savoir-faire)\b.{0,60}|(?:le|la|l['’])\s*(?:candidate?|titulaire|stagiaire|apprenant|professionnel|certifi[ée]e?)\b.{0,80}|(?:(?:il|elle)\s+(?:est|doit\s+être|sera)\s+)?(?:être\s+)?capable\s+de|(?:il|elle)\s+(?:sait|doit|peut).{0,40})\s*:$",
    )
    .unwrap()
});

/// A competence list, cut.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Split {
    pub items: Vec<Item>,
    /// Text before the first item that says something (not a generic intro): for the bloc
    /// summary.
    pub lead: Option<String>,
    /// A generic intro line that was dropped.
    pub intro: Option<String>,
    pub style: Style,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Item {
    /// The source's own label (`C1.1`), when it has one.
    pub label: Option<String>,
    pub text: String,
    /// Why this item is a guess, if it is.
    pub guess: Option<&'static str>,
}

/// What marks the items of a list.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Labels,
    Bullets(char),
    Numbered,
    Lines,
    #[default]
    Empty,
}

impl Style {
    /// For review notes.
    pub fn describe(self) -> String {
        match self {
            Style::Labels => "numéros de la source".into(),
            Style::Bullets(c) => format!("puces « {c} »"),
            Style::Numbered => "liste numérotée".into(),
            Style::Lines => "une compétence par ligne".into(),
            Style::Empty => "liste vide".into(),
        }
    }
}

pub const UNMARKED: &str =
    "ligne sans puce ni numéro, commençant par un verbe à l'infinitif : prise pour une compétence";
pub const NOT_A_VERB: &str =
    "ligne prise pour une compétence, mais elle ne commence pas par un verbe à l'infinitif";

#[derive(Debug, Clone, PartialEq)]
enum Marker {
    Label(String),
    Bullet(char),
    Number,
    None,
}

#[derive(Debug)]
struct Line {
    marker: Marker,
    body: String,
    whole: String,
}

/// Cuts `text` (cleaned: one item or piece of item per line) into competences.
pub fn split(text: &str) -> Split {
    let lines: Vec<Line> = break_inline(text).iter().map(|l| classify(l)).collect();
    let style = if lines.iter().any(|l| matches!(l.marker, Marker::Label(_))) {
        Style::Labels
    } else if let Some(c) = lines.iter().find_map(|l| match l.marker {
        Marker::Bullet(c) => Some(c),
        _ => None,
    }) {
        Style::Bullets(c)
    } else if lines.iter().filter(|l| l.marker == Marker::Number).count() >= 2 {
        Style::Numbered
    } else if lines.is_empty() {
        Style::Empty
    } else {
        Style::Lines
    };
    let starts_item = |m: &Marker| match (style, m) {
        (Style::Labels, Marker::Label(_)) | (Style::Numbered, Marker::Number) => true,
        (Style::Bullets(c), Marker::Bullet(d)) => c == *d,
        (Style::Lines, Marker::None | Marker::Number) => true,
        _ => false,
    };
    let new_item = |line: Line| Item {
        guess: (style == Style::Lines && !starts_with_infinitive(&line.body)).then_some(NOT_A_VERB),
        label: match line.marker {
            Marker::Label(l) => Some(l),
            _ => None,
        },
        text: line.body,
    };

    let mut lead: Vec<String> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for line in lines {
        let continues = continues(&line.body);
        let opens = starts_item(&line.marker);
        let Some(current) = items.last_mut() else {
            // Before the first item: an intro or a lead (a line ending with `:` in a
            // one-per-line list too), its lines joined when they continue one another.
            if !opens || (style == Style::Lines && line.body.ends_with(':')) {
                match lead.last_mut() {
                    Some(last) if continues => {
                        last.push(' ');
                        last.push_str(&line.whole);
                    }
                    _ => lead.push(line.whole),
                }
            } else {
                items.push(new_item(line));
            }
            continue;
        };
        if opens && !(style == Style::Lines && continues) {
            items.push(new_item(line));
            continue;
        }
        match line.marker {
            Marker::None if !continues && starts_with_infinitive(&line.body) => items.push(Item {
                label: None,
                text: line.body,
                guess: Some(UNMARKED),
            }),
            Marker::None => {
                current.text.push(' ');
                current.text.push_str(&line.body);
            }
            // Another kind of marker under an item: a sub-item of it.
            _ => {
                current.text.push_str("\n- ");
                current.text.push_str(&line.body);
            }
        }
    }

    let mut split = Split {
        style,
        ..Split::default()
    };
    let mut kept = Vec::new();
    let mut unmarked_first = Vec::new();
    for l in lead {
        if split.intro.is_none() && INTRO.is_match(&l) {
            split.intro = Some(l);
        } else if !l.ends_with(':') && starts_with_infinitive(&l) && kept.is_empty() {
            // The first item without its bullet.
            unmarked_first.push(Item {
                label: None,
                text: l,
                guess: Some(UNMARKED),
            });
        } else {
            kept.push(l);
        }
    }
    if !kept.is_empty() {
        split.lead = Some(kept.join("\n"));
    }
    unmarked_first.extend(items);
    split.items = unmarked_first
        .into_iter()
        .filter_map(|mut i| {
            i.text = i
                .text
                .trim()
                .trim_end_matches([';', ','])
                .trim_end()
                .to_owned();
            (!i.text.is_empty()).then_some(i)
        })
        .collect();
    if split.items.is_empty() {
        split.style = Style::Empty;
    }
    split
}

/// The lines of `text`, with the items the export ran together on one line put on lines
/// of their own.
fn break_inline(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut cuts = Vec::new();
        for c in INLINE.captures_iter(line) {
            if let Some(gap) = c.get(1) {
                cuts.push(gap.end());
            }
        }
        // Dashes between sentences, only when a line has several (a lone one is a dash).
        let dashes: Vec<usize> = INLINE_DASH.find_iter(line).map(|m| m.start() + 1).collect();
        if dashes.len() >= 2 {
            cuts.extend(dashes);
        }
        for (i, c) in line.char_indices() {
            if c == '•' && i > 0 {
                cuts.push(i);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut start = 0;
        for cut in cuts {
            if let Some(piece) = line.get(start..cut) {
                push_trimmed(&mut out, piece);
            }
            start = cut;
        }
        push_trimmed(&mut out, line.get(start..).unwrap_or_default());
    }
    out
}

fn push_trimmed(out: &mut Vec<String>, piece: &str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        out.push(piece.to_owned());
    }
}

fn classify(line: &str) -> Line {
    let whole = line.to_owned();
    let (marker, body) = if let Some(c) = BULLET.captures(line) {
        let mark = c
            .get(1)
            .or(c.get(2))
            .and_then(|m| m.as_str().chars().next())
            .unwrap_or('-');
        (Marker::Bullet(mark), c.get(3).map_or("", |m| m.as_str()))
    } else if let Some(c) = NUMBERED.captures(line) {
        (Marker::Number, c.get(1).map_or("", |m| m.as_str()))
    } else {
        (Marker::None, line)
    };
    // A label wins over the bullet or number before it: "- C1.1 Analyser".
    if let Some(c) = LABELLED.captures(body)
        && let (Some(label), Some(rest)) = (c.get(1), c.get(2))
    {
        return Line {
            marker: Marker::Label(label.as_str().to_owned()),
            body: rest.as_str().to_owned(),
            whole,
        };
    }
    Line {
        marker,
        body: body.to_owned(),
        whole,
    }
}

/// A line that goes on with the previous sentence: it starts in lowercase, with a digit or
/// with punctuation.
fn continues(body: &str) -> bool {
    body.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || ",;:)…".contains(c))
}

/// Words ending like an infinitive that start sentences without being verbs.
const NOT_VERBS: &[&str] = &[
    "entre",
    "contre",
    "notre",
    "votre",
    "autre",
    "outre",
    "premier",
    "dernier",
    "dossier",
    "métier",
    "chantier",
    "fichier",
    "cahier",
    "particulier",
    "cadre",
    "titre",
    "centre",
    "ordre",
    "nombre",
    "membre",
    "chiffre",
    "registre",
    "leur",
    "pour",
    "sur",
];

/// Whether `text` starts with a French infinitive: "Analyser", "Être", "S'assurer",
/// "Se positionner".
pub fn starts_with_infinitive(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(mut word) = words.next() else {
        return false;
    };
    if word.eq_ignore_ascii_case("se") {
        match words.next() {
            Some(w) => word = w,
            None => return false,
        }
    }
    let word = word.rsplit(['\'', '’']).next().unwrap_or(word);
    let word: String = word
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .flat_map(char::to_lowercase)
        .collect();
    word.chars().count() >= 4
        && !NOT_VERBS.contains(&word.as_str())
        && ["er", "ir", "re", "oir"].iter().any(|e| word.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &Split) -> Vec<&str> {
        s.items.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn bullets_with_an_intro_and_wrapped_lines() {
        let s = split(
            "Le candidat est capable de :\n- Analyser le marché\net la concurrence ;\n- Concevoir une offre\no chiffrée\no argumentée\n- Négocier",
        );
        assert_eq!(s.style, Style::Bullets('-'));
        assert_eq!(s.intro.as_deref(), Some("Le candidat est capable de :"));
        assert_eq!(
            texts(&s),
            [
                "Analyser le marché et la concurrence",
                "Concevoir une offre\n- chiffrée\n- argumentée",
                "Négocier"
            ]
        );
        assert!(
            s.items
                .iter()
                .all(|i| i.guess.is_none() && i.label.is_none())
        );
    }

    #[test]
    fn labels_run_together_on_one_line() {
        let s = split(
            "A1C1. Evaluer les contextes        A1C2.Apprécier les incidences (voir A1C1)    A5.C3 - Préconiser un plan",
        );
        assert_eq!(s.style, Style::Labels);
        let labels: Vec<_> = s.items.iter().map(|i| i.label.as_deref()).collect();
        assert_eq!(labels, [Some("A1C1"), Some("A1C2"), Some("A5.C3")]);
        assert_eq!(
            texts(&s),
            [
                "Evaluer les contextes",
                "Apprécier les incidences (voir A1C1)",
                "Préconiser un plan"
            ]
        );
    }

    #[test]
    fn plain_lines_with_a_guess() {
        let s = split(
            "Compétences :\nAnalyser le marché\nde l'entreprise\nLa veille concurrentielle\nS'assurer de la qualité",
        );
        assert_eq!(s.style, Style::Lines);
        assert_eq!(s.intro.as_deref(), Some("Compétences :"));
        assert_eq!(
            texts(&s),
            [
                "Analyser le marché de l'entreprise",
                "La veille concurrentielle",
                "S'assurer de la qualité"
            ]
        );
        let guesses: Vec<_> = s.items.iter().map(|i| i.guess).collect();
        assert_eq!(guesses, [None, Some(NOT_A_VERB), None]);
    }

    #[test]
    fn numbers_inline_dashes_and_an_unmarked_first_item() {
        let s = split("1. Analyser\n2) Concevoir\n3 - Piloter");
        assert_eq!(s.style, Style::Numbered);
        assert_eq!(texts(&s), ["Analyser", "Concevoir", "Piloter"]);
        let s = split("Compétences : - Analyser le marché - Concevoir une offre - Piloter");
        assert_eq!(
            texts(&s),
            ["Analyser le marché", "Concevoir une offre", "Piloter"]
        );
        assert_eq!(s.intro.as_deref(), Some("Compétences :"));
        let s = split("Analyser le marché\n• Concevoir • Piloter");
        assert_eq!(texts(&s), ["Analyser le marché", "Concevoir", "Piloter"]);
        assert_eq!(s.items[0].guess, Some(UNMARKED));
        let s = split("En mobilisant une analyse du contexte :\n* Réaliser un diagnostic");
        assert_eq!(
            s.lead.as_deref(),
            Some("En mobilisant une analyse du contexte :")
        );
        assert_eq!(texts(&s), ["Réaliser un diagnostic"]);
    }

    #[test]
    fn no_line_is_lost() {
        let s = split("analyser le marché");
        assert_eq!(texts(&s), ["analyser le marché"]);
        let s = split("la veille");
        assert_eq!(texts(&s), ["la veille"]);
        assert_eq!(s.items[0].guess, Some(NOT_A_VERB));
        let s = split("1. Analyser le marché");
        assert_eq!(s.style, Style::Lines);
        assert_eq!(texts(&s), ["Analyser le marché"]);
        assert_eq!(s.items[0].guess, None);
        assert_eq!(split("").style, Style::Empty);
    }

    #[test]
    fn o_bullets() {
        let s = split("o Analyser\no Concevoir\n- chiffrer");
        assert_eq!(s.style, Style::Bullets('o'));
        assert_eq!(texts(&s), ["Analyser", "Concevoir\n- chiffrer"]);
    }

    proptest::proptest! {
        /// No word is lost: each is in an item, the lead or the dropped intro.
        #[test]
        fn every_word_is_kept(lines in proptest::collection::vec(
            "(- |\\* |o |• |1\\. |C1\\.[0-9] |  )?[A-Za-zéÉ' :;,.-]{0,30}", 0..8)
        ) {
            let text = lines.join("\n");
            let s = split(&text);
            let mut kept = s.items.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
            kept.extend(s.lead.clone());
            kept.extend(s.intro.clone());
            let kept = kept.join(" ");
            let words = |t: &str| -> Vec<String> {
                t.split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() >= 3)
                    .map(str::to_owned)
                    .collect()
            };
            let mut left = words(&kept);
            for w in words(&text) {
                let at = left.iter().position(|k| *k == w);
                proptest::prop_assert!(at.is_some(), "`{w}` lost from {text:?}: {s:#?}");
                if let Some(at) = at {
                    left.remove(at);
                }
            }
        }
    }

    #[test]
    fn infinitives() {
        for yes in [
            "Analyser",
            "Être capable",
            "S'assurer",
            "Se positionner",
            "Élaborer",
            "Savoir",
            "Maîtriser",
            "Produire",
        ] {
            assert!(starts_with_infinitive(yes), "{yes}");
        }
        for no in ["La veille", "Entre", "Dossier", "Le", "Pour", "2024"] {
            assert!(!starts_with_infinitive(no), "{no}");
        }
    }
}
