//! `rapport new-edition 2019 --from 2018`: start next year's edition from last
//! year's chapters, codebook, figure specs and `utgave.toml`, without last
//! year's data, and tell the analyst what to add.
//!
//! The copy is written to a hidden folder next to the target and renamed into
//! place, so a failure never leaves a half-made edition. Absolute edition
//! years in shortcodes (`utgave=2016`) and panel specs are made relative
//! (`utgave=-2`), so they roll forward with the edition; every such line and
//! every prose line that names a year is listed for review.

mod needs;
mod rewrite;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use needs::NeededFile;
pub use rewrite::Rewrite;

use crate::content::EditionMeta;
use crate::error::{Error, ErrorKind, Location};

/// The edition metadata file.
const EDITION_FILE: &str = "utgave.toml";

/// The crosswalk of unit numbers, copied forward because it is cumulative.
pub const CROSSWALK_FILE: &str = crate::data::crosswalk::DEFAULT_FILE;

/// What `new-edition` made.
#[derive(Debug, Clone, Default)]
pub struct NewEdition {
    /// The new edition folder.
    pub dir: PathBuf,
    /// Files copied (relative to the new folder), in order.
    pub copied: Vec<PathBuf>,
    /// Lines rewritten to relative years: (file, rewrite).
    pub rewrites: Vec<(PathBuf, Rewrite)>,
    /// Prose lines that name a year: (file, line, text).
    pub review: Vec<(PathBuf, usize, String)>,
    /// Panel specs that skip an edition (a question not asked every year):
    /// (line of figurer.toml, text).
    pub gapped_panels: Vec<(usize, String)>,
    /// The data files the analyst must add.
    pub needs: Vec<NeededFile>,
}

fn content_error(message: String, at: &Path, help: &str) -> Error {
    Error::new(ErrorKind::Content(message))
        .at(Location::file(at))
        .with_help(help.to_string())
}

/// Create `content/<year>/` from `content/<from>/`. Refuses to overwrite an
/// existing folder.
pub fn new_edition(content_dir: &Path, year: i32, from: i32) -> Result<NewEdition, Error> {
    let source = content_dir.join(from.to_string());
    let target = content_dir.join(year.to_string());
    if !(1900..=2999).contains(&year) {
        return Err(content_error(
            format!("{year} is not an edition year"),
            content_dir,
            "give a four-digit year, e.g. `rapport new-edition 2019 --from 2018`",
        ));
    }
    if year <= from {
        return Err(content_error(
            format!("the new edition {year} must come after {from}"),
            &source,
            "the new edition is the later year: `rapport new-edition 2019 --from 2018`",
        ));
    }
    let meta_path = source.join(EDITION_FILE);
    let meta_text = std::fs::read_to_string(&meta_path).map_err(|e| {
        Error::read(&meta_path, e).with_help(format!(
            "--from {from} needs an edition folder content/{from}/ with {EDITION_FILE}"
        ))
    })?;
    if target.exists() {
        return Err(content_error(
            format!("content/{year}/ already exists; nothing was changed"),
            &target,
            "remove or rename the folder first if you want to start it again",
        ));
    }
    let staging = content_dir.join(format!(".{year}.new"));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| write_error(&staging, e))?;
    }
    let mut made = NewEdition {
        dir: target.clone(),
        ..NewEdition::default()
    };
    let result = fill(&source, &staging, &meta_text, year, from, &mut made)
        .and_then(|()| std::fs::rename(&staging, &target).map_err(|e| write_error(&target, e)));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result.map(|()| made)
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::new(ErrorKind::Write {
        path: path.to_path_buf(),
        source,
    })
    .at(Location::file(path))
}

fn fill(
    source: &Path,
    staging: &Path,
    meta_text: &str,
    year: i32,
    from: i32,
    made: &mut NewEdition,
) -> Result<(), Error> {
    std::fs::create_dir_all(staging.join("data")).map_err(|e| write_error(staging, e))?;
    let new_meta_text = rewrite::edition_meta(meta_text, from, year);
    let meta: EditionMeta = toml::from_str(&new_meta_text).map_err(|e| {
        content_error(
            format!("could not advance {EDITION_FILE}: {}", e.message()),
            &source.join(EDITION_FILE),
            "fix last year's utgave.toml (it must build) and run the command again",
        )
    })?;
    write(staging, Path::new(EDITION_FILE), &new_meta_text, made)?;
    for entry in walkdir::WalkDir::new(source)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() > 1 || e.file_name() != "data")
        .flatten()
    {
        let rel = entry.path().strip_prefix(source).unwrap_or(entry.path());
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().is_dir() || name == EDITION_FILE || name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if rel.parent() == Some(Path::new("")) && name.ends_with(".md") {
            let text = read(path)?;
            let (text, changes) = rewrite::chapter(&text, from);
            record(rel, changes, made);
            for (line, t) in rewrite::prose_years(&text, from) {
                made.review.push((rel.to_path_buf(), line, t));
            }
            write(staging, rel, &text, made)?;
        } else if rel == Path::new("figurer.toml") {
            let (text, changes) = rewrite::figure_specs(&read(path)?, from);
            record(rel, changes, made);
            made.gapped_panels = rewrite::gapped_panels(&text);
            write(staging, rel, &text, made)?;
        } else {
            let to = staging.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
            }
            std::fs::copy(path, &to).map_err(|e| write_error(&to, e))?;
            made.copied.push(rel.to_path_buf());
        }
    }
    let crosswalk = source.join(CROSSWALK_FILE);
    if crosswalk.is_file() {
        write(staging, Path::new(CROSSWALK_FILE), &read(&crosswalk)?, made)?;
    }
    made.needs = needs::needed_files(&meta, source);
    Ok(())
}

fn record(rel: &Path, changes: Vec<Rewrite>, made: &mut NewEdition) {
    made.rewrites
        .extend(changes.into_iter().map(|c| (rel.to_path_buf(), c)));
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::read(path, e))
}

fn write(dir: &Path, rel: &Path, text: &str, made: &mut NewEdition) -> Result<(), Error> {
    let to = dir.join(rel);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
    }
    std::fs::write(&to, text).map_err(|e| write_error(&to, e))?;
    made.copied.push(rel.to_path_buf());
    Ok(())
}

impl NewEdition {
    /// The report printed for the analyst: what was made and what to add.
    pub fn report(&self, root: &Path) -> String {
        let dir = self.dir.strip_prefix(root).unwrap_or(&self.dir);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "created {} ({} files copied from last year; no survey data)",
            dir.display(),
            self.copied.len()
        );
        let _ = writeln!(s, "\nAdd these data files before building:");
        for n in &self.needs {
            let _ = writeln!(s, "  {} — {}", dir.join(&n.file).display(), n.what);
            let _ = writeln!(s, "      format: {}", n.format);
            if let Some(h) = &n.last_header {
                let _ = writeln!(s, "      last year's header: {h}");
            }
        }
        if !self.rewrites.is_empty() {
            let _ = writeln!(
                s,
                "\nAbsolute years made relative to the edition (they now roll forward by one year):"
            );
            for (file, r) in &self.rewrites {
                let _ = writeln!(s, "  {}:{}", dir.join(file).display(), r.line);
                let (before, after) = difference(&r.before, &r.after);
                let _ = writeln!(s, "      - …{before}…");
                let _ = writeln!(s, "      + …{after}…");
            }
        }
        if !self.review.is_empty() {
            let _ = writeln!(
                s,
                "\nProse that names a year (check it; `{{{{ aar(utgave=-1) }}}}` writes last edition's year):"
            );
            for (file, line, text) in &self.review {
                let _ = writeln!(
                    s,
                    "  {}:{line}: {}",
                    dir.join(file).display(),
                    shorten(text)
                );
            }
        }
        if !self.gapped_panels.is_empty() {
            let _ = writeln!(
                s,
                "\nPanels that skip an edition (a question not asked every year): check that it was asked in the years they now name, or give the years:"
            );
            for (line, text) in &self.gapped_panels {
                let _ = writeln!(s, "  {}:{line}: {text}", dir.join("figurer.toml").display());
            }
        }
        let _ = writeln!(
            s,
            "\nAlso review: summary and synthetic notice in {EDITION_FILE}, and the unit changes in {CROSSWALK_FILE} (see README, \"Next year's edition\")."
        );
        s
    }
}

/// The part of two lines around their first difference (about 70 characters).
fn difference(a: &str, b: &str) -> (String, String) {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let first = ca.iter().zip(&cb).take_while(|(x, y)| x == y).count();
    let start = first.saturating_sub(50);
    let window = |c: &[char]| {
        c[start.min(c.len())..(first + 20).min(c.len())]
            .iter()
            .collect()
    };
    (window(&ca), window(&cb))
}

fn shorten(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= 110 {
        t.to_string()
    } else {
        format!("{}…", t.chars().take(110).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(root: &Path) {
        let d = root.join("2018");
        std::fs::create_dir_all(d.join("data")).unwrap();
        std::fs::write(
            d.join("utgave.toml"),
            "title = \"Undersøkelsen 2018\"\nyear = 2018\nperiod = { start = 2018-12-05, end = 2019-01-23 }\n[datasets.ia]\nname = \"IA\"\nfile = \"data/ia.csv\"\n",
        )
        .unwrap();
        std::fs::write(d.join("kodebok.toml"), "").unwrap();
        std::fs::write(
            d.join("figurer.toml"),
            "[[figur]]\nid = \"p\"\npanel = { editions = [2017, 2018] }\n",
        )
        .unwrap();
        std::fs::write(
            d.join("01-a.md"),
            "+++\ntitle = \"A\"\n+++\nI 2017 var det {{ andel(figur=\"p\", svar=\"Ja\", utgave=2017) }}.\n",
        )
        .unwrap();
        std::fs::write(d.join("data/ia.csv"), "kommunenr;v\n0301;1\n").unwrap();
        std::fs::write(
            d.join("data/kommuneendringer.csv"),
            "gammelt_nr;nytt_nr;aar\n",
        )
        .unwrap();
    }

    #[test]
    fn copies_text_and_specs_but_not_data() {
        let dir = tempfile::tempdir().unwrap();
        source(dir.path());
        let made = new_edition(dir.path(), 2019, 2018).unwrap();
        let d = dir.path().join("2019");
        let meta = std::fs::read_to_string(d.join("utgave.toml")).unwrap();
        assert!(meta.contains("title = \"Undersøkelsen 2019\""));
        assert!(meta.contains("year = 2019"));
        assert!(meta.contains("start = 2019-12-05, end = 2020-01-23"));
        assert!(!d.join("data/ia.csv").exists());
        assert!(d.join("data/kommuneendringer.csv").exists());
        let chapter = std::fs::read_to_string(d.join("01-a.md")).unwrap();
        assert!(chapter.contains("utgave=-1)"));
        let specs = std::fs::read_to_string(d.join("figurer.toml")).unwrap();
        assert!(specs.contains("editions = [-1, 0]"));
        assert_eq!(made.needs.len(), 1);
        assert_eq!(made.needs[0].last_header.as_deref(), Some("kommunenr;v"));
        assert_eq!(made.rewrites.len(), 2);
        assert_eq!(made.review.len(), 1);
        let report = made.report(dir.path());
        assert!(report.contains("2019/data/ia.csv — sub-survey `ia` (IA)"));
        assert!(!dir.path().join(".2019.new").exists());
    }

    #[test]
    fn refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        source(dir.path());
        std::fs::create_dir(dir.path().join("2019")).unwrap();
        let e = new_edition(dir.path(), 2019, 2018).unwrap_err();
        assert!(e.to_string().contains("already exists"), "{e}");
        assert!(std::fs::read_dir(dir.path().join("2019"))
            .unwrap()
            .next()
            .is_none());
        let e = new_edition(dir.path(), 2021, 2020).unwrap_err();
        assert!(e.help().unwrap_or("").contains("content/2020/"));
        assert!(new_edition(dir.path(), 2017, 2018).is_err());
    }
}
