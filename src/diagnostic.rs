//! Errors shown to people: the message, `file:line:column`, the offending
//! source line with a marker, and a hint — rendered with miette.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use crate::error::Error;

struct Report<'a> {
    error: &'a Error,
    root: &'a std::path::Path,
    source: Option<NamedSource<String>>,
    offset: Option<usize>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error.kind())?;
        // Without a source snippet, say where in the message itself.
        if self.source.is_none() {
            if let Some(loc) = self.error.location() {
                let rel = crate::error::Location::new(
                    display_path(&loc.file, self.root),
                    loc.line,
                    loc.column,
                );
                write!(f, "\n  --> {rel}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.error
            .help()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let offset = self.offset?;
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some("here".into()),
            offset,
            0,
        ))))
    }
}

/// Byte offset of a 1-based line and column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = column.max(1) - 1;
            let within: usize = l.chars().take(col).map(char::len_utf8).sum();
            return Some(offset + within);
        }
        offset += l.len();
    }
    None
}

/// Render one error for the terminal. `color` adds ANSI colours; paths are
/// shown relative to `root`.
pub fn render(error: &Error, color: bool, root: &std::path::Path) -> String {
    let location = error.location();
    let (source, offset) = match (location, error.source_text()) {
        (Some(loc), Some(text)) => match offset_of(text, loc.line, loc.column) {
            Some(off) => (
                Some(
                    NamedSource::new(display_path(&loc.file, root), text.to_string())
                        .with_language("text"),
                ),
                Some(off),
            ),
            None => (None, None),
        },
        _ => (None, None),
    };
    let report = Report {
        error,
        root,
        source,
        offset,
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_context_lines(1);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("error: {error}\n");
    }
    out
}

fn display_path(path: &std::path::Path, root: &std::path::Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, Location};
    use std::sync::Arc;

    #[test]
    fn shows_file_line_column_and_source_line() {
        let text = "+++\ntitle = \"A\"\n+++\nSom {{ figr(id=\"x\") }} viser.\n";
        let err = Error::new(ErrorKind::Shortcode("unknown shortcode `figr`".into()))
            .at(Location::new("content/2018/01-a.md", 4, 8))
            .with_source(Arc::from(text))
            .with_help("did you mean `figur`?");
        let out = render(&err, false, std::path::Path::new("."));
        assert!(out.contains("unknown shortcode `figr`"), "{out}");
        assert!(out.contains("content/2018/01-a.md:4:8"), "{out}");
        assert!(out.contains("Som {{ figr(id=\"x\") }} viser."), "{out}");
        assert!(out.contains("did you mean `figur`?"), "{out}");
    }

    #[test]
    fn without_source_names_the_location() {
        let err = Error::new(ErrorKind::Content("x".into())).at(Location::new("a.csv", 3, 2));
        assert!(render(&err, false, std::path::Path::new(".")).contains("--> a.csv:3:2"));
    }

    #[test]
    fn offsets() {
        assert_eq!(offset_of("ab\ncæd\n", 2, 3), Some(6));
        assert_eq!(offset_of("ab\n", 5, 1), None);
    }
}
