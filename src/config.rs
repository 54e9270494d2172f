//! `rapport.toml`: site-wide settings and every word the templates print.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location};
use crate::toml_error::toml_location;

/// The file name of the site configuration.
pub const CONFIG_FILE: &str = "rapport.toml";

/// Site configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    /// Absolute URL the site is published at (used for canonical links,
    /// sitemap and Open Graph); pages link to each other relatively.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// The edition shown on the site's front page; default: the newest
    /// edition that has chapters.
    #[serde(default)]
    pub newest_edition: Option<i32>,
    #[serde(default)]
    pub labels: Labels,
    /// Small-number threshold for `rapport check` (figures with N below it).
    #[serde(default = "default_min_n")]
    pub min_n: u64,
    /// The accessibility statement page (tilgjengelighetserklæring).
    #[serde(default)]
    pub accessibility: Accessibility,
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_language() -> String {
    "nb".to_string()
}

fn default_min_n() -> u64 {
    5
}

/// Every word the templates print, so a nynorsk or English site needs no code change.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Labels {
    pub figure: String,
    pub table: String,
    pub contents: String,
    pub source: String,
    pub note: String,
    pub previous: String,
    pub next: String,
    pub show_numbers: String,
    pub download_data: String,
    pub skip_to_content: String,
    pub editions: String,
    pub edition: String,
    pub whole_report: String,
    pub footnotes: String,
    pub back_to_text: String,
    pub summary: String,
    pub period: String,
    pub published_by: String,
    pub not_found_title: String,
    pub not_found_text: String,
    pub to_front_page: String,
    pub accessibility_statement: String,
    pub synthetic_data: String,
    pub menu: String,
    pub figure_list: String,
    pub on_this_page: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            figure: "Figur".into(),
            table: "Tabell".into(),
            contents: "Innhold".into(),
            source: "Kilde".into(),
            note: "Merknad".into(),
            previous: "Forrige".into(),
            next: "Neste".into(),
            show_numbers: "Vis tallene".into(),
            download_data: "Last ned data (CSV)".into(),
            skip_to_content: "Hopp til hovedinnhold".into(),
            editions: "Utgaver".into(),
            edition: "Utgave".into(),
            whole_report: "Hele rapporten på én side (for utskrift)".into(),
            footnotes: "Fotnoter".into(),
            back_to_text: "Tilbake til teksten".into(),
            summary: "Sammendrag".into(),
            period: "Datainnsamling".into(),
            published_by: "Utgitt av".into(),
            not_found_title: "Fant ikke siden".into(),
            not_found_text: "Siden du leter etter finnes ikke, eller den er flyttet.".into(),
            to_front_page: "Til forsiden".into(),
            accessibility_statement: "Tilgjengelighetserklæring".into(),
            synthetic_data: "Syntetiske data".into(),
            menu: "Meny".into(),
            figure_list: "Figurer og tabeller".into(),
            on_this_page: "På denne siden".into(),
        }
    }
}

/// The accessibility statement's contents.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Accessibility {
    pub title: String,
    /// Markdown text of the statement.
    pub text: String,
    pub contact: String,
}

impl Default for Accessibility {
    fn default() -> Self {
        Accessibility {
            title: "Tilgjengelighetserklæring".into(),
            text: "Nettstedet er laget for å oppfylle kravene i WCAG 2.1 på nivå A og AA, \
                   slik forskrift om universell utforming av IKT-løsninger krever. \
                   Alle figurer har en tekstlig beskrivelse og en tabell med tallene."
                .into(),
            contact: String::new(),
        }
    }
}

impl Config {
    /// Read `rapport.toml` from the project root.
    pub fn load(root: &Path) -> Result<Config, Error> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
        Config::parse(&text, &path)
    }

    /// Parse the configuration text; `path` is used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = toml_location(text, &e);
            Error::new(ErrorKind::Config(format!(
                "invalid {CONFIG_FILE}: {}",
                e.message()
            )))
            .at(Location::new(path, line, column))
            .with_source(Arc::from(text))
            .with_help("see the `rapport.toml` section of the README for the keys")
        })?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok(config)
    }

    /// Override the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
    }
}

/// Where the project's parts are.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub theme: PathBuf,
}

impl Paths {
    pub fn new(root: &Path) -> Self {
        Paths {
            root: root.to_path_buf(),
            content: root.join("content"),
            templates: root.join("templates"),
            theme: root.join("theme"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minimal_config_with_defaults() {
        let c = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.no/r\"\n",
            Path::new("rapport.toml"),
        )
        .unwrap();
        assert_eq!(c.title, "T");
        assert_eq!(c.base_url, "https://x.no/r/");
        assert_eq!(c.language, "nb");
        assert_eq!(c.labels.figure, "Figur");
    }

    #[test]
    fn unknown_key_names_line() {
        let err = Config::parse("title = \"T\"\ntittel = \"x\"\n", Path::new("rapport.toml"))
            .unwrap_err();
        let loc = err.location().unwrap();
        assert_eq!(loc.line, 2);
        assert!(err.to_string().contains("tittel"), "{err}");
    }
}
