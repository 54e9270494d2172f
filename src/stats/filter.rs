//! Filters: only units that gave certain answers to another question.

/// The rows among `rows` whose code is one of `accept`.
pub fn rows_with_codes(values: &[Option<i64>], rows: &[usize], accept: &[i64]) -> Vec<usize> {
    rows.iter()
        .copied()
        .filter(|&r| {
            values
                .get(r)
                .copied()
                .flatten()
                .is_some_and(|v| accept.contains(&v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_accepted_codes() {
        let v = [Some(1), Some(2), None, Some(1), Some(3)];
        assert_eq!(rows_with_codes(&v, &[0, 1, 2, 3, 4], &[1]), vec![0, 3]);
        assert_eq!(rows_with_codes(&v, &[1, 2, 4], &[2, 3]), vec![1, 4]);
        assert!(rows_with_codes(&v, &[0, 1], &[]).is_empty());
    }
}
