//! A disk cache of ECharts' raw SVG, keyed by a hash of everything that
//! decides the drawing: the options, the patch, the size, the ECharts
//! version, the glue code and the font. Unchanged charts cost nothing on
//! rebuild. The cache is best effort: a read or write failure only means
//! the chart is drawn again.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::engine::ECHARTS_VERSION;

/// Bump when the post-engine format of cached files changes.
const CACHE_FORMAT: &str = "rapport-charts-1";

/// The cache key of one drawing.
pub fn key(options_js: &str, patch_json: &str, width: u32, height: u32) -> String {
    let mut hasher = Sha256::new();
    for part in [
        CACHE_FORMAT,
        ECHARTS_VERSION,
        super::engine::glue_fingerprint(),
        &super::font::fingerprint(),
        &width.to_string(),
        &height.to_string(),
        patch_json,
        options_js,
    ] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.svg"))
}

/// The cached SVG for `key`, if any.
pub fn get(dir: &Path, key: &str) -> Option<String> {
    let text = fs::read_to_string(path(dir, key)).ok()?;
    (text.starts_with("<svg") && text.trim_end().ends_with("</svg>")).then_some(text)
}

/// Store `svg` under `key` (write to a temporary file, then rename, so a
/// reader never sees half a file).
pub fn put(dir: &Path, key: &str, svg: &str) {
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(
        ".{key}.{}.{:?}.tmp",
        std::process::id(),
        std::thread::current().id()
    ));
    if fs::write(&tmp, svg).is_ok() && fs::rename(&tmp, path(dir, key)).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_depends_on_every_input() {
        let base = key("{a:1}", "{}", 10, 20);
        assert_eq!(base.len(), 64);
        assert_eq!(base, key("{a:1}", "{}", 10, 20));
        assert_ne!(base, key("{a:2}", "{}", 10, 20));
        assert_ne!(base, key("{a:1}", "{\"x\":1}", 10, 20));
        assert_ne!(base, key("{a:1}", "{}", 11, 20));
        assert_ne!(base, key("{a:1}", "{}", 10, 21));
    }

    #[test]
    fn round_trips_through_disk() {
        let dir = tempfile::tempdir().unwrap();
        let k = key("x", "{}", 1, 1);
        assert_eq!(get(dir.path(), &k), None);
        put(dir.path(), &k, "<svg></svg>");
        assert_eq!(get(dir.path(), &k).as_deref(), Some("<svg></svg>"));
        // A damaged file is ignored.
        fs::write(path(dir.path(), &k), "<svg").unwrap();
        assert_eq!(get(dir.path(), &k), None);
    }
}
