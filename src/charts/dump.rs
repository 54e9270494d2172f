//! `RAPPORT_DUMP_OPTIONS=<dir>`: write every chart's ECharts input to `<dir>`
//! so other renderers can draw exactly the same charts (the benchmark in
//! `bench/` renders them with Node's ECharts to compare speed).
//!
//! One JSON file per chart, named `<figure id>-<first 12 hex of the cache
//! key>.json`: `{"id", "width", "height", "options", "patch"}`, where
//! `options` is the JavaScript expression charming writes (it may hold
//! functions, so it is evaluated, not parsed) and `patch` the JSON object
//! deep-merged into it (see the glue code in [`super::engine`]). Dumping is
//! best effort: a write failure never fails the build.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The environment variable naming the dump folder.
pub const ENV: &str = "RAPPORT_DUMP_OPTIONS";

/// The dump folder, read once per process.
fn dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        std::env::var_os(ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .as_deref()
}

/// The dump record of one chart.
pub fn record(id: &str, options_js: &str, patch_json: &str, width: u32, height: u32) -> String {
    serde_json::json!({
        "id": id,
        "width": width,
        "height": height,
        "options": options_js,
        "patch": serde_json::from_str::<serde_json::Value>(patch_json)
            .unwrap_or(serde_json::Value::Null),
    })
    .to_string()
}

/// The file name of a chart's record.
pub fn file_name(id: &str, key: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}-{}.json", &key[..key.len().min(12)])
}

/// Write the record when `RAPPORT_DUMP_OPTIONS` is set.
pub fn maybe_dump(id: &str, options_js: &str, patch_json: &str, width: u32, height: u32) {
    let Some(dir) = dir() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let key = super::cache::key(options_js, patch_json, width, height);
    let _ = std::fs::write(
        dir.join(file_name(id, &key)),
        record(id, options_js, patch_json, width, height),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_keeps_options_as_source_and_patch_as_json() {
        let r: serde_json::Value =
            serde_json::from_str(&record("f1", "{a: function () {}}", "{\"b\":1}", 440, 300))
                .unwrap();
        assert_eq!(r["id"], "f1");
        assert_eq!(r["width"], 440);
        assert_eq!(r["height"], 300);
        assert_eq!(r["options"], "{a: function () {}}");
        assert_eq!(r["patch"]["b"], 1);
    }

    #[test]
    fn file_names_are_safe_and_short() {
        assert_eq!(
            file_name("nytte-panel", "0123456789abcdef"),
            "nytte-panel-0123456789ab.json"
        );
        assert_eq!(file_name("a/b", "ff"), "a_b-ff.json");
    }
}
