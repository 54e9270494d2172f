//! Typed column storage. A register file has a million rows, and on some
//! machines the first touch of each page of memory costs more than the work
//! done on it, so cells are stored compactly: most answer codes in one byte,
//! numbers without an `Option` tag.

/// A typed column.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Answer codes (single, rating); missing codes are `None`.
    Codes(Codes),
    /// A multiple-choice option column: 1 → true, 0 → false.
    Flags(Vec<Option<bool>>),
    /// Numbers.
    Numbers(Numbers),
    /// Free text: true where the cell is not empty.
    Text(Vec<bool>),
}

/// The byte of a missing code in [`Codes::bytes`].
pub const NO_CODE: u8 = u8::MAX;

/// A column of answer codes, `None` where missing: one byte per cell when
/// every code is 0–254, eight or more otherwise.
#[derive(Clone)]
pub struct Codes(CodeCells);

#[derive(Clone)]
enum CodeCells {
    /// Every code fits a byte; [`NO_CODE`] is missing.
    Bytes(Vec<u8>),
    /// Some code does not.
    Wide(Vec<Option<i64>>),
}

impl Codes {
    /// Codes from bytes ([`NO_CODE`] = missing) and the cells whose code does
    /// not fit a byte (`(row, code)`, rows ascending); the byte of such a row
    /// is ignored.
    pub(crate) fn from_bytes(bytes: Vec<u8>, wide: &[(usize, i64)]) -> Codes {
        if wide.is_empty() {
            return Codes(CodeCells::Bytes(bytes));
        }
        let mut cells: Vec<Option<i64>> = bytes.iter().map(|&b| byte_code(b)).collect();
        for &(row, code) in wide {
            cells[row] = Some(code);
        }
        Codes(CodeCells::Wide(cells))
    }

    /// The byte of a code that fits one ([`NO_CODE`] is missing, so 255
    /// does not).
    pub fn byte_of(code: i64) -> Option<u8> {
        u8::try_from(code).ok().filter(|&b| b != NO_CODE)
    }

    /// The code a byte of [`Codes::bytes`] stands for.
    pub fn code_of_byte(b: u8) -> Option<i64> {
        (b != NO_CODE).then_some(i64::from(b))
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        match &self.0 {
            CodeCells::Bytes(b) => b.len(),
            CodeCells::Wide(w) => w.len(),
        }
    }

    /// True without cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code of a row (`None`: missing, or past the end).
    pub fn get(&self, row: usize) -> Option<i64> {
        match &self.0 {
            CodeCells::Bytes(b) => b.get(row).copied().and_then(byte_code),
            CodeCells::Wide(w) => w.get(row).copied().flatten(),
        }
    }

    /// Every row's code, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<i64>> + '_ {
        (0..self.len()).map(|row| self.get(row))
    }

    /// The cells as bytes ([`NO_CODE`] = missing) when every code fits one:
    /// consumers then decide per byte value once, not per cell.
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            CodeCells::Bytes(b) => Some(b),
            CodeCells::Wide(_) => None,
        }
    }
}

fn byte_code(b: u8) -> Option<i64> {
    Codes::code_of_byte(b)
}

impl FromIterator<Option<i64>> for Codes {
    fn from_iter<I: IntoIterator<Item = Option<i64>>>(cells: I) -> Self {
        let mut bytes = Vec::new();
        let mut wide = Vec::new();
        for (row, cell) in cells.into_iter().enumerate() {
            match cell {
                None => bytes.push(NO_CODE),
                Some(code) => match Codes::byte_of(code) {
                    Some(b) => bytes.push(b),
                    None => {
                        bytes.push(NO_CODE);
                        wide.push((row, code));
                    }
                },
            }
        }
        Codes::from_bytes(bytes, &wide)
    }
}

/// Equal when the codes are (whatever the storage).
impl PartialEq for Codes {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Codes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A column of numbers, `None` where missing. Stored as plain `f64` with NaN
/// for missing: a data file cannot hold a NaN (the typer rejects `NaN` text
/// and non-finite spreadsheet numbers).
#[derive(Clone, Default)]
pub struct Numbers(Vec<f64>);

impl Numbers {
    /// Numbers from cells where NaN is missing.
    pub(crate) fn from_cells(cells: Vec<f64>) -> Numbers {
        Numbers(cells)
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True without cells.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of a row (`None`: missing, or past the end).
    pub fn get(&self, row: usize) -> Option<f64> {
        self.0.get(row).copied().filter(|v| !v.is_nan())
    }

    /// Every row's number, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<f64>> + '_ {
        self.0.iter().map(|v| (!v.is_nan()).then_some(*v))
    }
}

/// `Some(NaN)` is taken as missing.
impl FromIterator<Option<f64>> for Numbers {
    fn from_iter<I: IntoIterator<Item = Option<f64>>>(cells: I) -> Self {
        Numbers(cells.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    }
}

/// Equal when the numbers are (missing equals missing).
impl PartialEq for Numbers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Numbers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_codes_take_a_byte_each() {
        let c: Codes = [Some(1), None, Some(0), Some(254)].into_iter().collect();
        assert_eq!(c.bytes(), Some(&[1, NO_CODE, 0, 254][..]));
        assert_eq!(c.len(), 4);
        assert_eq!(c.get(0), Some(1));
        assert_eq!(c.get(1), None);
        assert_eq!(c.get(2), Some(0));
        assert_eq!(c.get(3), Some(254));
        assert_eq!(c.get(4), None, "past the end");
        assert_eq!(
            c.iter().collect::<Vec<_>>(),
            vec![Some(1), None, Some(0), Some(254)]
        );
    }

    #[test]
    fn wide_codes_fall_back_to_full_width() {
        for big in [255, 300, -1, i64::MAX] {
            let c: Codes = [Some(2), None, Some(big)].into_iter().collect();
            assert_eq!(c.bytes(), None, "{big}");
            assert_eq!(c.iter().collect::<Vec<_>>(), vec![Some(2), None, Some(big)]);
            assert_eq!(c.get(2), Some(big));
            assert_eq!(c.get(1), None);
        }
    }

    #[test]
    fn from_bytes_places_the_wide_cells() {
        let c = Codes::from_bytes(vec![1, NO_CODE, 0, NO_CODE], &[(2, 1000)]);
        assert_eq!(
            c.iter().collect::<Vec<_>>(),
            vec![Some(1), None, Some(1000), None]
        );
        assert_eq!(Codes::byte_of(255), None);
        assert_eq!(Codes::byte_of(-3), None);
        assert_eq!(Codes::byte_of(7), Some(7));
    }

    #[test]
    fn codes_compare_by_value() {
        let bytes: Codes = [Some(1), None].into_iter().collect();
        let wide = Codes::from_bytes(vec![NO_CODE, NO_CODE], &[(0, 1)]);
        assert_eq!(wide.bytes(), None);
        assert_eq!(bytes, wide);
        let other: Codes = [Some(1), Some(2)].into_iter().collect();
        assert_ne!(bytes, other);
        assert_eq!(format!("{bytes:?}"), "[Some(1), None]");
        assert!(Codes::from_bytes(Vec::new(), &[]).is_empty());
    }

    #[test]
    fn numbers_keep_missing_apart() {
        let n: Numbers = [Some(3.5), None, Some(0.0), Some(-2.0)]
            .into_iter()
            .collect();
        assert_eq!(n.len(), 4);
        assert_eq!(n.get(0), Some(3.5));
        assert_eq!(n.get(1), None);
        assert_eq!(n.get(2), Some(0.0));
        assert_eq!(n.get(9), None);
        assert_eq!(
            n.iter().collect::<Vec<_>>(),
            vec![Some(3.5), None, Some(0.0), Some(-2.0)]
        );
        let same = Numbers::from_cells(vec![3.5, f64::NAN, 0.0, -2.0]);
        assert_eq!(n, same, "missing equals missing");
        assert_ne!(n, Numbers::from_cells(vec![3.5, 1.0, 0.0, -2.0]));
        assert_eq!(format!("{n:?}"), "[Some(3.5), None, Some(0.0), Some(-2.0)]");
        assert!(Numbers::default().is_empty());
    }
}
