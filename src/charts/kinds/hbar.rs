//! Horizontal bar geometry shared by `bar`, `grouped` and `stacked`: rows
//! top to bottom in the order given, labels wrapped in Rust with the font's
//! metrics, height growing with the number of rows and label lines.

use charming::component::Grid;
use charming::element::{ItemStyle, Label, LabelPosition};
use charming::series::Bar;

use super::common::{self, Spec};
use crate::charts::theme;
use crate::results::ResultTable;

/// The geometry of a horizontal bar chart.
pub struct HLayout {
    /// Row labels, wrapped (`\n` between lines).
    pub labels: Vec<String>,
    pub grid_left: f64,
    pub grid_top: f64,
    pub grid_right: f64,
    /// Width of the plot area in px.
    pub plot_width: f64,
    /// Total SVG height.
    pub height: u32,
}

/// Share of the width row labels may take before they wrap.
const LABEL_SHARE: f64 = 0.42;
/// Space between a row label and the axis.
const LABEL_MARGIN: f64 = 10.0;
/// Gap between bars of one row.
pub const BAR_GAP: f64 = 3.0;
/// Padding above and below the bars of one row.
const ROW_PADDING: f64 = 14.0;

/// Lay out `result.rows` as horizontal bands holding `bars_per_row` bars of
/// `bar_width` px, with `legend` above and `right_reserve` px free on the
/// right for value labels.
pub fn layout(
    result: &ResultTable,
    bars_per_row: usize,
    bar_width: f64,
    legend: &[String],
    right_reserve: f64,
) -> HLayout {
    let width = f64::from(theme::WIDTH);
    let (labels, widest) = common::wrap_labels(
        &result.rows,
        (width * LABEL_SHARE).floor(),
        theme::FONT_SIZE,
    );
    let max_lines = labels
        .iter()
        .map(|l| common::line_count(l))
        .max()
        .unwrap_or(1);
    let bars = bars_per_row.max(1) as f64;
    let band = (bars * bar_width + (bars - 1.0) * BAR_GAP)
        .max(max_lines as f64 * theme::LINE_HEIGHT)
        + ROW_PADDING;
    let grid_top = theme::MARGIN + common::legend_height(legend, width - 2.0 * theme::MARGIN);
    let grid_left = theme::MARGIN + widest.ceil() + LABEL_MARGIN;
    let grid_right = theme::MARGIN + right_reserve.ceil();
    let plot_height = band * result.rows.len() as f64;
    HLayout {
        labels,
        grid_left,
        grid_top,
        grid_right,
        plot_width: (width - grid_left - grid_right).max(40.0),
        height: (grid_top + plot_height + theme::MARGIN).ceil() as u32,
    }
}

impl HLayout {
    /// The grid of this layout.
    pub fn grid(&self) -> Grid {
        Grid::new()
            .left(self.grid_left)
            .right(self.grid_right)
            .top(self.grid_top)
            .bottom(theme::MARGIN)
    }
}

/// One bar series in colour `index` with value labels from `texts`.
pub fn bar_series(
    name: &str,
    values: &[Option<f64>],
    texts: &[String],
    index: usize,
    bar_width: f64,
    position: LabelPosition,
) -> Bar {
    let inside = matches!(position, LabelPosition::Inside);
    Bar::new()
        .name(common::safe(name))
        .data(values.to_vec())
        .bar_width(bar_width)
        .bar_gap(format!("{}%", (BAR_GAP / bar_width * 100.0).round()))
        .item_style(ItemStyle::new().color(theme::colour(index)))
        .label(
            Label::new()
                .show(true)
                .position(position)
                .distance(5)
                .color(if inside {
                    theme::text_on(index)
                } else {
                    theme::TEXT
                })
                .font_size(theme::VALUE_FONT_SIZE)
                .formatter(common::lookup_formatter(texts)),
        )
}

/// The options every horizontal bar chart shares: wrapped row labels with
/// a line height, no hover effects.
pub fn patch() -> serde_json::Value {
    serde_json::json!({
        "yAxis": [{
            "axisLabel": { "lineHeight": theme::LINE_HEIGHT },
            "axisLine": { "lineStyle": { "color": theme::LINE } },
        }]
    })
}

/// Assemble a horizontal bar chart.
pub fn chart(layout: &HLayout, max: f64, series: Vec<Bar>, legend: &[String]) -> Spec {
    let mut chart = charming::Chart::new()
        .grid(layout.grid())
        .x_axis(common::hidden_value_axis(max))
        .y_axis(common::category_axis(layout.labels.clone()).inverse(true));
    if legend.len() > 1 {
        chart = chart.legend(common::legend(
            legend,
            f64::from(theme::WIDTH) - 2.0 * theme::MARGIN,
        ));
    }
    for s in series {
        chart = chart.series(s);
    }
    Spec {
        chart,
        width: theme::WIDTH,
        height: layout.height,
        patch: patch(),
    }
}
