//! The build pipeline, stage by stage: load → compute → render → write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::charts::ChartRenderer;
use crate::config::{Config, Paths};
use crate::content::Project;
use crate::data::{self, EditionData};
use crate::error::{Error, ErrorKind, Errors};
use crate::figures::{self, ComputedEdition};
use crate::render::assets::Assets;
use crate::render::edition::{self, EditionInput};
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
    let data = load_data(&project)?;

    // Compute.
    let computed = compute(&project, &data)?;

    // Render.
    let tera = templates::load(&paths.templates)?;
    let assets = Assets::load(&paths.theme)?;
    let charts = ChartRenderer::new(options.chart_cache.clone());
    let links: Vec<EditionLink> = project
        .published()
        .map(|e| EditionLink {
            year: e.year,
            title: e.meta.title.clone(),
            slugs: e.chapters.iter().map(|c| c.slug.clone()).collect(),
        })
        .collect();
    let newest = newest_edition(&config, &project)?;
    let mut site = Site::default();
    let mut page_paths = Vec::new();
    let mut errors = Errors::default();
    for edition in project.published() {
        let input = EditionInput {
            config: &config,
            edition,
            computed: &computed[&edition.year],
            charts: &charts,
            tera: &tera,
            assets: &assets,
            editions: &links,
            is_newest: edition.year == newest,
        };
        site.warnings.extend(input.computed.warnings());
        match edition::render(&input) {
            Ok(rendered) => {
                site.files.extend(rendered.files);
                site.warnings.extend(rendered.warnings);
                page_paths.extend(rendered.pages);
            }
            Err(es) => errors.0.extend(es.0),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    site::site_pages(&config, &tera, &assets, &page_paths, &mut site.files)?;
    site.files.extend(assets.files);
    Ok(site)
}

/// Build and write to `out_dir` atomically.
pub fn build_to(options: &BuildOptions, out_dir: &Path) -> Result<Site, Errors> {
    let site = build(options)?;
    crate::output::write_atomic(&site.files, out_dir)?;
    Ok(site)
}

fn load_data(project: &Project) -> Result<BTreeMap<i32, EditionData>, Errors> {
    let loaded: Vec<(i32, Result<EditionData, Errors>)> = project
        .editions
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

fn compute(
    project: &Project,
    data: &BTreeMap<i32, EditionData>,
) -> Result<BTreeMap<i32, ComputedEdition>, Errors> {
    let computed: Vec<(i32, Result<ComputedEdition, Errors>)> = project
        .published()
        .collect::<Vec<_>>()
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
        .at(crate::Location::file(config_path(project)))
        .with_help(format!(
            "set newest_edition = {newest_published} or remove the key"
        ))),
    }
}

fn config_path(_project: &Project) -> PathBuf {
    PathBuf::from(crate::config::CONFIG_FILE)
}
