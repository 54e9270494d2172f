//! The incremental builder behind `rapport serve`: the stages of [`build`]
//! run through caches keyed by fingerprints of their inputs, so an edit
//! redoes only what depends on it:
//!
//! - loaded data, per edition: keyed by `utgave.toml`, the codebook and the
//!   data files;
//! - computed figures, per edition: keyed by `figurer.toml` and the data of
//!   every edition (panels read earlier editions);
//! - templates and theme: keyed by their folders;
//! - rendered editions: keyed by the chapters' text, the computed results,
//!   templates, theme and configuration.
//!
//! Charts are drawn by one long-lived [`ChartRenderer`], whose SVG cache
//! makes unchanged charts free. A rebuild produces exactly the files of a
//! fresh [`build`](super::build) (tested below and in `tests/serve.rs`).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::charts::ChartRenderer;
use crate::config::{Paths, CONFIG_FILE};
use crate::content::{Edition, Project};
use crate::data::EditionData;
use crate::error::{Error, Errors};
use crate::figures::ComputedEdition;
use crate::render::assets::Assets;
use crate::render::edition::{self, RenderedEdition};
use crate::render::parts::PartCache;
use crate::render::{templates, Files};

use super::fingerprint::{is_scratch_file, Fingerprint};
use super::{compute, load_data, load_project, BuildOptions, RenderStage};

/// The figure specs file of an edition.
const SPECS_FILE: &str = "figurer.toml";

/// A value and the fingerprint of the inputs it was made from.
struct Keyed<T> {
    key: u64,
    value: T,
}

/// Builds a site again and again, redoing only what changed.
pub struct Builder {
    options: BuildOptions,
    paths: Paths,
    charts: ChartRenderer,
    data: BTreeMap<i32, EditionData>,
    data_keys: BTreeMap<i32, u64>,
    computed: BTreeMap<i32, ComputedEdition>,
    computed_keys: BTreeMap<i32, u64>,
    templates: Option<Keyed<tera::Tera>>,
    theme: Option<Keyed<Assets>>,
    rendered: BTreeMap<i32, Keyed<RenderedEdition>>,
    /// Chapters and figure blocks of each edition, reused when an edit
    /// leaves them unchanged.
    parts: BTreeMap<i32, PartCache>,
    files: Files,
}

/// What one rebuild redid, stage by stage.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    /// Editions whose data were loaded.
    pub data_loaded: Vec<i32>,
    /// Editions whose figures were computed.
    pub computed: Vec<i32>,
    /// Whether the templates were loaded.
    pub templates_loaded: bool,
    /// Whether the theme was loaded.
    pub theme_loaded: bool,
    /// Editions whose pages were rendered.
    pub rendered: Vec<i32>,
    /// Chapter renders (chapter and print page) reused from the last build.
    pub chapters_reused: usize,
    /// Figure blocks reused (not drawn again).
    pub blocks_reused: usize,
    /// Wall time of the rebuild.
    pub duration: Duration,
}

impl Builder {
    /// A builder with empty caches; the first [`rebuild`](Builder::rebuild)
    /// builds everything.
    pub fn new(options: BuildOptions) -> Self {
        Builder {
            paths: Paths::new(&options.root),
            charts: ChartRenderer::new(options.chart_cache.clone()),
            options,
            data: BTreeMap::new(),
            data_keys: BTreeMap::new(),
            computed: BTreeMap::new(),
            computed_keys: BTreeMap::new(),
            templates: None,
            theme: None,
            rendered: BTreeMap::new(),
            parts: BTreeMap::new(),
            files: Files::new(),
        }
    }

    /// The options the site is built with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The files of the last successful build (empty before the first).
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The warnings of the last successful build.
    pub fn warnings(&self) -> impl Iterator<Item = &Error> {
        self.rendered.values().flat_map(|r| r.value.warnings.iter())
    }

    /// Build the site again from the files on disk. On error the files of
    /// the last successful build are kept.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Errors> {
        let started = Instant::now();
        let mut report = Rebuilt::default();

        // Load.
        let (config, project) = load_project(&self.options, &self.paths)?;
        report.data_loaded = self.load_data(&project)?;

        // Compute.
        report.computed = self.compute(&project)?;

        // Render.
        report.templates_loaded = self.load_templates()?;
        report.theme_loaded = self.load_theme()?;
        let (Some(tera), Some(theme)) = (&self.templates, &self.theme) else {
            unreachable!("loaded above");
        };
        let stage = RenderStage::new(&config, &project, &tera.value, &theme.value, &self.charts)?;
        let config_key = Fingerprint::new().add(format!("{config:?}")).finish();
        let mut errors = Errors::default();
        self.rendered
            .retain(|year, _| project.edition(*year).is_some_and(|e| e.is_published()));
        for edition in project.published() {
            let key = Fingerprint::new()
                .add(config_key)
                .add(tera.key)
                .add(theme.key)
                .add(self.computed_keys.get(&edition.year))
                .add(edition_key(edition))
                .add(format!("{:?}", stage.links))
                .add(edition.year == stage.newest)
                .finish();
            if self
                .rendered
                .get(&edition.year)
                .is_some_and(|r| r.key == key)
            {
                continue;
            }
            let parts = self.parts.entry(edition.year).or_default();
            let context = Fingerprint::new()
                .add(config_key)
                .add(self.computed_keys.get(&edition.year))
                .finish();
            let mut input = stage.input(edition, &self.computed[&edition.year]);
            input.cache = Some((parts, context));
            let result = edition::render(&input);
            let (chapters, blocks) = parts.hits();
            report.chapters_reused += chapters;
            report.blocks_reused += blocks;
            parts.sweep();
            match result {
                Ok(value) => {
                    self.rendered.insert(edition.year, Keyed { key, value });
                    report.rendered.push(edition.year);
                }
                Err(es) => {
                    self.rendered.remove(&edition.year);
                    errors.0.extend(es.0);
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.files = stage.assemble(project.published().map(|e| &self.rendered[&e.year].value))?;
        report.duration = started.elapsed();
        Ok(report)
    }

    /// Load the data of the editions whose data files changed.
    fn load_data(&mut self, project: &Project) -> Result<Vec<i32>, Errors> {
        let keys: BTreeMap<i32, u64> = project
            .editions
            .iter()
            .map(|e| (e.year, data_key(e)))
            .collect();
        self.data.retain(|year, _| keys.contains_key(year));
        self.data_keys.retain(|year, _| keys.contains_key(year));
        let stale: Vec<&Edition> = project
            .editions
            .iter()
            .filter(|e| self.data_keys.get(&e.year) != keys.get(&e.year))
            .collect();
        let years: Vec<i32> = stale.iter().map(|e| e.year).collect();
        for year in &years {
            // Forget first: if loading fails, the next rebuild retries.
            self.data_keys.remove(year);
            self.data.remove(year);
        }
        let loaded = load_data(stale.into_iter())?;
        for (year, data) in loaded {
            self.data.insert(year, data);
            self.data_keys.insert(year, keys[&year]);
        }
        Ok(years)
    }

    /// Compute the published editions whose specs or data changed.
    fn compute(&mut self, project: &Project) -> Result<Vec<i32>, Errors> {
        let all_data = Fingerprint::new().add(&self.data_keys).finish();
        let keys: BTreeMap<i32, u64> = project
            .published()
            .map(|e| {
                let key = Fingerprint::new()
                    .add(all_data)
                    .file(&e.dir.join(SPECS_FILE))
                    .finish();
                (e.year, key)
            })
            .collect();
        self.computed.retain(|year, _| keys.contains_key(year));
        self.computed_keys.retain(|year, _| keys.contains_key(year));
        let stale: Vec<&Edition> = project
            .published()
            .filter(|e| self.computed_keys.get(&e.year) != keys.get(&e.year))
            .collect();
        let years: Vec<i32> = stale.iter().map(|e| e.year).collect();
        for year in &years {
            self.computed_keys.remove(year);
            self.computed.remove(year);
        }
        let computed = compute(stale.into_iter(), &self.data)?;
        for (year, c) in computed {
            self.computed.insert(year, c);
            self.computed_keys.insert(year, keys[&year]);
        }
        Ok(years)
    }

    /// Reload the templates if `templates/` changed.
    fn load_templates(&mut self) -> Result<bool, Error> {
        let dir = &self.paths.templates;
        let key = Fingerprint::new()
            .dir(dir, |p| !is_scratch_file(p))
            .finish();
        if self.templates.as_ref().is_some_and(|t| t.key == key) {
            return Ok(false);
        }
        self.templates = None;
        let value = templates::load(dir)?;
        self.templates = Some(Keyed { key, value });
        Ok(true)
    }

    /// Reload the theme if `theme/` changed.
    fn load_theme(&mut self) -> Result<bool, Error> {
        let dir = &self.paths.theme;
        let key = Fingerprint::new()
            .dir(dir, |p| !is_scratch_file(p))
            .finish();
        if self.theme.as_ref().is_some_and(|t| t.key == key) {
            return Ok(false);
        }
        self.theme = None;
        let value = Assets::load(dir)?;
        self.theme = Some(Keyed { key, value });
        Ok(true)
    }
}

/// The inputs of an edition's data: every file of its folder except the
/// chapters and the specs, and the data files it names elsewhere.
fn data_key(edition: &Edition) -> u64 {
    let mut print = Fingerprint::new();
    print.add(edition.year).dir(&edition.dir, |p| {
        !is_scratch_file(p) && !is_chapter(p) && !p.ends_with(SPECS_FILE)
    });
    let sources = edition.meta.data_sources();
    let files = sources
        .units
        .iter()
        .map(|u| &u.file)
        .chain(sources.datasets.values().map(|d| &d.file))
        .chain(sources.series.values().map(|s| &s.file));
    for file in files {
        print.file(&edition.dir.join(file));
    }
    print.finish()
}

/// The inputs of an edition's pages besides data, templates and theme.
fn edition_key(edition: &Edition) -> u64 {
    let mut print = Fingerprint::new();
    print
        .add(edition.year)
        .add(&edition.dir)
        .add(format!("{:?}", edition.meta));
    for c in &edition.chapters {
        print.add(&c.path).add(c.order).add(&c.slug).add(&*c.source);
    }
    print.finish()
}

fn is_chapter(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// The project files a rebuild reads: `rapport.toml`, `content/`,
/// `templates/` and `theme/`.
pub fn is_input(root: &Path, path: &Path) -> bool {
    if is_scratch_file(path) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !hidden && rel == Path::new(CONFIG_FILE)
        || ["content", "templates", "theme"]
            .iter()
            .any(|d| rel.starts_with(d))
}
