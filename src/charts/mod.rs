//! Charts: results to charming options to static SVG.
//! (Owned by the chart work; see issue 4.)

/// A problem rendering a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("{0}")]
    Invalid(String),
}
