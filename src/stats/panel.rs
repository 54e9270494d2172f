//! Panels across editions: the units with a valid answer in every listed
//! edition.

use std::collections::BTreeSet;

/// Resolve edition references: numbers from −99 to 99 are relative to
/// `current` (`-2` = two editions back by year), others are years.
pub fn resolve_editions(current: i32, editions: &[i64]) -> Vec<i32> {
    let mut years: Vec<i32> = editions
        .iter()
        .map(|&e| {
            if e.abs() < 100 {
                current + e as i32
            } else {
                e as i32
            }
        })
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The units present in every set.
pub fn intersect(sets: &[BTreeSet<String>]) -> BTreeSet<String> {
    let mut iter = sets.iter();
    let Some(first) = iter.next() else {
        return BTreeSet::new();
    };
    iter.fold(first.clone(), |acc, s| {
        acc.intersection(s).cloned().collect()
    })
}

/// The caption words for a panel: `alle årene 2016–2018`, `både i 2016 og
/// 2018`, `i 2015, 2016 og 2018`.
pub fn years_text(years: &[i32]) -> String {
    match years {
        [] => String::new(),
        [one] => format!("i {one}"),
        [a, b] => format!("både i {a} og {b}"),
        _ if years.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("alle årene {}–{}", years[0], years[years.len() - 1])
        }
        _ => {
            let (last, rest) = years.split_last().unwrap_or((&0, &[]));
            let rest: Vec<String> = rest.iter().map(i32::to_string).collect();
            format!("i {} og {last}", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_absolute_editions() {
        assert_eq!(resolve_editions(2018, &[-2, -1, 0]), vec![2016, 2017, 2018]);
        assert_eq!(resolve_editions(2018, &[2015, 0]), vec![2015, 2018]);
        assert_eq!(resolve_editions(2019, &[-2, 0]), vec![2017, 2019]);
    }

    #[test]
    fn intersection_of_units() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();
        let i = intersect(&[
            s(&["0301", "1804", "5001"]),
            s(&["1804", "5001"]),
            s(&["5001", "0301", "1804"]),
        ]);
        assert_eq!(i, s(&["1804", "5001"]));
        assert!(intersect(&[s(&["a"]), s(&[])]).is_empty());
        assert!(intersect(&[]).is_empty());
    }

    #[test]
    fn caption_words() {
        assert_eq!(years_text(&[2016, 2017, 2018]), "alle årene 2016–2018");
        assert_eq!(years_text(&[2016, 2018]), "både i 2016 og 2018");
        assert_eq!(years_text(&[2015, 2016, 2018]), "i 2015, 2016 og 2018");
    }
}
