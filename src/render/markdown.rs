//! Markdown to HTML for every text of the content (referential texts now, candidate evidence
//! later): CommonMark with tables, footnotes and strikethrough, then sanitised with ammonia
//! so no script, event handler or `javascript:` URL reaches a page, whoever wrote the text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Content sits under a page's `h1` and its sections' `h2`: its own headings start at `h3`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders Markdown to sanitised HTML, headings demoted below the page's own.
pub fn to_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    ammonia::clean(&unsafe_html)
}

/// Renders a short text that should not be wrapped in a paragraph (a title, a list item):
/// a single `<p>…</p>` is unwrapped.
pub fn to_inline_html(markdown: &str) -> String {
    let html = to_html(markdown);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_lists_and_keeps_accents() {
        let html = to_html("Réaliser une veille\n\n- en définissant\n- en analysant");
        assert_eq!(
            html,
            "<p>Réaliser une veille</p>\n<ul>\n<li>en définissant</li>\n<li>en analysant</li>\n</ul>\n"
        );
    }

    #[test]
    fn content_headings_sit_below_the_page_headings() {
        assert_eq!(
            to_html("# Règlement\n## Jury\n#### Détail"),
            "<h3>Règlement</h3>\n<h4>Jury</h4>\n<h6>Détail</h6>\n"
        );
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_urls() {
        let html = to_html("<script>alert(1)</script><img src=x onerror=alert(1)>");
        assert_eq!(html, "<img src=\"x\">");
        let html = to_html("[a](javascript:alert(1)) [b](https://example.org)");
        assert_eq!(
            html,
            "<p><a rel=\"noopener noreferrer\">a</a> <a href=\"https://example.org\" rel=\"noopener noreferrer\">b</a></p>\n"
        );
    }

    #[test]
    fn inline_unwraps_a_single_paragraph_only() {
        assert_eq!(
            to_inline_html("*Qualité* de la méthode"),
            "<em>Qualité</em> de la méthode"
        );
        assert_eq!(to_inline_html("a\n\nb"), "<p>a</p>\n<p>b</p>\n");
    }
}
