//! The project's content: editions (`content/<year>/`) with their metadata and
//! chapters. Only reads and validates files; rendering happens later.

mod chapter;
mod edition;
mod front_matter;

pub use chapter::Chapter;
pub use edition::{Edition, EditionMeta, Period};
pub use front_matter::FrontMatter;

use std::path::Path;

use rayon::prelude::*;

use crate::error::{Error, ErrorKind, Errors, Location};

/// Every edition found under `content/`, oldest first.
#[derive(Debug)]
pub struct Project {
    pub editions: Vec<Edition>,
}

impl Project {
    /// Read every `content/<year>/` folder.
    pub fn load(content_dir: &Path) -> Result<Project, Errors> {
        if !content_dir.is_dir() {
            return Err(Error::new(ErrorKind::Content(format!(
                "no content folder at {}",
                content_dir.display()
            )))
            .with_help("create content/<year>/utgave.toml and at least one chapter NN-slug.md")
            .into());
        }
        let mut dirs = Vec::new();
        for entry in walkdir::WalkDir::new(content_dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| {
                Error::new(ErrorKind::Content(e.to_string())).at(Location::file(content_dir))
            })?;
            if !entry.file_type().is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().to_string();
            match name.parse::<i32>() {
                Ok(year) if (1900..=2999).contains(&year) => dirs.push((year, entry.into_path())),
                _ if name.starts_with('.') || name.starts_with('_') => {}
                _ => {
                    return Err(Error::new(ErrorKind::Content(format!(
                        "content folder `{name}` is not an edition year"
                    )))
                    .at(Location::file(entry.path()))
                    .with_help("editions are folders named by year, e.g. content/2018/; prefix other folders with `_`")
                    .into())
                }
            }
        }
        let results: Vec<Result<Edition, Errors>> = dirs
            .par_iter()
            .map(|(year, dir)| Edition::load(*year, dir))
            .collect();
        let mut editions = Vec::new();
        let mut errors = Errors::default();
        for r in results {
            match r {
                Ok(e) => editions.push(e),
                Err(es) => errors.0.extend(es.0),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Project { editions })
    }

    /// Editions that are published (have chapters), oldest first.
    pub fn published(&self) -> impl Iterator<Item = &Edition> {
        self.editions.iter().filter(|e| e.is_published())
    }

    pub fn edition(&self, year: i32) -> Option<&Edition> {
        self.editions.iter().find(|e| e.year == year)
    }
}
