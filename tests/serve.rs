//! `rapport serve` end to end: the binary on a temporary copy of the
//! `minimal` fixture, on a free loopback port, spoken to with raw HTTP/1.1
//! over `TcpStream`. Every wait is bounded in time and count.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use support::Project;

const CHAPTER: &str = "content/2018/01-innledning.md";
const TIMEOUT: Duration = Duration::from_secs(15);

/// A running `rapport serve`; stopped with SIGINT on drop.
struct Server {
    child: Child,
    addr: SocketAddr,
    url: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(project: &Project, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .arg("--root")
            .arg(project.root())
            .args(["serve", "--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no URL printed; stderr: {}", stderr.lock().unwrap()));
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        let addr: SocketAddr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        assert!(addr.ip().is_loopback(), "binds to loopback by default");
        Server {
            child,
            addr,
            url,
            stderr,
        }
    }

    fn get(&self, path: &str) -> Response {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    fn raw(&self, request: &str) -> Response {
        raw_request(self.addr, request.as_bytes())
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// SIGINT (Ctrl-C), then wait for the exit, bounded.
    fn interrupt(&mut self) -> Option<std::process::ExitStatus> {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            if self.interrupt().is_none() {
                let _ = self.child.kill();
                let _ = self.child.wait();
            }
        }
    }
}

struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
}

fn raw_request(addr: SocketAddr, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.write_all(request).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head: {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap();
    Response {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    }
}

/// The reload event stream: each `data:` line parsed as JSON.
fn events(addr: SocketAddr) -> Receiver<serde_json::Value> {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET /__rapport/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                if let Ok(v) = serde_json::from_str(data) {
                    if tx.send(v).is_err() {
                        break;
                    }
                }
            }
        }
    });
    rx
}

fn next_event(rx: &Receiver<serde_json::Value>) -> serde_json::Value {
    rx.recv_timeout(TIMEOUT).expect("a reload event in time")
}

/// The served HTML without what `serve` injects (the last `<script>`).
fn without_injection(html: &str) -> String {
    match html.rfind("<script>") {
        Some(start) => {
            let end = html[start..].find("</script>").unwrap() + start + "</script>".len();
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

#[test]
fn serves_the_site_from_memory() {
    let project = Project::copy("minimal");
    let server = Server::start(&project, &[]);

    let front = server.get("/");
    assert_eq!(front.status, 200);
    assert_eq!(
        front.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(
        front.text().contains("/__rapport/events"),
        "script injected"
    );

    // A folder serves its index.html; without the slash it redirects.
    let edition = server.get("/2018/");
    assert_eq!(edition.status, 200);
    assert!(edition.text().contains("Testrapporten 2018"));
    let moved = server.get("/2018");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location").as_deref(), Some("/2018/"));

    // HEAD: the GET's headers, no body.
    let get = server.get("/2018/innledning/");
    let head = server.raw(&format!(
        "HEAD /2018/innledning/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string())
    );

    // Content types of the other kinds of files.
    let css_path = front
        .text()
        .split("href=\"")
        .find_map(|s| {
            s.split('"')
                .next()
                .filter(|h| h.ends_with(".css"))
                .map(str::to_string)
        })
        .unwrap();
    let css = server.get(&format!("/{css_path}"));
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert!(
        !css.text().contains("__rapport"),
        "only HTML gets the script"
    );
    let sitemap = server.get("/sitemap.xml");
    assert_eq!(
        sitemap.header("content-type").as_deref(),
        Some("application/xml")
    );
    assert!(
        sitemap.text().contains(&server.url),
        "base_url is the server's"
    );

    // Missing: the site's 404 page, status 404.
    let missing = server.get("/2018/finnes-ikke/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<main"), "{}", missing.text());
    let post = server.raw(&format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert_eq!(post.status, 405);

    // Served from memory: nothing written into the project.
    assert!(!project.path("public").exists());
}

#[test]
fn edits_reload_errors_show_an_overlay_until_fixed() {
    let project = Project::copy("minimal");
    let server = Server::start(&project, &[]);
    let rx = events(server.addr);
    let first = next_event(&rx);
    assert_eq!(first["error"], serde_json::Value::Null);
    let site = first["site"].as_u64().unwrap();

    // A prose edit: the page changes and open pages are told to reload.
    let text = project.read(CHAPTER);
    let saved = Instant::now();
    project.write(
        CHAPTER,
        text.replace("gjennomført i 2018", "gjennomført i uke 50"),
    );
    let event = next_event(&rx);
    let latency = saved.elapsed();
    assert_eq!(event["site"].as_u64(), Some(site + 1), "{event}");
    assert_eq!(event["error"], serde_json::Value::Null);
    eprintln!(
        "save → reload event: {:.1} ms",
        latency.as_secs_f64() * 1000.0
    );
    assert!(server
        .get("/2018/innledning/")
        .text()
        .contains("gjennomført i uke 50"));

    // A broken shortcode: the overlay names file and line, the server keeps
    // answering with the last good pages.
    let broken = format!(
        "{}\nSe {{{{ figr(id=\"x\") }}}} her.\n",
        project.read(CHAPTER)
    );
    let line = broken.lines().count();
    project.write(CHAPTER, &broken);
    let event = next_event(&rx);
    let error = event["error"]
        .as_str()
        .expect("the event carries the error");
    let at = format!("content/2018/01-innledning.md:{line}:");
    assert!(error.contains(&at), "{error}");
    assert!(error.contains("figr"), "{error}");
    for path in ["/2018/innledning/", "/2018/", "/"] {
        let page = server.get(path);
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(
            html.contains("<div id=\"rapport-error\""),
            "overlay on {path}"
        );
        assert!(html.contains(&at), "{html}");
        assert!(
            html.contains("figr(id=&quot;x&quot;)"),
            "escaped source line"
        );
    }
    assert!(server
        .get("/2018/innledning/")
        .text()
        .contains("gjennomført i uke 50"));
    let deadline = Instant::now() + TIMEOUT;
    while !server.stderr().contains("figr") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stderr = server.stderr();
    assert_eq!(
        stderr.matches("unknown shortcode `figr`").count(),
        1,
        "{stderr}"
    );

    // Fixed: the overlay goes.
    project.write(
        CHAPTER,
        text.replace("gjennomført i 2018", "gjennomført i uke 51"),
    );
    let event = next_event(&rx);
    assert_eq!(event["error"], serde_json::Value::Null, "{event}");
    let html = server.get("/2018/innledning/").text();
    assert!(!html.contains("<div id=\"rapport-error\""));
    assert!(html.contains("gjennomført i uke 51"));

    // The incremental result equals a fresh build (with the same base URL),
    // and a built site never carries the live-reload script.
    let out = project.path("fresh");
    let built = project.run(&["build", "--base-url", &server.url, "--output", "fresh"]);
    assert!(built.status.success(), "{}", project.stderr(&built));
    for (path, file) in [
        ("/2018/innledning/", "2018/innledning/index.html"),
        ("/", "index.html"),
        ("/finnes-ikke", "404.html"),
    ] {
        let fresh = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(!fresh.contains("__rapport"));
        assert_eq!(without_injection(&server.get(path).text()), fresh, "{path}");
    }
}

#[test]
fn a_failing_first_build_still_serves_the_error_until_fixed() {
    let project = Project::copy("minimal");
    let good = project.read(CHAPTER);
    project.write(CHAPTER, format!("{good}\n{{{{ figr(id=\"x\") }}}}\n"));
    let server = Server::start(&project, &[]);
    let page = server.get("/2018/innledning/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("<div id=\"rapport-error\""));
    assert!(page.text().contains("01-innledning.md:"), "{}", page.text());
    let rx = events(server.addr);
    assert!(next_event(&rx)["error"].is_string());
    project.write(CHAPTER, &good);
    let event = next_event(&rx);
    assert_eq!(event["error"], serde_json::Value::Null, "{event}");
    assert_eq!(event["site"].as_u64(), Some(1), "{event}");
    let page = server.get("/2018/innledning/");
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("<div id=\"rapport-error\""));
}

#[test]
fn editor_saves_are_one_change_each() {
    let project = Project::copy("minimal");
    let server = Server::start(&project, &[]);
    let rx = events(server.addr);
    let mut site = next_event(&rx)["site"].as_u64().unwrap();
    let text = project.read(CHAPTER);
    let dir = project.path("content/2018");
    let target = project.path(CHAPTER);

    // vim: probe file 4913, swap file, rename to a backup, write, drop the backup.
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    std::fs::write(dir.join(".01-innledning.md.swp"), "swap").unwrap();
    std::fs::rename(&target, dir.join("01-innledning.md~")).unwrap();
    std::fs::write(&target, text.replace("i 2018", "i vim")).unwrap();
    std::fs::remove_file(dir.join("01-innledning.md~")).unwrap();
    std::fs::remove_file(dir.join(".01-innledning.md.swp")).unwrap();
    let event = next_event(&rx);
    site += 1;
    assert_eq!(event["site"].as_u64(), Some(site), "{event}");
    assert!(server
        .get("/2018/innledning/")
        .text()
        .contains("gjennomført i vim"));

    // VS Code and others: write a temporary file, rename it over the chapter.
    let tmp = dir.join(".01-innledning.md.tmp");
    std::fs::write(&tmp, text.replace("i 2018", "i vscode")).unwrap();
    std::fs::rename(&tmp, &target).unwrap();
    let event = next_event(&rx);
    site += 1;
    assert_eq!(event["site"].as_u64(), Some(site), "{event}");
    assert!(server
        .get("/2018/innledning/")
        .text()
        .contains("gjennomført i vscode"));

    // Each save was one rebuild: no further events, and only scratch files
    // changing is no change at all.
    std::fs::write(dir.join(".01-innledning.md.swp"), "swap").unwrap();
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
}

#[test]
fn requests_outside_the_site_never_serve_files() {
    let project = Project::copy("minimal");
    project.write("hemmelig.txt", "TOPPHEMMELIG");
    let server = Server::start(&project, &[]);
    let secret = project.path("hemmelig.txt");
    let absolute = secret.display().to_string();
    let targets = [
        "/../hemmelig.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/hemmelig.txt",
        "/%2E%2E%2Fhemmelig.txt",
        "/2018/%2e%2e/%2e%2e/hemmelig.txt",
        "/..%5chemmelig.txt",
        "/2018/..%5C..%5Chemmelig.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/%00",
        "/%zz",
        "/hemmelig.txt",
        "/rapport.toml",
        "/content/2018/01-innledning.md",
        absolute.as_str(),
        "http://127.0.0.1/../hemmelig.txt",
        "/\\..\\hemmelig.txt",
        "*",
    ];
    for target in targets {
        let r = server.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr
        ));
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        let body = r.text();
        assert!(
            !body.contains("TOPPHEMMELIG") && !body.contains("root:x:"),
            "{target}"
        );
        assert!(!body.contains("[^1]: En fotnote"), "{target}: no sources");
    }
    assert_eq!(server.get("/../hemmelig.txt").status, 400);
    assert_eq!(server.get("/%2e%2e/hemmelig.txt").status, 400);
    assert_eq!(
        server.raw("NONSENSE\r\n\r\n").status,
        400,
        "malformed request"
    );
    assert_eq!(server.get("/").status, 200, "still serving");
}

#[test]
fn survives_disconnects_and_a_burst_of_requests() {
    let project = Project::copy("minimal");
    let server = Server::start(&project, &[]);
    // Clients that hang up: mid-request, and before reading the response.
    for i in 0..20 {
        let mut s = TcpStream::connect_timeout(&server.addr, TIMEOUT).unwrap();
        if i % 2 == 0 {
            let _ = s.write_all(b"GET /2018/innledning/ HT");
        } else {
            let _ = write!(s, "GET /2018/innledning/ HTTP/1.1\r\nHost: x\r\n\r\n");
        }
    }
    // 8 threads × 10 requests, all answered.
    let addr = server.addr;
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                (0..10)
                    .map(|_| {
                        raw_request(
                            addr,
                            b"GET /2018/innledning/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        )
                        .status
                    })
                    .filter(|s| *s == 200)
                    .count()
            })
        })
        .collect();
    let ok: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(ok, 80);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn ctrl_c_stops_cleanly() {
    let project = Project::copy("minimal");
    let before: Vec<String> = entries(project.root());
    let mut server = Server::start(&project, &[]);
    let _rx = events(server.addr); // an open event stream must not block shutdown
    assert_eq!(server.get("/").status, 200);
    let status = server.interrupt().expect("stops within the timeout");
    assert!(status.success(), "{status:?}: {}", server.stderr());
    let mut after = entries(project.root());
    after.retain(|e| e != ".rapport-cache"); // the chart cache is kept on purpose
    assert_eq!(after, before, "no temporary files left");
}

#[test]
fn a_busy_port_moves_to_the_next() {
    let project = Project::copy("minimal");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--root")
        .arg(project.root())
        .args(["serve", "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("port {port} is busy")), "{stderr}");
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    assert!(!line.contains(&format!(":{port}/")), "{line}");
    drop(taken);
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}
