//! `rapport serve`: build, serve the site from memory, rebuild on change and
//! reload open pages.
//!
//! - [`watch`]: the build thread — watcher, debounce, incremental builder;
//! - [`state`]: the last good site, the last error, reload events;
//! - [`http`]: routes (site files, 404, `HEAD`, event stream);
//! - [`paths`]: request paths to site paths, refusing escapes; content types;
//! - [`net`]: `--bind` and `--port` to a listener and a URL; [`browser`]: `--open`;
//! - [`inject`]: the live-reload script and the error overlay, added to
//!   served HTML only;
//! - [`css`]: whether a rebuild changed only stylesheets.

mod browser;
mod css;
mod http;
mod inject;
mod net;
mod paths;
mod state;
mod watch;

pub use http::EVENTS_PATH;
pub use paths::{content_type, site_path, BadPath};

use std::future::IntoFuture;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use tokio::sync::watch as tokio_watch;

use crate::BuildOptions;

/// How long open connections get to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// What and where to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project root (`rapport.toml`); `base_url` is replaced by the
    /// server's own address.
    pub build: BuildOptions,
    /// The address to bind to: `127.0.0.1` by default.
    pub bind: String,
    /// The port; `0` lets the system pick one. When the port is busy the
    /// next free one (up to 10 further) is used.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("no project folder at {0}")]
    NoRoot(std::path::PathBuf),
    #[error("`{0}` is not an address to bind to")]
    Address(String),
    #[error("port {port} and the next {tries} are busy on {ip}")]
    Busy { ip: IpAddr, port: u16, tries: u16 },
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot watch the project: {0}")]
    Watch(#[from] notify::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Serve until Ctrl-C (or SIGTERM). Prints the URL when the first build is
/// done.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(serve(options))
}

async fn serve(options: ServeOptions) -> Result<(), ServeError> {
    if !options.build.root.is_dir() {
        return Err(ServeError::NoRoot(options.build.root.clone()));
    }
    let ip = net::resolve(&options.bind)?;
    let listener = net::bind(ip, options.port).await?;
    let addr = listener.local_addr()?;
    let url = net::url_of(addr);
    if !ip.is_loopback() {
        eprintln!("warning: serving on {ip}: other machines on the network can see the preview");
    }

    // The build thread: first build, then watch and rebuild.
    let shared = Arc::new(state::Shared::default());
    let stop = Arc::new(AtomicBool::new(false));
    let mut build = options.build.clone();
    build.base_url = Some(url.clone());
    // Absolute, so watcher paths and error locations compare with it.
    if let Ok(root) = build.root.canonicalize() {
        build.root = root;
    }
    let shown_root = build.root.display().to_string();
    let (ready_tx, ready_rx) = mpsc::channel();
    let builder_thread = {
        let (shared, stop) = (Arc::clone(&shared), Arc::clone(&stop));
        std::thread::Builder::new()
            .name("rapport-build".into())
            .spawn(move || {
                let ready_tx2 = ready_tx.clone();
                let result = watch::run(build, shared, stop, move || {
                    let _ = ready_tx2.send(Ok(()));
                });
                if let Err(e) = result {
                    let _ = ready_tx.send(Err(e));
                }
            })?
    };
    let first = tokio::task::spawn_blocking(move || ready_rx.recv())
        .await
        .map_err(|e| ServeError::Io(std::io::Error::other(e)))?;
    match first {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(ServeError::Watch(e)),
        Err(_) => {
            return Err(ServeError::Io(std::io::Error::other(
                "the build thread ended",
            )))
        }
    }

    println!("Serving {shown_root} at {url} (Ctrl-C to stop)");
    if options.open {
        browser::open_browser(&url);
    }

    let (shutdown_tx, shutdown_rx) = tokio_watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        eprintln!("stopping");
        let _ = shutdown_tx.send(true);
    });
    let app = http::router(http::AppState {
        shared,
        shutdown: shutdown_rx.clone(),
    });
    let mut on_signal = shutdown_rx.clone();
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = on_signal.wait_for(|stop| *stop).await;
        })
        .into_future();
    // Serve until the signal; then give open connections a moment.
    let mut after_signal = shutdown_rx;
    let result = tokio::select! {
        r = server => r,
        () = async {
            let _ = after_signal.wait_for(|stop| *stop).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => Ok(()),
    };
    stop.store(true, Ordering::Relaxed);
    // Let a rebuild in progress finish (it may be writing the chart cache).
    let _ = tokio::task::spawn_blocking(move || builder_thread.join()).await;
    result.map_err(ServeError::Io)
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
