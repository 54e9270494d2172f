//! Typing one data column against the codebook, cell by cell, so a column
//! can be filled from a [`RawTable`] or straight from a streamed CSV record
//! without keeping a copy of every cell.

use super::codebook::{Variable, VariableType};
use super::dataset::Column;
use super::error::DataError;
use super::table::{CellRef, RawTable};
use crate::error::Error;

/// More errors than this per column are dropped (a dataset reports at most
/// 20 in all).
const MAX_ERRORS: usize = 21;

/// Types the cells of one column as they arrive.
pub struct ColumnTyper<'v> {
    variable: &'v Variable,
    /// 0-based column in the file.
    column: usize,
    label: String,
    out: Column,
    errors: Vec<Error>,
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
            Column::Flags(Vec::with_capacity(rows))
        } else {
            match variable.ty {
                VariableType::Single | VariableType::Rating => {
                    Column::Codes(Vec::with_capacity(rows))
                }
                VariableType::Number => Column::Numbers(Vec::with_capacity(rows)),
                VariableType::Text => Column::Text(Vec::with_capacity(rows)),
                VariableType::Multi => return None,
            }
        };
        Some(ColumnTyper {
            variable,
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
            Column::Flags(out) => {
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
            Column::Codes(out) => {
                let (value, bad) = match code_of(cell) {
                    None if cell.is_empty() => (None, false),
                    Some(m) if variable.missing.contains(&m) => (None, false),
                    Some(k) if variable.code(k).is_some() => (Some(k), false),
                    _ => (None, true),
                };
                out.push(value);
                bad.then(|| self.unknown(table, cell, line, codes_help(variable)))
            }
            Column::Numbers(out) => {
                let (value, bad) = match cell.number() {
                    None if cell.is_empty() => (None, false),
                    Some(v) if variable.missing.iter().any(|m| *m as f64 == v) => (None, false),
                    Some(v) => (Some(v), false),
                    None => (None, true),
                };
                out.push(value);
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
            Column::Text(out) => {
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
            Column::Flags(v) => v.len(),
            Column::Codes(v) => v.len(),
            Column::Numbers(v) => v.len(),
            Column::Text(v) => v.len(),
        }
    }

    /// Room for `more` cells.
    pub fn reserve_exact(&mut self, more: usize) {
        match &mut self.out {
            Column::Flags(v) => v.reserve_exact(more),
            Column::Codes(v) => v.reserve_exact(more),
            Column::Numbers(v) => v.reserve_exact(more),
            Column::Text(v) => v.reserve_exact(more),
        }
    }

    /// Append the cells and errors of a typer of the same column that read
    /// the rows after this one's.
    pub fn append(&mut self, other: ColumnTyper<'_>) {
        match (&mut self.out, other.out) {
            (Column::Flags(a), Column::Flags(b)) => a.extend(b),
            (Column::Codes(a), Column::Codes(b)) => a.extend(b),
            (Column::Numbers(a), Column::Numbers(b)) => a.extend(b),
            (Column::Text(a), Column::Text(b)) => a.extend(b),
            _ => {}
        }
        let room = MAX_ERRORS.saturating_sub(self.errors.len());
        self.errors.extend(other.errors.into_iter().take(room));
    }

    /// The typed column (`None` when a cell was wrong) and its errors.
    pub fn finish(self) -> (Option<Column>, Vec<Error>) {
        let column = self.errors.is_empty().then_some(self.out);
        (column, self.errors)
    }
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
