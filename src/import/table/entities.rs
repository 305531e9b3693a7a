//! HTML entities in the text of a web page or of a word processor's HTML: the named ones
//! French text uses and numeric ones, decoded to their characters (a non-breaking space to
//! a space, for the comparisons of text).

/// The entities a web page or a word processor's HTML writes: the named ones of French
/// text (`&rsquo;`, `&eacute;`, `&laquo;`…) and numeric ones (`&#8217;`, `&#xE9;`); an
/// unknown one is left as written.
pub(super) fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        match end.and_then(|i| entity(&rest[1..i]).map(|c| (i, c))) {
            Some((i, c)) => {
                out.push(c);
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

fn entity(name: &str) -> Option<char> {
    if let Some(n) = name.strip_prefix('#') {
        let code = match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => n.parse().ok()?,
        };
        // A non-breaking space is a space for the text's comparisons.
        return if code == 0xA0 {
            Some(' ')
        } else {
            char::from_u32(code)
        };
    }
    Some(match name {
        "nbsp" => ' ',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "amp" => '&',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "bull" => '•',
        "rarr" => '→',
        "deg" => '°',
        "euro" => '€',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "aelig" => 'æ',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "agrave" => 'à',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ocirc" => 'ô',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Ecirc" => 'Ê',
        "Agrave" => 'À',
        "Ccedil" => 'Ç',
        _ => return None,
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
    }
}
