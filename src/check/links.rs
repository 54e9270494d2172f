//! Every internal link and anchor of the built site must resolve.

use std::collections::{BTreeMap, BTreeSet};

use crate::render::Files;

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenLink {
    /// The page holding the link (path relative to the site root).
    pub page: String,
    /// The link as written.
    pub href: String,
    pub reason: String,
}

/// Check every `href` and `src` of every HTML page.
pub fn broken_links(files: &Files) -> Vec<BrokenLink> {
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p.as_str(), element_ids(&String::from_utf8_lossy(b))))
        .collect();
    let mut broken = Vec::new();
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        // The 404 page links from the base path, not relative to itself.
        if page == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for href in attribute_values(&html, &["href", "src"]) {
            if is_external(&href) {
                continue;
            }
            let (path, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target = if path.is_empty() {
                Some(page.clone())
            } else {
                resolve(page, path)
            };
            let Some(target) = target else {
                broken.push(BrokenLink {
                    page: page.clone(),
                    href: href.clone(),
                    reason: "leaves the site".into(),
                });
                continue;
            };
            if !files.contains_key(&target) {
                broken.push(BrokenLink {
                    page: page.clone(),
                    href: href.clone(),
                    reason: format!("no file `{target}`"),
                });
                continue;
            }
            if !anchor.is_empty() {
                let found = ids
                    .get(target.as_str())
                    .is_some_and(|set| set.contains(anchor));
                if !found {
                    broken.push(BrokenLink {
                        page: page.clone(),
                        href: href.clone(),
                        reason: format!("no element with id `{anchor}` in `{target}`"),
                    });
                }
            }
        }
    }
    broken
}

fn is_external(href: &str) -> bool {
    href.contains("://")
        || href.starts_with("mailto:")
        || href.starts_with("tel:")
        || href.starts_with("data:")
        || href.starts_with("//")
}

/// `page`'s folder joined with `rel`, normalised; `None` if it leaves the site.
fn resolve(page: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if rel.starts_with('/') {
        parts.clear();
    }
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if rel.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// Values of the given attributes, HTML entities for `&` decoded.
fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(pos) = rest.find(&needle) {
            rest = &rest[pos + needle.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

fn element_ids(html: &str) -> BTreeSet<String> {
    attribute_values(html, &["id"]).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::files_of as files;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(
            resolve("2018/a/index.html", "../b/index.html#x").as_deref(),
            Some("2018/b/index.html#x")
        );
        assert_eq!(
            resolve("2018/a/index.html", "../../index.html").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            resolve("2018/index.html", "a/").as_deref(),
            Some("2018/a/index.html")
        );
        assert_eq!(resolve("index.html", "../x").as_deref(), None);
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let f = files(&[
            ("2018/a/index.html", "<a href=\"../b/index.html#s1\">x</a><a href=\"#here\">y</a><p id=\"here\"></p><a href=\"https://x.no\">z</a>"),
            ("2018/b/index.html", "<h2 id=\"s1\">S</h2><a href=\"../c/index.html\">c</a><a href=\"#nope\">n</a>"),
        ]);
        let broken = broken_links(&f);
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(broken[0].reason.contains("2018/c/index.html"));
        assert!(broken[1].reason.contains("`nope`"));
    }
}
