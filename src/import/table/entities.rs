//! HTML entities in the text of a web page or of a word processor's HTML: named and
//! numeric ones, decoded to their characters (a non-breaking space to a space, for the
//! comparisons of text).

use std::borrow::Cow;

/// The entities a web page or a word processor's HTML writes: named ones (`&rsquo;`,
/// `&eacute;`, `&laquo;`…) and numeric ones (`&#8217;`, `&#xE9;`); an unknown one is left
/// as written.
pub(super) fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // The longest HTML5 entity name has 31 letters.
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 33);
        match end.and_then(|i| entity(&rest[1..i]).map(|c| (i, c))) {
            Some((i, c)) => {
                out.push_str(&c);
                rest = &rest[i + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text an entity stands for: numeric ones, and every named entity of HTML5 (through
/// quick-xml's table).
fn entity(name: &str) -> Option<Cow<'static, str>> {
    // A non-breaking space is a space for the text's comparisons.
    let space = |c: char| if c == '\u{a0}' { ' ' } else { c };
    if let Some(n) = name.strip_prefix('#') {
        let code = match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => n.parse().ok()?,
        };
        return char::from_u32(code).map(|c| Cow::Owned(space(c).to_string()));
    }
    let text = quick_xml::escape::resolve_html5_entity(name)?;
    Some(match text {
        "\u{a0}" => Cow::Borrowed(" "),
        text => Cow::Borrowed(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_named_and_numeric() {
        assert_eq!(
            decode(
                "d&rsquo;&eacute;valuation&nbsp;: &#8217;&#xE9; &laquo;x&raquo; &amp;amp; & &zz; &#xD800;"
            ),
            "d’évaluation : ’é «x» &amp; & &zz; &#xD800;"
        );
        // Any HTML5 name, not only those of French text.
        assert_eq!(
            decode("&Ocirc;le &ge; 2&thinsp;&times;&nbsp;3"),
            "Ôle ≥ 2\u{2009}× 3"
        );
    }
}
