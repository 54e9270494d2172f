//! Filters: only units that gave certain answers to another question.

use crate::data::{Codes, Numbers};

/// The rows among `rows` whose code is one of `accept`.
pub fn rows_with_codes(values: &Codes, rows: &[usize], accept: &[i64]) -> Vec<usize> {
    let accepted = |code: Option<i64>| code.is_some_and(|v| accept.contains(&v));
    match values.bytes() {
        // One-byte codes: each byte value is decided once.
        Some(bytes) => {
            let table: [bool; 256] =
                std::array::from_fn(|b| accepted(Codes::code_of_byte(b as u8)));
            rows.iter()
                .copied()
                .filter(|&r| bytes.get(r).is_some_and(|&b| table[usize::from(b)]))
                .collect()
        }
        None => rows
            .iter()
            .copied()
            .filter(|&r| accepted(values.get(r)))
            .collect(),
    }
}

/// The rows among `rows` with at least one of `columns` (option columns of a
/// multiple-choice question) ticked.
pub fn rows_with_any_flag(columns: &[&[Option<bool>]], rows: &[usize]) -> Vec<usize> {
    rows.iter()
        .copied()
        .filter(|&r| {
            columns
                .iter()
                .any(|c| c.get(r).copied().flatten() == Some(true))
        })
        .collect()
}

/// The rows among `rows` whose number lies within `min..=max` (a bound that
/// is `None` is open); missing numbers never do.
pub fn rows_in_range(
    values: &Numbers,
    rows: &[usize],
    min: Option<f64>,
    max: Option<f64>,
) -> Vec<usize> {
    rows.iter()
        .copied()
        .filter(|&r| {
            values
                .get(r)
                .is_some_and(|v| min.is_none_or(|lo| v >= lo) && max.is_none_or(|hi| v <= hi))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_accepted_codes() {
        let v: Codes = [Some(1), Some(2), None, Some(1), Some(3)]
            .into_iter()
            .collect();
        assert!(v.bytes().is_some());
        assert_eq!(rows_with_codes(&v, &[0, 1, 2, 3, 4], &[1]), vec![0, 3]);
        assert_eq!(rows_with_codes(&v, &[1, 2, 4], &[2, 3]), vec![1, 4]);
        assert!(rows_with_codes(&v, &[0, 1], &[]).is_empty());
        assert_eq!(
            rows_with_codes(&v, &[2, 9], &[1, 2, 3]),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn wide_codes_filter_alike() {
        let v: Codes = [Some(1), Some(300), None, Some(1), Some(3)]
            .into_iter()
            .collect();
        assert!(v.bytes().is_none());
        assert_eq!(rows_with_codes(&v, &[0, 1, 2, 3, 4], &[1]), vec![0, 3]);
        assert_eq!(rows_with_codes(&v, &[0, 1, 2, 4], &[300, 3]), vec![1, 4]);
    }

    #[test]
    fn keeps_rows_with_any_option_ticked() {
        let a = [Some(true), Some(false), None, Some(false)];
        let b = [Some(false), Some(false), Some(true), None];
        assert_eq!(rows_with_any_flag(&[&a, &b], &[0, 1, 2, 3]), vec![0, 2]);
        assert_eq!(rows_with_any_flag(&[&a], &[1, 2, 3]), Vec::<usize>::new());
        assert_eq!(rows_with_any_flag(&[&b], &[0, 2]), vec![2]);
    }

    #[test]
    fn keeps_numbers_within_bounds() {
        let v: Numbers = [Some(5.0), Some(10.0), None, Some(15.5), Some(-1.0)]
            .into_iter()
            .collect();
        let all = [0, 1, 2, 3, 4];
        assert_eq!(rows_in_range(&v, &all, Some(5.0), Some(10.0)), vec![0, 1]);
        assert_eq!(rows_in_range(&v, &all, Some(10.0), None), vec![1, 3]);
        assert_eq!(rows_in_range(&v, &all, None, Some(0.0)), vec![4]);
        assert_eq!(rows_in_range(&v, &all, None, None), vec![0, 1, 3, 4]);
        assert_eq!(rows_in_range(&v, &[2, 3], Some(0.0), None), vec![3]);
    }
}
