//! Helpers shared by the chart kinds: shown values, Norwegian labels baked
//! into formatter functions, nice axis scales, legends.

use charming::component::{Axis, Legend};
use charming::element::{
    AxisLabel, AxisLine, AxisTick, Formatter, JsFunction, LineStyle, SplitLine, TextStyle,
};

use crate::charts::error::ChartError;
use crate::charts::font;
use crate::charts::theme;
use crate::format;
use crate::results::{ResultTable, Unit};

/// A chart ready for the engine: options plus the pixel size to draw at and
/// a deep patch for options charming cannot express (merged in JS).
pub struct Spec {
    pub chart: charming::Chart,
    pub width: u32,
    pub height: u32,
    pub patch: serde_json::Value,
}

/// The value shown for a cell: the data engine's rounded value, or the
/// exact value rounded here. `Ok(None)` when the cell has no value.
pub fn shown(result: &ResultTable, row: usize, series: usize) -> Result<Option<f64>, ChartError> {
    let Some(cell) = result.cell(row, series) else {
        return Ok(None);
    };
    let value = cell.shown.or_else(|| {
        cell.value
            .map(|v| format::round_half_away(v, result.decimals))
    });
    match value {
        Some(v) if !v.is_finite() => Err(ChartError::BadValue {
            row: result.rows.get(row).cloned().unwrap_or_default(),
            series: result.series.get(series).cloned().unwrap_or_default(),
        }),
        other => Ok(other),
    }
}

/// All shown values of one series, top to bottom.
pub fn series_values(result: &ResultTable, series: usize) -> Result<Vec<Option<f64>>, ChartError> {
    (0..result.rows.len())
        .map(|row| shown(result, row, series))
        .collect()
}

/// A value as the chart writes it: `68 %`, `1 234`, `3,6`.
pub fn value_text(unit: Unit, decimals: u8, value: f64) -> String {
    match unit {
        Unit::Percent => format::percent(value, decimals),
        Unit::Count | Unit::Mean => format::number(value, decimals),
    }
}

/// The marker charming 0.6 wraps raw JavaScript in (`RAW_MARK`, private).
const CHARMING_RAW_MARK: &str = "#*#*#*#";

/// Make a label from a data file safe to pass through charming: its raw
/// string marker would otherwise let a label become JavaScript code.
pub fn safe(text: &str) -> String {
    text.replace(CHARMING_RAW_MARK, "#*#*#*\u{200b}#")
}

/// A label formatter that looks the text up by data index: every label is
/// formatted in Rust (QuickJS has no `Intl`).
pub fn lookup_formatter(labels: &[String]) -> Formatter {
    let table = serde_json::to_string(labels).unwrap_or_else(|_| "[]".into());
    Formatter::Function(JsFunction::new_with_args(
        "p",
        &format!("var t = {table}; var s = t[p.dataIndex]; return s == null ? '' : s;"),
    ))
}

/// An axis tick formatter that looks the text up by value (rounded to
/// thousandths, so float noise in tick positions does not matter).
pub fn tick_formatter(ticks: &[(f64, String)]) -> Formatter {
    let map: serde_json::Map<String, serde_json::Value> = ticks
        .iter()
        .map(|(v, text)| {
            (
                format!("{}", (v * 1000.0).round() as i64),
                serde_json::Value::String(text.clone()),
            )
        })
        .collect();
    let table = serde_json::Value::Object(map).to_string();
    Formatter::Function(JsFunction::new_with_args(
        "v",
        &format!(
            "var t = {table}; var s = t[String(Math.round(v * 1000))]; return s == null ? '' : s;"
        ),
    ))
}

/// A nice axis from 0 to at least `max`: (max, interval), with intervals of
/// 1, 2, 2.5 or 5 times a power of ten and about five ticks.
pub fn nice_scale(max: f64, integer: bool) -> (f64, f64) {
    let max = if max > 0.0 { max } else { 1.0 };
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .filter(|s| !integer || (*s >= 1.0 && s.fract() == 0.0))
        .find(|s| *s >= raw - 1e-12)
        .unwrap_or(if integer {
            (10.0 * power).max(1.0)
        } else {
            10.0 * power
        });
    let top = (max / step - 1e-9).ceil() * step;
    (top, step)
}

/// The ticks of a scale from `min` to `max` by `step`, labelled in Norwegian.
pub fn ticks(min: f64, max: f64, step: f64, unit: Unit, decimals: u8) -> Vec<(f64, String)> {
    let count = ((max - min) / step).round().max(0.0) as usize;
    (0..=count)
        .map(|i| {
            let v = min + step * i as f64;
            (v, value_text(unit, decimals, v))
        })
        .collect()
}

/// Decimals needed to show ticks spaced `step` apart.
/// A vertical value scale from 0 to a nice maximum above `max`: the axis
/// maximum, the tick step, and the width of the widest tick label.
pub fn vertical_scale(max: f64, result: &ResultTable) -> (f64, f64, f64) {
    let (axis_max, step) = nice_scale(max, result.decimals == 0);
    let decimals = step_decimals(step, result.decimals);
    let tick_width = ticks(0.0, axis_max, step, result.unit, decimals)
        .iter()
        .map(|(_, t)| font::text_width(t, theme::VALUE_FONT_SIZE, false))
        .fold(0.0, f64::max);
    (axis_max, step, tick_width)
}

pub fn step_decimals(step: f64, decimals: u8) -> u8 {
    if step.fract().abs() < 1e-9 {
        0
    } else {
        decimals.max(1)
    }
}

/// Wrap each label to `max_width` px and join its lines with `\n`;
/// returns the labels and the width of the widest line.
pub fn wrap_labels(labels: &[String], max_width: f64, size: f64) -> (Vec<String>, f64) {
    let mut widest: f64 = 0.0;
    let wrapped = labels
        .iter()
        .map(|label| {
            let lines = font::wrap(&safe(label), max_width, size, false);
            for line in &lines {
                widest = widest.max(font::text_width(line, size, false));
            }
            lines.join("\n")
        })
        .collect();
    (wrapped, widest)
}

/// Lines in a wrapped label.
pub fn line_count(label: &str) -> usize {
    label.split('\n').count()
}

/// Legend geometry.
pub const LEGEND_ICON: f64 = 14.0;
const LEGEND_GAP: f64 = 16.0;
const LEGEND_TEXT_GAP: f64 = 5.0;
/// Height of one legend row.
pub const LEGEND_ROW: f64 = 24.0;

/// How many rows a legend of `items` needs in `width` px (ECharts wraps a
/// plain legend the same greedy way).
pub fn legend_rows(items: &[String], width: f64) -> usize {
    let mut rows = 1;
    let mut x = 0.0;
    for item in items {
        let w =
            LEGEND_ICON + LEGEND_TEXT_GAP + font::text_width(&safe(item), theme::FONT_SIZE, false);
        if x > 0.0 && x + w > width {
            rows += 1;
            x = 0.0;
        }
        x += w + LEGEND_GAP;
    }
    rows
}

/// A legend at the top left, `width` px wide.
pub fn legend(items: &[String], width: f64) -> Legend {
    Legend::new()
        .data(items.iter().map(|s| safe(s)).collect::<Vec<_>>())
        .left(theme::MARGIN)
        .top(theme::MARGIN)
        .width(width)
        .item_width(LEGEND_ICON)
        .item_height(LEGEND_ICON)
        .item_gap(LEGEND_GAP)
        .text_style(
            TextStyle::new()
                .color(theme::TEXT)
                .font_size(theme::FONT_SIZE),
        )
}

/// The height legend rows take above the plot.
pub fn legend_height(items: &[String], width: f64) -> f64 {
    if items.len() < 2 {
        0.0
    } else {
        legend_rows(items, width) as f64 * LEGEND_ROW + 8.0
    }
}

/// A category axis with wrapped labels in the main text colour.
pub fn category_axis(labels: Vec<String>) -> Axis {
    Axis::new()
        .type_(charming::element::AxisType::Category)
        .data(labels)
        .axis_tick(AxisTick::new().show(false))
        .axis_line(AxisLine::new().show(true))
        .axis_label(
            AxisLabel::new()
                .color(theme::TEXT)
                .font_size(theme::FONT_SIZE)
                .interval(0),
        )
}

/// A value axis from `min` to `max` with Norwegian ticks.
pub fn value_axis(min: f64, max: f64, step: f64, unit: Unit, decimals: u8) -> Axis {
    let labels = ticks(min, max, step, unit, step_decimals(step, decimals));
    Axis::new()
        .type_(charming::element::AxisType::Value)
        .min(min)
        .max(max)
        .interval(step)
        .axis_label(
            AxisLabel::new()
                .color(theme::TEXT_MUTED)
                .font_size(theme::VALUE_FONT_SIZE)
                .formatter(tick_formatter(&labels)),
        )
        .axis_line(AxisLine::new().show(false))
        .axis_tick(AxisTick::new().show(false))
        .split_line(SplitLine::new().line_style(LineStyle::new().color(theme::GRID_LINE)))
}

/// A value axis that is not drawn (bars carry value labels instead).
pub fn hidden_value_axis(max: f64) -> Axis {
    Axis::new()
        .type_(charming::element::AxisType::Value)
        .min(0)
        .max(max)
        .show(false)
        .split_line(SplitLine::new().show(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scales() {
        assert_eq!(nice_scale(68.0, false), (80.0, 20.0));
        assert_eq!(nice_scale(100.0, false), (100.0, 20.0));
        assert_eq!(nice_scale(7.0, true), (8.0, 2.0));
        assert_eq!(nice_scale(3.0, true), (3.0, 1.0));
        assert_eq!(nice_scale(31250.0, true), (40000.0, 10000.0));
        assert_eq!(nice_scale(12.0, true), (15.0, 5.0));
    }

    #[test]
    fn ticks_are_norwegian() {
        let t = ticks(0.0, 20000.0, 10000.0, Unit::Count, 0);
        assert_eq!(t[2], (20000.0, "20\u{a0}000".to_string()));
        let t = ticks(0.0, 1.0, 0.5, Unit::Mean, 1);
        assert_eq!(t[1].1, "0,5");
        assert_eq!(ticks(0.0, 50.0, 25.0, Unit::Percent, 0)[1].1, "25\u{a0}%");
    }

    #[test]
    fn raw_marker_in_labels_is_neutralised() {
        let evil = "#*#*#*#alert(1)#*#*#*#";
        assert!(!safe(evil).contains("#*#*#*#"));
        assert_eq!(safe("Ja"), "Ja");
    }
}
