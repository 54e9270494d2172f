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
        if bytes[i].is_ascii_digit() && (i == 0 || !is_word_byte(bytes[i - 1])) {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            // Skip decimals, footnote labels ([^1]) and numbers glued to words.
            let glued = i < bytes.len()
                && (is_word_byte(bytes[i])
                    || bytes[i] == b',' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
            let footnote = start >= 2 && &bytes[start - 2..start] == b"[^";
            let decimal =
                start >= 2 && bytes[start - 1] == b',' && bytes[start - 2].is_ascii_digit();
            if !glued && !footnote && !decimal {
                if let Ok(value) = text[start..i].parse::<i64>() {
                    if !(1900..=2100).contains(&value) && computed.contains(&value) {
                        out.push(LiteralNumber {
                            offset: start,
                            value,
                        });
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_numbers_equal_to_computed_values() {
        let computed: BTreeSet<i64> = [68, 268, 2018].into_iter().collect();
        let text =
            "Hele 68 prosent av 268 kommuner i 2018 svarte, mot 57 før. Fotnote[^68]. x68 og 3,68.";
        let found = literal_numbers(text, &computed);
        assert_eq!(
            found.iter().map(|f| f.value).collect::<Vec<_>>(),
            vec![68, 268]
        );
        assert_eq!(found[0].offset, text.find("68").unwrap());
    }
}
