//! Paragraph styles that carry list numbering: a Word style whose `w:pPr` holds a `w:numPr`
//! (`word/styles.xml`), an OpenDocument paragraph style with `style:list-style-name`
//! (`content.xml`'s automatic styles, `styles.xml`). A paragraph of such a style is an item
//! of that list without saying so itself; styles inherit it from the style they are based
//! on (`w:basedOn`, `style:parent-style-name`).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::attribute;

/// Paragraph style → the list it numbers by (`w:numId`, a list style's name) and level,
/// and the style it is based on.
#[derive(Debug, Default)]
pub struct StyleLists {
    lists: HashMap<String, (Option<String>, Option<usize>)>,
    parents: HashMap<String, String>,
}

impl StyleLists {
    /// The list and level paragraphs of `style` are items of, if any (inherited through at
    /// most a few parents: a cycle ends there).
    pub fn of(&self, style: &str) -> Option<(String, usize)> {
        let mut at = style;
        let (mut list, mut level) = (None, None);
        for _ in 0..8 {
            if let Some((l, v)) = self.lists.get(at) {
                list = list.or_else(|| l.clone());
                level = level.or(*v);
            }
            match self.parents.get(at) {
                Some(p) if list.is_none() || level.is_none() => at = p,
                _ => break,
            }
        }
        // `w:numId w:val="0"`: the style removes the numbering it would inherit.
        list.filter(|l| l != "0").map(|l| (l, level.unwrap_or(0)))
    }

    /// `word/styles.xml`; what cannot be read gives none.
    pub fn read_word(xml: &[u8]) -> StyleLists {
        let mut out = StyleLists::default();
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut style: Option<String> = None;
        let mut in_ppr = false;
        while let Ok(event) = reader.read_event_into(&mut buf) {
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"w:style" => style = attribute(e, b"styleId"),
                    b"w:pPr" if matches!(event, Event::Start(_)) => in_ppr = true,
                    b"w:basedOn" => {
                        if let (Some(s), Some(p)) = (&style, attribute(e, b"val")) {
                            out.parents.insert(s.clone(), p);
                        }
                    }
                    b"w:numId" if in_ppr => {
                        if let Some(s) = &style {
                            out.lists.entry(s.clone()).or_default().0 = attribute(e, b"val");
                        }
                    }
                    b"w:ilvl" if in_ppr => {
                        if let Some(s) = &style {
                            out.lists.entry(s.clone()).or_default().1 =
                                attribute(e, b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    b"w:style" => style = None,
                    b"w:pPr" => in_ppr = false,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        out
    }

    /// The paragraph styles of OpenDocument parts.
    pub fn read_odt(parts: &[&[u8]]) -> StyleLists {
        let mut out = StyleLists::default();
        for xml in parts {
            let mut reader = Reader::from_reader(*xml);
            let mut buf = Vec::new();
            while let Ok(event) = reader.read_event_into(&mut buf) {
                match &event {
                    Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"style:style" => {
                        let paragraph = attribute(e, b"family").is_none_or(|f| f == "paragraph");
                        if let (true, Some(name)) = (paragraph, attribute(e, b"name")) {
                            if let Some(list) =
                                attribute(e, b"list-style-name").filter(|l| !l.is_empty())
                            {
                                out.lists.insert(name.clone(), (Some(list), None));
                            }
                            if let Some(parent) = attribute(e, b"parent-style-name") {
                                out.parents.insert(name, parent);
                            }
                        }
                    }
                    Event::Eof => break,
                    _ => {}
                }
                buf.clear();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_carry_their_list_and_inherit_it() {
        let word = br#"<w:styles><w:style w:styleId="Comp"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="CompBis"><w:basedOn w:val="Comp"/></w:style>
            <w:style w:styleId="Plain"><w:basedOn w:val="Comp"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style></w:styles>"#;
        let s = StyleLists::read_word(word);
        assert_eq!(s.of("Comp"), Some(("4".into(), 1)));
        assert_eq!(s.of("CompBis"), Some(("4".into(), 1)));
        assert_eq!(s.of("Plain"), None);
        assert_eq!(s.of("Loop"), None);
        let odt = br#"<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Num"/></office:automatic-styles>"#;
        let styles = br#"<office:styles><style:style style:name="Num" style:family="paragraph" style:list-style-name="L1"/></office:styles>"#;
        let s = StyleLists::read_odt(&[odt, styles]);
        assert_eq!(s.of("P1"), Some(("L1".into(), 0)));
        assert_eq!(s.of("Other"), None);
    }
}
