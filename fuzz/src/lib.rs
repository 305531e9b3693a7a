//! Shared harness of the fuzz targets: the same steps `refolio check` takes for one unit
//! (see `read_referential` and `read_candidate` in `src/project.rs`), in memory, followed by
//! what the CLI does with the result (diagnostics printed with their snippet, the JSON
//! report). Any panic, overflow or runaway allocation in them is a bug.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use refolio::config::{CandidatesConfig, Config};
use refolio::diagnostics::{Diagnostics, Sources};
use refolio::load::candidate::{CandidateFolder, EvidenceFile};
use refolio::load::raw::RawReferential;
use refolio::load::raw_candidate::RawPassport;
use refolio::load::{ReferentialFile, parse_yaml};
use refolio::model::{self, Referential, Site};
use refolio::render::{Strings, Templates, report};
use refolio::validate;

/// The fuzz input as a file's text, as `load::read_text` gives it: UTF-8 or nothing (invalid
/// UTF-8 never reaches the parsers), without a byte-order mark, lone `\r` made `\n`.
pub fn text(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Some(refolio::load::normalize_line_breaks(text.to_owned()))
}

/// One referential text, read as `content/referentials/<id>.yaml`: parsed, lowered and
/// validated, its diagnostics added to `diags`.
pub fn check_referential(
    id: &str,
    text: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Referential> {
    let rel = PathBuf::from(format!("content/referentials/{id}.yaml"));
    let parsed = parse_yaml::<RawReferential>(text, &rel);
    sources.insert(&rel, text);
    let raw = parsed.map_err(|d| diags.push(d)).ok()?;
    let file = ReferentialFile {
        id: id.to_owned(),
        path: rel,
        raw,
    };
    let r = model::lower_referential(file, diags);
    diags.extend(validate::validate_referential(&r));
    Some(r)
}

/// A site of the bundled example referentials and the candidate fixtures' two (one with a
/// points grid, one with a competence threshold and exemptions), lowered once.
pub fn bundled_site() -> &'static Site {
    static BUNDLED: OnceLock<Site> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let files = [
            (
                "developpement-commercial",
                include_str!("../../content/referentials/developpement-commercial.yaml"),
            ),
            (
                "business-developer",
                include_str!("../../content/referentials/business-developer.yaml"),
            ),
            (
                "developpement-commercial-international",
                include_str!(
                    "../../content/referentials/developpement-commercial-international.yaml"
                ),
            ),
            (
                "grille",
                include_str!("../../tests/fixtures/candidates/content/referentials/grille.yaml"),
            ),
            (
                "seuil",
                include_str!("../../tests/fixtures/candidates/content/referentials/seuil.yaml"),
            ),
        ];
        let referentials = files
            .iter()
            .map(|(id, text)| {
                let mut diags = Diagnostics::default();
                let r = check_referential(id, text, &mut Sources::default(), &mut diags)
                    .expect("bundled referential parses");
                assert!(!diags.has_errors(), "bundled referential `{id}` is valid");
                r
            })
            .collect();
        site_of(referentials)
    })
}

/// A site holding `referentials` and no candidate, with [`candidates_config`].
pub fn site_of(referentials: Vec<Referential>) -> Site {
    Site {
        config: Config {
            candidates: candidates_config(),
            ..Config::default()
        },
        referentials,
        candidates: Vec::new(),
    }
}

/// The candidate settings the targets use: the strictest coverage and pseudonyms on, so
/// that every branch of lowering and coverage runs.
pub fn candidates_config() -> CandidatesConfig {
    CandidatesConfig {
        publish: true,
        require_criteria: true,
        allow_gaps: false,
        pseudonymize: true,
    }
}

/// A fixed passport against the `seuil` fixture referential, as evidence targets need one.
pub const SEUIL_PASSPORT: &str =
    include_str!("../../tests/fixtures/candidates/content/candidates/alice/passport.yaml");

/// Parses a passport text read as `content/candidates/<id>/passport.yaml`.
pub fn parse_passport(
    id: &str,
    text: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<RawPassport> {
    let rel = passport_path(id);
    let parsed = parse_yaml::<RawPassport>(text, &rel);
    sources.insert(&rel, text);
    parsed.map_err(|d| diags.push(d)).ok()
}

pub fn passport_path(id: &str) -> PathBuf {
    Path::new("content/candidates")
        .join(id)
        .join("passport.yaml")
}

/// Lowers a candidate folder against the referentials of `site`, computes its dossier and
/// its JSON report, as `refolio check --report json` does (attachments are not resolved:
/// they need files).
pub fn check_candidate(
    id: &str,
    passport: Option<RawPassport>,
    evidence: Vec<EvidenceFile>,
    site: &Site,
    diags: &mut Diagnostics,
) {
    let folder = CandidateFolder {
        id: id.to_owned(),
        dir: Path::new("content/candidates").join(id),
        passport_path: passport_path(id),
        passport,
        evidence,
    };
    let config = &site.config.candidates;
    let referentials = &site.referentials;
    let Some(candidate) = model::lower_candidate(folder, referentials, config, diags) else {
        return;
    };
    let r = &referentials[candidate.referential];
    let dossier = validate::dossier(&candidate, r, config, diags);
    let json = report::candidate_report_json(site, &candidate, &dossier, strings());
    assert!(json.starts_with('{'), "the report is a JSON object");
}

/// The default French UI strings (no `templates/` folder next to this crate).
fn strings() -> &'static Strings {
    static STRINGS: OnceLock<Strings> = OnceLock::new();
    STRINGS.get_or_init(|| {
        Templates::load(Path::new(env!("CARGO_MANIFEST_DIR")), Default::default())
            .expect("default templates load")
            .strings()
            .clone()
    })
}

/// Prints every diagnostic as the CLI does (headline, quoted line and caret) and checks
/// that each position lies in its file.
pub fn render_diagnostics(diags: &Diagnostics, sources: &Sources) {
    for d in diags.sorted() {
        let out = d.render(sources);
        assert!(!out.is_empty());
        let Some(loc) = &d.location else { continue };
        let (Some(pos), Some(text)) = (loc.position, sources.get(&loc.path)) else {
            continue;
        };
        let lines = text.split('\n').count();
        assert!(
            pos.line >= 1 && pos.line as usize <= lines,
            "{}: line {} of a {lines}-line file",
            d.headline(),
            pos.line,
        );
    }
}
