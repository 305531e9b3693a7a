//! Referentials: arbitrary bytes as `content/referentials/fuzz.yaml` → YAML parsing →
//! lowering → validation (what `refolio check` does for one referential file), then a fixed
//! candidate with marks and results lowered against it → coverage, decision and JSON report.
//! Diagnostics are printed with their snippet.
#![no_main]

use libfuzzer_sys::fuzz_target;
use refolio::diagnostics::{Diagnostics, Sources};
use refolio_fuzz::{
    check_candidate, check_referential, parse_passport, render_diagnostics, site_of, text,
};

const PASSPORT: &str = "\
name: Fuzz
referential: fuzz
results:
  criteria: { Cr1.1.1: true, C1.1.cr1: false, B1.cr1: true }
  marks: { B1: 12/20, B2: 50, E1: 7, B1.E1: 3/4 }
  professional_evaluation: 10/20
";

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let text = text.as_str();
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    if let Some(r) = check_referential("fuzz", text, &mut sources, &mut diags) {
        let site = site_of(vec![r]);
        let mut candidate_diags = Diagnostics::default();
        let passport = parse_passport("fuzz", PASSPORT, &mut sources, &mut candidate_diags);
        assert!(passport.is_some(), "the fixed passport parses");
        check_candidate("fuzz", passport, Vec::new(), &site, &mut candidate_diags);
        diags.extend(candidate_diags.into_vec());
    }
    render_diagnostics(&diags, &sources);
});
