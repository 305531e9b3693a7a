//! Automatic list numbering: the number a word processor prints before a list item is not
//! in the paragraph's text. Word keeps it in `word/numbering.xml` (`w:abstractNum` levels,
//! `w:num` lists over them, restarted by `w:lvlOverride`/`w:startOverride`); OpenDocument in
//! `text:list-style` elements (`text:list-level-style-number` with `style:num-prefix`,
//! `style:num-suffix`, `style:num-format`, `text:display-levels`, `text:start-value`). Both
//! are read into the same levels. A numbering whose text writes a prefix or several levels
//! (`C%1.%2`, `CP%1 -`, `%1.%2.`) is an ID, and is written back before the item's text
//! (`C1.2 Analyser …`); so is the number of a level that the levels under it print in
//! theirs (an outline's `%1.` over `%1.%2.`: its `1.` is the `1` of `1.1.`). A plain list
//! number (`%1.`, `%1)`, `a)` under it) and bullets are not.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::attribute;

/// One level of a list style: where it starts, how its number is written (Word's names:
/// `decimal`, `lowerLetter`, `upperRoman`, `bullet`…), and its text (`C%1.%2`).
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:lvlRestart`: the level (1-based) whose items restart it, `0` never; absent, any
    /// level above it does.
    restart: Option<usize>,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 1,
            format: "decimal".into(),
            text: String::new(),
            restart: None,
        }
    }
}

/// A list (`w:num`, or an OpenDocument list style): the style it numbers by, and what it
/// overrides of it.
#[derive(Debug, Clone, Default)]
struct List {
    style: String,
    starts: HashMap<usize, u32>,
    levels: HashMap<usize, Level>,
}

/// The list styles of a document, and the counters of the lists met so far.
#[derive(Debug, Default)]
pub struct Numbering {
    /// Style (`w:abstractNumId`, a `text:list-style` name) → its levels by level (0-based).
    styles: HashMap<String, HashMap<usize, Level>>,
    /// List (`w:numId`, a list style's name) → its style and overrides.
    lists: HashMap<String, List>,
    /// Per counter key (see [`Numbering::key`]): the current number of each level, none
    /// for a level not started (or restarted) since.
    counters: HashMap<String, Vec<Option<u32>>>,
    /// Paragraph styles that number their paragraphs by one of these lists.
    pub by_style: super::styles::StyleLists,
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
        // Inside a `w:lvlOverride` of a `w:num`: its level.
        let mut override_level: Option<usize> = None;
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
                        level = ilvl.or(override_level).map(|i| (i, Level::default()));
                    }
                    b"w:start" => set(&mut level, e, |l, v| l.start = v.parse().unwrap_or(1)),
                    b"w:numFmt" => set(&mut level, e, |l, v| l.format = v.to_owned()),
                    b"w:lvlText" => set(&mut level, e, |l, v| l.text = v.to_owned()),
                    b"w:lvlRestart" => set(&mut level, e, |l, v| l.restart = v.parse().ok()),
                    b"w:num" => num_id = attribute(e, b"numId"),
                    b"w:abstractNumId" => {
                        if let (Some(num), Some(a)) = (&num_id, attribute(e, b"val")) {
                            n.lists.entry(num.clone()).or_default().style = a;
                        }
                    }
                    b"w:lvlOverride" => {
                        override_level = attribute(e, b"ilvl").and_then(|v| v.parse().ok());
                    }
                    b"w:startOverride" => {
                        let start = attribute(e, b"val").and_then(|v| v.parse().ok());
                        if let (Some(num), Some(i), Some(start)) = (&num_id, override_level, start)
                        {
                            n.lists
                                .entry(num.clone())
                                .or_default()
                                .starts
                                .insert(i, start);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    b"w:lvl" => match (&abstract_id, &num_id, level.take()) {
                        (Some(a), _, Some((i, l))) => {
                            n.styles.entry(a.clone()).or_default().insert(i, l);
                        }
                        (None, Some(num), Some((i, l))) => {
                            n.lists.entry(num.clone()).or_default().levels.insert(i, l);
                        }
                        _ => {}
                    },
                    b"w:abstractNum" => abstract_id = None,
                    b"w:num" => num_id = None,
                    b"w:lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        n
    }

    /// Reads the `text:list-style` elements of OpenDocument parts (`content.xml`'s automatic
    /// styles, `styles.xml`); each style is a list of its own name.
    pub fn read_odt(parts: &[&[u8]]) -> Numbering {
        let mut n = Numbering::default();
        for xml in parts {
            let mut reader = Reader::from_reader(*xml);
            let mut buf = Vec::new();
            let mut style: Option<String> = None;
            while let Ok(event) = reader.read_event_into(&mut buf) {
                match &event {
                    Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                        b"text:list-style" => style = attribute(e, b"name"),
                        b"text:list-level-style-number" | b"text:list-level-style-bullet" => {
                            if let (Some(name), Some(l)) = (&style, odt_level(e)) {
                                n.styles.entry(name.clone()).or_default().insert(l.0, l.1);
                                n.lists.entry(name.clone()).or_insert_with(|| List {
                                    style: name.clone(),
                                    ..List::default()
                                });
                            }
                        }
                        _ => {}
                    },
                    Event::End(e) if e.name().as_ref() == b"text:list-style" => style = None,
                    Event::Eof => break,
                    _ => {}
                }
                buf.clear();
            }
        }
        n
    }

    /// Whose counters a list moves: a list that overrides its style's start or levels
    /// counts on its own (Word's "restart numbering"); the others of one style share them
    /// (Word's lists over one `w:abstractNum` continue each other).
    fn key(&self, list: &str) -> Option<String> {
        let l = self.lists.get(list)?;
        Some(if l.starts.is_empty() && l.levels.is_empty() {
            format!("style {}", l.style)
        } else {
            format!("list {list}")
        })
    }

    fn level(&self, list: &str, ilvl: usize) -> Option<(u32, Level)> {
        let l = self.lists.get(list)?;
        let level = l
            .levels
            .get(&ilvl)
            .or_else(|| self.styles.get(&l.style)?.get(&ilvl))?
            .clone();
        let start = l.starts.get(&ilvl).copied().unwrap_or(level.start);
        Some((start, level))
    }

    /// An OpenDocument list starts anew: its counters restart (unless the document says it
    /// continues another, which the caller then does not call this for).
    pub fn restart(&mut self, list: &str) {
        if let Some(key) = self.key(list) {
            self.counters.remove(&key);
        }
    }

    /// `text:start-value` on a list item: the item at `ilvl` is numbered `value`.
    pub fn set_next(&mut self, list: &str, ilvl: usize, value: u32) {
        if let Some(key) = self.key(list) {
            let c = self.counters.entry(key).or_default();
            if c.len() <= ilvl {
                c.resize(ilvl + 1, None);
            }
            c[ilvl] = Some(value.saturating_sub(1));
            c.truncate(ilvl + 1);
        }
    }

    /// Whether an item at `ilvl` restarts level `deeper` of `list` (Word's default: any
    /// level above it does; `w:lvlRestart` names the deepest that does, `0` none).
    fn restarts(&self, list: &str, deeper: usize, ilvl: usize) -> bool {
        match self.level(list, deeper).and_then(|(_, l)| l.restart) {
            None => true,
            Some(level) => ilvl < level,
        }
    }

    /// Whether a level deeper than `ilvl` prints `ilvl`'s number with its own (`%1.%2.`
    /// under `%1.`): the levels are an outline, and `ilvl`'s number is an ID's first part.
    fn shown_deeper(&self, list: &str, ilvl: usize) -> bool {
        let place = format!("%{}", ilvl + 1);
        (ilvl + 1..9).any(|j| {
            self.level(list, j)
                .is_some_and(|(_, l)| l.text.contains(&place) && l.text.matches('%').count() >= 2)
        })
    }

    /// The ID printed before the next item of list `list` at `ilvl`, if its numbering is
    /// an ID; the list's counters move on either way.
    pub fn next(&mut self, list: &str, ilvl: usize) -> Option<String> {
        let key = self.key(list)?;
        let (_, level) = self.level(list, ilvl)?;
        let starts: Vec<u32> = (0..=ilvl)
            .map(|i| self.level(list, i).map_or(1, |(s, _)| s))
            .collect();
        let mut counters = self.counters.remove(&key).unwrap_or_default();
        if counters.len() <= ilvl {
            counters.resize(ilvl + 1, None);
        }
        for (i, c) in counters.iter_mut().enumerate().take(ilvl) {
            c.get_or_insert(starts[i].saturating_sub(1));
        }
        counters[ilvl] = Some(counters[ilvl].map_or(starts[ilvl], |n| n + 1));
        // Deeper levels restart under a new item, unless their `w:lvlRestart` says not.
        for (j, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            if self.restarts(list, j, ilvl) {
                *c = None;
            }
        }
        let shown: Vec<u32> = counters.iter().map(|c| c.unwrap_or(1)).collect();
        self.counters.insert(key, counters);
        let places = level.text.matches('%').count();
        let prefix = level.text.chars().filter(|c| c.is_alphabetic()).count();
        let plain = places < 2 && prefix == 0 && !self.shown_deeper(list, ilvl);
        if level.format == "bullet" || level.format == "none" || plain {
            return None;
        }
        let mut out = level.text.clone();
        for i in (0..=ilvl).rev() {
            let value = shown.get(i).copied().unwrap_or(1);
            let format = self
                .level(list, i)
                .map_or("decimal".to_owned(), |(_, l)| l.format);
            out = out.replace(&format!("%{}", i + 1), &written(value, &format));
        }
        let out = out.trim().to_owned();
        (!out.is_empty()).then_some(out)
    }
}

/// An OpenDocument level style as a Word-like level: `text:level` (1-based), the format
/// (`1`, `a`, `A`, `i`, `I`, empty), `text:display-levels` numbers joined by dots between
/// the prefix and the suffix.
fn odt_level(e: &BytesStart<'_>) -> Option<(usize, Level)> {
    let level: usize = attribute(e, b"level")?.parse().ok()?;
    let ilvl = level.checked_sub(1)?;
    if e.name().as_ref() == b"text:list-level-style-bullet" {
        return Some((
            ilvl,
            Level {
                start: 1,
                format: "bullet".into(),
                text: String::new(),
                restart: None,
            },
        ));
    }
    let format = match attribute(e, b"num-format").as_deref() {
        Some("a") => "lowerLetter",
        Some("A") => "upperLetter",
        Some("i") => "lowerRoman",
        Some("I") => "upperRoman",
        Some("") => "none",
        _ => "decimal",
    };
    let shown: usize = attribute(e, b"display-levels")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .clamp(1, level);
    let numbers: Vec<String> = (level + 1 - shown..=level)
        .map(|l| format!("%{l}"))
        .collect();
    let text = format!(
        "{}{}{}",
        attribute(e, b"num-prefix").unwrap_or_default(),
        numbers.join("."),
        attribute(e, b"num-suffix").unwrap_or_default()
    );
    let start = attribute(e, b"start-value")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    Some((
        ilvl,
        Level {
            start,
            format: format.into(),
            text,
            restart: None,
        },
    ))
}

fn set(level: &mut Option<(usize, Level)>, e: &BytesStart, f: impl FnOnce(&mut Level, &str)) {
    if let (Some((_, l)), Some(v)) = (level.as_mut(), attribute(e, b"val")) {
        f(l, &v);
    }
}

/// A number as a level's format writes it (`lowerLetter` 2 → `b`, `upperRoman` 4 → `IV`).
fn written(n: u32, format: &str) -> String {
    let letter = |base: u8| {
        let i = (n.max(1) - 1) % 26;
        char::from(base + i as u8).to_string()
    };
    match format {
        "lowerLetter" => letter(b'a'),
        "upperLetter" => letter(b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
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

    #[test]
    fn a_start_override_restarts_a_list_and_a_level_override_replaces_its_level() {
        let xml = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="C%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="D%1 -"/></w:lvl></w:lvlOverride></w:num>
</w:numbering>"#;
        let mut n = Numbering::read(xml.as_bytes());
        assert_eq!(n.next("1", 0).as_deref(), Some("C1."));
        assert_eq!(n.next("1", 0).as_deref(), Some("C2."));
        // Another list over the same style continues it, as Word does.
        assert_eq!(n.next("2", 0).as_deref(), Some("C3."));
        // Restarted.
        assert_eq!(n.next("3", 0).as_deref(), Some("C1."));
        assert_eq!(n.next("3", 0).as_deref(), Some("C2."));
        assert_eq!(n.next("4", 0).as_deref(), Some("DV -"));
        assert_eq!(n.next("4", 0).as_deref(), Some("DVI -"));
    }

    /// Word's multilevel outline (`%1.` over `%1.%2.`): the top level's number is the
    /// first part of the IDs under it, so an ID too; a hybrid list whose levels each print
    /// their own number (`%1.`, then `%2)`) is a plain list, and bullets are no numbers.
    #[test]
    fn an_outline_number_is_an_id_where_its_levels_print_it() {
        let xml = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
        let mut n = Numbering::read(xml.as_bytes());
        assert_eq!(n.next("1", 0).as_deref(), Some("1."));
        assert_eq!(n.next("1", 1).as_deref(), Some("1.1."));
        // A bulleted list between the outline's items moves none of its counters.
        assert_eq!(n.next("2", 0), None);
        assert_eq!(n.next("1", 1).as_deref(), Some("1.2."));
        assert_eq!(n.next("1", 0).as_deref(), Some("2."));
        assert_eq!(n.next("1", 1).as_deref(), Some("2.1."));
        // The plain list counts from its start value, numbers no ID.
        assert_eq!(n.next("3", 0), None);
        assert_eq!(n.next("3", 1), None);
    }

    /// `w:lvlRestart w:val="0"`: a level numbered through the document, not restarted
    /// under each item above it (a titre professionnel's competences 1…n across its CCP).
    #[test]
    fn a_level_that_does_not_restart_counts_on_across_its_parents() {
        let xml = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="4">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="CCP %1 –"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="C%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="C%2.%3"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>"#;
        let mut n = Numbering::read(xml.as_bytes());
        assert_eq!(n.next("5", 0).as_deref(), Some("CCP 1 –"));
        assert_eq!(n.next("5", 1).as_deref(), Some("C1"));
        assert_eq!(n.next("5", 2).as_deref(), Some("C1.a"));
        assert_eq!(n.next("5", 1).as_deref(), Some("C2"));
        // Level 2 restarts under each level-1 item (its default).
        assert_eq!(n.next("5", 2).as_deref(), Some("C2.a"));
        assert_eq!(n.next("5", 0).as_deref(), Some("CCP 2 –"));
        assert_eq!(n.next("5", 1).as_deref(), Some("C3"));
    }

    #[test]
    fn opendocument_list_styles_number_like_word_ones() {
        let xml = r#"<office:document-content><office:automatic-styles>
<text:list-style style:name="L1">
  <text:list-level-style-number text:level="1" style:num-prefix="CP" style:num-suffix="." style:num-format="1"/>
  <text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a" text:display-levels="2"/>
  <text:list-level-style-bullet text:level="3" text:bullet-char="•"/>
</text:list-style>
<text:list-style style:name="L2">
  <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1" text:start-value="3"/>
</text:list-style>
</office:automatic-styles></office:document-content>"#;
        let mut n = Numbering::read_odt(&[xml.as_bytes()]);
        assert_eq!(n.next("L1", 0).as_deref(), Some("CP1."));
        assert_eq!(n.next("L1", 1).as_deref(), Some("1.a)"));
        assert_eq!(n.next("L1", 2), None);
        assert_eq!(n.next("L1", 0).as_deref(), Some("CP2."));
        n.restart("L1");
        assert_eq!(n.next("L1", 0).as_deref(), Some("CP1."));
        n.set_next("L1", 0, 7);
        assert_eq!(n.next("L1", 0).as_deref(), Some("CP7."));
        // A plain list number is no ID.
        assert_eq!(n.next("L2", 0), None);
    }
}
