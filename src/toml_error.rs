//! Turning a TOML parse error's byte span into line and column.

/// 1-based line and column of the error's span start in `text` (1:1 if unknown).
pub fn toml_location(text: &str, error: &toml::de::Error) -> (usize, usize) {
    match error.span() {
        Some(span) => line_column(text, span.start),
        None => (1, 1),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let t = "ab\ncdæf\ng";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 3), (2, 1));
        assert_eq!(line_column(t, 7), (2, 4)); // after "cdæ" (æ is 2 bytes)
        assert_eq!(line_column(t, 100), (3, 2));
    }
}
