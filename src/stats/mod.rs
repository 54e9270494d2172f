//! The statistics: small, separately tested functions that count, share,
//! average and round. They know nothing of files or specs; `crate::figures`
//! feeds them data and assembles [`crate::results::ResultTable`]s.

pub mod answers;
pub mod breakdown;
pub mod cells;
pub mod compare;
pub mod filter;
pub mod frequency;
pub mod histogram;
pub mod mean;
pub mod panel;
