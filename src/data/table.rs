//! Raw tables: a header row and data rows of cells, read from CSV or XLSX
//! before they are typed against the codebook.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Location};

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    Empty,
    Text(String),
    Number(f64),
}

impl RawCell {
    /// The cell borrowed, as the typing code reads it.
    pub fn as_cell(&self) -> CellRef<'_> {
        match self {
            RawCell::Empty => CellRef::Empty,
            RawCell::Text(t) => CellRef::Text(t),
            RawCell::Number(n) => CellRef::Number(*n),
        }
    }

    /// The cell as text (numbers written plainly).
    pub fn text(&self) -> String {
        self.as_cell().text()
    }

    /// True for an empty cell or one holding only spaces.
    pub fn is_empty(&self) -> bool {
        self.as_cell().is_empty()
    }

    /// The cell as a number (decimal comma accepted).
    pub fn number(&self) -> Option<f64> {
        self.as_cell().number()
    }
}

/// A borrowed cell: from a [`RawTable`] or straight from a CSV record while
/// it is streamed (so large files are typed without a copy of every cell).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellRef<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
}

impl CellRef<'_> {
    /// The cell as text (numbers written plainly).
    pub fn text(&self) -> String {
        match self {
            CellRef::Empty => String::new(),
            CellRef::Text(t) => t.to_string(),
            CellRef::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            CellRef::Number(n) => n.to_string(),
        }
    }

    /// True for an empty cell or one holding only spaces.
    pub fn is_empty(&self) -> bool {
        match self {
            CellRef::Empty => true,
            CellRef::Text(t) => is_blank(t),
            CellRef::Number(_) => false,
        }
    }

    /// The cell as a number (decimal comma accepted).
    pub fn number(&self) -> Option<f64> {
        match self {
            CellRef::Empty => None,
            CellRef::Text(t) => crate::format::parse_number(t),
            CellRef::Number(n) => Some(*n),
        }
    }
}

/// True for text that is only white space (nothing left by `str::trim`);
/// quick for the common cell, which starts with a visible ASCII character.
pub fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        _ => text.trim().is_empty(),
    }
}

/// One data row and the line (CSV) or sheet row (XLSX) it came from.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub line: usize,
    pub cells: Vec<RawCell>,
}

/// A table as read from a file.
#[derive(Debug, Clone)]
pub struct RawTable {
    pub path: PathBuf,
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    /// The decoded text (CSV only), for showing offending lines.
    pub text: Option<Arc<str>>,
    /// True for spreadsheets: column positions are letters.
    pub spreadsheet: bool,
}

impl RawTable {
    /// The index of a header.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// A location of a cell: its line and 1-based column number.
    pub fn location(&self, line: usize, column: usize) -> Location {
        Location::new(&self.path, line, column + 1)
    }

    /// An error at a cell, with the file text attached where there is one.
    pub fn error_at(&self, kind: impl Into<crate::ErrorKind>, line: usize, column: usize) -> Error {
        let mut e = Error::new(kind).at(self.location(line, column));
        if let Some(text) = &self.text {
            e = e.with_source(text.clone());
        }
        e
    }

    /// How a column is named in messages: `` `innbyggere` ``, in a
    /// spreadsheet with its letter: `` `innbyggere` (C) ``.
    pub fn column_label(&self, column: usize) -> String {
        let name = self.headers.get(column).map_or("", String::as_str);
        if self.spreadsheet {
            format!("`{name}` ({})", column_letters(column))
        } else {
            format!("`{name}`")
        }
    }
}

/// Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA.
pub fn column_letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// True for the extensions [`read`] reads as CSV.
pub fn is_csv(path: &Path) -> bool {
    matches!(extension(path).as_str(), "csv" | "txt" | "tsv")
}

/// Read a CSV or XLSX file by its extension.
pub fn read(path: &Path) -> Result<RawTable, Error> {
    let ext = extension(path);
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    match ext.as_str() {
        "xlsx" | "xlsm" => super::xlsx::read(path, bytes),
        "csv" | "txt" | "tsv" => super::csv::read(path, &bytes),
        other => Err(Error::new(super::DataError::Invalid(format!(
            "{} has an unknown file type `.{other}`",
            path.display()
        )))
        .at(Location::file(path))
        .with_help("data files are .csv or .xlsx (register series: .json)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn column_labels() {
        let mut t = RawTable {
            path: "x.xlsx".into(),
            headers: vec!["kommunenr".into(), "tolk".into()],
            rows: vec![],
            text: None,
            spreadsheet: true,
        };
        assert_eq!(t.column_label(1), "`tolk` (B)");
        t.spreadsheet = false;
        assert_eq!(t.column_label(1), "`tolk`");
    }

    #[test]
    fn cells() {
        assert_eq!(RawCell::Text("3,5".into()).number(), Some(3.5));
        assert_eq!(RawCell::Number(301.0).text(), "301");
        assert!(RawCell::Text("  ".into()).is_empty());
        assert_eq!(RawCell::Text("12".into()).as_cell(), CellRef::Text("12"));
        assert_eq!(CellRef::Text(" 7 ").number(), Some(7.0));
        assert_eq!(CellRef::Number(2.5).text(), "2.5");
        assert!(CellRef::Empty.is_empty() && !CellRef::Text("0").is_empty());
        for blank in ["", " ", "\t \u{a0}", "\u{2003}"] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["x", " x", "\u{a0}x", "ø", "~ "] {
            assert!(!is_blank(text), "{text:?}");
        }
    }
}
