//! `rapport`: an edition folder (Markdown chapters, survey microdata, a codebook
//! and figure specs) built into a static, accessible report site.
//!
//! The pipeline, stage by stage (each a module):
//!
//! 1. [`config`] — `rapport.toml`;
//! 2. [`content`] — editions, `utgave.toml`, chapters and their front matter;
//! 3. [`data`] — codebook, microdata, unit register, register series;
//! 4. [`figures`] — figure and table specs computed into [`results`] by [`stats`];
//! 5. [`charts`] — results to SVG;
//! 6. [`markdown`] — chapters to HTML with [`shortcodes`] spliced in;
//! 7. [`render`] — Tera templates to pages;
//! 8. [`output`] — the site written atomically to `public/`;
//! 9. [`serve`] — `rapport serve`: the site from memory, rebuilt on change.

pub mod build;
pub mod charts;
pub mod check;
pub mod data;
pub mod error;
pub mod figures;
pub mod format;
pub mod results;
pub mod shortcodes;
pub mod stats;
pub mod suggest;

pub use build::{build, build_to, BuildOptions, Site};
pub use error::{Error, ErrorKind, Errors, Location, Result};
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod markdown;
pub mod new_edition;
pub mod output;
pub mod render;
pub mod serve;
pub(crate) mod toml_error;
