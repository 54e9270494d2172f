//! Figure and table specs (`figurer.toml`) and their computed results.
//! (Owned by the data-engine work; see issue 3.)

/// A problem with a figure or table spec.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error("{0}")]
    Invalid(String),
}

/// The computed results of one edition's figures and tables.
#[derive(Debug, Default)]
pub struct ComputedEdition {}
