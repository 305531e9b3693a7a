//! A condition of the title beside the blocs — the professional evaluation, the final
//! interview, the minimum period in company — and where it stands.

use serde::Serialize;

use super::rules::Reason;

/// Where a condition of the title stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Met,
    Failed,
    Pending,
    /// Not declared, not required, or exempted.
    NotApplicable,
}

/// A condition (the professional evaluation, the final interview, the period in company), as
/// the title sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub standing: Standing,
    /// Its mark for the grid's total, penalties applied.
    pub mark: Option<f64>,
    /// Points of the grid that do not apply (exempted).
    pub excluded: u32,
    pub reasons: Vec<Reason>,
}

impl Condition {
    pub fn not_applicable() -> Condition {
        Condition {
            standing: Standing::NotApplicable,
            mark: None,
            excluded: 0,
            reasons: Vec::new(),
        }
    }
}
