//! Numbers typed literally in the prose that equal a value computed for a
//! figure in the same chapter: a hint that they should be shortcodes, so
//! they follow the data next year.

use std::collections::BTreeSet;

/// A literal number and where it is (byte offset in the scanned text).
#[derive(Debug, Clone, PartialEq)]
pub struct LiteralNumber {
    pub offset: usize,
    pub value: i64,
}

/// Integers in `text` (outside shortcodes, which the caller has already
/// replaced) that are in `computed`. Years (1900–2100) are skipped.
pub fn literal_numbers(text: &str, computed: &BTreeSet<i64>) -> Vec<LiteralNumber> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !(bytes[i].is_ascii_digit() && (i == 0 || !is_word_byte(bytes[i - 1]))) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let before = &text[..start];
        let after = &text[i..];
        // Decimals, footnote labels ([^1]) and numbers glued to words.
        let glued = after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
            || (after.starts_with(',') && after[1..].starts_with(|c: char| c.is_ascii_digit()));
        let footnote = before.ends_with("[^");
        let decimal = before.ends_with(',') && ends_with_digit(&before[..before.len() - 1]);
        // A group of a number written with spaces: "2 000", "50 000".
        let grouped = ((before.ends_with(' ') || before.ends_with('\u{a0}'))
            && ends_with_digit(before.trim_end_matches([' ', '\u{a0}'])))
            || after.starts_with(" 000")
            || after.starts_with("\u{a0}000");
        // Single digits are too common (scale points, counts of things)
        // unless written as a share.
        let share = after.starts_with(" prosent") || after.starts_with(" %");
        if glued || footnote || decimal || grouped {
            continue;
        }
        if let Ok(value) = text[start..i].parse::<i64>() {
            let plausible = value >= 10 || share;
            if plausible && !(1900..=2100).contains(&value) && computed.contains(&value) {
                out.push(LiteralNumber {
                    offset: start,
                    value,
                });
            }
        }
    }
    out
}

fn ends_with_digit(text: &str) -> bool {
    text.ends_with(|c: char| c.is_ascii_digit())
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_numbers_equal_to_computed_values() {
        let computed: BTreeSet<i64> = [0, 3, 4, 68, 268, 2018].into_iter().collect();
        let text = "Hele 68 prosent av 268 kommuner i 2018 svarte, mot 57 før. Fotnote[^68]. x68 og 3,68. \
                    Under 2\u{a0}000 og 50 000 innbyggere, skala 1 til 3, men 4 prosent.";
        let found = literal_numbers(text, &computed);
        assert_eq!(
            found.iter().map(|f| f.value).collect::<Vec<_>>(),
            vec![68, 268, 4]
        );
        assert_eq!(found[0].offset, text.find("68").unwrap());
    }
}
