//! Counts by value (histogram) with fixed-width bins.

/// The lower edges of the bins `min, min+step, …, max`.
pub fn edges(min: f64, max: f64, step: f64) -> Result<Vec<f64>, String> {
    if step.is_nan() || step <= 0.0 || !min.is_finite() || !max.is_finite() || max < min {
        return Err("a histogram needs min <= max and step > 0".into());
    }
    let count = ((max - min) / step + 1e-9).floor() as usize + 1;
    if count > 1000 {
        return Err(format!(
            "a histogram of {count} bins is too many (at most 1000)"
        ));
    }
    Ok((0..count).map(|i| min + i as f64 * step).collect())
}

/// The bin of a value: `edge <= x < edge + step`; the last bin also takes
/// values up to `max` inclusive. Values below `min` or above `max` have none.
pub fn bin_of(x: f64, min: f64, max: f64, step: f64, bins: usize) -> Option<usize> {
    if x < min - 1e-9 || x > max + 1e-9 || bins == 0 {
        return None;
    }
    let i = ((x - min) / step + 1e-9).floor() as usize;
    Some(i.min(bins - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_of_ten() {
        let e = edges(0.0, 100.0, 10.0).unwrap();
        assert_eq!(e.len(), 11);
        assert_eq!(e[7], 70.0);
        assert_eq!(bin_of(70.0, 0.0, 100.0, 10.0, 11), Some(7));
        assert_eq!(bin_of(75.0, 0.0, 100.0, 10.0, 11), Some(7));
        assert_eq!(bin_of(100.0, 0.0, 100.0, 10.0, 11), Some(10));
        assert_eq!(bin_of(-1.0, 0.0, 100.0, 10.0, 11), None);
        assert_eq!(bin_of(101.0, 0.0, 100.0, 10.0, 11), None);
        assert!(edges(0.0, 10.0, 0.0).is_err());
        assert!(edges(10.0, 0.0, 1.0).is_err());
    }
}
