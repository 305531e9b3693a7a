//! Validate: checks over the whole model, once every item and reference is known. Pure
//! functions returning diagnostics; single values and references were already checked
//! while lowering (see `model::lower`).

mod referential;

pub use referential::validate_referential;

use crate::diagnostics::Diagnostics;
use crate::model::Site;

/// Every whole-model problem of the site.
pub fn validate_site(site: &Site, diags: &mut Diagnostics) {
    for r in &site.referentials {
        diags.extend(validate_referential(r));
    }
}
