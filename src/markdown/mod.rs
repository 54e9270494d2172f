//! Chapters from Markdown to HTML: shortcodes found and replaced by
//! placeholders (`shortcode`), then pulldown-cmark's event stream rewritten
//! (`render`): placeholders spliced with shortcode output, numbered sections
//! with anchors, footnotes collected at the end, Norwegian typography.

mod footnotes;
mod render;
pub mod shortcode;
pub mod slug;
mod typography;

pub use render::{render, Heading, RenderOptions, Rendered, Warning};
pub use shortcode::{Call, Extracted};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions rapport enables.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Find the shortcode calls of a Markdown text (outside code).
pub fn prepare(markdown: &str) -> Result<Extracted, shortcode::SyntaxError> {
    shortcode::extract(markdown, &code_ranges(markdown))
}

/// Byte ranges of code spans and code blocks.
fn code_ranges(markdown: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}
