//! Writing the built site atomically: everything is written into a fresh
//! sibling folder first, then swapped in, so a failed build never leaves a
//! half-written `public/`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::render::Files;

/// Write `files` to `out_dir`, replacing what was there.
pub fn write_atomic(files: &Files, out_dir: &Path) -> Result<(), Error> {
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let previous = out_dir.is_dir().then_some(out_dir);
    let result = write_all(files, &staging, previous).and_then(|()| swap(&staging, out_dir, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Write every file into `dir`. A file whose bytes equal the same file in
/// the `previous` output is hard-linked from there instead of written: a
/// rebuild then copies only what changed (thousands of unchanged chart
/// pages and CSV files cost a directory entry each).
fn write_all(files: &Files, dir: &Path, previous: Option<&Path>) -> Result<(), Error> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    }
    // Folders first (each once, in order), then the files in parallel:
    // creating thousands of files is kernel work that both cores can share.
    let paths: Vec<(PathBuf, &Vec<u8>)> = files
        .iter()
        .map(|(rel, bytes)| safe_join(dir, rel).map(|p| (p, bytes)))
        .collect::<Result<_, _>>()?;
    let mut folders: Vec<&Path> = paths.iter().filter_map(|(p, _)| p.parent()).collect();
    folders.dedup();
    for folder in folders {
        std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
    }
    let written: Vec<Result<(), Error>> = paths
        .par_iter()
        .map(|(path, bytes)| {
            if let Some(prev) = previous {
                if let Ok(rel) = path.strip_prefix(dir) {
                    if link_if_same(&prev.join(rel), path, bytes) {
                        return Ok(());
                    }
                }
            }
            std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
        })
        .collect();
    // The first failure in path order, whatever the threads did.
    written.into_iter().collect()
}

/// Hard-link `old` to `new` when `old` holds exactly `bytes`; false when it
/// does not, or when linking fails (another file system, no hard links).
fn link_if_same(old: &Path, new: &Path, bytes: &[u8]) -> bool {
    let same_len =
        std::fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_len
        && std::fs::read(old).is_ok_and(|text| text == bytes)
        && std::fs::hard_link(old, new).is_ok()
}

fn swap(staging: &Path, out_dir: &Path, old: &Path) -> Result<(), Error> {
    let had_old = out_dir.exists();
    if had_old {
        std::fs::rename(out_dir, old).map_err(|e| Error::write(out_dir, e))?;
    }
    if let Err(e) = std::fs::rename(staging, out_dir) {
        if had_old {
            let _ = std::fs::rename(old, out_dir);
        }
        return Err(Error::write(out_dir, e));
    }
    if had_old {
        std::fs::remove_dir_all(old).map_err(|e| Error::write(old, e))?;
    }
    Ok(())
}

/// `dir/rel`, refusing paths that would leave `dir`.
fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf, Error> {
    let rel_path = Path::new(rel);
    let escapes = rel_path.is_absolute()
        || rel_path
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        return Err(Error::write(
            rel_path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "path outside the output folder",
            ),
        ));
    }
    Ok(dir.join(rel_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = Files::new();
        files.insert("a/index.html".into(), b"1".to_vec());
        files.insert("stale.html".into(), b"x".to_vec());
        write_atomic(&files, &out).unwrap();
        files.remove("stale.html");
        files.insert("a/index.html".into(), b"2".to_vec());
        write_atomic(&files, &out).unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"2");
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn unchanged_files_are_linked_changed_files_written() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = Files::new();
        files.insert("same.html".into(), b"same".to_vec());
        files.insert("a/changed.html".into(), b"one".to_vec());
        write_atomic(&files, &out).unwrap();
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let (same, changed) = (inode("same.html"), inode("a/changed.html"));
        files.insert("a/changed.html".into(), b"two".to_vec());
        files.insert("new.html".into(), b"same".to_vec());
        write_atomic(&files, &out).unwrap();
        assert_eq!(
            inode("same.html"),
            same,
            "unchanged file linked, not rewritten"
        );
        assert_ne!(inode("a/changed.html"), changed);
        assert_eq!(std::fs::read(out.join("a/changed.html")).unwrap(), b"two");
        assert_eq!(std::fs::read(out.join("same.html")).unwrap(), b"same");
        assert_eq!(std::fs::read(out.join("new.html")).unwrap(), b"same");
        // A file edited in place in public/ is not trusted blindly: its
        // bytes are compared, so the build restores it.
        std::fs::write(out.join("same.html"), b"edit").unwrap();
        write_atomic(&files, &out).unwrap();
        assert_eq!(std::fs::read(out.join("same.html")).unwrap(), b"same");
    }

    #[test]
    fn refuses_escaping_paths() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Files::new();
        files.insert("../evil.html".into(), b"x".to_vec());
        assert!(write_atomic(&files, &dir.path().join("public")).is_err());
        assert!(!dir.path().join("evil.html").exists());
    }
}
