//! Search: the offline search index. Each referential and each candidate gets a
//! `search-index.js` that `search.html` loads with plain `<script>` elements, so search works
//! from the built folder opened over `file://`, where `fetch` is refused.
//!
//! Words are stemmed with the Snowball French stemmer here, at build time. The browser has
//! no stemmer: the index carries the folded form of every word it saw with its stem, so a
//! query word is looked up among real forms (exactly, then as a prefix while typing) and
//! both sides always agree. IDs (`C1.1`, `Cr 1.1.1`, generated ones like `C2.4.cr1`) are
//! indexed apart, compacted to their letters and digits, so `c1.1`, `C 1.1` and `C1-1` find
//! the same competence; each ID posting says how the document holds it (its own ID, one its
//! evidence demonstrates, one its text cites), so the item itself ranks first.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use pulldown_cmark::{Event, Parser};
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::fold::fold;
use crate::model::{Candidate, Demonstrated, Referential, Site};

use super::Strings;
use crate::paths::{self, evidence_path, table_href};

/// The kinds of result, each labelled by the string `search_kind_<kind>`.
pub const KINDS: &[&str] = &[
    "bloc",
    "group",
    "activity",
    "competence",
    "criterion",
    "modality",
    "module",
    "evaluation",
    "dossier",
    "evidence",
];

/// The search page: the scopes one can search, each with the index file it loads.
#[derive(Serialize)]
pub struct SearchPage<'a> {
    referentials: Vec<ScopeOption<'a>>,
    candidates: Vec<ScopeOption<'a>>,
    /// `{kind: label}` as JSON, for the script to label results in the site's language.
    kinds: String,
}

#[derive(Serialize)]
struct ScopeOption<'a> {
    /// `r:<referential>` or `c:<candidate slug>`, as the search box of their pages sends it.
    value: String,
    label: &'a str,
    index: String,
}

/// The search page's view.
pub fn page<'a>(site: &'a Site, t: &Strings) -> SearchPage<'a> {
    let kinds: BTreeMap<&str, String> = KINDS
        .iter()
        .map(|&k| (k, t.get(&format!("search_kind_{k}"))))
        .collect();
    SearchPage {
        referentials: site
            .referentials
            .values()
            .map(|r| ScopeOption {
                value: format!("r:{}", r.id),
                label: &r.title,
                index: paths::referential_search_index(r),
            })
            .collect(),
        candidates: site
            .candidates
            .values()
            .map(|c| ScopeOption {
                value: format!("c:{}", c.slug),
                label: &c.name,
                index: paths::candidate_search_index(c),
            })
            .collect(),
        kinds: serde_json::to_string(&kinds).unwrap_or_else(|_| "{}".to_owned()),
    }
}

/// The search page's script: templates/search.js with the folding table and stop words
/// written in, so the browser folds a query as the index was folded.
pub fn script() -> String {
    let stop = serde_json::to_string(STOP_WORDS).unwrap_or_else(|_| "[]".to_owned());
    SCRIPT
        .replace("{{FOLDS}}", &crate::fold::browser_table())
        .replace("{{STOP_WORDS}}", &stop)
}

const SCRIPT: &str = include_str!("../../templates/search.js");

/// The id of the rules section of a referential's page (templates/referential.html), where
/// the professional evaluation's parts are listed.
const RULES_ANCHOR: &str = "rf-rules";

/// Characters an excerpt keeps.
const EXCERPT_CHARS: usize = 180;
/// A word's weight in a title, against 1 in the text.
const TITLE_WEIGHT: u32 = 3;

/// The weight of an ID posting: the document's own ID, one it demonstrates (evidence), or
/// one its text cites. search.js ranks an exact match of any of them above a prefix match.
const OWN_ID: u32 = 4;
const DEMONSTRATED_ID: u32 = 2;
const CITED_ID: u32 = 1;

/// French words too common to search for; the query drops them too (search.js gets them
/// from [`script`]).
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et",
    "il", "la", "le", "les", "leur", "leurs", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa",
    "se", "ses", "son", "sur", "un", "une",
];

/// The maps of words: aHash is several times faster than the standard SipHash on short
/// keys, and as it is keyed per process, words crafted to collide cannot slow a build.
type FastMap<K, V> = HashMap<K, V, ahash::RandomState>;

/// One search result, as the browser shows it.
#[derive(Serialize)]
struct Doc {
    /// A key of the `search_kind_*` strings: competence, criterion…
    kind: &'static str,
    title: String,
    /// Its own ID, folded as written (`c.1.1.a`): of two IDs compacted alike (`A.1`,
    /// `A1`), the one spelled as the query ranks first.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    /// Relative to the site root.
    href: String,
    excerpt: String,
}

/// The index of one scope, serialised into its `search-index.js`.
#[derive(Serialize)]
struct Index<'a> {
    docs: Vec<Doc>,
    /// Stem → flat `[doc, weight, doc, weight…]`.
    terms: BTreeMap<&'a str, Vec<u32>>,
    /// Folded word → its stem, when they differ.
    forms: &'a BTreeMap<Word, Word>,
    /// Compacted ID → flat `[doc, weight, doc, weight…]` (weights: [`OWN_ID`]…).
    ids: BTreeMap<String, Vec<u32>>,
}

/// A folded word or a stem: shared by every index that has it, not copied into each.
type Word = Arc<str>;

/// Words already stemmed, shared by every index of a build: most words recur from one
/// candidate to the next, and the stemmer is the costly part of indexing. Lowercase word →
/// its folded form and folded stem, `None` for a stop word.
pub struct Stems {
    stemmer: Stemmer,
    known: Mutex<FastMap<String, Option<(Word, Word)>>>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            stemmer: Stemmer::create(Algorithm::French),
            known: Mutex::new(FastMap::default()),
        }
    }
}

impl Stems {
    /// `(folded, stem)` of a lowercase word, or `None` for a stop word.
    fn get(&self, lower: &str) -> Option<(Word, Word)> {
        // A panic elsewhere cannot leave the map half-written: entries are inserted whole.
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = known.get(lower) {
            return hit.clone();
        }
        let folded = fold(lower);
        let entry = (!STOP_WORDS.contains(&folded.as_str())).then(|| {
            let stem = fold(&self.stemmer.stem(lower));
            (Word::from(folded), Word::from(stem))
        });
        known.insert(lower.to_owned(), entry.clone());
        entry
    }
}

/// Builds one scope's index, document by document.
struct Builder<'s> {
    shared: &'s Stems,
    docs: Vec<Doc>,
    /// Each stem with its postings `(doc, weight)`, in doc order; sorted by stem at the end.
    terms: Vec<(Word, Vec<(u32, u32)>)>,
    forms: BTreeMap<Word, Word>,
    /// Compacted ID → `(doc, weight)`, in doc order, the highest weight kept per doc.
    ids: BTreeMap<String, Vec<(u32, u32)>>,
    /// `search_kind_<kind>` → its label, indexed with every document of that kind.
    labels: BTreeMap<&'static str, String>,
    /// Lowercase word → its term in `terms` (`None`: a stop word). Texts repeat their
    /// words, and the stemmer is the costly part.
    seen: FastMap<String, Option<usize>>,
    /// Stem → its term, so two forms of one stem share it.
    stems: FastMap<Word, usize>,
    /// The word being looked at, lowercased, reused to spare an allocation per word.
    lower: String,
}

impl<'s> Builder<'s> {
    fn new(shared: &'s Stems, t: &Strings) -> Self {
        Builder {
            shared,
            docs: Vec::new(),
            terms: Vec::new(),
            forms: BTreeMap::new(),
            ids: BTreeMap::new(),
            labels: KINDS
                .iter()
                .map(|&k| (k, t.get(&format!("search_kind_{k}"))))
                .collect(),
            seen: FastMap::default(),
            stems: FastMap::default(),
            lower: String::new(),
        }
    }

    /// Adds a document and returns it: `ids` are the item's own identifiers, `title` and
    /// `text` (plain text) its words. The kind's label is indexed with it, so that
    /// `Bloc B1` or `compétence C1.1`, as pages write them, find the item too.
    fn add(
        &mut self,
        kind: &'static str,
        ids: &[&str],
        title: &str,
        text: &str,
        href: String,
    ) -> u32 {
        let doc = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        for id in ids {
            self.id(doc, id, OWN_ID);
        }
        self.words(doc, title, TITLE_WEIGHT);
        self.words(doc, text, 1);
        if let Some(label) = self.labels.get(kind).cloned() {
            self.words(doc, &label, 1);
        }
        self.docs.push(Doc {
            kind,
            title: title.to_owned(),
            id: ids.first().map(|id| fold(id)),
            href,
            excerpt: excerpt(text),
        });
        doc
    }

    /// Counts `id` for `doc` with `weight`, keeping the highest weight per document.
    fn id(&mut self, doc: u32, id: &str, weight: u32) {
        let compact = compact(id);
        if compact.is_empty() {
            return;
        }
        let docs = self.ids.entry(compact).or_default();
        match docs.last_mut() {
            Some((d, w)) if *d == doc => *w = (*w).max(weight),
            _ => docs.push((doc, weight)),
        }
    }

    fn words(&mut self, doc: u32, text: &str, weight: u32) {
        for chunk in text.split_whitespace() {
            // IDs cited in a text (`C.3.2.2 & C.3.2.3`) are found like the item's own.
            if chunk.bytes().any(|b| b.is_ascii_digit()) {
                self.id(doc, chunk, CITED_ID);
                continue;
            }
            // Most chunks are ASCII: cut at bytes and lowercased in place, without the
            // Unicode tables (a tenth of a build went into this loop).
            if chunk.is_ascii() {
                for word in chunk.split(|c: char| !c.is_ascii_alphanumeric()) {
                    if word.len() < 2 {
                        continue;
                    }
                    self.lower.clear();
                    self.lower.push_str(word);
                    self.lower.make_ascii_lowercase();
                    self.post(doc, weight);
                }
                continue;
            }
            for word in chunk.split(|c: char| !c.is_alphanumeric()) {
                if word.chars().nth(1).is_none() {
                    continue;
                }
                self.lower.clear();
                // The Unicode tables only for the characters that need them.
                for c in word.chars() {
                    match c.is_ascii() {
                        true => self.lower.push(c.to_ascii_lowercase()),
                        false => self.lower.extend(c.to_lowercase()),
                    }
                }
                self.post(doc, weight);
            }
        }
    }

    /// Counts the word in `lower` for `doc`.
    fn post(&mut self, doc: u32, weight: u32) {
        let term = match self.seen.get(self.lower.as_str()) {
            Some(&term) => term,
            None => self.learn(),
        };
        let Some(term) = term else { return };
        let postings = &mut self.terms[term].1;
        match postings.last_mut() {
            Some((d, w)) if *d == doc => *w += weight,
            _ => postings.push((doc, weight)),
        }
    }

    /// Stems the word in `lower` the first time it is seen; its term, or `None` for a
    /// stop word.
    fn learn(&mut self) -> Option<usize> {
        let term = self.shared.get(&self.lower).map(|(folded, stem)| {
            if stem != folded {
                self.forms.entry(folded).or_insert_with(|| stem.clone());
            }
            match self.stems.get(&stem) {
                Some(&term) => term,
                None => {
                    self.terms.push((stem.clone(), Vec::new()));
                    self.stems.insert(stem, self.terms.len() - 1);
                    self.terms.len() - 1
                }
            }
        });
        self.seen.insert(self.lower.clone(), term);
        term
    }

    /// The script: one call to the `refolioSearch` that search.js defines.
    fn script(self) -> String {
        let index = Index {
            docs: self.docs,
            terms: self
                .terms
                .iter()
                .filter(|(_, docs)| !docs.is_empty())
                .map(|(stem, docs)| (&**stem, docs.iter().flat_map(|&(d, w)| [d, w]).collect()))
                .collect(),
            forms: &self.forms,
            ids: self
                .ids
                .into_iter()
                .map(|(id, docs)| (id, docs.into_iter().flat_map(|(d, w)| [d, w]).collect()))
                .collect(),
        };
        let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".to_owned());
        format!("refolioSearch({json});\n")
    }
}

/// The index of a referential: its blocs, groups, activities, competences, criteria,
/// modalities, modules and professional evaluation parts, each found at its anchor, each
/// titled with its own ID (generated ones included: pages show them).
pub fn referential_index(r: &Referential, stems: &Stems, t: &Strings) -> String {
    let mut b = Builder::new(stems, t);
    let table = |id: &str| table_href("", r, id);
    for bloc in &r.blocs {
        let text = plain(bloc.summary.as_deref().unwrap_or(""));
        let title = format!("{} {}", bloc.id, bloc.title);
        b.add("bloc", &[&bloc.id], &title, &text, table(&bloc.id));
    }
    for g in &r.groups {
        let text = plain(g.summary.as_deref().unwrap_or(""));
        let title = format!("{} {}", g.id, g.title);
        b.add("group", &[&g.id], &title, &text, table(&g.id));
    }
    for a in &r.activities {
        let title = format!("{} {}", a.id, a.title);
        b.add("activity", &[&a.id], &title, "", table(&a.id));
    }
    for k in &r.competences {
        let text = plain(&k.text);
        let href = paths::competence_page(r, &k.id);
        b.add("competence", &[&k.id], &k.id, &text, href);
    }
    for c in &r.criteria {
        // The indicators too: a criterion's text may end on "permet au candidat :".
        let mut text = plain(&c.text);
        for indicator in &c.indicators {
            text.push(' ');
            text.push_str(&plain(indicator));
        }
        b.add("criterion", &[&c.id], &c.id, &text, table(&c.id));
    }
    for m in &r.modalities {
        let text = plain(m.description.as_deref().unwrap_or(""));
        let title = format!("{} {}", m.id, m.title);
        b.add("modality", &[&m.id], &title, &text, table(&m.id));
    }
    for m in &r.modules {
        let title = format!("{} {}", m.id, m.title);
        b.add("module", &[&m.id], &title, "", table(&m.id));
    }
    let parts = r
        .rules
        .professional_evaluation
        .iter()
        .flat_map(|p| &p.parts);
    for part in parts {
        let title = format!("{} {}", part.id, part.title);
        let href = paths::referential_file(r, &format!("{}#{RULES_ANCHOR}", paths::INDEX));
        b.add("evaluation", &[&part.id], &title, "", href);
    }
    b.script()
}

/// The index of a candidate: the dossier and each evidence file's title, context and text.
/// Evidence is found by the IDs it demonstrates (a criterion's, and its competences').
pub fn candidate_index(site: &Site, c: &Candidate, stems: &Stems, t: &Strings) -> String {
    let mut b = Builder::new(stems, t);
    let referential = site.referential(&c.referential);
    b.add(
        "dossier",
        &[],
        &c.name,
        &referential.title,
        crate::paths::dossier_page(c),
    );
    for e in &c.evidence {
        let context = [e.company.as_deref(), e.mission.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" — ");
        let text = format!("{context}\n{}", plain(&e.body));
        let doc = b.add(
            "evidence",
            &[],
            &e.title,
            text.trim(),
            evidence_path(c, &e.stem),
        );
        for d in &e.demonstrates {
            match d.item {
                Demonstrated::Competence(k) => {
                    b.id(doc, &referential.competences[k].id, DEMONSTRATED_ID);
                }
                Demonstrated::Criterion(cr) => {
                    let criterion = &referential.criteria[cr];
                    b.id(doc, &criterion.id, DEMONSTRATED_ID);
                    for &k in &criterion.competences {
                        b.id(doc, &referential.competences[k].id, DEMONSTRATED_ID);
                    }
                }
            }
        }
    }
    b.script()
}

/// The text of Markdown, without its markup (nothing of it is ever HTML: the browser puts
/// it in with `textContent`).
pub(super) fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    // Runs of white space become one space as they come, without a second pass.
    let mut push = |text: &str| {
        for word in text.split_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for event in Parser::new(markdown) {
        match event {
            // Text split by inline markup (`**Gras** et`) keeps its own spacing.
            Event::Text(t) | Event::Code(t) => push(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => push(" "),
            _ => {}
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The start of `text`, white space collapsed, cut at a word.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if chars + n + usize::from(chars > 0) > EXCERPT_CHARS {
            // The first word alone may be longer than an excerpt: cut it.
            if out.is_empty() {
                out.extend(word.chars().take(EXCERPT_CHARS));
            }
            out.push('…');
            return out;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += n;
    }
    out
}

/// An ID reduced to its folded letters and digits: `C.1.1.a` → `c11a`.
pub fn compact(id: &str) -> String {
    fold(id)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(script: &str) -> serde_json::Value {
        let json = script
            .strip_prefix("refolioSearch(")
            .and_then(|s| s.strip_suffix(");\n"))
            .unwrap();
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn words_are_stemmed_folded_and_kept_with_their_forms() {
        let stems = Stems::default();
        let t = Strings(BTreeMap::from([(
            "search_kind_competence".to_owned(),
            "Compétence".to_owned(),
        )]));
        let mut b = Builder::new(&stems, &t);
        b.add(
            "competence",
            &["C1.1"],
            "C1.1",
            "Réaliser une veille commerciale et des évaluations (voir C.3.2.2)",
            "r/competences/c1-1.html".into(),
        );
        let i = index(&b.script());
        let forms = &i["forms"];
        assert_eq!(forms["evaluations"], "evalu");
        assert_eq!(forms["commerciale"], "commercial");
        assert_eq!(i["terms"]["evalu"], serde_json::json!([0, 1]));
        assert_eq!(i["terms"]["veil"], serde_json::json!([0, 1]));
        assert!(i["terms"].get("une").is_none(), "stop word indexed");
        assert!(i["terms"].get("et").is_none(), "stop word indexed");
        // The item's own ID weighs more than one its text cites.
        assert_eq!(i["ids"]["c11"], serde_json::json!([0, OWN_ID]));
        assert_eq!(i["ids"]["c322"], serde_json::json!([0, CITED_ID]));
        // The kind's label is indexed with the item: `compétence C1.1` finds it.
        assert_eq!(i["forms"]["competence"], "competent");
        assert_eq!(i["terms"]["competent"], serde_json::json!([0, 1]));
        assert_eq!(i["docs"][0]["href"], "r/competences/c1-1.html");
    }

    #[test]
    fn markdown_becomes_plain_text_and_excerpts_cut_at_a_word() {
        assert_eq!(
            plain("**Gras** et `code`\n- un\n- deux <b>x</b>"),
            "Gras et code un deux x"
        );
        let long = "mot ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with("mot…"), "{e}");
        assert_eq!(e.chars().count(), 179 + 1, "{e}");
        assert_eq!(excerpt("  deux\n\nmots "), "deux mots");
        assert_eq!(excerpt(&"x".repeat(300)).chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn ids_are_compacted_to_folded_letters_and_digits() {
        assert_eq!(compact("Cr 1.1.1"), "cr111");
        assert_eq!(compact("C.3.1.1a"), "c311a");
        assert_eq!(compact("É.1"), "e1");
    }

    #[test]
    fn the_script_gets_the_table_and_the_stop_words() {
        let js = script();
        assert!(!js.contains("{{"), "a placeholder left");
        assert!(
            js.contains(r#"var STOP = new Set(["a","au","aux","#),
            "stop words"
        );
        assert!(js.contains(r#""oe":"œ""#), "fold table");
    }
}
