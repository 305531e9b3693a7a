//! `refolio import rncp`: one fiche of France compétences' RNCP open-data export (XML,
//! format v4.1), read as a stream, as a draft referential. To be written (issue 8).

use std::path::Path;

use super::Imported;
use crate::Error;

/// Finds fiche `fiche` (e.g. `RNCP36395`) in the export at `xml` and recovers its blocs,
/// competences and modality texts.
pub fn import(xml: &Path, fiche: &str) -> Result<Imported, Error> {
    let _ = xml;
    Err(Error::Usage(format!(
        "importing {fiche}: not implemented yet"
    )))
}
