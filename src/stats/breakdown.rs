//! Breakdown by a binned unit attribute: the rows of each bin.

/// Split `rows` by bin: `bin_of(row)` gives a row's bin (`None` = no value,
/// left out). Empty bins are kept (empty lists).
pub fn split_by_bin(
    rows: &[usize],
    bins: usize,
    bin_of: impl Fn(usize) -> Option<usize>,
) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); bins];
    for &r in rows {
        if let Some(b) = bin_of(r) {
            if let Some(list) = out.get_mut(b) {
                list.push(r);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::cells::percent_cells;
    use crate::stats::frequency::frequency;

    #[test]
    fn crosstab_percent_within_each_group() {
        // Units 0..6; bins: small = {0, 1, 2}, large = {3, 4}, none = {5}; empty third bin.
        let bins = [Some(0), Some(0), Some(0), Some(1), Some(1), None];
        let groups = split_by_bin(&[0, 1, 2, 3, 4, 5], 3, |r| bins[r]);
        assert_eq!(groups, vec![vec![0, 1, 2], vec![3, 4], vec![]]);
        // Answers Ja/Nei: small 2 Ja 1 Nei; large 1 Ja, 1 missing.
        let chosen = vec![
            Some(vec![0]),
            Some(vec![0]),
            Some(vec![1]),
            Some(vec![0]),
            None,
            Some(vec![1]),
        ];
        let small = frequency(&chosen, &groups[0], 2);
        let large = frequency(&chosen, &groups[1], 2);
        let empty = frequency(&chosen, &groups[2], 2);
        assert_eq!((small.counts.clone(), small.n), (vec![2, 1], 3));
        assert_eq!((large.counts.clone(), large.n), (vec![1, 0], 1));
        assert_eq!(empty.n, 0);
        let shown: Vec<f64> = percent_cells(&small.counts, small.n, true)
            .iter()
            .map(|c| c.shown.unwrap())
            .collect();
        assert_eq!(shown, vec![67.0, 33.0]);
        assert_eq!(percent_cells(&empty.counts, empty.n, true)[0].value, None);
    }
}
