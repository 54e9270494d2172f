//! Data errors and helpers to build located errors.

use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Location};

/// A problem with a data file, the codebook or the unit register.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// Anything else, with its own message.
    #[error("{0}")]
    Invalid(String),
    /// A TOML syntax or shape error.
    #[error("{0}")]
    Toml(String),
    /// A cell whose code the codebook does not list.
    #[error("`{value}` in column {column} is not a code of `{variable}` in the codebook")]
    UnknownCode {
        value: String,
        column: String,
        variable: String,
    },
    /// A non-numeric cell in a number column (`column` is written with its
    /// backticks, and a spreadsheet's column letter: "`x` (C)").
    #[error("`{value}` in column {column} is not a number")]
    NotNumber { value: String, column: String },
    /// A column the codebook or a spec needs is not in the file.
    #[error("column `{column}` is missing from {file}")]
    MissingColumn { column: String, file: String },
    /// The same unit twice in one file.
    #[error("kommunenr `{key}` appears twice (first on line {first})")]
    DuplicateKey { key: String, first: usize },
    /// A file that is neither UTF-8 nor Windows-1252.
    #[error("{file} is neither UTF-8 nor Windows-1252: {detail}")]
    Encoding { file: String, detail: String },
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Line starts of a text, so many offsets of one file are located without
/// counting lines from the start each time (a figure file with thousands of
/// specs would otherwise take quadratic time).
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of every `\n`.
    newlines: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Index `text`.
    pub fn new(text: &'t str) -> Self {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex { text, newlines }
    }

    /// 1-based line and column of a byte offset (same as [`line_col`]).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.newlines.partition_point(|&n| n < offset);
        let line_start = if before == 0 {
            0
        } else {
            self.newlines[before - 1] + 1
        };
        let column = String::from_utf8_lossy(&self.text.as_bytes()[line_start..offset])
            .chars()
            .count()
            + 1;
        (before + 1, column)
    }

    /// A location at a byte offset of the file at `path`.
    pub fn location(&self, path: &Path, offset: usize) -> Location {
        let (line, column) = self.line_col(offset);
        Location::new(path, line, column)
    }
}

/// A location at a byte offset of a text file.
pub fn location_at(path: &Path, text: &str, offset: usize) -> Location {
    let (line, column) = line_col(text, offset);
    Location::new(path, line, column)
}

/// An error at a byte offset of a TOML file, with its text attached.
pub fn toml_error_at(
    kind: impl Into<crate::ErrorKind>,
    path: &Path,
    text: &Arc<str>,
    offset: usize,
) -> Error {
    Error::new(kind)
        .at(location_at(path, text, offset))
        .with_source(text.clone())
}

/// Turn a `toml` deserialisation error into a located error; an unknown key
/// or value gets a "did you mean" hint from the expected names in the message.
pub fn from_toml(
    err: &toml::de::Error,
    path: &Path,
    text: &Arc<str>,
    wrap: impl FnOnce(String) -> crate::ErrorKind,
) -> Error {
    let message = err.message().trim().to_string();
    let offset = err.span().map_or(0, |s| s.start);
    let mut error = Error::new(wrap(message.clone()))
        .at(location_at(path, text, offset))
        .with_source(text.clone());
    if let Some(help) = unknown_name_help(&message) {
        error = error.with_help(help);
    }
    error
}

/// "unknown field `x`, expected one of `a`, `b`" → "did you mean `a`?" or the list.
fn unknown_name_help(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field ")
        .or_else(|| message.strip_prefix("unknown variant "))?;
    let mut names = rest.split('`').skip(1).step_by(2);
    let word = names.next()?;
    let expected: Vec<&str> = names.collect();
    match crate::suggest::closest(word, expected.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None if !expected.is_empty() => Some(format!(
            "known names: {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => None,
    }
}

/// "did you mean `x`?" for the closest candidate, if any is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    crate::suggest::closest(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\ncdæf\n\nx";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(offset),
                line_col(text, offset),
                "offset {offset}"
            );
        }
        assert_eq!(index.line_col(6), (2, 4)); // after "cdæ" (æ is 2 bytes)
    }

    #[test]
    fn line_and_column_of_offsets() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 100), (3, 2));
    }

    #[test]
    fn unknown_field_gets_suggestion() {
        let help = unknown_name_help("unknown field `qestion`, expected one of `question`, `type`");
        assert_eq!(help.as_deref(), Some("did you mean `question`?"));
        assert_eq!(
            unknown_name_help("unknown field `zzzzzz`, expected `a` or `b`").as_deref(),
            Some("known names: `a`, `b`")
        );
        assert_eq!(unknown_name_help("invalid type"), None);
    }
}
