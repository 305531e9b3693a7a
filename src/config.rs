//! The site configuration file, `refolio.toml`: site title, base URL, UI language and what
//! to do with candidate portfolios.
//! Absent file means defaults; a malformed one is a located diagnostic.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Position, Sources};

pub const CONFIG_FILE: &str = "refolio.toml";

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "refolio".to_owned(),
            base_url: None,
            language: Language::Fr,
            candidates: CandidatesConfig::default(),
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
}

impl Default for CandidatesConfig {
    fn default() -> Self {
        CandidatesConfig {
            publish: true,
            require_criteria: false,
            allow_gaps: false,
            pseudonymize: false,
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
}

impl Overrides {
    pub fn apply(&self, config: &mut Config) {
        if let Some(url) = &self.base_url {
            config.base_url = Some(url.clone());
        }
        config.candidates.allow_gaps |= self.allow_gaps;
        config.candidates.publish &= !self.no_candidates;
    }
}

impl Config {
    /// Reads `root/refolio.toml` if it exists. Problems are reported and defaults used.
    pub fn load(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Config {
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            return Config::default();
        }
        let Some(text) = crate::load::read_text(&path, Path::new(CONFIG_FILE), diags) else {
            return Config::default();
        };
        let parsed = toml::from_str::<Config>(&text);
        let config = match parsed {
            Ok(c) => c,
            Err(e) => {
                let position = e.span().map(|s| Position::at_offset(&text, s.start));
                let (kind, message, suggestion) =
                    crate::load::explain_serde_message(e.message().trim().to_owned());
                diags.push(
                    Diagnostic::error(kind, Some(Location::new(CONFIG_FILE, position)), message)
                        .with_suggestion(suggestion),
                );
                Config::default()
            }
        };
        sources.insert(CONFIG_FILE, text);
        config
    }
}
