//! Charts: computed results → `charming` options → static SVG drawn by
//! ECharts' own server-side renderer in an embedded QuickJS engine.
//!
//! - [`kinds`]: one small module per chart kind (`ResultTable` → options);
//! - [`engine`]: QuickJS with the vendored ECharts, one runtime per thread,
//!   text measured with the real font ([`font`]);
//! - [`svg`]: ids prefixed per figure, `role="img"`, `<title>`, `<desc>`;
//! - [`describe`], [`table`]: the Norwegian description, the data table
//!   and the CSV of exactly the numbers shown;
//! - [`cache`]: rendered SVG cached on disk by a hash of its inputs.
//!
//! ```no_run
//! use rapport::charts::{ChartRenderer, ChartRequest};
//! # fn demo(result: &rapport::results::ResultTable) {
//! let renderer = ChartRenderer::new(None);
//! let requests = [ChartRequest {
//!     id: "resultatmaal",
//!     kind: rapport::results::ChartKind::Pie,
//!     title: "Har kommunen et resultatmål?",
//!     result,
//! }];
//! for chart in renderer.render_all(&requests) {
//!     let chart = chart.expect("rendered");
//!     println!("{}", chart.svg);
//! }
//! # }
//! ```

mod cache;
pub mod describe;
pub mod dump;
pub mod engine;
mod error;
pub mod font;
pub mod kinds;
pub mod svg;
mod table;
pub mod theme;

use std::path::PathBuf;

use rayon::prelude::*;

pub use engine::ECHARTS_VERSION;
pub use error::ChartError;
pub use font::FONT_FAMILY;
pub use theme::PALETTE;

use crate::results::{ChartKind, ResultTable};

/// Where the site build keeps the chart cache, relative to the site root
/// (git-ignored through `/.rapport-cache`).
pub const CACHE_DIR: &str = ".rapport-cache/charts";

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct ChartRequest<'a> {
    /// The figure id; prefixes every id in the SVG (unique per page,
    /// deterministic).
    pub id: &'a str,
    /// How to draw it.
    pub kind: ChartKind,
    /// The question text (the SVG's `<title>`).
    pub title: &'a str,
    /// The numbers.
    pub result: &'a ResultTable,
}

/// A drawn chart and its accessible alternatives.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedChart {
    /// Inline SVG: `role="img"`, `aria-labelledby` pointing at its
    /// `<title>` and `<desc>`, a responsive `viewBox`, ids prefixed.
    pub svg: String,
    /// Norwegian description generated from the data.
    pub description: String,
    /// `<table>` alternative with a visually hidden caption and scoped headers.
    pub table_html: String,
    /// The numbers shown: UTF-8 with BOM, `;`-separated, Norwegian decimals.
    pub csv: String,
}

/// Renders charts, in parallel, with an optional disk cache.
#[derive(Debug, Clone, Default)]
pub struct ChartRenderer {
    cache_dir: Option<PathBuf>,
}

/// Global option defaults every chart gets (merged before the kind's patch).
fn defaults() -> serde_json::Value {
    serde_json::json!({
        "animation": false,
        "backgroundColor": "#ffffff",
        "textStyle": {
            "fontFamily": font::FONT_STACK,
            "fontSize": theme::FONT_SIZE,
            "color": theme::TEXT,
        },
    })
}

/// Deep-merge `patch` into `base` (objects by key, arrays by index).
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (serde_json::Value::Array(b), serde_json::Value::Array(p)) => {
            for (i, v) in p.into_iter().enumerate() {
                if i < b.len() {
                    merge(&mut b[i], v);
                } else {
                    b.push(v);
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

impl ChartRenderer {
    /// `cache_dir`: where rendered SVG is cached by a hash of (options,
    /// ECharts version, size); `None` = no disk cache.
    pub fn new(cache_dir: Option<PathBuf>) -> Self {
        ChartRenderer { cache_dir }
    }

    /// Render in parallel with rayon, one JS runtime per worker thread;
    /// results in input order.
    pub fn render_all(&self, requests: &[ChartRequest]) -> Vec<Result<RenderedChart, ChartError>> {
        requests.par_iter().map(|r| self.render(r)).collect()
    }

    /// Render one chart on the current thread.
    pub fn render(&self, request: &ChartRequest) -> Result<RenderedChart, ChartError> {
        let result = request.result;
        let spec = kinds::build(request.kind, result)?;
        let options_js = spec.chart.to_string();
        let mut patch = defaults();
        merge(&mut patch, spec.patch);
        let patch_json = patch.to_string();
        dump::maybe_dump(
            request.id,
            &options_js,
            &patch_json,
            spec.width,
            spec.height,
        );
        let raw = self.draw(&options_js, &patch_json, spec.width, spec.height)?;
        let description = describe::describe(request.kind, request.title, result);
        let svg = svg::finish(
            &raw,
            request.id,
            spec.width,
            spec.height,
            request.title,
            &description,
        )?;
        Ok(RenderedChart {
            svg,
            description,
            table_html: table::table_html(request.kind, request.title, result),
            csv: table::csv(request.kind, result),
        })
    }

    /// ECharts' raw SVG, from the cache or the engine.
    fn draw(
        &self,
        options_js: &str,
        patch_json: &str,
        width: u32,
        height: u32,
    ) -> Result<String, ChartError> {
        let key = self
            .cache_dir
            .as_ref()
            .map(|_| cache::key(options_js, patch_json, width, height));
        if let (Some(dir), Some(key)) = (&self.cache_dir, &key) {
            if let Some(svg) = cache::get(dir, key) {
                return Ok(svg);
            }
        }
        let svg = engine::with_engine(|e| e.render(options_js, patch_json, width, height))?;
        if let (Some(dir), Some(key)) = (&self.cache_dir, &key) {
            cache::put(dir, key, &svg);
        }
        Ok(svg)
    }
}
