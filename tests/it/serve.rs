//! `refolio serve` end to end: the real binary on a loopback port, real file edits, and a
//! raw event-stream client. Every wait is bounded and ends as soon as what it waits for
//! arrives; nothing sleeps a fixed time.

use crate::common;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Longest any single wait may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// A `refolio serve` process on a copy of the bundled example, killed on drop.
struct Served {
    child: Child,
    dir: tempfile::TempDir,
    address: String,
    /// The server's standard output, line by line.
    lines: Receiver<String>,
}

impl Served {
    fn start() -> Served {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        common::copy_tree(&common::repo_root().join("content"), &root.join("content"));
        std::fs::copy(
            common::repo_root().join("refolio.toml"),
            root.join("refolio.toml"),
        )
        .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_refolio"))
            .arg("--root")
            .arg(&root)
            .args(["serve", "--port", "0", "--output-dir"])
            .arg(dir.path().join("out"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap_or_default()).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            dir,
            address: String::new(),
            lines,
        };
        let line = served.line_containing("serving ");
        let url = line
            .split(" at ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        served.address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        served
    }

    fn line_containing(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no output line with {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    fn site(&self, rel: &str) -> PathBuf {
        self.dir.path().join("site").join(rel)
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.site(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// `GET path`: (status, headers, body).
    fn get(&self, path: &str) -> (u16, String, String) {
        request(&self.address, "GET", path)
    }

    fn events(&self) -> Events {
        Events::connect(&self.address)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn request(address: &str, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_owned(), body.to_owned())
}

/// A client of the server-sent event stream.
struct Events {
    reader: BufReader<TcpStream>,
}

#[derive(Clone, Debug, serde::Deserialize)]
struct State {
    generation: u64,
    errors: Vec<String>,
}

impl Events {
    fn connect(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /__refolio/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        // The response head, up to its blank line.
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        Events { reader }
    }

    /// The next `state` event (keep-alive comments skipped).
    fn next(&mut self) -> State {
        let mut data = String::new();
        loop {
            let mut line = String::new();
            let n = self
                .reader
                .read_line(&mut line)
                .expect("a state event within the time allowed");
            assert!(n > 0, "the event stream closed");
            if let Some(json) = line.strip_prefix("data: ") {
                data = json.to_owned();
            } else if line == "\n" && !data.is_empty() {
                return serde_json::from_str(&data).unwrap();
            }
        }
    }
}

const EVIDENCE: &str = "content/candidates/lea-dubois/preuves/tableau-de-bord-commercial.md";
const EVIDENCE_PAGE: &str = "/candidates/lea-dubois/preuves/tableau-de-bord-commercial.html";
const PASSPORT: &str = "content/candidates/lea-dubois/passport.yaml";

#[test]
fn an_edit_reloads_open_tabs_and_the_page_shows_it() {
    let served = Served::start();
    let mut events = served.events();
    let first = events.next();
    assert!(first.errors.is_empty(), "{first:?}");

    served.edit(
        EVIDENCE,
        "\n\n",
        "\n\nParagraphe ajouté pendant le test.\n\n",
    );
    let state = events.next();
    assert_eq!(
        (state.generation, state.errors.len()),
        (first.generation + 1, 0)
    );
    let (status, head, body) = served.get(EVIDENCE_PAGE);
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(body.contains("Paragraphe ajouté pendant le test."));
    let script = format!(
        "<script src=\"/__refolio/reload.js\" data-generation=\"{}\" defer></script></body>",
        state.generation
    );
    assert!(body.contains(&script), "the reload script is injected");
    // ... when served only: the built file has none.
    let built = std::fs::read_to_string(
        served
            .dir
            .path()
            .join("out")
            .join(EVIDENCE_PAGE.trim_start_matches('/')),
    )
    .unwrap();
    assert!(built.contains("Paragraphe ajouté pendant le test."));
    assert!(!built.contains("__refolio"));
    // The terminal names the file changed and the candidate's standing, in that order.
    assert_eq!(
        served.line_containing("changed: "),
        format!("changed: {EVIDENCE}")
    );
    let standing = served.line_containing("candidate lea-dubois");
    assert!(standing.contains("competences covered"), "{standing}");
    served.line_containing("rebuilt in");
}

#[test]
fn a_broken_file_shows_its_error_and_the_last_good_page_until_fixed() {
    let served = Served::start();
    let mut events = served.events();
    let first = events.next();

    served.edit(PASSPORT, "name: Léa Dubois", "name: [");
    let broken = events.next();
    assert_eq!(broken.generation, first.generation, "no reload");
    assert_eq!(broken.errors.len(), 1, "{broken:?}");
    assert!(
        broken.errors[0].starts_with(
            "content/candidates/lea-dubois/passport.yaml:4:7: error: expected a single value, found a list"
        ),
        "{:?}",
        broken.errors
    );
    // A tab opened now gets the error straight away, over the last good page.
    let mut late = served.events();
    assert_eq!(late.next().errors, broken.errors);
    let (status, _, body) = served.get("/candidates/lea-dubois/index.html");
    assert_eq!(status, 200);
    assert!(body.contains("Léa Dubois"));

    served.edit(PASSPORT, "name: [", "name: Léa Dubois-Martel");
    let fixed = events.next();
    assert_eq!(
        (fixed.generation, fixed.errors.len()),
        (first.generation + 1, 0),
        "the fix reloads, and the overlay goes"
    );
    let (_, _, body) = served.get("/candidates/lea-dubois/index.html");
    assert!(body.contains("Léa Dubois-Martel"));
}

#[test]
fn editor_temporaries_are_ignored_and_bursts_coalesced() {
    let served = Served::start();
    let mut events = served.events();
    let first = events.next();
    let dir = served.site("content/candidates/lea-dubois/preuves");
    for name in [
        ".tableau-de-bord-commercial.md.swp",
        "tableau-de-bord-commercial.md~",
        "#tableau-de-bord-commercial.md#",
        "tableau-de-bord-commercial.md___jb_tmp___",
    ] {
        std::fs::write(dir.join(name), "---\nnot: valid: yaml\n").unwrap();
    }
    // A burst of saves of one file. Each save truncates then writes, so a
    // rebuild that starts mid-burst may see a half-written file: a transient
    // error about the evidence itself is fair, one about a temporary is not.
    for i in 0..20 {
        served.edit(EVIDENCE, "\n\n", &format!("\n\nÉdition {i}.\n\n"));
    }
    let mut state = events.next();
    let mut seen = vec![state.clone()];
    while !(state.errors.is_empty() && served.get(EVIDENCE_PAGE).2.contains("Édition 19.")) {
        state = events.next();
        seen.push(state.clone());
    }
    let temporaries_read = seen.iter().flat_map(|s| &s.errors).any(|e| {
        let path = e.split(':').next().unwrap_or_default();
        path.ends_with(".swp")
            || path.ends_with('~')
            || path.contains('#')
            || path.contains("jb_tmp")
    });
    assert!(!temporaries_read, "temporaries were read: {seen:?}");
    let rebuilds = state.generation - first.generation;
    assert!(
        (1..20).contains(&rebuilds),
        "20 saves gave {rebuilds} rebuilds: {seen:?}"
    );
}

#[test]
fn serves_the_site_only_on_loopback() {
    let served = Served::start();
    assert!(
        served.address.starts_with("127.0.0.1:"),
        "{}",
        served.address
    );
    let (status, head, body) = served.get("/__refolio/reload.js");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"), "{head}");
    assert!(body.contains("EventSource"));
    assert_eq!(served.get("/").0, 200);
    assert_eq!(served.get("/candidates/").0, 200);
    for outside in [
        "/../site/refolio.toml",
        "/%2e%2e/site/refolio.toml",
        "/nope.html",
    ] {
        let (status, _, body) = served.get(outside);
        assert_eq!(status, 404, "{outside}");
        assert!(!body.contains("allow_gaps"), "{outside}");
    }
    assert_eq!(request(&served.address, "POST", "/").0, 405);
    assert!(Path::new(&served.dir.path().join("out/index.html")).is_file());
}
