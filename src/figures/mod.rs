//! Figure and table specs (`figurer.toml`) and their computed results.
//! (Interface stub on this branch; the data engine fills it in — issue 3.)

use std::collections::BTreeMap;
use std::path::Path;

use crate::data::EditionData;
use crate::error::{Errors, Location};
use crate::results::{ChartKind, ResultTable};

/// A problem with a figure or table spec.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error("{0}")]
    Invalid(String),
}

/// The specs of one edition.
#[derive(Debug, Default)]
pub struct FigureSpecs {}

/// Parses `<dir>/figurer.toml`.
pub fn load_specs(_dir: &Path) -> Result<FigureSpecs, Errors> {
    Ok(FigureSpecs {})
}

/// Computes every figure and table of edition `year`.
pub fn compute(
    _year: i32,
    _specs: &FigureSpecs,
    _editions: &BTreeMap<i32, EditionData>,
) -> Result<ComputedEdition, Errors> {
    Ok(ComputedEdition::default())
}

/// The computed results of one edition's figures and tables.
#[derive(Debug, Default)]
pub struct ComputedEdition {
    figures: Vec<ComputedFigure>,
    tables: Vec<ComputedTable>,
}

impl ComputedEdition {
    pub fn figure(&self, id: &str) -> Option<&ComputedFigure> {
        self.figures.iter().find(|f| f.id == id)
    }
    pub fn table(&self, id: &str) -> Option<&ComputedTable> {
        self.tables.iter().find(|t| t.id == id)
    }
    pub fn figures(&self) -> impl Iterator<Item = &ComputedFigure> {
        self.figures.iter()
    }
    pub fn tables(&self) -> impl Iterator<Item = &ComputedTable> {
        self.tables.iter()
    }
}

/// One computed figure.
#[derive(Debug, Clone)]
pub struct ComputedFigure {
    pub id: String,
    pub title: String,
    pub kind: ChartKind,
    pub result: ResultTable,
    pub caption_note: String,
    pub note: Option<String>,
    pub source: Option<String>,
    pub publish: bool,
    pub location: Location,
}

/// One computed table.
#[derive(Debug, Clone)]
pub struct ComputedTable {
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub blocks: Vec<TableBlock>,
    pub n: Vec<u64>,
    pub caption_note: String,
    pub source: Option<String>,
    pub location: Location,
}

/// One block of a table (one attribute).
#[derive(Debug, Clone)]
pub struct TableBlock {
    pub heading: String,
    pub result: ResultTable,
}
