//! Lowering of a referential's metadata and rules: single values checked against what
//! makes sense (a level from 1 to 8, a pass mark within the total, a real date).

use super::*;

impl Lowering<'_> {
    pub(super) fn metadata(&mut self, raw: &RawReferential) {
        self.r.title = self.text(&raw.title, "the referential title");
        self.r.rncp = self.optional_text(&raw.rncp, "the RNCP code");
        if let Some(level) = &raw.level {
            if !(1..=8).contains(&level.value) {
                self.error(
                    Kind::InvalidValue,
                    level,
                    format!(
                        "level {} is not a qualification level (1 to 8)",
                        level.value
                    ),
                );
            }
            self.r.level = u8::try_from(level.value).ok();
        }
        self.r.certifier = self.optional_text(&raw.certifier, "the certifier");
        if let Some(v) = &raw.version {
            if v.value.trim().is_empty() {
                self.error(Kind::EmptyText, v, "the version date is empty");
            } else if !is_iso_date(v.value.trim()) {
                self.error(
                    Kind::InvalidValue,
                    v,
                    format!(
                        "version date `{}` is not a date written YYYY-MM-DD",
                        v.value.trim()
                    ),
                );
            }
            self.r.version = Some(v.value.trim().to_owned());
        }
        self.r.language = self
            .optional_text(&raw.language, "the language")
            .unwrap_or_else(|| "fr".to_owned());
        self.r.source_url = self.optional_text(&raw.source_url, "the source URL");
        if let (Some(url), Some(raw_url)) = (&self.r.source_url, &raw.source_url) {
            // An empty URL was reported as such.
            let fine = url.is_empty() || url.starts_with("https://") || url.starts_with("http://");
            if !fine {
                self.error(
                    Kind::InvalidValue,
                    raw_url,
                    "the source URL must start with https:// or http://",
                );
            }
        }
        self.r.preamble = self.optional_text(&raw.preamble, "the preamble");
        self.r.notes = self.optional_text(&raw.notes, "the notes text");
        self.r.draft = raw.draft.as_ref().is_some_and(|d| d.value);
    }

    pub(super) fn rules(&mut self, raw: &RawRules) -> Rules {
        let value = |s: &Option<Spanned<u32>>| s.as_ref().map(|s| s.value);
        for share in [&raw.competence_threshold, &raw.bloc_pass_percent]
            .into_iter()
            .flatten()
        {
            if share.value > 100 {
                self.error(
                    Kind::InvalidValue,
                    share,
                    format!("{} is not a percentage (0 to 100)", share.value),
                );
            }
        }
        if let (Some(total), Some(pass)) = (&raw.total_points, &raw.pass_mark)
            && pass.value > total.value
        {
            self.error(
                Kind::InvalidValue,
                pass,
                format!(
                    "pass mark {} is above the total of {} points",
                    pass.value, total.value
                ),
            );
        }
        let professional = raw.professional_evaluation.as_ref().map(|p| {
            if let Some(min) = &p.minimum
                && min.value > p.points.value
            {
                self.error(
                    Kind::InvalidValue,
                    min,
                    format!(
                        "minimum {} is above the {} points of the professional evaluation",
                        min.value, p.points.value
                    ),
                );
            }
            let parts: Vec<EvaluationPart> = p
                .parts
                .iter()
                .map(|part| {
                    let title = self.text(&part.title, "the part title");
                    EvaluationPart {
                        id: part
                            .id
                            .as_ref()
                            .map_or_else(|| anchor(&title), |id| id.value.trim().to_owned()),
                        title,
                        points: part.points.value,
                    }
                })
                .collect();
            let sum: u32 = parts.iter().map(|x| x.points).sum();
            if !parts.is_empty() && sum != p.points.value {
                let at = self.loc(&p.points);
                self.diags.push(Diagnostic::warning(
                    Kind::InvalidValue,
                    at,
                    format!("the parts add up to {sum} points, not {}", p.points.value),
                ));
            }
            ProfessionalEvaluation {
                points: p.points.value,
                minimum: value(&p.minimum),
                parts,
                exemptible_routes: Vec::new(),
            }
        });
        Rules {
            competence_threshold: value(&raw.competence_threshold),
            bloc_pass_percent: value(&raw.bloc_pass_percent),
            total_points: value(&raw.total_points),
            pass_mark: value(&raw.pass_mark),
            professional_evaluation: professional,
            partial_certification: raw.partial_certification.as_ref().map(|b| b.value),
            exemptions: raw.exemptions.as_ref().map(|b| b.value),
            exam_exemptions: raw.exam_exemptions.as_ref().map(|b| b.value),
            ..Rules::default()
        }
    }
}

/// `YYYY-MM-DD`, a day of the calendar (no 31 June, 29 February in leap years only).
pub(super) fn is_iso_date(s: &str) -> bool {
    parse_date(s).is_some()
}

/// The year, month and day of a `YYYY-MM-DD` day of the calendar.
fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
    (1..=days_in_month(y, m)?).contains(&d).then_some((y, m, d))
}

fn days_in_month(y: u32, m: u32) -> Option<u32> {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The day `months` months after `date` (`YYYY-MM-DD`), the day of the month kept, or the
/// month's last when it has fewer days (31 August + 6 months: 28 or 29 February).
pub(super) fn months_after(date: &str, months: u32) -> Option<String> {
    let (y, m, d) = parse_date(date)?;
    let total = m - 1 + months;
    let (y, m) = (y + total / 12, total % 12 + 1);
    let d = d.min(days_in_month(y, m)?);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates() {
        assert!(super::is_iso_date("2024-03-25"));
        assert!(!super::is_iso_date("25/03/2024"));
        assert!(!super::is_iso_date("2024-13-01"));
        assert!(super::is_iso_date("2024-02-29"));
        assert_eq!(
            super::months_after("2026-06-18", 6).as_deref(),
            Some("2026-12-18")
        );
        assert_eq!(
            super::months_after("2026-08-31", 6).as_deref(),
            Some("2027-02-28")
        );
        assert_eq!(
            super::months_after("2027-08-31", 6).as_deref(),
            Some("2028-02-29")
        );
        assert_eq!(
            super::months_after("2026-07-02", 18).as_deref(),
            Some("2028-01-02")
        );
        assert!(!super::is_iso_date("2025-02-29"));
        assert!(!super::is_iso_date("2025-06-31"));
    }
}
