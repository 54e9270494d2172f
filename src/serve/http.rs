//! The HTTP side: the site from memory (GET and HEAD), the site's 404 page,
//! and the reload events at `/__rapport/events`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use tokio::sync::{broadcast, watch};

use super::inject;
use super::paths::{content_type, site_path};
use super::state::{Reload, Shared};

/// The path of the reload event stream.
pub const EVENTS_PATH: &str = "/__rapport/events";

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub shared: Arc<Shared>,
    /// Becomes `true` on shutdown, ending the event streams.
    pub shutdown: watch::Receiver<bool>,
}

/// The server's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(site)
        .with_state(state)
}

/// A file of the site, the folder's `index.html`, or the 404 page.
async fn site(State(state): State<AppState>, request: Request<Body>) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let uri = request.uri();
    let Ok(path) = site_path(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "bad request\n");
    };
    let snapshot = state.shared.snapshot();
    let error = snapshot.error.as_deref();
    if !snapshot.built {
        let body = inject::no_site_page(error);
        return respond(&method, StatusCode::SERVICE_UNAVAILABLE, "x.html", body);
    }
    let files = &snapshot.files;
    if let Some(bytes) = files.get(&path) {
        let body = if path.ends_with(".html") {
            inject::page(bytes, snapshot.site, error)
        } else {
            bytes.clone()
        };
        return respond(&method, StatusCode::OK, &path, body);
    }
    // `/2018` is a folder: redirect to `/2018/` so relative links resolve.
    if files.contains_key(&format!("{path}/index.html")) {
        let mut location = format!("{}/", uri.path());
        if let Some(q) = uri.query() {
            location = format!("{location}?{q}");
        }
        let mut r = plain(StatusCode::MOVED_PERMANENTLY, "moved\n");
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    match files.get("404.html") {
        Some(bytes) => {
            let body = inject::page(bytes, snapshot.site, error);
            respond(&method, StatusCode::NOT_FOUND, "404.html", body)
        }
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// A response with the file's content type; no body for `HEAD`.
fn respond(method: &Method, status: StatusCode, path: &str, body: Vec<u8>) -> Response {
    let len = body.len();
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = (status, text).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// Server-Sent Events: the current state first, then one event per build.
async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = state.shared.current();
    let rx = state.shared.subscribe();
    let stream = stream::unfold(
        (Some(first), rx, state.shutdown),
        |(first, mut rx, mut shutdown)| async move {
            if let Some(event) = first {
                return Some((Ok(sse(&event)), (None, rx, shutdown)));
            }
            loop {
                if *shutdown.borrow() {
                    return None;
                }
                tokio::select! {
                    received = rx.recv() => match received {
                        Ok(event) => return Some((Ok(sse(&event)), (None, rx, shutdown))),
                        // Missed some: what matters is the latest state.
                        Err(broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                    changed = shutdown.changed() => {
                        if changed.is_err() {
                            return None;
                        }
                    }
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn sse(event: &Reload) -> Event {
    Event::default().data(serde_json::to_string(event).unwrap_or_default())
}
