//! One small module per chart kind: each turns a [`ResultTable`] into
//! `charming` options plus the size to draw them at.

mod bar;
mod columns;
pub(crate) mod common;
mod hbar;
mod line;
mod pie;
mod stacked;

pub use common::Spec;

use super::error::ChartError;
use crate::results::{ChartKind, ResultTable};

/// Check that `result` has something to draw and build the chart of `kind`.
pub fn build(kind: ChartKind, result: &ResultTable) -> Result<Spec, ChartError> {
    let no_rows = result.rows.is_empty() || result.series.is_empty();
    // Register series (line charts) need no N; survey results do.
    if no_rows || (kind != ChartKind::Line && result.n == 0) {
        return Err(ChartError::NoData);
    }
    let shape_ok = result.cells.len() == result.rows.len()
        && result.cells.iter().all(|r| r.len() == result.series.len());
    if !shape_ok {
        return Err(ChartError::mismatch(
            kind,
            "the result's cells do not match its rows and series",
        ));
    }
    let any_value = (0..result.rows.len()).any(|r| {
        (0..result.series.len()).any(|s| matches!(common::shown(result, r, s), Ok(Some(_))))
    });
    if !any_value {
        return Err(ChartError::NoData);
    }
    match kind {
        ChartKind::Pie | ChartKind::Donut => pie::build(kind, result),
        ChartKind::Bar | ChartKind::Grouped => bar::build(kind, result),
        ChartKind::Stacked => stacked::build(kind, result),
        ChartKind::Columns => columns::build(kind, result),
        ChartKind::Line => line::build(kind, result),
    }
}
