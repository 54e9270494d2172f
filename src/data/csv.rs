//! CSV reading: encoding (UTF-8 with or without BOM, or Windows-1252) and
//! delimiter (`,`, `;` or tab) detected; CRLF accepted.

use std::path::Path;
use std::sync::Arc;

use super::error::DataError;
use super::table::{is_blank, RawCell, RawRow, RawTable};
use crate::error::{Error, Location};

/// Decode a text file: UTF-8 (BOM stripped) or Windows-1252.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let encoding_error = |detail: String, offset: usize| {
        let line = bytes[..offset.min(bytes.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Error::new(DataError::Encoding {
            file: path.display().to_string(),
            detail,
        })
        .at(Location::new(path, line, 0))
        .with_help("save the file as UTF-8 (or Windows-1252)")
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(encoding_error("it looks like UTF-16".into(), 0));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(pos) = body.iter().position(|b| *b == 0) {
        return Err(encoding_error(
            "it contains NUL bytes (UTF-16?)".into(),
            pos,
        ));
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(_) if body.len() < bytes.len() => {
            let pos = std::str::from_utf8(body).map_or_else(|e| e.valid_up_to(), |_| 0);
            Err(encoding_error(
                format!("it starts with a UTF-8 BOM but byte {pos} is not UTF-8"),
                pos + 3,
            ))
        }
        Err(_) => {
            // Bytes undefined in Windows-1252.
            if let Some(pos) = body
                .iter()
                .position(|b| matches!(*b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(encoding_error(
                    format!(
                        "byte 0x{:02X} at offset {pos} is invalid in both",
                        body[pos]
                    ),
                    pos,
                ));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            Ok(text.into_owned())
        }
    }
}

/// The delimiter of the header line: the most frequent of `,`, `;` and tab
/// outside quotes (ties go to `,`).
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for ch in header.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Read a CSV file into a raw table.
pub fn read(path: &Path, bytes: &[u8]) -> Result<RawTable, Error> {
    let text = decode(path, bytes)?;
    parse(path, Arc::from(text.as_str()))
}

/// Parse decoded CSV text.
pub fn parse(path: &Path, text: Arc<str>) -> Result<RawTable, Error> {
    let mut rows = Vec::new();
    let headers = visit(path, &text, |line, record| {
        let cells = record
            .iter()
            .map(|c| {
                if is_blank(c) {
                    RawCell::Empty
                } else {
                    RawCell::Text(c.to_string())
                }
            })
            .collect();
        rows.push(RawRow { line, cells });
    })
    .map_err(|e| e.with_source(text.clone()))?;
    Ok(RawTable {
        path: path.to_path_buf(),
        headers,
        rows,
        text: Some(text),
        spreadsheet: false,
    })
}

/// Stream decoded CSV text record by record (blank lines skipped, field
/// counts checked, every data record with its line); returns the header.
/// Errors carry no source text (the caller attaches it).
pub fn visit(
    path: &Path,
    text: &str,
    each: impl FnMut(usize, &::csv::StringRecord),
) -> Result<Vec<String>, Error> {
    let delimiter = detect_delimiter(text);
    let header = header(path, text, delimiter)?;
    let width = header.names.len();
    visit_rows(
        path,
        text,
        header.data..text.len(),
        header.data_line,
        width,
        delimiter,
        each,
    )?;
    Ok(header.names)
}

/// The header of a CSV text and where its data rows start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The names of the first record that is not blank, trimmed (none for a
    /// blank text).
    pub names: Vec<String>,
    /// The byte where the data rows start: a line start.
    pub data: usize,
    /// The line of that byte.
    pub data_line: usize,
}

/// Read the header of decoded CSV text (errors carry no source text).
pub fn header(path: &Path, text: &str, delimiter: u8) -> Result<Header, Error> {
    let mut names = None;
    let end = records(path, text, 0..text.len(), 1, delimiter, |line, record| {
        let h: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        for (i, name) in h.iter().enumerate() {
            if h[..i].contains(name) {
                return Err(located(
                    path,
                    format!("column `{name}` appears twice in the header"),
                    line,
                ));
            }
        }
        names = Some(h);
        Ok(false)
    })?;
    let bytes = text.as_bytes();
    let mut data = end;
    // A CRLF line end may be left half read.
    if data > 0 && bytes[data - 1] == b'\r' && bytes.get(data) == Some(&b'\n') {
        data += 1;
    }
    Ok(Header {
        names: names.unwrap_or_default(),
        data,
        data_line: 1 + newlines(&bytes[..data]),
    })
}

/// Stream the data records of `range` of `text` (which starts at a line
/// start, on line `first_line`, after the header): as [`visit`] does for
/// the rows, with each record's line in the whole file.
pub fn visit_rows(
    path: &Path,
    text: &str,
    range: std::ops::Range<usize>,
    first_line: usize,
    width: usize,
    delimiter: u8,
    mut each: impl FnMut(usize, &::csv::StringRecord),
) -> Result<(), Error> {
    records(path, text, range, first_line, delimiter, |line, record| {
        check_width(path, record, width, line, delimiter)?;
        each(line, record);
        Ok(true)
    })?;
    Ok(())
}

fn located(path: &Path, msg: String, line: usize) -> Error {
    Error::new(DataError::Invalid(msg)).at(Location::new(path, line, 0))
}

fn check_width(
    path: &Path,
    record: &::csv::StringRecord,
    width: usize,
    line: usize,
    delimiter: u8,
) -> Result<(), Error> {
    if record.len() == width {
        return Ok(());
    }
    Err(located(
        path,
        format!(
            "line has {} fields but the header has {width}",
            record.len()
        ),
        line,
    )
    .with_help(format!(
        "the delimiter was detected as `{}`; quote cells that contain it",
        delimiter as char
    )))
}

/// Every non-blank record of `range` of `text` with its line number, until
/// `each` says stop (`false`); returns the byte where reading stopped.
fn records(
    path: &Path,
    text: &str,
    range: std::ops::Range<usize>,
    first_line: usize,
    delimiter: u8,
    mut each: impl FnMut(usize, &::csv::StringRecord) -> Result<bool, Error>,
) -> Result<usize, Error> {
    let offset = range.start;
    let part = &text.as_bytes()[range];
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(part);
    // Records come in order, so their lines are counted as they come.
    let mut counted = (0, first_line);
    let mut line_of = |byte: u64| {
        let byte = (byte as usize).min(part.len());
        let (at, line) = counted;
        let line = if byte >= at {
            line + newlines(&part[at..byte])
        } else {
            line - newlines(&part[byte..at])
        };
        counted = (byte, line);
        line
    };
    let mut record = ::csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = match e.position() {
                Some(p) => line_of(p.byte()),
                None => line_of(start),
            };
            located(path, format!("cannot read CSV: {e}"), line)
        })?;
        if !more {
            return Ok(offset + part.len());
        }
        // Skip blank lines before the record so the line is the record's own.
        let mut at = start as usize;
        while matches!(part.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        let line = line_of(at as u64);
        if record.iter().all(is_blank) {
            continue;
        }
        if !each(line, &record)? {
            return Ok(offset + reader.position().byte() as usize);
        }
    }
}

/// Number of `\n` in `bytes`.
pub fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(detect_delimiter("a;b;c\n"), b';');
        assert_eq!(detect_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
    }

    #[test]
    fn decodes_utf8_bom_and_windows_1252() {
        let p = Path::new("x.csv");
        assert_eq!(decode(p, b"\xEF\xBB\xBFa\xC3\xB8").unwrap(), "aø");
        assert_eq!(decode(p, b"Bod\xF8").unwrap(), "Bodø");
        let e = decode(p, b"a\nb\x81").unwrap_err();
        assert!(e.to_string().contains("0x81"));
        assert_eq!(e.location().unwrap().line, 2);
        assert!(decode(p, b"\xFF\xFEa\x00").is_err());
        assert!(decode(p, b"a\x00b").is_err());
    }

    #[test]
    fn parses_semicolon_crlf_with_lines() {
        let t = parse(
            Path::new("x.csv"),
            Arc::from("kommunenr;v\r\n0301;\"3,5\"\r\n\r\n1804;\r\n"),
        )
        .unwrap();
        assert_eq!(t.headers, vec!["kommunenr", "v"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0], RawCell::Text("0301".into()));
        assert_eq!(t.rows[0].cells[1].number(), Some(3.5));
        assert_eq!(t.rows[1].line, 4, "{:?}", t.rows);
        assert_eq!(t.rows[1].cells[1], RawCell::Empty);
    }

    #[test]
    fn ragged_line_is_an_error_with_line() {
        let e = parse(Path::new("x.csv"), Arc::from("a,b\n1,2\n1,2,3\n")).unwrap_err();
        assert_eq!(e.location().unwrap().line, 3);
    }
}
