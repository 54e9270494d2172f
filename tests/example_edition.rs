//! The example edition (`content/2015`–`content/2018`, synthetic data from
//! `tools/generate-example/`) against the fact sheet of IMDi's published
//! report (`tests/fixtures/kommuneundersokelsen-2018.json`), figure by figure:
//! every N, every stated percentage (2018, earlier years, panels, prose-only
//! panels), the rating means, Table 1 cell by cell, the survey-derived numbers
//! of the prose, and the built pages' captions and numbering.
//!
//! Expected values are read from the fact sheet; the only hand-made inputs
//! are the figure number → id mapping and a few label spellings
//! (`example_edition/env.rs`). Each test collects every mismatch and names
//! the figure, the label and both values.

#[path = "example_edition/checks.rs"]
mod checks;
#[path = "example_edition/claims.rs"]
mod claims;
#[path = "example_edition/env.rs"]
mod env;
#[path = "example_edition/figures.rs"]
mod figures;
#[path = "example_edition/numbers.rs"]
mod numbers;
#[path = "example_edition/table.rs"]
mod table;
#[path = "example_edition/words.rs"]
mod words;

use checks::Checks;
use env::{env, figure_id, our_label, our_title, page, FIGURE_IDS, TABLE_ID};
use rapport::figures::Shape;
use serde_json::Value;

fn fact_figures() -> &'static Vec<Value> {
    env().fact["figures"].as_array().expect("figures")
}

#[test]
fn every_figure_n_and_stated_value_matches_the_fact_sheet() {
    let env = env();
    let mut c = Checks::new("figures");
    assert_eq!(fact_figures().len(), FIGURE_IDS.len());
    for fact in fact_figures() {
        figures::check_figure(&mut c, env, fact);
    }
    c.finish();
}

#[test]
fn figure_categories_match_the_fact_sheet() {
    let env = env();
    let mut c = Checks::new("categories");
    for fact in fact_figures() {
        let number = fact["number"].as_u64().expect("number");
        let id = figure_id(number);
        let what = figures::name(number, id);
        let fig = env.figure(id);
        let source = fact["categories_source"].as_str().unwrap_or_default();
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(|s| our_label(s).to_string()))
                .collect()
        };
        let expected = strings(&fact["categories"]);
        if expected.is_empty() || source.starts_with("unknown") {
            continue;
        }
        // Categories are the answers (rows) of plain figures and panels; the
        // series of batteries, battery panels (years), breakdowns and the
        // register figure.
        let (axis, ours) = match fig.shape {
            Shape::Battery | Shape::BatteryPanel | Shape::Breakdown | Shape::TimeSeries => {
                ("series", &fig.result.series)
            }
            _ => ("rows", &fig.result.rows),
        };
        let mut a = expected.clone();
        let mut b = ours.clone();
        a.sort();
        b.sort();
        let missing: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
        let extra: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
        c.holds(
            format!("{what}, categories ({axis})"),
            missing.is_empty() && extra.is_empty(),
            format!("fact sheet {expected:?}; missing {missing:?}, extra {extra:?}"),
        );
        // Breakdown bins (Figure 8's size groups), battery items, years.
        let groups = strings(&fact["groups"]);
        if !groups.is_empty() {
            c.holds(
                format!("{what}, groups"),
                groups == fig.result.rows,
                format!("fact sheet {groups:?}, computed {:?}", fig.result.rows),
            );
        }
        for item in strings(&fact["items_known"]) {
            c.holds(
                format!("{what}, item «{item}»"),
                fig.result.rows.contains(&item),
                format!("not among {:?}", fig.result.rows),
            );
        }
        if let Some(n) = fact["items_total"].as_u64() {
            c.number(
                format!("{what}, items"),
                n as f64,
                Some(fig.result.rows.len() as f64),
            );
        }
        if let Some(years) = fact["x_axis"]["years"].as_array() {
            let years: Vec<String> = years.iter().map(|y| y.to_string()).collect();
            c.holds(
                format!("{what}, years"),
                years == fig.result.rows,
                format!("fact sheet {years:?}, computed {:?}", fig.result.rows),
            );
        }
    }
    c.finish();
}

#[test]
fn table_1_matches_the_fact_sheet_cell_by_cell() {
    let mut c = Checks::new("table 1");
    table::check(&mut c, env());
    c.finish();
}

#[test]
fn survey_derived_numbers_of_the_prose_match_the_fact_sheet() {
    let mut c = Checks::new("other_numbers");
    let (checked, skipped) = numbers::check(&mut c, env());
    println!("other_numbers: {checked} statements checked, {skipped} not from survey data");
    claims::edition(&mut c, env());
    c.finish();
}

#[test]
fn prose_claims_about_the_charts_hold() {
    let mut c = Checks::new("prose claims");
    claims::prose(&mut c, env());
    c.finish();
}

/// The house-style caption note of a fact sheet figure:
/// `Flervalg. Integreringsansvarlige. N: 273.` or
/// `Kommuner som har svart alle årene 2016–2018. N: 175.`; `None` for the
/// register figure. `n` is the stated N, else the computed one.
fn house_style(fact: &Value, n: u64) -> Option<String> {
    let group = fact["respondent_group"].as_str()?;
    if group == "register" {
        return None;
    }
    let mut note = String::new();
    if fact["multi_choice"].as_bool() == Some(true) {
        note.push_str("Flervalg. ");
    }
    let years: Vec<i64> = fact["panel"]["years"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_i64)
        .collect();
    match years.as_slice() {
        [] => {
            let name = env().fact["edition"]["sub_surveys"][group]["name"].as_str()?;
            note.push_str(&format!("{name}. "));
        }
        [a, b] => note.push_str(&format!("Kommuner som har svart både i {a} og {b}. ")),
        [one] => note.push_str(&format!("Kommuner som har svart i {one}. ")),
        [first, .., last] => note.push_str(&format!(
            "Kommuner som har svart alle årene {first}–{last}. "
        )),
    }
    note.push_str(&format!("N: {n}."));
    Some(note)
}

/// The text of the element whose opening tag holds `id="{id}"`, up to `end`.
fn element(html: &str, id: &str, end: &str) -> Option<String> {
    let start = html.find(&format!("id=\"{id}\""))?;
    let open_end = start + html[start..].find('>')? + 1;
    let close = open_end + html[open_end..].find(end)?;
    Some(html[open_end..close].to_string())
}

#[test]
fn built_pages_number_figures_in_order_with_house_style_captions() {
    let env = env();
    let mut c = Checks::new("captions");
    let print = page("2018/utskrift/index.html");
    let pages: Vec<(String, String)> = env::site()
        .iter()
        .filter(|(p, _)| p.starts_with("2018/") && p.ends_with("/index.html"))
        .filter(|(p, _)| !p.contains("utskrift"))
        .map(|(p, b)| (p.clone(), String::from_utf8_lossy(b).into_owned()))
        .collect();

    for fact in fact_figures() {
        let number = fact["number"].as_u64().expect("number");
        let id = figure_id(number);
        let what = figures::name(number, id);
        let fig = env.figure(id);
        let n = fact["N"].as_u64().unwrap_or(fig.result.n);
        let caption_id = format!("figur-{id}-caption");
        let number_span = format!("<span class=\"figure-number\">Figur {number}:</span>");
        let meta =
            house_style(fact, n).map(|m| format!("<span class=\"figure-meta\">({m})</span>"));
        // On its chapter page (exactly one) and on the print page.
        let homes: Vec<&(String, String)> = pages
            .iter()
            .filter(|(_, html)| html.contains(&format!("id=\"{caption_id}\"")))
            .collect();
        c.number(
            format!("{what}, chapter pages holding it"),
            1.0,
            Some(homes.len() as f64),
        );
        let mut places: Vec<(&str, &str)> = homes
            .iter()
            .map(|(p, h)| (p.as_str(), h.as_str()))
            .collect();
        places.push(("2018/utskrift/index.html", print.as_str()));
        for (path, html) in places {
            let Some(caption) = element(html, &caption_id, "</figcaption>") else {
                c.fail(format!("{what}, caption in {path}"), "missing");
                continue;
            };
            c.holds(
                format!("{what}, caption number in {path}"),
                caption.starts_with(&number_span),
                format!("expected it to start with {number_span}: {caption}"),
            );
            let title = our_title(fact["title"].as_str().unwrap_or_default());
            let text = caption
                .strip_prefix(&number_span)
                .unwrap_or(&caption)
                .split("<span class=\"figure-meta\">")
                .next()
                .unwrap_or_default()
                .trim();
            c.holds(
                format!("{what}, caption title in {path}"),
                text == title,
                format!("fact sheet «{title}», page «{text}»"),
            );
            match &meta {
                Some(m) => c.holds(
                    format!("{what}, caption note in {path}"),
                    caption.trim_end().ends_with(m.as_str()),
                    format!("expected it to end with {m}: {caption}"),
                ),
                None => c.holds(
                    format!("{what}, caption in {path} without N"),
                    !caption.contains("N:"),
                    caption.clone(),
                ),
            }
        }
    }

    // Figures numbered 1–19 in reading order, each the figure of its number.
    let numbers: Vec<u64> = print
        .split("<span class=\"figure-number\">Figur ")
        .skip(1)
        .filter_map(|s| s.split(':').next()?.parse().ok())
        .collect();
    let expected: Vec<u64> = (1..=FIGURE_IDS.len() as u64).collect();
    c.holds(
        "print page, figure numbers in order",
        numbers == expected,
        format!("computed {numbers:?}"),
    );
    let order: Vec<&str> = print
        .split("<figcaption id=\"figur-")
        .skip(1)
        .filter_map(|s| s.split("-caption\"").next())
        .collect();
    c.holds(
        "print page, figure ids in order",
        order == FIGURE_IDS,
        format!("computed {order:?}"),
    );

    // Table 1.
    let table = &env.fact["tables"][0];
    let caption_id = format!("tabell-{TABLE_ID}-caption");
    let n_note: Vec<String> = ["Alle kommuner", "Besvart IA", "Besvart RM"]
        .iter()
        .map(|col| format!("{col}: N = {}.", table["N_totals"][col]))
        .collect();
    for path in ["2018/innledning/index.html", "2018/utskrift/index.html"] {
        let html = page(path);
        match element(&html, &caption_id, "</caption>") {
            Some(caption) => {
                c.holds(
                    format!("Tabell 1, caption number in {path}"),
                    caption.starts_with("<span class=\"figure-number\">Tabell 1:</span>"),
                    caption.clone(),
                );
                let note = format!("({})", n_note.join(" "));
                c.holds(
                    format!("Tabell 1, caption N in {path}"),
                    caption.contains(&note),
                    format!("expected {note}: {caption}"),
                );
            }
            None => c.fail(format!("Tabell 1 in {path}"), "no caption"),
        }
        c.number(
            format!("Tabell 1, tables numbered in {path}"),
            1.0,
            Some(
                html.matches("<span class=\"figure-number\">Tabell ")
                    .count() as f64,
            ),
        );
    }
    c.finish();
}
