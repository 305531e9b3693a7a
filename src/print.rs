//! `refolio print`: each candidate's dossier bilan, each jury session's procès-verbal and
//! each certificate awarded as a PDF, printed by
//! headless Chromium from the freshly built site, so the PDF is the page itself under its
//! print stylesheet (A4, one bloc per page). The PDFs go through the same staging as a build:
//! a failure leaves the previous ones as they were.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use crate::output::{Output, Staging};
use crate::paths::{self, dossier_dir};
use crate::{BuildOptions, Built, Error};

/// Where the PDFs go when no `--pdf-dir` is given, relative to the site root.
pub const DEFAULT_PDF_DIR: &str = "pdf";

/// Browsers tried, in order, when neither `--chromium` nor `REFOLIO_CHROMIUM` names one.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

#[derive(Debug, Clone)]
pub struct PrintOptions {
    pub build: BuildOptions,
    /// Defaults to `<root>/pdf`.
    pub pdf_dir: Option<PathBuf>,
    /// The browser; found on `PATH` when absent.
    pub chromium: Option<PathBuf>,
}

/// A print: the build, and each PDF written (what it is, path), empty when the build
/// stopped on content errors.
pub struct Printed {
    pub built: Built,
    pub pdfs: Vec<(String, PathBuf)>,
}

/// Builds the site, then prints every candidate's dossier, every procès-verbal and every
/// certificate into the PDF folder.
pub fn print(options: &PrintOptions) -> Result<Printed, Error> {
    print_reporting(options, &crate::progress::silent)
}

/// [`print`], reporting the build's steps and each PDF printed to `report`.
pub fn print_reporting(
    options: &PrintOptions,
    report: crate::progress::Report<'_>,
) -> Result<Printed, Error> {
    use crate::progress::Step;
    // Before building: a missing browser should not cost a build.
    let chromium = find_chromium(
        options.chromium.as_deref(),
        std::env::var_os("REFOLIO_CHROMIUM"),
        &std::env::var_os("PATH").unwrap_or_default(),
    )?;
    let pdf_dir = options
        .pdf_dir
        .clone()
        .unwrap_or_else(|| options.build.root.join(DEFAULT_PDF_DIR));
    crate::guard_output_location(&options.build.root, &pdf_dir)?;
    let built = crate::build_reporting(&options.build, report)?;
    if built.summary.is_none() {
        return Ok(Printed {
            built,
            pdfs: Vec::new(),
        });
    }
    let site_dir = std::path::absolute(options.build.target())
        .map_err(|e| Error::io(&options.build.target(), e))?;
    let scratch = tempfile::tempdir().map_err(|e| Error::io(&std::env::temp_dir(), e))?;
    let staging = Staging::new(&pdf_dir)?;
    let documents = documents(&built.checked);
    report(Step::Print {
        documents: documents.len(),
    });
    documents
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let page = site_dir.join(&doc.page);
            let pdf = print_page(&chromium, &page, &scratch.path().join(i.to_string()))?;
            staging.write(&doc.pdf, &pdf)?;
            report(Step::Printed);
            Ok(())
        })
        .collect::<Result<(), Error>>()?;
    staging.publish()?;
    let pdfs = documents
        .into_iter()
        .map(|doc| (doc.label, pdf_dir.join(doc.pdf)))
        .collect();
    Ok(Printed { built, pdfs })
}

/// A page to print: what it is (for the command's output), where it is in the site, and
/// its PDF's name in the PDF folder.
struct Document {
    label: String,
    page: String,
    pdf: String,
}

/// Every document a jury prints: each dossier bilan (`<slug>.pdf`), each session's
/// procès-verbal (`sessions/<id>.pdf`) and each certificate awarded
/// (`certificates/<slug>/<name>.pdf`).
fn documents(checked: &crate::Checked) -> Vec<Document> {
    let site = &checked.site;
    let mut docs: Vec<Document> = site
        .candidates
        .values()
        .map(|c| {
            let dir = dossier_dir(c);
            Document {
                label: c.id.clone(),
                pdf: format!("{}.pdf", paths::file_name(&dir)),
                page: paths::dossier_page(c),
            }
        })
        .collect();
    for (id, session) in &site.sessions {
        let deliberation = &checked.deliberations[id];
        docs.push(Document {
            label: format!("session {}", session.id),
            page: paths::minutes_page(session),
            pdf: format!("sessions/{}.pdf", session.id),
        });
        let r = site.referential(&session.referential);
        for v in &deliberation.verdicts {
            let c = &site.candidates[&v.candidate];
            for bloc in crate::render::session::awards(v) {
                let stem = paths::certificate_stem(c, r, bloc);
                docs.push(Document {
                    label: format!("{}: {}", c.id, paths::file_name(&stem)),
                    page: format!("{stem}.html"),
                    pdf: format!("certificates/{}/{}.pdf", c.slug, paths::file_name(&stem)),
                });
            }
        }
    }
    docs
}

/// The browser to print with: `explicit`, else `from_env` (`REFOLIO_CHROMIUM`), else the
/// first of [`BROWSERS`] in the `path` list.
fn find_chromium(
    explicit: Option<&Path>,
    from_env: Option<OsString>,
    path: &OsStr,
) -> Result<PathBuf, Error> {
    let on_path = |names: &[&OsStr]| {
        std::env::split_paths(path)
            .flat_map(|dir| names.iter().map(move |b| dir.join(b)))
            .find(|p| p.is_file())
    };
    if let Some(named) = explicit
        .map(Path::to_path_buf)
        .or(from_env.map(PathBuf::from))
    {
        // A bare name is looked up on PATH, as a shell would.
        let found = match named.components().count() {
            1 if !named.is_absolute() => on_path(&[named.as_os_str()]),
            _ => named.is_file().then(|| named.clone()),
        };
        return found.ok_or_else(|| {
            Error::Usage(format!(
                "no browser at `{}` (from --chromium or REFOLIO_CHROMIUM)",
                named.display()
            ))
        });
    }
    let names: Vec<&OsStr> = BROWSERS.iter().map(OsStr::new).collect();
    on_path(&names).ok_or_else(|| {
            Error::Usage(format!(
                "no Chromium to print with: none of {} is on PATH; install Chromium (Debian: `apt install chromium`) or pass --chromium PATH",
                BROWSERS.join(", ")
            ))
        })
}

/// Prints `page` with headless Chromium; `work` is a scratch folder of its own (the
/// browser's profile and its PDF), so nothing is written outside it.
fn print_page(chromium: &Path, page: &Path, work: &Path) -> Result<Vec<u8>, Error> {
    std::fs::create_dir_all(work).map_err(|e| Error::io(work, e))?;
    let pdf = work.join("dossier.pdf");
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()));
    if running_as_root() {
        // Chromium refuses to start its sandbox as root (containers, CI).
        command.arg("--no-sandbox");
    }
    let output = command
        .arg(file_url(page))
        .output()
        .map_err(|e| Error::io(chromium, e))?;
    match std::fs::read(&pdf) {
        Ok(bytes) if output.status.success() && bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last: Vec<&str> = stderr.lines().rev().take(3).collect();
            Err(Error::Usage(format!(
                "{} could not print `{}` ({}): {}",
                chromium.display(),
                page.display(),
                output.status,
                last.into_iter().rev().collect::<Vec<_>>().join(" / ")
            )))
        }
    }
}

fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// `file://` URL of an absolute path, with everything but unreserved characters and `/`
/// percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_a_url_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/home/jury/mes dossiers/été#1/index.html")),
            "file:///home/jury/mes%20dossiers/%C3%A9t%C3%A9%231/index.html"
        );
    }

    #[test]
    fn the_browser_is_the_one_named_else_the_first_on_path() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&empty).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::write(bin.join("google-chrome"), "").unwrap();
        let path = std::env::join_paths([&empty, &bin]).unwrap();
        let found = |explicit: Option<&str>, env: Option<&str>, path: &OsStr| {
            find_chromium(explicit.map(Path::new), env.map(OsString::from), path)
        };
        assert_eq!(found(None, None, &path).unwrap(), bin.join("google-chrome"));
        let chrome = bin.join("google-chrome");
        let chrome = chrome.to_str().unwrap();
        assert_eq!(
            found(None, Some(chrome), &path).unwrap(),
            PathBuf::from(chrome)
        );
        assert_eq!(
            found(Some("google-chrome"), Some("/env/chrome"), &path).unwrap(),
            PathBuf::from(chrome)
        );
        match found(Some("/opt/chrome"), None, &path) {
            Err(Error::Usage(m)) => assert_eq!(
                m,
                "no browser at `/opt/chrome` (from --chromium or REFOLIO_CHROMIUM)"
            ),
            other => panic!("{:?}", other.map(|_| ())),
        }
        match found(None, None, empty.as_os_str()) {
            Err(Error::Usage(m)) => assert_eq!(
                m,
                "no Chromium to print with: none of chromium, chromium-browser, google-chrome, google-chrome-stable is on PATH; install Chromium (Debian: `apt install chromium`) or pass --chromium PATH"
            ),
            other => panic!("{:?}", other.map(|_| ())),
        }
    }
}
