//! Publishing the example edition: links that survive any deployment.
//!
//! The example in the repository root is built into a temporary folder with
//! `--base-url`, then
//! - served by a small std-only HTTP server on 127.0.0.1 under the base URL's
//!   subpath and crawled from `index.html`: every internal link, image,
//!   stylesheet, font and anchor must resolve (and the 404 page's links too);
//! - crawled the same way on the file system, where a link must name a file
//!   (`…/index.html`, not a folder);
//! - checked for canonical links, `og:url` and `sitemap.xml` on the base URL,
//!   and for fingerprinted theme files only.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const BASE_URL: &str = "https://example.org/rapporter/ku/";
const BASE_PATH: &str = "/rapporter/ku/";

/// The example edition built once into a temporary folder.
struct Built {
    _dir: tempfile::TempDir,
    public: PathBuf,
}

fn build_example(base_url: &str) -> Built {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--root")
        .arg(root)
        .args(["build", "--base-url", base_url, "--output"])
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Built { _dir: dir, public }
}

// ---------------------------------------------------------------- HTML scanning

/// Decode the few entities that occur in attribute values.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Values of the double-quoted attribute `name` (` name="…"`) in `html`.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(unescape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// The links a page or stylesheet makes: `href`, `src` and CSS `url(…)`.
fn references(text: &str, is_css: bool) -> Vec<String> {
    if is_css {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find("url(") {
            rest = &rest[i + 4..];
            let end = rest.find(')').unwrap_or(rest.len());
            out.push(rest[..end].trim().trim_matches(['"', '\'']).to_string());
            rest = &rest[end..];
        }
        return out;
    }
    let mut out = attribute_values(text, "href");
    out.extend(attribute_values(text, "src"));
    out
}

/// The `content` of `<meta property="…">`.
fn meta_property(html: &str, property: &str) -> Option<String> {
    let needle = format!("<meta property=\"{property}\" content=\"");
    let i = html.find(&needle)? + needle.len();
    let end = html[i..].find('"')?;
    Some(unescape(&html[i..i + end]))
}

/// The `href` of `<link rel="canonical">`.
fn canonical(html: &str) -> Option<String> {
    let needle = "<link rel=\"canonical\" href=\"";
    let i = html.find(needle)? + needle.len();
    let end = html[i..].find('"')?;
    Some(unescape(&html[i..i + end]))
}

fn is_external(link: &str) -> bool {
    link.starts_with("http://")
        || link.starts_with("https://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
        || link.starts_with("data:")
        || link.starts_with("//")
}

/// Resolve `link` (relative or absolute path, no scheme) against the page
/// path `from` (`/a/b/index.html`), dot segments removed; the fragment apart.
fn resolve(from: &str, link: &str) -> (String, Option<String>) {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        from.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    let trailing = joined.ends_with('/');
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    (out, fragment)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------- the crawler

/// Where a crawl fetches from.
trait Site {
    /// The bytes at a resolved path, or a description of the failure.
    fn fetch(&self, path: &str) -> Result<Vec<u8>, String>;
}

/// What a crawl found.
#[derive(Default)]
struct Crawl {
    /// Pages and files reached, by path.
    reached: BTreeSet<String>,
    /// Broken links: "page: link (why)".
    broken: Vec<String>,
    /// Anchors checked.
    anchors: usize,
}

/// Follow every internal link and anchor from `start`.
fn crawl(site: &dyn Site, start: &str) -> Crawl {
    let mut result = Crawl::default();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut bodies: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = VecDeque::from([start.to_string()]);
    let mut fragments: Vec<(String, String, String)> = Vec::new();
    while let Some(path) = queue.pop_front() {
        if !result.reached.insert(path.clone()) {
            continue;
        }
        let bytes = match site.fetch(&path) {
            Ok(b) => b,
            Err(e) => {
                result.broken.push(format!("{path} ({e})"));
                continue;
            }
        };
        let is_html = path.ends_with(".html") || path.ends_with('/');
        let is_css = path.ends_with(".css");
        if !(is_html || is_css) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if is_html {
            ids.insert(
                path.clone(),
                attribute_values(&text, "id").into_iter().collect(),
            );
        }
        for link in references(&text, is_css) {
            if is_external(&link) || link.is_empty() {
                continue;
            }
            let (target, fragment) = resolve(&path, &link);
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                fragments.push((path.clone(), target.clone(), f));
            }
            if !result.reached.contains(&target) {
                queue.push_back(target);
            }
        }
        bodies.insert(path, text);
    }
    for (page, target, fragment) in fragments {
        result.anchors += 1;
        let found = ids
            .get(&target)
            .is_some_and(|set| set.contains(&percent_decode(&fragment)));
        if !found {
            result
                .broken
                .push(format!("{page}: #{fragment} not found in {target}"));
        }
    }
    result
}

// ---------------------------------------------------------------- the file system

/// The built folder read as the browser reads `file://` URLs.
struct FileSite<'a> {
    public: &'a Path,
}

impl Site for FileSite<'_> {
    fn fetch(&self, path: &str) -> Result<Vec<u8>, String> {
        let file = self
            .public
            .join(percent_decode(path.trim_start_matches('/')));
        if file.is_dir() {
            return Err("a folder: from the file system a link must end in index.html".into());
        }
        std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))
    }
}

// ---------------------------------------------------------------- a tiny HTTP server

/// A static file server on 127.0.0.1 serving `public` under `prefix`, with
/// `404.html` for anything missing; it stops when dropped (or after a minute).
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(public: &Path, prefix: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let public = public.to_path_buf();
        let prefix = prefix.to_string();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => serve_one(stream, &public, &prefix),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                    }
                    Err(_) => break,
                }
            }
        });
        Server {
            port,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve_one(mut stream: TcpStream, public: &Path, prefix: &str) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let request = String::from_utf8_lossy(&request);
    let path = request
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/");
    let path = percent_decode(path.split('?').next().unwrap_or("/"));
    let mut file = None;
    if let Some(rel) = path.strip_prefix(prefix) {
        if !rel.split('/').any(|s| s == "..") {
            let mut f = public.join(rel);
            if f.is_dir() {
                f = f.join("index.html");
            }
            if f.is_file() {
                file = Some(f);
            }
        }
    }
    let (status, body) = match file {
        Some(f) => ("200 OK", std::fs::read(f).unwrap_or_default()),
        None => (
            "404 Not Found",
            std::fs::read(public.join("404.html")).unwrap_or_default(),
        ),
    };
    let head = format!(
        "HTTP/1.0 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// GET `path` from the server: the status code and body.
fn http_get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP response");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[split + 4..].to_vec())
}

struct HttpSite {
    port: u16,
}

impl Site for HttpSite {
    fn fetch(&self, path: &str) -> Result<Vec<u8>, String> {
        match http_get(self.port, path) {
            (200, body) => Ok(body),
            (status, _) => Err(format!("HTTP {status}")),
        }
    }
}

// ---------------------------------------------------------------- tests

/// Every HTML page of the output, as site paths (`2018/index.html`).
fn html_pages(public: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(public).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") {
            pages.push(rel);
        }
    }
    pages
}

fn assert_no_broken(what: &str, crawl: &Crawl) {
    assert!(
        crawl.broken.is_empty(),
        "{what}: {} broken link(s):\n{}",
        crawl.broken.len(),
        crawl.broken.join("\n")
    );
}

#[test]
fn links_work_under_a_subpath_and_from_the_file_system() {
    let built = build_example(BASE_URL);
    let pages = html_pages(&built.public);
    assert!(pages.len() >= 8, "too few pages: {pages:?}");

    // Over HTTP under the subpath.
    let server = Server::start(&built.public, BASE_PATH);
    let http = crawl(
        &HttpSite { port: server.port },
        &format!("{BASE_PATH}index.html"),
    );
    assert_no_broken("served under /rapporter/ku/", &http);
    for page in pages.iter().filter(|p| p.as_str() != "404.html") {
        assert!(
            http.reached.contains(&format!("{BASE_PATH}{page}")),
            "{page} is not reachable from index.html"
        );
    }
    assert!(http.anchors > 20, "only {} anchors checked", http.anchors);
    assert!(
        http.reached
            .iter()
            .any(|p| p.contains("/theme/fonts/") && p.ends_with(".woff2")),
        "the stylesheet's fonts were not followed"
    );

    // A missing page gets the 404 page, whose links work from any depth.
    let (status, body) = http_get(server.port, &format!("{BASE_PATH}2018/nope/deeper/"));
    assert_eq!(status, 404);
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("<h1>"), "the 404 page is served");
    let site = HttpSite { port: server.port };
    let from = format!("{BASE_PATH}2018/nope/deeper/index.html");
    let mut checked = 0;
    for link in references(&body, false) {
        if is_external(&link) || link.starts_with('#') {
            continue;
        }
        let (target, _) = resolve(&from, &link);
        assert!(
            site.fetch(&target).is_ok(),
            "404 page link {link} → {target} is broken"
        );
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} links on the 404 page");
    drop(server);

    // From the file system: relative links to files (no folder links).
    let files = crawl(
        &FileSite {
            public: &built.public,
        },
        "/index.html",
    );
    assert_no_broken("from the file system", &files);
    for page in pages.iter().filter(|p| p.as_str() != "404.html") {
        assert!(
            files.reached.contains(&format!("/{page}")),
            "{page} is not reachable from index.html on the file system"
        );
    }
}

#[test]
fn links_work_at_a_host_root() {
    let built = build_example("https://rapport.example.org");
    let server = Server::start(&built.public, "/");
    let http = crawl(&HttpSite { port: server.port }, "/index.html");
    assert_no_broken("served at /", &http);
    assert!(http.reached.contains("/2018/utskrift/index.html"));
    let (status, body) = http_get(server.port, "/finnes/ikke.html");
    assert_eq!(status, 404);
    let body = String::from_utf8(body).unwrap();
    for link in references(&body, false) {
        if !is_external(&link) && !link.starts_with('#') {
            assert!(
                link.starts_with('/'),
                "404 page link {link} is not absolute"
            );
            let (target, _) = resolve("/finnes/ikke.html", &link);
            assert_eq!(http_get(server.port, &target).0, 200, "{link}");
        }
    }
    // The base URL gained its trailing slash.
    let sitemap = std::fs::read_to_string(built.public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://rapport.example.org/2018/</loc>"));
}

#[test]
fn canonical_open_graph_and_sitemap_use_the_base_url() {
    let built = build_example(BASE_URL);
    let mut canonical_pages = 0;
    for page in html_pages(&built.public) {
        let html = std::fs::read_to_string(built.public.join(&page)).unwrap();
        let expected = format!("{BASE_URL}{}", page.trim_end_matches("index.html"));
        if page == "404.html" {
            // The 404 page is served at any address: it names no canonical URL.
            assert_eq!(canonical(&html), None, "404.html");
            assert_eq!(meta_property(&html, "og:url"), None, "404.html");
            continue;
        }
        assert_eq!(
            canonical(&html).as_deref(),
            Some(expected.as_str()),
            "{page}"
        );
        assert_eq!(
            meta_property(&html, "og:url").as_deref(),
            Some(expected.as_str()),
            "{page}"
        );
        assert!(meta_property(&html, "og:title").is_some(), "{page}");
        assert!(
            !html.contains("example.no/"),
            "{page} still names rapport.toml's base_url"
        );
        canonical_pages += 1;
    }
    assert!(canonical_pages >= 8);

    let sitemap = std::fs::read_to_string(built.public.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(locs.len(), canonical_pages, "one <loc> per page but 404");
    for loc in locs {
        let rel = loc
            .strip_prefix(BASE_URL)
            .unwrap_or_else(|| panic!("{loc} is not under {BASE_URL}"));
        let file = if rel.is_empty() || rel.ends_with('/') {
            built.public.join(rel).join("index.html")
        } else {
            built.public.join(rel)
        };
        assert!(
            file.is_file(),
            "sitemap names {loc}, but {file:?} does not exist"
        );
    }
}

#[test]
fn pages_reference_fingerprinted_theme_files_only() {
    let built = build_example(BASE_URL);
    let hashed = |name: &str| -> bool {
        // stem.0123abcd.ext
        let parts: Vec<&str> = name.rsplitn(3, '.').collect();
        parts.len() == 3 && parts[1].len() == 8 && parts[1].chars().all(|c| c.is_ascii_hexdigit())
    };
    for entry in walkdir::WalkDir::new(built.public.join("theme")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(hashed(&name), "theme file {name} is not fingerprinted");
        }
    }
    let mut theme_refs = 0;
    for page in html_pages(&built.public) {
        let html = std::fs::read_to_string(built.public.join(&page)).unwrap();
        for link in references(&html, false) {
            if let Some(i) = link.find("theme/") {
                let name = link[i..].rsplit('/').next().unwrap();
                assert!(
                    hashed(name),
                    "{page} links to {link}, not a fingerprinted name"
                );
                theme_refs += 1;
            }
        }
    }
    assert!(theme_refs >= 20, "only {theme_refs} theme references");
    let css_dir = built.public.join("theme");
    for entry in std::fs::read_dir(&css_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "css") {
            let css = std::fs::read_to_string(&path).unwrap();
            for url in references(&css, true) {
                let name = url.rsplit('/').next().unwrap();
                assert!(hashed(name), "{path:?} refers to {url}");
            }
        }
    }
}

#[test]
fn resolves_relative_links_like_a_browser() {
    assert_eq!(
        resolve("/r/2018/a/index.html", "../../theme/x.css"),
        ("/r/theme/x.css".to_string(), None)
    );
    assert_eq!(
        resolve("/r/2018/a/index.html", "#f"),
        ("/r/2018/a/index.html".to_string(), Some("f".to_string()))
    );
    assert_eq!(
        resolve("/r/index.html", "2018/"),
        ("/r/2018/".to_string(), None)
    );
    assert_eq!(
        resolve("/r/x/index.html", "/abs/y.html#z"),
        ("/abs/y.html".to_string(), Some("z".to_string()))
    );
    assert_eq!(percent_decode("a%C3%B8b"), "aøb");
    assert_eq!(
        attribute_values("<a href=\"a&amp;b\" id=\"x\">", "href"),
        vec!["a&b"]
    );
}
