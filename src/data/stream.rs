//! A CSV dataset typed while it is read: each record's cells go straight
//! into the typed columns, so memory is the file's text plus the typed
//! columns, never a copy of every cell (a 1,000,000-row register file would
//! otherwise take gigabytes).

use std::path::Path;
use std::sync::Arc;

use super::codebook::Codebook;
use super::csv::{self, Record};
use super::dataset::{self, normalise_key_cell, variable_of_header, Dataset, Keys};
use super::lines::Lines;
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
    // Plain UTF-8 (the common case) is used as read; anything else (a BOM,
    // NUL bytes, Windows-1252, UTF-16) goes through `csv::decode`.
    let text: Arc<str> = match String::from_utf8(bytes) {
        Ok(s) if !s.starts_with('\u{feff}') && !s.as_bytes().contains(&0) => Arc::from(s),
        Ok(s) => Arc::from(csv::decode(path, s.as_bytes()).map_err(|e| vec![e])?),
        Err(e) => Arc::from(csv::decode(path, e.as_bytes()).map_err(|e| vec![e])?),
    };
    type_text(id, name, path, text, codebook)
}

/// Files at least this large, without quotes, are typed in parallel parts.
const PARALLEL_BYTES: usize = 4 << 20;

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
    let mut errors = Vec::new();
    let (key_col, part) = match split(&text) {
        Some(ranges) => {
            shell.headers = csv::visit(path, &Arc::from(&text[..ranges[0].start]), |_| {})
                .map_err(|e| vec![e])?;
            let key_col = dataset::key_column(&shell, &mut errors);
            (key_col, parallel(&shell, codebook, key_col, ranges)?)
        }
        None => {
            let mut key_col = None;
            let mut part = None;
            let headers = csv::visit(path, &text, |record| match record {
                Record::Header(headers, rows) => {
                    shell.headers = headers.to_vec();
                    key_col = dataset::key_column(&shell, &mut errors);
                    part = Some(Part::new(&shell, codebook, rows));
                }
                Record::Row(line, record) => {
                    if let Some(part) = &mut part {
                        part.push(&shell, key_col, line, record);
                    }
                }
            })
            .map_err(|e| vec![e])?;
            shell.headers = headers;
            let part = part.unwrap_or_else(|| Part::new(&shell, codebook, 0));
            (key_col, part)
        }
    };
    let Part {
        typers,
        keys,
        lines,
    } = part;
    let lines: Lines = lines.into_iter().collect();
    let keys = match key_col {
        Some(k) => {
            let mut all = Keys::default();
            for key in &keys {
                if all.push(key).is_err() {
                    return Err(vec![dataset::too_large(path)]);
                }
            }
            drop(keys);
            let index = dataset::check_keys(&shell, k, &all, &lines, &mut errors);
            Some((all, index))
        }
        None => None,
    };
    let typed = typers
        .into_iter()
        .map(|t| (t.column(), t.finish()))
        .collect();
    dataset::assemble(id, name, &shell, keys, typed, lines, errors)
}

/// The typed columns, keys and lines of some rows.
struct Part<'c> {
    typers: Vec<ColumnTyper<'c>>,
    keys: Vec<String>,
    lines: Vec<usize>,
}

impl<'c> Part<'c> {
    fn new(shell: &RawTable, codebook: &'c Codebook, rows: usize) -> Self {
        Part {
            typers: shell
                .headers
                .iter()
                .enumerate()
                .filter_map(|(c, h)| {
                    let (variable, is_option) = variable_of_header(codebook, h)?;
                    ColumnTyper::new(shell, c, variable, is_option, rows)
                })
                .collect(),
            keys: Vec::with_capacity(rows),
            lines: Vec::with_capacity(rows),
        }
    }

    fn push(
        &mut self,
        shell: &RawTable,
        key_col: Option<usize>,
        line: usize,
        record: &::csv::StringRecord,
    ) {
        let cell = |c: usize| match record.get(c) {
            Some(t) if !t.trim().is_empty() => CellRef::Text(t),
            _ => CellRef::Empty,
        };
        if let Some(k) = key_col {
            self.keys.push(normalise_key_cell(cell(k)));
        }
        self.lines.push(line);
        for typer in &mut self.typers {
            let c = typer.column();
            typer.push(shell, line, cell(c));
        }
    }
}

/// The data rows of a large file without quotes, split at line starts into
/// parts for the worker threads; the first part starts right after the
/// header line. `None` when the file is small, has quotes (a quoted cell
/// may hold a line break), starts with a blank line, or only one thread runs.
fn split(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let threads = rayon::current_num_threads();
    let bytes = text.as_bytes();
    if threads < 2 || bytes.len() < PARALLEL_BYTES || bytes.contains(&b'"') {
        return None;
    }
    let header_end = bytes.iter().position(|b| *b == b'\n')? + 1;
    if text[..header_end].trim().is_empty() {
        return None;
    }
    let parts = (threads * 4).min(bytes.len() / (1 << 20)).max(2);
    let mut starts = vec![header_end];
    for k in 1..parts {
        let target = header_end + (bytes.len() - header_end) * k / parts;
        let next = bytes[target..]
            .iter()
            .position(|b| *b == b'\n')
            .map(|p| target + p + 1);
        match next {
            Some(n) if n < bytes.len() && n > *starts.last().unwrap_or(&0) => starts.push(n),
            _ => {}
        }
    }
    let ends = starts.iter().skip(1).copied().chain([bytes.len()]);
    Some(starts.iter().zip(ends).map(|(&a, b)| a..b).collect())
}

/// Type the parts in parallel and join them in file order.
fn parallel<'c>(
    shell: &RawTable,
    codebook: &'c Codebook,
    key_col: Option<usize>,
    ranges: Vec<std::ops::Range<usize>>,
) -> Result<Part<'c>, Vec<Error>> {
    use rayon::prelude::*;
    let text = shell.text.clone().unwrap_or_else(|| Arc::from(""));
    let bytes = text.as_bytes();
    // Line of each part's first byte: 2 + the line breaks before it.
    let breaks: Vec<usize> = ranges
        .par_iter()
        .map(|r| bytes[r.clone()].iter().filter(|b| **b == b'\n').count())
        .collect();
    let mut first_lines = Vec::with_capacity(ranges.len());
    let mut line = 2;
    for b in &breaks {
        first_lines.push(line);
        line += b;
    }
    let width = shell.headers.len();
    let delimiter = csv::detect_delimiter(&text);
    let parts: Vec<Result<Part<'c>, Error>> = ranges
        .into_par_iter()
        .zip(first_lines)
        .zip(breaks)
        .map(|((range, first_line), rows)| {
            let mut part = Part::new(shell, codebook, rows + 1);
            csv::visit_rows(
                &shell.path,
                &text,
                range,
                first_line,
                width,
                delimiter,
                |line, record| part.push(shell, key_col, line, record),
            )?;
            Ok(part)
        })
        .collect();
    // Join in file order, column by column in parallel (the copies touch
    // fresh memory, which is kernel work both cores can share); each part's
    // column is freed as soon as it is copied.
    let mut keys = Vec::with_capacity(parts.len());
    let mut lines = Vec::with_capacity(parts.len());
    let mut columns: Vec<Vec<ColumnTyper<'c>>> = Vec::new();
    for part in parts {
        let part = part.map_err(|e| vec![e])?;
        keys.push(part.keys);
        lines.push(part.lines);
        if columns.is_empty() {
            columns = part.typers.into_iter().map(|t| vec![t]).collect();
        } else {
            for (column, t) in columns.iter_mut().zip(part.typers) {
                column.push(t);
            }
        }
    }
    let typers: Vec<ColumnTyper<'c>> = columns
        .into_par_iter()
        .filter_map(|pieces| {
            let total = pieces.iter().map(ColumnTyper::len).sum::<usize>();
            let mut pieces = pieces.into_iter();
            let mut first = pieces.next()?;
            first.reserve_exact(total - first.len());
            for piece in pieces {
                first.append(piece);
            }
            Some(first)
        })
        .collect();
    let (keys, lines) = rayon::join(|| concat(keys), || concat(lines));
    Ok(Part {
        typers,
        keys,
        lines,
    })
}

/// The pieces one after another, each freed once copied.
fn concat<T>(pieces: Vec<Vec<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for piece in pieces {
        out.extend(piece);
    }
    out
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
        assert_eq!(a.keys().iter().collect::<Vec<_>>(), vec!["0301", "1804"]);
        assert_eq!(a.keys(), b.keys());
        for col in ["s", "m_a", "m_b", "x", "t"] {
            assert_eq!(a.column(col), b.column(col), "{col}");
        }
        assert_eq!(
            a.column("x"),
            Some(&dataset::Column::Numbers(
                [Some(3.5), None].into_iter().collect()
            ))
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

    /// A file large enough to be typed in parallel parts: the same dataset
    /// (keys, columns, lines) and the same errors as one sequential pass.
    #[test]
    fn parallel_parts_match_one_pass() {
        let mut text = String::from("kommunenr;s;x;m_a;m_b\n");
        let mut i = 0;
        while text.len() < PARALLEL_BYTES + (1 << 20) {
            let s = ["1", "2", "9", ""][i % 4];
            let blank = if i % 1000 == 7 { "\n" } else { "" };
            text.push_str(&format!("{blank}K{i:07};{s};{};{};0\n", i % 97, i % 2));
            i += 1;
        }
        assert!(split(&text).is_some_and(|r| r.len() > 1));
        let (a, b) = both(&text);
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.len(), i);
        assert_eq!(a.keys(), b.keys());
        for col in ["s", "x", "m_a", "m_b"] {
            assert_eq!(a.column(col), b.column(col), "{col}");
        }
        for row in [0, 7, 8, 999, 1008, i - 1] {
            assert_eq!(a.line_of(row), b.line_of(row), "row {row}");
        }
        // Errors: an unknown code deep in the file and a repeated key.
        let bad = text.replacen("K0100000;1;", "K0100000;5;", 1) + "K0000003;1;1;1;0\n";
        let (a, b) = both(&bad);
        let a: Vec<String> = a.unwrap_err().iter().map(|e| e.to_string()).collect();
        let b: Vec<String> = b.unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 2, "{a:?}");
    }

    #[test]
    fn small_or_quoted_files_are_not_split() {
        assert!(split("kommunenr;s\n1;1\n").is_none());
        let quoted = format!("kommunenr;s\n{}", "\"0301\";1\n".repeat(PARALLEL_BYTES / 8));
        assert!(split(&quoted).is_none());
    }

    #[test]
    fn reads_utf8_bom_and_windows_1252_files() {
        let dir = tempfile::tempdir().unwrap();
        let read = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            read_csv("ia", "IA", &path, &book())
        };
        let plain = read("a.csv", b"kommunenr;s;t\n0301;1;Bod\xC3\xB8\n").unwrap();
        let bom = read("b.csv", b"\xEF\xBB\xBFkommunenr;s;t\n0301;1;Bod\xC3\xB8\n").unwrap();
        let cp1252 = read("c.csv", b"kommunenr;s;t\n0301;1;Bod\xF8\n").unwrap();
        for ds in [&plain, &bom, &cp1252] {
            assert_eq!(ds.keys().iter().collect::<Vec<_>>(), vec!["0301"]);
            assert_eq!(
                ds.column("s"),
                Some(&dataset::Column::Codes([Some(1)].into_iter().collect()))
            );
        }
        let e = read("d.csv", b"kommunenr;s\n0301;\x001\n").unwrap_err();
        assert!(e[0].to_string().contains("NUL"), "{e:?}");
        let e = read("e.csv", b"\xFF\xFEk\x00").unwrap_err();
        assert!(e[0].to_string().contains("UTF-16"), "{e:?}");
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
