//! `stacked`: 100 % stacked horizontal bars. One row per item (or per
//! breakdown bin), one series per answer group, left to right in order.

use charming::element::LabelPosition;

use super::common::{self, Spec};
use super::hbar;
use crate::charts::error::ChartError;
use crate::charts::font;
use crate::charts::theme;
use crate::results::{ChartKind, ResultTable, Unit};

const BAR_WIDTH: f64 = 24.0;

/// Build a 100 % stacked bar chart. A segment's label is shown only where
/// it fits inside the segment; the table and CSV carry every number.
pub fn build(kind: ChartKind, result: &ResultTable) -> Result<Spec, ChartError> {
    if result.unit != Unit::Percent {
        return Err(ChartError::mismatch(
            kind,
            "100 % stacked bars need percentages",
        ));
    }
    let n_series = result.series.len();
    let mut values = Vec::with_capacity(n_series);
    for s in 0..n_series {
        let v = common::series_values(result, s)?;
        if v.iter().flatten().any(|x| *x < 0.0) {
            return Err(ChartError::mismatch(kind, "a share is negative"));
        }
        values.push(v);
    }
    let row_sum = |r: usize| {
        values
            .iter()
            .map(|v: &Vec<Option<f64>>| v[r].unwrap_or(0.0))
            .sum::<f64>()
    };
    let max = (0..result.rows.len()).map(row_sum).fold(100.0, f64::max);
    let legend: Vec<String> = result.series.clone();
    let layout = hbar::layout(result, 1, BAR_WIDTH, &legend, 0.0);
    let series = (0..n_series)
        .map(|s| {
            let texts: Vec<String> = values[s]
                .iter()
                .map(|x| match x {
                    Some(x) => {
                        let text = common::value_text(result.unit, result.decimals, *x);
                        let room = x / max * layout.plot_width;
                        if font::text_width(&text, theme::VALUE_FONT_SIZE, false) + 6.0 <= room {
                            text
                        } else {
                            String::new()
                        }
                    }
                    None => String::new(),
                })
                .collect();
            hbar::bar_series(
                &result.series[s],
                &values[s],
                &texts,
                s,
                BAR_WIDTH,
                LabelPosition::Inside,
            )
            .stack("total")
        })
        .collect();
    let mut spec = hbar::chart(&layout, max, series, &legend);
    // A thin white border separates adjacent segments.
    spec.patch["series"] = serde_json::Value::Array(
        (0..n_series)
            .map(|_| serde_json::json!({ "itemStyle": { "borderColor": "#ffffff", "borderWidth": 1 } }))
            .collect(),
    );
    Ok(spec)
}
