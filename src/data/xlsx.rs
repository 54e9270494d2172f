//! Excel `.xlsx` reading (first sheet, first row is the header) with calamine.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::error::DataError;
use super::table::{RawCell, RawRow, RawTable};
use crate::error::{Error, Location};

/// Read the first sheet of an `.xlsx` file.
pub fn read(path: &Path, bytes: Vec<u8>) -> Result<RawTable, Error> {
    let fail = |msg: String| {
        Error::new(DataError::Invalid(format!("{}: {msg}", path.display())))
            .at(Location::file(path))
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable .xlsx file ({e})")))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(fail(format!("cannot read the first sheet ({e})"))),
        None => return Err(fail("the workbook has no sheets".into())),
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let line = row0 as usize + i + 1;
        let lead = col0 as usize;
        let cells: Vec<RawCell> = std::iter::repeat_n(RawCell::Empty, lead)
            .chain(row.iter().map(cell))
            .collect();
        if cells.iter().all(RawCell::is_empty) {
            continue;
        }
        match &headers {
            None => headers = Some(cells.iter().map(|c| c.text().trim().to_string()).collect()),
            Some(h) => {
                let mut cells = cells;
                cells.resize(h.len().max(cells.len()), RawCell::Empty);
                rows.push(RawRow { line, cells });
            }
        }
    }
    let mut headers = headers.unwrap_or_default();
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if headers.len() < width {
        headers.resize(width, String::new());
    }
    Ok(RawTable {
        path: path.to_path_buf(),
        headers,
        rows,
        text: None,
        spreadsheet: true,
    })
}

fn cell(data: &Data) -> RawCell {
    match data {
        Data::Empty => RawCell::Empty,
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::String(s) if s.trim().is_empty() => RawCell::Empty,
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Bool(b) => RawCell::Number(f64::from(u8::from(*b))),
        Data::DateTime(d) => RawCell::Number(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Text(format!("#{e:?}")),
    }
}
