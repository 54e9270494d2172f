//! The computed result of a figure or table: the contract between the
//! statistics engine (which fills it) and the chart, table and prose renderers
//! (which only read it).
//!
//! Convention: `rows` are the category axis (answer options, battery items,
//! attribute bins, years on a time axis); `series` are the legend entries (one
//! series for a plain distribution; editions for panels; rating groups for
//! stacked batteries; register series for a line chart). `cells[row][series]`.

use serde::Serialize;

/// How a figure is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    Pie,
    Donut,
    /// Horizontal bars; several series are drawn side by side.
    Bar,
    /// 100 % stacked horizontal bars (one row per item, one series per group).
    Stacked,
    /// Grouped horizontal bars (series = editions or attribute bins).
    Grouped,
    /// Vertical columns of counts (histogram).
    Columns,
    /// Line chart of a time series.
    Line,
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Pie,
        ChartKind::Donut,
        ChartKind::Bar,
        ChartKind::Stacked,
        ChartKind::Grouped,
        ChartKind::Columns,
        ChartKind::Line,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Pie => "pie",
            ChartKind::Donut => "donut",
            ChartKind::Bar => "bar",
            ChartKind::Stacked => "stacked",
            ChartKind::Grouped => "grouped",
            ChartKind::Columns => "columns",
            ChartKind::Line => "line",
        }
    }

    pub fn from_name(name: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What the numbers in the cells are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Percent of the row's or series' base (0–100).
    Percent,
    /// Counts of units (histograms, register series).
    Count,
    /// A mean on a scale.
    Mean,
}

/// One number of a result.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell {
    /// The exact value (percent, count or mean); `None` when there is no base.
    pub value: Option<f64>,
    /// The value as displayed, rounded half away from zero to the table's
    /// `decimals` (and, for single-choice percents, adjusted so the shown
    /// distribution sums to 99–101).
    pub shown: Option<f64>,
    /// Units counted in this cell (numerator), where meaningful.
    pub count: Option<u64>,
    /// The base of this cell's percent (N of its row/series).
    pub base: Option<u64>,
}

#[cfg(test)]
impl Cell {
    /// A cell of value `v`, shown rounded to a whole number (for tests).
    pub(crate) fn rounded(v: f64) -> Cell {
        Cell {
            value: Some(v),
            shown: Some(v.round()),
            count: None,
            base: None,
        }
    }
}

/// A computed figure or table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultTable {
    pub rows: Vec<String>,
    pub series: Vec<String>,
    /// `cells[row][series]`.
    pub cells: Vec<Vec<Cell>>,
    pub unit: Unit,
    /// Decimals shown (0 for percents and counts, 1 for means).
    pub decimals: u8,
    /// The figure's N: units in the base (panel size for panels).
    pub n: u64,
    /// Multiple choice: percents may sum to more than 100.
    pub multi: bool,
}

impl ResultTable {
    /// Percents of `n` units, shown as whole numbers.
    pub fn percents(
        rows: Vec<String>,
        series: Vec<String>,
        cells: Vec<Vec<Cell>>,
        n: u64,
        multi: bool,
    ) -> Self {
        ResultTable {
            rows,
            series,
            cells,
            unit: Unit::Percent,
            decimals: 0,
            n,
            multi,
        }
    }

    /// Means on a scale, shown with one decimal.
    pub fn means(rows: Vec<String>, series: Vec<String>, cells: Vec<Vec<Cell>>, n: u64) -> Self {
        ResultTable {
            rows,
            series,
            cells,
            unit: Unit::Mean,
            decimals: 1,
            n,
            multi: false,
        }
    }

    /// Counts of units.
    pub fn counts(rows: Vec<String>, series: Vec<String>, cells: Vec<Vec<Cell>>, n: u64) -> Self {
        ResultTable {
            rows,
            series,
            cells,
            unit: Unit::Count,
            decimals: 0,
            n,
            multi: false,
        }
    }

    pub fn cell(&self, row: usize, series: usize) -> Option<&Cell> {
        self.cells.get(row)?.get(series)
    }

    pub fn row_index(&self, label: &str) -> Option<usize> {
        self.rows.iter().position(|r| r == label)
    }

    pub fn series_index(&self, label: &str) -> Option<usize> {
        self.series.iter().position(|s| s == label)
    }

    /// True when there is nothing to show (N = 0 or no rows).
    pub fn is_empty(&self) -> bool {
        self.n == 0 || self.rows.is_empty() || self.series.is_empty()
    }
}
