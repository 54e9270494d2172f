//! Loading an edition's data: codebook, microdata, unit register, register
//! series. Everything is read once per build, typed against the codebook,
//! and shared by reference counting.

// `crate::Error` is large (location, help, source text); boxing it is the
// error module's call, so the lint is allowed here rather than worked around.

pub mod codebook;
mod column;
pub mod crosswalk;
mod csv;
pub mod dataset;
pub mod error;
pub mod jsonstat;
mod keys;
mod lines;
pub mod stream;
pub mod table;
mod typer;
pub mod units;
mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

pub use codebook::{
    Attribute, AttributeType, Bin, Code, Codebook, Group, MultiOption, Variable, VariableType,
};
pub use crosswalk::{Crosswalk, CrosswalkSource};
pub use dataset::{Codes, Column, Dataset, KeyIndex, Keys, Numbers};
pub use error::DataError;
pub use jsonstat::Series;
pub use units::{AttributeColumn, UnitRegister};

use crate::error::{Error, Errors, Location};

/// The unit register's file (`[units]` of `utgave.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsSource {
    pub file: PathBuf,
}

/// One sub-survey (`[datasets.<id>]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetSource {
    /// Display name, used in captions (`Integreringsansvarlige`).
    pub name: String,
    pub file: PathBuf,
}

/// One register series file (`[series.<id>]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSource {
    pub file: PathBuf,
}

/// The data files of an edition, as listed in `utgave.toml`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DataSources {
    #[serde(default)]
    pub units: Option<UnitsSource>,
    #[serde(default)]
    pub datasets: BTreeMap<String, DatasetSource>,
    #[serde(default)]
    pub series: BTreeMap<String, SeriesSource>,
    /// The unit crosswalk (default: `data/kommuneendringer.csv` when present).
    #[serde(default)]
    pub crosswalk: Option<CrosswalkSource>,
}

/// The loaded data of one edition. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct EditionData(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    year: i32,
    dir: PathBuf,
    codebook: Codebook,
    units: Option<UnitRegister>,
    datasets: BTreeMap<String, Dataset>,
    series: BTreeMap<String, Series>,
    crosswalk: Option<Crosswalk>,
}

impl EditionData {
    /// Assemble edition data from loaded parts (used by tests).
    pub fn from_parts(
        year: i32,
        codebook: Codebook,
        units: Option<UnitRegister>,
        datasets: BTreeMap<String, Dataset>,
        series: BTreeMap<String, Series>,
    ) -> Self {
        EditionData(Arc::new(Inner {
            year,
            dir: PathBuf::new(),
            codebook,
            units,
            datasets,
            series,
            crosswalk: None,
        }))
    }

    /// The same data with a unit crosswalk (used by tests).
    pub fn with_crosswalk(self, crosswalk: Crosswalk) -> Self {
        let inner = Arc::try_unwrap(self.0).unwrap_or_else(|shared| Inner {
            year: shared.year,
            dir: shared.dir.clone(),
            codebook: shared.codebook.clone(),
            units: shared.units.clone(),
            datasets: shared.datasets.clone(),
            series: shared.series.clone(),
            crosswalk: None,
        });
        EditionData(Arc::new(Inner {
            crosswalk: Some(crosswalk),
            ..inner
        }))
    }

    /// The unit crosswalk of this edition (mergers and splits up to its year).
    pub fn crosswalk(&self) -> Option<&Crosswalk> {
        self.0.crosswalk.as_ref()
    }

    /// The edition's year.
    pub fn year(&self) -> i32 {
        self.0.year
    }

    /// The edition folder.
    pub fn dir(&self) -> &Path {
        &self.0.dir
    }

    /// The codebook.
    pub fn codebook(&self) -> &Codebook {
        &self.0.codebook
    }

    /// The unit register, if the edition has one.
    pub fn units(&self) -> Option<&UnitRegister> {
        self.0.units.as_ref()
    }

    /// A dataset by id.
    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.0.datasets.get(id)
    }

    /// Every dataset, by id.
    pub fn datasets(&self) -> &BTreeMap<String, Dataset> {
        &self.0.datasets
    }

    /// A register series by id.
    pub fn series(&self, id: &str) -> Option<&Series> {
        self.0.series.get(id)
    }

    /// Every register series, by id.
    pub fn all_series(&self) -> &BTreeMap<String, Series> {
        &self.0.series
    }
}

enum Job<'a> {
    Units(&'a Path),
    Dataset(&'a str, &'a DatasetSource),
    Series(&'a str, &'a Path),
}

enum Loaded {
    Units(UnitRegister),
    Dataset(Dataset),
    Series(Series),
}

/// Reads `<dir>/kodebok.toml` and every file named in `sources`, typed
/// against the codebook. Files are read in parallel; every error found is
/// reported.
pub fn load_edition(dir: &Path, year: i32, sources: &DataSources) -> Result<EditionData, Errors> {
    let book_path = dir.join("kodebok.toml");
    let codebook = match std::fs::read_to_string(&book_path) {
        Ok(text) => codebook::parse(&book_path, &text).map_err(Errors)?,
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && sources.datasets.is_empty()
                && sources.units.is_none() =>
        {
            Codebook::default()
        }
        Err(e) => return Err(Error::read(&book_path, e).into()),
    };
    missing_files(dir, year, sources)?;
    let crosswalk = match &sources.crosswalk {
        Some(src) => Some(Crosswalk::read(&dir.join(&src.file)).map_err(Errors::from)?),
        None if dir.join(crosswalk::DEFAULT_FILE).is_file() => {
            Some(Crosswalk::read(&dir.join(crosswalk::DEFAULT_FILE)).map_err(Errors::from)?)
        }
        None => None,
    };
    let mut jobs = Vec::new();
    if let Some(u) = &sources.units {
        jobs.push(Job::Units(&u.file));
    }
    for (id, ds) in &sources.datasets {
        jobs.push(Job::Dataset(id, ds));
    }
    for (id, s) in &sources.series {
        jobs.push(Job::Series(id, &s.file));
    }
    let results: Vec<Result<Loaded, Vec<Error>>> = jobs
        .par_iter()
        .map(|job| match job {
            Job::Units(file) => {
                let table = table::read(&dir.join(file)).map_err(|e| vec![e])?;
                units::type_register(&table, &codebook).map(Loaded::Units)
            }
            Job::Dataset(id, src) => {
                let path = dir.join(&src.file);
                if table::is_csv(&path) {
                    stream::read_csv(id, &src.name, &path, &codebook).map(Loaded::Dataset)
                } else {
                    let table = table::read(&path).map_err(|e| vec![e])?;
                    dataset::type_table(id, &src.name, &table, &codebook).map(Loaded::Dataset)
                }
            }
            Job::Series(id, file) => jsonstat::read(id, &dir.join(file))
                .map(Loaded::Series)
                .map_err(|e| vec![e]),
        })
        .collect();
    let mut errors = Vec::new();
    let mut units = None;
    let mut datasets = BTreeMap::new();
    let mut series = BTreeMap::new();
    for r in results {
        match r {
            Ok(Loaded::Units(u)) => units = Some(u),
            Ok(Loaded::Dataset(d)) => {
                datasets.insert(d.id.clone(), d);
            }
            Ok(Loaded::Series(s)) => {
                series.insert(s.id.clone(), s);
            }
            Err(e) => errors.extend(e),
        }
    }
    if let Some(register) = &units {
        for ds in datasets.values() {
            check_keys_in_register(ds, register, &mut errors);
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(EditionData(Arc::new(Inner {
        year,
        dir: dir.to_path_buf(),
        codebook,
        units,
        datasets,
        series,
        crosswalk,
    })))
}

/// Every data file named in `utgave.toml` that does not exist, all at once.
fn missing_files(dir: &Path, year: i32, sources: &DataSources) -> Result<(), Errors> {
    let named = sources
        .units
        .iter()
        .map(|u| ("[units]".to_string(), &u.file))
        .chain(
            sources
                .datasets
                .iter()
                .map(|(id, d)| (format!("[datasets.{id}]"), &d.file)),
        )
        .chain(
            sources
                .series
                .iter()
                .map(|(id, s)| (format!("[series.{id}]"), &s.file)),
        )
        .chain(
            sources
                .crosswalk
                .iter()
                .map(|c| ("[crosswalk]".to_string(), &c.file)),
        );
    let mut seen = Vec::new();
    let mut missing = Vec::new();
    for (table, file) in named {
        let path = dir.join(file);
        if seen.contains(&path) || path.is_file() {
            continue;
        }
        seen.push(path.clone());
        missing.push((table, path));
    }
    if missing.is_empty() {
        return Ok(());
    }
    let count = missing.len();
    let meta = dir.join("utgave.toml");
    let meta_text = std::fs::read_to_string(&meta).unwrap_or_default();
    Err(Errors(
        missing
            .into_iter()
            .map(|(table, path)| {
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                let line = meta_text
                    .lines()
                    .position(|l| l.contains(&rel.to_string_lossy().to_string()))
                    .map_or(0, |i| i + 1);
                let mut e = Error::new(DataError::Invalid(format!(
                    "data file `{}` of edition {year} is missing ({table}; {count} of its data files are missing)",
                    rel.display()
                )))
                .at(Location::new(&meta, line, if line > 0 { 1 } else { 0 }))
                .with_help(
                    "add the file (see README, \"Next year's edition\", for the format) or correct the path",
                );
                if !meta_text.is_empty() {
                    e = e.with_source(Arc::from(meta_text.as_str()));
                }
                e
            })
            .collect(),
    ))
}

/// Every unit of a dataset must be in the unit register.
fn check_keys_in_register(ds: &Dataset, register: &UnitRegister, errors: &mut Vec<Error>) {
    for (row, key) in ds.keys().iter().enumerate() {
        if register.index_of(key).is_none() {
            errors.push(
                Error::new(DataError::Invalid(format!(
                    "kommunenr `{key}` of dataset `{}` is not in the unit register {}",
                    ds.id,
                    register.path.display()
                )))
                .at(Location::new(&ds.path, ds.line_of(row), 0))
                .with_help(
                    error::did_you_mean(key, register.keys().iter().map(String::as_str))
                        .unwrap_or_else(|| {
                            "add the unit to the register or correct the number".into()
                        }),
                ),
            );
            if errors.len() > 20 {
                return;
            }
        }
    }
}
