//! The HTML of a placed figure or table: numbered caption, chart, notes,
//! the data table behind a "Vis tallene" disclosure, and the CSV link.

use crate::charts::RenderedChart;
use crate::config::Labels;
use crate::figures::{ComputedFigure, ComputedTable};
use crate::format;
use crate::results::{ResultTable, Unit};

use super::escape::html;

/// `<figure>` for a computed, drawn figure.
pub fn figure_html(
    figure: &ComputedFigure,
    chart: &RenderedChart,
    label: &str,
    labels: &Labels,
) -> String {
    let id = &figure.id;
    let mut out = format!(
        "<figure class=\"figure\" id=\"figur-{id}\" aria-labelledby=\"figur-{id}-caption\">\n\
         <figcaption id=\"figur-{id}-caption\"><span class=\"figure-number\">{label}:</span> {title}{note}</figcaption>\n\
         <div class=\"chart\">{svg}</div>\n",
        label = html(label),
        title = html(&figure.title),
        note = caption_meta(&figure.caption_note),
        svg = chart.svg,
    );
    out.push_str(&notes_html(
        figure.note.as_deref(),
        figure.source.as_deref(),
        labels,
    ));
    out.push_str(&format!(
        "<details class=\"figure-data\">\n<summary>{show}<span class=\"visually-hidden\"> – {label}</span></summary>\n\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">\n{table}\n</div>\n</details>\n\
         <p class=\"figure-download\"><a href=\"../data/{id}.csv\" download=\"{id}.csv\">{download}<span class=\"visually-hidden\"> – {label}</span></a></p>\n\
         </figure>\n",
        show = html(&labels.show_numbers),
        label = html(label),
        table = chart.table_html,
        download = html(&labels.download_data),
    ));
    out
}

/// ` (Integreringsansvarlige. N: 268.)` after a caption's title; nothing when empty.
fn caption_meta(note: &str) -> String {
    if note.trim().is_empty() {
        String::new()
    } else {
        format!(" <span class=\"figure-meta\">({})</span>", html(note))
    }
}

fn notes_html(note: Option<&str>, source: Option<&str>, labels: &Labels) -> String {
    let mut out = String::new();
    if let Some(note) = note {
        out.push_str(&format!(
            "<p class=\"figure-note\">{}: {}</p>\n",
            html(&labels.note),
            html(note)
        ));
    }
    if let Some(source) = source {
        out.push_str(&format!(
            "<p class=\"figure-source\">{}: {}</p>\n",
            html(&labels.source),
            html(source)
        ));
    }
    out
}

/// A `<table>` for a computed table: one row group per block.
pub fn table_html(table: &ComputedTable, label: &str, labels: &Labels) -> String {
    let id = &table.id;
    let mut out = format!(
        // The caption stays outside the scrolling wrapper, so on a narrow screen
        // it wraps to the screen's width while the table scrolls (WCAG 1.4.10).
        "<figure class=\"report-table\" id=\"tabell-{id}\" aria-labelledby=\"tabell-{id}-caption\">\n\
         <figcaption id=\"tabell-{id}-caption\"><span class=\"figure-number\">{label}:</span> {title}{note}</figcaption>\n\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">\n\
         <table aria-labelledby=\"tabell-{id}-caption\">\n<thead>\n<tr><td></td>",
        label = html(label),
        title = html(&table.title),
        note = caption_meta(&table.caption_note),
    );
    for column in &table.columns {
        out.push_str(&format!("<th scope=\"col\">{}</th>", html(column)));
    }
    out.push_str("</tr>\n</thead>\n");
    for block in &table.blocks {
        out.push_str(&format!(
            "<tbody>\n<tr class=\"block-heading\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>\n",
            table.columns.len() + 1,
            html(&block.heading)
        ));
        for (r, row) in block.result.rows.iter().enumerate() {
            out.push_str(&format!("<tr><th scope=\"row\">{}</th>", label_html(row)));
            for s in 0..table.columns.len() {
                out.push_str(&format!("<td>{}</td>", cell_text(&block.result, r, s)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n");
    }
    if !table.n.is_empty() {
        out.push_str("<tfoot>\n<tr><th scope=\"row\">N</th>");
        for n in &table.n {
            out.push_str(&format!("<td>{}</td>", format::integer(*n as i64)));
        }
        out.push_str("</tr>\n</tfoot>\n");
    }
    out.push_str("</table>\n</div>\n");
    out.push_str(&notes_html(
        table.note.as_deref(),
        table.source.as_deref(),
        labels,
    ));
    out.push_str("</figure>\n");
    out
}

/// A row label as HTML, with the space inside a number (`2 000`) made
/// non-breaking so a narrow column never splits a number over two lines.
fn label_html(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    let glued: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits = c == ' '
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            if between_digits {
                '\u{a0}'
            } else {
                c
            }
        })
        .collect();
    html(&glued)
}

/// A cell as shown: `23 %`, a count, or a mean; "–" where there is no value.
pub fn cell_text(result: &ResultTable, row: usize, series: usize) -> String {
    let Some(shown) = result.cell(row, series).and_then(|c| c.shown) else {
        return "–".to_string();
    };
    match result.unit {
        Unit::Percent => format::percent(shown, result.decimals),
        Unit::Count | Unit::Mean => format::number(shown, result.decimals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::figures::TableBlock;
    use crate::results::Cell;

    #[test]
    fn table_has_headers_blocks_and_n() {
        let table = ComputedTable {
            id: "rep".into(),
            title: "Sammenligning <alle>".into(),
            columns: vec!["Alle".into(), "IA".into()],
            blocks: vec![TableBlock {
                heading: "Størrelse".into(),
                attribute: "innbyggere".into(),
                result: ResultTable {
                    rows: vec!["Under 2 000".into()],
                    series: vec!["Alle".into(), "IA".into()],
                    cells: vec![vec![Cell::rounded(23.4), Cell::rounded(19.0)]],
                    unit: Unit::Percent,
                    decimals: 0,
                    n: 422,
                    multi: false,
                },
            }],
            n: vec![422, 273],
            caption_note: "N: 422".into(),
            note: None,
            source: Some("SSB".into()),
            location: Location::file("figurer.toml"),
        };
        let h = table_html(&table, "Tabell 1", &Labels::default());
        assert!(h.contains("<th scope=\"col\">IA</th>"));
        assert!(h.contains("Sammenligning &lt;alle&gt;"));
        // the caption wraps outside the scrolling wrapper and names the table
        assert!(h.find("<figcaption").unwrap() < h.find("table-wrap").unwrap());
        assert!(h.contains("<table aria-labelledby=\"tabell-rep-caption\">"));
        assert!(h.ends_with("</figure>\n"));
        assert!(h.contains("<th scope=\"row\">Under 2\u{a0}000</th>"));
        assert_eq!(label_html("2 000–4 999 a 1"), "2\u{a0}000–4\u{a0}999 a 1");
        assert!(h.contains("<th scope=\"rowgroup\" colspan=\"3\">Størrelse</th>"));
        assert!(h.contains("<td>23\u{a0}%</td><td>19\u{a0}%</td>"));
        assert!(h.contains("<tfoot>\n<tr><th scope=\"row\">N</th><td>422</td><td>273</td>"));
        assert!(h.contains("Kilde: SSB"));
    }
}
