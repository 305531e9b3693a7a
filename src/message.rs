//! Messages: a translated string of `strings.toml` with its `{name}` placeholders filled in
//! and its plural forms chosen, so that no message writes "critère(s)".
//!
//! `{name}` is the value of `name`. `{name|one|other}` is the form `one` or `other`, chosen
//! by the count `name` holds: a number, or a list of IDs (`B1, B3` counts 2). The forms are
//! literal text (no `{`, `|` or `}` in them); the count itself is written with `{name}`:
//! `"{count} {count|critère dispensé|critères dispensés}"`. Which form zero takes is the
//! language's (French says "0 critère", English "0 criteria"): its `plural_zero` string,
//! `one` or `other`.

/// How a language chooses between its two plural forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralRule {
    /// 0 and 1 take the singular (French).
    ZeroIsOne,
    /// Only 1 takes the singular (English).
    OnlyOne,
}

impl PluralRule {
    /// The rule a language's `plural_zero` string names; French's when it names none.
    pub fn from_zero_form(form: &str) -> PluralRule {
        match form {
            "other" => PluralRule::OnlyOne,
            _ => PluralRule::ZeroIsOne,
        }
    }

    pub fn is_one(self, count: u64) -> bool {
        count == 1 || (count == 0 && self == PluralRule::ZeroIsOne)
    }
}

/// The count a value stands for: the number it is, or the number of IDs it lists.
fn count(value: &str) -> u64 {
    value
        .trim()
        .parse::<u64>()
        .unwrap_or_else(|_| value.split(", ").filter(|s| !s.trim().is_empty()).count() as u64)
}

/// `template` with its placeholders filled from `args` (see the module's documentation).
/// One pass over the template: a dossier formats a message for every competence. A brace
/// that opens no known name is kept as it is.
pub fn fill<S: AsRef<str>>(template: &str, args: &[(&str, S)], rule: PluralRule) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let filled = after.split_once('}').and_then(|(inside, tail)| {
            let mut parts = inside.split('|');
            let name = parts.next()?;
            let (_, value) = args.iter().find(|(n, _)| *n == name)?;
            let value = value.as_ref();
            match (parts.next(), parts.next(), parts.next()) {
                (None, ..) => Some((value, tail)),
                (Some(one), Some(other), None) => Some((
                    if rule.is_one(count(value)) {
                        one
                    } else {
                        other
                    },
                    tail,
                )),
                _ => None,
            }
        });
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: PluralRule = PluralRule::ZeroIsOne;
    const EN: PluralRule = PluralRule::OnlyOne;

    #[test]
    fn chooses_the_form_by_count_and_language() {
        let t = "{n} {n|critère dispensé|critères dispensés}";
        assert_eq!(fill(t, &[("n", "1")], FR), "1 critère dispensé");
        assert_eq!(fill(t, &[("n", "2")], FR), "2 critères dispensés");
        assert_eq!(fill(t, &[("n", "0")], FR), "0 critère dispensé");
        assert_eq!(
            fill("{n} {n|criterion|criteria}", &[("n", "0")], EN),
            "0 criteria"
        );
        assert_eq!(
            fill("{n} {n|criterion|criteria}", &[("n", "1")], EN),
            "1 criterion"
        );
    }

    #[test]
    fn a_list_of_ids_counts_its_items() {
        let t = "{ids|Bloc non validé|Blocs non validés} : {ids}.";
        assert_eq!(fill(t, &[("ids", "B2")], FR), "Bloc non validé : B2.");
        assert_eq!(
            fill(t, &[("ids", "B2, B3")], FR),
            "Blocs non validés : B2, B3."
        );
    }

    #[test]
    fn keeps_what_is_not_a_placeholder() {
        let args = [("a", "{b}"), ("b", "2")];
        assert_eq!(fill("{a} et {b}", &args, FR), "{b} et 2");
        assert_eq!(fill("{c} {a", &args, FR), "{c} {a");
        assert_eq!(fill("{b|x}", &args, FR), "{b|x}");
        assert_eq!(fill("{b|x|y|z}", &args, FR), "{b|x|y|z}");
        assert_eq!(fill("é{b}é", &args, FR), "é2é");
    }
}
