//! `line`: time series. Rows are the x values (years), which must be
//! numbers; each series is a line with its own marker shape.

use charming::component::Grid;
use charming::element::{ItemStyle, LineStyle, Symbol};
use charming::series::Line;

use super::common::{self, Spec};
use crate::charts::error::ChartError;
use crate::charts::theme;
use crate::format;
use crate::results::{ChartKind, ResultTable};

const PLOT_HEIGHT: f64 = 240.0;
/// Marker shapes in series order, so lines differ by more than colour.
const SYMBOLS: [Symbol; 5] = [
    Symbol::Circle,
    Symbol::Rect,
    Symbol::Triangle,
    Symbol::Diamond,
    Symbol::RoundRect,
];

/// Build a line chart.
pub fn build(kind: ChartKind, result: &ResultTable) -> Result<Spec, ChartError> {
    let xs: Vec<f64> = result
        .rows
        .iter()
        .map(|row| {
            format::parse_number(row).ok_or_else(|| {
                ChartError::mismatch(
                    kind,
                    format!("a line chart needs numbers (years) on the x axis, found `{row}`"),
                )
            })
        })
        .collect::<Result<_, _>>()?;
    if xs.windows(2).any(|w| w[1] <= w[0]) {
        return Err(ChartError::mismatch(
            kind,
            "the x values (years) must increase from row to row",
        ));
    }
    let mut all = Vec::new();
    let mut values = Vec::new();
    for s in 0..result.series.len() {
        let v = common::series_values(result, s)?;
        all.extend(v.iter().flatten().copied());
        values.push(v);
    }
    let max = all.iter().copied().fold(0.0, f64::max);
    let min = all.iter().copied().fold(0.0, f64::min);
    if min < 0.0 {
        return Err(ChartError::mismatch(
            kind,
            "negative values are not supported in line charts",
        ));
    }
    let (axis_max, step, tick_width) = common::vertical_scale(max, result);
    let (x_min, x_max) = (xs[0], xs[xs.len() - 1]);
    let span = (x_max - x_min).max(1.0);
    let width = f64::from(theme::WIDTH);
    let grid_left = theme::MARGIN + tick_width.ceil() + 8.0;
    let grid_right = theme::MARGIN + 18.0;
    let plot_width = width - grid_left - grid_right;
    // At most one year label per 44 px.
    let max_labels = (plot_width / 44.0).floor().max(2.0);
    let x_step = [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0]
        .into_iter()
        .find(|s| span / s <= max_labels)
        .unwrap_or_else(|| (span / max_labels).ceil());
    let x_ticks: Vec<(f64, String)> = (0..=((span / x_step).floor() as usize))
        .map(|i| {
            let x = x_min + x_step * i as f64;
            (x, format::number(x, 0).replace('\u{a0}', ""))
        })
        .collect();
    let legend: Vec<String> = result.series.clone();
    // Room for the legend and for half of the top tick label.
    let grid_top =
        theme::MARGIN + common::legend_height(&legend, width - 2.0 * theme::MARGIN) + 12.0;
    let grid_bottom = theme::MARGIN + 24.0;
    let x_axis = charming::component::Axis::new()
        .type_(charming::element::AxisType::Value)
        .min(x_min)
        .max(x_max)
        .interval(x_step)
        .axis_label(
            charming::element::AxisLabel::new()
                .color(theme::TEXT_MUTED)
                .font_size(theme::VALUE_FONT_SIZE)
                .formatter(common::tick_formatter(&x_ticks)),
        )
        .axis_tick(charming::element::AxisTick::new().show(false))
        .split_line(charming::element::SplitLine::new().show(false));
    let mut chart = charming::Chart::new()
        .grid(
            Grid::new()
                .left(grid_left)
                .right(grid_right)
                .top(grid_top)
                .bottom(grid_bottom),
        )
        .x_axis(x_axis)
        .y_axis(common::value_axis(
            0.0,
            axis_max,
            step,
            result.unit,
            result.decimals,
        ));
    if legend.len() > 1 {
        chart = chart.legend(common::legend(&legend, width - 2.0 * theme::MARGIN));
    }
    for (s, v) in values.iter().enumerate() {
        let points: Vec<Vec<f64>> = xs
            .iter()
            .zip(v)
            .filter_map(|(x, y)| y.map(|y| vec![*x, y]))
            .collect();
        chart = chart.series(
            Line::new()
                .name(common::safe(&result.series[s]))
                .symbol(SYMBOLS[s % SYMBOLS.len()].clone())
                .symbol_size(8)
                .line_style(LineStyle::new().width(2.5).color(theme::colour(s)))
                .item_style(ItemStyle::new().color(theme::colour(s)))
                .data(points),
        );
    }
    Ok(Spec {
        chart,
        width: theme::WIDTH,
        height: (grid_top + PLOT_HEIGHT + grid_bottom).ceil() as u32,
        patch: serde_json::json!({
            "xAxis": [{ "axisLine": { "lineStyle": { "color": theme::LINE } } }],
        }),
    })
}
