//! Text measurement with the metrics of the font the charts name.
//!
//! The same font files are shipped in `theme/fonts/` for the web page, so a
//! label measured here has the width it gets in the reader's browser. The
//! subset has no kerning or ligature tables, so advance widths add up exactly.

use std::sync::OnceLock;

/// The CSS font-family name the SVG uses (declare `@font-face` for it from
/// `theme/fonts/`).
pub const FONT_FAMILY: &str = "Noto Sans";

/// The value written into the SVG's `font-family`, with a generic fallback.
pub(crate) const FONT_STACK: &str = "'Noto Sans', sans-serif";

static REGULAR_TTF: &[u8] = include_bytes!("../../theme/fonts/NotoSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../theme/fonts/NotoSans-Bold.ttf");

/// Advance widths of one face, in font units, for fast lookup.
struct Metrics {
    units_per_em: f64,
    /// Advances of U+0000..U+0250 (index = code point); 0 = not in the font.
    latin: Vec<u16>,
    /// Advances of everything else the font covers, sorted by code point.
    other: Vec<(char, u16)>,
    /// Width used for characters the font lacks (its `.notdef`, or an `n`).
    fallback: u16,
}

impl Metrics {
    fn load(data: &'static [u8]) -> Metrics {
        let Ok(face) = ttf_parser::Face::parse(data, 0) else {
            // The fonts are compiled in and tested; an unparsable font would
            // be a build mistake. Fall back to a flat 0.55 em per character.
            return Metrics {
                units_per_em: 1000.0,
                latin: Vec::new(),
                other: Vec::new(),
                fallback: 550,
            };
        };
        let advance = |c: char| -> u16 {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0)
        };
        let latin = (0u32..0x250)
            .map(|u| char::from_u32(u).map(advance).unwrap_or(0))
            .collect();
        let mut other = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|u| {
                    if u >= 0x250 {
                        if let Some(c) = char::from_u32(u) {
                            other.push((c, advance(c)));
                        }
                    }
                });
            }
        }
        other.sort_unstable();
        other.dedup_by_key(|(c, _)| *c);
        let fallback = face
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .filter(|w| *w > 0)
            .unwrap_or_else(|| advance('n'));
        Metrics {
            units_per_em: f64::from(face.units_per_em()),
            latin,
            other,
            fallback,
        }
    }

    fn advance(&self, c: char) -> u16 {
        let u = c as usize;
        let found = if u < self.latin.len() {
            self.latin[u]
        } else {
            self.other
                .binary_search_by_key(&c, |(ch, _)| *ch)
                .map(|i| self.other[i].1)
                .unwrap_or(0)
        };
        if found == 0 && !c.is_control() {
            self.fallback
        } else {
            found
        }
    }

    fn width(&self, text: &str, size: f64) -> f64 {
        let units: u64 = text.chars().map(|c| u64::from(self.advance(c))).sum();
        units as f64 * size / self.units_per_em
    }
}

fn metrics(bold: bool) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    if bold {
        BOLD.get_or_init(|| Metrics::load(BOLD_TTF))
    } else {
        REGULAR.get_or_init(|| Metrics::load(REGULAR_TTF))
    }
}

/// Width in pixels of one line of `text` at `size` px.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    metrics(bold).width(text, size)
}

/// Width of the widest line of a text that may contain `\n`.
pub fn block_width(text: &str, size: f64, bold: bool) -> f64 {
    text.split('\n')
        .map(|line| text_width(line, size, bold))
        .fold(0.0, f64::max)
}

/// Measure a CSS font shorthand the way a canvas would (`bold 14px 'Noto Sans'`):
/// the size is the number before `px` (12 when missing), bold when the
/// weight is `bold`, `bolder` or 600 and above.
pub fn measure_css(text: &str, font: &str) -> f64 {
    let mut size = 12.0;
    let mut bold = false;
    for token in font.split_whitespace() {
        if let Some(px) = token.strip_suffix("px") {
            if let Ok(v) = px.parse::<f64>() {
                size = v;
            }
        } else if token == "bold" || token == "bolder" {
            bold = true;
        } else if let Ok(w) = token.parse::<u32>() {
            bold = w >= 600;
        }
    }
    block_width(text, size, bold)
}

/// Wrap `text` into lines no wider than `max_width` px, breaking at spaces
/// and after hyphens, dashes and slashes; a word longer than a line is
/// broken between letters. Nothing is cut off.
pub fn wrap(text: &str, max_width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max_width, size, bold, &mut lines);
    }
    lines
}

fn wrap_paragraph(text: &str, max_width: f64, size: f64, bold: bool, out: &mut Vec<String>) {
    let fits = |s: &str| text_width(s, size, bold) <= max_width + 1e-9;
    let mut line = String::new();
    for piece in pieces(text) {
        let candidate = format!("{line}{piece}");
        if fits(candidate.trim_end()) {
            line = candidate;
            continue;
        }
        if !line.trim().is_empty() {
            out.push(line.trim_end().to_string());
        }
        line = String::new();
        let piece = piece.trim_start();
        // Short words and units joined by a non-breaking space (`100 %`)
        // are never broken between letters; they may overhang a little.
        let unbreakable = piece.trim_end().chars().count() <= 8 || piece.contains('\u{a0}');
        if unbreakable || fits(piece.trim_end()) {
            line.push_str(piece);
            continue;
        }
        // A single word wider than the line: break between letters.
        for c in piece.chars() {
            let mut next = line.clone();
            next.push(c);
            if !fits(next.trim_end()) && !line.is_empty() {
                out.push(line.trim_end().to_string());
                line = c.to_string();
            } else {
                line = next;
            }
        }
    }
    let rest = line.trim_end();
    if !rest.is_empty() || out.is_empty() {
        out.push(rest.to_string());
    }
}

/// Split into breakable pieces: each piece ends with its break opportunity
/// (a trailing space, or a hyphen, en dash or slash inside a word).
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let next_is_space = chars.peek().map(|(_, n)| *n == ' ').unwrap_or(false);
        let breaks = match c {
            ' ' => !next_is_space,
            '-' | '–' | '/' => !next_is_space && end < text.len() && i > start,
            _ => false,
        };
        if breaks {
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A fingerprint of the measured fonts, part of the cache key.
pub fn fingerprint() -> String {
    use sha2::{Digest, Sha256};
    static PRINT: OnceLock<String> = OnceLock::new();
    PRINT
        .get_or_init(|| {
            let mut h = Sha256::new();
            h.update(REGULAR_TTF);
            h.update(BOLD_TTF);
            h.finalize()
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect()
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_real_metrics() {
        // Noto Sans: 'n' advances 618 units, space 260, upem 1000.
        assert!((text_width("n", 1000.0, false) - 618.0).abs() < 1e-9);
        assert!((text_width(" ", 10.0, false) - 2.6).abs() < 1e-9);
        // Norwegian letters are not counted as a full em any more.
        assert!(text_width("ø", 10.0, false) < 7.0);
        // Bold is wider than regular.
        assert!(text_width("Kommune", 14.0, true) > text_width("Kommune", 14.0, false));
    }

    #[test]
    fn parses_css_font_shorthand() {
        let regular = text_width("Ja", 14.0, false);
        let bold = text_width("Ja", 14.0, true);
        assert_eq!(measure_css("Ja", "normal normal 14px 'Noto Sans'"), regular);
        assert_eq!(measure_css("Ja", "bold 14px sans-serif"), bold);
        assert_eq!(measure_css("Ja", "normal 700 14px sans-serif"), bold);
        assert_eq!(measure_css("Ja", ""), text_width("Ja", 12.0, false));
    }

    #[test]
    fn wraps_without_cutting() {
        let text = "Ja, benytter NAVs nettverk i lokalt næringsliv";
        let lines = wrap(text, 120.0, 14.0, false);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(text_width(line, 14.0, false) <= 120.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn breaks_long_words_and_after_hyphens() {
        let lines = wrap("Introduksjonsprogramdeltakere", 60.0, 14.0, false);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "Introduksjonsprogramdeltakere");
        let lines = wrap("arbeids- og velferdsforvaltningen", 90.0, 14.0, false);
        assert_eq!(lines[0], "arbeids- og");
    }

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(wrap("Ja", 100.0, 14.0, false), vec!["Ja".to_string()]);
        assert_eq!(wrap("", 100.0, 14.0, false), vec![String::new()]);
    }
}
