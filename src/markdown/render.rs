//! The pulldown-cmark event stream rewritten into a chapter's HTML.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::footnotes::Footnotes;
use super::shortcode::{split_placeholders, Extracted, Piece, OPEN, OPEN_LITERAL};
use super::slug::{slugify, UniqueIds};
use super::typography::Typography;
use crate::shortcodes::Output;

/// How to render one chapter.
pub struct RenderOptions<'a> {
    /// The chapter number; `##` sections are numbered `N.1`, `N.2` …
    pub number: Option<u32>,
    /// Added to every id (footnotes, headings) so several chapters can share
    /// one page (the print page). Empty on chapter pages.
    pub id_prefix: &'a str,
    /// Added to heading levels: 0 on chapter pages (sections are `h2`), 1 on
    /// the print page (chapters are `h2`, sections `h3`).
    pub heading_offset: u8,
    pub footnotes_heading: &'a str,
    pub back_to_text: &'a str,
    /// Resolves a link to another chapter (`03-intro.md#anchor`) to a URL.
    pub resolve_link: &'a dyn Fn(&str) -> Option<String>,
    /// Resolves a relative image path (`filer/kart.png`) to a URL.
    pub resolve_asset: &'a dyn Fn(&str) -> Option<String>,
}

/// A section heading, for the table of contents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub number: Option<String>,
    pub title: String,
    pub id: String,
    /// The heading's language when it differs from the page's (`{lang=en}`).
    pub lang: Option<String>,
}

/// A problem that does not stop the build (reported by `rapport check`).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Byte offset in the original Markdown.
    pub offset: usize,
    pub message: String,
}

/// A problem that stops the build, at a byte offset in the original Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderError {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

/// A rendered chapter.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub warnings: Vec<Warning>,
}

/// Render `prepared` (Markdown with shortcode placeholders) with the
/// shortcodes' `outputs` (one per call, in order).
pub fn render(
    prepared: &Extracted,
    outputs: &[Output],
    opts: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let mut state = State {
        prepared,
        outputs,
        opts,
        events: Vec::new(),
        headings: Vec::new(),
        warnings: Vec::new(),
        ids: UniqueIds::default(),
        footnotes: Footnotes::new(opts.id_prefix),
        typography: Typography::default(),
        section: 0,
        last_level: 1,
    };
    let parser = Parser::new_ext(&prepared.text, super::options()).into_offset_iter();
    let events: Vec<(Event, std::ops::Range<usize>)> = parser.collect();
    state.run(events)?;
    let mut out = String::new();
    html::push_html(&mut out, state.events.into_iter());
    let level = 2 + opts.heading_offset;
    out.push_str(
        &state
            .footnotes
            .section(opts.footnotes_heading, opts.back_to_text, level.min(6)),
    );
    for label in state.footnotes.unused() {
        state.warnings.push(Warning {
            offset: 0,
            message: format!("footnote `[^{label}]` is defined but never referenced"),
        });
    }
    Ok(Rendered {
        html: out,
        headings: state.headings,
        warnings: state.warnings,
    })
}

struct State<'a, 'o> {
    prepared: &'a Extracted,
    outputs: &'o [Output],
    opts: &'o RenderOptions<'o>,
    events: Vec<Event<'a>>,
    headings: Vec<Heading>,
    warnings: Vec<Warning>,
    ids: UniqueIds,
    footnotes: Footnotes,
    typography: Typography,
    section: u32,
    last_level: u8,
}

impl<'a> State<'a, '_> {
    fn error(&self, offset: usize, message: String, help: Option<&str>) -> RenderError {
        RenderError {
            offset: self.prepared.original_offset(offset),
            message,
            help: help.map(str::to_string),
        }
    }

    fn run(&mut self, events: Vec<(Event<'a>, std::ops::Range<usize>)>) -> Result<(), RenderError> {
        let mut i = 0;
        let mut in_code = false;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Paragraph) => {
                    if let Some(block) = self.lone_block(&events[i..]) {
                        self.events.push(Event::Html(CowStr::from(block)));
                        i += 3;
                        continue;
                    }
                    self.events.push(event.clone());
                }
                Event::Start(Tag::Heading { level, attrs, .. }) => {
                    let end = find_end(&events, i);
                    // `## Title {lang=en}`: a heading in another language.
                    let lang = attrs
                        .iter()
                        .find(|(k, _)| k.as_ref() == "lang")
                        .and_then(|(_, v)| v.as_ref())
                        .map(|v| v.to_string());
                    self.heading(*level, lang, &events[i + 1..end], range.start)?;
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let end = find_end(&events, i);
                    let inner = self.transform_inline(&events[i + 1..end], in_code)?;
                    let mut html_out = String::new();
                    html::push_html(&mut html_out, inner.into_iter());
                    self.footnotes.define(label, html_out);
                    i = end + 1;
                    continue;
                }
                Event::FootnoteReference(label) => {
                    let html = self.footnotes.reference(label);
                    self.events.push(Event::InlineHtml(CowStr::from(html)));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let end = find_end(&events, i);
                    let has_alt = events[i + 1..end]
                        .iter()
                        .any(|(e, _)| matches!(e, Event::Text(t) if !t.trim().is_empty()));
                    if !has_alt {
                        self.warnings.push(Warning {
                            offset: self.prepared.original_offset(range.start),
                            message: "image without alt text".into(),
                        });
                    }
                    let dest = self.asset(dest_url, range.start)?;
                    self.events.push(Event::Start(Tag::Image {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Table(_)) => {
                    self.events.push(Event::Html(CowStr::from(
                        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell\">\n",
                    )));
                    self.events.push(event.clone());
                }
                Event::End(TagEnd::Table) => {
                    self.events.push(event.clone());
                    self.events.push(Event::Html(CowStr::from("</div>\n")));
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code = true;
                    self.events.push(event.clone());
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    self.events.push(event.clone());
                }
                Event::Text(_) | Event::Start(Tag::Link { .. }) => {
                    let out = self.transform_inline(&events[i..=i], in_code)?;
                    self.events.extend(out);
                }
                other => self.events.push(other.clone()),
            }
            i += 1;
        }
        Ok(())
    }

    /// A paragraph holding nothing but one block shortcode: its HTML.
    fn lone_block(&self, events: &[(Event<'a>, std::ops::Range<usize>)]) -> Option<String> {
        let (Event::Text(text), _) = events.get(1)? else {
            return None;
        };
        if !matches!(events.get(2), Some((Event::End(TagEnd::Paragraph), _))) {
            return None;
        }
        match split_placeholders(text.trim()).as_slice() {
            [Piece::Call(index)] => match self.outputs.get(*index)? {
                Output::Block(html) => Some(html.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Rewrite inline events: placeholders, typography.
    fn transform_inline(
        &mut self,
        events: &[(Event<'a>, std::ops::Range<usize>)],
        in_code: bool,
    ) -> Result<Vec<Event<'a>>, RenderError> {
        let mut out = Vec::new();
        for (event, range) in events {
            match event {
                Event::Text(text) if !in_code => {
                    if !text.contains([OPEN, OPEN_LITERAL]) {
                        out.push(Event::Text(CowStr::from(self.typography.apply(text, None))));
                        continue;
                    }
                    for piece in split_placeholders(text) {
                        match piece {
                            Piece::Text(t) => {
                                out.push(Event::Text(CowStr::from(self.typography.apply(t, None))))
                            }
                            Piece::Literal(index) => out.push(Event::Text(CowStr::from(
                                self.prepared
                                    .literals
                                    .get(index)
                                    .cloned()
                                    .unwrap_or_default(),
                            ))),
                            Piece::Call(index) => match self.outputs.get(index) {
                                Some(Output::Text(t)) => {
                                    out.push(Event::Text(CowStr::from(t.clone())))
                                }
                                Some(Output::Html(h)) => {
                                    out.push(Event::InlineHtml(CowStr::from(h.clone())))
                                }
                                Some(Output::Block(_)) => {
                                    let call = &self.prepared.calls[index];
                                    return Err(RenderError {
                                        offset: call.span.start,
                                        message: format!(
                                            "`{}` must stand in a paragraph of its own",
                                            call.name
                                        ),
                                        help: Some("put the shortcode on its own line with a blank line before and after".into()),
                                    });
                                }
                                None => {
                                    return Err(self.error(
                                        range.start,
                                        "internal: shortcode output missing".into(),
                                        None,
                                    ))
                                }
                            },
                        }
                    }
                }
                Event::FootnoteReference(label) => out.push(Event::InlineHtml(CowStr::from(
                    self.footnotes.reference(label),
                ))),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = self.link(dest_url, range.start)?;
                    out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }))
                }
                other => out.push(other.clone()),
            }
        }
        Ok(out)
    }

    fn link(&self, dest: &CowStr<'a>, offset: usize) -> Result<CowStr<'a>, RenderError> {
        // Anchors within the chapter carry the page's id prefix (on the print
        // page); figure and table anchors are the same on every page.
        if let Some(anchor) = dest.strip_prefix('#') {
            let shared = anchor.starts_with("figur-") || anchor.starts_with("tabell-");
            if !self.opts.id_prefix.is_empty() && !shared {
                return Ok(CowStr::from(format!("#{}{anchor}", self.opts.id_prefix)));
            }
            return Ok(dest.clone());
        }
        let (path, _) = dest.split_once('#').unwrap_or((dest, ""));
        if !path.ends_with(".md") || path.contains("://") {
            return Ok(dest.clone());
        }
        match (self.opts.resolve_link)(dest) {
            Some(url) => Ok(CowStr::from(url)),
            None => Err(self.error(
                offset,
                format!("link to `{dest}`, which is not a chapter of this edition"),
                Some("link to a chapter by its file name, e.g. [kapittel 3](03-introduksjonsprogrammet.md)"),
            )),
        }
    }

    fn asset(&self, dest: &CowStr<'a>, offset: usize) -> Result<CowStr<'a>, RenderError> {
        let external = dest.contains("://") || dest.starts_with('/') || dest.starts_with("data:");
        if external {
            return Ok(dest.clone());
        }
        match (self.opts.resolve_asset)(dest) {
            Some(url) => Ok(CowStr::from(url)),
            None => Err(self.error(
                offset,
                format!("image `{dest}` not found"),
                Some("put images in the edition's `filer/` folder and write ![alt text](filer/name.png)"),
            )),
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        lang: Option<String>,
        inner: &[(Event<'a>, std::ops::Range<usize>)],
        offset: usize,
    ) -> Result<(), RenderError> {
        let level = level as u8;
        if level == 1 {
            return Err(self.error(
                offset,
                "a chapter may not have a `#` heading: the title from the front matter is the page's only h1".into(),
                Some("use `##` for sections and `###` below them"),
            ));
        }
        if level > self.last_level + 1 {
            self.warnings.push(Warning {
                offset: self.prepared.original_offset(offset),
                message: format!("heading level skips from h{} to h{level}", self.last_level),
            });
        }
        self.last_level = level;
        let inner_events = self.transform_inline(inner, false)?;
        let title: String = inner_events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let mut content = String::new();
        html::push_html(&mut content, inner_events.into_iter());
        let number = match (level, self.opts.number) {
            (2, Some(chapter)) => {
                self.section += 1;
                Some(format!("{chapter}.{}", self.section))
            }
            _ => None,
        };
        let id = self
            .ids
            .claim(&format!("{}{}", self.opts.id_prefix, slugify(&title)));
        let shown = (level + self.opts.heading_offset).min(6);
        let number_html = number
            .as_ref()
            .map(|n| format!("<span class=\"section-number\">{n}</span> "))
            .unwrap_or_default();
        let lang_attr = lang
            .as_ref()
            .map(|l| format!(" lang=\"{}\"", crate::render::escape::html(l)))
            .unwrap_or_default();
        self.events.push(Event::Html(CowStr::from(format!(
            "<h{shown} id=\"{id}\"{lang_attr}>{number_html}{content}</h{shown}>\n"
        ))));
        self.headings.push(Heading {
            level,
            number,
            title: title.trim().to_string(),
            id,
            lang,
        });
        Ok(())
    }
}

/// Index of the `End` matching the `Start` at `start`.
fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::prepare;

    fn opts<'a>(resolve: &'a dyn Fn(&str) -> Option<String>) -> RenderOptions<'a> {
        RenderOptions {
            number: Some(3),
            id_prefix: "",
            heading_offset: 0,
            footnotes_heading: "Fotnoter",
            back_to_text: "Tilbake til teksten",
            resolve_link: resolve,
            resolve_asset: &|d: &str| d.starts_with("filer/").then(|| format!("../{d}")),
        }
    }

    fn no_links(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn numbers_sections_and_slugs_ids() {
        let p = prepare("## Flere kommuner har mål\n\nTekst.\n\n### Under\n\n## Bruk av tolk\n")
            .unwrap();
        let r = render(&p, &[], &opts(&no_links)).unwrap();
        assert!(r.html.contains("<h2 id=\"flere-kommuner-har-mal\"><span class=\"section-number\">3.1</span> Flere kommuner har mål</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"under\">Under</h3>"));
        assert!(r
            .html
            .contains("<span class=\"section-number\">3.2</span> Bruk av tolk"));
        assert_eq!(r.headings.len(), 3);
    }

    #[test]
    fn splices_shortcodes() {
        let p = prepare("Andelen er {{ andel(figur=\"x\", svar=\"Ja\") }} prosent, se {{ ref(id=\"x\") }}.\n\n{{ figur(id=\"x\") }}\n").unwrap();
        let outputs = vec![
            Output::Text("68".into()),
            Output::Html("<a href=\"#figur-x\">Figur 4</a>".into()),
            Output::Block("<figure id=\"figur-x\"></figure>".into()),
        ];
        let r = render(&p, &outputs, &opts(&no_links)).unwrap();
        assert_eq!(
            r.html,
            "<p>Andelen er 68 prosent, se <a href=\"#figur-x\">Figur 4</a>.</p>\n<figure id=\"figur-x\"></figure>"
        );
    }

    #[test]
    fn foreign_language_passages_keep_their_lang() {
        // README "Foreign-language passages": editors mark them with <span lang="…">.
        let p = prepare("Se \"Annual report\" og <span lang=\"en\">Annual report 2018</span>.\n\n<p lang=\"nn\">Ei heil avsnitt på nynorsk.</p>\n").unwrap();
        let r = render(&p, &[], &opts(&no_links)).unwrap();
        assert!(
            r.html
                .contains("<span lang=\"en\">Annual report 2018</span>"),
            "{}",
            r.html
        );
        assert!(r
            .html
            .contains("<p lang=\"nn\">Ei heil avsnitt på nynorsk.</p>"));
        // typography still applies to the text around it
        assert!(r.html.contains("«Annual report»"), "{}", r.html);
        // a heading in another language: `{lang=en}`
        let p = prepare("## Settlement of refugees {lang=en}\n").unwrap();
        let r = render(&p, &[], &opts(&no_links)).unwrap();
        assert!(
            r.html.contains("<h2 id=\"settlement-of-refugees\" lang=\"en\"><span class=\"section-number\">3.1</span> Settlement of refugees</h2>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn block_inside_paragraph_is_an_error() {
        let src = "Tekst {{ figur(id=\"x\") }} mer.\n";
        let p = prepare(src).unwrap();
        let err = render(
            &p,
            &[Output::Block("<figure></figure>".into())],
            &opts(&no_links),
        )
        .unwrap_err();
        assert_eq!(err.offset, src.find("{{").unwrap());
        assert!(err.message.contains("paragraph of its own"));
    }

    #[test]
    fn footnotes_at_the_end() {
        let p = prepare("Tekst.[^a] Mer.[^b]\n\n[^b]: Bee.\n[^a]: Aa.\n").unwrap();
        let r = render(&p, &[], &opts(&no_links)).unwrap();
        let text_pos = r.html.find("Tekst").unwrap();
        let notes = r.html.find("<section class=\"footnotes\"").unwrap();
        assert!(text_pos < notes);
        assert!(r.html.find("fn-a").unwrap() < r.html.rfind("fn-b").unwrap());
        assert!(r
            .html
            .contains("Aa. <a href=\"#fnref-a\" class=\"footnote-back\""));
    }

    #[test]
    fn typography_and_code() {
        let p = prepare("Han sa \"ja\" -- `\"kode\" {{ x }}`\n").unwrap();
        let r = render(&p, &[], &opts(&no_links)).unwrap();
        assert_eq!(
            r.html,
            "<p>Han sa «ja» – <code>\"kode\" {{ x }}</code></p>\n"
        );
    }

    #[test]
    fn chapter_links_resolve_or_fail() {
        let resolve = |d: &str| (d == "03-intro.md#a").then(|| "../intro/index.html#a".to_string());
        let p = prepare("[se](03-intro.md#a) og [ute](https://example.no)\n").unwrap();
        let r = render(&p, &[], &opts(&resolve)).unwrap();
        assert!(r.html.contains("href=\"../intro/index.html#a\""));
        assert!(r.html.contains("href=\"https://example.no\""));
        let p = prepare("\n[feil](09-finnes-ikke.md)\n").unwrap();
        let err = render(&p, &[], &opts(&resolve)).unwrap_err();
        assert_eq!(err.offset, 1);
    }

    #[test]
    fn tables_scroll_in_their_own_region() {
        let p = prepare("| a | b |\n|---|---|\n| 1 | 2 |\n").unwrap();
        let r = render(&p, &[], &opts(&no_links)).unwrap();
        assert!(r.html.starts_with("<div class=\"table-wrap\""));
        assert!(r.html.trim_end().ends_with("</div>"));
    }

    #[test]
    fn images_resolve_from_the_edition_files_folder() {
        let p = prepare("![Kart over kommunene](filer/kart.png)\n").unwrap();
        let r = render(&p, &[], &opts(&no_links)).unwrap();
        assert!(
            r.html
                .contains("src=\"../filer/kart.png\" alt=\"Kart over kommunene\""),
            "{}",
            r.html
        );
        let p = prepare("![x](mangler.png)\n").unwrap();
        assert!(render(&p, &[], &opts(&no_links))
            .unwrap_err()
            .message
            .contains("not found"));
    }

    #[test]
    fn h1_is_an_error() {
        let p = prepare("# Tittel\n").unwrap();
        assert!(render(&p, &[], &opts(&no_links)).is_err());
    }
}
