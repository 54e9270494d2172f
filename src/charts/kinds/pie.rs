//! `pie` and `donut`: one series of a few categories, each slice labelled
//! with its name and value outside the circle.

use charming::element::{Label, LabelLine, LineStyle};
use charming::series::Pie;

use super::common::{self, Spec};
use crate::charts::error::ChartError;
use crate::charts::font;
use crate::charts::theme;
use crate::results::{ChartKind, ResultTable};

/// Most categories a pie may have before bars are the better choice.
pub const MAX_SLICES: usize = 7;
/// Width a slice label may take before it wraps.
const LABEL_WIDTH: f64 = 100.0;
/// Height of a pie chart before extra label lines.
const BASE_HEIGHT: u32 = 280;
/// Outer radius in px (fixed, so taller charts do not grow the circle).
const RADIUS: f64 = 87.0;
/// Inner radius of a donut in px.
const INNER_RADIUS: f64 = 50.0;
/// Leader lines (12 + 10 px) and the gap before the text.
const LABEL_LINES: f64 = 12.0 + 10.0 + 6.0;

/// Build a pie (or a donut when `kind` is `Donut`).
pub fn build(kind: ChartKind, result: &ResultTable) -> Result<Spec, ChartError> {
    if result.series.len() != 1 {
        return Err(ChartError::mismatch(
            kind,
            format!(
                "a pie shows one series, this result has {}; use `bar` or `grouped`",
                result.series.len()
            ),
        ));
    }
    if result.multi {
        return Err(ChartError::mismatch(
            kind,
            "multiple-choice shares can sum to more than 100 %; use `bar`",
        ));
    }
    if result.rows.len() > MAX_SLICES {
        return Err(ChartError::mismatch(
            kind,
            format!(
                "a pie shows at most {MAX_SLICES} categories, this result has {}; use `bar`",
                result.rows.len()
            ),
        ));
    }
    let values = common::series_values(result, 0)?;
    if values.iter().flatten().any(|v| *v < 0.0) {
        return Err(ChartError::mismatch(kind, "a slice cannot be negative"));
    }
    if values.iter().flatten().all(|v| *v == 0.0) {
        return Err(ChartError::NoData);
    }
    // Wrap at word boundaries where possible: the label column grows to the
    // longest word, up to the room beside the circle (ECharts would cut a
    // label that goes beyond it; a longer word is broken instead).
    let room = f64::from(theme::WIDTH) / 2.0 - RADIUS - LABEL_LINES - theme::MARGIN;
    let longest_word = result
        .rows
        .iter()
        .flat_map(|r| r.split_whitespace())
        .map(|w| font::text_width(w, theme::FONT_SIZE, false))
        .fold(LABEL_WIDTH, f64::max)
        .min(room.floor());
    let texts: Vec<String> = result
        .rows
        .iter()
        .zip(&values)
        .map(|(row, v)| {
            let mut lines = font::wrap(
                &common::safe(row),
                longest_word.ceil(),
                theme::FONT_SIZE,
                false,
            );
            if let Some(v) = v {
                lines.push(common::value_text(result.unit, result.decimals, *v));
            }
            lines.join("\n")
        })
        .collect();
    let data: Vec<(f64, String)> = result
        .rows
        .iter()
        .zip(&values)
        .map(|(row, v)| (v.unwrap_or(0.0), common::safe(row)))
        .collect();
    // Labels stack on both sides of the circle: leave room for half of
    // all label lines (plus a gap per label) on each side.
    let total_lines: usize = texts.iter().map(|t| common::line_count(t)).sum();
    let needed = (total_lines as f64 / 2.0 + result.rows.len() as f64 / 2.0 + 1.0)
        * theme::LINE_HEIGHT
        + 2.0 * theme::MARGIN;
    let height = BASE_HEIGHT.max(needed.ceil() as u32);
    let radius: charming::datatype::CompositeValue = if kind == ChartKind::Donut {
        vec![INNER_RADIUS, RADIUS].into()
    } else {
        RADIUS.into()
    };
    let pie = Pie::new()
        .name(common::safe(&result.series[0]))
        .radius(radius)
        .center(vec!["50%", "50%"])
        .start_angle(90)
        .avoid_label_overlap(true)
        .label(
            Label::new()
                .show(true)
                .color(theme::TEXT)
                .font_size(theme::FONT_SIZE)
                .formatter(common::lookup_formatter(&texts)),
        )
        .label_line(
            LabelLine::new()
                .show(true)
                .length(12)
                .line_style(LineStyle::new().color(theme::LINE)),
        )
        .data(data);
    let colours: Vec<&str> = (0..result.rows.len()).map(theme::colour).collect();
    let chart = charming::Chart::new().color(colours).series(pie);
    Ok(Spec {
        chart,
        width: theme::WIDTH,
        height,
        patch: serde_json::json!({
            "series": [{
                "label": { "lineHeight": theme::LINE_HEIGHT },
                "labelLine": { "length2": 10 },
                "itemStyle": { "borderColor": "#ffffff", "borderWidth": 1 }
            }]
        }),
    })
}
