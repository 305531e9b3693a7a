//! Candidate folders: `content/candidates/<id>/passport.yaml` and every Markdown evidence
//! file below it, split into YAML front matter and body. Attachments are resolved here, the
//! only place with file-system access: each must be an existing file of an allowed type
//! inside the candidate folder (candidate content is untrusted).

use std::path::{Path, PathBuf};

use super::attachment::{Linked, check_link, resolve_attachment, slash_path};
use super::raw_candidate::{RawEvidence, RawPassport};
use super::{Entry, is_editor_temporary, parse_yaml, position, read_text, relative};
use crate::Error;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Sources, did_you_mean};

pub use super::attachment::{
    ATTACHMENT_EXTENSIONS, AttachmentFile, CERTIFICATES_FOLDER, MAX_ATTACHMENT_BYTES,
};
pub use crate::layout::{CANDIDATES_DIR, PASSPORT_FILE};

/// The longest file name most file systems take.
const MAX_FILE_NAME_BYTES: usize = 255;

/// One candidate folder as read.
#[derive(Debug)]
pub struct CandidateFolder {
    /// The folder name.
    pub id: String,
    /// The folder, relative to the site root.
    pub dir: PathBuf,
    pub passport_path: PathBuf,
    /// `None` when the passport is missing or does not parse (already reported).
    pub passport: Option<RawPassport>,
    pub evidence: Vec<EvidenceFile>,
}

/// One evidence file: front matter, Markdown body and its resolved attachments.
#[derive(Debug)]
pub struct EvidenceFile {
    /// Relative to the site root, for diagnostics.
    pub path: PathBuf,
    /// Relative to the candidate folder, `/`-separated, without the `.md`.
    pub stem: String,
    pub front: RawEvidence,
    pub body: String,
    pub attachments: Vec<AttachmentFile>,
    /// Its front matter had errors, read past (see `load::recover`): what it demonstrates
    /// may be more than what was read.
    pub incomplete: bool,
}

/// Reads one entry of the candidates folder; `None` when it is not a usable candidate
/// folder (reported).
pub fn load_candidate(
    root: &Path,
    entry: &Entry,
    drafts: bool,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Result<Option<CandidateFolder>, Error> {
    let rel = relative(root, &entry.path);
    if !entry.is_dir {
        let message = match entry.path.is_dir() {
            true => "ignored: a symbolic link; a candidate is a real folder",
            false => "ignored: a candidate is a folder holding `passport.yaml`",
        };
        diags.push(Diagnostic::warning(
            Kind::Unreadable,
            Some(Location::new(&rel, None)),
            message,
        ));
        return Ok(None);
    }
    if let Err(d) = super::check_url_id(&entry.name, &rel, "candidate folder", "") {
        diags.push(d);
        return Ok(None);
    }
    load_folder(
        root,
        &entry.path,
        entry.name.clone(),
        drafts,
        sources,
        diags,
    )
    .map(Some)
}

/// Reads a candidate folder; evidence files marked `draft: true` are left out unless
/// `drafts`.
fn load_folder(
    root: &Path,
    dir: &Path,
    id: String,
    drafts: bool,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Result<CandidateFolder, Error> {
    let rel_dir = relative(root, dir);
    let passport_path = rel_dir.join(PASSPORT_FILE);
    // Resolving symbolic links once gives the boundary files read must stay within.
    let boundary = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let file = dir.join(PASSPORT_FILE);
    let outside = file.canonicalize().is_ok_and(|c| !c.starts_with(&boundary));
    let passport = if outside {
        // Candidate content is untrusted: reading it would quote a line of that file.
        diags.push(Diagnostic::error(
            Kind::UnsafePath,
            Some(Location::new(&passport_path, None)),
            format!("`{PASSPORT_FILE}` links to a file outside the candidate folder"),
        ));
        None
    } else if file.symlink_metadata().is_ok() {
        read_text(&file, &passport_path, diags).and_then(|text| {
            let parsed = super::parse_yaml_all::<RawPassport>(&text, &passport_path, diags);
            sources.insert(&passport_path, text);
            let mut passport = parsed?;
            passport.referential_file_found =
                referential_file_exists(root, passport.referential.value.trim());
            Some(passport)
        })
    } else {
        diags.push(
            Diagnostic::error(
                Kind::MissingFile,
                Some(Location::new(&rel_dir, None)),
                format!("candidate `{id}` has no `{PASSPORT_FILE}`"),
            )
            .with_suggestion(Some(
                "create it with at least `name:` and `referential:` (see docs/content-format.md)"
                    .into(),
            )),
        );
        None
    };
    let mut evidence = Vec::new();
    // Links to other evidence files, checked once every file is known: (stem, as written,
    // where).
    let mut evidence_links: Vec<(String, String, Location)> = Vec::new();
    let mut draft_stems: Vec<String> = Vec::new();
    let walker = walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name();
    for entry in walker.into_iter().filter_entry(|e| {
        let n = e.file_name().to_string_lossy();
        !n.starts_with('.') && !is_editor_temporary(&n)
    }) {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = relative(root, path);
        // Its page is `<stem>.html`, a longer name than the file's.
        if entry.file_name().len() + 2 > MAX_FILE_NAME_BYTES {
            diags.push(Diagnostic::error(
                Kind::InvalidValue,
                Some(Location::new(&rel, None)),
                format!(
                    "file name too long for its page: at most {} bytes",
                    MAX_FILE_NAME_BYTES - 2
                ),
            ));
            continue;
        }
        let Some(text) = read_text(path, &rel, diags) else {
            continue;
        };
        let in_folder = relative(dir, path);
        let stem = slash_path(&in_folder.with_extension(""));
        let errors_before = diags.errors();
        let parsed = front_matter(&text, &rel).map(|(yaml, body)| {
            let front = super::parse_yaml_all::<RawEvidence>(&yaml, &rel, diags);
            (front, body.to_owned())
        });
        let incomplete = diags.errors() > errors_before;
        let (front, body) = match parsed {
            Ok((Some(front), body)) => (front, body),
            Ok((None, _)) => {
                sources.insert(&rel, text);
                continue;
            }
            Err(d) => {
                sources.insert(&rel, text);
                diags.push(d);
                continue;
            }
        };
        if front.draft.as_ref().is_some_and(|d| d.value) && !drafts {
            sources.insert(&rel, text);
            draft_stems.push(stem);
            continue;
        }
        // The body is the end of the file: its first line follows the front matter's.
        let first_line = text[..text.len() - body.len()].matches('\n').count() + 1;
        sources.insert(&rel, text);
        let base = in_folder.parent().unwrap_or(Path::new(""));
        let mut attachments: Vec<AttachmentFile> = front
            .attachments
            .iter()
            .filter_map(|a| {
                let at = Location::new(&rel, position(a));
                let a = &a.value.0;
                let title = a.title.as_ref().map(|t| t.value.trim().to_owned());
                let written = a.path.value.trim();
                resolve_attachment(dir, &boundary, base, written, title, "attachment", at)
                    .map_err(|d| diags.push(d))
                    .ok()
            })
            .collect();
        let (body_links, notes) = super::links::links(&body, first_line);
        for link in body_links {
            let at = Location::new(&rel, Some(link.at));
            let noun = if link.image { "image" } else { "link" };
            let found = check_link(dir, &boundary, base, &link, &notes, noun, at);
            match found {
                Ok(Linked::Nothing) => {}
                Ok(Linked::Evidence(target, at)) => evidence_links.push((target, link.dest, at)),
                Ok(Linked::File(file)) => {
                    if !attachments.iter().any(|a| a.target == file.target) {
                        attachments.push(file);
                    }
                }
                Err(d) => diags.push(d),
            }
        }
        evidence.push(EvidenceFile {
            path: rel,
            stem,
            front,
            body,
            attachments,
            incomplete,
        });
    }
    let stems: Vec<&str> = evidence.iter().map(|e| e.stem.as_str()).collect();
    for (stem, written, at) in evidence_links {
        if draft_stems.contains(&stem) {
            diags.push(
                Diagnostic::error(
                    Kind::MissingFile,
                    Some(at),
                    format!("link `{written}`: `{stem}.md` is a draft, left out of this build"),
                )
                .with_suggestion(Some(
                    "remove `draft: true` from it, or build with --drafts".into(),
                )),
            );
        } else if !stems.contains(&stem.as_str()) {
            let name = stem.rsplit('/').next().unwrap_or(&stem);
            let names = stems.iter().map(|s| s.rsplit('/').next().unwrap_or(s));
            let help = did_you_mean(name, names).map(|n| format!("did you mean `{n}.md`?"));
            diags.push(
                Diagnostic::error(
                    Kind::MissingFile,
                    Some(at),
                    format!(
                        "link `{written}`: no evidence file `{stem}.md` in this candidate folder"
                    ),
                )
                .with_suggestion(help),
            );
        }
    }
    Ok(CandidateFolder {
        id,
        dir: rel_dir,
        passport_path,
        passport,
        evidence,
    })
}

/// Whether the referentials folder holds a file for the referential `id`, loaded or not
/// (links are not read, so they do not count).
fn referential_file_exists(root: &Path, id: &str) -> bool {
    let folder = root.join(super::REFERENTIALS_DIR);
    super::check_url_id(id, Path::new(""), "", "").is_ok()
        && ["yaml", "yml"].iter().any(|ext| {
            std::fs::symlink_metadata(folder.join(format!("{id}.{ext}"))).is_ok_and(|m| m.is_file())
        })
}

/// Splits `---\n<yaml>\n---\n<body>` and parses the YAML, keeping line numbers true to the
/// file. `text` is the whole evidence file as [`read_text`] gives it (no BOM, lone `\r` made
/// `\n`) and `rel` its path for diagnostics. Public for the fuzz targets in `fuzz/`.
pub fn parse_evidence(text: &str, rel: &Path) -> Result<(RawEvidence, String), Diagnostic> {
    let (yaml, body) = front_matter(text, rel)?;
    Ok((parse_yaml::<RawEvidence>(&yaml, rel)?, body.to_owned()))
}

/// Splits an evidence file into its front matter (with a blank line first for each line
/// before it, so that YAML positions are the file's) and its body.
fn front_matter<'t>(text: &'t str, rel: &Path) -> Result<(String, &'t str), Diagnostic> {
    let missing = || {
        Diagnostic::error(
            Kind::Syntax,
            Some(Location::new(
                rel,
                Some(crate::diagnostics::Position { line: 1, column: 1 }),
            )),
            "evidence file has no front matter",
        )
        .with_suggestion(Some(
            "start the file with a `---` line, the YAML fields (`title:`, `demonstrates:`…), and a closing `---` line".into(),
        ))
    };
    let at_start = |message: &str, help: &str| {
        Diagnostic::error(
            Kind::Syntax,
            Some(Location::new(
                rel,
                Some(crate::diagnostics::Position { line: 1, column: 1 }),
            )),
            message,
        )
        .with_suggestion(Some(help.into()))
    };
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return Err(missing());
    }
    let mut yaml = String::from("\n");
    let mut offset = text.split_inclusive('\n').next().map_or(0, str::len);
    for line in lines {
        offset += line.len();
        if line.trim_end() == "---" {
            if yaml.trim().is_empty() {
                return Err(at_start(
                    "the front matter is empty",
                    "write at least `title:` between the two `---` lines",
                ));
            }
            return Ok((yaml, &text[offset..]));
        }
        yaml.push_str(line);
    }
    Err(at_start(
        "the front matter opened here is not closed",
        "end the fields with a `---` line, before the text",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keeps_file_line_numbers() {
        let text = "---\ntitle: A\ndemonstrates: [C1]\n---\n# Body\n";
        let (front, body) = parse_evidence(text, Path::new("e.md")).unwrap();
        assert_eq!(front.title.value, "A");
        assert_eq!(position(&front.title).unwrap().line, 2);
        assert_eq!(body, "# Body\n");
    }

    #[test]
    fn no_front_matter_is_located_at_the_start() {
        let d = parse_evidence("# Just text\n", Path::new("e.md")).unwrap_err();
        assert_eq!(
            d.headline(),
            "e.md:1:1: error: evidence file has no front matter"
        );
    }
}
