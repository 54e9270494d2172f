//! What the analyst must add to a new edition: every data file named in its
//! `utgave.toml`, with the format the README describes and last year's header.

use std::path::{Path, PathBuf};

use crate::content::EditionMeta;

/// One data file the new edition needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeededFile {
    /// Path relative to the edition folder (`data/ia.csv`).
    pub file: PathBuf,
    /// What it is (`unit register`, `sub-survey ia (Integreringsansvarlige)`, …).
    pub what: String,
    /// The expected format, in one line.
    pub format: String,
    /// The header line of last year's file, when it is a CSV file.
    pub last_header: Option<String>,
}

const MICRODATA: &str = "CSV (UTF-8 or Windows-1252, `;` or `,`) or .xlsx (first sheet): one row per unit, key column `kommunenr`, one column per codebook variable (multiple choice: one 0/1 column per option), codes as in kodebok.toml, empty = missing";
const REGISTER: &str = "CSV or .xlsx: one row per unit, `kommunenr`, `navn`, `enhetstype` (kommune | bydel) and a column per attribute of kodebok.toml";
const SERIES: &str =
    "JSON-stat 2.0 (a dataset or a bundle holding one), time dimension in `role.time`";

/// The data files named in `meta`, each with its format; `last_dir` is last
/// year's edition folder (for the header of the same file there).
pub fn needed_files(meta: &EditionMeta, last_dir: &Path) -> Vec<NeededFile> {
    let mut out: Vec<NeededFile> = Vec::new();
    let mut push = |file: &PathBuf, what: String, format: &str| {
        if let Some(seen) = out.iter_mut().find(|n| &n.file == file) {
            seen.what.push_str(&format!(" and {what}"));
            return;
        }
        out.push(NeededFile {
            file: file.clone(),
            what,
            format: format.to_string(),
            last_header: csv_header(&last_dir.join(file)),
        });
    };
    if let Some(u) = &meta.units {
        push(&u.file, "unit register".into(), REGISTER);
    }
    for (id, ds) in &meta.datasets {
        push(
            &ds.file,
            format!("sub-survey `{id}` ({})", ds.name),
            MICRODATA,
        );
    }
    for (id, s) in &meta.series {
        push(&s.file, format!("register series `{id}`"), SERIES);
    }
    out
}

/// The first line of a CSV file (at most 400 characters), if readable.
fn csv_header(path: &Path) -> Option<String> {
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let (text, _, _) = encoding_rs::UTF_8.decode(&bytes);
    let line = text.lines().next()?.trim_start_matches('\u{feff}').trim();
    let mut header: String = line.chars().take(400).collect();
    if line.chars().count() > 400 {
        header.push('…');
    }
    Some(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_file_once_with_last_header() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/a.csv"),
            "\u{feff}kommunenr;v1;v2\n0301;1;2\n",
        )
        .unwrap();
        let meta: EditionMeta = toml::from_str(
            "title = \"T\"\nyear = 2019\n[units]\nfile = \"data/k.csv\"\n[datasets.ia]\nname = \"IA\"\nfile = \"data/a.csv\"\n[datasets.rm]\nname = \"RM\"\nfile = \"data/a.csv\"\n[series.register]\nfile = \"data/r.json\"\n",
        )
        .unwrap();
        let needs = needed_files(&meta, dir.path());
        let files: Vec<&str> = needs.iter().map(|n| n.file.to_str().unwrap()).collect();
        assert_eq!(files, ["data/k.csv", "data/a.csv", "data/r.json"]);
        assert_eq!(
            needs[1].what,
            "sub-survey `ia` (IA) and sub-survey `rm` (RM)"
        );
        assert_eq!(needs[1].last_header.as_deref(), Some("kommunenr;v1;v2"));
        assert_eq!(needs[0].last_header, None);
    }
}
