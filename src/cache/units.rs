//! The candidates as the last build lowered them, kept beside the build cache
//! (`.<output>.refolio-units.bin`), so that a partial build reads, parses and lowers again
//! only the candidate folders a change reaches and takes the others from here: reading and
//! parsing every passport and evidence file was most of a partial build's time.
//!
//! What is kept of a candidate is its lowered model, the diagnostics found up to then and
//! the lines they mask; its dossier is worked out again (it is cheap, and it is where gaps
//! are reported), so the build reports exactly what reading the folder would. The file
//! belongs to one cache file: it carries that file's key and scan time, and is used only
//! with it. Binary (postcard), framed per candidate with a checksum; anything that does not
//! read back whole is ignored with a warning, never trusted. Safe to delete.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Mask};
use crate::incremental::{ChangeKind, referential_id};
use crate::model::Candidate;
use crate::{Checked, Error};

/// The file's first bytes, and the version of its shape: bumped when a kept type changes.
const MAGIC: &[u8; 16] = b"refolio-units\0\0\x02";

/// One candidate folder as the last build left it, before its dossier.
#[derive(Debug, Deserialize)]
pub struct Unit {
    /// The referential its passport names.
    pub target: Option<String>,
    pub candidate: Option<Candidate>,
    pub diags: Vec<Diagnostic>,
    pub masks: Vec<Mask>,
}

/// [`Unit`] borrowed from a checked site, to write it: the same encoding.
#[derive(Serialize)]
struct UnitRef<'a> {
    target: &'a Option<String>,
    candidate: Option<&'a Candidate>,
    diags: &'a [Diagnostic],
    masks: &'a [Mask],
}

/// What a project records of a candidate folder for this file (see
/// `Project::into_checked`): the lowered candidate itself stays in the site.
#[derive(Debug, Clone)]
pub struct UnitRecord {
    pub folder: String,
    /// The candidate's ID in the site, when it was lowered.
    pub item: Option<String>,
    pub target: Option<String>,
    /// The diagnostics found before its dossier.
    pub diags: Vec<Diagnostic>,
    pub masks: Vec<Mask>,
}

/// What a partial build takes from the last one instead of reading it again.
pub struct Kept {
    /// The referentials' IDs then, in order: a change of the set relowers the candidates
    /// whose referential was unknown.
    pub referentials: Vec<String>,
    /// By folder name.
    pub units: HashMap<String, Unit>,
    /// The content changes since.
    pub changes: BTreeSet<ChangeKind>,
}

impl Kept {
    /// The units the changes do not reach, by folder name, the referentials' IDs being `now`:
    /// the rule of `Project::apply`, which `serve` follows (a candidate's own files, its
    /// referential, or for one naming an unknown referential any change of the set).
    pub fn reusable<'a>(self, now: impl Iterator<Item = &'a str>) -> HashMap<String, Unit> {
        let Kept {
            referentials,
            mut units,
            changes,
        } = self;
        let touched: BTreeSet<&str> = changes
            .iter()
            .filter_map(|c| match c {
                ChangeKind::Referential(name) => Some(referential_id(name)),
                _ => None,
            })
            .collect();
        let set_changed = !now.eq(referentials.iter().map(String::as_str));
        for name in changes.iter().filter_map(ChangeKind::candidate) {
            units.remove(name);
        }
        units.retain(|_, u| {
            let target = u.target.as_deref();
            let relower = target.is_some_and(|t| touched.contains(t))
                || (set_changed && u.candidate.is_none() && target.is_some());
            !relower
        });
        units
    }
}

/// The header: whose file it is.
#[derive(Serialize, Deserialize)]
struct Header {
    /// The cache file's key and scan time (see [`token`]).
    token: String,
    referentials: Vec<String>,
    units: u64,
}

/// The file of the output folder `target`, beside its cache file.
pub fn file_for(target: &Path) -> PathBuf {
    super::beside(target, "refolio-units.bin")
}

/// What ties this file to one cache file.
pub(super) fn token(key: &str, scanned_ns: u128) -> String {
    format!("{scanned_ns} {key}")
}

/// A checksum of one frame: a flipped byte must not read back as another candidate. Not
/// cryptographic (the file is the builder's own); fixed seeds, so the same binary agrees.
fn checksum(bytes: &[u8]) -> u64 {
    ahash::RandomState::with_seeds(0x7265, 0x666f, 0x6c69, 0x6f21).hash_one(bytes)
}

/// Writes the candidates of `checked` for the cache file `token` names. Under another name,
/// then renamed: never half a file.
pub(super) fn write(file: &Path, token: String, checked: &Checked) -> Result<(), Error> {
    let fail = |e: String| Error::Usage(format!("{}: {e}", file.display()));
    let partial = file.with_extension("bin.partial");
    let out = fs::File::create(&partial).map_err(|e| Error::io(&partial, e))?;
    let mut out = std::io::BufWriter::new(out);
    let header = Header {
        token,
        referentials: checked
            .site
            .referentials
            .keys()
            .map(|id| id.0.clone())
            .collect(),
        units: checked.units.len() as u64,
    };
    let io = |e: std::io::Error| Error::io(&partial, e);
    out.write_all(MAGIC).map_err(io)?;
    frame(
        &mut out,
        &postcard::to_allocvec(&header).map_err(|e| fail(e.to_string()))?,
    )
    .map_err(io)?;
    for u in &checked.units {
        let unit = UnitRef {
            target: &u.target,
            candidate: u
                .item
                .as_deref()
                .and_then(|id| checked.site.candidates.get(id)),
            diags: &u.diags,
            masks: &u.masks,
        };
        let bytes = postcard::to_allocvec(&(&u.folder, unit)).map_err(|e| fail(e.to_string()))?;
        frame(&mut out, &bytes).map_err(io)?;
    }
    out.flush().map_err(io)?;
    drop(out);
    fs::rename(&partial, file).map_err(|e| Error::io(file, e))
}

/// Writes one frame: its length, its checksum, its bytes.
fn frame(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(&checksum(bytes).to_le_bytes())?;
    out.write_all(bytes)
}

/// Splits off the next frame of `rest`: `None` when it is cut short or its checksum fails.
fn next_frame<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
    let (len, tail) = rest.split_first_chunk::<8>()?;
    let (sum, tail) = tail.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    let (bytes, tail) = (tail.get(..len)?, tail.get(len..)?);
    *rest = tail;
    (checksum(bytes) == u64::from_le_bytes(*sum)).then_some(bytes)
}

/// Decodes one frame, whole: bytes left over mean it is not what was written.
fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err("a frame longer than what it holds".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// The referentials' IDs and the candidates the file holds, when it is whole and belongs to
/// the cache file `token` names; why not, otherwise.
pub(super) fn read(
    file: &Path,
    token: &str,
) -> Result<(Vec<String>, HashMap<String, Unit>), String> {
    let bytes = fs::read(file).map_err(|e| e.to_string())?;
    let broken = || "not a file this refolio wrote, or cut short".to_owned();
    let mut rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(broken)?;
    let header: Header = decode(next_frame(&mut rest).ok_or_else(broken)?)?;
    if header.token != token {
        return Err("written with another build cache".into());
    }
    let count = usize::try_from(header.units).map_err(|_| broken())?;
    let mut frames = Vec::with_capacity(count.min(rest.len() / 16));
    for _ in 0..count {
        frames.push(next_frame(&mut rest).ok_or_else(broken)?);
    }
    if !rest.is_empty() {
        return Err(broken());
    }
    // Decoded in parallel: the file holds every candidate's texts.
    let units = frames
        .into_par_iter()
        .map(decode::<(String, Unit)>)
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok((header.referentials, units))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(target: Option<&str>) -> Unit {
        Unit {
            target: target.map(str::to_owned),
            candidate: None,
            diags: Vec::new(),
            masks: Vec::new(),
        }
    }

    /// The units kept when the referentials are `now` after `changes`, by folder name.
    fn kept(changes: &[ChangeKind], now: &[&str]) -> Vec<String> {
        let units = HashMap::from([
            ("ana".to_owned(), unit(Some("r1"))),
            ("bob".to_owned(), unit(Some("r2"))),
            // Never lowered: its passport names a referential that did not exist.
            ("eve".to_owned(), unit(Some("r9"))),
            ("zoe".to_owned(), unit(None)),
        ]);
        let kept = Kept {
            referentials: vec!["r1".into(), "r2".into()],
            units,
            changes: changes.iter().cloned().collect(),
        };
        let mut names: Vec<String> = kept.reusable(now.iter().copied()).into_keys().collect();
        names.sort();
        names
    }

    #[test]
    fn what_a_change_reaches_is_read_again() {
        let all = ["ana", "bob", "eve", "zoe"];
        assert_eq!(kept(&[], &["r1", "r2"]), all);
        let evidence = ChangeKind::Evidence("ana".into(), "preuves/01".into());
        assert_eq!(kept(&[evidence], &["r1", "r2"]), ["bob", "eve", "zoe"]);
        assert_eq!(
            kept(&[ChangeKind::Asset("zoe".into())], &["r1", "r2"]),
            ["ana", "bob", "eve"]
        );
        let r2 = ChangeKind::Referential("r2.yaml".into());
        assert_eq!(
            kept(std::slice::from_ref(&r2), &["r1", "r2"]),
            ["ana", "eve", "zoe"]
        );
        // The set changed: a candidate not lowered (none is, here) may find its referential
        // now; one naming none has nothing to find.
        let r9 = ChangeKind::Referential("r9.yaml".into());
        assert_eq!(kept(&[r9], &["r1", "r2", "r9"]), ["zoe"]);
    }
}
