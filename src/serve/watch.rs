//! Watching the project and rebuilding: `notify` events for `content/`,
//! `templates/`, `theme/` and `rapport.toml`, debounced so an editor's save
//! burst (write, rename, chmod …) is one rebuild, then the incremental
//! builder and a reload event.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::build::{is_input, Builder};
use crate::error::Errors;
use crate::BuildOptions;

use super::state::Shared;

/// Quiet time that ends a burst of file events.
pub const DEBOUNCE: Duration = Duration::from_millis(15);
/// The longest a burst may delay a rebuild.
const MAX_DELAY: Duration = Duration::from_millis(400);
/// How often the thread checks for shutdown while idle.
const POLL: Duration = Duration::from_millis(100);

/// The folders watched recursively.
const WATCHED_DIRS: [&str; 3] = ["content", "templates", "theme"];

/// Build once, report it, then rebuild on every change until `stop`.
/// `ready` is called after the first build.
pub fn run(
    options: BuildOptions,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    ready: impl FnOnce(),
) -> notify::Result<()> {
    let root = options.root.clone();
    let mut builder = Builder::new(options);
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watched = BTreeSet::new();
    watch_dirs(&mut watcher, &root, &mut watched);

    rebuild(&mut builder, &shared, &root, &[]);
    ready();

    while !stop.load(Ordering::Relaxed) {
        let first = match rx.recv_timeout(POLL) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let started = Instant::now();
        let mut changed = BTreeSet::new();
        relevant(&root, first, &mut changed);
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => relevant(&root, event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
            if started.elapsed() > MAX_DELAY {
                break;
            }
        }
        if changed.is_empty() {
            continue;
        }
        // A watched folder that was removed or replaced is watched afresh.
        for path in &changed {
            watched.remove(path);
        }
        watch_dirs(&mut watcher, &root, &mut watched);
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        rebuild(&mut builder, &shared, &root, &changed);
    }
    Ok(())
}

/// Watch the input folders that exist and are not watched yet (a folder
/// created while serving, e.g. `templates/`, is picked up).
fn watch_dirs(watcher: &mut impl Watcher, root: &Path, watched: &mut BTreeSet<PathBuf>) {
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if !path.is_dir() {
            watched.remove(&path);
            continue;
        }
        if watched.contains(&path) {
            continue;
        }
        match watcher.watch(&path, RecursiveMode::Recursive) {
            Ok(()) => {
                watched.insert(path);
            }
            Err(e) => eprintln!("warning: cannot watch {}: {e}", path.display()),
        }
    }
}

/// Add the event's input paths to `changed`; reads and other noise count
/// for nothing.
fn relevant(root: &Path, event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) {
    let Ok(event) = event else {
        // The watcher lost track (e.g. queue overflow): rebuild to be safe.
        changed.insert(root.to_path_buf());
        return;
    };
    let noise = matches!(
        event.kind,
        EventKind::Access(
            AccessKind::Read | AccessKind::Open(_) | AccessKind::Any | AccessKind::Other
        ) | EventKind::Access(AccessKind::Close(AccessMode::Read | AccessMode::Execute))
            | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    );
    if noise {
        return;
    }
    for path in event.paths {
        let is_watched_dir = WATCHED_DIRS.iter().any(|d| path == root.join(d));
        if is_watched_dir || is_input(root, &path) {
            changed.insert(path);
        }
    }
}

/// Rebuild, publish the result, and say so in the terminal.
fn rebuild(builder: &mut Builder, shared: &Shared, root: &Path, changed: &[PathBuf]) {
    let what = describe(root, changed);
    // A bug in a stage must not end live reload: report it like an error
    // and start over with empty caches.
    let result = match std::panic::catch_unwind(AssertUnwindSafe(|| builder.rebuild())) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            *builder = Builder::new(builder.options().clone());
            let text = format!("internal error while building (a bug in rapport): {message}\n");
            eprint!("{what}{text}");
            shared.failed(text);
            return;
        }
    };
    match result {
        Ok(report) => {
            let event = shared.built(builder.files().clone());
            let ms = report.duration.as_secs_f64() * 1000.0;
            let effect = match &event {
                _ if changed.is_empty() => "first build",
                None => "no change",
                Some(e) if e.css.is_some() => "stylesheet swapped",
                Some(_) => "reloading",
            };
            let redone = if report.rendered.is_empty() {
                String::new()
            } else {
                format!(
                    ", rendered {}",
                    report
                        .rendered
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            eprintln!(
                "{what}built {} files in {ms:.1} ms{redone} ({effect})",
                builder.files().len()
            );
        }
        Err(errors) => {
            if !what.is_empty() {
                eprintln!("{}", what.trim_end_matches(": "));
            }
            eprint!(
                "{}",
                error_text(&errors, root, std::io::stderr().is_terminal())
            );
            eprintln!("error: build failed; still serving the last good build");
            shared.failed(error_text(&errors, root, false));
        }
    }
}

/// Every error rendered like the CLI does (file:line:column, source line, help).
pub fn error_text(errors: &Errors, root: &Path, color: bool) -> String {
    errors
        .0
        .iter()
        .map(|e| crate::diagnostic::render(e, color, root))
        .collect()
}

fn describe(root: &Path, changed: &[PathBuf]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!(
            "changed {}: ",
            one.strip_prefix(root).unwrap_or(one).display()
        ),
        many => format!("{} files changed: ", many.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::CreateKind;

    fn event(kind: EventKind, path: &Path) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(path.to_path_buf()))
    }

    #[test]
    fn only_input_changes_count() {
        let root = Path::new("/p");
        let mut changed = BTreeSet::new();
        let md = root.join("content/2018/01-a.md");
        relevant(
            root,
            event(EventKind::Access(AccessKind::Open(AccessMode::Any)), &md),
            &mut changed,
        );
        relevant(
            root,
            event(
                EventKind::Modify(ModifyKind::Any),
                &root.join("public/index.html"),
            ),
            &mut changed,
        );
        relevant(
            root,
            event(
                EventKind::Create(CreateKind::File),
                &root.join("content/2018/.01-a.md.swp"),
            ),
            &mut changed,
        );
        relevant(
            root,
            event(
                EventKind::Create(CreateKind::File),
                &root.join("content/2018/4913"),
            ),
            &mut changed,
        );
        relevant(
            root,
            event(
                EventKind::Create(CreateKind::Folder),
                &root.join(".rapport-cache"),
            ),
            &mut changed,
        );
        assert!(changed.is_empty(), "{changed:?}");
        relevant(
            root,
            event(EventKind::Access(AccessKind::Close(AccessMode::Write)), &md),
            &mut changed,
        );
        relevant(
            root,
            event(
                EventKind::Modify(ModifyKind::Any),
                &root.join("rapport.toml"),
            ),
            &mut changed,
        );
        relevant(
            root,
            event(
                EventKind::Create(CreateKind::Folder),
                &root.join("templates"),
            ),
            &mut changed,
        );
        assert_eq!(changed.len(), 3, "{changed:?}");
    }
}
