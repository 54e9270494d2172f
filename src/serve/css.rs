//! Whether a rebuild changed only stylesheets: then open pages swap their
//! `<link rel="stylesheet">` instead of reloading. Theme files are
//! fingerprinted, so a CSS edit renames the file and changes every page's
//! link to it, and nothing else.

use crate::render::Files;

/// The (old, new) paths of the renamed stylesheets, when replacing them in
/// the old pages gives exactly the new pages and nothing else changed.
pub fn only_css_changed(old: &Files, new: &Files) -> Option<Vec<(String, String)>> {
    let removed: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
    let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
    if removed.is_empty() || removed.len() != added.len() {
        return None;
    }
    let mut pairs = Vec::new();
    for r in &removed {
        let a = added
            .iter()
            .find(|a| r.ends_with(".css") && unhashed(a) == unhashed(r))?;
        pairs.push((r.to_string(), a.to_string()));
    }
    for (path, new_bytes) in new {
        let Some(old_bytes) = old.get(path) else {
            continue;
        };
        if old_bytes == new_bytes {
            continue;
        }
        if !path.ends_with(".html") {
            return None;
        }
        let mut text = String::from_utf8_lossy(old_bytes).to_string();
        for (from, to) in &pairs {
            text = text.replace(from.as_str(), to);
        }
        if text.as_bytes() != new_bytes.as_slice() {
            return None;
        }
    }
    Some(pairs)
}

/// `theme/style.1a2b3c4d.css` → `theme/style.css`.
fn unhashed(path: &str) -> String {
    let parts: Vec<&str> = path.rsplitn(3, '.').collect();
    match parts.as_slice() {
        [ext, hash, stem] if hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            format!("{stem}.{ext}")
        }
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::files_of as files;

    const OLD_CSS: &str = "theme/style.aaaaaaaa.css";
    const NEW_CSS: &str = "theme/style.bbbbbbbb.css";

    #[test]
    fn stylesheet_rename_only() {
        let old = files(&[
            (
                "index.html",
                "<link href=\"theme/style.aaaaaaaa.css\"><p>x</p>",
            ),
            (OLD_CSS, "p{}"),
        ]);
        let new = files(&[
            (
                "index.html",
                "<link href=\"theme/style.bbbbbbbb.css\"><p>x</p>",
            ),
            (NEW_CSS, "p{color:red}"),
        ]);
        assert_eq!(
            only_css_changed(&old, &new),
            Some(vec![(OLD_CSS.to_string(), NEW_CSS.to_string())])
        );
    }

    #[test]
    fn text_change_too_means_reload() {
        let old = files(&[
            (
                "index.html",
                "<link href=\"theme/style.aaaaaaaa.css\"><p>x</p>",
            ),
            (OLD_CSS, "p{}"),
        ]);
        let new = files(&[
            (
                "index.html",
                "<link href=\"theme/style.bbbbbbbb.css\"><p>y</p>",
            ),
            (NEW_CSS, "p{color:red}"),
        ]);
        assert_eq!(only_css_changed(&old, &new), None);
        let no_css = files(&[("index.html", "<p>y</p>"), (OLD_CSS, "p{}")]);
        assert_eq!(only_css_changed(&old, &no_css), None);
    }

    #[test]
    fn unhashed_names() {
        assert_eq!(unhashed("theme/style.1a2b3c4d.css"), "theme/style.css");
        assert_eq!(unhashed("theme/style.css"), "theme/style.css");
    }
}
