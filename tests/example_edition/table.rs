//! Table 1 (`tables[0]`) cell by cell: every row and column of every block,
//! the "Alle" rows, the printed column sums and N per column, in the computed
//! table and in the rendered page.

use serde_json::Value;

use super::checks::Checks;
use super::env::{our_label, page, Env, TABLE_ID};

/// The columns of the fact sheet's table, in its order.
fn columns(fact: &Value) -> Vec<String> {
    fact["column_header"]
        .as_str()
        .unwrap_or_default()
        .split('|')
        .skip(1)
        .map(|c| c.trim().trim_start_matches("Andeler:").trim().to_string())
        .collect()
}

pub fn check(c: &mut Checks, env: &Env) {
    let fact = &env.fact["tables"][0];
    let t = env
        .computed
        .table(TABLE_ID)
        .unwrap_or_else(|| panic!("table `{TABLE_ID}` is not computed"));
    let cols = columns(fact);
    c.holds(
        "Tabell 1, columns",
        cols == t.columns,
        format!("fact sheet {cols:?}, computed {:?}", t.columns),
    );
    let html = page("2018/innledning/index.html");
    let blocks = fact["blocks"].as_array().expect("blocks");
    c.number(
        "Tabell 1, blocks",
        blocks.len() as f64,
        Some(t.blocks.len() as f64),
    );
    let mut data_rows = 0;
    for (b, block) in blocks.iter().enumerate() {
        let heading = block["characteristic"].as_str().unwrap_or_default();
        let what = format!("Tabell 1, block «{heading}»");
        let Some(ours) = t.blocks.get(b) else {
            c.fail(&what, "missing");
            continue;
        };
        c.holds(
            format!("{what}, heading"),
            ours.heading == heading,
            format!("computed «{}»", ours.heading),
        );
        let rows: Vec<&Value> = block["rows"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["category"] != "Alle")
            .collect();
        data_rows += rows.len();
        c.number(
            format!("{what}, rows"),
            rows.len() as f64,
            Some(ours.result.rows.len() as f64),
        );
        for row in &rows {
            let label = our_label(row["category"].as_str().unwrap_or_default());
            let Some(r) = ours.result.row_index(label) else {
                c.fail(
                    format!("{what}, «{label}»"),
                    format!("no such row ({:?})", ours.result.rows),
                );
                continue;
            };
            let mut printed = Vec::new();
            for (s, col) in cols.iter().enumerate() {
                let expected = row[col.as_str()].as_f64().unwrap_or(f64::NAN);
                let cell = ours.result.cell(r, s).and_then(|x| x.shown);
                c.number(format!("{what}, «{label}», {col}"), expected, cell);
                printed.push(format!("<td>{expected:.0}\u{a0}%</td>"));
            }
            // The rendered row reads the same.
            let tr = format!(
                "<tr><th scope=\"row\">{label}</th>{}</tr>",
                printed.concat()
            );
            let tr_plain = tr.replace('\u{a0}', " ");
            c.holds(
                format!("{what}, «{label}» on the page"),
                // Spaces inside numbers may be non-breaking on the page.
                html.replace('\u{a0}', " ").contains(&tr_plain),
                format!("2018/innledning/index.html has no {tr_plain}"),
            );
        }
        // "Alle" = 100: every unit of the column is in one of the block's rows.
        for (s, col) in cols.iter().enumerate() {
            let counted: u64 = (0..ours.result.rows.len())
                .filter_map(|r| ours.result.cell(r, s).and_then(|x| x.count))
                .sum();
            let n = t.n.get(s).copied().unwrap_or(0);
            c.holds(
                format!("{what}, «Alle» = 100, {col}"),
                counted == n && n > 0,
                format!("rows count {counted} of N {n}"),
            );
            if let Some(sum) = block["column_sums_of_printed_rows"][col.as_str()].as_f64() {
                let shown: f64 = (0..ours.result.rows.len())
                    .filter_map(|r| ours.result.cell(r, s).and_then(|x| x.shown))
                    .sum();
                c.number(
                    format!("{what}, sum of printed rows, {col}"),
                    sum,
                    Some(shown),
                );
            }
        }
    }
    if let Some(n) = fact["row_count"]["data_rows"].as_u64() {
        c.number("Tabell 1, data rows", n as f64, Some(data_rows as f64));
    }
    // N per column, computed and in the page's N row.
    let mut n_row = Vec::new();
    for (s, col) in cols.iter().enumerate() {
        let expected = fact["N_totals"][col.as_str()].as_f64().unwrap_or(f64::NAN);
        c.number(
            format!("Tabell 1, N, {col}"),
            expected,
            t.n.get(s).map(|&n| n as f64),
        );
        n_row.push(format!("<td>{expected:.0}</td>"));
    }
    let tr = format!("<tr><th scope=\"row\">N</th>{}</tr>", n_row.concat());
    c.holds(
        "Tabell 1, N row on the page",
        html.contains(&tr),
        format!("2018/innledning/index.html has no {tr}"),
    );
}
