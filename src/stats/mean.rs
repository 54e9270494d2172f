//! Means of rating scales and numbers.

/// A running sum and count.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MeanAcc {
    pub sum: f64,
    pub n: u64,
}

impl MeanAcc {
    /// Add one value.
    pub fn add(&mut self, v: f64) {
        self.sum += v;
        self.n += 1;
    }

    /// Add another accumulator (pooling).
    pub fn merge(&mut self, other: MeanAcc) {
        self.sum += other.sum;
        self.n += other.n;
    }

    /// The mean, or `None` without values.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

/// The mean of the scores of the given rows (`None` scores — missing or not
/// valid for the mean, such as "Ikke relevant" — are left out).
pub fn mean_of(scores: &[Option<f64>], rows: &[usize]) -> MeanAcc {
    let mut acc = MeanAcc::default();
    for &r in rows {
        if let Some(Some(v)) = scores.get(r) {
            acc.add(*v);
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_excludes_not_valid() {
        // Scores 5, 4, (ikke relevant), 2 → 11 / 3 = 3.67.
        let scores = [Some(5.0), Some(4.0), None, Some(2.0)];
        let acc = mean_of(&scores, &[0, 1, 2, 3]);
        assert_eq!(acc.n, 3);
        assert!((acc.mean().unwrap() - 11.0 / 3.0).abs() < 1e-12);
        assert_eq!(mean_of(&scores, &[2]).mean(), None);
    }

    #[test]
    fn pooling() {
        let mut a = MeanAcc { sum: 7.0, n: 2 };
        a.merge(MeanAcc { sum: 3.0, n: 2 });
        assert_eq!(a.mean(), Some(2.5));
    }
}
