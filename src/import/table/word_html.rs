//! What a word processor's web page holds besides its HTML, taken out before its tables are
//! read: comments (Word's conditional comments `<!--[if gte mso 9]>…<![endif]-->` carry
//! XML for Office only), and the list marks Word writes between `<![if !supportLists]>` and
//! `<![endif]>` for browsers without its lists: a bullet (`·` in the Symbol font) is no
//! text and goes; a number or letter (`1.`, `a)`) is kept, as Word's list numbering is
//! kept from a .docx. Line breaks inside what goes are kept, so that line numbers still
//! point into the document.

/// `text` without its comments and with Word's list marks reduced to their numbering.
pub fn unmark(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<!") {
        out.push_str(&rest[..at]);
        let from = &rest[at..];
        let (end, kept) = if let Some(comment) = from.strip_prefix("<!--") {
            match comment.find("-->") {
                Some(e) => (4 + e + 3, String::new()),
                None => (from.len(), String::new()),
            }
        } else if from.starts_with("<![if") {
            match from.find("<![endif]>") {
                Some(e) => {
                    let inner = from[..e].split_once('>').map_or("", |(_, i)| i);
                    (e + "<![endif]>".len(), list_number(inner))
                }
                None => (from.len(), String::new()),
            }
        } else if from.starts_with("<![endif]>") {
            ("<![endif]>".len(), String::new())
        } else {
            // `<!DOCTYPE …>` and the like: kept for the reader of tags.
            out.push_str("<!");
            rest = &from[2..];
            continue;
        };
        out.push_str(&kept);
        out.extend(from[..end].chars().filter(|&c| c == '\n'));
        rest = &from[end..];
    }
    out.push_str(rest);
    out
}

/// The numbering of a list mark (`1.`, `a)`, `iv.`), followed by a space; nothing for a
/// bullet.
fn list_number(mark: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in mark.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = super::entities::decode(&text);
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    let numbered = t.strip_suffix(['.', ')']).is_some_and(|n| {
        !n.is_empty() && n.len() <= 4 && n.chars().all(|c| c.is_alphanumeric() || c == '.')
    });
    if numbered {
        format!("{t} ")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_and_bullets_go_but_numbers_stay() {
        let page = "<head><!--[if gte mso 9]><xml>\n<o:Pages>3</o:Pages>\n</xml><![endif]--></head>\
            <p><![if !supportLists]><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><![endif]>Le brut</p>\
            <p><![if !supportLists]><span>1.<span>&nbsp; </span></span><![endif]>Le net</p>";
        assert_eq!(
            unmark(page),
            "<head>\n\n</head><p>Le brut</p><p>1. Le net</p>"
        );
    }

    #[test]
    fn a_doctype_and_an_unclosed_comment_are_left_alone() {
        assert_eq!(unmark("<!DOCTYPE html><p>a</p>"), "<!DOCTYPE html><p>a</p>");
        assert_eq!(unmark("<p>a</p><!-- b"), "<p>a</p>");
    }
}
