//! `bar` and `grouped`: horizontal bars, one band per row, one bar per
//! series, the value written at the end of each bar.

use charming::element::LabelPosition;

use super::common::{self, Spec};
use super::hbar;
use crate::charts::error::ChartError;
use crate::charts::font;
use crate::charts::theme;
use crate::results::{ChartKind, ResultTable, Unit};

/// Build a horizontal bar chart; several series are drawn side by side.
pub fn build(kind: ChartKind, result: &ResultTable) -> Result<Spec, ChartError> {
    let n_series = result.series.len();
    let bar_width = if n_series > 1 { 14.0 } else { 20.0 };
    let mut values = Vec::with_capacity(n_series);
    let mut texts = Vec::with_capacity(n_series);
    let mut widest_text: f64 = 0.0;
    let mut max: f64 = 0.0;
    for s in 0..n_series {
        let v = common::series_values(result, s)?;
        if v.iter().flatten().any(|x| *x < 0.0) {
            return Err(ChartError::mismatch(
                kind,
                "bars start at 0; a value is negative",
            ));
        }
        let t: Vec<String> = v
            .iter()
            .map(|x| {
                x.map(|x| common::value_text(result.unit, result.decimals, x))
                    .unwrap_or_default()
            })
            .collect();
        for text in &t {
            widest_text = widest_text.max(font::text_width(text, theme::VALUE_FONT_SIZE, false));
        }
        max = v.iter().flatten().fold(max, |m, x| m.max(*x));
        values.push(v);
        texts.push(t);
    }
    let axis_max = match result.unit {
        Unit::Percent if max <= 100.0 => 100.0,
        _ => common::nice_scale(max, result.decimals == 0).0,
    };
    let legend: Vec<String> = if n_series > 1 {
        result.series.clone()
    } else {
        Vec::new()
    };
    let layout = hbar::layout(result, n_series, bar_width, &legend, widest_text + 6.0);
    let series = (0..n_series)
        .map(|s| {
            hbar::bar_series(
                &result.series[s],
                &values[s],
                &texts[s],
                s,
                bar_width,
                LabelPosition::Right,
            )
        })
        .collect();
    Ok(hbar::chart(&layout, axis_max, series, &legend))
}
