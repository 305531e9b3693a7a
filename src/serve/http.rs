//! HTTP for `serve`: the built site's files from the output folder (HTML pages get the
//! reload script), the reload script itself, and a server-sent event stream that tells open
//! tabs the site's state after each rebuild. Read-only, and nothing outside the output
//! folder is ever served.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::Error;
use crate::render::CONTENT_SECURITY_POLICY;

/// Where the reload script and the event stream live; no site path starts with `__`.
const PREFIX: &str = "/__refolio/";
const RELOAD_JS: &str = include_str!("reload.js");
/// Silence after which a comment is sent, so a closed tab frees its thread.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What open tabs are told: the build generation they should show, and the errors of the
/// last rebuild (none when it was written).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct State {
    pub generation: u64,
    pub errors: Vec<String>,
}

/// The state shared between the rebuild loop and the event streams.
#[derive(Default)]
pub struct Hub {
    state: Mutex<(u64, State)>,
    changed: Condvar,
}

impl Hub {
    /// Records a rebuild: a written site starts a new generation (tabs reload); errors are
    /// shown over the current one.
    pub fn publish(&self, written: bool, errors: Vec<String>) {
        let mut guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (version, state) = &mut *guard;
        *version += 1;
        if written {
            state.generation += 1;
        }
        state.errors = errors;
        self.changed.notify_all();
    }

    pub fn state(&self) -> State {
        let guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        guard.1.clone()
    }

    /// Waits until the state changes after `version`, or `timeout`.
    fn wait(&self, version: u64, timeout: Duration) -> (u64, State) {
        let guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |(v, _)| *v == version)
            .unwrap_or_else(PoisonError::into_inner);
        (guard.0, guard.1.clone())
    }
}

/// A bound HTTP server, not yet answering.
pub struct Http {
    server: Server,
    site: PathBuf,
    hub: Arc<Hub>,
}

impl Http {
    /// Binds `address`; `site` is the output folder.
    pub fn bind(address: SocketAddr, site: PathBuf, hub: Arc<Hub>) -> Result<Http, Error> {
        let server = Server::http(address)
            .map_err(|e| Error::Usage(format!("cannot listen on {address}: {e}")))?;
        Ok(Http { server, site, hub })
    }

    /// The address actually bound (the port chosen when 0 was asked).
    pub fn address(&self) -> Option<SocketAddr> {
        self.server.server_addr().to_ip()
    }

    /// Answers requests on a background thread, each event stream on its own thread.
    pub fn spawn(self) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            for request in self.server.incoming_requests() {
                self.answer(request);
            }
        })
    }

    fn answer(&self, request: Request) {
        let path = request
            .url()
            .split(['?', '#'])
            .next()
            .unwrap_or("/")
            .to_owned();
        if !matches!(request.method(), Method::Get | Method::Head) {
            let _ = request.respond(Response::from_string("read-only").with_status_code(405));
            return;
        }
        let response = match path.strip_prefix(PREFIX) {
            Some("events") => {
                let hub = Arc::clone(&self.hub);
                std::thread::spawn(move || stream_events(request, &hub));
                return;
            }
            Some("reload.js") => with_content_type(Response::from_string(RELOAD_JS), "js"),
            Some(_) => not_found(&self.hub),
            None => self.file(&path),
        };
        let response = with_header(response, "Cache-Control", "no-store");
        let _ = request.respond(response);
    }

    /// The file a URL path names, `index.html` for a folder; HTML gets the reload script.
    fn file(&self, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
        let Some(path) = site_path(&self.site, url) else {
            return not_found(&self.hub);
        };
        let path = if path.is_dir() {
            path.join(crate::paths::INDEX)
        } else {
            path
        };
        let Ok(bytes) = std::fs::read(&path) else {
            return not_found(&self.hub);
        };
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let bytes = if extension == "html" {
            inject(bytes, self.hub.state().generation)
        } else {
            bytes
        };
        with_content_type(Response::from_data(bytes), &extension)
    }
}

/// The file under `site` that a URL path names, refusing `..` and anything odd.
fn site_path(site: &Path, url: &str) -> Option<PathBuf> {
    // `%XX` escapes decoded; a malformed one (`%zz`) is kept as it is, and names no file.
    let decoded = percent_encoding::percent_decode_str(url)
        .decode_utf8()
        .ok()?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    let safe = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        && !decoded.contains(['\\', '\0']);
    safe.then(|| site.join(relative))
}

/// The page with the reload script before `</body>` (at the end when there is none), and
/// its Content-Security-Policy loosened just enough to run that script and let it listen.
fn inject(page: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{PREFIX}reload.js\" data-generation=\"{generation}\" defer></script>"
    );
    let policy = CONTENT_SECURITY_POLICY.as_bytes();
    let loosened = format!("{CONTENT_SECURITY_POLICY}; script-src 'self'; connect-src 'self'");
    let csp = page.windows(policy.len()).position(|w| w == policy);
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tag.len() + loosened.len());
    let mut from = 0;
    if let Some(csp) = csp.filter(|&c| c < at) {
        out.extend_from_slice(&page[..csp]);
        out.extend_from_slice(loosened.as_bytes());
        from = csp + policy.len();
    }
    out.extend_from_slice(&page[from..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn not_found(hub: &Hub) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = b"<!DOCTYPE html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title>\n<body><h1>Not found</h1><p>No such page in the built site (or it has not been built yet).</p></body></html>\n".to_vec();
    let response = Response::from_data(inject(page, hub.state().generation));
    with_content_type(response.with_status_code(404), "html")
}

/// Sends the state now and after every change, until the tab goes away.
fn stream_events(request: Request, hub: &Hub) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut version = u64::MAX;
    loop {
        let (now, state) = if version == u64::MAX {
            let guard = hub.state.lock().unwrap_or_else(PoisonError::into_inner);
            (guard.0, guard.1.clone())
        } else {
            hub.wait(version, KEEP_ALIVE)
        };
        let message = if now == version {
            ": keep-alive\n\n".to_owned()
        } else {
            let json = serde_json::to_string(&state).unwrap_or_default();
            format!("event: state\ndata: {json}\n\n")
        };
        version = now;
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// `response` with a header; names and values are ASCII constants of this module, which
/// always convert.
fn with_header<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
}

fn with_content_type<R: std::io::Read>(response: Response<R>, extension: &str) -> Response<R> {
    let mime = match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    };
    with_header(response, "Content-Type", mime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_stay_inside_the_site() {
        let site = Path::new("/srv/site");
        assert_eq!(
            site_path(site, "/candidates/a%C3%A9/index.html"),
            Some(PathBuf::from("/srv/site/candidates/aé/index.html"))
        );
        assert_eq!(site_path(site, "/"), Some(PathBuf::from("/srv/site/")));
        assert_eq!(
            site_path(site, "/%zz"),
            Some(PathBuf::from("/srv/site/%zz"))
        );
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/a%5Cb",
            "/%00",
            "/%FF",
        ] {
            assert_eq!(site_path(site, bad), None, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = inject(b"<p>&lt;/body&gt;</p></BODY></html>".to_vec(), 3);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<p>&lt;/body&gt;</p><script src=\"/__refolio/reload.js\" data-generation=\"3\" defer></script></BODY></html>"
        );
        let page = format!("<meta content=\"{CONTENT_SECURITY_POLICY}\"><body></body>");
        assert_eq!(
            String::from_utf8(inject(page.into_bytes(), 1)).unwrap(),
            format!(
                "<meta content=\"{CONTENT_SECURITY_POLICY}; script-src 'self'; connect-src 'self'\"><body><script src=\"/__refolio/reload.js\" data-generation=\"1\" defer></script></body>"
            ),
            "the served page may run the reload script"
        );
        let bare = inject(b"text".to_vec(), 1);
        assert!(bare.ends_with(b"defer></script>"));
    }
}
