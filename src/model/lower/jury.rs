//! Lowering of the jury composition a referential states (`rules.jury`): member counts, the
//! president's quality, quotas per quality, the share of professionals, independence. A
//! quota that cannot be met together with the counts is reported where it is written.

use super::*;
use crate::load::raw_rules::RawJuryRules;
use crate::model::session::{JuryRules, Quality, Quota};

impl Lowering<'_> {
    pub(super) fn jury_rules(&mut self, raw: &RawJuryRules) -> JuryRules {
        let mut rules = JuryRules::default();
        if let Some(n) = &raw.members {
            if raw.min_members.is_some() || raw.max_members.is_some() {
                self.error(
                    Kind::InvalidValue,
                    n,
                    "give `members` (exactly) or `min_members` / `max_members`, not both",
                );
            }
            rules.min_members = Some(n.value);
            rules.max_members = Some(n.value);
        } else {
            rules.min_members = raw.min_members.as_ref().map(|n| n.value);
            rules.max_members = raw.max_members.as_ref().map(|n| n.value);
            if let (Some(min), Some(max)) = (&raw.min_members, &raw.max_members)
                && min.value > max.value
            {
                self.error(
                    Kind::InvalidValue,
                    max,
                    format!(
                        "at most {} members is fewer than the minimum, {}",
                        max.value, min.value
                    ),
                );
            }
        }
        if let Some(p) = &raw.president {
            rules.president = match p.value.trim() {
                "any" => Some(None),
                _ => {
                    let mut names = Quality::NAMES.to_vec();
                    names.push("any");
                    self.quality(p, &names).map(Some)
                }
            };
        }
        for q in &raw.composition {
            let Some(quality) = self.quality(&q.quality, &Quality::NAMES) else {
                continue;
            };
            let (mut at_least, mut at_most) = (
                q.at_least.as_ref().map(|n| n.value),
                q.at_most.as_ref().map(|n| n.value),
            );
            if let Some(n) = &q.exactly {
                if at_least.is_some() || at_most.is_some() {
                    self.error(
                        Kind::InvalidValue,
                        n,
                        "give `exactly`, or `at_least` / `at_most`, not both",
                    );
                }
                (at_least, at_most) = (Some(n.value), Some(n.value));
            }
            if at_least.is_none() && at_most.is_none() {
                self.error(
                    Kind::Empty,
                    &q.quality,
                    format!("the quota of `{}` gives no number", quality.name()),
                );
            }
            if let (Some(n), Some(max)) = (at_least, rules.max_members)
                && n > max
            {
                self.error(
                    Kind::InvalidValue,
                    &q.quality,
                    format!(
                        "{n} members of quality `{}` do not fit in a jury of at most {max}",
                        quality.name()
                    ),
                );
            }
            rules.quotas.push(Quota {
                quality,
                at_least,
                at_most,
            });
        }
        if let Some(p) = &raw.professional_share {
            self.percentage(p);
            rules.professional_share = Some(p.value);
        }
        rules.independence = raw.independence.as_ref().is_some_and(|b| b.value);
        rules
    }

    fn quality(&mut self, s: &Spanned<String>, names: &[&str]) -> Option<Quality> {
        super::process::parse_name(self, s, "jury member quality", names, Quality::parse)
    }
}
