//! A CSV dataset typed while it is read: each record's cells go straight
//! into the typed columns, so memory is the file's text plus the typed
//! columns, never a copy of every cell (a 1,000,000-row register file would
//! otherwise take gigabytes).

use std::path::Path;
use std::sync::Arc;

use super::codebook::Codebook;
use super::csv::{self, Record};
use super::dataset::{self, normalise_key_cell, variable_of_header, Dataset};
use super::table::{CellRef, RawTable};
use super::typer::ColumnTyper;
use crate::error::Error;

/// Read and type a CSV dataset in one pass. Same result and the same errors
/// as [`super::table::read`] followed by [`dataset::type_table`].
pub fn read_csv(
    id: &str,
    name: &str,
    path: &Path,
    codebook: &Codebook,
) -> Result<Dataset, Vec<Error>> {
    let bytes = std::fs::read(path).map_err(|e| vec![Error::read(path, e)])?;
    let text: Arc<str> = Arc::from(csv::decode(path, &bytes).map_err(|e| vec![e])?);
    drop(bytes);
    type_text(id, name, path, text, codebook)
}

/// Type decoded CSV text (see [`read_csv`]).
pub fn type_text(
    id: &str,
    name: &str,
    path: &Path,
    text: Arc<str>,
    codebook: &Codebook,
) -> Result<Dataset, Vec<Error>> {
    // A table without rows: it locates errors (path, text, column names).
    let mut shell = RawTable {
        path: path.to_path_buf(),
        headers: Vec::new(),
        rows: Vec::new(),
        text: Some(text.clone()),
        spreadsheet: false,
    };
    let mut typers: Vec<ColumnTyper> = Vec::new();
    let mut key_col = None;
    let mut keys = Vec::new();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let headers = csv::visit(path, &text, |record| match record {
        Record::Header(headers, rows) => {
            shell.headers = headers.to_vec();
            key_col = dataset::key_column(&shell, &mut errors);
            typers = headers
                .iter()
                .enumerate()
                .filter_map(|(c, h)| {
                    let (variable, is_option) = variable_of_header(codebook, h)?;
                    ColumnTyper::new(&shell, c, variable, is_option, rows)
                })
                .collect();
            keys.reserve(rows);
            lines.reserve(rows);
        }
        Record::Row(line, record) => {
            let cell = |c: usize| match record.get(c) {
                Some(t) if !t.trim().is_empty() => CellRef::Text(t),
                _ => CellRef::Empty,
            };
            if let Some(k) = key_col {
                keys.push(normalise_key_cell(cell(k)));
            }
            lines.push(line);
            for typer in &mut typers {
                let c = typer.column();
                typer.push(&shell, line, cell(c));
            }
        }
    })
    .map_err(|e| vec![e])?;
    shell.headers = headers;
    let keys = key_col.map(|k| {
        dataset::check_keys(&shell, k, &keys, &lines, &mut errors);
        keys
    });
    dataset::assemble(id, name, &shell, keys, typers, lines, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Streaming and the two-step path agree, on good and on bad files.
    fn both(text: &str) -> (Result<Dataset, Vec<Error>>, Result<Dataset, Vec<Error>>) {
        let p = Path::new("d.csv");
        let streamed = type_text("ia", "IA", p, Arc::from(text), &book());
        let table = csv::parse(p, Arc::from(text)).unwrap();
        (streamed, dataset::type_table("ia", "IA", &table, &book()))
    }

    #[test]
    fn same_dataset_as_the_table_path() {
        let (a, b) = both("kommunenr;s;m_a;m_b;x;t;extra\n301;1;1;0;3,5;hei;z\n\n1804;9;;;;;\n");
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.keys(), &["0301".to_string(), "1804".to_string()]);
        assert_eq!(a.keys(), b.keys());
        for col in ["s", "m_a", "m_b", "x", "t"] {
            assert_eq!(a.column(col), b.column(col), "{col}");
        }
        assert_eq!(
            a.column("x"),
            Some(&dataset::Column::Numbers(vec![Some(3.5), None]))
        );
        assert_eq!(a.column("extra"), None);
        assert_eq!((a.line_of(0), a.line_of(1)), (2, 4));
        assert_eq!(a.row_of("1804"), Some(1));
        assert_eq!(a.headers(), b.headers());
    }

    #[test]
    fn same_errors_as_the_table_path() {
        let (a, b) = both("kommunenr,s,x,m_a\n0301,3,1,1\n0302,1,abc,2\n0301,1,1,1\n,1,1,1\n");
        let a: Vec<String> = a.unwrap_err().iter().map(|e| e.to_string()).collect();
        let b: Vec<String> = b.unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 5, "{a:?}");
        assert!(
            a.iter()
                .any(|m| m.contains("d.csv:4:1") && m.contains("first on line 2")),
            "{a:?}"
        );
        assert!(
            a.iter()
                .any(|m| m.contains("d.csv:3:3") && m.contains("not a number")),
            "{a:?}"
        );
    }

    #[test]
    fn missing_key_column_and_ragged_lines() {
        let (a, b) = both("kommunenummer,s\n1,1\n");
        let a: Vec<String> = a.unwrap_err().iter().map(|e| e.to_string()).collect();
        let b: Vec<String> = b.unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(a, b);
        assert!(a[0].contains("column `kommunenr` is missing"), "{a:?}");
        let e = type_text(
            "ia",
            "IA",
            Path::new("d.csv"),
            Arc::from("kommunenr,s\n1,1,1\n"),
            &book(),
        )
        .unwrap_err();
        assert_eq!(e[0].location().unwrap().line, 2);
    }

    #[test]
    fn at_most_twenty_errors() {
        let mut text = String::from("kommunenr,s\n");
        for i in 0..50 {
            text.push_str(&format!("{},7\n", 1000 + i));
        }
        let (a, b) = both(&text);
        assert_eq!(a.unwrap_err().len(), 20);
        assert_eq!(b.unwrap_err().len(), 20);
    }
}
