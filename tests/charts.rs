//! Chart renderer tests: every kind drawn from hand-made results, compared
//! with committed snapshots (`UPDATE_SNAPSHOTS=1 cargo test --test charts`
//! rewrites them), parsed as XML, drawn twice to prove determinism, and a
//! gallery page written to `target/chart-gallery/index.html` for the axe
//! check in `tests/browser/axe.mjs`.

use std::path::PathBuf;

use rapport::charts::{ChartError, ChartRenderer, ChartRequest, RenderedChart, FONT_FAMILY};
use rapport::results::{Cell, ChartKind, ResultTable, Unit};

fn cell(value: f64, shown: f64) -> Cell {
    Cell {
        value: Some(value),
        shown: Some(shown),
        count: None,
        base: None,
    }
}

fn table(
    rows: &[&str],
    series: &[&str],
    values: &[&[f64]],
    unit: Unit,
    n: u64,
    multi: bool,
) -> ResultTable {
    ResultTable {
        rows: rows.iter().map(|s| s.to_string()).collect(),
        series: series.iter().map(|s| s.to_string()).collect(),
        cells: values
            .iter()
            .map(|row| row.iter().map(|v| cell(*v, v.round())).collect())
            .collect(),
        unit,
        decimals: 0,
        n,
        multi,
    }
}

/// One fixture per chart kind: (id, kind, title, result).
fn fixtures() -> Vec<(&'static str, ChartKind, &'static str, ResultTable)> {
    vec![
        (
            "resultatmaal",
            ChartKind::Pie,
            "Har kommunen et resultatmål for introduksjonsprogrammet?",
            table(
                &["Ja", "Nei"],
                &[""],
                &[&[67.91], &[32.09]],
                Unit::Percent,
                268,
                false,
            ),
        ),
        (
            "ansvar",
            ChartKind::Donut,
            "Hvem har hovedansvaret for bosettingsarbeidet i kommunen?",
            table(
                &[
                    "Kommunen alene",
                    "Interkommunalt samarbeid",
                    "NAV-kontoret",
                    "Annet",
                ],
                &[""],
                &[&[44.6], &[30.2], &[15.1], &[10.1]],
                Unit::Percent,
                251,
                false,
            ),
        ),
        (
            "naeringsliv",
            ChartKind::Bar,
            "Har kommunen samarbeid med lokalt næringsliv om kvalifisering av deltakere?",
            table(
                &[
                    "Ja, benytter NAVs nettverk i lokalt næringsliv",
                    "Ja, egne samarbeidsavtaler med enkeltbedrifter",
                    "Ja, gjennom interkommunalt samarbeid",
                    "Nei, ingen særskilte tiltak",
                    "Vet ikke",
                ],
                &[""],
                &[&[71.2], &[48.9], &[22.4], &[9.6], &[1.8]],
                Unit::Percent,
                270,
                true,
            ),
        ),
        (
            "nytte",
            ChartKind::Stacked,
            "Hvor nyttig er følgende tiltak fra IMDi for kommunens arbeid?",
            table(
                &[
                    "Deling av kunnskap og erfaringer om kvalifiseringsarbeid fra andre kommuner",
                    "Veiledning om regelverk",
                    "Kompetansehevingstiltak for ansatte",
                    "Tilskudd til utviklingsarbeid",
                ],
                &["God", "Verken/eller", "Dårlig", "Ikke relevant"],
                &[
                    &[62.0, 25.0, 8.0, 5.0],
                    &[71.0, 19.0, 3.0, 7.0],
                    &[48.0, 31.0, 12.0, 9.0],
                    &[55.0, 21.0, 6.0, 18.0],
                ],
                Unit::Percent,
                265,
                false,
            ),
        ),
        (
            "naeringsliv-panel",
            ChartKind::Grouped,
            "Samarbeid med lokalt næringsliv, kommuner som har svart alle årene",
            table(
                &["Ja, samarbeidsavtaler", "Ja, NAVs nettverk", "Nei"],
                &["2016", "2017", "2018"],
                &[&[41.0, 45.0, 52.0], &[60.0, 66.0, 70.0], &[18.0, 12.0, 9.0]],
                Unit::Percent,
                175,
                true,
            ),
        ),
        (
            "resultatmaal-maal",
            ChartKind::Columns,
            "Hvor stor andel av deltakerne skal være i arbeid eller utdanning etter programmet?",
            table(
                &[
                    "0–9", "10–19", "20–29", "30–39", "40–49", "50–59", "60–69", "70–79", "80–89",
                    "90–100",
                ],
                &["Antall kommuner"],
                &[
                    &[0.0],
                    &[1.0],
                    &[3.0],
                    &[6.0],
                    &[14.0],
                    &[38.0],
                    &[52.0],
                    &[41.0],
                    &[17.0],
                    &[10.0],
                ],
                Unit::Count,
                182,
                false,
            ),
        ),
        (
            "bakteppe",
            ChartKind::Line,
            "Bosetting av flyktninger og familiegjenforente, 2010–2018",
            table(
                &[
                    "2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018",
                ],
                &["Bosatte flyktninger", "Familiegjenforente"],
                &[
                    &[5800.0, 1900.0],
                    &[5600.0, 1800.0],
                    &[5900.0, 1850.0],
                    &[6900.0, 2000.0],
                    &[7800.0, 2200.0],
                    &[11300.0, 2600.0],
                    &[15300.0, 3500.0],
                    &[11100.0, 4300.0],
                    &[5000.0, 2800.0],
                ],
                Unit::Count,
                0,
                false,
            ),
        ),
    ]
}

fn requests<'a>(
    fixtures: &'a [(&'static str, ChartKind, &'static str, ResultTable)],
) -> Vec<ChartRequest<'a>> {
    fixtures
        .iter()
        .map(|(id, kind, title, result)| ChartRequest {
            id,
            kind: *kind,
            title,
            result,
        })
        .collect()
}

fn render(fixtures: &[(&'static str, ChartKind, &'static str, ResultTable)]) -> Vec<RenderedChart> {
    let renderer = ChartRenderer::new(None);
    let requests = requests(fixtures);
    renderer
        .render_all(&requests)
        .into_iter()
        .zip(fixtures)
        .map(|(r, f)| r.unwrap_or_else(|e| panic!("{}: {e}", f.0)))
        .collect()
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("target"))
}

/// One element per line, so snapshot diffs are readable.
fn normalise(svg: &str) -> String {
    let mut out = svg.replace("><", ">\n<");
    out.push('\n');
    out
}

#[test]
fn every_kind_matches_its_snapshot_and_is_valid_xml() {
    let fixtures = fixtures();
    let charts = render(&fixtures);
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let dir = manifest_dir().join("tests/snapshots/charts");
    let mut mismatches = Vec::new();
    for ((id, kind, _, _), chart) in fixtures.iter().zip(&charts) {
        let doc = roxmltree::Document::parse(&chart.svg).unwrap_or_else(|e| panic!("{id}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        let title_id = format!("{id}-title");
        let desc_id = format!("{id}-desc");
        assert_eq!(
            root.attribute("aria-labelledby"),
            Some(format!("{title_id} {desc_id}").as_str())
        );
        assert!(root.attribute("viewBox").is_some());
        assert!(doc
            .descendants()
            .any(|n| n.attribute("id") == Some(title_id.as_str())));
        // Every id is prefixed with the figure id.
        for node in doc.descendants() {
            if let Some(node_id) = node.attribute("id") {
                assert!(node_id.starts_with(&format!("{id}-")), "{id}: id {node_id}");
            }
        }
        // Text is set in the measured font.
        let texts: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        assert!(!texts.is_empty(), "{id}: no text");
        for t in texts {
            let style = t.attribute("style").unwrap_or("");
            assert!(style.contains(FONT_FAMILY), "{id}: text style {style}");
        }
        let path = dir.join(format!("{}.svg", kind.name()));
        let normalised = normalise(&chart.svg);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &normalised).unwrap();
        } else {
            match std::fs::read_to_string(&path) {
                Ok(expected) if expected == normalised => {}
                Ok(_) => mismatches.push(format!("{} differs", path.display())),
                Err(_) => mismatches.push(format!("{} is missing", path.display())),
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "snapshots differ (rerun with UPDATE_SNAPSHOTS=1 to accept): {mismatches:?}"
    );
}

#[test]
fn rendering_is_deterministic() {
    let fixtures = fixtures();
    let first = render(&fixtures);
    // Render again with the fixtures in reverse order (other threads, other
    // zrender instance numbers): byte-identical output.
    let mut reversed = fixtures.clone();
    reversed.reverse();
    let mut second = render(&reversed);
    second.reverse();
    assert_eq!(first, second);
}

#[test]
fn description_table_and_csv_carry_the_numbers() {
    let fixtures = fixtures();
    let charts = render(&fixtures[..1]);
    let pie = &charts[0];
    assert_eq!(
        pie.description,
        "Kakediagram som viser andel i prosent for «Har kommunen et resultatmål for \
         introduksjonsprogrammet?». 2 kategorier: Ja og Nei. Høyeste verdi: Ja, 68 prosent. \
         Laveste verdi: Nei, 32 prosent. N = 268."
    );
    assert!(pie
        .svg
        .contains("<desc id=\"resultatmaal-desc\">Kakediagram som viser"));
    assert!(pie.svg.contains("68\u{a0}%"), "value label in the SVG");
    assert!(pie
        .table_html
        .contains("<th scope=\"row\">Ja</th><td>68\u{a0}%</td>"));
    assert_eq!(pie.csv, "\u{feff}Kategori;Andel (%)\r\nJa;68\r\nNei;32\r\n");
}

#[test]
fn labels_from_data_cannot_inject_markup_or_code() {
    let evil = table(
        &[
            "<script>alert(1)</script> & \"x\"",
            "#*#*#*#globalThis.x=1#*#*#*#",
            "=HYPERLINK(\"x\")",
        ],
        &["<b>serie</b>"],
        &[&[50.0], &[30.0], &[20.0]],
        Unit::Percent,
        10,
        false,
    );
    let fixtures = vec![("evil", ChartKind::Bar, "<img src=x onerror=alert(1)>", evil)];
    let chart = &render(&fixtures)[0];
    roxmltree::Document::parse(&chart.svg).expect("valid XML");
    for text in [&chart.svg, &chart.table_html] {
        assert!(!text.contains("<script"), "{text}");
        assert!(!text.contains("<img"), "{text}");
        assert!(!text.contains("<b>"), "{text}");
    }
    assert!(chart.svg.contains("&lt;script&gt;"));
    assert!(
        chart.csv.contains("\r\n\"'=HYPERLINK(\"\"x\"\")\";20\r\n"),
        "{}",
        chart.csv
    );
}

#[test]
fn unfit_kinds_and_empty_results_are_typed_errors() {
    let renderer = ChartRenderer::new(None);
    let two_series = table(
        &["A", "B"],
        &["2017", "2018"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Unit::Percent,
        5,
        false,
    );
    let words = table(
        &["før", "etter"],
        &["x"],
        &[&[1.0], &[2.0]],
        Unit::Count,
        5,
        false,
    );
    let mut empty = table(&["A"], &["x"], &[&[1.0]], Unit::Percent, 0, false);
    let render = |kind, result: &ResultTable| {
        renderer.render(&ChartRequest {
            id: "f",
            kind,
            title: "t",
            result,
        })
    };
    assert!(matches!(
        render(ChartKind::Pie, &two_series),
        Err(ChartError::KindMismatch { kind: "pie", .. })
    ));
    assert!(matches!(
        render(ChartKind::Line, &words),
        Err(ChartError::KindMismatch { kind: "line", .. })
    ));
    assert!(matches!(
        render(ChartKind::Stacked, &words),
        Err(ChartError::KindMismatch { .. })
    ));
    assert_eq!(render(ChartKind::Bar, &empty), Err(ChartError::NoData));
    empty.n = 3;
    empty.cells[0][0] = Cell::default();
    assert_eq!(render(ChartKind::Bar, &empty), Err(ChartError::NoData));
}

#[test]
fn disk_cache_returns_the_same_chart() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = fixtures();
    let renderer = ChartRenderer::new(Some(dir.path().to_path_buf()));
    let (id, kind, title, result) = &fixtures[2];
    let request = ChartRequest {
        id,
        kind: *kind,
        title,
        result,
    };
    let first = renderer.render(&request).unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let second = renderer.render(&request).unwrap();
    assert_eq!(first, second);
}

/// Writes `target/chart-gallery/index.html` with one figure per kind, for
/// `node tests/browser/axe.mjs target/chart-gallery/index.html`.
#[test]
fn writes_gallery_page() {
    let fixtures = fixtures();
    let charts = render(&fixtures);
    let dir = target_dir().join("chart-gallery");
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    for font in ["NotoSans-Regular.woff2", "NotoSans-Bold.woff2"] {
        std::fs::copy(
            manifest_dir().join("theme/fonts").join(font),
            dir.join("fonts").join(font),
        )
        .unwrap();
    }
    let mut body = String::new();
    for (i, ((id, _, title, _), chart)) in fixtures.iter().zip(&charts).enumerate() {
        body.push_str(&format!(
            "<figure id=\"fig-{id}\">{}<figcaption>Figur {}: {}</figcaption>\
             <details><summary>Vis tallene</summary>{}</details></figure>\n",
            chart.svg,
            i + 1,
            rapport::charts::svg::escape(title),
            chart.table_html
        ));
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Diagramgalleri</title><style>\
         @font-face{{font-family:'{FONT_FAMILY}';src:url(fonts/NotoSans-Regular.woff2) format('woff2');font-weight:400}}\
         @font-face{{font-family:'{FONT_FAMILY}';src:url(fonts/NotoSans-Bold.woff2) format('woff2');font-weight:700}}\
         body{{font-family:'{FONT_FAMILY}',sans-serif;color:#1a1a1a;background:#fff;max-width:46rem;margin:0 auto;padding:1rem}}\
         figure{{margin:2rem 0}} svg.rapport-chart{{width:100%;height:auto;display:block}}\
         .visually-hidden{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}\
         table{{border-collapse:collapse}} th,td{{padding:.2rem .5rem;border-bottom:1px solid #ccc;text-align:left}}\
         </style></head><body><main><h1>Diagramgalleri</h1>\n{body}</main></body></html>\n"
    );
    std::fs::write(dir.join("index.html"), html).unwrap();
    for (chart, (_, kind, _, _)) in charts.iter().zip(&fixtures) {
        std::fs::write(dir.join(format!("{}.svg", kind.name())), &chart.svg).unwrap();
    }
}

/// Timing note for the report: `cargo test --release --test charts -- --ignored --nocapture`.
#[test]
#[ignore]
fn benchmark() {
    use std::time::Instant;
    let fixtures = fixtures();
    let t = Instant::now();
    let first = rapport::charts::engine::Engine::new().expect("engine");
    println!(
        "engine start-up (load the built-in ECharts bytecode): {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    let second = rapport::charts::engine::Engine::new().expect("engine");
    println!("second engine start-up: {:?}", t.elapsed());
    drop((first, second));
    let renderer = ChartRenderer::new(None);
    for (id, kind, title, result) in &fixtures {
        let request = ChartRequest {
            id,
            kind: *kind,
            title,
            result,
        };
        renderer.render(&request).expect("warm-up");
        let runs = 20;
        let t = Instant::now();
        for _ in 0..runs {
            renderer.render(&request).expect("render");
        }
        println!("{:<8} {:?} per chart", kind.name(), t.elapsed() / runs);
    }
    let dir = tempfile::tempdir().unwrap();
    let cached = ChartRenderer::new(Some(dir.path().to_path_buf()));
    let requests = requests(&fixtures);
    let t = Instant::now();
    cached.render_all(&requests);
    println!("all 7 kinds, parallel, cold cache: {:?}", t.elapsed());
    let t = Instant::now();
    cached.render_all(&requests);
    println!("all 7 kinds, parallel, warm cache: {:?}", t.elapsed());
}

/// Harder shapes than the snapshot fixtures: many rows, long labels, means,
/// five series, a long time series.
fn edge_fixtures() -> Vec<(&'static str, ChartKind, &'static str, ResultTable)> {
    let items: Vec<String> = (1..=11)
        .map(|i| format!("Påstand nummer {i} om samarbeidet mellom kommunen, NAV og frivillige organisasjoner"))
        .collect();
    let item_refs: Vec<&str> = items.iter().map(|s| s.as_str()).collect();
    let battery: Vec<Vec<f64>> = (0..11)
        .map(|i| {
            let good = 30.0 + 3.0 * i as f64;
            let middle = ((100.0 - good - 10.0) * 0.6f64).round();
            vec![good, middle, 10.0, 100.0 - good - middle - 10.0]
        })
        .collect();
    let battery_refs: Vec<&[f64]> = battery.iter().map(|r| r.as_slice()).collect();
    let years: Vec<String> = (2000..=2020).map(|y| y.to_string()).collect();
    let year_refs: Vec<&str> = years.iter().map(|s| s.as_str()).collect();
    let series: Vec<Vec<f64>> = (0..21)
        .map(|i| vec![1000.0 + 250.0 * i as f64, 90000.0 - 1500.0 * i as f64])
        .collect();
    let series_refs: Vec<&[f64]> = series.iter().map(|r| r.as_slice()).collect();
    let mut mean = table(
        &["Bosetting", "Kvalifisering", "Bolig"],
        &[""],
        &[&[3.64], &[4.05], &[2.96]],
        Unit::Mean,
        250,
        false,
    );
    mean.decimals = 1;
    for row in &mut mean.cells {
        row[0].shown = row[0].value.map(|v| rapport::format::round_half_away(v, 1));
    }
    vec![
        (
            "battery",
            ChartKind::Stacked,
            "Elleve påstander",
            table(
                &item_refs,
                &["Enig", "Verken/eller", "Uenig", "Vet ikke"],
                &battery_refs,
                Unit::Percent,
                250,
                false,
            ),
        ),
        ("mean", ChartKind::Bar, "Gjennomsnittlig vurdering", mean),
        (
            "size",
            ChartKind::Grouped,
            "Samarbeid etter kommunestørrelse",
            table(
                &["Ja", "Nei", "Vet ikke"],
                &[
                    "Under 2 000",
                    "2 000–4 999",
                    "5 000–19 999",
                    "20 000–49 999",
                    "Over 50 000",
                ],
                &[
                    &[40.0, 50.0, 60.0, 70.0, 80.0],
                    &[55.0, 45.0, 35.0, 25.0, 15.0],
                    &[5.0, 5.0, 5.0, 5.0, 5.0],
                ],
                Unit::Percent,
                260,
                false,
            ),
        ),
        (
            "long",
            ChartKind::Line,
            "Tjue år",
            table(
                &year_refs,
                &["Innvandrere i alt", "Arbeidsledige"],
                &series_refs,
                Unit::Count,
                0,
                false,
            ),
        ),
        (
            "word",
            ChartKind::Pie,
            "Et langt ord",
            table(
                &["Introduksjonsprogramdeltakerne", "Andre"],
                &[""],
                &[&[40.0], &[60.0]],
                Unit::Percent,
                20,
                false,
            ),
        ),
    ]
}

/// Every text element lies inside the viewBox, measured with the font's
/// metrics: no label is cut off at an edge.
fn assert_text_inside(id: &str, svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let view: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    let (width, height) = (view[2], view[3]);
    for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let content = t.text().unwrap_or("");
        let style = t.attribute("style").unwrap_or("");
        let size: f64 = style
            .split(';')
            .find_map(|p| p.strip_prefix("font-size:"))
            .and_then(|v| v.trim_end_matches("px").parse().ok())
            .unwrap_or(12.0);
        let mut x: f64 = t.attribute("x").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let mut y: f64 = t.attribute("y").and_then(|v| v.parse().ok()).unwrap_or(0.0);
        if let Some(tr) = t.attribute("transform") {
            let nums: Vec<f64> = tr
                .trim_start_matches("translate(")
                .trim_start_matches("matrix(")
                .trim_end_matches(')')
                .split([' ', ','])
                .filter_map(|v| v.parse().ok())
                .collect();
            match nums.len() {
                2 => {
                    x += nums[0];
                    y += nums[1];
                }
                6 => {
                    x += nums[4];
                    y += nums[5];
                }
                _ => {}
            }
        }
        assert!(
            !content.ends_with("..."),
            "{id}: `{content}` was truncated by ECharts"
        );
        let w = rapport::charts::font::text_width(content, size, false);
        let (left, right) = match t.attribute("text-anchor") {
            Some("end") => (x - w, x),
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            _ => (x, x + w),
        };
        assert!(
            left >= -0.5 && right <= width + 0.5,
            "{id}: `{content}` spans {left:.1}..{right:.1} of {width}"
        );
        assert!(
            y - size / 2.0 >= -0.5 && y + size / 2.0 <= height + 0.5,
            "{id}: `{content}` at y {y:.1} of {height}"
        );
    }
}

#[test]
fn labels_stay_inside_the_chart() {
    let mut all = fixtures();
    all.extend(edge_fixtures());
    let charts = render(&all);
    for ((id, ..), chart) in all.iter().zip(&charts) {
        assert_text_inside(id, &chart.svg);
    }
    // Bar charts grow with their rows.
    let battery = &charts[fixtures().len()];
    let bar = &charts[2];
    let view_height = |svg: &str| -> f64 {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.root_element()
            .attribute("viewBox")
            .unwrap()
            .split(' ')
            .nth(3)
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(view_height(&battery.svg) > 2.0 * view_height(&bar.svg));
    let dir = target_dir().join("chart-gallery");
    std::fs::create_dir_all(&dir).unwrap();
    for ((id, ..), chart) in all.iter().zip(&charts).skip(fixtures().len()) {
        std::fs::write(dir.join(format!("edge-{id}.svg")), &chart.svg).unwrap();
    }
}
