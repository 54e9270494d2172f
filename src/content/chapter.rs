//! One chapter file: `NN-slug.md` with front matter.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Location};
use crate::toml_error::toml_location;

use super::front_matter::{self, FrontMatter};

/// A chapter as read from disk.
#[derive(Debug, Clone)]
pub struct Chapter {
    pub path: PathBuf,
    /// The `NN` of the file name: reading order.
    pub order: u32,
    /// The URL slug: the file name without `NN-` and `.md`.
    pub slug: String,
    pub front: FrontMatter,
    /// The whole file, for error messages.
    pub source: Arc<str>,
    /// Byte offset of the Markdown body in `source`.
    pub body_offset: usize,
}

impl Chapter {
    /// Does this file name look like a chapter (`NN-slug.md`)?
    pub fn parse_file_name(name: &str) -> Option<(u32, String)> {
        let stem = name.strip_suffix(".md")?;
        let (number, slug) = stem.split_once('-')?;
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) || slug.is_empty() {
            return None;
        }
        let valid = slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        valid.then(|| (number.parse().ok()).map(|n| (n, slug.to_string())))?
    }

    /// Read and validate a chapter file.
    pub fn load(path: &Path, order: u32, slug: String) -> Result<Chapter, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).to_string();
                let (line, column) = crate::toml_error::line_column(&good, good.len());
                return Err(Error::new(ErrorKind::Content(
                    "chapter is not valid UTF-8".to_string(),
                ))
                .at(Location::new(path, line, column))
                .with_help(
                    "save the file as UTF-8 (most editors: File → Save with encoding → UTF-8)",
                ));
            }
        };
        let source: Arc<str> = Arc::from(text);
        let (front_text, body_offset) = match front_matter::split(&source) {
            None => {
                return Err(Error::new(ErrorKind::Content(
                    "chapter has no front matter".to_string(),
                ))
                .at(Location::new(path, 1, 1))
                .with_source(source.clone())
                .with_help("start the file with\n+++\ntitle = \"Chapter title\"\n+++"))
            }
            Some(Err(line)) => {
                return Err(Error::new(ErrorKind::Content(
                    "front matter is not closed".to_string(),
                ))
                .at(Location::new(path, line, 1))
                .with_source(source.clone())
                .with_help("end the front matter with a line containing only +++"))
            }
            Some(Ok((front, body, _))) => (front, source.len() - body.len()),
        };
        let front: FrontMatter = toml::from_str(front_text).map_err(|e| {
            let (line, column) = toml_location(front_text, &e);
            Error::new(ErrorKind::Content(format!(
                "invalid front matter: {}",
                e.message()
            )))
            .at(Location::new(path, line + 1, column))
            .with_source(source.clone())
            .with_help("front matter keys: title (required), summary, numbered, slug")
        })?;
        let slug = front.slug.clone().unwrap_or(slug);
        Ok(Chapter {
            path: path.to_path_buf(),
            order,
            slug,
            front,
            source,
            body_offset,
        })
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }

    pub fn title(&self) -> &str {
        &self.front.title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(
            Chapter::parse_file_name("03-introduksjonsprogrammet.md"),
            Some((3, "introduksjonsprogrammet".into()))
        );
        assert_eq!(Chapter::parse_file_name("README.md"), None);
        assert_eq!(Chapter::parse_file_name("03-Intro.md"), None);
        assert_eq!(Chapter::parse_file_name("03-.md"), None);
        assert_eq!(Chapter::parse_file_name("ab-x.md"), None);
    }
}
