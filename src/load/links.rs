//! The links and images an evidence's Markdown writes, found with their position in the
//! file, and what each points at: a page or file outside the site (left alone), a note of
//! the same text (`#1`, a footnote), another evidence (`b.md`, published as `b.html`), or a
//! file of the candidate folder, which is published beside the page like an attachment.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::diagnostics::Position;

/// A link or image of an evidence body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// As written, percent-decoded.
    pub dest: String,
    pub image: bool,
    /// Where it starts in the evidence file.
    pub at: Position,
}

/// What a link points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// A URL with a scheme (`https:`, `mailto:`): not checked.
    Outside,
    /// A path from the server's root (`/x.pdf`), which a site read offline cannot reach.
    Rooted,
    /// A note of this text, by its label.
    Note(&'a str),
    /// Another evidence file of the candidate, without `.md`, relative to this one.
    Evidence(&'a str),
    /// A file, relative to this evidence.
    File(&'a str),
}

/// The Markdown options every text is read with (as `render::markdown` renders it).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// The links and images of `body`, and the labels of its notes. `first_line` is the line
/// of the file the body starts on.
pub fn links(body: &str, first_line: usize) -> (Vec<BodyLink>, Vec<String>) {
    let (written, notes) = written_links(body);
    let found = written
        .into_iter()
        .map(|link| {
            let mut at = Position::at_offset(body, link.range.start);
            at.line += u32::try_from(first_line).unwrap_or(u32::MAX) - 1;
            let (dest, image) = (link.dest, link.image);
            BodyLink { dest, image, at }
        })
        .collect();
    (found, notes)
}

/// A link or image of a text, with the bytes of the text it is written over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLink {
    /// As written, percent-decoded.
    pub dest: String,
    pub image: bool,
    pub range: Range<usize>,
}

/// The links and images of `text`, and the labels of its notes.
pub fn written_links(text: &str) -> (Vec<WrittenLink>, Vec<String>) {
    let mut found = Vec::new();
    let mut notes = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let (dest, image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                notes.push(label.to_string());
                continue;
            }
            _ => continue,
        };
        let dest = percent_encoding::percent_decode_str(&dest)
            .decode_utf8_lossy()
            .into_owned();
        found.push(WrittenLink { dest, image, range });
    }
    (found, notes)
}

/// What `dest` points at.
pub fn target(dest: &str) -> Target<'_> {
    let dest = dest.trim();
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme || dest.is_empty() {
        return Target::Outside;
    }
    if dest.starts_with(['/', '\\']) {
        return Target::Rooted;
    }
    if let Some(label) = dest.strip_prefix('#') {
        return Target::Note(label);
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    match path.strip_suffix(".md") {
        Some(stem) => Target::Evidence(stem),
        None => Target::File(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_images_are_found_at_their_line_and_column() {
        let body = "Intro\n\nSee [the plan](annexes/plan%20v2.pdf) and\n  ![photo](img/a.png)[^1]\n\n[^1]: A note.\n";
        let (found, notes) = links(body, 5);
        assert_eq!(
            found,
            [
                BodyLink {
                    dest: "annexes/plan v2.pdf".into(),
                    image: false,
                    at: Position { line: 7, column: 5 },
                },
                BodyLink {
                    dest: "img/a.png".into(),
                    image: true,
                    at: Position { line: 8, column: 3 },
                },
            ]
        );
        assert_eq!(notes, ["1"]);
    }

    #[test]
    fn targets_are_told_apart() {
        assert_eq!(target("https://example.org/x.md"), Target::Outside);
        assert_eq!(target("mailto:a@b.fr"), Target::Outside);
        assert_eq!(target("/etc/passwd"), Target::Rooted);
        assert_eq!(target("#1"), Target::Note("1"));
        assert_eq!(target("b.md"), Target::Evidence("b"));
        assert_eq!(
            target("../projets/b.md#x"),
            Target::Evidence("../projets/b")
        );
        assert_eq!(target("annexes/a.pdf?v=2"), Target::File("annexes/a.pdf"));
        assert_eq!(target("C:photo.png"), Target::Outside);
    }
}
