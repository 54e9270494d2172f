//! Filters: only units that gave certain answers to another question.

use crate::data::Codes;

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
}
