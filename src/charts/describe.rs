//! The Norwegian description of a chart, generated from its data: what is
//! shown, the largest and smallest values, N. Used in the SVG's `<desc>`
//! and available to the figure.

use super::kinds::common;
use crate::format;
use crate::results::{ChartKind, ResultTable, Unit};

/// The chart type in words.
pub fn kind_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Pie => "Kakediagram",
        ChartKind::Donut => "Smultringdiagram",
        ChartKind::Bar => "Liggende stolpediagram",
        ChartKind::Stacked => "Stablet stolpediagram (100 prosent)",
        ChartKind::Grouped => "Gruppert stolpediagram",
        ChartKind::Columns => "Søylediagram",
        ChartKind::Line => "Linjediagram",
    }
}

fn what(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "andel i prosent",
        Unit::Count => "antall",
        Unit::Mean => "gjennomsnitt",
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

/// A value in prose: `68 prosent`, `1 234`, `3,6`.
fn value_words(unit: Unit, decimals: u8, v: f64) -> String {
    match unit {
        Unit::Percent => format!("{} prosent", format::number(v, decimals)),
        Unit::Count | Unit::Mean => format::number(v, decimals),
    }
}

/// Describe `result` drawn as `kind` under `title`.
pub fn describe(kind: ChartKind, title: &str, result: &ResultTable) -> String {
    let mut out = format!("{} som viser {}", kind_name(kind), what(result.unit));
    let title = title.trim();
    if !title.is_empty() {
        out.push_str(&format!(" for «{title}»"));
    }
    out.push('.');
    let several = result.series.len() > 1;
    if kind == ChartKind::Line {
        if let (Some(first), Some(last)) = (result.rows.first(), result.rows.last()) {
            out.push_str(&format!(" Perioden er {first}–{last}."));
        }
    } else {
        out.push_str(&format!(
            " {} kategorier: {}.",
            result.rows.len(),
            list(&result.rows)
        ));
    }
    if several {
        let label = if kind == ChartKind::Line {
            "Serier"
        } else {
            "Fordelt på"
        };
        out.push_str(&format!(" {label}: {}.", list(&result.series)));
    }
    // Largest and smallest shown values (first occurrence wins ties).
    let mut cells: Vec<(usize, usize, f64)> = Vec::new();
    for r in 0..result.rows.len() {
        for s in 0..result.series.len() {
            if let Ok(Some(v)) = common::shown(result, r, s) {
                cells.push((r, s, v));
            }
        }
    }
    let name = |r: usize, s: usize| -> String {
        if several {
            if kind == ChartKind::Line {
                format!("{} i {}", result.series[s], result.rows[r])
            } else {
                format!("{} ({})", result.rows[r], result.series[s])
            }
        } else {
            result.rows[r].clone()
        }
    };
    let max = cells
        .iter()
        .fold(None::<(usize, usize, f64)>, |m, c| match m {
            Some(m) if m.2 >= c.2 => Some(m),
            _ => Some(*c),
        });
    let min = cells
        .iter()
        .fold(None::<(usize, usize, f64)>, |m, c| match m {
            Some(m) if m.2 <= c.2 => Some(m),
            _ => Some(*c),
        });
    if let (Some(max), Some(min)) = (max, min) {
        out.push_str(&format!(
            " Høyeste verdi: {}, {}.",
            name(max.0, max.1),
            value_words(result.unit, result.decimals, max.2)
        ));
        if cells.len() > 1 {
            out.push_str(&format!(
                " Laveste verdi: {}, {}.",
                name(min.0, min.1),
                value_words(result.unit, result.decimals, min.2)
            ));
        }
    }
    if result.multi {
        out.push_str(" Flervalg: andelene kan summere seg til mer enn 100 prosent.");
    }
    if result.n > 0 {
        out.push_str(&format!(" N = {}.", format::number(result.n as f64, 0)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Cell;

    #[test]
    fn describes_a_single_series() {
        let result = ResultTable {
            rows: vec!["Ja".into(), "Nei".into()],
            series: vec!["Andel".into()],
            cells: vec![vec![Cell::rounded(67.9)], vec![Cell::rounded(32.1)]],
            unit: Unit::Percent,
            decimals: 0,
            n: 268,
            multi: false,
        };
        assert_eq!(
            describe(ChartKind::Pie, "Har kommunen et resultatmål?", &result),
            "Kakediagram som viser andel i prosent for «Har kommunen et resultatmål?». \
             2 kategorier: Ja og Nei. Høyeste verdi: Ja, 68 prosent. \
             Laveste verdi: Nei, 32 prosent. N = 268."
        );
    }

    #[test]
    fn describes_series_and_multi() {
        let result = ResultTable {
            rows: vec!["A".into(), "B".into(), "C".into()],
            series: vec!["2016".into(), "2018".into()],
            cells: vec![
                vec![Cell::rounded(10.0), Cell::rounded(20.0)],
                vec![Cell::rounded(5.0), Cell::rounded(50.0)],
                vec![Cell::rounded(7.0), Cell::rounded(8.0)],
            ],
            unit: Unit::Percent,
            decimals: 0,
            n: 12345,
            multi: true,
        };
        let d = describe(ChartKind::Grouped, "", &result);
        assert!(d.starts_with("Gruppert stolpediagram som viser andel i prosent. 3 kategorier: A, B og C. Fordelt på: 2016 og 2018."));
        assert!(d.contains("Høyeste verdi: B (2018), 50 prosent."));
        assert!(d.contains("Laveste verdi: B (2016), 5 prosent."));
        assert!(d.contains("Flervalg"));
        assert!(d.ends_with("N = 12\u{a0}345."));
    }
}
