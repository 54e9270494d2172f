//! A CSV dataset typed while it is read: each record's cells go straight
//! into the typed columns, so memory is the file's text plus the typed
//! columns, never a copy of every cell (a 1,000,000-row register file would
//! otherwise take gigabytes).
//!
//! A large file without quotes is read in parts, one per worker thread at a
//! time. Every column (and the keys) is one buffer with room for every row
//! the file may hold; each part fills its own window of it, so joining the
//! parts copies nothing (only blank lines leave gaps to close).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::codebook::{Codebook, Variable};
use super::csv;
use super::dataset::{self, lost_zero, normalise_key_cell, variable_of_header, Dataset, Keys};
use super::lines::Lines;
use super::table::{is_blank, CellRef, RawTable};
use super::typer::{self, close_gaps, kind_of, Buffer, ColumnTyper, Kind, Typed};
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
    let text = match String::from_utf8(bytes) {
        Ok(s) if !s.starts_with('\u{feff}') && !s.as_bytes().contains(&0) => s,
        Ok(s) => csv::decode(path, s.as_bytes()).map_err(|e| vec![e])?,
        Err(e) => csv::decode(path, e.as_bytes()).map_err(|e| vec![e])?,
    };
    type_text(id, name, path, &text, codebook)
}

/// Files at least this large, without quotes, are typed in parallel parts.
const PARALLEL_BYTES: usize = 4 << 20;

/// Type decoded CSV text (see [`read_csv`]).
pub fn type_text(
    id: &str,
    name: &str,
    path: &Path,
    text: &str,
    codebook: &Codebook,
) -> Result<Dataset, Vec<Error>> {
    // Errors are made without the text and given it here: only a file that
    // fails pays for a shared copy of its text.
    type_parts(id, name, path, text, codebook).map_err(|errors| {
        let source: Arc<str> = Arc::from(text);
        errors
            .into_iter()
            .map(|e| e.with_source(source.clone()))
            .collect()
    })
}

fn type_parts(
    id: &str,
    name: &str,
    path: &Path,
    text: &str,
    codebook: &Codebook,
) -> Result<Dataset, Vec<Error>> {
    let delimiter = csv::detect_delimiter(text);
    let header = csv::header(path, text, delimiter).map_err(|e| vec![e])?;
    // A table without rows or text: it locates errors (path, column names).
    let shell = RawTable {
        path: path.to_path_buf(),
        headers: header.names,
        rows: Vec::new(),
        text: None,
        spreadsheet: false,
    };
    let mut errors = Vec::new();
    let key_col = dataset::key_column(&shell, &mut errors);
    let whole = header.data..text.len();
    let ranges = split(text, header.data).unwrap_or_else(|| std::iter::once(whole).collect());
    let bytes = text.as_bytes();
    let counts: Vec<(usize, usize)> = ranges
        .par_iter()
        .map(|r| line_ends(&bytes[r.clone()]))
        .collect();
    // Each part's first line; the rows it may hold: one per line end (a
    // record ends at one), and in the last part one more for a last line
    // without an end.
    let mut first_lines = Vec::with_capacity(ranges.len());
    let mut line = header.data_line;
    for (newlines, _) in &counts {
        first_lines.push(line);
        line += newlines;
    }
    let mut rows: Vec<usize> = counts.iter().map(|&(_, ends)| ends).collect();
    if let Some(last) = rows.last_mut() {
        *last += 1;
    }
    let total: usize = rows.iter().sum();
    // Key text: a key is at most its cell and a leading zero.
    let (key_rows, key_room): (Vec<usize>, Vec<usize>) = match key_col {
        Some(_) => ranges
            .iter()
            .zip(&rows)
            .map(|(r, &n)| (n, r.len() + n))
            .unzip(),
        None => ranges.iter().map(|_| (0, 0)).unzip(),
    };
    if key_room.iter().sum::<usize>() > u32::MAX as usize {
        return Err(vec![dataset::too_large(path)]);
    }
    let columns: Vec<(usize, &Variable, Kind)> = shell
        .headers
        .iter()
        .enumerate()
        .filter_map(|(c, h)| {
            let (variable, is_option) = variable_of_header(codebook, h)?;
            Some((c, variable, kind_of(variable, is_option)?))
        })
        .collect();
    let mut buffers: Vec<Buffer> = columns
        .iter()
        .map(|&(_, _, kind)| Buffer::new(kind, total))
        .collect();
    let mut key_text = vec![0u8; key_room.iter().sum()];
    let mut key_ends = vec![0u32; key_rows.iter().sum()];
    let done: Vec<Done> = {
        let mut parts: Vec<Part> = ranges
            .iter()
            .zip(first_lines)
            .zip(typer::split(&mut key_text, &key_room))
            .zip(typer::split(&mut key_ends, &key_rows))
            .map(|(((range, first_line), text), ends)| Part {
                range: range.clone(),
                first_line,
                typers: Vec::with_capacity(columns.len()),
                keys: KeyWindow {
                    text,
                    ends,
                    len: 0,
                    rows: 0,
                },
                lines: Lines::default(),
            })
            .collect();
        for (buffer, &(c, variable, _)) in buffers.iter_mut().zip(&columns) {
            for (part, window) in parts.iter_mut().zip(buffer.windows(&rows)) {
                part.typers
                    .push(ColumnTyper::new(&shell, c, variable, window));
            }
        }
        let width = shell.headers.len();
        let run = |part: Part| part.run(&shell, text, key_col, width, delimiter);
        let done: Vec<Result<Done, Error>> = if parts.len() > 1 {
            parts.into_par_iter().map(run).collect()
        } else {
            parts.into_iter().map(run).collect()
        };
        // The first error in file order, as one pass would stop at.
        done.into_iter()
            .collect::<Result<_, _>>()
            .map_err(|e| vec![e])?
    };
    let starts: Vec<usize> = rows
        .iter()
        .scan(0, |at, &n| {
            let start = *at;
            *at += n;
            Some(start)
        })
        .collect();
    let mut per_column: Vec<Vec<Typed>> = columns.iter().map(|_| Vec::new()).collect();
    let mut lines = Lines::default();
    let mut key_parts = Vec::with_capacity(done.len());
    for part in done {
        for (column, typed) in per_column.iter_mut().zip(part.typed) {
            column.push(typed);
        }
        lines.append(part.lines);
        key_parts.push((part.key_bytes, part.key_rows));
    }
    let typed = buffers
        .into_par_iter()
        .zip(per_column)
        .zip(&columns)
        .map(|((buffer, parts), &(c, _, _))| (c, typer::join(buffer, &starts, parts)))
        .collect();
    let keys = key_col.map(|k| {
        let keys = join_keys(key_text, key_ends, (&key_room, &key_rows), &key_parts);
        let index = dataset::check_keys(&shell, k, &keys, &lines, &mut errors);
        (keys, index)
    });
    dataset::assemble(id, name, &shell, keys, typed, lines, errors)
}

/// One part of the file being typed: its byte range (starting at a line
/// start, on `first_line`) and its windows.
struct Part<'v, 'w> {
    range: Range<usize>,
    first_line: usize,
    typers: Vec<ColumnTyper<'v, 'w>>,
    keys: KeyWindow<'w>,
    lines: Lines,
}

/// What a part leaves: per column what its typer left, and how many key
/// bytes and keys it wrote.
struct Done {
    typed: Vec<Typed>,
    key_bytes: usize,
    key_rows: usize,
    lines: Lines,
}

impl Part<'_, '_> {
    fn run(
        mut self,
        shell: &RawTable,
        text: &str,
        key_col: Option<usize>,
        width: usize,
        delimiter: u8,
    ) -> Result<Done, Error> {
        let range = self.range.clone();
        csv::visit_rows(
            &shell.path,
            text,
            range,
            self.first_line,
            width,
            delimiter,
            |line, record| {
                let cell = |c: usize| match record.get(c) {
                    Some(t) if !is_blank(t) => CellRef::Text(t),
                    _ => CellRef::Empty,
                };
                if let Some(k) = key_col {
                    self.keys.push(cell(k));
                }
                self.lines.push(line);
                for typer in &mut self.typers {
                    let c = typer.column();
                    typer.push(shell, line, cell(c));
                }
            },
        )?;
        Ok(Done {
            typed: self.typers.into_iter().map(ColumnTyper::finish).collect(),
            key_bytes: self.keys.len,
            key_rows: self.keys.rows,
            lines: self.lines,
        })
    }
}

/// A part's window of the key buffers: key text, and each key's end
/// (counted from the window's start).
struct KeyWindow<'w> {
    text: &'w mut [u8],
    ends: &'w mut [u32],
    len: usize,
    rows: usize,
}

impl KeyWindow<'_> {
    /// Append the key of a cell, normalised as [`normalise_key_cell`] does.
    fn push(&mut self, cell: CellRef<'_>) {
        let owned;
        let (key, zero) = match cell {
            CellRef::Text(t) => {
                let t = t.trim();
                (t, lost_zero(t))
            }
            CellRef::Empty => ("", false),
            other => {
                owned = normalise_key_cell(other);
                (owned.as_str(), false)
            }
        };
        if zero {
            self.text[self.len] = b'0';
            self.len += 1;
        }
        self.text[self.len..self.len + key.len()].copy_from_slice(key.as_bytes());
        self.len += key.len();
        // The windows together hold at most 4 GiB (checked before).
        self.ends[self.rows] = self.len as u32;
        self.rows += 1;
    }
}

/// The keys of every part, one after another: `room` is each part's
/// window (bytes, rows), `used` what it wrote.
fn join_keys(
    mut text: Vec<u8>,
    mut ends: Vec<u32>,
    room: (&[usize], &[usize]),
    used: &[(usize, usize)],
) -> Keys {
    let mut text_windows = Vec::with_capacity(used.len());
    let mut end_windows = Vec::with_capacity(used.len());
    let (mut text_at, mut end_at, mut before) = (0, 0, 0u32);
    for ((&bytes, &rows), &(len, n)) in room.0.iter().zip(room.1).zip(used) {
        for end in &mut ends[end_at..end_at + n] {
            *end += before;
        }
        text_windows.push((text_at, len));
        end_windows.push((end_at, n));
        before += len as u32;
        text_at += bytes;
        end_at += rows;
    }
    close_gaps(&mut text, &text_windows);
    close_gaps(&mut ends, &end_windows);
    text.shrink_to_fit();
    let text = String::from_utf8(text).expect("keys are whole cells of UTF-8 text");
    Keys::from_parts(text, ends)
}

/// How many `\n` a part of the text has, and how many line ends (`\n`,
/// `\r\n` or a lone `\r`, as the CSV reader ends records).
fn line_ends(bytes: &[u8]) -> (usize, usize) {
    let newlines = csv::newlines(bytes);
    if !bytes.contains(&b'\r') {
        return (newlines, newlines);
    }
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    let carriage = bytes.iter().filter(|b| **b == b'\r').count();
    (newlines, newlines + carriage - crlf)
}

/// The data rows (from byte `data`, a line start) of a large file without
/// quotes, split at line starts into parts for the worker threads. `None`
/// when the file is small, has quotes (a quoted cell may hold a line break)
/// or only one thread runs.
fn split(text: &str, data: usize) -> Option<Vec<Range<usize>>> {
    let threads = rayon::current_num_threads();
    let bytes = text.as_bytes();
    if threads < 2 || bytes.len() < PARALLEL_BYTES || bytes.contains(&b'"') {
        return None;
    }
    let parts = (threads * 4).min(bytes.len() / (1 << 20)).max(2);
    let mut starts = vec![data];
    for k in 1..parts {
        let target = data + (bytes.len() - data) * k / parts;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Codebook {
        super::super::codebook::parse(
            Path::new("k.toml"),
            r#"
[variables.s]
type = "single"
codes = [{ code = 1, label = "Ja" }, { code = 2, label = "Nei" }, { code = 300, label = "Stor" }]
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
        let streamed = type_text("ia", "IA", p, text, &book());
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
        let (a, b) = (a.unwrap_err(), b.unwrap_err());
        // Every error shows the offending line of the file.
        for e in a.iter().chain(&b) {
            assert_eq!(e.source_text().map(str::len), Some(60), "{e}");
        }
        let a: Vec<String> = a.iter().map(|e| e.to_string()).collect();
        let b: Vec<String> = b.iter().map(|e| e.to_string()).collect();
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
            "kommunenr,s\n1,1,1\n",
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
        assert!(split(&text, 22).is_some_and(|r| r.len() > 1));
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

    /// Parts with CRLF line ends, blank lines, unsorted keys that lose
    /// their leading zero, and a code too wide for a byte: the same dataset
    /// as the table path, and the same errors.
    #[test]
    fn parallel_parts_with_gaps_and_wide_codes() {
        let mut text = String::from("kommunenr;s;x\r\n");
        let mut i = 0;
        while text.len() < PARALLEL_BYTES + (1 << 20) {
            // Distinct keys out of order: 3- and 4-digit numbers.
            let key = (i * 7919) % 999_983;
            let s = if i == 150_000 {
                "300"
            } else {
                ["1", "2", "9", ""][i % 4]
            };
            let blank = if i % 5000 == 3 { "\r\n\r\n" } else { "" };
            text.push_str(&format!("{blank}{key:03};{s};{}\r\n", i % 97));
            i += 1;
        }
        assert!(split(&text, 15).is_some_and(|r| r.len() > 2));
        let (a, b) = both(&text);
        let messages = |e: Vec<Error>| e.iter().map(|e| e.to_string()).collect::<Vec<_>>();
        let (a, b) = (a.map_err(messages).unwrap(), b.map_err(messages).unwrap());
        assert_eq!(a.len(), i);
        assert_eq!(a.keys(), b.keys());
        assert_eq!(&a.keys()[1], "7919");
        assert_eq!(&a.keys()[10], "079190", "a lost zero regained");
        for col in ["s", "x"] {
            assert_eq!(a.column(col), b.column(col), "{col}");
        }
        let Some(dataset::Column::Codes(codes)) = a.column("s") else {
            panic!("no codes");
        };
        assert!(codes.bytes().is_none(), "300 needs the wide storage");
        assert_eq!(codes.get(150_000), Some(300));
        for row in [0, 3, 4, 5000, 5003, 5004, 150_000, i - 1] {
            assert_eq!(a.line_of(row), b.line_of(row), "row {row}");
            assert_eq!(a.row_of(&a.keys()[row]), Some(row));
        }
        assert_eq!(a.row_of("1"), None);
        // A repeated key among unsorted keys.
        let bad = format!("{text}{}\r\n", "079190;1;1");
        let (a, b) = both(&bad);
        let a: Vec<String> = a.unwrap_err().iter().map(|e| e.to_string()).collect();
        let b: Vec<String> = b.unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(a[0].contains("first on line 14"), "{a:?}");
    }

    /// Cells with line breaks, a CR-only file and a file that ends without
    /// a line end: lines as the table path has them.
    #[test]
    fn lines_of_odd_files() {
        for text in [
            "kommunenr,t,s\n0301,\"two\nlines\",1\n\n1804,x,2\n",
            "kommunenr,s\r0301,1\r\r1804,2\r",
            "\n\nkommunenr,s\n0301,1\n1804,2",
        ] {
            let (a, b) = both(text);
            let (a, b) = (a.unwrap(), b.unwrap());
            assert_eq!(a.len(), 2, "{text:?}");
            assert_eq!(a.keys(), b.keys(), "{text:?}");
            assert_eq!(a.column("s"), b.column("s"), "{text:?}");
            for row in 0..3 {
                assert_eq!(a.line_of(row), b.line_of(row), "{text:?} row {row}");
            }
        }
        let (a, _) = both("kommunenr,t,s\n0301,\"two\nlines\",1\n\n1804,x,2\n");
        assert_eq!(a.unwrap().line_of(1), 5);
    }

    #[test]
    fn small_or_quoted_files_are_not_split() {
        assert!(split("kommunenr;s\n1;1\n", 12).is_none());
        let quoted = format!("kommunenr;s\n{}", "\"0301\";1\n".repeat(PARALLEL_BYTES / 8));
        assert!(split(&quoted, 12).is_none());
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
