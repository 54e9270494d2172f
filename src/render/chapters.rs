//! One chapter's Markdown to HTML: shortcodes resolved, then rendered.

use std::sync::Arc;

use crate::content::Chapter;
use crate::error::{Error, ErrorKind, Location};
use crate::figures::ComputedEdition;
use crate::markdown::{self, Extracted, RenderOptions, Rendered};
use crate::shortcodes::{self, Args, Context, Output};
use crate::toml_error::line_column;

use super::placements::Placements;

/// The location of a byte offset in a chapter's body.
pub fn location(chapter: &Chapter, body_offset: usize) -> Location {
    let (line, column) = line_column(&chapter.source, chapter.body_offset + body_offset);
    Location::new(&chapter.path, line, column)
}

/// An error at a byte offset in a chapter's body, showing the line.
pub fn error_at(chapter: &Chapter, body_offset: usize, kind: ErrorKind) -> Error {
    Error::new(kind)
        .at(location(chapter, body_offset))
        .with_source(Arc::clone(&chapter.source))
}

/// Find the shortcode calls of a chapter.
pub fn prepare(chapter: &Chapter) -> Result<Extracted, Error> {
    markdown::prepare(chapter.body())
        .map_err(|e| error_at(chapter, e.offset, ErrorKind::Shortcode(e.message)).with_help(e.help))
}

/// Resolve every call of a prepared chapter.
pub fn resolve(
    chapter: &Chapter,
    prepared: &Extracted,
    ctx: &Context,
) -> Result<Vec<Output>, Vec<Error>> {
    let mut outputs = Vec::with_capacity(prepared.calls.len());
    let mut errors = Vec::new();
    for call in &prepared.calls {
        match resolve_call(chapter, call, ctx) {
            Ok(o) => outputs.push(o),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(outputs)
    } else {
        Err(errors)
    }
}

fn resolve_call(chapter: &Chapter, call: &markdown::Call, ctx: &Context) -> Result<Output, Error> {
    let Some(shortcode) = shortcodes::find(&call.name) else {
        let help = match shortcodes::closest(&call.name) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "known shortcodes: {}",
                shortcodes::REGISTRY
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Err(error_at(
            chapter,
            call.name_offset,
            ErrorKind::Shortcode(format!("unknown shortcode `{}`", call.name)),
        )
        .with_help(help));
    };
    let args = Args::new(shortcode.name(), call.args.clone());
    args.check_keys(shortcode.keys())
        .and_then(|()| shortcode.render(&args, ctx))
        .map_err(|e| {
            let help = e.help();
            let err = error_at(
                chapter,
                call.span.start,
                ErrorKind::Shortcode(e.to_string()),
            );
            match help {
                Some(h) => err.with_help(h),
                None => err,
            }
        })
}

/// Everything needed to render chapters of one page kind.
pub struct ChapterRender<'a> {
    pub computed: &'a ComputedEdition,
    pub year: i32,
    pub placements: &'a Placements,
    pub labels: &'a crate::config::Labels,
    /// The chapter slugs by file name, for links between chapters.
    pub chapter_files: &'a [(String, String)],
    /// True for the whole-report page.
    pub print: bool,
    /// The edition folder, where `filer/` holds images.
    pub edition_dir: &'a std::path::Path,
}

impl ChapterRender<'_> {
    /// Render one chapter (already prepared) to HTML.
    pub fn render(
        &self,
        chapter: &Chapter,
        prepared: &Extracted,
        number: Option<u32>,
    ) -> Result<Rendered, Vec<Error>> {
        let current = (!self.print).then_some(chapter.slug.as_str());
        let ctx = Context::new(self.computed, self.year).on_page(self.placements, current);
        let outputs = resolve(chapter, prepared, &ctx)?;
        let prefix = if self.print {
            format!("{}-", chapter.slug)
        } else {
            String::new()
        };
        let print = self.print;
        let files = self.chapter_files;
        let resolve_link = move |dest: &str| -> Option<String> {
            let (file, anchor) = dest.split_once('#').unwrap_or((dest, ""));
            let slug = files.iter().find(|(f, _)| f == file).map(|(_, s)| s)?;
            Some(match (print, anchor.is_empty()) {
                (true, true) => format!("#kapittel-{slug}"),
                (true, false) => format!("#{slug}-{anchor}"),
                (false, true) => format!("../{slug}/index.html"),
                (false, false) => format!("../{slug}/index.html#{anchor}"),
            })
        };
        let edition_dir = self.edition_dir;
        let resolve_asset = move |dest: &str| -> Option<String> {
            let safe = dest.starts_with("filer/") && !dest.split('/').any(|s| s == "..");
            (safe && edition_dir.join(dest).is_file()).then(|| format!("../{dest}"))
        };
        let opts = RenderOptions {
            number,
            id_prefix: &prefix,
            heading_offset: u8::from(self.print),
            footnotes_heading: &self.labels.footnotes,
            back_to_text: &self.labels.back_to_text,
            resolve_link: &resolve_link,
            resolve_asset: &resolve_asset,
        };
        markdown::render(prepared, &outputs, &opts).map_err(|e| {
            let err = error_at(chapter, e.offset, ErrorKind::Content(e.message));
            vec![match e.help {
                Some(h) => err.with_help(h),
                None => err,
            }]
        })
    }
}
