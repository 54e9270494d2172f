//! `columns`: vertical columns of counts (a histogram), bins left to right,
//! the count written above each column.

use charming::component::Grid;
use charming::element::{ItemStyle, Label, LabelPosition};
use charming::series::Bar;

use super::common::{self, Spec};
use crate::charts::error::ChartError;
use crate::charts::theme;
use crate::results::{ChartKind, ResultTable};

const HEIGHT_PLOT: f64 = 220.0;

/// Build a column chart of one series.
pub fn build(kind: ChartKind, result: &ResultTable) -> Result<Spec, ChartError> {
    if result.series.len() != 1 {
        return Err(ChartError::mismatch(
            kind,
            format!(
                "a column chart shows one series, this result has {}",
                result.series.len()
            ),
        ));
    }
    let values = common::series_values(result, 0)?;
    if values.iter().flatten().any(|v| *v < 0.0) {
        return Err(ChartError::mismatch(kind, "a count cannot be negative"));
    }
    let max = values.iter().flatten().fold(0.0, |m: f64, v| m.max(*v));
    let (axis_max, step, tick_width) = common::vertical_scale(max, result);
    let width = f64::from(theme::WIDTH);
    let grid_left = theme::MARGIN + tick_width.ceil() + 8.0;
    let grid_right = theme::MARGIN + 4.0;
    let band = (width - grid_left - grid_right) / result.rows.len().max(1) as f64;
    let (labels, _) =
        common::wrap_labels(&result.rows, (band - 4.0).max(24.0), theme::VALUE_FONT_SIZE);
    let lines = labels
        .iter()
        .map(|l| common::line_count(l))
        .max()
        .unwrap_or(1);
    let grid_top = theme::MARGIN + 20.0;
    let grid_bottom = theme::MARGIN + 8.0 + lines as f64 * theme::LINE_HEIGHT;
    let texts: Vec<String> = values
        .iter()
        .map(|v| {
            v.map(|v| common::value_text(result.unit, result.decimals, v))
                .unwrap_or_default()
        })
        .collect();
    let series = Bar::new()
        .name(common::safe(&result.series[0]))
        .data(values)
        .bar_width(format!("{}%", 70))
        .item_style(ItemStyle::new().color(theme::colour(0)))
        .label(
            Label::new()
                .show(true)
                .position(LabelPosition::Top)
                .distance(4)
                .color(theme::TEXT)
                .font_size(theme::VALUE_FONT_SIZE)
                .formatter(common::lookup_formatter(&texts)),
        );
    let chart = charming::Chart::new()
        .grid(
            Grid::new()
                .left(grid_left)
                .right(grid_right)
                .top(grid_top)
                .bottom(grid_bottom),
        )
        .x_axis(common::category_axis(labels))
        .y_axis(common::value_axis(
            0.0,
            axis_max,
            step,
            result.unit,
            result.decimals,
        ))
        .series(series);
    Ok(Spec {
        chart,
        width: theme::WIDTH,
        height: (grid_top + HEIGHT_PLOT + grid_bottom).ceil() as u32,
        patch: serde_json::json!({
            "xAxis": [{
                "axisLabel": { "lineHeight": theme::LINE_HEIGHT, "fontSize": theme::VALUE_FONT_SIZE },
                "axisLine": { "lineStyle": { "color": theme::LINE } },
            }]
        }),
    })
}
