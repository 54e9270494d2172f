//! "What changed since last year": the figures whose value moved more than a
//! threshold (percentage points) between the previous edition and this one,
//! each computed with the same spec on both years' data.
//!
//! A figure's value is the share of its `change` answer (spec key; default
//! the largest category in this edition), as shown (rounded). Plain figures
//! are recomputed on the previous edition ([`ComputedEdition::figure_in`]);
//! panels and `over_time` figures compare their own two series. For
//! batteries (with or without editions) the item that moved most is reported.
//! Breakdowns, histograms and register series are not compared.

use super::computed::{ComputedEdition, ComputedFigure, Shape};
use crate::results::Unit;

/// The default threshold in percentage points (`change_threshold` of `utgave.toml`).
pub const DEFAULT_THRESHOLD: f64 = 5.0;

/// One figure whose value moved more than the threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureChange {
    /// The figure id.
    pub id: String,
    /// The answer followed (for batteries: `item: answer`).
    pub answer: String,
    pub from_year: i32,
    pub to_year: i32,
    /// The shown percent in `from_year` and `to_year`.
    pub from: f64,
    pub to: f64,
}

impl FigureChange {
    /// The change in percentage points (positive = up).
    pub fn points(&self) -> f64 {
        self.to - self.from
    }
}

/// The previous edition with data before this one.
pub fn previous_year(computed: &ComputedEdition) -> Option<i32> {
    computed
        .edition_years()
        .filter(|y| *y < computed.year())
        .max()
}

/// The figures among `ids` (in that order) whose value moved more than
/// `threshold` percentage points since the previous edition.
pub fn since_last(computed: &ComputedEdition, ids: &[&str], threshold: f64) -> Vec<FigureChange> {
    let Some(prev) = previous_year(computed) else {
        return Vec::new();
    };
    ids.iter()
        .filter_map(|id| figure_change(computed, id, prev))
        .filter(|c| c.points().abs() > threshold)
        .collect()
}

/// The value of one figure in `prev` and in this edition, if comparable.
pub fn figure_change(computed: &ComputedEdition, id: &str, prev: i32) -> Option<FigureChange> {
    let fig = computed.figure(id)?;
    if fig.result.unit != Unit::Percent {
        return None;
    }
    let wanted = computed.specs.figure(id).and_then(|s| s.change.clone());
    let (answer, from, to) = match fig.shape {
        Shape::Plain => {
            let before = computed.figure_in(id, prev).ok()?;
            let row = chosen_row(fig, 0, wanted.as_deref())?;
            let label = &fig.result.rows[row];
            let j = before.result.rows.iter().position(|l| l == label)?;
            (label.clone(), shown(&before, j, 0)?, shown(fig, row, 0)?)
        }
        Shape::Panel => {
            let (p, h) = series_pair(fig, prev)?;
            let row = chosen_row(fig, h, wanted.as_deref())?;
            (
                fig.result.rows[row].clone(),
                shown(fig, row, p)?,
                shown(fig, row, h)?,
            )
        }
        Shape::BatteryPanel => {
            let (p, h) = series_pair(fig, prev)?;
            largest_move(fig, |i| Some((shown(fig, i, p)?, shown(fig, i, h)?)))
                .map(|(i, a, b)| (fig.result.rows[i].clone(), a, b))?
        }
        Shape::Battery => {
            let before = computed.figure_in(id, prev).ok()?;
            let s = match &wanted {
                Some(w) => fig.result.series.iter().position(|l| l == w)?,
                None => 0,
            };
            let label = &fig.result.series[s];
            let bs = before.result.series.iter().position(|l| l == label)?;
            largest_move(fig, |i| {
                let j = before
                    .row_names
                    .iter()
                    .position(|n| *n == fig.row_names[i])?;
                Some((shown(&before, j, bs)?, shown(fig, i, s)?))
            })
            .map(|(i, a, b)| (format!("{}: {label}", fig.result.rows[i]), a, b))?
        }
        _ => return None,
    };
    Some(FigureChange {
        id: id.to_string(),
        answer,
        from_year: prev,
        to_year: computed.year(),
        from,
        to,
    })
}

fn shown(fig: &ComputedFigure, row: usize, series: usize) -> Option<f64> {
    fig.result.cells.get(row)?.get(series)?.shown
}

/// The series of `prev` and of the figure's own edition.
fn series_pair(fig: &ComputedFigure, prev: i32) -> Option<(usize, usize)> {
    let p = fig.editions.iter().position(|y| *y == prev)?;
    let h = fig.editions.iter().position(|y| *y == fig.year)?;
    Some((p, h))
}

/// The `wanted` answer's row, or the largest shown value in `series`.
fn chosen_row(fig: &ComputedFigure, series: usize, wanted: Option<&str>) -> Option<usize> {
    if let Some(w) = wanted {
        return fig.result.rows.iter().position(|l| l == w);
    }
    let mut best: Option<(usize, f64)> = None;
    for i in 0..fig.result.rows.len() {
        if let Some(v) = shown(fig, i, series) {
            if best.is_none_or(|(_, b)| v > b) {
                best = Some((i, v));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// The row whose pair of values differs most (first on ties).
fn largest_move(
    fig: &ComputedFigure,
    pair: impl Fn(usize) -> Option<(f64, f64)>,
) -> Option<(usize, f64, f64)> {
    let mut best: Option<(usize, f64, f64)> = None;
    for i in 0..fig.result.rows.len() {
        if let Some((a, b)) = pair(i) {
            if best.is_none_or(|(_, x, y)| (b - a).abs() > (y - x).abs()) {
                best = Some((i, a, b));
            }
        }
    }
    best
}
