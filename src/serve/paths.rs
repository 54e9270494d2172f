//! Request paths to site paths. The site is a map in memory, so nothing
//! outside it can be served; still, a path that tries to leave the site
//! (`..`, encoded `%2e%2e`, backslashes, absolute or drive paths, NUL) is
//! refused outright as a bad request.

/// Why a request path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadPath {
    /// Not `/…`, or a bad percent escape, or not UTF-8.
    Malformed,
    /// `..`, `.`, an empty segment, a backslash, a drive letter or a control character.
    Escapes,
}

/// The site path (`2018/innledning/index.html`) of a request path
/// (`/2018/innledning/`): percent-decoded, `index.html` added to folders.
pub fn site_path(request_path: &str) -> Result<String, BadPath> {
    let rest = request_path.strip_prefix('/').ok_or(BadPath::Malformed)?;
    let decoded = percent_decode(rest)?;
    if decoded.is_empty() {
        return Ok("index.html".to_string());
    }
    let is_folder = decoded.ends_with('/');
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    for segment in trimmed.split('/') {
        let bad = segment.is_empty()
            || segment == "."
            || segment == ".."
            || segment.contains('\\')
            || segment.contains(':')
            || segment.chars().any(char::is_control);
        if bad {
            return Err(BadPath::Escapes);
        }
    }
    Ok(if is_folder {
        format!("{trimmed}/index.html")
    } else {
        trimmed.to_string()
    })
}

fn percent_decode(s: &str) -> Result<String, BadPath> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(BadPath::Malformed)?;
            let hex = std::str::from_utf8(hex).map_err(|_| BadPath::Malformed)?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| BadPath::Malformed)?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| BadPath::Malformed)
}

/// The `Content-Type` of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/vnd.microsoft.icon",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_get_index_html() {
        assert_eq!(site_path("/").unwrap(), "index.html");
        assert_eq!(site_path("/2018/").unwrap(), "2018/index.html");
        assert_eq!(
            site_path("/2018/innledning/index.html").unwrap(),
            "2018/innledning/index.html"
        );
        assert_eq!(site_path("/2018").unwrap(), "2018");
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(site_path("/s%C3%B8k/").unwrap(), "søk/index.html");
        assert_eq!(site_path("/a%20b.css").unwrap(), "a b.css");
        assert_eq!(site_path("/%zz"), Err(BadPath::Malformed));
        assert_eq!(site_path("/%2"), Err(BadPath::Malformed));
        assert_eq!(site_path("/%ff"), Err(BadPath::Malformed), "not UTF-8");
    }

    #[test]
    fn escaping_paths_are_refused() {
        for p in [
            "/../etc/passwd",
            "/2018/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/2018/%2e%2e/%2e%2e/x",
            "//etc/passwd",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "/C:/Windows/win.ini",
            "/./index.html",
            "/a//b",
            "/a%00.html",
        ] {
            assert_eq!(site_path(p), Err(BadPath::Escapes), "{p}");
        }
        assert_eq!(site_path("*"), Err(BadPath::Malformed));
        assert_eq!(site_path("etc/passwd"), Err(BadPath::Malformed));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("theme/style.1a2b3c4d.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("theme/fonts/x.woff2"), "font/woff2");
        assert_eq!(content_type("theme/fonts/x.ttf"), "font/ttf");
        assert_eq!(content_type("2018/data/x.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("x.json"), "application/json");
        assert_eq!(content_type("theme/logo.svg"), "image/svg+xml");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
