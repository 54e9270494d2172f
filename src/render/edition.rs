//! One published edition: chapters prepared, figures numbered and drawn,
//! chapters rendered in parallel, pages written through the templates.

use rayon::prelude::*;

use crate::charts::{ChartRenderer, ChartRequest};
use crate::config::Config;
use crate::content::{Chapter, Edition};
use crate::error::{Error, ErrorKind, Errors};
use crate::figures::ComputedEdition;
use crate::markdown::{Extracted, Heading, Rendered, Warning};

use super::assets::Assets;
use super::blocks;
use super::chapters::{self, ChapterRender};
use super::pages::{self, ChapterPage, EditionLink};
use super::parts::{self, PartCache};
use super::placements::{BlockKind, Placements};
use super::Files;

/// Slugs taken by the edition's own pages.
const RESERVED_SLUGS: &[&str] = &["data", "utskrift"];

/// Everything an edition is rendered with.
pub struct EditionInput<'a> {
    pub config: &'a Config,
    pub edition: &'a Edition,
    pub computed: &'a ComputedEdition,
    pub charts: &'a ChartRenderer,
    pub tera: &'a tera::Tera,
    pub assets: &'a Assets,
    /// Every published edition, for the edition switcher.
    pub editions: &'a [EditionLink],
    /// The newest edition's front page is also the site's front page.
    pub is_newest: bool,
    /// Parts rendered before (by `rapport serve`), with the key of what they
    /// share: the configuration and this edition's computed results.
    pub cache: Option<(&'a PartCache, u64)>,
}

/// A rendered edition: its files, its chapters' headings (for the site
/// pages) and the warnings `rapport check` reports.
pub struct RenderedEdition {
    pub files: Files,
    pub warnings: Vec<Error>,
    /// (page path relative to the site root) for the sitemap.
    pub pages: Vec<String>,
}

/// Render one edition.
pub fn render(input: &EditionInput) -> Result<RenderedEdition, Errors> {
    let edition = input.edition;
    let mut errors = Errors::default();
    for chapter in &edition.chapters {
        if RESERVED_SLUGS.contains(&chapter.slug.as_str()) {
            errors.0.push(
                Error::new(ErrorKind::Content(format!(
                    "the chapter slug `{}` is reserved",
                    chapter.slug
                )))
                .at(crate::Location::file(&chapter.path))
                .with_help("rename the file or set `slug` in its front matter"),
            );
        }
    }

    // 1. Find the shortcodes of every chapter.
    let prepared: Vec<Result<Extracted, Error>> =
        edition.chapters.par_iter().map(chapters::prepare).collect();
    let mut prepared_ok = Vec::new();
    for p in prepared {
        match p {
            Ok(p) => prepared_ok.push(p),
            Err(e) => errors.0.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // 2. Number figures and tables in reading order.
    let mut placements = place(edition, &prepared_ok, input)?;

    // 3. Draw the placed figures, and build the figure and table blocks.
    let mut files = Files::new();
    draw(input, &mut placements, &mut files)?;
    copy_edition_files(edition, &mut files)?;

    // 4. Render chapters in parallel (chapter pages and the print page).
    let numbers = chapter_numbers(&edition.chapters);
    let chapter_files: Vec<(String, String)> = edition
        .chapters
        .iter()
        .map(|c| {
            (
                c.path
                    .file_name()
                    .map(|f| f.to_string_lossy().to_string())
                    .unwrap_or_default(),
                c.slug.clone(),
            )
        })
        .collect();
    // What every chapter's rendering depends on besides its own text.
    let placements_key = parts::key(
        placements
            .in_order()
            .map(|(id, p)| (id, &p.label, &p.chapter, &p.html))
            .collect::<Vec<_>>(),
    );
    let files_key = format!("{chapter_files:?}");
    let render_with = |print: bool| -> Result<Vec<Rendered>, Errors> {
        let renderer = ChapterRender {
            computed: input.computed,
            year: edition.year,
            placements: &placements,
            labels: &input.config.labels,
            chapter_files: &chapter_files,
            print,
            edition_dir: &edition.dir,
        };
        let results: Vec<Result<Rendered, Vec<Error>>> = edition
            .chapters
            .par_iter()
            .zip(prepared_ok.par_iter())
            .zip(numbers.par_iter())
            .map(|((c, p), n)| match input.cache {
                None => renderer.render(c, p, *n),
                Some((cache, context)) => {
                    let key =
                        parts::key((context, placements_key, &files_key, &*c.source, *n, print));
                    if let Some(hit) = cache.chapter(key) {
                        return Ok(hit);
                    }
                    let rendered = renderer.render(c, p, *n)?;
                    cache.put_chapter(key, rendered.clone());
                    Ok(rendered)
                }
            })
            .collect();
        let mut errors = Errors::default();
        let mut ok = Vec::new();
        for r in results {
            match r {
                Ok(r) => ok.push(r),
                Err(es) => errors.0.extend(es),
            }
        }
        if errors.is_empty() {
            Ok(ok)
        } else {
            Err(errors)
        }
    };
    let rendered = render_with(false)?;
    let printed = render_with(true)?;

    let mut warnings = input.computed.warnings();
    for (chapter, r) in edition.chapters.iter().zip(&rendered) {
        warnings.extend(r.warnings.iter().map(|w| warning(chapter, w)));
    }
    warnings.extend(literal_number_warnings(
        edition,
        &prepared_ok,
        &placements,
        input,
    ));
    for figure in input.computed.figures() {
        if figure.publish
            && placements.get(&figure.id).is_some()
            && figure.result.n < input.config.min_n
        {
            warnings.push(
                Error::new(ErrorKind::Content(format!(
                    "figure `{}` has N = {}, below the small-number threshold {}",
                    figure.id, figure.result.n, input.config.min_n
                )))
                .at(figure.location.clone())
                .with_help("small numbers can identify units; consider merging categories (min_n in rapport.toml)"),
            );
        }
        if figure.publish && placements.get(&figure.id).is_none() {
            warnings.push(
                Error::new(ErrorKind::Content(format!(
                    "figure `{}` is defined but never placed",
                    figure.id
                )))
                .at(figure.location.clone())
                .with_help(format!(
                    "place it with {{{{ figur(id=\"{}\") }}}} or set `publish = false`",
                    figure.id
                )),
            );
        }
    }

    // 5. Pages.
    let chapter_pages: Vec<ChapterPage> = edition
        .chapters
        .iter()
        .zip(&rendered)
        .zip(&printed)
        .zip(&numbers)
        .map(|(((c, r), p), n)| ChapterPage {
            chapter: c,
            number: *n,
            html: &r.html,
            print_html: &p.html,
            headings: &r.headings,
            print_headings: &p.headings,
        })
        .collect();
    let page_files =
        pages::edition_pages(input, &chapter_pages, &placements).map_err(Errors::from)?;
    let mut page_paths: Vec<String> = page_files.keys().cloned().collect();
    page_paths.retain(|p| p.ends_with(".html"));
    files.extend(page_files);
    Ok(RenderedEdition {
        files,
        warnings,
        pages: page_paths,
    })
}

/// Images and other files in `content/<year>/filer/` go to `<year>/filer/`.
fn copy_edition_files(edition: &Edition, files: &mut Files) -> Result<(), Errors> {
    let dir = edition.dir.join("filer");
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&edition.dir)
            .unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        files.insert(format!("{}/{rel}", edition.year), bytes);
    }
    Ok(())
}

/// Chapter numbers: numbered chapters count 1, 2, 3 … in file order.
fn chapter_numbers(chapters: &[Chapter]) -> Vec<Option<u32>> {
    let mut n = 0;
    chapters
        .iter()
        .map(|c| {
            c.front.numbered.then(|| {
                n += 1;
                n
            })
        })
        .collect()
}

fn place(
    edition: &Edition,
    prepared: &[Extracted],
    input: &EditionInput,
) -> Result<Placements, Errors> {
    let labels = &input.config.labels;
    let mut placements = Placements::default();
    let mut errors = Errors::default();
    for (chapter, p) in edition.chapters.iter().zip(prepared) {
        for call in &p.calls {
            let kind = match call.name.as_str() {
                "figur" => BlockKind::Figure,
                "tabell" => BlockKind::Table,
                _ => continue,
            };
            let Some(id) = call
                .args
                .iter()
                .find(|(k, _)| k == "id")
                .and_then(|(_, v)| match v {
                    crate::shortcodes::Value::Str(s) => Some(s.clone()),
                    _ => None,
                })
            else {
                continue; // reported when the call is resolved
            };
            let (exists, known): (bool, Vec<&str>) = match kind {
                BlockKind::Figure => (
                    input.computed.figure(&id).is_some_and(|f| f.publish),
                    input
                        .computed
                        .figures()
                        .filter(|f| f.publish)
                        .map(|f| f.id.as_str())
                        .collect(),
                ),
                BlockKind::Table => (
                    input.computed.table(&id).is_some(),
                    input.computed.tables().map(|t| t.id.as_str()).collect(),
                ),
            };
            let word = if kind == BlockKind::Figure {
                "figure"
            } else {
                "table"
            };
            if !exists {
                let hidden = kind == BlockKind::Figure
                    && input.computed.figure(&id).is_some_and(|f| !f.publish);
                let help = if hidden {
                    "it has `publish = false` in figurer.toml: it is computed for the prose only"
                        .to_string()
                } else {
                    match crate::suggest::closest(&id, known.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("define it in {}/figurer.toml", edition.year),
                    }
                };
                errors.0.push(
                    chapters::error_at(
                        chapter,
                        call.span.start,
                        ErrorKind::Shortcode(format!("no {word} `{id}` in this edition")),
                    )
                    .with_help(help),
                );
                continue;
            }
            let word_label = match kind {
                BlockKind::Figure => &labels.figure,
                BlockKind::Table => &labels.table,
            };
            if let Err(twice) = placements.place(&id, kind, word_label, &chapter.slug) {
                errors.0.push(
                    chapters::error_at(
                        chapter,
                        call.span.start,
                        ErrorKind::Shortcode(format!("{word} `{id}` is placed twice")),
                    )
                    .with_help(format!(
                        "it is already placed in `{}`; refer to it with {{{{ ref(id=\"{id}\") }}}}",
                        twice.first_chapter
                    )),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(placements)
    } else {
        Err(errors)
    }
}

fn draw(
    input: &EditionInput,
    placements: &mut Placements,
    files: &mut Files,
) -> Result<(), Errors> {
    let labels = &input.config.labels;
    let year = input.edition.year;
    let all: Vec<_> = placements
        .in_order()
        .filter(|(_, p)| p.kind == BlockKind::Figure)
        .filter_map(|(id, p)| Some((input.computed.figure(id)?, p.label.clone())))
        .collect();
    // Blocks drawn before with the same results and label are reused.
    let block_key = |id: &str, label: &str| {
        input
            .cache
            .map(|(_, context)| parts::key((context, id, label)))
    };
    let mut blocks_html = Vec::new();
    let mut figures = Vec::new();
    for (figure, label) in all {
        let cached = input
            .cache
            .zip(block_key(&figure.id, &label))
            .and_then(|((cache, _), key)| cache.block(key));
        match cached {
            Some((html, csv)) => {
                files.insert(format!("{year}/data/{}.csv", figure.id), csv.into_bytes());
                blocks_html.push((figure.id.clone(), html));
            }
            None => figures.push((figure, label)),
        }
    }
    let requests: Vec<ChartRequest> = figures
        .iter()
        .map(|(f, _)| ChartRequest {
            id: &f.id,
            kind: f.kind,
            title: &f.title,
            result: &f.result,
        })
        .collect();
    let charts = input.charts.render_all(&requests);
    let mut errors = Errors::default();
    for ((figure, label), chart) in figures.iter().zip(charts) {
        match chart {
            Ok(chart) => {
                files.insert(
                    format!("{year}/data/{}.csv", figure.id),
                    chart.csv.clone().into_bytes(),
                );
                let html = blocks::figure_html(figure, &chart, label, labels);
                if let (Some((cache, _)), Some(key)) = (input.cache, block_key(&figure.id, label)) {
                    cache.put_block(key, html.clone(), chart.csv.clone());
                }
                blocks_html.push((figure.id.clone(), html));
            }
            Err(e) => errors.0.push(
                Error::new(ErrorKind::Chart(e))
                    .at(figure.location.clone())
                    .with_help(format!("while drawing figure `{}`", figure.id)),
            ),
        }
    }
    let tables: Vec<(String, String)> = placements
        .in_order()
        .filter(|(_, p)| p.kind == BlockKind::Table)
        .filter_map(|(id, p)| {
            let t = input.computed.table(id)?;
            Some((id.to_string(), blocks::table_html(t, &p.label, labels)))
        })
        .collect();
    for (id, html) in blocks_html.into_iter().chain(tables) {
        placements.set_html(&id, html);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Numbers typed in a chapter that equal a value of a figure placed there.
fn literal_number_warnings(
    edition: &Edition,
    prepared: &[Extracted],
    placements: &Placements,
    input: &EditionInput,
) -> Vec<Error> {
    let mut warnings = Vec::new();
    for (chapter, p) in edition.chapters.iter().zip(prepared) {
        let mut values = std::collections::BTreeSet::new();
        for (id, placement) in placements.in_order() {
            if placement.chapter != chapter.slug {
                continue;
            }
            let Some(f) = input.computed.figure(id) else {
                continue;
            };
            values.insert(f.result.n as i64);
            for cell in f.result.cells.iter().flatten() {
                if let Some(v) = cell.shown {
                    if v.fract() == 0.0 {
                        values.insert(v as i64);
                    }
                }
                if let Some(c) = cell.count {
                    values.insert(c as i64);
                }
            }
        }
        for found in crate::check::literal_numbers(&p.text, &values) {
            let offset = p.original_offset(found.offset);
            warnings.push(
                chapters::error_at(
                    chapter,
                    offset,
                    ErrorKind::Content(format!(
                        "the number {} is typed literally, and a figure in this chapter computes the same value",
                        found.value
                    )),
                )
                .with_help("if it comes from the data, write it as a shortcode (andel, antall, n …) so it follows next year's data"),
            );
        }
    }
    warnings
}

fn warning(chapter: &Chapter, w: &Warning) -> Error {
    chapters::error_at(chapter, w.offset, ErrorKind::Content(w.message.clone()))
}

/// Headings for the table of contents: sections only.
pub fn toc_headings(headings: &[Heading]) -> Vec<&Heading> {
    headings.iter().filter(|h| h.level == 2).collect()
}
