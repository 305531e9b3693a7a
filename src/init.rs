//! `refolio init`: a new site skeleton that builds as it is: a config file and one small
//! referential showing the common case. Templates are not copied; the embedded defaults
//! apply until the site adds its own.

use std::fs;
use std::path::Path;

use crate::Error;
use crate::config::CONFIG_FILE;
use crate::load::REFERENTIALS_DIR;

const CONFIG: &str = r#"# refolio site configuration: see docs/content-format.md
title = "Mes référentiels"
# base_url = "https://example.org/"
language = "fr"

# The accessibility declaration (RGAA) linked from every page's footer. Without an audit
# the status must stay "none" (non conforme). See docs/content-format.md.
# [accessibility]
# entity = "Mon organisme"
# status = "none"            # none | partial | full (partial and full need audit_date)
# audit_date = 2026-11-20
# rate = 87.5                # % of the RGAA criteria met
# contact_email = "accessibilite@example.org"
"#;

const REFERENTIAL: &str = include_str!("../templates/init/exemple.yaml");

/// Creates the skeleton in `dir` (created if missing). Refuses to overwrite an existing site.
pub fn init(dir: &Path) -> Result<(), Error> {
    if dir.join(CONFIG_FILE).exists() || dir.join(REFERENTIALS_DIR).exists() {
        return Err(Error::Usage(format!(
            "`{}` already holds a refolio site; nothing was changed",
            dir.display()
        )));
    }
    let referentials = dir.join(REFERENTIALS_DIR);
    fs::create_dir_all(&referentials).map_err(|e| Error::io(&referentials, e))?;
    let config = dir.join(CONFIG_FILE);
    fs::write(&config, CONFIG).map_err(|e| Error::io(&config, e))?;
    let example = referentials.join("exemple.yaml");
    fs::write(&example, REFERENTIAL).map_err(|e| Error::io(&example, e))?;
    Ok(())
}
