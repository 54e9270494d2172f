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
use std::sync::Arc;

use crate::build::{build, BuildOptions};
use crate::content::{Chapter, Project};
use crate::error::{Error, ErrorKind, Errors, Location};
use crate::toml_error::line_column;

/// What `rapport check` found in a site that builds.
#[derive(Debug, Default)]
pub struct Report {
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
}

/// Build in memory (writing nothing) and check the result.
pub fn check(options: &BuildOptions) -> Result<Report, Errors> {
    let site = build(options)?;
    let project = Project::load(&options.root.join("content"))?;
    let mut report = Report {
        errors: Vec::new(),
        warnings: site.warnings,
    };
    let mut seen = std::collections::BTreeSet::new();
    for link in broken_links(&site.files) {
        let error = Error::new(ErrorKind::Content(format!(
            "broken link `{}`: {}",
            link.href, link.reason
        )))
        .with_help("link to a heading by its id (#slug) and to chapters by file name, e.g. [kapittel 3](03-introduksjonsprogrammet.md#anchor)");
        let error = match source_of(&project, &link.page, &link.href) {
            Some((chapter, offset)) => {
                if !seen.insert((chapter.path.clone(), offset)) {
                    continue; // the same link, found again on the print page
                }
                let (line, column) = line_column(&chapter.source, offset);
                error
                    .at(Location::new(&chapter.path, line, column))
                    .with_source(Arc::clone(&chapter.source))
            }
            None => error.at(Location::file(Path::new("public").join(&link.page))),
        };
        report.errors.push(error);
    }
    Ok(report)
}

/// The chapter (and byte offset) a link on a built page was written in.
fn source_of<'a>(project: &'a Project, page: &str, href: &str) -> Option<(&'a Chapter, usize)> {
    let (year, rest) = page.split_once('/')?;
    let edition = project.edition(year.parse().ok()?)?;
    let slug = rest.trim_end_matches("/index.html");
    // On the print page, in-chapter anchors carry the chapter's slug.
    let candidates: Vec<&Chapter> = edition
        .chapters
        .iter()
        .filter(|c| c.slug == slug || slug == "utskrift")
        .collect();
    for chapter in candidates {
        let written = match href.strip_prefix(&format!("#{}-", chapter.slug)) {
            Some(anchor) if slug == "utskrift" => format!("#{anchor}"),
            _ => href.to_string(),
        };
        let needle = format!("]({written}");
        if let Some(pos) = chapter.source.find(&needle) {
            return Some((chapter, pos + 2));
        }
    }
    None
}
