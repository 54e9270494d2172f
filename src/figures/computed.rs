//! The computed results of an edition and the lookups the shortcodes use.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::FigureSpecs;
use crate::data::EditionData;
use crate::error::{Error, Location};
use crate::results::{Cell, ChartKind, ResultTable};

/// How a figure's result is laid out: what its rows and series are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Rows = answers; one series (the edition).
    #[default]
    Plain,
    /// Rows = attribute bins; series = answers.
    Breakdown,
    /// Rows = answers; series = editions (years).
    Panel,
    /// Rows = battery items; series = answers (groups or codes).
    Battery,
    /// Rows = battery items; series = editions; cells = the `show` answer.
    BatteryPanel,
    /// Rows = value bins (counts); one series.
    Histogram,
    /// Rows = time points; series = register series.
    TimeSeries,
}

/// One computed figure.
#[derive(Debug, Clone)]
pub struct ComputedFigure {
    pub id: String,
    pub title: String,
    pub kind: ChartKind,
    pub result: ResultTable,
    /// House-style text for inside the caption parentheses,
    /// e.g. "Flervalg. Integreringsansvarlige. N: 273.".
    pub caption_note: String,
    pub note: Option<String>,
    pub source: Option<String>,
    /// False = computed for prose only (not drawn, not numbered).
    pub publish: bool,
    /// The spec's place in `figurer.toml`.
    pub location: Location,
    /// How rows and series are laid out.
    pub shape: Shape,
    /// The edition whose data this is (the home edition for panels).
    pub year: i32,
    /// The dataset id (none for register series).
    pub dataset: Option<String>,
    /// A name per row: the variable name for battery items, else the label.
    pub row_names: Vec<String>,
    /// Named groupings of the answers (`God` → its answer labels).
    pub answer_groups: Vec<(String, Vec<String>)>,
    /// Panel years (the series of a panel), else empty.
    pub editions: Vec<i32>,
    /// Means of a rating scale or number: per item / bin (rows) and edition
    /// (series); `None` when the figure has no scores.
    pub means: Option<ResultTable>,
    /// The pooled mean over all rows, per series of `means`.
    pub mean_total: Vec<Cell>,
    /// Problems that do not stop the build (units a panel could not carry
    /// across editions), reported by `rapport check` and `build`.
    pub warnings: Vec<String>,
}

/// A block of a table: one attribute's bins (rows) × the table's columns.
#[derive(Debug, Clone)]
pub struct TableBlock {
    /// The attribute's label (`Kommunestørrelse`).
    pub heading: String,
    /// The attribute's name (`innbyggere`).
    pub attribute: String,
    pub result: ResultTable,
}

/// One computed table.
#[derive(Debug, Clone)]
pub struct ComputedTable {
    pub id: String,
    pub title: String,
    /// Column labels, e.g. ["Alle kommuner", "Besvart IA", "Besvart RM"].
    pub columns: Vec<String>,
    pub blocks: Vec<TableBlock>,
    /// N per column.
    pub n: Vec<u64>,
    pub caption_note: String,
    pub note: Option<String>,
    pub source: Option<String>,
    pub location: Location,
}

/// The computed results of one edition's figures and tables.
#[derive(Debug, Default)]
pub struct ComputedEdition {
    pub(super) year: i32,
    pub(super) figures: Vec<Arc<ComputedFigure>>,
    pub(super) tables: Vec<ComputedTable>,
    pub(super) specs: Arc<FigureSpecs>,
    pub(super) editions: Arc<BTreeMap<i32, EditionData>>,
    pub(super) cache: Mutex<BTreeMap<(String, i32), Arc<ComputedFigure>>>,
}

impl ComputedEdition {
    /// The edition's year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// A figure by id.
    pub fn figure(&self, id: &str) -> Option<&ComputedFigure> {
        self.figures.iter().find(|f| f.id == id).map(|f| f.as_ref())
    }

    /// The warnings of this edition's figures, located at their specs.
    pub fn warnings(&self) -> Vec<Error> {
        self.figures
            .iter()
            .flat_map(|f| {
                f.warnings.iter().map(|w| {
                    Error::new(super::FigureError::Invalid(format!(
                        "figure `{}`: {w}",
                        f.id
                    )))
                    .at(f.location.clone())
                    .with_help(
                        "see README, \"Next year's edition\", for the crosswalk of unit numbers",
                    )
                })
            })
            .collect()
    }

    /// A table by id.
    pub fn table(&self, id: &str) -> Option<&ComputedTable> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// Every figure, in spec order (published or not).
    pub fn figures(&self) -> impl Iterator<Item = &ComputedFigure> {
        self.figures.iter().map(|f| f.as_ref())
    }

    /// Every table, in spec order.
    pub fn tables(&self) -> impl Iterator<Item = &ComputedTable> {
        self.tables.iter()
    }

    /// Figure ids, for suggestions.
    pub fn figure_ids(&self) -> impl Iterator<Item = &str> {
        self.figures.iter().map(|f| f.id.as_str())
    }

    /// Table ids, for suggestions.
    pub fn table_ids(&self) -> impl Iterator<Item = &str> {
        self.tables.iter().map(|t| t.id.as_str())
    }

    /// The data of an edition (this one or any other loaded).
    pub fn edition_data(&self, year: i32) -> Option<&EditionData> {
        self.editions.get(&year)
    }

    /// The years with data, ascending.
    pub fn edition_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.editions.keys().copied()
    }

    /// A figure as computed on the data of edition `year`: this edition's
    /// result for this year and for panels (whose series are the years), a
    /// recomputation of the spec on that edition's data otherwise (cached).
    pub fn figure_in(&self, id: &str, year: i32) -> Result<Arc<ComputedFigure>, Error> {
        let current = self.figures.iter().find(|f| f.id == id).ok_or_else(|| {
            Error::new(super::FigureError::Invalid(format!(
                "unknown figure `{id}`"
            )))
        })?;
        if year == self.year || !current.editions.is_empty() {
            return Ok(current.clone());
        }
        let key = (id.to_string(), year);
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(hit);
        }
        let spec = self.specs.figure(id).ok_or_else(|| {
            Error::new(super::FigureError::Invalid(format!(
                "unknown figure `{id}`"
            )))
        })?;
        let figure = Arc::new(super::compute::compute_figure(
            spec,
            &self.specs,
            year,
            &self.editions,
            false,
        )?);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, figure.clone());
        }
        Ok(figure)
    }
}
