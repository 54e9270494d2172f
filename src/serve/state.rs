//! What the server shows: the last good site, the last build error, and the
//! reload events sent to open pages when either changes.

use std::sync::{Arc, RwLock};

use serde::Serialize;
use tokio::sync::broadcast;

use crate::render::Files;

use super::css;

/// One state of the served site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The last good site.
    pub files: Arc<Files>,
    /// Counts changes of `files`; pages know the one they were served from.
    pub site: u64,
    /// The last build's errors as text, while it failed.
    pub error: Option<Arc<str>>,
    /// Whether any build has succeeded yet.
    pub built: bool,
}

/// The event sent to open pages (JSON in a Server-Sent Event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reload {
    /// The site generation now served.
    pub site: u64,
    /// When only stylesheets changed: (old path, new path) pairs to swap
    /// without reloading the page.
    pub css: Option<Vec<(String, String)>>,
    /// The build error, or `null` after a good build.
    pub error: Option<String>,
}

/// The server's shared state.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<Reload>,
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            snapshot: RwLock::default(),
            events: broadcast::channel(16).0,
        }
    }
}

impl Shared {
    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => Arc::clone(&s),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The event describing the current snapshot (sent when a page connects).
    pub fn current(&self) -> Reload {
        let s = self.snapshot();
        Reload {
            site: s.site,
            css: None,
            error: s.error.as_deref().map(str::to_string),
        }
    }

    /// Subscribe to reload events.
    pub fn subscribe(&self) -> broadcast::Receiver<Reload> {
        self.events.subscribe()
    }

    /// A build succeeded with `files`. Returns the event sent, if anything
    /// changed for the pages.
    pub fn built(&self, files: Files) -> Option<Reload> {
        let old = self.snapshot();
        let same = old.built && *old.files == files;
        if same && old.error.is_none() {
            return None;
        }
        let (site, css, files) = if same {
            (old.site, None, Arc::clone(&old.files))
        } else {
            let css = if old.built {
                css::only_css_changed(&old.files, &files)
            } else {
                None
            };
            (old.site + 1, css, Arc::new(files))
        };
        self.publish(Snapshot {
            files,
            site,
            error: None,
            built: true,
        });
        let event = Reload {
            site,
            css,
            error: None,
        };
        let _ = self.events.send(event.clone());
        Some(event)
    }

    /// A build failed; the last good site stays.
    pub fn failed(&self, error_text: String) -> Reload {
        let old = self.snapshot();
        self.publish(Snapshot {
            files: Arc::clone(&old.files),
            site: old.site,
            error: Some(Arc::from(error_text.as_str())),
            built: old.built,
        });
        let event = Reload {
            site: old.site,
            css: None,
            error: Some(error_text),
        };
        let _ = self.events.send(event.clone());
        event
    }

    fn publish(&self, snapshot: Snapshot) {
        let new = Arc::new(snapshot);
        match self.snapshot.write() {
            Ok(mut s) => *s = new,
            Err(poisoned) => *poisoned.into_inner() = new,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::files_of as files;

    #[test]
    fn events_follow_builds() {
        let shared = Shared::default();
        let mut rx = shared.subscribe();
        let a = files(&[("index.html", "a")]);
        assert_eq!(shared.built(a.clone()).unwrap().site, 1);
        assert_eq!(shared.built(a.clone()), None, "no change, no event");
        let failed = shared.failed("boom".into());
        assert_eq!((failed.site, failed.error.as_deref()), (1, Some("boom")));
        assert_eq!(shared.snapshot().files.len(), 1, "keeps the last good site");
        let fixed = shared.built(a).unwrap();
        assert_eq!(
            (fixed.site, fixed.error),
            (1, None),
            "same site, overlay gone"
        );
        let changed = shared.built(files(&[("index.html", "b")])).unwrap();
        assert_eq!(changed.site, 2);
        let sent: Vec<u64> = std::iter::from_fn(|| rx.try_recv().ok())
            .map(|r| r.site)
            .collect();
        assert_eq!(sent, vec![1, 1, 1, 2]);
    }
}
