//! The command line on a terminal: whether a build shows its progress, and the progress
//! display itself (indicatif, on standard error). It appears only once a build has run for
//! a second, so quick builds print their lines alone, and it is erased before they are.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::Step;

/// How long a build runs before its progress appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// Whether to show progress: on a terminal only (a log or a pipe gets plain lines), and
/// never when asked for quiet or for JSON, whose readers want nothing but what they asked.
pub fn shows_progress(stderr_is_terminal: bool, quiet: bool, json: bool) -> bool {
    stderr_is_terminal && !quiet && !json
}

const SPINNER: &str = "{spinner} {msg} ({elapsed})";
const BAR: &str = "{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})";

fn style(template: &str) -> ProgressStyle {
    // The templates are constants a test parses; the fallback is never used.
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .progress_chars("=> ")
}

/// A build's progress on standard error, hidden until [`DELAY`] has passed; erased when
/// dropped (also when the build fails).
pub struct Display {
    bar: ProgressBar,
    /// Closing it tells the revealing thread the build is over.
    stop: Option<mpsc::Sender<()>>,
    revealer: Option<JoinHandle<()>>,
}

impl Display {
    /// A display that shows after `delay` when `visible`, and never otherwise.
    pub fn start(visible: bool, delay: Duration) -> Display {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
            .with_style(style(SPINNER))
            .with_message("checking the content");
        if !visible {
            return Display {
                bar,
                stop: None,
                revealer: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let revealer = std::thread::spawn(move || {
            // Woken early (the sender dropped) when the build is over before the delay.
            if stopped.recv_timeout(delay) == Err(mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Display {
            bar,
            stop: Some(stop),
            revealer: Some(revealer),
        }
    }

    /// Shows `step` of the build.
    pub fn step(&self, step: Step) {
        match step {
            Step::Check => self.bar.set_message("checking the content"),
            Step::Render { scopes } => {
                self.bar.set_style(style(BAR));
                self.bar.set_length(scopes as u64);
                self.bar.set_message("rendering");
            }
            Step::Rendered => self.bar.inc(1),
            Step::Publish => {
                self.bar.set_style(style(SPINNER));
                self.bar.set_message("publishing");
            }
            Step::Print { documents } => {
                self.bar.set_style(style(BAR));
                self.bar.set_length(documents as u64);
                self.bar.set_position(0);
                self.bar.set_message("printing PDFs");
            }
            Step::Printed => self.bar.inc(1),
        }
    }

    /// Whether it is drawn (false until the delay has passed, and off a terminal).
    pub fn is_shown(&self) -> bool {
        !self.bar.is_hidden()
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.stop.take();
        if let Some(revealer) = self.revealer.take() {
            let _ = revealer.join();
        }
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_shows_on_a_terminal_unless_quiet_or_json() {
        assert!(shows_progress(true, false, false));
        assert!(!shows_progress(false, false, false), "off a terminal");
        assert!(!shows_progress(true, true, false), "quiet");
        assert!(!shows_progress(true, false, true), "json");
        assert!(!shows_progress(false, true, true));
    }

    #[test]
    fn the_templates_parse() {
        for template in [SPINNER, BAR] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
    }

    #[test]
    fn a_build_over_before_the_delay_shows_nothing() {
        let display = Display::start(true, Duration::from_secs(3600));
        display.step(Step::Check);
        display.step(Step::Render { scopes: 2 });
        display.step(Step::Rendered);
        display.step(Step::Publish);
        display.step(Step::Print { documents: 3 });
        display.step(Step::Printed);
        assert!(!display.is_shown());
        assert_eq!(display.bar.position(), 1);
        assert_eq!(display.bar.length(), Some(3));
        // Dropping it returns at once: the revealing thread is woken, not waited for.
        let started = std::time::Instant::now();
        drop(display);
        assert!(started.elapsed() < Duration::from_secs(60));
    }

    #[test]
    fn an_invisible_display_never_shows() {
        let display = Display::start(false, Duration::ZERO);
        display.step(Step::Check);
        std::thread::sleep(Duration::from_millis(20));
        assert!(!display.is_shown());
    }
}
