//! Text as a PDF's conversion leaves it (`pdftotext`, with or without `-layout`, and the
//! text a reader copies out of a PDF): the typesetter's ligatures (`ﬁ`, `ﬂ`, one character
//! each) and words hyphenated across a line end (`envi-` / `ronnements`). Both are undone
//! before the document is read, so that the draft's text is the words the certifier wrote.
//!
//! A hyphen at a line end may be the typesetter's or the word's own (`auto-évaluation`,
//! `Sous-traitance`, `savoir-faire` wrapped at their hyphen). A word is joined only when
//! nothing in the document says the hyphen is its own: see [`join_words`].

use std::collections::HashMap;

/// Ligatures as the letters they stand for (Unicode's alphabetic presentation forms, which
/// no French or English text writes on purpose).
pub fn fold_ligatures(text: &str) -> String {
    if !text.contains(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Elements that make compounds with a hyphen of their own (`auto-évaluation`,
/// `sous-traitance`, `bucco-dentaire`, `co-animation`, `self-assessment`): a line ending
/// with one of them and a hyphen keeps it unless the document writes the joined word.
const COMPOUNDING: [&str; 27] = [
    "anti", "après", "auto", "avant", "bio", "bucco", "co", "contre", "cross", "demi", "entre",
    "ex", "extra", "hors", "inter", "intra", "médico", "mi", "multi", "non", "post", "pré",
    "psycho", "self", "semi", "socio", "sous",
];

/// The words of the text, lowercased: tokens of letters and inner hyphens.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .map(|t| t.trim_matches('-').to_lowercase())
        .filter(|t| !t.is_empty())
}

/// The letters ending `line` before a final hyphen (`… leurs envi-` → `envi`), when the
/// hyphen follows two lowercase letters and the word is not already a compound
/// (`porte-à-`: its hyphens are its own).
fn broken_start(line: &str) -> Option<&str> {
    let body = line.strip_suffix('-')?;
    let start = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let word = &body[start..];
    let before = body[..start].chars().next_back();
    let lower_end = word.chars().rev().take(2).all(char::is_lowercase);
    (word.chars().count() >= 2 && lower_end && before != Some('-')).then_some(word)
}

/// The letters opening `line` (after its indent) when they are lowercase: a word's end.
fn broken_end(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(t.len(), |(i, _)| i);
    let word = &t[..end];
    (!word.is_empty() && word.chars().all(char::is_lowercase)).then_some(word)
}

/// Words hyphenated across a line end joined on the second line (`… leurs envi-` /
/// `ronnements dans …` → `… leurs` / `environnements dans …`: the second line keeps its
/// indent, where a layout's column starts). A lowercase letter, a hyphen at the line end
/// and a lowercase continuation are joined unless the document says the hyphen is the
/// word's own:
/// - it writes the compound with its hyphen elsewhere (`auto-évaluation` on one line);
/// - neither it writes the joined word elsewhere, and the first part is an element that
///   makes compounds ([`COMPOUNDING`]: `sous-`, `auto-`), or both parts are words of the
///   document on their own (`savoir-` / `faire`, `porte-` / `parole`).
///
/// A line that would be left empty is left as it is. Lines keep their number. An HTML
/// page is left whole: its source lines are no lines of the page (a browser joins them
/// with a space).
pub fn join_words(text: &str) -> String {
    if !text.contains("-\n") && !text.contains("-\r\n")
        || super::convert::html_document(&text.to_ascii_lowercase())
    {
        return text.to_owned();
    }
    let mut words: HashMap<String, usize> = HashMap::new();
    for t in tokens(text) {
        *words.entry(t).or_default() += 1;
    }
    // Seen elsewhere than at this break, where each half is a token once.
    let elsewhere = |w: &str, here: usize| words.get(w).is_some_and(|&n| n > here);
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for i in 0..lines.len().saturating_sub(1) {
        let (head, cr) = match lines[i].strip_suffix('\r') {
            Some(h) => (h.trim_end().to_owned(), "\r"),
            None => (lines[i].trim_end().to_owned(), ""),
        };
        let Some(start) = broken_start(&head) else {
            continue;
        };
        let Some(end) = broken_end(&lines[i + 1]) else {
            continue;
        };
        let (a, b) = (start.to_lowercase(), end.to_lowercase());
        let joined = format!("{a}{b}");
        let own = elsewhere(&format!("{a}-{b}"), 0)
            || (!elsewhere(&joined, 0)
                && (COMPOUNDING.contains(&a.as_str()) || (elsewhere(&a, 1) && elsewhere(&b, 1))));
        let kept = head[..head.len() - start.len() - 1].trim_end();
        if own || kept.trim().is_empty() {
            continue;
        }
        let next = &lines[i + 1];
        let indent = next.len() - next.trim_start().len();
        let moved = format!("{}{start}{}", &next[..indent], &next[indent..]);
        lines[i] = format!("{kept}{cr}");
        lines[i + 1] = moved;
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_are_letters() {
        assert_eq!(
            fold_ligatures("certiﬁcation, ﬂux, eﬀort"),
            "certification, flux, effort"
        );
        assert_eq!(fold_ligatures("plain"), "plain");
    }

    #[test]
    fn a_word_hyphenated_at_a_line_end_is_joined_on_the_next_line() {
        let text = "   OI 1.2   EC de prendre en compte leurs envi-\n            ronnements dans une démarche\n";
        assert_eq!(
            join_words(text),
            "   OI 1.2   EC de prendre en compte leurs\n            environnements dans une démarche\n"
        );
        // Windows line ends too.
        assert_eq!(
            join_words("avec les compé-\r\ntences de l'équipe\r\n"),
            "avec les\r\ncompétences de l'équipe\r\n"
        );
    }

    #[test]
    fn a_hyphen_of_the_words_own_is_kept() {
        // The compound written whole elsewhere.
        let text = "Réaliser son auto-évaluation.\nGrille d'auto-\névaluation du stagiaire\n";
        assert_eq!(join_words(text), text);
        // An element making compounds, the joined word nowhere.
        let text = "Gérer la sous-\ntraitance des travaux\n";
        assert_eq!(join_words(text), text);
        // ... unless the document writes the joined word.
        assert_eq!(
            join_words("Développer son auto-\nnomie.\nL'autonomie est visée.\n"),
            "Développer son\nautonomie.\nL'autonomie est visée.\n"
        );
        // Two words of the document on their own.
        let text = "Le savoir et le faire.\nMobiliser son savoir-\nfaire professionnel\n";
        assert_eq!(join_words(text), text);
        // Not a word's end: a capital, a digit, a bullet; a compound of several hyphens.
        for text in [
            "Voir la partie Île-de-\nFrance\n",
            "les pages 12-\n14 du guide\n",
            "la liste suivante -\n- premier point\n",
            "un porte-à-\nfaux\n",
        ] {
            assert_eq!(join_words(text), text, "{text}");
        }
    }
}
