//! TOML front matter between `+++` lines at the top of a chapter.

use serde::Deserialize;

/// A chapter's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// One sentence shown in the table of contents and as the page description.
    #[serde(default)]
    pub summary: Option<String>,
    /// Numbered chapters get "3" and their `##` sections "3.1"; the summary
    /// and the reference list are usually not numbered.
    #[serde(default = "yes")]
    pub numbered: bool,
    /// Overrides the URL slug taken from the file name.
    #[serde(default)]
    pub slug: Option<String>,
}

fn yes() -> bool {
    true
}

/// The front matter text, the body, and the body's first line number (1-based)
/// in the file. `None` if the file does not start with `+++`.
pub fn split(source: &str) -> Option<Result<(&str, &str, usize), usize>> {
    let rest = source
        .strip_prefix("+++\n")
        .or_else(|| source.strip_prefix("+++\r\n"))?;
    // Find the closing fence on a line of its own.
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + front.matches('\n').count() + 1;
            return Some(Ok((front, body, body_line)));
        }
        offset += line.len();
    }
    Some(Err(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let src = "+++\ntitle = \"A\"\n+++\n\nBody\n";
        let (front, body, line) = split(src).unwrap().unwrap();
        assert_eq!(front, "title = \"A\"\n");
        assert_eq!(body, "\nBody\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn missing_and_unclosed() {
        assert!(split("title").is_none());
        assert_eq!(split("+++\ntitle = 1\n").unwrap(), Err(1));
    }
}
