//! Loading an edition's data: codebook, microdata, unit register, register series.
//! (Owned by the data-engine work; see issue 3.)

/// A problem with a data file or the codebook.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{0}")]
    Invalid(String),
}

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// `[units]` in utgave.toml: the unit register.
#[derive(Debug, Clone, Deserialize)]
pub struct UnitsSource {
    pub file: PathBuf,
}

/// `[datasets.<id>]` in utgave.toml: one sub-survey.
#[derive(Debug, Clone, Deserialize)]
pub struct DatasetSource {
    pub name: String,
    pub file: PathBuf,
}

/// `[series.<id>]` in utgave.toml: a register time series.
#[derive(Debug, Clone, Deserialize)]
pub struct SeriesSource {
    pub file: PathBuf,
}

/// Every data file an edition names.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DataSources {
    #[serde(default)]
    pub units: Option<UnitsSource>,
    #[serde(default)]
    pub datasets: BTreeMap<String, DatasetSource>,
    #[serde(default)]
    pub series: BTreeMap<String, SeriesSource>,
}

/// An edition's loaded data. (Interface stub on this branch — issue 3.)
#[derive(Debug, Default)]
pub struct EditionData {}

/// Reads `<dir>/kodebok.toml` and every file named in `sources`.
pub fn load_edition(
    _dir: &std::path::Path,
    _year: i32,
    _sources: &DataSources,
) -> Result<EditionData, crate::Errors> {
    Ok(EditionData {})
}
