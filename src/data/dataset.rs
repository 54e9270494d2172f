//! A survey dataset: one row per unit, columns typed against the codebook.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::codebook::{Codebook, Variable, VariableType};
use super::error::DataError;
use super::table::{RawCell, RawTable};
use crate::error::Error;

/// The key column of every data file.
pub const KEY: &str = "kommunenr";

/// A typed column.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Answer codes (single, rating); missing codes are `None`.
    Codes(Vec<Option<i64>>),
    /// A multiple-choice option column: 1 → true, 0 → false.
    Flags(Vec<Option<bool>>),
    /// Numbers.
    Numbers(Vec<Option<f64>>),
    /// Free text: true where the cell is not empty.
    Text(Vec<bool>),
}

/// One sub-survey's microdata.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: String,
    /// The display name (`Integreringsansvarlige`).
    pub name: String,
    pub path: PathBuf,
    keys: Vec<String>,
    index: BTreeMap<String, usize>,
    columns: BTreeMap<String, Column>,
    headers: Vec<String>,
    lines: Vec<usize>,
}

impl Dataset {
    /// A dataset from typed parts (used by tests and by [`type_table`]).
    pub fn from_parts(
        id: &str,
        name: &str,
        path: PathBuf,
        keys: Vec<String>,
        columns: BTreeMap<String, Column>,
    ) -> Self {
        let index = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let headers = std::iter::once(KEY.to_string())
            .chain(columns.keys().cloned())
            .collect();
        let lines = (0..keys.len()).map(|i| i + 2).collect();
        Dataset {
            lines,
            id: id.to_string(),
            name: name.to_string(),
            path,
            keys,
            index,
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
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The row of a unit.
    pub fn row_of(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// A typed column by name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.get(name)
    }

    /// The file line (or sheet row) of a data row.
    pub fn line_of(&self, row: usize) -> usize {
        self.lines.get(row).copied().unwrap_or(0)
    }

    /// The file's header names, for suggestions.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }
}

/// Normalise a `kommunenr`: trimmed text; numbers (spreadsheets, or CSV
/// saved by Excel) regain the leading zero lost from 4- and 6-digit numbers.
pub fn normalise_key(cell: &RawCell) -> String {
    let text = cell.text().trim().to_string();
    if text.chars().all(|c| c.is_ascii_digit()) && matches!(text.len(), 3 | 5) {
        format!("0{text}")
    } else {
        text
    }
}

/// Read the key column of a table, rejecting empty and duplicate keys.
pub fn read_keys(table: &RawTable, errors: &mut Vec<Error>) -> Option<Vec<String>> {
    let Some(key_col) = table.column(KEY) else {
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
        return None;
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut keys = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let cell = row.cells.get(key_col).cloned().unwrap_or(RawCell::Empty);
        let key = normalise_key(&cell);
        if key.is_empty() {
            errors.push(table.error_at(
                DataError::Invalid(format!("empty `{KEY}` on line {}", row.line)),
                row.line,
                key_col,
            ));
        } else if let Some(first) = seen.get(&key) {
            errors.push(table.error_at(
                DataError::DuplicateKey {
                    key: key.clone(),
                    first: *first,
                },
                row.line,
                key_col,
            ));
        } else {
            seen.insert(key.clone(), row.line);
        }
        keys.push(key);
    }
    Some(keys)
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
    let mut columns = BTreeMap::new();
    for (c, header) in table.headers.iter().enumerate() {
        if header == KEY || header.is_empty() {
            continue;
        }
        let (variable, is_option) = match codebook.variable(header) {
            Some(v) if v.ty != VariableType::Multi => (v, false),
            _ => match codebook.variable_of_option(header) {
                Some(v) => (v, true),
                None => continue,
            },
        };
        if let Some(column) = type_column(table, c, variable, is_option, &mut errors) {
            columns.insert(header.clone(), column);
        }
    }
    if errors.len() > 20 {
        errors.truncate(20);
    }
    match keys {
        Some(keys) if errors.is_empty() => {
            let mut ds = Dataset::from_parts(id, name, table.path.clone(), keys, columns);
            ds.headers = table.headers.clone();
            ds.lines = table.rows.iter().map(|r| r.line).collect();
            Ok(ds)
        }
        _ => Err(errors),
    }
}

fn type_column(
    table: &RawTable,
    c: usize,
    variable: &Variable,
    is_option: bool,
    errors: &mut Vec<Error>,
) -> Option<Column> {
    let before = errors.len();
    let cells = table
        .rows
        .iter()
        .map(|r| (r.line, r.cells.get(c).unwrap_or(&RawCell::Empty)));
    let column_label = table.column_label(c);
    let unknown = |value: String, line: usize, help: String| {
        table
            .error_at(
                DataError::UnknownCode {
                    value,
                    column: column_label.clone(),
                    variable: variable.name.clone(),
                },
                line,
                c,
            )
            .with_help(help)
    };
    let column = if is_option {
        let mut out = Vec::new();
        for (line, cell) in cells {
            out.push(match code_of(cell) {
                None if cell.is_empty() => None,
                Some(1) => Some(true),
                Some(0) => Some(false),
                Some(m) if variable.missing.contains(&m) => None,
                _ => {
                    errors.push(unknown(
                        cell.text(),
                        line,
                        "option columns of a multiple-choice question hold 1 (chosen), 0 (not chosen) or nothing".into(),
                    ));
                    None
                }
            });
        }
        Column::Flags(out)
    } else {
        match variable.ty {
            VariableType::Single | VariableType::Rating => {
                let mut out = Vec::new();
                for (line, cell) in cells {
                    out.push(match code_of(cell) {
                        None if cell.is_empty() => None,
                        Some(m) if variable.missing.contains(&m) => None,
                        Some(k) if variable.code(k).is_some() => Some(k),
                        _ => {
                            errors.push(unknown(cell.text(), line, codes_help(variable)));
                            None
                        }
                    });
                }
                Column::Codes(out)
            }
            VariableType::Number => {
                let mut out = Vec::new();
                for (line, cell) in cells {
                    out.push(match cell.number() {
                        None if cell.is_empty() => None,
                        Some(v) if variable.missing.iter().any(|m| *m as f64 == v) => None,
                        Some(v) => Some(v),
                        None => {
                            errors.push(
                                table
                                    .error_at(
                                        DataError::NotNumber {
                                            value: cell.text(),
                                            column: column_label.clone(),
                                        },
                                        line,
                                        c,
                                    )
                                    .with_help("numbers may use a decimal comma (`3,5`); leave the cell empty for no answer"),
                            );
                            None
                        }
                    });
                }
                Column::Numbers(out)
            }
            VariableType::Text => Column::Text(cells.map(|(_, cell)| !cell.is_empty()).collect()),
            VariableType::Multi => return None,
        }
    };
    (errors.len() == before).then_some(column)
}

fn code_of(cell: &RawCell) -> Option<i64> {
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
        assert_eq!(ds.keys(), &["0301".to_string(), "1804".to_string()]);
        assert_eq!(ds.column("s"), Some(&Column::Codes(vec![Some(1), None])));
        assert_eq!(
            ds.column("m_a"),
            Some(&Column::Flags(vec![Some(true), None]))
        );
        assert_eq!(
            ds.column("x"),
            Some(&Column::Numbers(vec![Some(3.5), None]))
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
    fn missing_key_column_suggests() {
        let t = table("kommunenummer,s\n1,1\n");
        let errs = type_table("ia", "IA", &t, &book()).unwrap_err();
        assert!(errs[0]
            .to_string()
            .contains("column `kommunenr` is missing"));
    }
}
