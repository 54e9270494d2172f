//! A variable's answers in one uniform shape: a list of answer categories and,
//! per unit, the categories it chose (`None` = no valid answer). Single choice,
//! multiple choice, rating scales and binned numbers all become [`Answers`],
//! so frequencies, breakdowns and panels are computed the same way.

use std::borrow::Cow;

use crate::data::{Codes, Variable};

/// The categories one unit chose. A single category is borrowed from a
/// static table, so a million single-choice answers cost no allocation.
pub type Picked = Cow<'static, [usize]>;

/// `0, 1, 2, …`: the borrowed single categories.
static SINGLES: [usize; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = i;
        i += 1;
    }
    table
};

/// One chosen category.
pub fn one(category: usize) -> Picked {
    match SINGLES.get(category..=category) {
        Some(slice) => Cow::Borrowed(slice),
        None => Cow::Owned(vec![category]),
    }
}

/// The answers of one variable in one dataset.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answers {
    /// Category labels in display order.
    pub labels: Vec<String>,
    /// Per dataset row: the chosen categories, or `None` for no valid answer.
    pub chosen: Vec<Option<Picked>>,
    /// Per dataset row: the score for a mean (valid rating codes, numbers).
    pub scores: Vec<Option<f64>>,
    /// True when a unit may choose several categories.
    pub multi: bool,
    /// Named groupings of categories (`God` = the categories of codes 4 and 5).
    pub groups: Vec<(String, Vec<usize>)>,
}

impl Answers {
    /// Answers of a single-choice or rating variable from its code column.
    pub fn from_codes(values: &Codes, variable: &Variable) -> Answers {
        let category = |code: Option<i64>| {
            code.and_then(|code| variable.codes.iter().position(|c| c.code == code))
                .map(one)
        };
        let score = |code: Option<i64>| {
            code.and_then(|code| variable.code(code))
                .filter(|c| c.valid)
                .map(|c| c.code as f64)
        };
        let (chosen, scores) = match values.bytes() {
            // One-byte codes: each byte value is looked up once.
            Some(bytes) => {
                let code = |b: usize| Codes::code_of_byte(b as u8);
                let categories: [Option<Picked>; 256] = std::array::from_fn(|b| category(code(b)));
                let scores: [Option<f64>; 256] = std::array::from_fn(|b| score(code(b)));
                (
                    bytes
                        .iter()
                        .map(|&b| categories[usize::from(b)].clone())
                        .collect(),
                    bytes.iter().map(|&b| scores[usize::from(b)]).collect(),
                )
            }
            None => (
                values.iter().map(category).collect(),
                values.iter().map(score).collect(),
            ),
        };
        let groups = variable
            .groups
            .iter()
            .map(|g| {
                let members = g
                    .codes
                    .iter()
                    .filter_map(|code| variable.codes.iter().position(|c| c.code == *code))
                    .collect();
                (g.label.clone(), members)
            })
            .collect();
        Answers {
            labels: variable.codes.iter().map(|c| c.label.clone()).collect(),
            chosen,
            scores,
            multi: false,
            groups,
        }
    }

    /// Answers of a multiple-choice variable from its option columns. A unit
    /// answered when at least one option is 1.
    pub fn from_flags(columns: &[&[Option<bool>]], labels: Vec<String>, rows: usize) -> Answers {
        let chosen = (0..rows)
            .map(|r| {
                let picked: Vec<usize> = columns
                    .iter()
                    .enumerate()
                    .filter(|(_, col)| col.get(r).copied().flatten() == Some(true))
                    .map(|(i, _)| i)
                    .collect();
                (!picked.is_empty()).then_some(Cow::Owned(picked))
            })
            .collect();
        Answers {
            labels,
            chosen,
            scores: vec![None; rows],
            multi: true,
            groups: Vec::new(),
        }
    }

    /// Rows (units) with a valid answer.
    pub fn valid_rows(&self) -> Vec<usize> {
        (0..self.chosen.len())
            .filter(|&r| self.chosen[r].is_some())
            .collect()
    }

    /// Merge categories: each `(label, from)` replaces the `from` categories
    /// (those present) by one category at the place of the first; a unit that
    /// chose any of them chose the merged one. Returns the `from` labels found.
    pub fn merge(&mut self, merges: &[(String, Vec<String>)]) -> Vec<String> {
        let mut found = Vec::new();
        for (label, from) in merges {
            let members: Vec<usize> = from
                .iter()
                .filter_map(|f| self.labels.iter().position(|l| l == f))
                .collect();
            found.extend(members.iter().map(|&i| self.labels[i].clone()));
            if members.is_empty() {
                continue;
            }
            let target = *members.iter().min().unwrap_or(&0);
            let mut map: Vec<Option<usize>> = Vec::new();
            let mut labels = Vec::new();
            for (i, l) in self.labels.iter().enumerate() {
                if i == target {
                    map.push(Some(labels.len()));
                    labels.push(label.clone());
                } else if members.contains(&i) {
                    map.push(None);
                } else {
                    map.push(Some(labels.len()));
                    labels.push(l.clone());
                }
            }
            let merged_to = map[target];
            let remap = |i: usize| map[i].or(merged_to);
            self.relabel(labels, remap);
        }
        found
    }

    /// Replace categories by the codebook groups: a unit's answer becomes the
    /// group(s) its category belongs to; categories outside every group are
    /// counted in N but in no group.
    pub fn into_groups(mut self) -> Answers {
        let groups = std::mem::take(&mut self.groups);
        let labels: Vec<String> = groups.iter().map(|(l, _)| l.clone()).collect();
        self.chosen = self
            .chosen
            .iter()
            .map(|c| {
                c.as_ref().map(|picked| {
                    let mut g: Vec<usize> = groups
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, members))| picked.iter().any(|p| members.contains(p)))
                        .map(|(i, _)| i)
                        .collect();
                    g.dedup();
                    Cow::Owned(g)
                })
            })
            .collect();
        self.labels = labels;
        self
    }

    fn relabel(&mut self, labels: Vec<String>, map: impl Fn(usize) -> Option<usize>) {
        for picked in self.chosen.iter_mut().flatten() {
            let mut new: Vec<usize> = picked.iter().filter_map(|&i| map(i)).collect();
            new.sort_unstable();
            new.dedup();
            *picked = Cow::Owned(new);
        }
        for (_, members) in &mut self.groups {
            let mut new: Vec<usize> = members.iter().filter_map(|&i| map(i)).collect();
            new.sort_unstable();
            new.dedup();
            *members = new;
        }
        self.labels = labels;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(chosen: &[Option<Picked>]) -> Vec<Option<Vec<usize>>> {
        chosen
            .iter()
            .map(|c| c.as_ref().map(|p| p.to_vec()))
            .collect()
    }

    #[test]
    fn single_categories_are_borrowed() {
        assert!(matches!(one(3), Cow::Borrowed(&[3])));
        assert!(matches!(one(255), Cow::Borrowed(&[255])));
        assert_eq!(one(300).to_vec(), vec![300]);
    }
    use crate::data::{Code, Group, VariableType};
    use crate::error::Location;

    fn rating() -> Variable {
        let code = |code, label: &str, valid| Code {
            code,
            label: label.into(),
            valid,
        };
        Variable {
            name: "nytte".into(),
            question: "Nytte".into(),
            ty: VariableType::Rating,
            codes: vec![
                code(1, "Dårlig", true),
                code(2, "Middels", true),
                code(3, "God", true),
                code(6, "Ikke relevant", false),
            ],
            missing: vec![9],
            options: vec![],
            groups: vec![
                Group {
                    label: "God".into(),
                    codes: vec![3],
                },
                Group {
                    label: "Ikke god".into(),
                    codes: vec![1, 2],
                },
            ],
            location: Location::file("k.toml"),
        }
    }

    #[test]
    fn codes_become_categories_and_scores() {
        let a = Answers::from_codes(
            &[Some(3), Some(6), None, Some(1)].into_iter().collect(),
            &rating(),
        );
        assert_eq!(
            plain(&a.chosen),
            vec![Some(vec![2]), Some(vec![3]), None, Some(vec![0])]
        );
        assert_eq!(a.scores, vec![Some(3.0), None, None, Some(1.0)]);
        assert_eq!(a.valid_rows(), vec![0, 1, 3]);
        assert_eq!(a.groups[1], ("Ikke god".to_string(), vec![0, 1]));
    }

    /// A code past one byte: the same answers by the general path.
    #[test]
    fn wide_codes_give_the_same_answers() {
        let mut var = rating();
        var.codes.push(Code {
            code: 300,
            label: "Stor".into(),
            valid: true,
        });
        let cells = [Some(3), Some(6), None, Some(1), Some(7)];
        let narrow = Answers::from_codes(&cells.into_iter().collect(), &var);
        let wide_cells = [Some(3), Some(6), None, Some(1), Some(7), Some(300)];
        let wide_codes: Codes = wide_cells.into_iter().collect();
        assert!(wide_codes.bytes().is_none());
        let wide = Answers::from_codes(&wide_codes, &var);
        assert_eq!(plain(&wide.chosen[..5]), plain(&narrow.chosen));
        assert_eq!(wide.scores[..5], narrow.scores[..]);
        assert_eq!(plain(&wide.chosen[5..]), vec![Some(vec![4])]);
        assert_eq!(wide.scores[5], Some(300.0));
        // 7 is no code of the variable: no answer.
        assert_eq!(narrow.chosen[4], None);
    }

    #[test]
    fn groups_replace_categories() {
        let g = Answers::from_codes(
            &[Some(3), Some(6), Some(2)].into_iter().collect(),
            &rating(),
        )
        .into_groups();
        assert_eq!(g.labels, vec!["God", "Ikke god"]);
        // "Ikke relevant" is in no group but still answered.
        assert_eq!(
            plain(&g.chosen),
            vec![Some(vec![0]), Some(vec![]), Some(vec![1])]
        );
    }

    #[test]
    fn multi_answered_needs_one_option() {
        let a: &[Option<bool>] = &[Some(true), Some(false), None];
        let b: &[Option<bool>] = &[Some(true), Some(false), Some(true)];
        let m = Answers::from_flags(&[a, b], vec!["A".into(), "B".into()], 3);
        assert_eq!(
            plain(&m.chosen),
            vec![Some(vec![0, 1]), None, Some(vec![1])]
        );
    }

    #[test]
    fn merge_counts_a_unit_once() {
        let a: &[Option<bool>] = &[Some(true), Some(false), Some(true)];
        let b: &[Option<bool>] = &[Some(true), Some(true), Some(false)];
        let c: &[Option<bool>] = &[Some(false), Some(false), Some(true)];
        let mut m = Answers::from_flags(&[a, b, c], vec!["A".into(), "B".into(), "C".into()], 3);
        let found = m.merge(&[("A eller B".into(), vec!["B".into(), "A".into(), "X".into()])]);
        assert_eq!(found, vec!["B", "A"]);
        assert_eq!(m.labels, vec!["A eller B", "C"]);
        assert_eq!(
            plain(&m.chosen),
            vec![Some(vec![0]), Some(vec![0]), Some(vec![0, 1])]
        );
    }
}
