//! Text cleanup for the export's free-text fields. Their authors paste from word processors
//! and web forms, so after the XML layer a text may still hold escaped HTML (`&lt;p&gt;`),
//! doubly escaped entities (`&amp;eacute;`) and markup: the remaining entity layers are
//! decoded, line-making tags (`<br>`, `<p>`, `<li>`…) become line breaks and list items,
//! other tags are dropped, and spaces are normalised line by line.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A cleaned text: non-blank lines, spaces collapsed, none leading or trailing.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Cleaned {
    pub text: String,
    /// Whether entities or markup were found (worth saying in the report).
    pub had_html: bool,
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});").unwrap()
});

/// A tag: its closing slash, its name and its self-closing slash.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)(?:\s+[^<>]*?)?\s*(/?)\s*>"#).unwrap()
});

/// A bullet a `<li>` nested in another list gets: the splitter reads it as a sub-item.
pub const SUB_BULLET: char = '◦';

/// Decodes what is left of escaping and markup in `raw` (already unescaped once by the
/// XML reader).
pub fn clean(raw: &str) -> Cleaned {
    let mut text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut had_html = false;
    // Each round removes one layer of escaping: `&amp;eacute;` takes two.
    for _ in 0..4 {
        let decoded = ENTITY.replace_all(&text, |c: &Captures| resolve(&c[0], &c[1]));
        if decoded == text {
            break;
        }
        had_html = true;
        text = decoded.into_owned();
    }
    if TAG.is_match(&text) {
        had_html = true;
        text = tags_to_lines(&text);
    }
    let text = text.replace(['\u{a0}', '\t'], " ");
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect();
    Cleaned {
        text: lines.join("\n"),
        had_html,
    }
}

/// The character an entity stands for, or the entity itself when unknown.
fn resolve(whole: &str, name: &str) -> String {
    let number = match name.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => n.parse().ok(),
        },
        None => {
            return quick_xml::escape::resolve_predefined_entity(name)
                .unwrap_or(whole)
                .to_owned();
        }
    };
    match number.and_then(char::from_u32) {
        Some(c) if c != '\0' => c.to_string(),
        _ => whole.to_owned(),
    }
}

/// Markup as lines: block tags break lines, `<li>` starts an item (nested ones as
/// sub-items), anything else (`<b>`, `<span>`, `<a>`…) is dropped.
fn tags_to_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lists = 0usize;
    let mut last = 0;
    for c in TAG.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        out.push_str(text.get(last..m.start()).unwrap_or_default());
        last = m.end();
        let closing = !c[1].is_empty();
        match c[2].to_ascii_lowercase().as_str() {
            "ul" | "ol" => {
                lists = match closing {
                    true => lists.saturating_sub(1),
                    false => lists + 1,
                };
                out.push('\n');
            }
            "li" if !closing => match lists {
                0 | 1 => out.push_str("\n- "),
                _ => {
                    out.push('\n');
                    out.push(SUB_BULLET);
                    out.push(' ');
                }
            },
            "br" | "p" | "div" | "li" | "tr" | "table" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "blockquote" => out.push('\n'),
            "td" | "th" => out.push(' '),
            _ => {}
        }
    }
    out.push_str(text.get(last..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_html_and_double_entities_become_lines() {
        let c = clean(
            "&lt;p&gt;Comp&amp;eacute;tences :&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Analyser le\u{a0}march&amp;#233;&lt;/li&gt;\
             &lt;li&gt;&lt;strong&gt;Concevoir&lt;/strong&gt;  une offre&lt;ul&gt;&lt;li&gt;chiffr&amp;eacute;e&lt;/li&gt;&lt;/ul&gt;&lt;/li&gt;&lt;/ul&gt;",
        );
        assert!(c.had_html);
        assert_eq!(
            c.text,
            "Compétences :\n- Analyser le marché\n- Concevoir une offre\n◦ chiffrée"
        );
    }

    #[test]
    fn plain_text_is_only_trimmed() {
        let c = clean("  R&D : 5 < 6 &unknown; \r\n\r\n\r\n\tsuite  ");
        assert!(!c.had_html);
        assert_eq!(c.text, "R&D : 5 < 6 &unknown;\nsuite");
    }
}
