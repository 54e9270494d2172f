//! The data-table alternative and the CSV download: exactly the numbers the
//! chart shows, in Norwegian format.

use super::kinds::common;
use super::svg::escape;
use crate::format;
use crate::results::{ChartKind, ResultTable, Unit};

/// Header of the first column.
fn row_header(kind: ChartKind) -> &'static str {
    if kind == ChartKind::Line {
        "År"
    } else {
        "Kategori"
    }
}

/// A series header; an empty series name becomes the unit's word.
fn series_header(result: &ResultTable, s: usize) -> String {
    let name = result.series[s].trim();
    if !name.is_empty() {
        return name.to_string();
    }
    match result.unit {
        Unit::Percent => "Andel".into(),
        Unit::Count => "Antall".into(),
        Unit::Mean => "Gjennomsnitt".into(),
    }
}

/// An HTML `<table>` of the shown values, with a visually hidden caption.
pub fn table_html(kind: ChartKind, title: &str, result: &ResultTable) -> String {
    let mut out = String::from("<table class=\"chart-table\">");
    let mut caption = title.trim().to_string();
    if result.n > 0 {
        caption.push_str(&format!(" (N = {})", format::number(result.n as f64, 0)));
    }
    out.push_str(&format!(
        "<caption class=\"visually-hidden\">{}</caption>",
        escape(caption.trim())
    ));
    out.push_str(&format!(
        "<thead><tr><th scope=\"col\">{}</th>",
        row_header(kind)
    ));
    for s in 0..result.series.len() {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            escape(&series_header(result, s))
        ));
    }
    out.push_str("</tr></thead><tbody>");
    for (r, row) in result.rows.iter().enumerate() {
        out.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(row)));
        for s in 0..result.series.len() {
            let text = match common::shown(result, r, s) {
                Ok(Some(v)) => common::value_text(result.unit, result.decimals, v),
                _ => "–".to_string(),
            };
            out.push_str(&format!("<td>{}</td>", escape(&text)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// A number for Excel in Norwegian: decimal comma, no grouping, `-` for
/// negatives (Excel does not read U+2212 or a non-breaking space).
fn csv_number(v: f64, decimals: u8) -> String {
    format::number(v, decimals)
        .replace(format::NBSP, "")
        .replace(format::MINUS, "-")
}

/// A text cell: guarded against formula injection and quoted when needed.
fn csv_text(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([';', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ')
    {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The CSV: UTF-8 with BOM, `;`-separated, CRLF line ends, one header row.
pub fn csv(kind: ChartKind, result: &ResultTable) -> String {
    let unit_suffix = match result.unit {
        Unit::Percent => " (%)",
        Unit::Count | Unit::Mean => "",
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_text(row_header(kind)));
    for s in 0..result.series.len() {
        out.push(';');
        out.push_str(&csv_text(&format!(
            "{}{unit_suffix}",
            series_header(result, s)
        )));
    }
    out.push_str("\r\n");
    for (r, row) in result.rows.iter().enumerate() {
        out.push_str(&csv_text(row));
        for s in 0..result.series.len() {
            out.push(';');
            if let Ok(Some(v)) = common::shown(result, r, s) {
                out.push_str(&csv_number(v, result.decimals));
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Cell;

    fn result() -> ResultTable {
        let cell = |v: f64| Cell {
            value: Some(v),
            shown: Some(v),
            count: None,
            base: None,
        };
        ResultTable {
            rows: vec!["=SUM(A1)".into(), "Nei; \"kanskje\"".into(), "<b>".into()],
            series: vec![String::new()],
            cells: vec![vec![cell(67.5)], vec![cell(32.0)], vec![Cell::default()]],
            unit: Unit::Percent,
            decimals: 1,
            n: 12000,
            multi: false,
        }
    }

    #[test]
    fn csv_is_excel_norwegian_and_guarded() {
        let csv = csv(ChartKind::Bar, &result());
        assert_eq!(
            csv,
            "\u{feff}Kategori;Andel (%)\r\n'=SUM(A1);67,5\r\n\"Nei; \"\"kanskje\"\"\";32,0\r\n<b>;\r\n"
        );
        assert_eq!(csv_number(-1234.5, 1), "-1234,5");
        assert_eq!(csv_text("-1"), "'-1");
        assert_eq!(csv_text("@x"), "'@x");
        assert_eq!(csv_text("+x"), "'+x");
    }

    #[test]
    fn table_escapes_and_scopes() {
        let html = table_html(ChartKind::Bar, "Spørsmål & svar", &result());
        assert!(html.contains(
            "<caption class=\"visually-hidden\">Spørsmål &amp; svar (N = 12\u{a0}000)</caption>"
        ));
        assert!(html.contains("<th scope=\"col\">Kategori</th><th scope=\"col\">Andel</th>"));
        assert!(html.contains("<th scope=\"row\">&lt;b&gt;</th><td>–</td>"));
        assert!(html.contains("<td>67,5\u{a0}%</td>"));
        assert!(!html.contains("<b>"));
    }
}
