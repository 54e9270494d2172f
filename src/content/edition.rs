//! One edition: `content/<year>/utgave.toml` and its chapters.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::data::DataSources;
use crate::error::{Error, ErrorKind, Errors, Location};
use crate::toml_error::toml_location;

use super::Chapter;

/// The edition metadata file.
pub const EDITION_FILE: &str = "utgave.toml";

/// `utgave.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionMeta {
    pub title: String,
    pub year: i32,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub summary: Option<String>,
    /// A notice shown on the front page that the data are synthetic.
    #[serde(default)]
    pub synthetic: Option<String>,
    /// Percentage points a figure's value must move to be listed under
    /// "what changed since last year".
    #[serde(default)]
    pub change_threshold: Option<f64>,
    #[serde(default)]
    pub units: Option<crate::data::UnitsSource>,
    #[serde(default)]
    pub datasets: std::collections::BTreeMap<String, crate::data::DatasetSource>,
    #[serde(default)]
    pub series: std::collections::BTreeMap<String, crate::data::SeriesSource>,
    /// The unit crosswalk (default: `data/kommuneendringer.csv` when present).
    #[serde(default)]
    pub crosswalk: Option<crate::data::CrosswalkSource>,
}

impl EditionMeta {
    /// The data files this edition names.
    pub fn data_sources(&self) -> DataSources {
        DataSources {
            units: self.units.clone(),
            datasets: self.datasets.clone(),
            series: self.series.clone(),
            crosswalk: self.crosswalk.clone(),
        }
    }
}

/// The data-collection period.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: toml::value::Datetime,
    pub end: toml::value::Datetime,
}

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

fn norwegian_date(d: &toml::value::Datetime) -> String {
    match d.date {
        Some(date) => format!(
            "{}. {} {}",
            date.day,
            MONTHS[usize::from(date.month.clamp(1, 12)) - 1],
            date.year
        ),
        None => d.to_string(),
    }
}

impl Period {
    /// "5. desember 2018–23. januar 2019".
    pub fn display(&self) -> String {
        format!(
            "{}–{}",
            norwegian_date(&self.start),
            norwegian_date(&self.end)
        )
    }
}

/// An edition folder.
#[derive(Debug)]
pub struct Edition {
    pub year: i32,
    pub dir: PathBuf,
    pub meta: EditionMeta,
    pub chapters: Vec<Chapter>,
}

impl Edition {
    /// Read `utgave.toml` and every chapter of `dir`.
    pub fn load(year: i32, dir: &Path) -> Result<Edition, Errors> {
        let meta_path = dir.join(EDITION_FILE);
        let text = std::fs::read_to_string(&meta_path).map_err(|e| {
            Error::read(&meta_path, e).with_help(format!(
                "every edition folder needs an {EDITION_FILE} with at least `title` and `year`"
            ))
        })?;
        let meta: EditionMeta = toml::from_str(&text).map_err(|e| {
            let (line, column) = toml_location(&text, &e);
            Error::new(ErrorKind::Content(format!(
                "invalid {EDITION_FILE}: {}",
                e.message()
            )))
            .at(Location::new(&meta_path, line, column))
            .with_source(Arc::from(text.as_str()))
            .with_help("see the `utgave.toml` section of the README for the keys")
        })?;
        if meta.year != year {
            return Err(Error::new(ErrorKind::Content(format!(
                "{EDITION_FILE} says year = {}, but the folder is {year}",
                meta.year
            )))
            .at(Location::new(&meta_path, line_of(&text, "year"), 1))
            .with_source(Arc::from(text.as_str()))
            .with_help(format!("set `year = {year}` or rename the folder"))
            .into());
        }
        let mut chapters = Vec::new();
        let mut errors = Errors::default();
        for entry in walkdir::WalkDir::new(dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if !entry.file_type().is_file() || !name.ends_with(".md") {
                continue;
            }
            match Chapter::parse_file_name(&name) {
                Some((order, slug)) => match Chapter::load(entry.path(), order, slug) {
                    Ok(c) => chapters.push(c),
                    Err(e) => errors.0.push(e),
                },
                None => errors.0.push(
                    Error::new(ErrorKind::Content(format!(
                        "`{name}` is not named like a chapter"
                    )))
                    .at(Location::file(entry.path()))
                    .with_help("name chapters NN-slug.md, e.g. 03-introduksjonsprogrammet.md (lowercase a–z, 0–9, -)"),
                ),
            }
        }
        chapters.sort_by_key(|c| c.order);
        for pair in chapters.windows(2) {
            if pair[0].slug == pair[1].slug {
                errors.0.push(
                    Error::new(ErrorKind::Content(format!(
                        "two chapters have the slug `{}`",
                        pair[1].slug
                    )))
                    .at(Location::file(&pair[1].path)),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Edition {
            year,
            dir: dir.to_path_buf(),
            meta,
            chapters,
        })
    }

    /// Editions with chapters are published; the rest are data-only.
    pub fn is_published(&self) -> bool {
        !self.chapters.is_empty()
    }
}

fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}
