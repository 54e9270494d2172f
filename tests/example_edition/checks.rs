//! Collecting comparisons so that one test reports every mismatch at once,
//! each naming the figure, the label and both values.

use std::fmt::Display;

use rapport::figures::{ComputedFigure, Shape};

/// The comparisons of one test.
pub struct Checks {
    name: &'static str,
    compared: usize,
    failures: Vec<String>,
}

impl Checks {
    pub fn new(name: &'static str) -> Self {
        Checks {
            name,
            compared: 0,
            failures: Vec::new(),
        }
    }

    /// Expected (fact sheet) against computed; `what` names figure and label.
    pub fn number(&mut self, what: impl Display, expected: f64, computed: Option<f64>) {
        self.compared += 1;
        match computed {
            Some(c) if (c - expected).abs() < 1e-9 => {}
            Some(c) => self.failures.push(format!(
                "{what}: fact sheet {}, computed {}",
                show(expected),
                show(c)
            )),
            None => self.failures.push(format!(
                "{what}: fact sheet {}, computed nothing",
                show(expected)
            )),
        }
    }

    /// A condition with its explanation.
    pub fn holds(&mut self, what: impl Display, ok: bool, detail: impl Display) {
        self.compared += 1;
        if !ok {
            self.failures.push(format!("{what}: {detail}"));
        }
    }

    /// A comparison that could not be made (missing row, shortcode error).
    pub fn fail(&mut self, what: impl Display, why: impl Display) {
        self.compared += 1;
        self.failures.push(format!("{what}: {why}"));
    }

    /// Prints the count and fails with every mismatch.
    pub fn finish(self) {
        println!("{}: {} comparisons", self.name, self.compared);
        assert!(self.compared > 0, "{}: nothing was compared", self.name);
        assert!(
            self.failures.is_empty(),
            "{}: {} of {} comparisons failed:\n  {}",
            self.name,
            self.failures.len(),
            self.compared,
            self.failures.join("\n  ")
        );
    }
}

fn show(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// A row of a computed figure by label (battery: item label or variable).
pub fn row_of(f: &ComputedFigure, label: &str) -> Result<usize, String> {
    f.result
        .row_index(label)
        .or_else(|| f.row_names.iter().position(|r| r == label))
        .ok_or_else(|| format!("no row «{label}» (rows: {:?})", f.result.rows))
}

/// A series of a computed figure by label.
pub fn series_of(f: &ComputedFigure, label: &str) -> Result<usize, String> {
    f.result
        .series_index(label)
        .ok_or_else(|| format!("no series «{label}» (series: {:?})", f.result.series))
}

/// The number a reader sees in a cell: the shown percent, or the count of
/// a histogram.
pub fn cell_value(f: &ComputedFigure, row: usize, series: usize) -> Option<f64> {
    let cell = f.result.cell(row, series)?;
    if f.shape == Shape::Histogram {
        cell.count.map(|c| c as f64)
    } else {
        cell.shown
    }
}

/// A figure's downloadable CSV (`;`, BOM, decimal comma) as a header and rows.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    pub fn parse(text: &str) -> Csv {
        let text = text.trim_start_matches('\u{feff}');
        let mut lines = text.lines().filter(|l| !l.is_empty()).map(split);
        let header = lines
            .next()
            .unwrap_or_default()
            .into_iter()
            .map(|h| h.trim_end_matches(" (%)").to_string())
            .collect();
        Csv {
            header,
            rows: lines.collect(),
        }
    }

    /// The number in row `label`, column `series` (header without ` (%)`).
    pub fn value(&self, label: &str, series: &str) -> Result<Option<f64>, String> {
        let col = self
            .header
            .iter()
            .position(|h| h == series)
            .ok_or_else(|| format!("CSV has no column «{series}» ({:?})", self.header))?;
        let row = self
            .rows
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(label))
            .ok_or_else(|| format!("CSV has no row «{label}»"))?;
        Ok(row.get(col).and_then(|c| rapport::format::parse_number(c)))
    }
}

fn split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ';' if !quoted => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out
}
