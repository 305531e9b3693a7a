//! Candidate folders: `content/candidates/<id>/passport.yaml` and every Markdown evidence
//! file below it, split into YAML front matter and body. Attachments are resolved here, the
//! only place with file-system access: each must be an existing file of an allowed type
//! inside the candidate folder (candidate content is untrusted).

use std::path::{Component, Path, PathBuf};

use super::raw_candidate::{RawEvidence, RawPassport};
use super::{Entry, is_editor_temporary, parse_yaml, position, read_text, relative};
use crate::Error;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Sources, did_you_mean};

pub use crate::layout::{CANDIDATES_DIR, PASSPORT_FILE};

/// Attachment types a jury can open safely. SVG and HTML are refused: opened from the
/// built site they could run the candidate's scripts.
pub const ATTACHMENT_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "csv", "txt", "odt", "ods", "odp", "docx", "xlsx",
    "pptx", "mp3", "mp4", "webm",
];

/// The folder of a candidate's pages that holds the certificates awarded to them.
pub const CERTIFICATES_FOLDER: &str = "certificates";

/// Larger attachments are refused: a dossier is read, not downloaded.
pub const MAX_ATTACHMENT_BYTES: u64 = 64 * 1024 * 1024;

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

/// An attachment that exists, inside the candidate folder.
#[derive(Debug, Clone)]
pub struct AttachmentFile {
    /// Relative to the candidate folder, `/`-separated.
    pub target: String,
    /// Where to copy it from.
    pub source: PathBuf,
    pub title: Option<String>,
    /// Published because the text shows or links it, not listed under `attachments:`.
    pub inline: bool,
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

/// What a link of an evidence text reaches, once checked.
enum Linked {
    /// Nothing to publish: a URL, a note of the same text.
    Nothing,
    /// Another evidence file, by stem (checked once every file is known).
    Evidence(String, Location),
    /// A file of the candidate folder, published with the page.
    File(AttachmentFile),
}

/// Checks one link or image of an evidence text (`noun` says which).
fn check_link(
    dir: &Path,
    boundary: &Path,
    base: &Path,
    link: &super::links::BodyLink,
    notes: &[String],
    noun: &str,
    at: Location,
) -> Result<Linked, Diagnostic> {
    use super::links::Target;
    let written = link.dest.trim();
    let error = |kind, message: String, help: &str| {
        Diagnostic::error(kind, Some(at.clone()), message).with_suggestion(Some(help.into()))
    };
    match super::links::target(written) {
        Target::Outside => Ok(Linked::Nothing),
        Target::Rooted => Err(error(
            Kind::UnsafePath,
            format!(
                "{noun} `{written}` starts at the server's root, which a site read offline does not have"
            ),
            "write the path relative to this evidence file",
        )),
        Target::Note(label) if notes.iter().any(|n| n == label) => Ok(Linked::Nothing),
        Target::Note(label) => Err(error(
            Kind::DanglingReference,
            format!("{noun} `{written}`: this text has no note `[^{label}]`"),
            "a link to `#…` reaches a note of the same text; headings have no anchors",
        )),
        Target::Evidence(stem) => match inside(base, stem) {
            Some(segments) => Ok(Linked::Evidence(segments.join("/"), at)),
            None => Err(error(
                Kind::UnsafePath,
                format!("{noun} `{written}` is outside the candidate folder"),
                "link to evidence files of the same candidate",
            )),
        },
        Target::File(path) => resolve_attachment(dir, boundary, base, path, None, noun, at.clone())
            .map(|mut file| {
                file.inline = true;
                Linked::File(file)
            }),
    }
}

/// `path` (relative, `/`-separated) from folder `base` of the candidate folder, as segments
/// of a path from the candidate folder; `None` when it leaves it.
fn inside(base: &Path, path: &str) -> Option<Vec<String>> {
    let mut segments: Vec<String> = base
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(s) => segments.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                segments.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(segments)
}

/// Checks one attachment path (`noun`: an attachment, or a link or image of the text):
/// relative, inside the candidate folder (also after following symbolic links), an
/// allowed type, an existing file of sensible size.
fn resolve_attachment(
    dir: &Path,
    boundary: &Path,
    base: &Path,
    written: &str,
    title: Option<String>,
    noun: &str,
    at: Location,
) -> Result<AttachmentFile, Diagnostic> {
    let error = |kind, message: String, help: Option<String>| {
        Diagnostic::error(kind, Some(at.clone()), message).with_suggestion(help)
    };
    let leaves = || {
        error(
            Kind::UnsafePath,
            format!("{noun} `{written}` is outside the candidate folder"),
            Some(
                "attachments are paths relative to the evidence file, inside the candidate folder"
                    .into(),
            ),
        )
    };
    if written.is_empty() {
        return Err(error(
            Kind::EmptyText,
            format!("{noun} path is empty"),
            None,
        ));
    }
    if written.contains("://") {
        return Err(error(
            Kind::UnsafePath,
            format!("{noun} `{written}` is a URL, not a file of the candidate folder"),
            Some("save the file in the candidate folder, or link to it from the text".into()),
        ));
    }
    let drive = written.as_bytes().get(1) == Some(&b':');
    if written.starts_with(['/', '\\']) || drive {
        return Err(leaves());
    }
    if written.contains(':') {
        return Err(error(
            Kind::UnsafePath,
            format!("{noun} `{written}`: `:` is not allowed in attachment paths"),
            Some("rename the file: not every system accepts `:` in a file name".into()),
        ));
    }
    // A Windows separator is read as one, so that `..\\x.pdf` cannot leave the folder.
    let slashed = written.replace('\\', "/");
    let segments = inside(base, &slashed).ok_or_else(leaves)?;
    if slashed != written {
        return Err(error(
            Kind::UnsafePath,
            format!("{noun} `{written}`: paths are written with `/`"),
            Some(format!("write `{slashed}`")),
        ));
    }
    let target = segments.join("/");
    // The jury's certificates are published there: a candidate's file must not pass for one.
    if segments.first().is_some_and(|s| *s == CERTIFICATES_FOLDER) {
        return Err(error(
            Kind::UnsafePath,
            format!(
                "attachment `{written}`: the folder `{CERTIFICATES_FOLDER}/` holds the certificates the jury awards"
            ),
            Some("move the file to another folder of the candidate's".into()),
        ));
    }
    let extension = Path::new(&target)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if extension.is_empty() {
        return Err(error(
            Kind::UnsafePath,
            format!("{noun} `{written}` has no file extension"),
            Some(format!(
                "attachments are files of these types: {}",
                ATTACHMENT_EXTENSIONS.join(", ")
            )),
        ));
    }
    if !ATTACHMENT_EXTENSIONS.contains(&extension.as_str()) {
        return Err(error(
            Kind::UnsafePath,
            format!("{noun} `{written}`: file type `.{extension}` is not accepted"),
            Some(format!(
                "accepted types: {} (SVG and HTML could run scripts; export them as PDF or PNG)",
                ATTACHMENT_EXTENSIONS.join(", ")
            )),
        ));
    }
    let source = dir.join(&target);
    let Ok(canonical) = source.canonicalize() else {
        if source.symlink_metadata().is_ok() {
            return Err(error(
                Kind::MissingFile,
                format!("{noun} `{written}` is a broken link"),
                None,
            ));
        }
        let siblings = source
            .parent()
            .and_then(|p| std::fs::read_dir(p).ok())
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let name = Path::new(&target)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let help = did_you_mean(&name, siblings.iter().map(String::as_str)).map(|n| {
            if same_once_composed(n, &name) {
                format!("`{n}` exists, its accents encoded differently: retype the file's name")
            } else {
                format!("did you mean `{n}`?")
            }
        });
        return Err(error(
            Kind::MissingFile,
            format!("{noun} `{written}` not found"),
            help,
        ));
    };
    if !canonical.starts_with(boundary) {
        return Err(leaves());
    }
    match std::fs::metadata(&canonical) {
        Ok(m) if m.is_file() && m.len() <= MAX_ATTACHMENT_BYTES => {}
        Ok(m) if m.is_file() => {
            return Err(error(
                Kind::InvalidValue,
                format!(
                    "attachment `{written}` is too large: {} bytes, over the limit of {} MiB",
                    m.len(),
                    MAX_ATTACHMENT_BYTES / (1024 * 1024)
                ),
                None,
            ));
        }
        _ => {
            return Err(error(
                Kind::MissingFile,
                format!("{noun} `{written}` is not a file"),
                None,
            ));
        }
    }
    Ok(AttachmentFile {
        target,
        source: canonical,
        title,
        inline: false,
    })
}

/// Whether two names are one text but for how their accents are encoded: `è` as one
/// character, or as `e` and a combining accent as macOS writes file names.
fn same_once_composed(a: &str, b: &str) -> bool {
    let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    a != b && nfc.normalize(a) == nfc.normalize(b)
}

/// A relative path with `/` separators, whatever the platform.
fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
