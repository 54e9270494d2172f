//! Pages of an edition through the templates: front page, chapter pages and
//! the whole-report print page. Every link is relative, so the site works at
//! a host's root, under a subpath and from the file system.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use crate::content::Chapter;
use crate::error::Error;
use crate::markdown::Heading;

use super::edition::{toc_headings, EditionInput};
use super::placements::{BlockKind, Placements};
use super::templates::template_error;
use super::Files;

/// A published edition, for the edition switcher.
#[derive(Debug, Clone, Serialize)]
pub struct EditionLink {
    pub year: i32,
    pub title: String,
    /// Chapter slugs, to link to the same chapter in another year.
    pub slugs: Vec<String>,
}

/// The site page listing every published edition (linked from every page's
/// edition switcher; rendered with the newest edition).
pub const ALL_EDITIONS_PATH: &str = "utgaver/index.html";
const ALL_EDITIONS_LABEL: &str = "Alle utgaver";

/// `utgaver/index.html`: every published edition, newest first.
fn all_editions_page(input: &EditionInput, files: &mut Files) -> Result<(), Error> {
    let mut ctx = base_context(input.config, input.assets);
    ctx.insert("editions", &Vec::<Value>::new());
    ctx.insert("toc_open", &false);
    let list: Vec<Value> = input
        .editions
        .iter()
        .rev()
        .map(|e| json!({"year": e.year, "title": e.title, "url": format!("{}/index.html", e.year)}))
        .collect();
    ctx.insert("all_editions", &list);
    page(
        input.tera,
        "utgaver.html",
        ctx,
        ALL_EDITIONS_PATH,
        json!({"title": ALL_EDITIONS_LABEL, "kind": "editions"}),
        &input.config.base_url,
        files,
    )
}

/// A rendered chapter, ready for its page.
pub struct ChapterPage<'a> {
    pub chapter: &'a Chapter,
    pub number: Option<u32>,
    pub html: &'a str,
    pub print_html: &'a str,
    pub headings: &'a [Heading],
    /// The sections as numbered and anchored on the print page.
    pub print_headings: &'a [Heading],
}

/// The relative prefix from a page at `path` to the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The absolute URL of a page, when the base URL is absolute.
pub fn canonical(base_url: &str, path: &str) -> Option<String> {
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        return None;
    }
    Some(format!("{base_url}{}", path.trim_end_matches("index.html")))
}

/// The values every page gets.
pub fn base_context(
    input_config: &crate::config::Config,
    assets: &super::assets::Assets,
) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("lang", &input_config.language);
    ctx.insert(
        "site",
        &json!({
            "title": input_config.title,
            "publisher": input_config.publisher,
            "base_url": input_config.base_url,
        }),
    );
    ctx.insert("labels", &input_config.labels);
    ctx.insert(
        "assets",
        &json!({
            "css": assets.url("style.css"),
            "favicon": assets.url("favicon.svg"),
            "logo": assets.url("logo.svg"),
        }),
    );
    ctx
}

/// Render `template` for a page at `path` into `files`.
pub fn page(
    tera: &tera::Tera,
    template: &str,
    mut ctx: tera::Context,
    path: &str,
    page: Value,
    base_url: &str,
    files: &mut Files,
) -> Result<(), Error> {
    let mut page = page;
    page["url"] = json!(path);
    if let Some(c) = canonical(base_url, path) {
        page["canonical"] = json!(c);
    }
    ctx.insert("page", &page);
    ctx.insert("root", &root_prefix(path));
    let html = tera
        .render(template, &ctx)
        .map_err(|e| template_error(&e, std::path::Path::new(&format!("templates/{template}"))))?;
    files.insert(path.to_string(), html.into_bytes());
    Ok(())
}

/// The front page, chapter pages and print page of one edition.
pub fn edition_pages(
    input: &EditionInput,
    chapters: &[ChapterPage],
    placements: &Placements,
) -> Result<Files, Error> {
    let edition = input.edition;
    let year = edition.year;
    let config = input.config;
    let mut files = Files::new();
    let chapter_list: Vec<Value> = chapters
        .iter()
        .map(|c| {
            json!({
                "title": c.chapter.title(),
                "number": c.number,
                "slug": c.chapter.slug,
                "url": format!("{year}/{}/index.html", c.chapter.slug),
                "summary": c.chapter.front.summary,
                "headings": toc_headings(c.headings),
            })
        })
        .collect();
    let edition_value = json!({
        "year": year,
        "title": edition.meta.title,
        "period": edition.meta.period.as_ref().map(|p| p.display()),
        "summary": edition.meta.summary,
        "synthetic": edition.meta.synthetic,
        "url": format!("{year}/"),
        "print_url": format!("{year}/utskrift/index.html"),
        "chapters": chapter_list,
    });
    // Only this and earlier editions, plus a link to the page of all
    // editions: an edition's pages never change when a newer one is added.
    let switcher = |slug: Option<&str>| -> Vec<Value> {
        let mut links: Vec<Value> = input
            .editions
            .iter()
            .filter(|e| e.year <= year)
            .map(|e| {
                let url = match slug {
                    Some(s) if e.slugs.iter().any(|x| x == s) => {
                        format!("{}/{s}/index.html", e.year)
                    }
                    _ => format!("{}/index.html", e.year),
                };
                json!({"year": e.year, "title": e.title, "url": url, "current": e.year == year})
            })
            .collect();
        links.push(json!({"year": ALL_EDITIONS_LABEL, "title": ALL_EDITIONS_LABEL, "url": ALL_EDITIONS_PATH, "current": false, "all": true}));
        links
    };
    let figures: Vec<Value> = placements
        .in_order()
        .filter(|(_, p)| p.kind == BlockKind::Figure)
        .filter_map(|(id, p)| {
            let f = input.computed.figure(id)?;
            Some(json!({
                "label": p.label,
                "title": f.title,
                "url": format!("{year}/{}/index.html#{}", p.chapter, p.anchor(id)),
            }))
        })
        .collect();

    let base = || {
        let mut ctx = base_context(config, input.assets);
        ctx.insert("edition", &edition_value);
        ctx
    };

    // Front page: here and, for the newest edition, at the site root.
    let mut ctx = base();
    ctx.insert("editions", &switcher(None));
    ctx.insert("figures", &figures);
    ctx.insert(
        "changes",
        &super::changes::changes_value(input.computed, placements, edition.meta.change_threshold),
    );
    ctx.insert("toc_open", &false);
    let front = json!({
        "title": edition.meta.title,
        "kind": "front",
        "description": edition.meta.summary,
    });
    if input.is_newest {
        all_editions_page(input, &mut files)?;
        let root_ctx = ctx.clone();
        page(
            input.tera,
            "edition.html",
            root_ctx,
            "index.html",
            front.clone(),
            &config.base_url,
            &mut files,
        )?;
    }
    page(
        input.tera,
        "edition.html",
        ctx,
        &format!("{year}/index.html"),
        front,
        &config.base_url,
        &mut files,
    )?;

    // Chapter pages, in parallel (each is independent; the map keeps them
    // in path order).
    let chapter_files: Vec<Result<Files, Error>> = chapters
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut files = Files::new();
            let mut ctx = base();
            ctx.insert("editions", &switcher(Some(&c.chapter.slug)));
            ctx.insert("content", c.html);
            ctx.insert(
                "chapter",
                &json!({"title": c.chapter.title(), "number": c.number}),
            );
            ctx.insert("toc_open", &false);
            let link = |c: &ChapterPage| json!({"title": c.chapter.title(), "url": format!("{year}/{}/index.html", c.chapter.slug)});
            let prev = if i == 0 {
                json!({"title": edition.meta.title, "url": format!("{year}/index.html")})
            } else {
                link(&chapters[i - 1])
            };
            ctx.insert("prev", &prev);
            if let Some(next) = chapters.get(i + 1) {
                ctx.insert("next", &link(next));
            }
            let title = match c.number {
                Some(n) => format!("{n} {}", c.chapter.title()),
                None => c.chapter.title().to_string(),
            };
            let p = json!({
                "title": title,
                "kind": "chapter",
                "description": c.chapter.front.summary,
            });
            let path = format!("{year}/{}/index.html", c.chapter.slug);
            page(
                input.tera,
                "chapter.html",
                ctx,
                &path,
                p,
                &config.base_url,
                &mut files,
            )?;
            Ok(files)
        })
        .collect();
    for f in chapter_files {
        files.extend(f?);
    }

    // The whole report on one page, for print.
    let mut ctx = base();
    ctx.insert("editions", &switcher(None));
    ctx.insert("toc_open", &false);
    let printed: Vec<Value> = chapters
        .iter()
        .map(|c| {
            json!({
                "title": c.chapter.title(),
                "number": c.number,
                "anchor": format!("kapittel-{}", c.chapter.slug),
                "content": c.print_html,
                "headings": c.print_headings.iter().filter(|h| h.level == 2).collect::<Vec<_>>(),
            })
        })
        .collect();
    ctx.insert("chapters", &printed);
    let p =
        json!({"title": edition.meta.title, "kind": "print", "description": edition.meta.summary});
    page(
        input.tera,
        "print.html",
        ctx,
        &format!("{year}/utskrift/index.html"),
        p,
        &config.base_url,
        &mut files,
    )?;
    Ok(files)
}
