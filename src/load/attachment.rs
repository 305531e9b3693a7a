//! The links and attachments of an evidence text, resolved against the candidate folder:
//! each must stay inside the folder and be an existing file of an allowed type and size,
//! or another evidence file (candidate content is untrusted).

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Kind, Location, did_you_mean};

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

/// What a link of an evidence text reaches, once checked.
pub(super) enum Linked {
    /// Nothing to publish: a URL, a note of the same text.
    Nothing,
    /// Another evidence file, by stem (checked once every file is known).
    Evidence(String, Location),
    /// A file of the candidate folder, published with the page.
    File(AttachmentFile),
}

/// Checks one link or image of an evidence text (`noun` says which).
pub(super) fn check_link(
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
pub(super) fn resolve_attachment(
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
pub(super) fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
