//! Typing one data column against the codebook, cell by cell, so a column
//! can be filled from a [`RawTable`] or straight from a streamed CSV record
//! without keeping a copy of every cell.

use super::codebook::{Variable, VariableType};
use super::column::{Codes, Column, Numbers, NO_CODE};
use super::error::DataError;
use super::table::{CellRef, RawTable};
use crate::error::Error;

/// More errors than this per column are dropped (a dataset reports at most
/// 20 in all).
const MAX_ERRORS: usize = 21;

/// Types the cells of one column as they arrive.
pub struct ColumnTyper<'v> {
    variable: &'v Variable,
    /// What a code from 0 to 255 means for this variable (most cells are
    /// such codes): decided once, not per cell.
    small: [Verdict; 256],
    /// 0-based column in the file.
    column: usize,
    label: String,
    out: Cells,
    errors: Vec<Error>,
}

/// The cells typed so far.
enum Cells {
    /// Codes as bytes ([`NO_CODE`] = missing), and the codes too wide for a
    /// byte (`(row, code)`).
    Codes(Vec<u8>, Vec<(usize, i64)>),
    Flags(Vec<Option<bool>>),
    /// NaN = missing.
    Numbers(Vec<f64>),
    Text(Vec<bool>),
}

impl<'v> ColumnTyper<'v> {
    /// A typer for column `column` of `table` (whose path, text and headers
    /// locate errors; its rows are not read), or `None` for a column that
    /// holds no data of its own (a multiple-choice variable's name).
    /// `rows` reserves room.
    pub fn new(
        table: &RawTable,
        column: usize,
        variable: &'v Variable,
        is_option: bool,
        rows: usize,
    ) -> Option<Self> {
        let out = if is_option {
            Cells::Flags(Vec::with_capacity(rows))
        } else {
            match variable.ty {
                VariableType::Single | VariableType::Rating => {
                    Cells::Codes(Vec::with_capacity(rows), Vec::new())
                }
                VariableType::Number => Cells::Numbers(Vec::with_capacity(rows)),
                VariableType::Text => Cells::Text(Vec::with_capacity(rows)),
                VariableType::Multi => return None,
            }
        };
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
        Some(ColumnTyper {
            variable,
            small,
            column,
            label: table.column_label(column),
            out,
            errors: Vec::new(),
        })
    }

    /// The file column this typer reads.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Type the next cell (from `line` of `table`'s file).
    pub fn push(&mut self, table: &RawTable, line: usize, cell: CellRef<'_>) {
        let variable = self.variable;
        let error = match &mut self.out {
            Cells::Flags(out) => {
                let (value, bad) = match code_of(cell) {
                    None if cell.is_empty() => (None, false),
                    Some(1) => (Some(true), false),
                    Some(0) => (Some(false), false),
                    Some(m) if variable.missing.contains(&m) => (None, false),
                    _ => (None, true),
                };
                out.push(value);
                bad.then(|| {
                    self.unknown(
                        table,
                        cell,
                        line,
                        "option columns of a multiple-choice question hold 1 (chosen), 0 (not chosen) or nothing".into(),
                    )
                })
            }
            Cells::Codes(out, wide) => {
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
                out.push(match value {
                    None => NO_CODE,
                    Some(code) => Codes::byte_of(code).unwrap_or_else(|| {
                        wide.push((out.len(), code));
                        NO_CODE
                    }),
                });
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
                out.push(value.unwrap_or(f64::NAN));
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
                out.push(!cell.is_empty());
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

    /// Cells typed so far.
    pub fn len(&self) -> usize {
        match &self.out {
            Cells::Flags(v) => v.len(),
            Cells::Codes(v, _) => v.len(),
            Cells::Numbers(v) => v.len(),
            Cells::Text(v) => v.len(),
        }
    }

    /// Room for `more` cells.
    pub fn reserve_exact(&mut self, more: usize) {
        match &mut self.out {
            Cells::Flags(v) => v.reserve_exact(more),
            Cells::Codes(v, _) => v.reserve_exact(more),
            Cells::Numbers(v) => v.reserve_exact(more),
            Cells::Text(v) => v.reserve_exact(more),
        }
    }

    /// Append the cells and errors of a typer of the same column that read
    /// the rows after this one's.
    pub fn append(&mut self, other: ColumnTyper<'_>) {
        match (&mut self.out, other.out) {
            (Cells::Flags(a), Cells::Flags(b)) => a.extend(b),
            (Cells::Codes(a, wide), Cells::Codes(b, more)) => {
                let rows = a.len();
                wide.extend(more.into_iter().map(|(r, code)| (rows + r, code)));
                a.extend(b);
            }
            (Cells::Numbers(a), Cells::Numbers(b)) => a.extend(b),
            (Cells::Text(a), Cells::Text(b)) => a.extend(b),
            _ => {}
        }
        let room = MAX_ERRORS.saturating_sub(self.errors.len());
        self.errors.extend(other.errors.into_iter().take(room));
    }

    /// The typed column (`None` when a cell was wrong) and its errors.
    pub fn finish(self) -> (Option<Column>, Vec<Error>) {
        let column = self.errors.is_empty().then(|| match self.out {
            Cells::Codes(bytes, wide) => Column::Codes(Codes::from_bytes(bytes, &wide)),
            Cells::Flags(v) => Column::Flags(v),
            Cells::Numbers(v) => Column::Numbers(Numbers::from_cells(v)),
            Cells::Text(v) => Column::Text(v),
        });
        (column, self.errors)
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

    /// The table of small codes gives what the general path gives.
    #[test]
    fn fast_and_general_paths_agree() {
        let book = super::super::codebook::parse(
            std::path::Path::new("k.toml"),
            "[variables.s]\ntype = \"single\"\ncodes = [{ code = 1, label = \"Ja\" }, { code = 300, label = \"Stor\" }]\nmissing = [9, 1000]\n",
        )
        .unwrap();
        let var = book.variable("s").unwrap();
        let table = RawTable {
            path: "d.csv".into(),
            headers: vec!["kommunenr".into(), "s".into()],
            rows: Vec::new(),
            text: None,
            spreadsheet: false,
        };
        let cells = ["1", "9", "2", "300", "1000", " 1 ", "1,0", "001", "x", ""];
        let mut typer = ColumnTyper::new(&table, 1, var, false, cells.len()).unwrap();
        for (i, c) in cells.iter().enumerate() {
            typer.push(&table, i + 2, CellRef::Text(c));
        }
        let (column, errors) = typer.finish();
        assert!(column.is_none());
        // Unknown: 2 (line 4) and x (line 10).
        let lines: Vec<usize> = errors.iter().map(|e| e.location().unwrap().line).collect();
        assert_eq!(lines, vec![4, 10]);
        let mut typer = ColumnTyper::new(&table, 1, var, false, 8).unwrap();
        for c in ["1", "9", "300", "1000", " 1 ", "1,0", "001", ""] {
            typer.push(&table, 2, CellRef::Text(c));
        }
        let (column, _) = typer.finish();
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

    /// Wide codes keep their rows when typers are appended; numbers mark
    /// missing cells and reject non-finite ones.
    #[test]
    fn appended_wide_codes_and_numbers() {
        let book = super::super::codebook::parse(
            std::path::Path::new("k.toml"),
            "[variables.s]\ntype = \"single\"\ncodes = [{ code = 1, label = \"Ja\" }, { code = 300, label = \"Stor\" }]\n[variables.x]\ntype = \"number\"\n",
        )
        .unwrap();
        let table = RawTable {
            path: "d.csv".into(),
            headers: vec!["kommunenr".into(), "s".into()],
            rows: Vec::new(),
            text: None,
            spreadsheet: false,
        };
        let typed = |name: &str, cells: &[&[CellRef]]| {
            let var = book.variable(name).unwrap();
            let mut parts = cells.iter().map(|cells| {
                let mut typer = ColumnTyper::new(&table, 1, var, false, 2).unwrap();
                for (i, c) in cells.iter().enumerate() {
                    typer.push(&table, i + 2, *c);
                }
                typer
            });
            let mut first = parts.next().unwrap();
            for part in parts {
                first.append(part);
            }
            first.finish()
        };
        let t = CellRef::Text;
        let (column, _) = typed("s", &[&[t("1"), t("300")], &[t(""), t("300"), t("1")]]);
        let want = [Some(1), Some(300), None, Some(300), Some(1)];
        assert_eq!(column, Some(Column::Codes(want.into_iter().collect())));
        let (column, _) = typed("x", &[&[t("3,5"), CellRef::Empty], &[CellRef::Number(0.0)]]);
        let want = [Some(3.5), None, Some(0.0)];
        assert_eq!(column, Some(Column::Numbers(want.into_iter().collect())));
        for bad in [f64::NAN, f64::INFINITY] {
            let (column, errors) = typed("x", &[&[CellRef::Number(1.0), CellRef::Number(bad)]]);
            assert!(column.is_none());
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].location().unwrap().line, 3);
        }
    }
}
