//! `refolio import table`: a certifier's referential table document (text with HTML table
//! fragments, or tabular text) as a draft referential. To be written (issue 8).

use std::path::Path;

use super::Imported;
use crate::Error;

/// Reads the document at `path`; `id` names the referential (default: from the file name).
pub fn import(path: &Path, id: Option<&str>) -> Result<Imported, Error> {
    let _ = (path, id);
    Err(Error::Usage("not implemented yet".into()))
}
