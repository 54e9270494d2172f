//! The Table-1 comparison: the distribution of a unit attribute's bins among
//! all units and among the respondents of each sub-survey.

use super::frequency::Frequency;

/// Count units per bin; units without a bin are not in N.
pub fn bin_distribution(bins: impl IntoIterator<Item = Option<usize>>, count: usize) -> Frequency {
    let mut f = Frequency {
        counts: vec![0; count],
        n: 0,
    };
    for b in bins.into_iter().flatten() {
        if let Some(c) = f.counts.get_mut(b) {
            *c += 1;
            f.n += 1;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::cells::percent_cells;

    #[test]
    fn all_units_versus_respondents() {
        // Five units in bins 0,0,1,2,2; respondents are units 0, 2, 3.
        let bins = [Some(0), Some(0), Some(1), Some(2), Some(2)];
        let all = bin_distribution(bins, 3);
        assert_eq!((all.counts.clone(), all.n), (vec![2, 1, 2], 5));
        let resp = bin_distribution([0usize, 2, 3].iter().map(|&i| bins[i]), 3);
        assert_eq!((resp.counts.clone(), resp.n), (vec![1, 1, 1], 3));
        // 33.3 each → 33+33+33 = 99 is within 99–101 and left alone.
        let shown: Vec<f64> = percent_cells(&resp.counts, resp.n, true)
            .iter()
            .map(|c| c.shown.unwrap())
            .collect();
        assert_eq!(shown, vec![33.0, 33.0, 33.0]);
        assert_eq!(bin_distribution([None, None], 2).n, 0);
    }
}
