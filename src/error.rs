//! Errors at the library boundary.
//!
//! Every error a user can cause carries a [`Location`] (file, line, column) and,
//! where the file is text, the file's contents so the CLI can show the offending
//! line. Stage modules define their own typed error enums (`DataError`,
//! `ChartError`, ...) and convert into [`ErrorKind`] here.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in a user's file. Lines and columns are 1-based; 0 means "unknown".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }

    /// A location naming only the file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// What went wrong. Each stage adds its own variants through `#[from]`.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    #[error("could not read the file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Content(String),
    #[error("{0}")]
    Shortcode(String),
    #[error("{0}")]
    Template(String),
    #[error(transparent)]
    Data(#[from] crate::data::DataError),
    #[error(transparent)]
    Figure(#[from] crate::figures::FigureError),
    #[error(transparent)]
    Chart(#[from] crate::charts::ChartError),
}

/// One user-facing error: what, where, and a hint. Boxed, so that
/// `Result<T, Error>` stays small on the happy path.
#[derive(Debug)]
pub struct Error(Box<Inner>);

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    location: Option<Location>,
    help: Option<String>,
    source_text: Option<Arc<str>>,
}

impl Error {
    pub fn new(kind: impl Into<ErrorKind>) -> Self {
        Error(Box::new(Inner {
            kind: kind.into(),
            location: None,
            help: None,
            source_text: None,
        }))
    }

    pub fn at(mut self, location: Location) -> Self {
        self.0.location = Some(location);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// Attach the text of the file the location points into, so the offending
    /// line can be shown.
    pub fn with_source(mut self, text: Arc<str>) -> Self {
        self.0.source_text = Some(text);
        self
    }

    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Error::new(ErrorKind::Read {
            path: path.to_path_buf(),
            source,
        })
        .at(Location::file(path))
    }

    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Error::new(ErrorKind::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    pub fn location(&self) -> Option<&Location> {
        self.0.location.as_ref()
    }

    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    pub fn source_text(&self) -> Option<&str> {
        self.0.source_text.as_deref()
    }

    /// The offending line of the source, if known.
    pub fn source_line(&self) -> Option<&str> {
        let loc = self.0.location.as_ref()?;
        if loc.line == 0 {
            return None;
        }
        self.0.source_text.as_deref()?.lines().nth(loc.line - 1)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.location {
            Some(loc) => write!(f, "{loc}: {}", self.0.kind),
            None => write!(f, "{}", self.0.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0.kind)
    }
}

impl<E: Into<ErrorKind>> From<E> for Error {
    fn from(e: E) -> Self {
        Error::new(e)
    }
}

/// Several errors found in one pass (a build reports all chapters' errors at once).
#[derive(Debug, Default)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
