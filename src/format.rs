//! Norwegian number formatting and rounding, used everywhere numbers are shown
//! (prose, chart labels, tables, descriptions, CSV).
//!
//! - rounding is half away from zero;
//! - decimal comma;
//! - a non-breaking space (U+00A0) groups thousands in numbers of five or more
//!   digits and in four-digit numbers too (Språkrådet allows both; we group
//!   from 10 000 so that years and 4-digit counts stay unbroken: `2018`, `1500`);
//! - percent in charts and tables is `30 %` with a non-breaking space;
//! - negative numbers use the minus sign U+2212.

/// The non-breaking space used between digits groups and before `%`.
pub const NBSP: char = '\u{a0}';
/// The typographic minus sign.
pub const MINUS: char = '\u{2212}';

/// Round half away from zero to `decimals` places.
pub fn round_half_away(value: f64, decimals: u8) -> f64 {
    let factor = 10f64.powi(i32::from(decimals));
    // Scale, then nudge by a relative epsilon so that values such as 2.675
    // (stored as 2.67499999...) round as a person computing by hand would.
    let scaled = value * factor;
    let nudged = scaled + scaled.signum() * scaled.abs() * 1e-12;
    let rounded = nudged.abs().add_half_floor() * nudged.signum();
    rounded / factor
}

trait AddHalfFloor {
    fn add_half_floor(self) -> f64;
}

impl AddHalfFloor for f64 {
    fn add_half_floor(self) -> f64 {
        (self + 0.5).floor()
    }
}

/// Format a number with `decimals` decimals, decimal comma and grouped thousands.
pub fn number(value: f64, decimals: u8) -> String {
    let rounded = round_half_away(value, decimals);
    let negative = rounded < 0.0 && rounded != 0.0;
    let text = format!("{:.*}", usize::from(decimals), rounded.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut out = String::new();
    if negative {
        out.push(MINUS);
    }
    out.push_str(&group_thousands(&int_part));
    if let Some(frac) = frac_part {
        out.push(',');
        out.push_str(&frac);
    }
    out
}

/// An integer with grouped thousands.
pub fn integer(value: i64) -> String {
    number(value as f64, 0)
}

fn group_thousands(digits: &str) -> String {
    if digits.len() < 5 {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    let first = digits.len() % 3;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (i + 3 - first) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(ch);
    }
    out
}

/// A percent for charts and tables: `68 %` (non-breaking space).
pub fn percent(value: f64, decimals: u8) -> String {
    format!("{}{NBSP}%", number(value, decimals))
}

/// Parse a number written the Norwegian or the English way: `1 234,5`,
/// `1234.5`, `-3`, `−3`. Returns `None` for anything else.
pub fn parse_number(text: &str) -> Option<f64> {
    // Fast path for the common cell: plain ASCII digits (a code or a count),
    // parsed without allocating. Up to 15 digits are exact in an f64.
    let bytes = text.as_bytes();
    if !bytes.is_empty() && bytes.len() <= 15 && bytes.iter().all(u8::is_ascii_digit) {
        let value = bytes
            .iter()
            .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
        return Some(value as f64);
    }
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(*c, ' ' | NBSP | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            MINUS => '-',
            c => c,
        })
        .collect();
    if cleaned.is_empty() || cleaned.matches('.').count() > 1 {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Round a single-choice distribution of exact percents to integers (or
/// `decimals`) so that the shown values sum to 100 (largest remainder method
/// applied only where plain rounding would leave the sum outside 99–101).
pub fn round_distribution(values: &[f64], decimals: u8) -> Vec<f64> {
    let plain: Vec<f64> = values
        .iter()
        .map(|v| round_half_away(*v, decimals))
        .collect();
    let unit = 10f64.powi(-i32::from(decimals));
    let sum: f64 = plain.iter().sum();
    let total: f64 = values.iter().sum();
    if total <= 0.0 || (sum - 100.0).abs() <= 1.0 + 1e-9 {
        return plain;
    }
    // Largest remainder: floor everything, then hand out the missing units
    // to the largest remainders (ties: the earlier category).
    let factor = 10f64.powi(i32::from(decimals));
    let floors: Vec<f64> = values.iter().map(|v| (v * factor).floor()).collect();
    let target = (100.0 * factor).round();
    let missing = (target - floors.iter().sum::<f64>()).max(0.0) as usize;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = values[a] * factor - floors[a];
        let rb = values[b] * factor - floors[b];
        rb.partial_cmp(&ra)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut out: Vec<f64> = floors.iter().map(|f| f * unit).collect();
    for &i in order.iter().take(missing) {
        out[i] += unit;
    }
    out
}

/// A share written as words, the way Norwegian prose does: `to av tre`,
/// `ni av ti`, `om lag halvparten` is left to the writer — this picks the
/// closest simple fraction with denominator 2–5 or 10.
pub fn share_in_words(percent: f64) -> String {
    const WORDS: [&str; 11] = [
        "null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti",
    ];
    let mut best = (f64::MAX, 1usize, 2usize);
    for den in [2usize, 3, 4, 5, 10] {
        for num in 1..den {
            let diff = (percent / 100.0 - num as f64 / den as f64).abs();
            if diff < best.0 - 1e-12 {
                best = (diff, num, den);
            }
        }
    }
    let (_, num, den) = best;
    format!("{} av {}", WORDS[num], WORDS[den])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_half_away(0.5, 0), 1.0);
        assert_eq!(round_half_away(1.5, 0), 2.0);
        assert_eq!(round_half_away(2.5, 0), 3.0);
        assert_eq!(round_half_away(-2.5, 0), -3.0);
        assert_eq!(round_half_away(2.449, 0), 2.0);
        assert_eq!(round_half_away(3.45, 1), 3.5);
        assert_eq!(round_half_away(2.675, 2), 2.68);
        // 182/268 = 67.91 %
        assert_eq!(round_half_away(182.0 / 268.0 * 100.0, 0), 68.0);
    }

    #[test]
    fn formats_norwegian_numbers() {
        assert_eq!(number(3.55, 1), "3,6");
        assert_eq!(number(1234.0, 0), "1234");
        assert_eq!(number(12345.0, 0), "12\u{a0}345");
        assert_eq!(number(1234567.25, 1), "1\u{a0}234\u{a0}567,3");
        assert_eq!(number(-4.0, 0), "\u{2212}4");
        assert_eq!(number(-0.2, 0), "0");
        assert_eq!(percent(68.0, 0), "68\u{a0}%");
        assert_eq!(integer(422), "422");
    }

    #[test]
    fn parses_both_decimal_marks() {
        assert_eq!(parse_number("3,5"), Some(3.5));
        assert_eq!(parse_number("1 234,5"), Some(1234.5));
        assert_eq!(parse_number("1\u{a0}234"), Some(1234.0));
        assert_eq!(parse_number("−3"), Some(-3.0));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1.2.3"), None);
        // The plain-digit fast path agrees with the general path.
        assert_eq!(parse_number("0"), Some(0.0));
        assert_eq!(parse_number("007"), Some(7.0));
        assert_eq!(parse_number("123456789012345"), Some(123_456_789_012_345.0));
        assert_eq!(
            parse_number("1234567890123456"),
            Some(1_234_567_890_123_456.0)
        );
        assert_eq!(parse_number(" 42 "), Some(42.0));
    }

    #[test]
    fn distribution_keeps_sum_within_one_of_hundred() {
        // Three equal thirds round to 33+33+33 = 99: allowed, left alone.
        let thirds = [100.0 / 3.0; 3];
        assert_eq!(round_distribution(&thirds, 0), vec![33.0, 33.0, 33.0]);
        // Six shares of 16.67 round to 17 each = 102: corrected to 100.
        let sixths = [100.0 / 6.0; 6];
        let shown = round_distribution(&sixths, 0);
        assert_eq!(shown.iter().sum::<f64>(), 100.0);
        assert_eq!(shown, vec![17.0, 17.0, 17.0, 17.0, 16.0, 16.0]);
    }

    #[test]
    fn share_words() {
        assert_eq!(share_in_words(66.0), "to av tre");
        assert_eq!(share_in_words(90.0), "ni av ti");
        assert_eq!(share_in_words(79.0), "fire av fem");
        assert_eq!(share_in_words(50.0), "en av to");
    }
}
