//! Figure by figure: every N, stated value, earlier year, panel and mean of
//! the fact sheet's `figures` against the computed 2018 edition and the
//! figure's published CSV.

use rapport::figures::{ComputedFigure, Shape};
use serde_json::{Map, Value};

use super::checks::{cell_value, row_of, series_of, Checks, Csv};
use super::env::{figure_id, our_label, page, Env, PROSE_PANELS};
use super::words;

/// "Figur 4 `resultatmaal`" for messages.
pub fn name(number: u64, id: &str) -> String {
    format!("Figur {number} `{id}`")
}

fn int(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// The fact sheet's `years` of a panel are the editions the figure computed.
fn panel_years(c: &mut Checks, what: String, panel: &Map<String, Value>, fig: &ComputedFigure) {
    let years: Vec<i64> = panel["years"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_i64)
        .collect();
    let ours: Vec<i64> = fig.editions.iter().map(|&y| y as i64).collect();
    c.holds(
        what,
        years == ours,
        format!("fact sheet {years:?}, computed {ours:?}"),
    );
}

fn object(v: &Value) -> Option<&Map<String, Value>> {
    v.as_object()
}

/// Compares one stated number with a figure's cell and, for a published
/// 2018 figure, with its CSV.
fn stated(
    c: &mut Checks,
    fig: &ComputedFigure,
    what: &str,
    row_label: &str,
    series_label: &str,
    expected: f64,
) {
    let label = our_label(row_label);
    let what = format!("{what}, «{label}», {series_label}");
    let cell = row_of(fig, label).and_then(|r| {
        let s = if fig.editions.is_empty() && fig.shape != Shape::Battery {
            0
        } else {
            series_of(fig, series_label)?
        };
        Ok((r, s))
    });
    let (r, s) = match cell {
        Ok(rs) => rs,
        Err(e) => return c.fail(&what, e),
    };
    c.number(&what, expected, cell_value(fig, r, s));
    if fig.publish && fig.year == 2018 {
        let csv = Csv::parse(&page(&format!("2018/data/{}.csv", fig.id)));
        let row = &fig.result.rows[r];
        let column = &fig.result.series[s];
        match csv.value(row, column) {
            Ok(v) => c.number(format!("{what} (CSV)"), expected, v),
            Err(e) => c.fail(format!("{what} (CSV)"), e),
        }
    }
}

/// `{label: value}` or, for batteries, `{item: {group: value}}`.
fn stated_values(c: &mut Checks, fig: &ComputedFigure, what: &str, series: &str, values: &Value) {
    for (label, v) in object(values).into_iter().flatten() {
        match v {
            Value::Object(groups) => {
                for (group, v) in groups {
                    if let Some(x) = int(v) {
                        stated(c, fig, what, label, group, x);
                    }
                }
            }
            _ => match int(v) {
                // Histogram keys are target percents: "100" is the bin "100 %".
                Some(x) if fig.shape == Shape::Histogram => {
                    stated(c, fig, what, &format!("{label}\u{a0}%"), series, x)
                }
                Some(x) => stated(c, fig, what, label, series, x),
                None => c.fail(format!("{what}, «{label}»"), format!("not a number: {v}")),
            },
        }
    }
}

/// Every check of one fact sheet figure.
pub fn check_figure(c: &mut Checks, env: &Env, fact: &Value) {
    let number = fact["number"].as_u64().expect("figure number");
    let id = figure_id(number);
    let what = name(number, id);
    let fig = env.figure(id);
    c.holds(&what, fig.publish, "is not published");

    if let Some(n) = int(&fact["N"]) {
        c.number(format!("{what}, N"), n, Some(fig.result.n as f64));
    }
    if let Some(panel) = object(&fact["panel"]) {
        if let Some(n) = panel.get("N").and_then(int) {
            c.number(format!("{what}, panel N"), n, Some(fig.result.n as f64));
        }
        panel_years(c, format!("{what}, panel years"), panel, fig);
    }

    // Values stated for 2018.
    stated_values(c, fig, &what, "2018", &fact["values"]);

    // Earlier years: a panel's own series, else the figure on that edition.
    for (year, values) in object(&fact["earlier_years"]).into_iter().flatten() {
        let y: i32 = year.parse().expect("year key");
        if !fig.editions.is_empty() {
            stated_values(c, fig, &what, year, values);
            continue;
        }
        let earlier = match env.figure_in(id, y) {
            Ok(f) => f,
            Err(e) => {
                c.fail(format!("{what}, {year}"), e);
                continue;
            }
        };
        for (label, v) in object(values).into_iter().flatten() {
            let Some(x) = int(v) else { continue };
            if label == "mean_rating" {
                let mean = earlier.mean_total.first().and_then(|m| m.shown);
                c.number(format!("{what}, mean rating, {year}"), x, mean);
            } else {
                stated(c, &earlier, &what, label, year, x);
            }
        }
    }

    // Means of a rating battery ("3,6 / 3,4").
    for (key, v) in object(&fact["mean_rating"]).into_iter().flatten() {
        let Some(x) = int(v) else { continue };
        let year: String = key.chars().filter(char::is_ascii_digit).collect();
        let Ok(y) = year.parse::<i32>() else { continue };
        let mean = env
            .figure_in(id, y)
            .map(|f| f.mean_total.first().and_then(|m| m.shown));
        match mean {
            Ok(m) => c.number(format!("{what}, mean rating ({key})"), x, m),
            Err(e) => c.fail(format!("{what}, mean rating ({key})"), e),
        }
    }

    // A panel stated in the prose only.
    if let Some(panel) = object(&fact["prose_panel"]) {
        check_prose_panel(c, env, number, panel);
    }

    // Sums of answers stated in the prose (Figure 7: "buy in total").
    for (label, v) in object(&fact["aggregate_values"]).into_iter().flatten() {
        check_aggregate(c, env, &what, id, label, v);
    }

    // Shares stated only approximately ("litt under en femtedel").
    for (label, v) in object(&fact["approximate_values"]).into_iter().flatten() {
        let shown = row_of(fig, label).map(|r| cell_value(fig, r, 0));
        let Ok(Some(p)) = shown else {
            c.fail(format!("{what}, «{label}»"), "no value");
            continue;
        };
        if let Some([lo, hi]) = v["plausible_range"]
            .as_array()
            .and_then(|a| <[Value; 2]>::try_from(a.clone()).ok())
        {
            let (lo, hi) = (lo.as_f64().unwrap_or(0.0), hi.as_f64().unwrap_or(100.0));
            c.holds(
                format!("{what}, «{label}» in {lo}–{hi}"),
                (lo..=hi).contains(&p),
                format!("computed {p}"),
            );
        }
        if let Some(text) = v["as_printed"].as_str() {
            c.holds(
                format!("{what}, «{label}» «{text}»"),
                words::check(text, p).is_ok(),
                words::check(text, p).err().unwrap_or_default(),
            );
        }
    }

    // The most frequent value of a histogram.
    if let Some(mode) = fact["mode"].as_str() {
        let label = format!("{mode}\u{a0}%");
        let counts: Vec<u64> = fig
            .result
            .cells
            .iter()
            .map(|row| row[0].count.unwrap_or(0))
            .collect();
        let top = counts.iter().copied().max().unwrap_or(0);
        let tops: Vec<&String> = fig
            .result
            .rows
            .iter()
            .zip(&counts)
            .filter(|(_, &n)| n == top)
            .map(|(r, _)| r)
            .collect();
        c.holds(
            format!("{what}, mode"),
            tops == [&label],
            format!("fact sheet «{label}» alone, computed {tops:?} with {top} each"),
        );
    }
}

fn check_prose_panel(c: &mut Checks, env: &Env, number: u64, panel: &Map<String, Value>) {
    let Some((_, id)) = PROSE_PANELS.iter().find(|(n, _)| *n == number) else {
        c.fail(format!("Figur {number}"), "prose panel without an id");
        return;
    };
    let what = format!("Figur {number}, prose panel `{id}`");
    let fig = env.figure(id);
    c.holds(
        &what,
        !fig.publish,
        "is published (the report does not chart it)",
    );
    if let Some(n) = panel.get("N").and_then(int) {
        c.number(format!("{what}, N"), n, Some(fig.result.n as f64));
    }
    panel_years(c, format!("{what}, years"), panel, fig);
    for (year, values) in object(&panel["values_by_year"]).into_iter().flatten() {
        stated_values(c, fig, &what, year, values);
    }
}

/// Figure 7's "buy in total" (only + both), "offer in total", "cooperate".
fn check_aggregate(c: &mut Checks, env: &Env, what: &str, id: &str, label: &str, v: &Value) {
    // The answers each aggregate sums (fact sheet key → answer prefixes).
    const SUMS: [(&str, &str); 3] = [
        ("Kjøper (only + both)", "Ja, kjøper|Ja, både"),
        ("Tilbyr (only + both)", "Ja, tilbyr|Ja, både"),
        ("Samarbeider (any yes)", "Ja, kjøper|Ja, tilbyr|Ja, både"),
    ];
    let what = format!("{what}, «{label}»");
    let Some((_, svar)) = SUMS.iter().find(|(k, _)| *k == label) else {
        return c.fail(what, "no mapping to answers");
    };
    let computed = env.shortcode_number("andel", &[("figur", id), ("svar", svar)]);
    let p = match computed {
        Ok(p) => p,
        Err(e) => return c.fail(what, e),
    };
    match v {
        Value::String(s) => {
            // "nær seks av ti (close to 6 in 10)": the Norwegian part.
            let text = s.split(" (").next().unwrap_or(s);
            c.holds(
                &what,
                words::check(text, p).is_ok(),
                words::check(text, p).err().unwrap_or_default(),
            );
        }
        _ => c.number(&what, int(v).unwrap_or(f64::NAN), Some(p)),
    }
}
