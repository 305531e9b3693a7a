//! Marks as candidates write them: points (`62`) or fractions (`12/20`, `12,5/20`), and
//! why a fraction is not a mark.

/// `12/20` or `12,5/20` → (12.5, 20).
pub(super) fn parse_fraction(t: &str) -> Option<(f64, f64)> {
    let (x, y) = fraction_parts(t)?;
    (y > 0.0 && x >= 0.0 && x <= y).then_some((x, y))
}

fn fraction_parts(t: &str) -> Option<(f64, f64)> {
    let (x, y) = t.split_once('/')?;
    let num = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok();
    Some((num(x)?, num(y)?))
}

/// What is wrong with a fraction that [`parse_fraction`] refuses; `None` when `t` is not a
/// fraction at all.
pub(super) fn fraction_problem(t: &str) -> Option<String> {
    let (x, y) = fraction_parts(t)?;
    Some(if !(x.is_finite() && y.is_finite()) {
        format!("`{t}` is not a mark")
    } else if y <= 0.0 {
        format!("mark `{t}` has no scale: it is out of {}", fmt_number(y))
    } else if x < 0.0 {
        format!("mark `{t}` is negative")
    } else if x > y {
        format!("mark `{t}` is above its scale")
    } else {
        return None;
    })
}

/// Whether `mark` reaches `needed`. Marks are written as decimals (`9,1/20`) and summed in
/// binary floating point, which can leave a sum a hair under a threshold it reaches exactly
/// (9.1/20 + 9.1/20 + 11.2/20 of 50, 50 and 75 points is 87.5, computed 87.49999999999999):
/// a difference under a millionth of a point is no difference. Every comparison of a mark
/// with a pass mark, a minimum or a total goes through here.
pub fn reaches(mark: f64, needed: f64) -> bool {
    mark >= needed - 1e-6
}

/// A mark shown beside the threshold it is compared with: as [`fmt_number`] shows it, unless
/// that would show a mark short of the threshold as reaching it (49.9995 shown "50" beside
/// a pass mark of 50); it is then cut, not rounded, at the first decimal that shows it short.
pub fn fmt_against(mark: f64, threshold: f64) -> String {
    let shown = fmt_number(mark);
    let looks_reached = |s: &str| s.parse::<f64>().is_ok_and(|v| v >= threshold);
    if reaches(mark, threshold) || !looks_reached(&shown) {
        return shown;
    }
    for decimals in 3..=6 {
        let scale = 10f64.powi(decimals);
        let cut = (mark * scale).floor() / scale;
        let s = format!("{cut:.*}", decimals as usize);
        let s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
        if !looks_reached(&s) {
            return s;
        }
    }
    shown
}

/// A number without a useless `.0`, at most two decimals: `62`, `162.5`.
pub fn fmt_number(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_exactly_at_a_threshold_reaches_it() {
        let sum = 9.1 / 20.0 * 50.0 + 9.1 / 20.0 * 50.0 + 11.2 / 20.0 * 75.0;
        assert!(sum < 87.5, "the float sum is under: {sum}");
        assert!(reaches(sum, 87.5));
        assert!(!reaches(87.49, 87.5));
    }

    #[test]
    fn a_mark_just_short_is_not_shown_as_its_threshold() {
        assert_eq!(fmt_number(49.9995), "50");
        assert_eq!(fmt_against(49.9995, 50.0), "49.999");
        assert_eq!(fmt_against(499.996, 500.0), "499.996");
        assert_eq!(fmt_against(49.95, 50.0), "49.95");
        assert_eq!(fmt_against(87.49999999999999, 87.5), "87.5");
    }

    #[test]
    fn fractions() {
        assert_eq!(parse_fraction("12/20"), Some((12.0, 20.0)));
        assert_eq!(parse_fraction("12,5 / 20"), Some((12.5, 20.0)));
        assert_eq!(parse_fraction("21/20"), None);
        assert_eq!(parse_fraction("12"), None);
    }

    #[test]
    fn refused_fractions_say_why() {
        assert_eq!(
            fraction_problem("21/20").unwrap(),
            "mark `21/20` is above its scale"
        );
        assert_eq!(
            fraction_problem("3/0").unwrap(),
            "mark `3/0` has no scale: it is out of 0"
        );
        assert_eq!(
            fraction_problem("-1/20").unwrap(),
            "mark `-1/20` is negative"
        );
        assert_eq!(fraction_problem("12/20"), None);
        assert_eq!(fraction_problem("bien"), None);
    }

    #[test]
    fn numbers_print_without_useless_decimals() {
        assert_eq!(fmt_number(62.0), "62");
        assert_eq!(fmt_number(162.5), "162.5");
    }
}
