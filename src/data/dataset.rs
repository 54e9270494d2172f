//! A survey dataset: one row per unit, columns typed against the codebook.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::codebook::{Codebook, Variable, VariableType};
use super::error::DataError;
use super::table::{CellRef, RawCell, RawTable};
use super::typer::{self, kind_of, Buffer, ColumnTyper};
use crate::error::Error;

/// FNV-1a: keys are short texts (`0301`) that come from the project's own
/// files, so a fast hash beats the DoS-resistant default.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The key column of every data file.
pub const KEY: &str = "kommunenr";

pub use super::column::{Codes, Column, Numbers};
use super::keys::KeyProblem;
pub use super::keys::{KeyIndex, Keys};
use super::lines::Lines;

/// One sub-survey's microdata.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: String,
    /// The display name (`Integreringsansvarlige`).
    pub name: String,
    pub path: PathBuf,
    keys: Keys,
    /// Key → row: built while the keys are checked, or on first use for a
    /// dataset made from parts.
    index: OnceLock<KeyIndex>,
    columns: BTreeMap<String, Column>,
    headers: Vec<String>,
    lines: Lines,
}

impl Dataset {
    /// A dataset from typed parts (used by tests).
    pub fn from_parts(
        id: &str,
        name: &str,
        path: PathBuf,
        keys: Vec<String>,
        columns: BTreeMap<String, Column>,
    ) -> Self {
        let headers = std::iter::once(KEY.to_string())
            .chain(columns.keys().cloned())
            .collect();
        let lines = (0..keys.len()).map(|i| i + 2).collect();
        Dataset {
            lines,
            id: id.to_string(),
            name: name.to_string(),
            path,
            keys: keys.into_iter().collect(),
            index: OnceLock::new(),
            columns,
            headers,
        }
    }

    /// Number of rows (responding units).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the file has no data rows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The `kommunenr` of each row.
    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    /// The row of a unit.
    pub fn row_of(&self, key: &str) -> Option<usize> {
        self.index
            .get_or_init(|| KeyIndex::build(&self.keys, |_, _| {}))
            .get(&self.keys, key)
    }

    /// A typed column by name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.get(name)
    }

    /// The file line (or sheet row) of a data row.
    pub fn line_of(&self, row: usize) -> usize {
        self.lines.line_of(row).unwrap_or(0)
    }

    /// The file's header names, for suggestions.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }
}

/// Normalise a `kommunenr`: trimmed text; numbers (spreadsheets, or CSV
/// saved by Excel) regain the leading zero lost from 4- and 6-digit numbers.
pub fn normalise_key(cell: &RawCell) -> String {
    normalise_key_cell(cell.as_cell())
}

/// [`normalise_key`] of a borrowed cell.
pub fn normalise_key_cell(cell: CellRef<'_>) -> String {
    let text = match cell {
        CellRef::Text(t) => t.trim().to_string(),
        other => other.text().trim().to_string(),
    };
    if lost_zero(&text) {
        format!("0{text}")
    } else {
        text
    }
}

/// True for a trimmed key that lost its leading zero: a 3- or 5-digit number.
pub fn lost_zero(key: &str) -> bool {
    matches!(key.len(), 3 | 5) && key.bytes().all(|c| c.is_ascii_digit())
}

/// The key column of a table, or an error naming the columns it has.
pub fn key_column(table: &RawTable, errors: &mut Vec<Error>) -> Option<usize> {
    let key_col = table.column(KEY);
    if key_col.is_none() {
        errors.push(
            table
                .error_at(
                    DataError::MissingColumn {
                        column: KEY.into(),
                        file: table.path.display().to_string(),
                    },
                    1,
                    0,
                )
                .with_help(
                    match super::error::did_you_mean(KEY, table.headers.iter().map(String::as_str))
                    {
                        Some(h) => h,
                        None => "every data file needs a `kommunenr` column".into(),
                    },
                ),
        );
    }
    key_col
}

/// Read the key column of a table, rejecting empty and duplicate keys: the
/// keys and their index.
pub fn read_keys(table: &RawTable, errors: &mut Vec<Error>) -> Option<(Keys, KeyIndex)> {
    let key_col = key_column(table, errors)?;
    let mut keys = Keys::default();
    for row in &table.rows {
        let cell = row
            .cells
            .get(key_col)
            .map_or(CellRef::Empty, RawCell::as_cell);
        if keys.push(&normalise_key_cell(cell)).is_err() {
            errors.push(too_large(&table.path));
            return None;
        }
    }
    let lines: Lines = table.rows.iter().map(|r| r.line).collect();
    let index = check_keys(table, key_col, &keys, &lines, errors);
    Some((keys, index))
}

/// The error of a file with more than 4 GiB of keys.
pub fn too_large(path: &std::path::Path) -> Error {
    Error::new(DataError::Invalid(format!(
        "{} is too large: data files of 4 GiB or more are not supported",
        path.display()
    )))
    .at(crate::error::Location::file(path))
}

/// Empty and repeated keys, in row order; the index of the keys.
pub fn check_keys(
    table: &RawTable,
    key_col: usize,
    keys: &Keys,
    lines: &Lines,
    errors: &mut Vec<Error>,
) -> KeyIndex {
    let line_of = |row: usize| lines.line_of(row).unwrap_or(0);
    KeyIndex::build(keys, |row, problem| {
        let line = line_of(row);
        errors.push(match problem {
            KeyProblem::Empty => table.error_at(
                DataError::Invalid(format!("empty `{KEY}` on line {line}")),
                line,
                key_col,
            ),
            KeyProblem::Repeated(first) => table.error_at(
                DataError::DuplicateKey {
                    key: keys[row].to_string(),
                    first: line_of(first),
                },
                line,
                key_col,
            ),
        });
    })
}

/// Which variable a header names: `(variable, is_option_column)`, or `None`
/// for the key and for columns the codebook does not know.
pub fn variable_of_header<'c>(
    codebook: &'c Codebook,
    header: &str,
) -> Option<(&'c Variable, bool)> {
    if header == KEY || header.is_empty() {
        return None;
    }
    match codebook.variable(header) {
        Some(v) if v.ty != VariableType::Multi => Some((v, false)),
        _ => codebook.variable_of_option(header).map(|v| (v, true)),
    }
}

/// Type a raw table against the codebook. Columns the codebook does not know
/// are ignored (they may be names or comments).
pub fn type_table(
    id: &str,
    name: &str,
    table: &RawTable,
    codebook: &Codebook,
) -> Result<Dataset, Vec<Error>> {
    let mut errors = Vec::new();
    let keys = read_keys(table, &mut errors);
    let rows = table.rows.len();
    let columns = table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(c, header)| {
            let (variable, is_option) = variable_of_header(codebook, header)?;
            let mut buffer = Buffer::new(kind_of(variable, is_option)?, rows);
            let typed = {
                let window = buffer.windows(&[rows]).pop()?;
                let mut typer = ColumnTyper::new(table, c, variable, window);
                for row in &table.rows {
                    let cell = row.cells.get(c).map_or(CellRef::Empty, RawCell::as_cell);
                    typer.push(table, row.line, cell);
                }
                typer.finish()
            };
            Some((c, typer::join(buffer, &[0], vec![typed])))
        })
        .collect();
    let lines = table.rows.iter().map(|r| r.line).collect();
    assemble(id, name, table, keys, columns, lines, errors)
}

/// A typed column (`None` when a cell was wrong) and its errors, by its
/// 0-based column in the file.
pub(super) type TypedColumn = (usize, (Option<Column>, Vec<Error>));

/// The dataset from its keys and typed columns, or every error found (at
/// most 20).
pub(super) fn assemble(
    id: &str,
    name: &str,
    table: &RawTable,
    keys: Option<(Keys, KeyIndex)>,
    columns: Vec<TypedColumn>,
    lines: Lines,
    mut errors: Vec<Error>,
) -> Result<Dataset, Vec<Error>> {
    let mut typed = BTreeMap::new();
    for (c, (column, errs)) in columns {
        errors.extend(errs);
        if let Some(column) = column {
            typed.insert(table.headers[c].clone(), column);
        }
    }
    if errors.len() > 20 {
        errors.truncate(20);
    }
    match keys {
        Some((keys, index)) if errors.is_empty() => Ok(Dataset {
            id: id.to_string(),
            name: name.to_string(),
            path: table.path.clone(),
            keys,
            index: OnceLock::from(index),
            columns: typed,
            headers: table.headers.clone(),
            lines,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    fn book() -> Codebook {
        super::super::codebook::parse(
            Path::new("k.toml"),
            r#"
[variables.s]
type = "single"
codes = [{ code = 1, label = "Ja" }, { code = 2, label = "Nei" }]
missing = [9]
[variables.m]
type = "multi"
options = [{ column = "m_a", label = "A" }, { column = "m_b", label = "B" }]
[variables.x]
type = "number"
[variables.t]
type = "text"
"#,
        )
        .unwrap()
    }

    fn table(text: &str) -> RawTable {
        super::super::csv::parse(Path::new("d.csv"), Arc::from(text)).unwrap()
    }

    #[test]
    fn types_columns() {
        let t = table("kommunenr,s,m_a,m_b,x,t,extra\n301,1,1,0,\"3,5\",hei,z\n1804,9,,,,,\n");
        let ds = type_table("ia", "IA", &t, &book()).unwrap();
        assert_eq!(ds.keys().iter().collect::<Vec<_>>(), vec!["0301", "1804"]);
        assert_eq!(
            ds.column("s"),
            Some(&Column::Codes([Some(1), None].into_iter().collect()))
        );
        assert_eq!(
            ds.column("m_a"),
            Some(&Column::Flags(vec![Some(true), None]))
        );
        assert_eq!(
            ds.column("x"),
            Some(&Column::Numbers([Some(3.5), None].into_iter().collect()))
        );
        assert_eq!(ds.column("t"), Some(&Column::Text(vec![true, false])));
        assert_eq!(ds.column("extra"), None);
        assert_eq!(ds.row_of("1804"), Some(1));
    }

    #[test]
    fn reports_bad_cells_with_line_and_column() {
        let t = table("kommunenr,s,x,m_a\n0301,3,1,1\n0302,1,abc,2\n0301,1,1,1\n");
        let errs = type_table("ia", "IA", &t, &book()).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("d.csv:2:2") && m.contains("`3` in column `s`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("d.csv:3:3") && m.contains("not a number")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("d.csv:3:4") && m.contains("`2` in column `m_a`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("d.csv:4:1") && m.contains("appears twice (first on line 2)")),
            "{msgs:?}"
        );
    }

    #[test]
    fn row_of_is_built_on_first_use() {
        let ds = Dataset::from_parts(
            "ia",
            "IA",
            PathBuf::from("d.csv"),
            vec!["0301".into(), "1804".into()],
            BTreeMap::new(),
        );
        assert!(ds.index.get().is_none());
        assert_eq!(ds.row_of("1804"), Some(1));
        assert_eq!(ds.row_of("0301"), Some(0));
        assert_eq!(ds.row_of("9999"), None);
    }

    #[test]
    fn fnv_hash_matches_the_reference() {
        use std::hash::Hasher;
        let mut h = Fnv::default();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn missing_key_column_suggests() {
        let t = table("kommunenummer,s\n1,1\n");
        let errs = type_table("ia", "IA", &t, &book()).unwrap_err();
        assert!(errs[0]
            .to_string()
            .contains("column `kommunenr` is missing"));
    }
}
