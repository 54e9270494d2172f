//! The one chart theme: calm colours on white, dark text, sizes that read
//! at 360 px and at 1200 px.
//!
//! The palette alternates dark and light colours so that every colour has at
//! least 3:1 contrast against white and against its neighbours (WCAG 2.1
//! 1.4.11); value labels carry the numbers, so colour is never the only
//! carrier of meaning.

/// Series colours in order. Dark and light alternate.
pub const PALETTE: &[&str] = &[
    "#0a2d5e", // navy (dark)
    "#d97000", // orange (light)
    "#0f3d24", // forest green (dark)
    "#8a8f99", // grey (light)
    "#5c1a3a", // wine (dark)
    "#2f9e8f", // teal (light)
];

/// Main text colour.
pub const TEXT: &str = "#1a1a1a";
/// Secondary text colour (axis ticks); 4.5:1 or more on white.
pub const TEXT_MUTED: &str = "#4a4a4a";
/// Axis and grid lines.
pub const LINE: &str = "#8c8c8c";
/// Faint grid lines.
pub const GRID_LINE: &str = "#e3e3e3";

/// Width of the SVG's coordinate system (the viewBox); the SVG scales to
/// the width of its container. Narrow on purpose: on a 360 px phone the
/// 14 px labels still show at about 10–11 px.
pub const WIDTH: u32 = 440;
/// The widest the SVG is drawn (CSS px), so labels stay at most about
/// 20 px on wide screens.
pub const MAX_DISPLAY_WIDTH: u32 = 640;
/// Category and legend label size in px.
pub const FONT_SIZE: f64 = 14.0;
/// Value label size in px.
pub const VALUE_FONT_SIZE: f64 = 13.0;
/// Line height of wrapped labels.
pub const LINE_HEIGHT: f64 = 18.0;
/// Outer margin around the plot.
pub const MARGIN: f64 = 12.0;

/// The colour of series `i` (cycling).
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Text colour readable on a fill of series `i`: white on the dark
/// colours, the main text colour on the light ones.
pub fn text_on(i: usize) -> &'static str {
    if relative_luminance(colour(i)) < 0.1 {
        "#ffffff"
    } else {
        TEXT
    }
}

/// WCAG relative luminance of a `#rrggbb` colour (0 when unparsable).
pub fn relative_luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let channel = |i: usize| -> f64 {
        let v = h
            .get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0);
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luminance_of_black_and_white() {
        assert_eq!(relative_luminance("#000000"), 0.0);
        assert!((relative_luminance("#ffffff") - 1.0).abs() < 1e-12);
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    }

    #[test]
    fn palette_contrasts_with_white_and_neighbours() {
        for (i, c) in PALETTE.iter().enumerate() {
            assert!(contrast(c, "#ffffff") >= 3.0, "{c} on white");
            let next = PALETTE[(i + 1) % PALETTE.len()];
            assert!(contrast(c, next) >= 3.0, "{c} next to {next}");
        }
    }

    #[test]
    fn labels_on_fills_are_readable() {
        for i in 0..PALETTE.len() {
            assert!(
                contrast(text_on(i), colour(i)) >= 4.5,
                "label on {}",
                colour(i)
            );
        }
        assert!(contrast(TEXT_MUTED, "#ffffff") >= 4.5);
    }
}
