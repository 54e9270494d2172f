//! Rendering: chapters, figures and tables into pages through the Tera
//! templates. `edition` renders one published edition; `site` adds the
//! site-wide pages (front page, 404, accessibility statement, sitemap).

pub mod assets;
pub mod blocks;
mod changes;
mod chapters;
pub mod edition;
pub mod escape;
pub mod pages;
pub mod parts;
pub mod placements;
pub mod site;
pub mod templates;

/// The output of a build: file path relative to the site root → bytes.
pub type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// `Files` from (path, text) pairs (for tests).
#[cfg(test)]
pub(crate) fn files_of(pairs: &[(&str, &str)]) -> Files {
    pairs
        .iter()
        .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
        .collect()
}
