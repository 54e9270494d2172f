//! Figure and table specs (`figurer.toml`) and their computed results.
//!
//! [`load_specs`] parses the specs; [`compute`] computes every figure and
//! table of an edition (in parallel) into a [`ComputedEdition`], which the
//! chart, table and prose renderers read, and which recomputes a figure on an
//! earlier edition's data on demand (`utgave=2016` in a shortcode).

// `crate::Error` is large (location, help, source text); boxing it is the
// error module's call, so the lint is allowed here rather than worked around.

mod assemble;
mod battery;
mod caption;
mod carry;
pub mod changes;
mod compute;
mod computed;
mod kinds;
mod numbers;
mod source;
pub mod spec;
mod table;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

pub use computed::{ComputedEdition, ComputedFigure, ComputedTable, Shape, TableBlock};
pub use spec::{load_specs, FigureSpec, FigureSpecs, TableSpec};

use crate::data::EditionData;
use crate::error::Errors;

/// A problem with a figure or table spec, or with computing it.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    /// Anything else, with its own message.
    #[error("{0}")]
    Invalid(String),
    /// A name (variable, dataset, attribute, series, answer) that is not known.
    #[error("figure `{figure}`: unknown {what} `{name}`{context}")]
    Unknown {
        figure: String,
        what: &'static str,
        name: String,
        /// ` in the codebook of 2016`, or empty.
        context: String,
    },
    /// An edition referenced by a panel (or `utgave=`) without data.
    #[error("figure `{figure}`: edition {year} has no data{detail}")]
    NoData {
        figure: String,
        year: i32,
        detail: String,
    },
    /// A chart kind that does not fit the figure's variable.
    #[error("figure `{figure}`: kind `{kind}` does not fit {what}")]
    KindMismatch {
        figure: String,
        kind: &'static str,
        what: String,
    },
    /// A filter whose form (`codes`, `options`, `min`/`max`) does not fit
    /// the type of its variable.
    #[error("figure `{figure}`: this filter does not fit `{variable}`, a {ty} variable")]
    FilterType {
        figure: String,
        variable: String,
        ty: &'static str,
    },
}

/// Computes every figure and table of edition `year`; `editions` holds every
/// edition's data (for panels and `utgave=`). Independent figures are
/// computed in parallel; every error found is reported.
pub fn compute(
    year: i32,
    specs: &FigureSpecs,
    editions: &BTreeMap<i32, EditionData>,
) -> Result<ComputedEdition, Errors> {
    // An edition sees its own and earlier editions only, so adding next
    // year's edition never changes a published one.
    let editions: &BTreeMap<i32, EditionData> = &editions
        .range(..=year)
        .map(|(y, d)| (*y, d.clone()))
        .collect();
    let figure_results: Vec<_> = specs
        .figures
        .par_iter()
        .map(|spec| compute::compute_figure(spec, specs, year, editions, true))
        .collect();
    let table_results: Vec<_> = specs
        .tables
        .par_iter()
        .map(|spec| table::compute_table(spec, specs, year, editions))
        .collect();
    let mut errors = Vec::new();
    let mut figures = Vec::new();
    for r in figure_results {
        match r {
            Ok(f) => figures.push(Arc::new(f)),
            Err(e) => errors.push(e),
        }
    }
    let mut tables = Vec::new();
    for r in table_results {
        match r {
            Ok(t) => tables.push(t),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(ComputedEdition {
        year,
        figures,
        tables,
        specs: Arc::new(specs.clone()),
        editions: Arc::new(editions.clone()),
        cache: Mutex::new(BTreeMap::new()),
    })
}
