//! The links and images of a referential's Markdown texts (preamble, notes, bloc and group
//! summaries, competence and criterion texts, indicators, modality descriptions), checked
//! by the rules of evidence links (`links`) and located at the line and column of the YAML
//! file where each is written. A referential publishes no file of its own, so only URLs
//! and the text's own notes (`#1` for `[^1]`) reach something.

use std::path::Path;

use super::links::{Target, written_links};
use super::raw::{RawCriterion, RawReferential, S};
use crate::diagnostics::{Diagnostic, Kind, Location, Position};

/// Every broken link or image of the texts of `raw`, read from `yaml` (the file's text,
/// at `rel`).
pub fn check(raw: &RawReferential, yaml: &str, rel: &Path) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (text, spot) in texts(raw) {
        check_text(text, spot, yaml, rel, &mut diags);
    }
    diags
}

/// The Markdown texts of a referential, each with where it is written.
fn texts<'a>(raw: &'a RawReferential) -> Vec<(&'a str, Option<Spot>)> {
    let mut found = Vec::new();
    let mut add = |s: &'a S<String>| found.push((s.value.as_str(), Spot::new(s)));
    raw.preamble.iter().chain(&raw.notes).for_each(&mut add);
    let mut criteria: Vec<&S<RawCriterion>> = Vec::new();
    for bloc in &raw.blocs.value {
        bloc.summary.iter().for_each(&mut add);
        let grouped = bloc.groups.iter().flat_map(|g| &g.activities);
        for group in &bloc.groups {
            group.summary.iter().for_each(&mut add);
        }
        for activity in bloc.activities.iter().chain(grouped) {
            for competence in &activity.competences {
                add(&competence.text);
                criteria.extend(&competence.criteria);
            }
        }
        criteria.extend(&bloc.criteria);
        for modality in &bloc.modalities {
            modality.value.description.iter().for_each(&mut add);
        }
    }
    for criterion in criteria {
        let c = &criterion.value;
        for i in &c.indicators {
            found.push((i.value.as_str(), Spot::new(i)));
        }
        // A bare string's position is the list item's (see `RawCriterion`).
        let spot = Spot::new(&c.text).or_else(|| Spot::new(criterion));
        found.push((c.text.value.as_str(), spot));
    }
    found
}

/// Where a text's value is written in the YAML file: its line and column, and the bytes it
/// spans when the parser says. Its byte offset is worked out only for a text that has a
/// broken link: counting lines from the top for each of a referential's thousand texts was
/// 4 % of a build's CPU.
#[derive(Clone, Copy)]
struct Spot {
    at: Position,
    len: Option<u64>,
}

impl Spot {
    fn new<T>(s: &S<T>) -> Option<Spot> {
        Some(Spot {
            at: super::position(s)?,
            len: s.referenced.span().byte_len(),
        })
    }

    /// The bytes of `yaml` the text spans: from its first one, to its end or the file's.
    fn bytes(self, yaml: &str) -> Option<(usize, usize)> {
        let start = offset_of(yaml, self.at)?;
        let end = self
            .len
            .map_or(yaml.len(), |l| (start + l as usize).min(yaml.len()));
        Some((start, end))
    }
}

/// The byte of `text` at `at` (1-based line, column in characters).
fn offset_of(text: &str, at: Position) -> Option<usize> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(at.line.checked_sub(1)? as usize)
        .map(str::len)
        .sum();
    let line = text
        .get(line_start..)?
        .split('\n')
        .next()
        .unwrap_or_default();
    let column = line
        .char_indices()
        .nth(at.column.checked_sub(1)? as usize)
        .map_or(line.len(), |(i, _)| i);
    Some(line_start + column)
}

fn check_text(text: &str, spot: Option<Spot>, yaml: &str, rel: &Path, diags: &mut Vec<Diagnostic>) {
    let (links, notes) = written_links(text);
    let mut seen: Vec<&str> = Vec::new();
    for link in &links {
        let noun = if link.image { "image" } else { "link" };
        let written = link.dest.trim();
        let (kind, message, help) = match super::links::target(written) {
            Target::Outside => continue,
            Target::Note(label) if notes.iter().any(|n| n == label) => continue,
            Target::Note(label) => (
                Kind::DanglingReference,
                format!("{noun} `{written}`: this text has no note `[^{label}]`"),
                "a link to `#…` reaches a note of the same text; headings have no anchors",
            ),
            Target::Rooted => (
                Kind::UnsafePath,
                format!(
                    "{noun} `{written}` starts at the server's root, which a site read offline does not have"
                ),
                "link to a page of another site by its full URL (`https://…`)",
            ),
            Target::Evidence(_) | Target::File(_) => (
                Kind::MissingFile,
                format!("{noun} `{written}` reaches nothing: a referential publishes no files"),
                "link to the document by its full URL (`https://…`)",
            ),
        };
        // The link as written, on its first line: found in the YAML as it is in a block
        // (`|`) or on one line; elsewhere (folded, escaped) the text's own position.
        let needle = text[link.range.clone()].lines().next().unwrap_or_default();
        let nth = seen.iter().filter(|s| **s == needle).count();
        seen.push(needle);
        let at = spot.map(|spot| {
            spot.bytes(yaml)
                .and_then(|(start, end)| {
                    let (i, _) = yaml[start..end]
                        .match_indices(needle)
                        .nth(nth)
                        .filter(|_| !needle.is_empty())?;
                    Some(Position::at_offset(yaml, start + i))
                })
                .unwrap_or(spot.at)
        });
        let location = Location::new(rel, at);
        diags.push(
            Diagnostic::error(kind, Some(location), message).with_suggestion(Some(help.into())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_on_their_line() {
        let text = "a: é\nbé: [x](y)\n";
        let at = |line, column| offset_of(text, Position { line, column });
        assert_eq!(at(1, 1), Some(0));
        assert_eq!(at(2, 5), Some(text.find('[').unwrap()));
        assert_eq!(at(0, 1), None);
        // Past the end of a line: its end, never a byte inside a character.
        assert_eq!(at(1, 9), text.find('\n'));
    }
}
