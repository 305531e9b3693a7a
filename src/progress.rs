//! What a build reports as it goes, for a progress display: the stage it is in, and each
//! scope of pages rendered. The library only calls a [`Report`]; the command line decides
//! whether and how to show it (`terminal`), so library users and tests pay nothing.

/// One step of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading and validating the content.
    Check,
    /// Rendering begins: this many scopes (the site, each referential, candidate and
    /// session) to render.
    Render { scopes: usize },
    /// One more scope rendered and written.
    Rendered,
    /// Swapping the staged site in.
    Publish,
    /// `refolio print` begins printing this many PDFs.
    Print { documents: usize },
    /// One more PDF printed.
    Printed,
}

/// Where a build reports its steps; called from the render threads.
pub type Report<'a> = &'a (dyn Fn(Step) + Sync);

/// A report that shows nothing.
pub fn silent(_: Step) {}
