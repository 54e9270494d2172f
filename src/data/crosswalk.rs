//! Unit crosswalk: municipality numbers change with mergers and splits (the
//! 2020 reform). `data/kommuneendringer.csv` of an edition (or the file named
//! by `[crosswalk]` in `utgave.toml`) lists the changes up to that edition:
//!
//! ```text
//! gammelt_nr;nytt_nr;aar
//! 1702;5004;2020        # Steinkjer and Verran became 5004 Steinkjer (merger)
//! 1703;5004;2020
//! 1613;5013;2020        # Snillfjord was split between three municipalities
//! 1613;5055;2020
//! 1613;5056;2020
//! ```
//!
//! `aar` is the first edition year that uses the new number. A unit of edition
//! Y is carried to edition H through every change with Y < aar ≤ H, in year
//! order. Rules for panels (see [`map_rows`]): a merged unit is in the panel
//! when at least one of its predecessors answered and all that answered gave
//! the same answer (then that answer counts once); when they disagree the unit
//! is left out of that year and reported. A split unit cannot be carried to one
//! successor: it is unmappable, and so is a unit whose number is in neither the
//! crosswalk nor the later edition's register. Unmappable units are reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::dataset::{normalise_key, Keys};
use super::DataError;
use crate::error::Error;

/// The crosswalk file found by convention in an edition folder.
pub const DEFAULT_FILE: &str = "data/kommuneendringer.csv";

/// `[crosswalk]` of `utgave.toml`: a crosswalk file elsewhere.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrosswalkSource {
    pub file: PathBuf,
}

/// One row: from edition year `year` on, unit `old` is (part of) unit `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub old: String,
    pub new: String,
    pub year: i32,
}

/// The unit changes, in year order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Crosswalk {
    pub path: PathBuf,
    changes: Vec<Change>,
}

impl Crosswalk {
    /// A crosswalk from its changes (sorted by year; file order kept within a year).
    pub fn from_changes(path: &Path, mut changes: Vec<Change>) -> Self {
        changes.sort_by_key(|c| c.year);
        Crosswalk {
            path: path.to_path_buf(),
            changes,
        }
    }

    /// Read a crosswalk file (CSV or .xlsx with `gammelt_nr`, `nytt_nr`, `aar`).
    pub fn read(path: &Path) -> Result<Crosswalk, Error> {
        let table = super::table::read(path)?;
        let col = |name: &str| {
            table.column(name).ok_or_else(|| {
                Error::new(DataError::Invalid(format!(
                    "the crosswalk {} has no column `{name}`",
                    path.display()
                )))
                .at(table.location(1, 0))
                .with_help("the header must be `gammelt_nr;nytt_nr;aar`")
            })
        };
        let (old, new, year) = (col("gammelt_nr")?, col("nytt_nr")?, col("aar")?);
        let mut changes = Vec::new();
        for row in &table.rows {
            let cell = |c: usize| {
                row.cells
                    .get(c)
                    .cloned()
                    .unwrap_or(super::table::RawCell::Empty)
            };
            let (o, n) = (normalise_key(&cell(old)), normalise_key(&cell(new)));
            let y = cell(year)
                .number()
                .filter(|y| y.fract() == 0.0 && *y > 1900.0);
            let (Some(y), false, false) = (y, o.is_empty(), n.is_empty()) else {
                return Err(table
                    .error_at(
                        DataError::Invalid(format!(
                            "crosswalk row needs `gammelt_nr`, `nytt_nr` and a year in `aar` (line {})",
                            row.line
                        )),
                        row.line,
                        year + 1,
                    )
                    .with_help("e.g. `1702;5004;2020`: 1702 is part of 5004 from the 2020 edition"));
            };
            changes.push(Change {
                old: o,
                new: n,
                year: y as i32,
            });
        }
        Ok(Crosswalk::from_changes(path, changes))
    }

    /// The numbers in edition `to` of unit `key` of edition `from`: one for
    /// an unchanged or merged unit, several for a split one.
    pub fn successors(&self, key: &str, from: i32, to: i32) -> Vec<String> {
        let mut current = vec![key.to_string()];
        let mut i = 0;
        while i < self.changes.len() {
            let year = self.changes[i].year;
            let end = i + self.changes[i..]
                .iter()
                .take_while(|c| c.year == year)
                .count();
            if year > from && year <= to {
                let step = &self.changes[i..end];
                let mut next = Vec::new();
                for k in &current {
                    let news: Vec<&String> = step
                        .iter()
                        .filter(|c| &c.old == k)
                        .map(|c| &c.new)
                        .collect();
                    if news.is_empty() {
                        next.push(k.clone());
                    } else {
                        next.extend(news.into_iter().cloned());
                    }
                }
                next.sort();
                next.dedup();
                current = next;
            }
            i = end;
        }
        current
    }
}

/// An earlier edition's rows carried onto the home edition's units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapped {
    /// Per home unit: its number there and the row whose answer it takes.
    pub units: Vec<(String, usize)>,
    /// Numbers of the earlier edition that map to no single home unit.
    pub unmapped: Vec<String>,
    /// Home units whose predecessors answered differently (left out).
    pub conflicts: Vec<String>,
}

/// Carry `rows` (rows with a valid answer; `keys[row]` is the unit number) of
/// edition `from` onto edition `to`. `known` says whether a number exists in
/// the home edition (its register; `None` = no register, every number is
/// accepted); `same` says whether two rows gave the same answer.
pub fn map_rows(
    crosswalk: Option<&Crosswalk>,
    known: Option<&dyn Fn(&str) -> bool>,
    keys: &Keys,
    rows: &[usize],
    (from, to): (i32, i32),
    same: impl Fn(usize, usize) -> bool,
) -> Mapped {
    let mut out = Mapped::default();
    let mut by_home: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &r in rows {
        let key = &keys[r];
        let succ = match crosswalk {
            Some(cw) if from != to => cw.successors(key, from, to),
            _ => vec![key.to_string()],
        };
        match succ.as_slice() {
            [one] if known.is_none_or(|k| k(one)) => {
                by_home.entry(one.clone()).or_default().push(r)
            }
            _ => out.unmapped.push(key.to_string()),
        }
    }
    for (home, members) in by_home {
        if members.iter().all(|&m| same(members[0], m)) {
            out.units.push((home, members[0]));
        } else {
            out.conflicts.push(home);
        }
    }
    out.unmapped.sort();
    out.unmapped.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(old: &str, new: &str, year: i32) -> Change {
        Change {
            old: old.into(),
            new: new.into(),
            year,
        }
    }

    fn reform() -> Crosswalk {
        Crosswalk::from_changes(
            Path::new("k.csv"),
            vec![
                ch("1702", "5004", 2020),
                ch("1703", "5004", 2020),
                ch("1613", "5013", 2020),
                ch("1613", "5055", 2020),
                ch("5004", "5006", 2024),
            ],
        )
    }

    #[test]
    fn successors_follow_changes_in_year_order() {
        let cw = reform();
        assert_eq!(cw.successors("1702", 2019, 2020), ["5004"]);
        assert_eq!(cw.successors("1702", 2019, 2025), ["5006"]);
        assert_eq!(cw.successors("1702", 2020, 2021), ["1702"]);
        assert_eq!(cw.successors("1613", 2018, 2020), ["5013", "5055"]);
        assert_eq!(cw.successors("0301", 2018, 2020), ["0301"]);
    }

    #[test]
    fn merger_split_and_unknown_units() {
        let cw = reform();
        let keys: Keys = ["0301", "1702", "1703", "1613", "9999", "1711"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let answers = [1, 2, 2, 1, 1, 1];
        let home = ["0301", "5004", "5013", "5055", "1711"];
        let known = |k: &str| home.contains(&k);
        let m = map_rows(
            Some(&cw),
            Some(&known),
            &keys,
            &[0, 1, 2, 3, 4, 5],
            (2019, 2020),
            |a, b| answers[a] == answers[b],
        );
        // The merger 1702 + 1703 → 5004 agrees (both 2): one unit, row 1.
        assert_eq!(
            m.units,
            vec![("0301".into(), 0), ("1711".into(), 5), ("5004".into(), 1)]
        );
        // 1613 was split; 9999 is in neither the crosswalk nor the register.
        assert_eq!(m.unmapped, ["1613", "9999"]);
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn disagreeing_predecessors_are_left_out() {
        let cw = reform();
        let keys: Keys = ["1702", "1703"].into_iter().collect();
        let answers = [1, 2];
        let m = map_rows(Some(&cw), None, &keys, &[0, 1], (2019, 2020), |a, b| {
            answers[a] == answers[b]
        });
        assert!(m.units.is_empty());
        assert_eq!(m.conflicts, ["5004"]);
        // Only one predecessor answered: it speaks for the merged unit.
        let m = map_rows(Some(&cw), None, &keys, &[1], (2019, 2020), |a, b| {
            answers[a] == answers[b]
        });
        assert_eq!(m.units, vec![("5004".into(), 1)]);
    }

    #[test]
    fn reads_a_crosswalk_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.csv");
        std::fs::write(
            &p,
            "gammelt_nr;nytt_nr;aar\n1702;5004;2020\n301;0301;2020\n",
        )
        .unwrap();
        let cw = Crosswalk::read(&p).unwrap();
        assert_eq!(cw.successors("1702", 2019, 2020), ["5004"]);
        std::fs::write(&p, "gammelt_nr;nytt_nr\n1702;5004\n").unwrap();
        let e = Crosswalk::read(&p).unwrap_err();
        assert!(e.to_string().contains("`aar`"), "{e}");
        std::fs::write(&p, "gammelt_nr;nytt_nr;aar\n1702;5004;\n").unwrap();
        assert!(Crosswalk::read(&p).is_err());
    }
}
