//! Theme files (CSS, fonts, favicon, logo) copied with fingerprinted names
//! (`style.3f2a9c1e.css`) so a host can cache them forever. References
//! between theme files (`url(fonts/x.woff2)` in CSS) are rewritten to the
//! fingerprinted names.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Location};

/// Built-in theme files, used where the project's `theme/` lacks them.
const DEFAULTS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../theme/style.css")),
    ("favicon.svg", include_bytes!("../../theme/favicon.svg")),
    ("logo.svg", include_bytes!("../../theme/logo.svg")),
];

/// The theme as written to the site.
#[derive(Debug, Default)]
pub struct Assets {
    /// `style.css` → `theme/style.3f2a9c1e.css` (paths relative to the site root).
    names: BTreeMap<String, String>,
    /// Output files: path relative to the site root → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Assets {
    /// The fingerprinted site path of a theme file.
    pub fn url(&self, name: &str) -> String {
        self.names
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("theme/{name}"))
    }

    /// Read and fingerprint the theme.
    pub fn load(theme_dir: &Path) -> Result<Assets, Error> {
        let mut sources: BTreeMap<String, Vec<u8>> = DEFAULTS
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        if theme_dir.is_dir() {
            for entry in walkdir::WalkDir::new(theme_dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    Error::new(ErrorKind::Content(e.to_string())).at(Location::file(theme_dir))
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(theme_dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel.starts_with('.') || rel.ends_with(".md") || rel.contains("/.") {
                    continue;
                }
                let bytes =
                    std::fs::read(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
                sources.insert(rel, bytes);
            }
        }
        let mut assets = Assets::default();
        // Non-CSS first, so CSS can refer to their fingerprinted names.
        for (rel, bytes) in sources.iter().filter(|(r, _)| !r.ends_with(".css")) {
            assets.add(rel, bytes.clone());
        }
        for (rel, bytes) in sources.iter().filter(|(r, _)| r.ends_with(".css")) {
            let text = String::from_utf8_lossy(bytes);
            let rewritten = assets.rewrite_css_urls(rel, &text);
            assets.add(rel, rewritten.into_bytes());
        }
        Ok(assets)
    }

    fn add(&mut self, rel: &str, bytes: Vec<u8>) {
        let hash = fingerprint(&bytes);
        let hashed = match rel.rsplit_once('.') {
            Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{hash}.{ext}"),
            _ => format!("{rel}.{hash}"),
        };
        let out = format!("theme/{hashed}");
        self.names.insert(rel.to_string(), out.clone());
        self.files.insert(out, bytes);
    }

    /// Rewrite `url(x)` in a CSS file at `css_rel` to fingerprinted names.
    fn rewrite_css_urls(&self, css_rel: &str, css: &str) -> String {
        let dir = css_rel.rsplit_once('/').map_or("", |(d, _)| d);
        let mut out = String::with_capacity(css.len());
        let mut rest = css;
        while let Some(pos) = rest.find("url(") {
            out.push_str(&rest[..pos + 4]);
            rest = &rest[pos + 4..];
            let Some(end) = rest.find(')') else { break };
            let raw = rest[..end].trim().trim_matches(|c| c == '"' || c == '\'');
            let target = if dir.is_empty() {
                raw.to_string()
            } else {
                format!("{dir}/{raw}")
            };
            match self.names.get(&target) {
                Some(hashed) => {
                    let file = hashed.trim_start_matches("theme/");
                    let rel = if dir.is_empty() {
                        file.to_string()
                    } else {
                        file.trim_start_matches(&format!("{dir}/")).to_string()
                    };
                    out.push_str(&format!("\"{rel}\""));
                }
                None => out.push_str(&rest[..end]),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }
}

/// The first 8 hex digits of the SHA-256 of `bytes`.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_and_rewrites_css() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("fonts")).unwrap();
        std::fs::write(dir.path().join("fonts/a.woff2"), b"font").unwrap();
        std::fs::write(
            dir.path().join("style.css"),
            "@font-face{src:url(fonts/a.woff2)}",
        )
        .unwrap();
        let assets = Assets::load(dir.path()).unwrap();
        let font = assets.url("fonts/a.woff2");
        assert_eq!(
            font,
            format!("theme/fonts/a.{}.woff2", fingerprint(b"font"))
        );
        let css_path = assets.url("style.css");
        let css = String::from_utf8(assets.files[&css_path].clone()).unwrap();
        assert_eq!(
            css,
            format!(
                "@font-face{{src:url(\"fonts/a.{}.woff2\")}}",
                fingerprint(b"font")
            )
        );
        // built-in defaults fill in what the theme lacks
        assert!(assets.url("favicon.svg").starts_with("theme/favicon."));
    }
}
