//! Cells of a result: exact value, rounded value, count and base.
//! Rounding is half away from zero; a single-choice distribution never shows
//! a sum outside 99–101 ([`crate::format::round_distribution`]). A base of 0
//! gives cells without a value, never a division by zero.

use crate::format::{round_distribution, round_half_away};
use crate::results::Cell;

/// Percent cells of `counts` over one `base`. With `distribution` (single
/// choice: the shares add up to 100) the shown values are rounded together.
pub fn percent_cells(counts: &[u64], base: u64, distribution: bool) -> Vec<Cell> {
    if base == 0 {
        return counts.iter().map(|c| empty_cell(*c, 0)).collect();
    }
    let exact: Vec<f64> = counts
        .iter()
        .map(|c| *c as f64 * 100.0 / base as f64)
        .collect();
    let shown = if distribution {
        round_distribution(&exact, 0)
    } else {
        exact.iter().map(|v| round_half_away(*v, 0)).collect()
    };
    counts
        .iter()
        .zip(exact.iter().zip(shown))
        .map(|(c, (v, s))| Cell {
            value: Some(*v),
            shown: Some(s),
            count: Some(*c),
            base: Some(base),
        })
        .collect()
}

/// One percent cell with its own base.
pub fn percent_cell(count: u64, base: u64) -> Cell {
    percent_cells(&[count], base, false).remove(0)
}

/// Count cells (histograms): the value is the count; `base` is the N.
pub fn count_cells(counts: &[u64], base: u64) -> Vec<Cell> {
    counts
        .iter()
        .map(|c| Cell {
            value: Some(*c as f64),
            shown: Some(*c as f64),
            count: Some(*c),
            base: Some(base),
        })
        .collect()
}

/// A plain value cell (register series), rounded to `decimals`.
pub fn value_cell(value: Option<f64>, decimals: u8) -> Cell {
    Cell {
        value,
        shown: value.map(|v| round_half_away(v, decimals)),
        count: None,
        base: None,
    }
}

/// A mean cell: `sum / n` to one decimal; no value when `n` is 0.
pub fn mean_cell(sum: f64, n: u64) -> Cell {
    if n == 0 {
        return empty_cell(0, 0);
    }
    let v = sum / n as f64;
    Cell {
        value: Some(v),
        shown: Some(round_half_away(v, 1)),
        count: Some(n),
        base: Some(n),
    }
}

/// A cell with nothing to show.
pub fn empty_cell(count: u64, base: u64) -> Cell {
    Cell {
        value: None,
        shown: None,
        count: Some(count),
        base: Some(base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(cells: &[Cell]) -> Vec<f64> {
        cells.iter().map(|c| c.shown.unwrap()).collect()
    }

    #[test]
    fn percents_of_a_base() {
        // 182 of 268 = 67.91 → 68; 86 of 268 = 32.09 → 32.
        let cells = percent_cells(&[182, 86], 268, true);
        assert_eq!(shown(&cells), vec![68.0, 32.0]);
        assert!((cells[0].value.unwrap() - 67.910_447_761).abs() < 1e-6);
        assert_eq!(cells[0].count, Some(182));
        assert_eq!(cells[0].base, Some(268));
    }

    #[test]
    fn half_rounds_away_from_zero() {
        // 1 of 8 = 12.5 → 13; 3 of 8 = 37.5 → 38 (multi: no adjustment).
        assert_eq!(shown(&percent_cells(&[1, 3], 8, false)), vec![13.0, 38.0]);
        // 1 of 200 = 0.5 → 1.
        assert_eq!(shown(&percent_cells(&[1], 200, false)), vec![1.0]);
    }

    #[test]
    fn distribution_sum_is_kept_within_99_101() {
        // 1/6 each: plain rounding gives 17 × 6 = 102; shown must sum to 100.
        let cells = percent_cells(&[1, 1, 1, 1, 1, 1], 6, true);
        assert_eq!(shown(&cells).iter().sum::<f64>(), 100.0);
        // The same shares in a multiple-choice question are not adjusted.
        let multi = percent_cells(&[1, 1, 1, 1, 1, 1], 6, false);
        assert_eq!(shown(&multi), vec![17.0; 6]);
        // 1/8 + 3/8 + 3/8 + 1/8 = 12.5, 37.5, 37.5, 12.5 → 13+38+38+13 = 102 → 100.
        let c = percent_cells(&[1, 3, 3, 1], 8, true);
        assert_eq!(shown(&c).iter().sum::<f64>(), 100.0);
    }

    #[test]
    fn zero_base_has_no_value() {
        let cells = percent_cells(&[0, 0], 0, true);
        assert_eq!(cells[0].value, None);
        assert_eq!(cells[0].shown, None);
        assert_eq!(cells[0].base, Some(0));
        assert_eq!(mean_cell(0.0, 0).value, None);
    }

    #[test]
    fn means_to_one_decimal() {
        // (4 + 4 + 3 + 3) / 4 = 3.5; 3.45 → 3.5 (half away).
        assert_eq!(mean_cell(14.0, 4).shown, Some(3.5));
        assert_eq!(mean_cell(6.9, 2).shown, Some(3.5));
        assert_eq!(mean_cell(10.0, 3).shown, Some(3.3));
    }
}
