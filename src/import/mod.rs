//! Import: turns a referential published elsewhere into a [`draft::Draft`] referential file
//! for its author to review. [`rncp`] reads France compétences' open-data export (blocs and
//! competence lists only); [`table`] reads the certifier's own table document (activities,
//! competences, modalities, criteria). Both only ever create a new file, unless forced.

pub mod draft;
pub mod rncp;
pub mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::diagnostics::{Diagnostics, Sources};

/// What an importer produced: the referential and what it was unsure of.
#[derive(Debug, Default)]
pub struct Imported {
    /// The file stem to write it under (lowercase letters, digits, dashes).
    pub id: String,
    pub draft: draft::Draft,
    /// One line per doubt, for the terminal (each is also a comment in the file).
    pub report: Vec<String>,
    /// `--explain`: what each piece of text was taken for and why, line by line.
    pub explained: Vec<String>,
    /// The closing figures: what the draft holds and the share of the text it kept.
    pub summary: Option<String>,
}

/// What [`write`] did.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    /// The written file read back through the loader and validation (warnings only,
    /// unless the importer has a bug).
    pub diagnostics: Diagnostics,
    pub sources: Sources,
}

/// Writes `imported` as `<out>/<id>.yaml`. An existing file is refused unless `force`;
/// the file is created whole or not at all (written beside it, then renamed).
pub fn write(imported: &Imported, out: &Path, force: bool) -> Result<Written, Error> {
    let yaml = imported.draft.to_yaml();
    let path = out.join(format!("{}.yaml", imported.id));
    if !force && std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Usage(format!(
            "`{}` exists; refusing to overwrite it (use --force, or --out to write elsewhere)",
            path.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let mut staged = tempfile::NamedTempFile::new_in(out).map_err(|e| Error::io(out, e))?;
    staged
        .write_all(yaml.as_bytes())
        .map_err(|e| Error::io(staged.path(), e))?;
    staged
        .persist(&path)
        .map_err(|e| Error::io(&path, e.error))?;
    let (diagnostics, sources) = draft::verify_at(&imported.id, &yaml, &path);
    Ok(Written {
        path,
        diagnostics,
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imported() -> Imported {
        Imported {
            id: "essai".into(),
            draft: draft::Draft {
                title: "Essai".into(),
                ..draft::Draft::default()
            },
            ..Imported::default()
        }
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("essai.yaml");
        std::fs::write(&path, "mine").unwrap();
        let e = write(&imported(), dir.path(), false).unwrap_err();
        assert!(e.to_string().contains("refusing to overwrite"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        write(&imported(), dir.path(), true).unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("title: \"Essai\"")
        );
        // Only the file itself: no staging file left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
