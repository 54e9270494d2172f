//! Tera templates: the built-in defaults (embedded in the binary, so a site
//! without a `templates/` folder still builds), each overridable by a file of
//! the same name in the project's `templates/`.

use std::path::Path;

use crate::error::{Error, ErrorKind, Location};

/// Template names and their built-in text.
const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("toc.html", include_str!("../../templates/toc.html")),
    (
        "toc-list.html",
        include_str!("../../templates/toc-list.html"),
    ),
    ("edition.html", include_str!("../../templates/edition.html")),
    ("chapter.html", include_str!("../../templates/chapter.html")),
    ("print.html", include_str!("../../templates/print.html")),
    ("changes.html", include_str!("../../templates/changes.html")),
    ("utgaver.html", include_str!("../../templates/utgaver.html")),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "tilgjengelighet.html",
        include_str!("../../templates/tilgjengelighet.html"),
    ),
];

/// Load the templates, user overrides first.
pub fn load(templates_dir: &Path) -> Result<tera::Tera, Error> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Escape only what HTML needs (Tera's default also escapes `/`, which
    // makes every URL unreadable).
    tera.set_escape_fn(super::escape::html);
    let mut sources = Vec::new();
    for (name, default) in DEFAULTS {
        let path = templates_dir.join(name);
        let text = if path.is_file() {
            std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?
        } else {
            default.to_string()
        };
        sources.push((*name, text, path));
    }
    let pairs: Vec<(&str, &str)> = sources.iter().map(|(n, t, _)| (*n, t.as_str())).collect();
    tera.add_raw_templates(pairs).map_err(|e| {
        let name = failing_template(&e);
        let path = sources
            .iter()
            .find(|(n, _, _)| Some(*n) == name.as_deref())
            .map(|(_, _, p)| p.clone())
            .unwrap_or_else(|| templates_dir.to_path_buf());
        template_error(&e, &path)
    })?;
    Ok(tera)
}

fn failing_template(e: &tera::Error) -> Option<String> {
    let msg = e.to_string();
    let start = msg.find('\'')? + 1;
    let end = msg[start..].find('\'')? + start;
    Some(msg[start..end].to_string())
}

/// A Tera error as one of ours, with the whole chain of causes and, where
/// Tera reports one, the line and column.
pub fn template_error(e: &tera::Error, path: &Path) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let (line, column) = line_col_in(&message);
    Error::new(ErrorKind::Template(message))
        .at(Location::new(path, line, column))
        .with_help("check the template syntax: https://keats.github.io/tera/docs/ (templates/ overrides the built-in ones)")
}

/// Tera reports parse errors as `--> 3:5`.
fn line_col_in(message: &str) -> (usize, usize) {
    let Some(pos) = message.find("--> ") else {
        return (0, 0);
    };
    let rest = &message[pos + 4..];
    let mut parts = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let column = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let dir = std::env::temp_dir().join("rapport-no-templates-here");
        let tera = load(&dir).unwrap();
        assert!(tera.get_template_names().any(|n| n == "chapter.html"));
    }

    #[test]
    fn broken_override_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("chapter.html"), "<p>\n{% if %}\n").unwrap();
        let err = load(dir.path()).unwrap_err();
        let loc = err.location().unwrap();
        assert!(loc.file.ends_with("chapter.html"), "{err}");
        assert_eq!(loc.line, 2, "{err}");
    }
}
