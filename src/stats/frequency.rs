//! Frequency distributions: how many units gave each answer.

/// Counts per category and the base N (units with a valid answer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frequency {
    pub counts: Vec<u64>,
    pub n: u64,
}

/// Count the answers of the given units. `chosen[row]` lists the categories a
/// unit chose (one for single choice, any number for multiple choice) or is
/// `None` when the unit did not answer; unanswered units are not in N.
pub fn frequency<P: AsRef<[usize]>>(
    chosen: &[Option<P>],
    rows: &[usize],
    categories: usize,
) -> Frequency {
    let mut f = Frequency {
        counts: vec![0; categories],
        n: 0,
    };
    for &row in rows {
        if let Some(Some(answers)) = chosen.get(row) {
            f.n += 1;
            for &a in answers.as_ref() {
                if let Some(c) = f.counts.get_mut(a) {
                    *c += 1;
                }
            }
        }
    }
    f
}

/// Counts of single codes (`None` = missing) against a list of codes.
pub fn code_frequency(values: &[Option<i64>], codes: &[i64]) -> Frequency {
    let mut f = Frequency {
        counts: vec![0; codes.len()],
        n: 0,
    };
    for v in values.iter().flatten() {
        if let Some(i) = codes.iter().position(|c| c == v) {
            f.counts[i] += 1;
            f.n += 1;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_choice_excludes_missing() {
        let f = code_frequency(&[Some(1), Some(2), None, Some(1), Some(1)], &[1, 2]);
        assert_eq!(
            f,
            Frequency {
                counts: vec![3, 1],
                n: 4
            }
        );
    }

    #[test]
    fn multiple_choice_counts_each_option_once_per_unit() {
        let chosen = vec![Some(vec![0, 1]), Some(vec![1]), None, Some(vec![2])];
        let f = frequency(&chosen, &[0, 1, 2, 3], 3);
        assert_eq!(
            f,
            Frequency {
                counts: vec![1, 2, 1],
                n: 3
            }
        );
        // Only the selected rows count.
        assert_eq!(
            frequency(&chosen, &[1, 2], 3),
            Frequency {
                counts: vec![0, 1, 0],
                n: 1
            }
        );
    }

    #[test]
    fn no_answers_is_n_zero() {
        assert_eq!(frequency::<Vec<usize>>(&[None, None], &[0, 1], 2).n, 0);
        assert_eq!(code_frequency(&[], &[1]).n, 0);
    }
}
