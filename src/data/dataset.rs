//! A survey dataset: one row per unit, columns typed against the codebook.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::OnceLock;

use super::codebook::{Codebook, Variable, VariableType};
use super::error::DataError;
use super::table::{CellRef, RawCell, RawTable};
use super::typer::ColumnTyper;
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

/// The hasher of key lookups.
pub type KeyHasher = std::hash::BuildHasherDefault<Fnv>;

/// The key column of every data file.
pub const KEY: &str = "kommunenr";

pub use super::column::{Codes, Column, Numbers};

/// One sub-survey's microdata.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: String,
    /// The display name (`Integreringsansvarlige`).
    pub name: String,
    pub path: PathBuf,
    keys: Vec<String>,
    /// Key → row, built on first use (many datasets are never looked up by
    /// key, and a register file's index is large). Never iterated.
    index: OnceLock<HashMap<String, usize, KeyHasher>>,
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
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The row of a unit.
    pub fn row_of(&self, key: &str) -> Option<usize> {
        self.index
            .get_or_init(|| {
                let mut index =
                    HashMap::with_capacity_and_hasher(self.keys.len(), KeyHasher::default());
                for (i, k) in self.keys.iter().enumerate() {
                    index.insert(k.clone(), i);
                }
                index
            })
            .get(key)
            .copied()
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
    normalise_key_cell(cell.as_cell())
}

/// [`normalise_key`] of a borrowed cell.
pub fn normalise_key_cell(cell: CellRef<'_>) -> String {
    let text = match cell {
        CellRef::Text(t) => t.trim().to_string(),
        other => other.text().trim().to_string(),
    };
    if matches!(text.len(), 3 | 5) && text.chars().all(|c| c.is_ascii_digit()) {
        format!("0{text}")
    } else {
        text
    }
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

/// Read the key column of a table, rejecting empty and duplicate keys.
pub fn read_keys(table: &RawTable, errors: &mut Vec<Error>) -> Option<Vec<String>> {
    let key_col = key_column(table, errors)?;
    let keys: Vec<String> = table
        .rows
        .iter()
        .map(|row| {
            normalise_key_cell(
                row.cells
                    .get(key_col)
                    .map_or(CellRef::Empty, RawCell::as_cell),
            )
        })
        .collect();
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    check_keys(table, key_col, &keys, &lines, errors);
    Some(keys)
}

/// Empty and repeated keys, in row order (`lines[i]` is row `i`'s line).
pub fn check_keys(
    table: &RawTable,
    key_col: usize,
    keys: &[String],
    lines: &[usize],
    errors: &mut Vec<Error>,
) {
    // Only looked up, never iterated: the order of the errors is the rows'.
    let mut seen: HashMap<&str, usize, KeyHasher> =
        HashMap::with_capacity_and_hasher(keys.len(), KeyHasher::default());
    for (key, &line) in keys.iter().zip(lines) {
        if key.is_empty() {
            errors.push(table.error_at(
                DataError::Invalid(format!("empty `{KEY}` on line {line}")),
                line,
                key_col,
            ));
        } else if let Some(first) = seen.get(key.as_str()) {
            errors.push(table.error_at(
                DataError::DuplicateKey {
                    key: key.clone(),
                    first: *first,
                },
                line,
                key_col,
            ));
        } else {
            seen.insert(key, line);
        }
    }
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
    let mut typers: Vec<ColumnTyper> = table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(c, header)| {
            let (variable, is_option) = variable_of_header(codebook, header)?;
            ColumnTyper::new(table, c, variable, is_option, table.rows.len())
        })
        .collect();
    for typer in &mut typers {
        let c = typer.column();
        for row in &table.rows {
            let cell = row.cells.get(c).map_or(CellRef::Empty, RawCell::as_cell);
            typer.push(table, row.line, cell);
        }
    }
    let lines = table.rows.iter().map(|r| r.line).collect();
    assemble(id, name, table, keys, typers, lines, errors)
}

/// The dataset from its keys and typed columns, or every error found (at
/// most 20).
pub(super) fn assemble(
    id: &str,
    name: &str,
    table: &RawTable,
    keys: Option<Vec<String>>,
    typers: Vec<ColumnTyper>,
    lines: Vec<usize>,
    mut errors: Vec<Error>,
) -> Result<Dataset, Vec<Error>> {
    let mut columns = BTreeMap::new();
    for typer in typers {
        let header = table.headers[typer.column()].clone();
        let (column, errs) = typer.finish();
        errors.extend(errs);
        if let Some(column) = column {
            columns.insert(header, column);
        }
    }
    if errors.len() > 20 {
        errors.truncate(20);
    }
    match keys {
        Some(keys) if errors.is_empty() => {
            let mut ds = Dataset::from_parts(id, name, table.path.clone(), keys, columns);
            ds.headers = table.headers.clone();
            ds.lines = lines;
            Ok(ds)
        }
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
        assert_eq!(ds.keys(), &["0301".to_string(), "1804".to_string()]);
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
