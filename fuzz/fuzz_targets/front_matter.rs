//! Evidence files: arbitrary bytes as an evidence file's text → front-matter splitting and
//! YAML parsing (`load::candidate::parse_evidence`) → the evidence lowered with a fixed
//! passport against the `seuil` fixture referential → coverage, decision and JSON report.
//! Diagnostics are printed with their snippet, as `refolio check` does.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use refolio::diagnostics::{Diagnostics, Sources};
use refolio::load::candidate::{EvidenceFile, parse_evidence};
use refolio_fuzz::{
    SEUIL_PASSPORT, bundled_site, check_candidate, parse_passport, render_diagnostics, text,
};

const ID: &str = "fuzz";

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let text = text.as_str();
    let site = bundled_site();
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let rel = Path::new("content/candidates/fuzz/preuves/preuve.md");
    let parsed = parse_evidence(text, rel);
    sources.insert(rel, text);
    match parsed {
        Ok((front, body)) => {
            assert!(
                text.ends_with(body.as_str()),
                "the body is the end of the file"
            );
            let passport = parse_passport(ID, SEUIL_PASSPORT, &mut sources, &mut diags);
            assert!(passport.is_some(), "the fixed passport parses");
            let evidence = EvidenceFile {
                path: rel.to_path_buf(),
                stem: "preuves/preuve".to_owned(),
                front,
                body,
                attachments: Vec::new(),
                incomplete: false,
            };
            check_candidate(ID, passport, vec![evidence], site, &mut diags);
        }
        Err(d) => diags.push(d),
    }
    render_diagnostics(&diags, &sources);
});
