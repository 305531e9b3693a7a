//! Dates as the site's language writes them — "18 juin 2026", "1er juillet 2026" — with
//! non-breaking spaces, so a date never breaks across lines. Content keeps ISO dates
//! (`2026-06-18`); anything that is not one is shown as written.

use super::Strings;

/// The words a language writes a date with: its month names, its first day, its order.
#[derive(Debug, Clone)]
pub struct DateWords {
    months: [String; 12],
    first: String,
    format: String,
    rule: crate::message::PluralRule,
}

impl DateWords {
    pub fn new(t: &Strings) -> DateWords {
        DateWords {
            months: std::array::from_fn(|i| t.get(&format!("month_{}", i + 1))),
            first: t.get("date_first_day"),
            format: t.get("date_long"),
            rule: t.plural_rule(),
        }
    }

    /// `iso` (`YYYY-MM-DD`) written out; any other text unchanged.
    pub fn long(&self, iso: &str) -> String {
        let Some((year, month, day)) = parse(iso) else {
            return iso.to_owned();
        };
        let day = if day == 1 {
            self.first.clone()
        } else {
            day.to_string()
        };
        let filled = crate::message::fill(
            &self.format,
            &[
                ("day", day.as_str()),
                ("month", self.months[month - 1].as_str()),
                ("year", year),
            ],
            self.rule,
        );
        filled.replace(' ', "\u{a0}")
    }
}

/// A reason's text as a page shows it: its dates written out ("à la session du
/// 18 juin 2026"), its labels translated. The JSON report keeps the ISO dates.
pub fn reason_text(t: &Strings, r: &crate::validate::rules::Reason) -> String {
    // Most reasons hold no date: the month names are looked up only for one that does.
    if !r.args.iter().any(|(_, value)| parse(value).is_some()) {
        return r.format_with(t.text(r.key), |k| t.text(k));
    }
    let words = DateWords::new(t);
    let mut written = r.clone();
    for (_, value) in written.args.iter_mut() {
        if parse(value).is_some() {
            *value = words.long(value);
        }
    }
    written.format_with(t.text(r.key), |k| t.text(k))
}

fn parse(iso: &str) -> Option<(&str, usize, u32)> {
    let mut parts = iso.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    y.parse::<u32>().ok()?;
    let (m, d) = (m.parse::<usize>().ok()?, d.parse::<u32>().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn french() -> DateWords {
        let t = super::super::default_translations().unwrap();
        DateWords::new(&Strings(t["fr"].clone()))
    }

    #[test]
    fn writes_french_dates_unbroken() {
        let w = french();
        assert_eq!(w.long("2026-06-18"), "18\u{a0}juin\u{a0}2026");
        assert_eq!(w.long("2026-07-01"), "1er\u{a0}juillet\u{a0}2026");
        assert_eq!(w.long("2026-12-09"), "9\u{a0}décembre\u{a0}2026");
    }

    #[test]
    fn leaves_what_is_not_an_iso_date() {
        let w = french();
        assert_eq!(w.long("juin 2026"), "juin 2026");
        assert_eq!(w.long("2026-13-01"), "2026-13-01");
        assert_eq!(w.long("2026-06-18-2"), "2026-06-18-2");
    }
}
