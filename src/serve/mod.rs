//! Serve: a local preview that follows the sources. The [`watch::Watch`]er folds
//! file-system events into [`ChangeKind`]s, the [`rebuild::Rebuilder`] writes only the
//! pages they affect, and the [`http`] server tells open tabs to reload, or shows the
//! errors over the page while the last good site stays served.

pub mod http;
pub mod rebuild;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

pub use crate::incremental::{Change, ChangeKind};
use crate::{BuildOptions, Error};
use rebuild::{Rebuilder, Report};

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// The interface to listen on: loopback unless asked otherwise.
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// A preview server: built, bound and watching, not yet following changes.
pub struct Server {
    rebuilder: Rebuilder,
    hub: Arc<http::Hub>,
    address: SocketAddr,
    watch: watch::Watch,
}

impl Server {
    /// Builds the site (errors do not prevent serving), starts answering HTTP and watching
    /// the sources. Fails only when the site root, the output folder or the address is
    /// unusable.
    pub fn start(options: &ServeOptions) -> Result<(Server, Report), Error> {
        let mut rebuilder = Rebuilder::new(&options.build)?;
        let watch = watch::Watch::start(&options.build.root)?;
        let report = rebuilder.rebuild([]);
        let hub = Arc::new(http::Hub::default());
        hub.publish(report.is_ok(), report.errors.clone());
        let address = SocketAddr::new(options.interface, options.port);
        let server = http::Http::bind(address, rebuilder.target().to_path_buf(), Arc::clone(&hub))?;
        let address = server.address().unwrap_or(address);
        server.spawn();
        let server = Server {
            rebuilder,
            hub,
            address,
            watch,
        };
        Ok((server, report))
    }

    /// The URL the site is served at.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Follows changes until the watcher stops: rebuilds each batch and tells open tabs.
    /// `on_report` gets each rebuild's report (none for a batch of watcher problems only)
    /// and the watcher's problems.
    pub fn run(mut self, mut on_report: impl FnMut(Option<&Report>, &[String])) {
        while let Some(batch) = self.watch.wait() {
            if batch.changes.is_empty() {
                on_report(None, &batch.problems);
                continue;
            }
            let report = self.rebuilder.rebuild(batch.changes);
            self.hub.publish(report.is_ok(), report.errors.clone());
            on_report(Some(&report), &batch.problems);
        }
    }
}
