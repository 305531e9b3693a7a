//! Word's automatic list numbering (`word/numbering.xml`): the number Word prints before a
//! list item is not in the paragraph's text. A numbering whose level text writes a prefix
//! or several levels (`C%1.%2`, `CP%1 -`, `%1.%2.`) is an ID, and is written back before the
//! item's text (`C1.2 Analyser …`); a plain list number (`%1.`, `%1)`, bullets) is not.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::attribute;

/// One level of a list style: where it starts, how its number is written, and its text.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The list styles of a document, and the counters of the lists met so far.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `w:abstractNumId` → its levels by `w:ilvl`.
    abstracts: HashMap<String, HashMap<usize, Level>>,
    /// `w:numId` → `w:abstractNumId`.
    nums: HashMap<String, String>,
    /// Per abstract list: the current number of each level.
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    /// Reads `word/numbering.xml`; what cannot be read gives no numbering (the items then
    /// stay without their numbers, as before).
    pub fn read(xml: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(_) => return Numbering::default(),
            };
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"w:abstractNum" => abstract_id = attribute(e, b"abstractNumId"),
                    b"w:lvl" => {
                        let ilvl = attribute(e, b"ilvl").and_then(|v| v.parse().ok());
                        level = ilvl.map(|i| {
                            (
                                i,
                                Level {
                                    start: 1,
                                    format: "decimal".into(),
                                    text: String::new(),
                                },
                            )
                        });
                    }
                    b"w:start" => set(&mut level, e, |l, v| l.start = v.parse().unwrap_or(1)),
                    b"w:numFmt" => set(&mut level, e, |l, v| l.format = v.to_owned()),
                    b"w:lvlText" => set(&mut level, e, |l, v| l.text = v.to_owned()),
                    b"w:num" => num_id = attribute(e, b"numId"),
                    b"w:abstractNumId" => {
                        if let (Some(num), Some(a)) = (&num_id, attribute(e, b"val")) {
                            n.nums.insert(num.clone(), a);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    b"w:lvl" => {
                        if let (Some(a), Some((i, l))) = (&abstract_id, level.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    b"w:abstractNum" => abstract_id = None,
                    b"w:num" => num_id = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        n
    }

    /// The ID Word prints before the next item of list `num` at `ilvl`, if its numbering is
    /// an ID; the list's counters move on either way.
    pub fn next(&mut self, num: &str, ilvl: usize) -> Option<String> {
        let a = self.nums.get(num)?.clone();
        let levels = self.abstracts.get(&a)?;
        let level = levels.get(&ilvl)?;
        let counters = self.counters.entry(a.clone()).or_default();
        if counters.len() <= ilvl {
            for i in counters.len()..=ilvl {
                counters.push(levels.get(&i).map_or(1, |l| l.start).saturating_sub(1));
            }
        }
        counters[ilvl] += 1;
        // Deeper levels restart under a new item.
        for (i, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            *c = levels.get(&i).map_or(1, |l| l.start).saturating_sub(1);
        }
        let places = level.text.matches('%').count();
        let prefix = level.text.chars().filter(|c| c.is_alphabetic()).count();
        if level.format == "bullet" || level.format == "none" || (places < 2 && prefix == 0) {
            return None;
        }
        let mut out = level.text.clone();
        for i in (0..=ilvl).rev() {
            let value = counters.get(i).copied().unwrap_or(1);
            let format = levels.get(&i).map_or("decimal", |l| l.format.as_str());
            out = out.replace(&format!("%{}", i + 1), &written(value, format));
        }
        let out = out.trim().to_owned();
        (!out.is_empty()).then_some(out)
    }
}

fn set(level: &mut Option<(usize, Level)>, e: &BytesStart, f: impl FnOnce(&mut Level, &str)) {
    if let (Some((_, l)), Some(v)) = (level.as_mut(), attribute(e, b"val")) {
        f(l, &v);
    }
}

/// A number as a level's format writes it (`lowerLetter` 2 → `b`).
fn written(n: u32, format: &str) -> String {
    let letter = |base: u8| {
        let i = (n.max(1) - 1) % 26;
        char::from(base + i as u8).to_string()
    };
    match format {
        "lowerLetter" => letter(b'a'),
        "upperLetter" => letter(b'A'),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="C%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="C%1.%2"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"#;

    #[test]
    fn a_numbering_with_a_prefix_is_an_id_a_plain_list_number_is_not() {
        let mut n = Numbering::read(XML.as_bytes());
        assert_eq!(n.next("3", 0).as_deref(), Some("C1."));
        assert_eq!(n.next("3", 1).as_deref(), Some("C1.a"));
        assert_eq!(n.next("3", 1).as_deref(), Some("C1.b"));
        assert_eq!(n.next("3", 0).as_deref(), Some("C2."));
        assert_eq!(n.next("3", 1).as_deref(), Some("C2.a"));
        assert_eq!(n.next("4", 0), None);
        assert_eq!(n.next("9", 0), None);
    }
}
