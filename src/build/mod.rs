//! The build pipeline, stage by stage: load → compute → render → write.
//!
//! [`build`] is the reference: it builds everything from scratch. The
//! [`Builder`] of `rapport serve` runs the same stages through caches keyed
//! by the stages' inputs (see [`incremental`]), and must produce exactly the
//! same files.

mod fingerprint;
pub mod incremental;
#[cfg(test)]
mod tests;

pub use fingerprint::is_scratch_file;
pub use incremental::{is_input, Builder, Rebuilt};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::charts::ChartRenderer;
use crate::config::{Config, Paths};
use crate::content::{Edition, Project};
use crate::data::{self, EditionData};
use crate::error::{Error, ErrorKind, Errors};
use crate::figures::{self, ComputedEdition};
use crate::render::assets::Assets;
use crate::render::edition::{self, EditionInput, RenderedEdition};
use crate::render::pages::EditionLink;
use crate::render::{site, templates, Files};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project root (holds `rapport.toml`).
    pub root: PathBuf,
    /// Overrides `base_url` of `rapport.toml`.
    pub base_url: Option<String>,
    /// Where rendered charts are cached; `None` disables the cache.
    pub chart_cache: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(root: &Path) -> Self {
        BuildOptions {
            root: root.to_path_buf(),
            base_url: None,
            chart_cache: Some(root.join(".rapport-cache").join("charts")),
        }
    }
}

/// A built site in memory, with the warnings `rapport check` reports.
#[derive(Debug, Default)]
pub struct Site {
    pub files: Files,
    pub warnings: Vec<Error>,
}

/// Build the whole site in memory.
pub fn build(options: &BuildOptions) -> Result<Site, Errors> {
    // Load.
    let paths = Paths::new(&options.root);
    let (config, project) = load_project(options, &paths)?;
    let data = load_data(project.editions.iter())?;

    // Compute.
    let computed = compute(project.published(), &data)?;

    // Render.
    let tera = templates::load(&paths.templates)?;
    let assets = Assets::load(&paths.theme)?;
    let charts = ChartRenderer::new(options.chart_cache.clone());
    let stage = RenderStage::new(&config, &project, &tera, &assets, &charts)?;
    let mut rendered = Vec::new();
    let mut errors = Errors::default();
    for edition in project.published() {
        match edition::render(&stage.input(edition, &computed[&edition.year])) {
            Ok(r) => rendered.push(r),
            Err(es) => errors.0.extend(es.0),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let files = stage.assemble(rendered.iter())?;
    let warnings = rendered.into_iter().flat_map(|r| r.warnings).collect();
    Ok(Site { files, warnings })
}

/// Build and write to `out_dir` atomically.
pub fn build_to(options: &BuildOptions, out_dir: &Path) -> Result<Site, Errors> {
    let site = build(options)?;
    crate::output::write_atomic(&site.files, out_dir)?;
    Ok(site)
}

/// `rapport.toml` (with the base URL override) and every edition's content.
fn load_project(options: &BuildOptions, paths: &Paths) -> Result<(Config, Project), Errors> {
    let mut config = Config::load(&paths.root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url);
    }
    let project = Project::load(&paths.content)?;
    if project.published().next().is_none() {
        return Err(Error::new(ErrorKind::Content(
            "no edition has chapters, so there is nothing to publish".into(),
        ))
        .at(crate::Location::file(&paths.content))
        .with_help("add chapters named NN-slug.md to content/<year>/")
        .into());
    }
    Ok((config, project))
}

/// Load the data of `editions` in parallel.
fn load_data<'a>(
    editions: impl Iterator<Item = &'a Edition>,
) -> Result<BTreeMap<i32, EditionData>, Errors> {
    let editions: Vec<&Edition> = editions.collect();
    let loaded: Vec<(i32, Result<EditionData, Errors>)> = editions
        .par_iter()
        .map(|e| {
            (
                e.year,
                data::load_edition(&e.dir, e.year, &e.meta.data_sources()),
            )
        })
        .collect();
    collect(loaded)
}

/// Compute the figures and tables of `editions` in parallel; `data` holds
/// every edition's data (panels read earlier editions).
fn compute<'a>(
    editions: impl Iterator<Item = &'a Edition>,
    data: &BTreeMap<i32, EditionData>,
) -> Result<BTreeMap<i32, ComputedEdition>, Errors> {
    let editions: Vec<&Edition> = editions.collect();
    let computed: Vec<(i32, Result<ComputedEdition, Errors>)> = editions
        .par_iter()
        .map(|e| {
            let result = figures::load_specs(&e.dir)
                .and_then(|specs| figures::compute(e.year, &specs, data));
            (e.year, result)
        })
        .collect();
    collect(computed)
}

fn collect<T>(results: Vec<(i32, Result<T, Errors>)>) -> Result<BTreeMap<i32, T>, Errors> {
    let mut out = BTreeMap::new();
    let mut errors = Errors::default();
    for (year, r) in results {
        match r {
            Ok(v) => {
                out.insert(year, v);
            }
            Err(es) => errors.0.extend(es.0),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Everything the render stage shares between editions.
struct RenderStage<'a> {
    config: &'a Config,
    tera: &'a tera::Tera,
    assets: &'a Assets,
    charts: &'a ChartRenderer,
    links: Vec<EditionLink>,
    newest: i32,
}

impl<'a> RenderStage<'a> {
    fn new(
        config: &'a Config,
        project: &'a Project,
        tera: &'a tera::Tera,
        assets: &'a Assets,
        charts: &'a ChartRenderer,
    ) -> Result<Self, Error> {
        let links = project
            .published()
            .map(|e| EditionLink {
                year: e.year,
                title: e.meta.title.clone(),
                slugs: e.chapters.iter().map(|c| c.slug.clone()).collect(),
            })
            .collect();
        Ok(RenderStage {
            config,
            tera,
            assets,
            charts,
            links,
            newest: newest_edition(config, project)?,
        })
    }

    /// The input of one edition's render.
    fn input<'b>(
        &'b self,
        edition: &'b Edition,
        computed: &'b ComputedEdition,
    ) -> EditionInput<'b> {
        EditionInput {
            config: self.config,
            edition,
            computed,
            charts: self.charts,
            tera: self.tera,
            assets: self.assets,
            editions: &self.links,
            is_newest: edition.year == self.newest,
            cache: None,
        }
    }

    /// The site: every rendered edition, the site-wide pages and the theme.
    fn assemble<'r>(
        &self,
        editions: impl Iterator<Item = &'r RenderedEdition>,
    ) -> Result<Files, Errors> {
        let mut files = Files::new();
        let mut page_paths = Vec::new();
        for rendered in editions {
            files.extend(rendered.files.iter().map(|(k, v)| (k.clone(), v.clone())));
            page_paths.extend(rendered.pages.iter().cloned());
        }
        site::site_pages(self.config, self.tera, self.assets, &page_paths, &mut files)?;
        files.extend(
            self.assets
                .files
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        Ok(files)
    }
}

fn newest_edition(config: &Config, project: &Project) -> Result<i32, Error> {
    let newest_published = project
        .published()
        .map(|e| e.year)
        .max()
        .unwrap_or_default();
    match config.newest_edition {
        None => Ok(newest_published),
        Some(year) if project.edition(year).is_some_and(|e| e.is_published()) => Ok(year),
        Some(year) => Err(Error::new(ErrorKind::Config(format!(
            "newest_edition = {year}, but content/{year}/ has no chapters"
        )))
        .at(crate::Location::file(crate::config::CONFIG_FILE))
        .with_help(format!(
            "set newest_edition = {newest_published} or remove the key"
        ))),
    }
}
