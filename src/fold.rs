//! Folding: text lowercased and stripped of accents and ligatures (`Œuvre` → `oeuvre`,
//! `Ángel` → `angel`, `ﬁnance` → `finance`), the one spelling refolio compares words in.
//! URL IDs and anchors, rename suggestions and both sides of search (the index here, the
//! query in the browser's search.js, which gets [`browser_table`]) all fold through it.
//!
//! Latin letters are transliterated by `deunicode`; other scripts are kept as they are:
//! spelling `北京` as `bei jing` in an index would find words nobody typed.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// The Latin letters folded: Latin-1 Supplement, Latin Extended-A and -B, Latin Extended
/// Additional, and the Latin ligatures of the Alphabetic Presentation Forms.
const LATIN: [RangeInclusive<char>; 3] = [
    '\u{c0}'..='\u{24f}',
    '\u{1e00}'..='\u{1eff}',
    '\u{fb00}'..='\u{fb06}',
];

/// Combining accents, dropped: macOS writes `é` in file names as `e` and U+0301.
const COMBINING: RangeInclusive<char> = '\u{300}'..='\u{36f}';

/// `text` lowercased, its Latin letters without accents or ligatures, combining accents
/// dropped; anything else kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            push_folded(&mut out, lower);
        }
    }
    out
}

/// Appends what the lowercase character `c` folds to.
fn push_folded(out: &mut String, c: char) {
    if COMBINING.contains(&c) {
        return;
    }
    match latin(c) {
        Some(ascii) => out.extend(ascii.chars().map(|a| a.to_ascii_lowercase())),
        // The browser lowercases a whole query, and so writes `Σ` ending a word as `ς`;
        // char by char, Rust writes `σ`. Both sides fold `ς` to `σ` and agree.
        None if c == 'ς' => out.push('σ'),
        None => out.push(c),
    }
}

/// The ASCII letters a Latin letter stands for, if it is one (`œ` → `oe`, `ß` → `ss`).
/// Letters that deunicode spells with other characters (`ǃ` → `!`) are kept.
fn latin(c: char) -> Option<&'static str> {
    if !c.is_alphabetic() || !LATIN.iter().any(|r| r.contains(&c)) {
        return None;
    }
    deunicode::deunicode_char(c)
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// The table search.js folds a lowercased query with: each folded form with the
/// lowercase characters that fold to it, as JSON (`{"a":"àáâ…","oe":"œ",…}`). Combining
/// accents are not in it: the script drops their range itself.
pub fn browser_table() -> String {
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    let lowercase = LATIN
        .iter()
        .flat_map(|r| r.clone())
        .chain(['ς'])
        .filter(|&c| c.to_lowercase().eq([c]));
    for c in lowercase {
        let mut folded = String::new();
        push_folded(&mut folded, c);
        if folded != c.to_string() {
            table.entry(folded).or_default().push(c);
        }
    }
    serde_json::to_string(&table).unwrap_or_else(|_| "{}".to_owned())
}

/// The HTML anchor of an ID: lowercase ASCII letters and digits, every other run of
/// characters replaced by one `-`, no leading or trailing `-`. `C.1.1.a` → `c-1-1-a`.
/// Accented letters are folded first ([`fold`]): `Élodie` → `elodie`.
pub fn anchor(id: &str) -> String {
    let folded;
    let id = match id.is_ascii() {
        true => id,
        false => {
            folded = fold(id);
            &folded
        }
    };
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_lose_accents_and_ligatures() {
        assert_eq!(
            fold("Œuvre cœur Æsir ex æquo"),
            "oeuvre coeur aesir ex aequo"
        );
        assert_eq!(
            fold("Straße Ángel Éé ﬁnance naïve Ça"),
            "strasse angel ee finance naive ca"
        );
        // `é` as `e` and a combining accent, as macOS spells file names.
        assert_eq!(fold("E\u{301}cole"), "ecole");
        assert_eq!(
            fold("l’apostrophe l'apostrophe"),
            "l’apostrophe l'apostrophe"
        );
    }

    #[test]
    fn other_scripts_are_kept_but_for_the_final_sigma() {
        assert_eq!(fold("北京 Москва"), "北京 москва");
        assert_eq!(fold("ΟΔΟΣ οδος"), "οδοσ οδοσ");
        // Not a letter, though deunicode writes it `x`.
        assert_eq!(fold("3×4"), "3×4");
    }

    #[test]
    fn the_browser_table_holds_the_french_letters() {
        let table: BTreeMap<String, String> = serde_json::from_str(&browser_table()).unwrap();
        for (to, from) in [
            ("e", 'é'),
            ("oe", 'œ'),
            ("ae", 'æ'),
            ("c", 'ç'),
            ("ss", 'ß'),
        ] {
            assert!(table[to].contains(from), "{from} → {to}: {table:?}");
        }
        assert!(
            !table.values().any(|v| v.contains('É')),
            "uppercase in {table:?}"
        );
    }
}
