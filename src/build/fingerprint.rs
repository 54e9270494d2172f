//! Fingerprints of a stage's inputs: a 64-bit hash of file contents (and
//! names), so a cache entry is reused exactly when its inputs are unchanged.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

/// Accumulates a fingerprint.
#[derive(Default)]
pub struct Fingerprint(DefaultHasher);

impl Fingerprint {
    pub fn new() -> Self {
        Fingerprint::default()
    }

    /// Add any hashable value.
    pub fn add(&mut self, value: impl Hash) -> &mut Self {
        value.hash(&mut self.0);
        self
    }

    /// Add a file's path and contents (a missing file counts as such).
    pub fn file(&mut self, path: &Path) -> &mut Self {
        self.add(path);
        match std::fs::read(path) {
            Ok(bytes) => self.add(1u8).add(bytes),
            Err(e) => self.add(0u8).add(e.kind().to_string()),
        }
    }

    /// Add every file under `dir` (sorted by name) that `keep` accepts, by
    /// its path relative to `dir` and its contents.
    pub fn dir(&mut self, dir: &Path, keep: impl Fn(&Path) -> bool) -> &mut Self {
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() && keep(entry.path()) {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                self.add(rel);
                match std::fs::read(entry.path()) {
                    Ok(bytes) => self.add(bytes),
                    Err(e) => self.add(e.kind().to_string()),
                };
            }
        }
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_print(dir: &Path) -> u64 {
        Fingerprint::new().dir(dir, |_| true).finish()
    }

    #[test]
    fn changes_with_contents_and_names_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "1").unwrap();
        let first = dir_print(dir.path());
        assert_eq!(first, dir_print(dir.path()), "stable when unchanged");
        std::fs::write(dir.path().join("a.csv"), "2").unwrap();
        let second = dir_print(dir.path());
        assert_ne!(first, second, "contents count");
        std::fs::rename(dir.path().join("a.csv"), dir.path().join("b.csv")).unwrap();
        assert_ne!(second, dir_print(dir.path()), "names count");
    }

    #[test]
    fn filter_skips_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "1").unwrap();
        let only_csv = |p: &Path| p.extension().is_some_and(|e| e == "csv");
        let before = Fingerprint::new().dir(dir.path(), only_csv).finish();
        std::fs::write(dir.path().join("01-x.md"), "prose").unwrap();
        assert_eq!(
            before,
            Fingerprint::new().dir(dir.path(), only_csv).finish()
        );
    }
}

/// Files editors write beside the real one while saving (swap, backup and
/// temporary files): never an input, so never a reason to rebuild.
pub fn is_scratch_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod scratch_tests {
    use super::is_scratch_file;
    use std::path::Path;

    #[test]
    fn editor_scratch_files() {
        for name in [
            ".01-a.md.swp",
            "01-a.md~",
            "4913",
            "#01-a.md#",
            ".#01-a.md",
            "01-a.md.tmp",
            "style.css___jb_tmp___",
            "01-a.md.crswap",
        ] {
            assert!(is_scratch_file(Path::new(name)), "{name}");
        }
        for name in ["01-a.md", "kodebok.toml", "style.css", "ia.csv"] {
            assert!(!is_scratch_file(Path::new(name)), "{name}");
        }
    }
}
