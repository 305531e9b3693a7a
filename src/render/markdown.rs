//! Markdown to HTML for every text of the content, referential texts and candidate
//! evidence: CommonMark with tables, footnotes and strikethrough, then sanitised with
//! ammonia so no script, event handler or `javascript:` URL reaches a page, whoever wrote
//! the text. Evidence code blocks are highlighted before sanitising; the sanitiser keeps
//! only the highlighter's own classes.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use super::highlight::{CLASS_PREFIX, Highlighter};

fn options() -> Options {
    // The same options as the links check reads the text with.
    crate::load::links::options()
}

/// Content sits under a page's `h1` and its sections' `h2`: its own headings start at `h3`
/// and nest one level at a time, whatever levels the author picked (`## A`, `#### B` become
/// `h3`, `h4`), so a page's outline never skips a level (WCAG 1.3.1, the Nu checker).
#[derive(Default)]
struct Outline {
    /// Open headings: the author's level and the level written, outermost first.
    open: Vec<(HeadingLevel, HeadingLevel)>,
    /// The level written for the heading being rendered, for its end tag.
    current: Option<HeadingLevel>,
}

impl Outline {
    fn start(&mut self, level: HeadingLevel) -> HeadingLevel {
        while self.open.last().is_some_and(|&(author, _)| author >= level) {
            self.open.pop();
        }
        let written = match self.open.last() {
            None => HeadingLevel::H3,
            Some((_, HeadingLevel::H3)) => HeadingLevel::H4,
            Some((_, HeadingLevel::H4)) => HeadingLevel::H5,
            Some(_) => HeadingLevel::H6,
        };
        self.open.push((level, written));
        self.current = Some(written);
        written
    }

    fn end(&mut self, level: HeadingLevel) -> HeadingLevel {
        self.current.take().unwrap_or(level)
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
    render_with(markdown, highlighter, false)
}

/// Renders Markdown to HTML, then sanitises it unless every element in it is one
/// pulldown-cmark writes with no attribute from the text (see [`is_plain`]): that HTML is
/// already what ammonia would make of it, bar the few spellings [`as_ammonia_writes`]
/// mends. Most evidence is plain prose, lists and tables, and the sanitiser was a tenth of
/// a build. `always_sanitise` is for tests that compare both paths.
fn render_with(markdown: &str, highlighter: Option<&Highlighter>, always_sanitise: bool) -> String {
    render_and_tell(markdown, highlighter, always_sanitise).0
}

/// [`render_with`], also telling whether the text was plain (took the fast path, unless
/// `always_sanitise`): tests check that they exercise it.
fn render_and_tell(
    markdown: &str,
    highlighter: Option<&Highlighter>,
    always_sanitise: bool,
) -> (String, bool) {
    let mut code: Option<(String, String)> = None;
    let mut plain = true;
    let mut outline = Outline::default();
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
            let highlighted = highlighter.and_then(|h| h.highlight(&text, &lang));
            // syntect's spelling of escapes differs from ammonia's: let ammonia write it.
            plain &= highlighted.is_none();
            let spans = highlighted.unwrap_or_else(|| escape(&text));
            Some(Event::Html(CowStr::from(format!(
                "<pre class=\"{CLASS_PREFIX}code\"><code>{spans}</code></pre>\n"
            ))))
        }
        // Another evidence file is published as a page: `b.md` is `b.html` (the check made
        // sure it exists). Only evidence is rendered with a highlighter, and only evidence
        // links to evidence.
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if highlighter.is_some() => {
            plain = false;
            let dest_url = match crate::load::links::target(&dest_url) {
                crate::load::links::Target::Evidence(_) => {
                    let (path, rest) = dest_url
                        .find(['#', '?'])
                        .map_or((&*dest_url, ""), |i| dest_url.split_at(i));
                    let stem = path.strip_suffix(".md").unwrap_or(path);
                    // A fragment names a note of that text, whose id is prefixed there.
                    let rest = match rest.strip_prefix('#') {
                        Some(label) => format!("#{ID_PREFIX}{label}"),
                        None => rest.to_owned(),
                    };
                    CowStr::from(format!("{stem}.html{rest}"))
                }
                _ => dest_url,
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        // Alignment is written as a `style` attribute, which the sanitiser drops.
        Event::Start(Tag::Table(columns)) => Some(Event::Start(Tag::Table(vec![
            Alignment::None;
            columns.len()
        ]))),
        other => {
            plain &= is_plain(&other);
            Some(demote_event(other, &mut outline))
        }
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html, events);
    // html5ever drops some control characters (NUL) and reports others: leave them to it.
    plain &= !html.contains(|c: char| c.is_ascii_control() && !matches!(c, '\n' | '\t'));
    let html = if plain && !always_sanitise {
        as_ammonia_writes(html)
    } else {
        SANITIZER.clean(&html).to_string()
    };
    (html, plain)
}

/// Whether pulldown-cmark writes `event` as fixed tags around escaped text: no raw HTML, no
/// URL, no id or class. A list of what is allowed, so anything new goes to the sanitiser.
fn is_plain(event: &Event<'_>) -> bool {
    let plain_tag = |tag: &Tag<'_>| match tag {
        Tag::Paragraph
        | Tag::Heading { id: None, .. }
        | Tag::BlockQuote(None)
        | Tag::CodeBlock(CodeBlockKind::Indented)
        | Tag::List(_)
        | Tag::Item
        | Tag::TableHead
        | Tag::TableRow
        | Tag::TableCell
        | Tag::Emphasis
        | Tag::Strong
        | Tag::Strikethrough => true,
        Tag::Heading { classes, attrs, .. } => classes.is_empty() && attrs.is_empty(),
        Tag::Table(columns) => columns.iter().all(|a| *a == Alignment::None),
        // Without a language pulldown-cmark writes no class.
        Tag::CodeBlock(CodeBlockKind::Fenced(lang)) => lang.is_empty(),
        _ => false,
    };
    match event {
        Event::Start(tag) => plain_tag(tag),
        Event::End(_)
        | Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::Rule => true,
        _ => false,
    }
}

/// pulldown-cmark's spelling of plain HTML turned into ammonia's (html5ever's), so a text
/// renders to the same bytes whichever path it takes. Text is escaped by then: `<` and
/// U+00A0 only appear where these replacements mean them.
fn as_ammonia_writes(mut html: String) -> String {
    // Each replacement copies the whole text: only made when its pattern is there, which
    // for most evidence is never.
    for (from, to) in [("<hr />", "<hr>"), ("<br />", "<br>"), ("\u{a0}", "&nbsp;")] {
        if html.contains(from) {
            html = html.replace(from, to);
        }
    }
    html
}

/// Prefix given to every `id` of content, so content cannot clash with the page's own ids;
/// in-content links (`#fn1`, footnotes) are rewritten to match.
const ID_PREFIX: &str = "md-";

/// Built once: setting up ammonia's tables costs more than cleaning a short text.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

/// ammonia's defaults, plus ids (prefixed) for footnotes and the highlighter's classes on
/// `pre` and `span`; any other class, including one a candidate writes by hand, is dropped.
/// Links may be relative or use the schemes a reader expects; ammonia's longer default list
/// (`ssh:`, `magnet:`, `sms:`…) has no use in a dossier.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto", "tel"].into())
        .add_generic_attributes(["id"])
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

fn demote_event<'a>(event: Event<'a>, outline: &mut Outline) -> Event<'a> {
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: outline.start(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(outline.end(level))),
        other => other,
    }
}

/// Wraps each table of rendered (already sanitised) HTML in a focusable region that scrolls
/// sideways, as the templates do for their own tables, so a wide table does not widen a
/// phone's page and a keyboard can scroll it. `label` names the region.
pub fn scrolling_tables(html: String, label: &str) -> String {
    if !html.contains("<table>") {
        return html;
    }
    let label = escape(label).replace('"', "&quot;");
    html.replace(
        "<table>",
        &format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\"><table>"),
    )
    .replace("</table>", "</table></div>")
}

/// Makes every code block of sanitised HTML a labelled, focusable region, as
/// [`scrolling_tables`] does for tables: a long line scrolls sideways on a phone, and a
/// keyboard user must be able to reach it (WCAG 2.1.1; axe's `scrollable-region-focusable`).
/// Only the sanitiser's spellings of the tag are matched; code text is escaped.
pub fn scrolling_code(html: String, label: &str) -> String {
    if !html.contains("<pre") {
        return html;
    }
    let label = escape(label).replace('"', "&quot;");
    let region = format!("role=\"region\" tabindex=\"0\" aria-label=\"{label}\"");
    html.replace("<pre>", &format!("<pre {region}>"))
        .replace("<pre class=\"", &format!("<pre {region} class=\""))
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
mod differential;

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
            "<h3>Règlement</h3>\n<h4>Jury</h4>\n<h5>Détail</h5>\n"
        );
        // Whatever level the author starts at, and with levels skipped, the outline nests
        // one level at a time and siblings stay siblings.
        assert_eq!(
            to_html("## Contexte\n#### Détail\n## Résultat\n### Suite\n# Fin"),
            "<h3>Contexte</h3>\n<h4>Détail</h4>\n<h3>Résultat</h3>\n<h4>Suite</h4>\n<h3>Fin</h3>\n"
        );
        assert_eq!(
            to_html("# a\n## b\n### c\n#### d\n##### e\n###### f"),
            "<h3>a</h3>\n<h4>b</h4>\n<h5>c</h5>\n<h6>d</h6>\n<h6>e</h6>\n<h6>f</h6>\n"
        );
    }

    #[test]
    fn tables_scroll_in_their_own_region() {
        let html = scrolling_tables(to_html("| a | b |\n|---|---|\n| 1 | 2 |"), "Défilant \"x\"");
        assert!(html.starts_with("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Défilant &quot;x&quot;\"><table>"), "{html}");
        assert!(html.trim_end().ends_with("</table></div>"), "{html}");
        assert_eq!(
            scrolling_tables(to_html("`<table>`"), "x"),
            to_html("`<table>`")
        );
    }

    #[test]
    fn code_blocks_become_focusable_labelled_regions() {
        let h = Highlighter::default();
        let md = "```sql\nSELECT 1;\n```\n\n    plain <pre>\n\n`<pre>` inline";
        let html = scrolling_code(evidence_to_html(md, &h), "Code \"x\"");
        let region = "role=\"region\" tabindex=\"0\" aria-label=\"Code &quot;x&quot;\"";
        assert!(
            html.contains(&format!("<pre {region} class=\"hl-code\">")),
            "{html}"
        );
        assert!(
            html.contains(&format!("<pre {region}><code>plain &lt;pre&gt;")),
            "{html}"
        );
        assert_eq!(html.matches("<pre ").count(), 2, "{html}");
        assert!(html.contains("<code>&lt;pre&gt;</code>"), "{html}");
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
        let html = to_html("[a](ssh://host) [b](mailto:jury@example.org) [c](annexe.pdf)");
        assert_eq!(
            html,
            "<p><a rel=\"noopener noreferrer\">a</a> <a href=\"mailto:jury@example.org\" rel=\"noopener noreferrer\">b</a> <a href=\"annexe.pdf\" rel=\"noopener noreferrer\">c</a></p>\n"
        );
    }

    /// Both paths agree byte for byte: `text` renders as ammonia would clean it.
    fn assert_same_as_sanitised(text: &str, highlighter: Option<&Highlighter>) {
        assert_eq!(
            render_with(text, highlighter, false),
            render_with(text, highlighter, true),
            "{text:?}"
        );
    }

    const SAMPLES: &[&str] = &[
        "Réaliser une veille\n\n- en définissant\n- en analysant",
        "# Titre\n## Sous-titre\n###### Petit\n\nTexte *em* **fort** ~~barré~~ `code <b>`",
        "A & B < C > D \"guillemets\" l'apostrophe « 50\u{a0}% » &amp; &#60;script&#62; &nbsp;fin",
        "ligne  \ncassée\\\nencore\n\n---\n\n***\n\nfin",
        "3. trois\n4. quatre\n\n1) un\n   - imbriqué\n     > citation\n\n> bloc\n> > imbriqué",
        "    code indenté <x>\n\n```\nsans langue & <y>\n```\n\n```\u{20}\n\n```",
        "| A | B |\n|---|---|\n| 1 \\| 2 | <3> |\n\n| x | y |\n|:--|--:|\n| a | b |",
        "```python\nprint('<a>')\n```\n\n```inconnu\nx < y\n```",
        "<b>gras</b> et <script>alert(1)</script>",
        "[lien](https://example.org \"titre\") ![img](x.png) <https://auto.link> [j](javascript:x)",
        "note[^1]\n\n[^1]: la note",
        "# Titre {#ancre .classe}",
        "",
        "\u{a0}",
        "a\tb\r\nc\u{0}d",
        "form\u{c}feed\rcr \u{1b}[0m \u{7f} \u{85} \u{9f} \u{fffd} \u{feff} \u{200b} \u{1f600} \u{fdd0}",
        "> **Bilan** : 12\u{202f}% ; *objectif* dépassé\n>\n> - point\n\n1. a\n\n   b\n2. c",
    ];

    #[test]
    fn plain_markdown_skips_the_sanitiser_with_the_same_result() {
        let h = Highlighter::default();
        for text in SAMPLES {
            assert_same_as_sanitised(text, None);
            assert_same_as_sanitised(text, Some(&h));
        }
    }

    #[test]
    fn only_plain_markdown_skips_the_sanitiser() {
        let plain = |text: &str| {
            Parser::new_ext(text, options())
                .filter(|e| !matches!(e, Event::Start(Tag::Table(_))))
                .all(|e| is_plain(&e))
        };
        assert!(plain(
            "Texte *em* **fort**\n\n- liste\n\n| a |\n|---|\n| b |"
        ));
        for unsafe_text in [
            "<b>x</b>",
            "a <span>b</span>",
            "[a](https://x)",
            "![a](x.png)",
            "<https://x>",
            "a[^1]\n\n[^1]: b",
            "```sql\nx\n```",
        ] {
            assert!(!plain(unsafe_text), "{unsafe_text}");
        }
    }

    /// Every `.md` file under `$REFOLIO_MARKDOWN_CORPUS` (a synthetic site, say) renders the
    /// same on both paths: `REFOLIO_MARKDOWN_CORPUS=/tmp/site cargo test -- --ignored`.
    #[test]
    #[ignore]
    fn a_corpus_renders_the_same_on_both_paths() {
        let Some(dir) = std::env::var_os("REFOLIO_MARKDOWN_CORPUS") else {
            return;
        };
        let h = Highlighter::default();
        let mut files = 0;
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                assert_same_as_sanitised(&text, Some(&h));
                files += 1;
            }
        }
        eprintln!("{files} files compared");
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
