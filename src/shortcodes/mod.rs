//! Shortcodes: `{{ name(key="value", n=3) }}` in Markdown.
//!
//! The parser (`crate::markdown::shortcode`) turns a call into a name and
//! [`Args`]; this module holds the table of known shortcodes. Each shortcode is
//! one small module implementing [`Shortcode`]; add it to [`REGISTRY`].

mod args;
mod change;
mod context;
mod lookup;
mod placed;
mod reference;
mod rows;
mod share;
mod units;
mod year;

pub use args::{Args, Value};
pub use context::Context;

/// What a shortcode produces.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Plain text, escaped when written (numbers, words).
    Text(String),
    /// Inline HTML (a link).
    Html(String),
    /// Block HTML that must stand as its own block (a figure, a table).
    Block(String),
}

/// Why a shortcode call failed. The caller adds file, line and column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShortcodeError {
    #[error("`{shortcode}` needs the key `{key}`")]
    MissingKey {
        shortcode: &'static str,
        key: &'static str,
    },
    #[error("`{shortcode}` has no key `{key}`")]
    UnknownKey {
        shortcode: &'static str,
        key: String,
        /// The closest known key, if any is close.
        suggestion: Option<&'static str>,
    },
    #[error("`{key}` of `{shortcode}` must be {expected}")]
    WrongType {
        shortcode: &'static str,
        key: String,
        expected: &'static str,
    },
    /// Anything the shortcode itself finds wrong (unknown figure id, answer
    /// label not found, ...), with an optional hint.
    #[error("{message}")]
    Invalid {
        message: String,
        help: Option<String>,
    },
}

impl ShortcodeError {
    pub fn invalid(message: impl Into<String>) -> Self {
        ShortcodeError::Invalid {
            message: message.into(),
            help: None,
        }
    }

    pub fn invalid_with_help(message: impl Into<String>, help: impl Into<String>) -> Self {
        ShortcodeError::Invalid {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    /// The hint to show under the message.
    pub fn help(&self) -> Option<String> {
        match self {
            ShortcodeError::UnknownKey {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean `{s}`?")),
            ShortcodeError::Invalid { help, .. } => help.clone(),
            _ => None,
        }
    }
}

/// One shortcode.
pub trait Shortcode: Send + Sync {
    /// The name written in Markdown.
    fn name(&self) -> &'static str;
    /// The keys it accepts (others are an error with a suggestion).
    fn keys(&self) -> &'static [&'static str];
    /// Render the call.
    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError>;
}

/// Every known shortcode.
pub static REGISTRY: &[&dyn Shortcode] = &[
    &placed::FIGUR,
    &placed::TABELL,
    &reference::Ref,
    &share::Andel,
    &share::Antall,
    &share::N,
    &share::Snitt,
    &change::Endring,
    &change::Retning,
    &units::Enheter,
    &units::Svarprosent,
    &units::Dekning,
    &units::Tekstsvar,
    &rows::Rader,
    &rows::Verdi,
    &rows::Maksavvik,
    &rows::Topp,
    &year::Aar,
];

/// Look up a shortcode by name.
pub fn find(name: &str) -> Option<&'static dyn Shortcode> {
    REGISTRY.iter().copied().find(|s| s.name() == name)
}

/// The known name closest to `name`, for "did you mean" hints.
pub fn closest(name: &str) -> Option<&'static str> {
    crate::suggest::closest(name, REGISTRY.iter().map(|s| s.name()))
}
