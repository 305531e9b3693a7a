//! Where a site keeps its sources: the names of the content tree's folders and files,
//! relative to the site root. Loading reads them and incremental work classifies file
//! events by them, so both take them from here rather than from each other.

/// The site's configuration file.
pub const CONFIG_FILE: &str = "refolio.toml";
/// The content folder, holding the three below (by their folder names).
pub const CONTENT_DIR: &str = "content";
pub const REFERENTIALS: &str = "referentials";
pub const CANDIDATES: &str = "candidates";
pub const SESSIONS: &str = "sessions";
/// Where a site keeps its referentials.
pub const REFERENTIALS_DIR: &str = "content/referentials";
/// Where a site keeps its candidates, one folder each.
pub const CANDIDATES_DIR: &str = "content/candidates";
/// A candidate's passport, in its folder.
pub const PASSPORT_FILE: &str = "passport.yaml";
/// Where a site keeps its jury sessions.
pub const SESSIONS_DIR: &str = "content/sessions";
/// The site's own templates, overriding the defaults.
pub const TEMPLATES_DIR: &str = "templates";
/// The UI strings, in the templates folder.
pub const STRINGS_FILE: &str = "strings.toml";
/// The stylesheet, in the templates folder.
pub const STYLESHEET_FILE: &str = "style.css";

/// Editor swap and backup files, which must never be read as content.
pub fn is_editor_temporary(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_content_folder_is_its_name_in_the_content_folder() {
        for (dir, name) in [
            (REFERENTIALS_DIR, REFERENTIALS),
            (CANDIDATES_DIR, CANDIDATES),
            (SESSIONS_DIR, SESSIONS),
        ] {
            assert_eq!(dir, format!("{CONTENT_DIR}/{name}"));
        }
    }
}
