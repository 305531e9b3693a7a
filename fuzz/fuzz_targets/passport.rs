//! Passports: arbitrary bytes as `content/candidates/fuzz/passport.yaml` → YAML parsing →
//! lowering against the bundled referentials (its `referential:` picks one) with one fixed
//! evidence file → coverage, decision and JSON report. Diagnostics are printed with their
//! snippet.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use refolio::diagnostics::{Diagnostics, Sources};
use refolio::load::candidate::{EvidenceFile, parse_evidence};
use refolio_fuzz::{bundled_site, check_candidate, parse_passport, render_diagnostics, text};

const ID: &str = "fuzz";
const EVIDENCE: &str =
    "---\ntitle: Preuve\ndemonstrates: [C1.1, Cr1.1.1, C2.1, { id: B1 }]\n---\nTexte.\n";

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let text = text.as_str();
    let site = bundled_site();
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let passport = parse_passport(ID, text, &mut sources, &mut diags);
    if passport.is_some() {
        let rel = Path::new("content/candidates/fuzz/preuve.md");
        let (front, body) = parse_evidence(EVIDENCE, rel).expect("the fixed evidence parses");
        sources.insert(rel, EVIDENCE);
        let evidence = EvidenceFile {
            path: rel.to_path_buf(),
            stem: "preuve".to_owned(),
            front,
            body,
            attachments: Vec::new(),
                incomplete: false,
        };
        check_candidate(ID, passport, vec![evidence], site, &mut diags);
    }
    render_diagnostics(&diags, &sources);
});
