//! The unit keys (`kommunenr`) of a dataset, stored compactly: one text
//! buffer and an end offset per row (a million keys would otherwise be a
//! million allocations), with a lookup that costs nothing when the keys are
//! sorted (register extracts usually are) and four bytes a slot otherwise.

use std::hash::Hasher;

use super::dataset::Fnv;

/// Keys, one per row, in one buffer. At most 4 GiB of key text.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Keys {
    text: String,
    /// End of each row's key in `text`.
    ends: Vec<u32>,
}

/// The key text would pass 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl Keys {
    /// Keys from their concatenated text and the end of each (ascending,
    /// within `text`, at character boundaries).
    pub(crate) fn from_parts(text: String, ends: Vec<u32>) -> Keys {
        debug_assert!(ends.windows(2).all(|w| w[0] <= w[1]));
        debug_assert!(ends.last().is_none_or(|&e| e as usize <= text.len()));
        Keys { text, ends }
    }

    /// Append a key.
    pub fn push(&mut self, key: &str) -> Result<(), TooLarge> {
        let end = u32::try_from(self.text.len() + key.len()).map_err(|_| TooLarge)?;
        self.text.push_str(key);
        self.ends.push(end);
        Ok(())
    }

    /// Number of keys (rows).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True without keys.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The key of a row.
    pub fn get(&self, row: usize) -> Option<&str> {
        let end = *self.ends.get(row)? as usize;
        let start = match row {
            0 => 0,
            _ => self.ends[row - 1] as usize,
        };
        self.text.get(start..end)
    }

    /// Every key, in row order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|row| &self[row])
    }

    /// True when every key is greater than the one before it.
    fn ascending(&self) -> bool {
        (1..self.len()).all(|row| self[row - 1] < self[row])
    }
}

/// The key of a row; panics past the end, as slices do.
impl std::ops::Index<usize> for Keys {
    type Output = str;

    fn index(&self, row: usize) -> &str {
        match self.get(row) {
            Some(key) => key,
            None => panic!("row {row} of {} keys", self.len()),
        }
    }
}

/// Collects keys; panics past 4 GiB of key text (callers that read files
/// use [`Keys::push`]).
impl<S: AsRef<str>> FromIterator<S> for Keys {
    fn from_iter<I: IntoIterator<Item = S>>(keys: I) -> Self {
        let mut out = Keys::default();
        for key in keys {
            if out.push(key.as_ref()).is_err() {
                panic!("more than 4 GiB of keys");
            }
        }
        out
    }
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Row lookup by key. Keys that ascend need no table (binary search);
/// otherwise an open-addressing table of `row + 1` (0 = empty) with part of
/// the key's hash beside it, so a probe rarely reads the key text.
#[derive(Debug, Clone)]
pub struct KeyIndex(Lookup);

#[derive(Debug, Clone)]
enum Lookup {
    Sorted,
    Table { slots: Vec<Slot>, shift: u32 },
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    row: u32,
    tag: u32,
}

/// What [`KeyIndex::build`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyProblem {
    /// The key of a row is empty.
    Empty,
    /// The key of a row appeared first in this row.
    Repeated(usize),
}

impl KeyIndex {
    /// Index `keys`, reporting empty and repeated keys in row order (an
    /// empty or repeated key is not indexed; the first row of a key is).
    pub fn build(keys: &Keys, mut report: impl FnMut(usize, KeyProblem)) -> KeyIndex {
        if keys.ascending() {
            // Ascending: no repeats, and only the first key can be empty.
            if keys.get(0) == Some("") {
                report(0, KeyProblem::Empty);
            }
            return KeyIndex(Lookup::Sorted);
        }
        let bits = (keys.len() + keys.len() / 2 + 1)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut slots = vec![Slot::default(); 1 << bits];
        let shift = 64 - bits;
        let mask = slots.len() - 1;
        for (row, key) in keys.iter().enumerate() {
            if key.is_empty() {
                report(row, KeyProblem::Empty);
                continue;
            }
            let (mut at, tag) = place(key, shift);
            loop {
                let slot = slots[at];
                if slot.row == 0 {
                    slots[at] = Slot {
                        row: row as u32 + 1,
                        tag,
                    };
                    break;
                }
                let first = slot.row as usize - 1;
                if slot.tag == tag && &keys[first] == key {
                    report(row, KeyProblem::Repeated(first));
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        KeyIndex(Lookup::Table { slots, shift })
    }

    /// The row of a key in the `keys` this index was built on.
    pub fn get(&self, keys: &Keys, key: &str) -> Option<usize> {
        match &self.0 {
            Lookup::Sorted => {
                let (mut lo, mut hi) = (0, keys.len());
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    match keys[mid].cmp(key) {
                        std::cmp::Ordering::Less => lo = mid + 1,
                        std::cmp::Ordering::Greater => hi = mid,
                        std::cmp::Ordering::Equal => return Some(mid),
                    }
                }
                None
            }
            Lookup::Table { slots, shift } => {
                let mask = slots.len() - 1;
                let (mut at, tag) = place(key, *shift);
                loop {
                    let slot = slots[at];
                    if slot.row == 0 {
                        return None;
                    }
                    let row = slot.row as usize - 1;
                    if slot.tag == tag && keys.get(row) == Some(key) {
                        return Some(row);
                    }
                    at = (at + 1) & mask;
                }
            }
        }
    }
}

/// The first slot of a key (top bits of its mixed FNV hash) and its tag.
fn place(key: &str, shift: u32) -> (usize, u32) {
    let mut h = Fnv::default();
    h.write(key.as_bytes());
    let mixed = h.finish().wrapping_mul(0x9e37_79b9_7f4a_7c15);
    ((mixed >> shift) as usize, mixed as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(keys: &Keys) -> (KeyIndex, Vec<(usize, KeyProblem)>) {
        let mut found = Vec::new();
        let index = KeyIndex::build(keys, |row, p| found.push((row, p)));
        (index, found)
    }

    #[test]
    fn keys_share_one_buffer() {
        let mut keys = Keys::default();
        for k in ["0301", "", "1804", "46"] {
            keys.push(k).unwrap();
        }
        assert_eq!(keys.len(), 4);
        assert_eq!(&keys[0], "0301");
        assert_eq!(&keys[1], "");
        assert_eq!(keys.get(3), Some("46"));
        assert_eq!(keys.get(4), None);
        assert_eq!(
            keys.iter().collect::<Vec<_>>(),
            vec!["0301", "", "1804", "46"]
        );
        assert_eq!(keys, ["0301", "", "1804", "46"].into_iter().collect());
        assert_eq!(format!("{keys:?}"), r#"["0301", "", "1804", "46"]"#);
        assert!(Keys::default().is_empty());
    }

    #[test]
    fn from_parts_takes_ends() {
        let keys = Keys::from_parts("ab0301".into(), vec![2, 2, 6]);
        assert_eq!(keys.iter().collect::<Vec<_>>(), vec!["ab", "", "0301"]);
    }

    #[test]
    fn sorted_keys_need_no_table() {
        let keys: Keys = ["0101", "0301", "1804", "5001"].into_iter().collect();
        let (index, found) = problems(&keys);
        assert!(matches!(index.0, Lookup::Sorted));
        assert!(found.is_empty());
        for (row, k) in keys.iter().enumerate() {
            assert_eq!(index.get(&keys, k), Some(row), "{k}");
        }
        assert_eq!(index.get(&keys, "0302"), None);
        assert_eq!(index.get(&keys, ""), None);
        assert_eq!(index.get(&keys, "9999"), None);
        let keys: Keys = ["", "0101"].into_iter().collect();
        assert_eq!(problems(&keys).1, vec![(0, KeyProblem::Empty)]);
    }

    #[test]
    fn unsorted_keys_are_hashed() {
        let keys: Keys = ["1804", "0301", "", "1804", "5001", "0301", ""]
            .into_iter()
            .collect();
        let (index, found) = problems(&keys);
        assert!(matches!(index.0, Lookup::Table { .. }));
        assert_eq!(
            found,
            vec![
                (2, KeyProblem::Empty),
                (3, KeyProblem::Repeated(0)),
                (5, KeyProblem::Repeated(1)),
                (6, KeyProblem::Empty),
            ]
        );
        assert_eq!(index.get(&keys, "1804"), Some(0), "the first row");
        assert_eq!(index.get(&keys, "0301"), Some(1));
        assert_eq!(index.get(&keys, "5001"), Some(4));
        assert_eq!(index.get(&keys, ""), None);
        assert_eq!(index.get(&keys, "0302"), None);
    }

    /// Many keys, in a table that must probe past collisions.
    #[test]
    fn large_unsorted_index_finds_every_key() {
        let keys: Keys = (0..20_000)
            .map(|i| format!("K{:05}", (i * 7919) % 20_000))
            .collect();
        let (index, found) = problems(&keys);
        assert!(found.is_empty());
        for row in (0..20_000).step_by(37) {
            assert_eq!(index.get(&keys, &keys[row]), Some(row));
        }
        assert_eq!(index.get(&keys, "K20000"), None);
    }
}
