//! Charts: results to charming options to static SVG.
//! (Interface stub on this branch; the chart work fills it in — issue 4.)

use std::path::PathBuf;

use crate::results::{ChartKind, ResultTable};

/// A problem rendering a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("{0}")]
    Invalid(String),
}

/// What to draw.
pub struct ChartRequest<'a> {
    pub id: &'a str,
    pub kind: ChartKind,
    pub title: &'a str,
    pub result: &'a ResultTable,
}

/// A drawn chart and its alternatives.
#[derive(Debug, Clone)]
pub struct RenderedChart {
    pub svg: String,
    pub description: String,
    pub table_html: String,
    pub csv: String,
}

/// Renders charts.
pub struct ChartRenderer {}

impl ChartRenderer {
    pub fn new(_cache_dir: Option<PathBuf>) -> Self {
        ChartRenderer {}
    }

    pub fn render_all(&self, requests: &[ChartRequest]) -> Vec<Result<RenderedChart, ChartError>> {
        requests
            .iter()
            .map(|_| Err(ChartError::Invalid("charts are not available yet".into())))
            .collect()
    }
}

/// The font family the SVG names.
pub const FONT_FAMILY: &str = "sans-serif";
