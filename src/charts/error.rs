//! What can go wrong turning a result into a chart.

/// A problem rendering a chart. The caller adds the figure id and the spec's
/// file and line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The chart kind cannot draw this result (e.g. a pie with several series).
    #[error("chart kind `{kind}` does not fit this result: {reason}")]
    KindMismatch {
        /// The kind's name as written in `figurer.toml`.
        kind: &'static str,
        /// Why it does not fit, in words an analyst understands.
        reason: String,
    },
    /// The result has no rows, no series or N = 0.
    #[error("the result has no data to draw (N = 0 or no categories)")]
    NoData,
    /// A cell value is not a finite number.
    #[error("the value for `{row}` / `{series}` is not a finite number")]
    BadValue {
        /// Row label.
        row: String,
        /// Series label.
        series: String,
    },
    /// The embedded JavaScript engine (QuickJS running ECharts) failed.
    #[error("the chart engine failed: {0}")]
    Engine(String),
    /// ECharts returned something that is not the SVG we expect.
    #[error("the chart engine returned unexpected SVG: {0}")]
    Svg(String),
}

impl ChartError {
    pub(crate) fn mismatch(kind: crate::results::ChartKind, reason: impl Into<String>) -> Self {
        ChartError::KindMismatch {
            kind: kind.name(),
            reason: reason.into(),
        }
    }
}
