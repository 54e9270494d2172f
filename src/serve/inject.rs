//! What `rapport serve` adds to every HTML page it serves: the live-reload
//! script and, while the last build failed, the error overlay. The built
//! site itself never contains either.

use crate::render::escape;

/// The live-reload script, with placeholders for the site generation and
/// the overlay markup.
const SCRIPT: &str = include_str!("live-reload.js");

/// The overlay box showing a build error: a labelled, focusable dialog-like
/// box over the page, with the diagnostic text in a `<pre>`.
pub fn overlay(error_text: &str) -> String {
    format!(
        concat!(
            "<div id=\"rapport-error\" role=\"alertdialog\" aria-modal=\"false\" lang=\"en\" ",
            "aria-labelledby=\"rapport-error-title\" aria-describedby=\"rapport-error-text\" ",
            "style=\"position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:80vh;",
            "overflow:auto;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;",
            "border:3px solid #b00020;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.35);",
            "font:16px/1.4 system-ui,sans-serif\">",
            "<h2 id=\"rapport-error-title\" style=\"margin:0 0 .5rem;font-size:1.1rem;color:#b00020\">",
            "Build failed: showing the last good build</h2>",
            "<pre id=\"rapport-error-text\" tabindex=\"0\" style=\"margin:0 0 .75rem;white-space:pre-wrap;",
            "font:14px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#1a1a1a\">{}</pre>",
            "<p style=\"margin:0 0 .75rem\">Fix the file and save: the page updates by itself.</p>",
            "<button type=\"button\" id=\"rapport-error-close\" ",
            "style=\"font:inherit;padding:.25rem .75rem\">Close</button></div>"
        ),
        escape::html(error_text)
    )
}

/// The `<script>` element for a page served from site generation `site`.
pub fn script(site: u64) -> String {
    let overlay_template = serde_json::to_string(&overlay("")).unwrap_or_default();
    let js = SCRIPT
        .replace("__RAPPORT_SITE__", &site.to_string())
        .replace("__RAPPORT_OVERLAY__", &overlay_template);
    // `</` cannot end the script early: the overlay template is JSON.
    format!("<script>{}</script>", js.replace("</", "<\\/"))
}

/// `html` with the script (and the overlay, if `error` is set) added just
/// before `</body>`, or at the end when there is no `</body>`.
pub fn page(html: &[u8], site: u64, error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(text) = error {
        extra.push_str(&overlay(text));
    }
    extra.push_str(&script(site));
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A page standing in for a site that has never built successfully.
pub fn no_site_page(error: Option<&str>) -> Vec<u8> {
    let html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>rapport serve</title></head><body><main><h1>No site yet</h1>\
        <p>The first build failed. Fix the error and save.</p></main></body></html>\n";
    page(html.as_bytes(), 0, error)
}

fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end() {
        let out = page(b"<html><body><p>x</p></BODY></html>", 7, None);
        let out = String::from_utf8(out).unwrap();
        let script_at = out.find("<script>").unwrap();
        assert!(script_at < out.find("</BODY>").unwrap());
        assert!(out.contains("var site = 7;"));
        assert!(
            !out[..script_at].contains("id=\"rapport-error\""),
            "no overlay without error"
        );
        assert!(out.ends_with("</BODY></html>"));
    }

    #[test]
    fn overlay_escapes_the_error() {
        let out = page(b"<body></body>", 1, Some("bad <b>{{ figr() }}</b> & co"));
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("bad &lt;b&gt;{{ figr() }}&lt;/b&gt; &amp; co"),
            "{out}"
        );
        assert!(out.contains("role=\"alertdialog\""));
        assert!(out.find("id=\"rapport-error\"").unwrap() < out.find("<script>").unwrap());
    }

    #[test]
    fn script_cannot_close_itself_early() {
        let s = script(1);
        let inner = &s["<script>".len()..s.len() - "</script>".len()];
        assert!(!inner.contains("</"), "{inner}");
    }

    #[test]
    fn no_body_appends() {
        let out = page(b"<p>fragment", 0, None);
        assert!(out.starts_with(b"<p>fragment<script>"));
    }
}
