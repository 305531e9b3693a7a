//! The site configuration file, `refolio.toml`: site title, base URL, UI language and what
//! to do with candidate portfolios.
//! Absent file means defaults; a malformed one is a located diagnostic.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Position, Sources};
use crate::sign::IssuerKey;

pub use crate::layout::CONFIG_FILE;

/// UI languages with a translation table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    /// Absolute URL the site is published at; pages link relatively and do not need it.
    pub base_url: Option<String>,
    pub language: Language,
    pub candidates: CandidatesConfig,
    /// Absent: the declaration says "not compliant" and names no contact. Spanned, so a
    /// warning about the table points at it.
    pub accessibility: Option<toml::Spanned<AccessibilityConfig>>,
    pub certificates: CertificatesConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "refolio".to_owned(),
            base_url: None,
            language: Language::Fr,
            candidates: CandidatesConfig::default(),
            accessibility: None,
            certificates: CertificatesConfig::default(),
        }
    }
}

/// The `[candidates]` table: what is done with candidate portfolios.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CandidatesConfig {
    /// False builds the public referential site with no candidate page at all.
    pub publish: bool,
    /// Every non-exempted criterion needs evidence, not only every competence.
    pub require_criteria: bool,
    /// Uncovered competences are warnings instead of errors.
    pub allow_gaps: bool,
    /// Candidates' names are replaced by stable pseudonyms everywhere.
    pub pseudonymize: bool,
    /// Evidence marked `draft: true` is built too (a preview), not left out.
    pub drafts: bool,
}

impl Default for CandidatesConfig {
    fn default() -> Self {
        CandidatesConfig {
            publish: true,
            require_criteria: false,
            allow_gaps: false,
            pseudonymize: false,
            drafts: false,
        }
    }
}

/// The `[certificates]` table: how the credentials of awarded certificates are signed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CertificatesConfig {
    /// An Ed25519 private key (PKCS#8 PEM), relative to the site folder. Absent: the
    /// credentials are published unsigned and the certificates say so.
    pub signing_key: Option<toml::Spanned<String>>,
    /// The key it names (or `--signing-key` gives), once read.
    #[serde(skip)]
    pub key: Option<IssuerKey>,
}

/// Conformity with the RGAA, as the accessibility declaration states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Conformity {
    /// Not audited, or under half of the criteria met (the RGAA's default).
    #[default]
    None,
    Partial,
    Full,
}

impl Conformity {
    pub fn code(self) -> &'static str {
        match self {
            Conformity::None => "none",
            Conformity::Partial => "partial",
            Conformity::Full => "full",
        }
    }
}

/// The `[accessibility]` table: what the site's accessibility declaration says (RGAA 4.1,
/// article 47 of law 2005-102). Every page's footer links to it with its conformity status.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccessibilityConfig {
    /// Who commits to accessibility; the site title when absent.
    pub entity: Option<String>,
    /// A status other than `none` is a claim an audit must back.
    pub status: toml::Spanned<Conformity>,
    pub rgaa_version: String,
    pub audit_date: Option<toml::value::Datetime>,
    pub auditor: Option<String>,
    /// Share of the RGAA criteria met, in percent.
    pub rate: Option<toml::Spanned<f64>>,
    /// When the declaration was written; the audit date when absent.
    pub declaration_date: Option<toml::value::Datetime>,
    /// Contents that fail criteria, in plain words.
    pub non_compliant: Vec<String>,
    /// Contents exempted for disproportionate burden.
    pub derogations: Vec<String>,
    /// Contents outside the law's scope.
    pub exempted: Vec<String>,
    pub contact_email: Option<String>,
    pub contact_url: Option<String>,
    pub contact_address: Option<String>,
}

impl Default for AccessibilityConfig {
    fn default() -> Self {
        AccessibilityConfig {
            entity: None,
            status: toml::Spanned::new(0..0, Conformity::None),
            rgaa_version: "4.1".to_owned(),
            audit_date: None,
            auditor: None,
            rate: None,
            declaration_date: None,
            non_compliant: Vec::new(),
            derogations: Vec::new(),
            exempted: Vec::new(),
            contact_email: None,
            contact_url: None,
            contact_address: None,
        }
    }
}

impl AccessibilityConfig {
    /// Whether the declaration names a way to reach the publisher.
    pub fn has_contact(&self) -> bool {
        self.contact_email.is_some() || self.contact_url.is_some() || self.contact_address.is_some()
    }

    /// Claims the RGAA does not allow: conformity without an audit, a rate out of range.
    fn check(&self, text: &str, diags: &mut Diagnostics) {
        let at = |span: std::ops::Range<usize>| {
            Some(Location::new(
                CONFIG_FILE,
                Some(Position::at_offset(text, span.start)),
            ))
        };
        if *self.status.get_ref() != Conformity::None && self.audit_date.is_none() {
            diags.push(
                Diagnostic::error(
                    Kind::InvalidValue,
                    at(self.status.span()),
                    format!(
                        "accessibility status `{}` needs the audit behind it",
                        self.status.get_ref().code()
                    ),
                )
                .with_suggestion(Some(
                    "add `audit_date` (and `rate`, the share of RGAA criteria met), or declare `status = \"none\"` until an audit is done".into(),
                )),
            );
        }
        if let Some(rate) = &self.rate
            && !(0.0..=100.0).contains(rate.get_ref())
        {
            diags.push(Diagnostic::error(
                Kind::InvalidValue,
                at(rate.span()),
                format!("accessibility rate {} is not a percentage", rate.get_ref()),
            ));
        }
    }
}

/// Command-line overrides of `refolio.toml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub base_url: Option<String>,
    /// Gaps are warnings.
    pub allow_gaps: bool,
    /// No candidate page: the public referential site.
    pub no_candidates: bool,
    /// Evidence marked `draft: true` is built too.
    pub drafts: bool,
    /// The signing key, instead of the one `refolio.toml` names: a key kept out of the
    /// site's repository (a CI secret).
    pub signing_key: Option<PathBuf>,
}

impl Overrides {
    fn apply(&self, config: &mut Config) {
        if let Some(url) = &self.base_url {
            config.base_url = Some(url.clone());
        }
        config.candidates.allow_gaps |= self.allow_gaps;
        config.candidates.drafts |= self.drafts;
        config.candidates.publish &= !self.no_candidates;
    }
}

impl Config {
    /// Reads `root/refolio.toml` if it exists, with `overrides` applied and the signing key
    /// read. Problems are reported and defaults used.
    pub fn load(
        root: &Path,
        overrides: &Overrides,
        sources: &mut Sources,
        diags: &mut Diagnostics,
    ) -> Config {
        let mut config = Config::read(root, overrides, sources, diags);
        if let Some(path) = &overrides.signing_key {
            let at = Location::new(path.clone(), None);
            config.certificates.key = IssuerKey::read(&root.join(path), at, diags);
        }
        overrides.apply(&mut config);
        config
    }

    fn read(
        root: &Path,
        overrides: &Overrides,
        sources: &mut Sources,
        diags: &mut Diagnostics,
    ) -> Config {
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            return Config::default();
        }
        let Some(text) = crate::load::read_text(&path, Path::new(CONFIG_FILE), diags) else {
            return Config::default();
        };
        let parsed = parse_all(&text);
        let config = match parsed {
            Ok(mut c) => {
                // A key given on the command line replaces this one, which need not exist
                // on the machine that builds.
                if let Some(path) = c
                    .certificates
                    .signing_key
                    .as_ref()
                    .filter(|_| overrides.signing_key.is_none())
                {
                    let at = Position::at_offset(&text, path.span().start);
                    let at = Location::new(CONFIG_FILE, Some(at));
                    c.certificates.key = IssuerKey::read(&root.join(path.get_ref()), at, diags);
                }
                if let Some(a) = &c.accessibility {
                    a.get_ref().check(&text, diags);
                    if !a.get_ref().has_contact() {
                        let at = Position::at_offset(&text, a.span().start);
                        diags.push(Diagnostic::warning(
                            Kind::Empty,
                            Some(Location::new(CONFIG_FILE, Some(at))),
                            "the accessibility declaration gives no contact",
                        ).with_suggestion(Some(
                            "the RGAA requires one: set `contact_email`, `contact_url` or `contact_address` under `[accessibility]`".into(),
                        )));
                    }
                }
                c
            }
            Err(errors) => {
                diags.extend(errors);
                Config::default()
            }
        };
        sources.insert(CONFIG_FILE, text);
        config
    }
}

/// Parses `refolio.toml`, reporting every independent error: after each, the key at fault
/// is commented out (a table with its keys) or its value replaced, keeping every line
/// where it is, and the text parsed again. A syntax error stops there.
fn parse_all(text: &str) -> Result<Config, Vec<Diagnostic>> {
    const PLACEHOLDERS: &[&str] = &["0", "false", "\"\"", "[]", "{}"];
    let mut current = text.to_owned();
    let mut errors = Vec::new();
    loop {
        let e = match toml::from_str::<Config>(&current) {
            Ok(c) if errors.is_empty() => return Ok(c),
            Ok(_) => return Err(errors),
            Err(e) => e,
        };
        let span = e.span();
        let position = span.clone().map(|s| Position::at_offset(text, s.start));
        let (kind, message, suggestion) =
            crate::load::explain_serde_message(e.message().trim().to_owned());
        let at = Location::new(CONFIG_FILE, position);
        errors.push(Diagnostic::error(kind, Some(at), message).with_suggestion(suggestion));
        let Some(span) = span.filter(|_| kind != Kind::Syntax && errors.len() < 50) else {
            return Err(errors);
        };
        // A value over several lines leaves its line breaks, so later lines stay in place.
        let breaks = "\n".repeat(current[span.clone()].matches('\n').count());
        let patches: Vec<String> = match kind {
            Kind::UnknownField => vec![comment_out(&current, span.start)],
            _ => PLACEHOLDERS
                .iter()
                .map(|p| {
                    let mut patched = current.clone();
                    patched.replace_range(span.clone(), &format!("{p}{breaks}"));
                    patched
                })
                .collect(),
        };
        // The next error must be past this one: an error at the same place is the patch's.
        let line =
            |t: &str, e: &toml::de::Error| e.span().map(|s| Position::at_offset(t, s.start).line);
        let here = position.map(|p| p.line);
        let next = patches
            .into_iter()
            .find(|p| match toml::from_str::<Config>(p) {
                Ok(_) => true,
                Err(e) => line(p, &e) != here,
            });
        match next {
            Some(p) => current = p,
            None => return Err(errors),
        }
    }
}

/// `text` with the line holding byte `at` made a comment; a table header with its keys.
fn comment_out(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let is_table = text[start..].trim_start().starts_with('[');
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..start]);
    let mut commenting = true;
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        if i > 0 && (!is_table || line.trim_start().starts_with('[')) {
            commenting = false;
        }
        if commenting {
            out.push('#');
        }
        out.push_str(line);
    }
    out
}
