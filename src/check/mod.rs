//! `rapport check`: validation of a site built in memory, beyond what the
//! build itself refuses. Build errors (unknown shortcodes, figures, data
//! problems) are errors already; this adds the checks that need the whole
//! site: broken internal links and anchors, and numbers typed into the
//! prose that should have been shortcodes.

mod links;
mod numbers;

pub use links::broken_links;
pub use numbers::literal_numbers;

use std::path::Path;

use crate::build::{build, BuildOptions};
use crate::error::{Error, ErrorKind, Errors, Location};

/// What `rapport check` found in a site that builds.
#[derive(Debug, Default)]
pub struct Report {
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
}

/// Build in memory (writing nothing) and check the result.
pub fn check(options: &BuildOptions) -> Result<Report, Errors> {
    let site = build(options)?;
    let mut report = Report {
        errors: Vec::new(),
        warnings: site.warnings,
    };
    for link in broken_links(&site.files) {
        report.errors.push(
            Error::new(ErrorKind::Content(format!(
                "broken link `{}`: {}",
                link.href, link.reason
            )))
            .at(Location::file(Path::new("public").join(&link.page)))
            .with_help("links between chapters are written to the chapter file, e.g. [se kapittel 3](03-introduksjonsprogrammet.md#anchor)"),
        );
    }
    Ok(report)
}
