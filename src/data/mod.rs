//! Loading an edition's data: codebook, microdata, unit register, register series.
//! (Owned by the data-engine work; see issue 3.)

/// A problem with a data file or the codebook.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{0}")]
    Invalid(String),
}
