//! Markdown to HTML for every text of the content, referential texts and candidate
//! evidence: CommonMark with tables, footnotes and strikethrough, then sanitised with
//! ammonia so no script, event handler or `javascript:` URL reaches a page, whoever wrote
//! the text. Evidence code blocks are highlighted before sanitising; the sanitiser keeps
//! only the highlighter's own classes.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use super::highlight::{CLASS_PREFIX, Highlighter};

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
    render(markdown, None)
}

/// Renders evidence: [`to_html`] with fenced code blocks highlighted.
pub fn evidence_to_html(markdown: &str, highlighter: &Highlighter) -> String {
    render(markdown, Some(highlighter))
}

fn render(markdown: &str, highlighter: Option<&Highlighter>) -> String {
    let mut code: Option<(String, String)> = None;
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
            if highlighter.is_some() && !lang.is_empty() =>
        {
            code = Some((lang.to_string(), String::new()));
            None
        }
        Event::Text(text) if code.is_some() => {
            if let Some((_, buffer)) = code.as_mut() {
                buffer.push_str(&text);
            }
            None
        }
        Event::End(TagEnd::CodeBlock) if code.is_some() => {
            let (lang, text) = code.take().unwrap_or_default();
            let spans = highlighter
                .and_then(|h| h.highlight(&text, &lang))
                .unwrap_or_else(|| escape(&text));
            Some(Event::Html(CowStr::from(format!(
                "<pre class=\"{CLASS_PREFIX}code\"><code>{spans}</code></pre>\n"
            ))))
        }
        other => Some(demote_event(other)),
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    SANITIZER.clean(&unsafe_html).to_string()
}

/// Prefix given to every `id` of content, so content cannot clash with the page's own ids;
/// in-content links (`#fn1`, footnotes) are rewritten to match.
const ID_PREFIX: &str = "md-";

/// Built once: setting up ammonia's tables costs more than cleaning a short text.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

/// ammonia's defaults, plus ids (prefixed) for footnotes and the highlighter's classes on
/// `pre` and `span`; any other class, including one a candidate writes by hand, is dropped.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id"])
        .id_prefix(Some(ID_PREFIX))
        .add_tag_attributes("pre", ["class"])
        .add_tag_attributes("span", ["class"])
        .attribute_filter(|_element, attribute, value| match attribute {
            "class" => {
                let kept: Vec<&str> = value
                    .split_whitespace()
                    .filter(|c| c.starts_with(CLASS_PREFIX))
                    .collect();
                (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
            }
            "href" if value.starts_with('#') => {
                Some(Cow::Owned(format!("#{ID_PREFIX}{}", &value[1..])))
            }
            _ => Some(Cow::Borrowed(value)),
        });
    b
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn demote_event(event: Event<'_>) -> Event<'_> {
    match event {
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
    }
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
