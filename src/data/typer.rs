//! Typing one data column against the codebook, cell by cell, so a column
//! can be filled from a [`RawTable`] or straight from a streamed CSV record
//! without keeping a copy of every cell.
//!
//! A column's cells go straight into their final buffer: a file read in
//! parts (one per thread) gives each part a window of the buffer as long as
//! its rows may be, and the windows' gaps (blank lines) are closed after,
//! so no part is ever copied into a joined column.

use super::codebook::{Variable, VariableType};
use super::column::{Codes, Column, Numbers, NO_CODE};
use super::error::DataError;
use super::table::{CellRef, RawTable};
use crate::error::Error;

/// More errors than this per column are dropped (a dataset reports at most
/// 20 in all).
const MAX_ERRORS: usize = 21;

/// The kind of column a header's cells become, or `None` for a column that
/// holds no data of its own (a multiple-choice variable's name).
pub fn kind_of(variable: &Variable, is_option: bool) -> Option<Kind> {
    if is_option {
        return Some(Kind::Flags);
    }
    match variable.ty {
        VariableType::Single | VariableType::Rating => Some(Kind::Codes),
        VariableType::Number => Some(Kind::Numbers),
        VariableType::Text => Some(Kind::Text),
        VariableType::Multi => None,
    }
}

/// See [`kind_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Codes,
    Flags,
    Numbers,
    Text,
}

/// The cells of one column being filled, room for every row.
#[derive(Debug)]
pub enum Buffer {
    /// Codes as bytes ([`NO_CODE`] = missing; wider codes are kept aside).
    Codes(Vec<u8>),
    Flags(Vec<Option<bool>>),
    /// NaN = missing.
    Numbers(Vec<f64>),
    Text(Vec<bool>),
}

impl Buffer {
    /// Room for `rows` cells. Zeroed memory is asked for where zero is a
    /// valid cell, so its pages are first touched by the threads that fill
    /// them, not all by this one.
    pub fn new(kind: Kind, rows: usize) -> Buffer {
        match kind {
            Kind::Codes => Buffer::Codes(vec![0; rows]),
            Kind::Flags => Buffer::Flags(vec![None; rows]),
            Kind::Numbers => Buffer::Numbers(vec![0.0; rows]),
            Kind::Text => Buffer::Text(vec![false; rows]),
        }
    }

    /// Consecutive windows of the given sizes, from the start.
    pub fn windows(&mut self, sizes: &[usize]) -> Vec<Cells<'_>> {
        match self {
            Buffer::Codes(v) => split(v, sizes).into_iter().map(Cells::Codes).collect(),
            Buffer::Flags(v) => split(v, sizes).into_iter().map(Cells::Flags).collect(),
            Buffer::Numbers(v) => split(v, sizes).into_iter().map(Cells::Numbers).collect(),
            Buffer::Text(v) => split(v, sizes).into_iter().map(Cells::Text).collect(),
        }
    }

    /// Keep `rows` cells of each window (`(start, rows)`, in order), moved
    /// together; the rest goes.
    fn close_gaps(&mut self, windows: &[(usize, usize)]) {
        match self {
            Buffer::Codes(v) => close_gaps(v, windows),
            Buffer::Flags(v) => close_gaps(v, windows),
            Buffer::Numbers(v) => close_gaps(v, windows),
            Buffer::Text(v) => close_gaps(v, windows),
        }
    }

    fn into_column(self, wide: &[(usize, i64)]) -> Column {
        match self {
            Buffer::Codes(v) => Column::Codes(Codes::from_bytes(v, wide)),
            Buffer::Flags(v) => Column::Flags(v),
            Buffer::Numbers(v) => Column::Numbers(Numbers::from_cells(v)),
            Buffer::Text(v) => Column::Text(v),
        }
    }
}

/// `slice` cut into consecutive pieces of the given sizes (the rest, if
/// any, unused).
pub fn split<'a, T>(mut slice: &'a mut [T], sizes: &[usize]) -> Vec<&'a mut [T]> {
    let mut out = Vec::with_capacity(sizes.len());
    for &size in sizes {
        let (head, rest) = std::mem::take(&mut slice).split_at_mut(size);
        out.push(head);
        slice = rest;
    }
    out
}

/// Keep the first `len` items of each window `(start, len)` (in order, not
/// overlapping), moved to the front one after another; drop the rest.
pub fn close_gaps<T: Copy>(v: &mut Vec<T>, windows: &[(usize, usize)]) {
    let mut to = 0;
    for &(start, len) in windows {
        if start != to {
            v.copy_within(start..start + len, to);
        }
        to += len;
    }
    v.truncate(to);
}

/// A window of a column's buffer, filled by one [`ColumnTyper`].
pub enum Cells<'w> {
    Codes(&'w mut [u8]),
    Flags(&'w mut [Option<bool>]),
    Numbers(&'w mut [f64]),
    Text(&'w mut [bool]),
}

/// What a [`ColumnTyper`] leaves: how many cells it wrote, the codes too
/// wide for a byte (`(row, code)`, rows within its window) and its errors.
#[derive(Debug, Default)]
pub struct Typed {
    pub rows: usize,
    wide: Vec<(usize, i64)>,
    errors: Vec<Error>,
}

/// The column filled window by window (`starts[i]` is where window `i`
/// starts in `buffer`; `parts[i]` what its typer left), or `None` when a
/// cell was wrong; and the errors, in file order.
pub fn join(
    mut buffer: Buffer,
    starts: &[usize],
    parts: Vec<Typed>,
) -> (Option<Column>, Vec<Error>) {
    let windows: Vec<(usize, usize)> = starts
        .iter()
        .zip(&parts)
        .map(|(&s, p)| (s, p.rows))
        .collect();
    let mut wide = Vec::new();
    let mut errors = Vec::new();
    let mut row = 0;
    for part in parts {
        wide.extend(part.wide.into_iter().map(|(r, code)| (row + r, code)));
        let room = MAX_ERRORS.saturating_sub(errors.len());
        errors.extend(part.errors.into_iter().take(room));
        row += part.rows;
    }
    if !errors.is_empty() {
        return (None, errors);
    }
    buffer.close_gaps(&windows);
    (Some(buffer.into_column(&wide)), errors)
}

/// Types the cells of one column as they arrive, into a window of the
/// column's buffer.
pub struct ColumnTyper<'v, 'w> {
    variable: &'v Variable,
    /// What a code from 0 to 255 means for this variable (most cells are
    /// such codes): decided once, not per cell.
    small: [Verdict; 256],
    /// 0-based column in the file.
    column: usize,
    label: String,
    out: Cells<'w>,
    rows: usize,
    wide: Vec<(usize, i64)>,
    errors: Vec<Error>,
}

impl<'v, 'w> ColumnTyper<'v, 'w> {
    /// A typer for column `column` of `table` (whose path, text and headers
    /// locate errors; its rows are not read) writing into `out`, which must
    /// be of the variable's [`kind_of`] and have room for every row.
    pub fn new(table: &RawTable, column: usize, variable: &'v Variable, out: Cells<'w>) -> Self {
        let mut small = [Verdict::Unknown; 256];
        for (k, verdict) in small.iter_mut().enumerate() {
            let k = k as i64;
            *verdict = if variable.missing.contains(&k) {
                Verdict::Missing
            } else if variable.code(k).is_some() {
                Verdict::Valid
            } else {
                Verdict::Unknown
            };
        }
        ColumnTyper {
            variable,
            small,
            column,
            label: table.column_label(column),
            out,
            rows: 0,
            wide: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The file column this typer reads.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Type the next cell (from `line` of `table`'s file).
    pub fn push(&mut self, table: &RawTable, line: usize, cell: CellRef<'_>) {
        let variable = self.variable;
        let row = self.rows;
        self.rows += 1;
        let error = match &mut self.out {
            Cells::Flags(out) => {
                let (value, bad) = match code_of(cell) {
                    None if cell.is_empty() => (None, false),
                    Some(1) => (Some(true), false),
                    Some(0) => (Some(false), false),
                    Some(m) if variable.missing.contains(&m) => (None, false),
                    _ => (None, true),
                };
                out[row] = value;
                bad.then(|| {
                    self.unknown(
                        table,
                        cell,
                        line,
                        "option columns of a multiple-choice question hold 1 (chosen), 0 (not chosen) or nothing".into(),
                    )
                })
            }
            Cells::Codes(out) => {
                let fast = small_code(cell).map(|k| (k, self.small[k]));
                let (value, bad) = match fast {
                    Some((_, Verdict::Missing)) => (None, false),
                    Some((k, Verdict::Valid)) => (Some(k as i64), false),
                    Some((_, Verdict::Unknown)) => (None, true),
                    None => match code_of(cell) {
                        None if cell.is_empty() => (None, false),
                        Some(m) if variable.missing.contains(&m) => (None, false),
                        Some(k) if variable.code(k).is_some() => (Some(k), false),
                        _ => (None, true),
                    },
                };
                out[row] = match value {
                    None => NO_CODE,
                    Some(code) => Codes::byte_of(code).unwrap_or_else(|| {
                        self.wide.push((row, code));
                        NO_CODE
                    }),
                };
                bad.then(|| self.unknown(table, cell, line, codes_help(variable)))
            }
            Cells::Numbers(out) => {
                let (value, bad) = match cell.number() {
                    None if cell.is_empty() => (None, false),
                    // Only a spreadsheet can hold these (text `NaN` is not
                    // a number); NaN marks a missing cell.
                    Some(v) if !v.is_finite() => (None, true),
                    Some(v) if variable.missing.iter().any(|m| *m as f64 == v) => (None, false),
                    Some(v) => (Some(v), false),
                    None => (None, true),
                };
                out[row] = value.unwrap_or(f64::NAN);
                bad.then(|| {
                    table
                        .error_at(
                            DataError::NotNumber {
                                value: cell.text(),
                                column: self.label.clone(),
                            },
                            line,
                            self.column,
                        )
                        .with_help("numbers may use a decimal comma (`3,5`); leave the cell empty for no answer")
                })
            }
            Cells::Text(out) => {
                out[row] = !cell.is_empty();
                None
            }
        };
        if let Some(e) = error {
            if self.errors.len() < MAX_ERRORS {
                self.errors.push(e);
            }
        }
    }

    fn unknown(&self, table: &RawTable, cell: CellRef<'_>, line: usize, help: String) -> Error {
        table
            .error_at(
                DataError::UnknownCode {
                    value: cell.text(),
                    column: self.label.clone(),
                    variable: self.variable.name.clone(),
                },
                line,
                self.column,
            )
            .with_help(help)
    }

    /// Done: what the window holds, without the window.
    pub fn finish(self) -> Typed {
        Typed {
            rows: self.rows,
            wide: self.wide,
            errors: self.errors,
        }
    }
}

/// What a small code means for a variable.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Valid,
    Missing,
    Unknown,
}

/// A cell of one to three plain digits (`1`, `06`, `255`) as a code up to
/// 255; `None` for anything else (which takes the general path).
fn small_code(cell: CellRef<'_>) -> Option<usize> {
    let CellRef::Text(t) = cell else { return None };
    let b = t.as_bytes();
    if b.is_empty() || b.len() > 3 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let k = b
        .iter()
        .fold(0usize, |acc, d| acc * 10 + usize::from(d - b'0'));
    (k < 256).then_some(k)
}

/// A whole-number cell as a code.
pub fn code_of(cell: CellRef<'_>) -> Option<i64> {
    let v = cell.number()?;
    (v.fract() == 0.0 && v.abs() < 1e15).then_some(v as i64)
}

fn codes_help(variable: &Variable) -> String {
    let codes: Vec<String> = variable
        .codes
        .iter()
        .map(|c| format!("{} = {}", c.code, c.label))
        .chain(variable.missing.iter().map(|m| format!("{m} = missing")))
        .collect();
    format!("the codes of `{}` are: {}", variable.name, codes.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_codes() {
        assert_eq!(small_code(CellRef::Text("1")), Some(1));
        assert_eq!(small_code(CellRef::Text("06")), Some(6));
        assert_eq!(small_code(CellRef::Text("255")), Some(255));
        assert_eq!(small_code(CellRef::Text("256")), None);
        assert_eq!(small_code(CellRef::Text(" 1")), None);
        assert_eq!(small_code(CellRef::Text("1,0")), None);
        assert_eq!(small_code(CellRef::Text("")), None);
        assert_eq!(small_code(CellRef::Number(1.0)), None);
    }

    fn table() -> RawTable {
        RawTable {
            path: "d.csv".into(),
            headers: vec!["kommunenr".into(), "s".into()],
            rows: Vec::new(),
            text: None,
            spreadsheet: false,
        }
    }

    fn book() -> super::super::codebook::Codebook {
        super::super::codebook::parse(
            std::path::Path::new("k.toml"),
            "[variables.s]\ntype = \"single\"\ncodes = [{ code = 1, label = \"Ja\" }, { code = 300, label = \"Stor\" }]\nmissing = [9, 1000]\n[variables.x]\ntype = \"number\"\nmissing = [-1]\n",
        )
        .unwrap()
    }

    /// Type cells of variable `name` in one window (line `i + 2` for cell `i`).
    fn type_cells(name: &str, cells: &[CellRef<'_>]) -> (Option<Column>, Vec<Error>) {
        let book = book();
        let var = book.variable(name).unwrap();
        let table = table();
        let mut buffer = Buffer::new(kind_of(var, false).unwrap(), cells.len());
        let typed = {
            let mut windows = buffer.windows(&[cells.len()]);
            let mut typer = ColumnTyper::new(&table, 1, var, windows.remove(0));
            for (i, c) in cells.iter().enumerate() {
                typer.push(&table, i + 2, *c);
            }
            typer.finish()
        };
        join(buffer, &[0], vec![typed])
    }

    /// The table of small codes gives what the general path gives.
    #[test]
    fn fast_and_general_paths_agree() {
        let cells = ["1", "9", "2", "300", "1000", " 1 ", "1,0", "001", "x", ""];
        let cells: Vec<CellRef> = cells.into_iter().map(CellRef::Text).collect();
        let (column, errors) = type_cells("s", &cells);
        assert!(column.is_none());
        // Unknown: 2 (line 4) and x (line 10).
        let lines: Vec<usize> = errors.iter().map(|e| e.location().unwrap().line).collect();
        assert_eq!(lines, vec![4, 10]);
        let cells = ["1", "9", "300", "1000", " 1 ", "1,0", "001", ""];
        let cells: Vec<CellRef> = cells.into_iter().map(CellRef::Text).collect();
        let (column, _) = type_cells("s", &cells);
        let want = [
            Some(1),
            None,
            Some(300),
            None,
            Some(1),
            Some(1),
            Some(1),
            None,
        ];
        assert_eq!(column, Some(Column::Codes(want.into_iter().collect())));
    }

    #[test]
    fn small_codes_stay_bytes() {
        let cells = ["1", "9", "", "001", "1"].map(CellRef::Text);
        let Some(Column::Codes(codes)) = type_cells("s", &cells).0 else {
            panic!("not codes");
        };
        assert_eq!(codes.bytes(), Some(&[1, NO_CODE, NO_CODE, 1, 1][..]));
    }

    #[test]
    fn numbers_mark_missing_and_reject_non_finite() {
        let cells = [
            CellRef::Text("3,5"),
            CellRef::Empty,
            CellRef::Text("-1"),
            CellRef::Number(0.0),
        ];
        let (column, errors) = type_cells("x", &cells);
        assert!(errors.is_empty(), "{errors:?}");
        let want = [Some(3.5), None, None, Some(0.0)];
        assert_eq!(column, Some(Column::Numbers(want.into_iter().collect())));
        for bad in [f64::NAN, f64::INFINITY] {
            let (column, errors) = type_cells("x", &[CellRef::Number(1.0), CellRef::Number(bad)]);
            assert!(column.is_none());
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].location().unwrap().line, 3);
        }
        let (_, errors) = type_cells("x", &[CellRef::Text("NaN")]);
        assert!(errors[0].to_string().contains("not a number"), "{errors:?}");
    }

    /// Two windows with room to spare: the gaps close, wide codes keep their
    /// rows, errors come in window order.
    #[test]
    fn windows_join_in_order() {
        let book = book();
        let var = book.variable("s").unwrap();
        let table = table();
        let mut buffer = Buffer::new(Kind::Codes, 7);
        let parts: Vec<Typed> = {
            let windows = buffer.windows(&[4, 3]);
            let cells: [&[&str]; 2] = [&["1", "300"], &["", "300", "1"]];
            windows
                .into_iter()
                .zip(cells)
                .map(|(window, cells)| {
                    let mut typer = ColumnTyper::new(&table, 1, var, window);
                    for c in cells {
                        typer.push(&table, 2, CellRef::Text(c));
                    }
                    typer.finish()
                })
                .collect()
        };
        assert_eq!(parts.iter().map(|p| p.rows).collect::<Vec<_>>(), vec![2, 3]);
        let (column, errors) = join(buffer, &[0, 4], parts);
        assert!(errors.is_empty());
        let want = [Some(1), Some(300), None, Some(300), Some(1)];
        assert_eq!(column, Some(Column::Codes(want.into_iter().collect())));

        let mut buffer = Buffer::new(Kind::Codes, 4);
        let parts: Vec<Typed> = buffer
            .windows(&[2, 2])
            .into_iter()
            .zip([("5", 7), ("6", 3)])
            .map(|(window, (cell, line))| {
                let mut typer = ColumnTyper::new(&table, 1, var, window);
                typer.push(&table, line, CellRef::Text(cell));
                typer.finish()
            })
            .collect();
        let (column, errors) = join(buffer, &[0, 2], parts);
        assert!(column.is_none());
        let lines: Vec<usize> = errors.iter().map(|e| e.location().unwrap().line).collect();
        assert_eq!(lines, vec![7, 3], "window order, not line order");
    }

    #[test]
    fn gaps_close_in_place() {
        let mut v = vec![1, 2, 0, 0, 3, 0, 4, 5, 6];
        close_gaps(&mut v, &[(0, 2), (4, 1), (6, 3)]);
        assert_eq!(v, vec![1, 2, 3, 4, 5, 6]);
        let mut pieces = [0u8; 5];
        let parts = split(&mut pieces, &[2, 0, 3]);
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![2, 0, 3]
        );
    }
}
