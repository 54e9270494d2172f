//! Time rapport's chart engine on the charts dumped by
//! `RAPPORT_DUMP_OPTIONS=<dir> rapport build`, one thread, no cache: the
//! same inputs `bench/node/render.mjs` gives Node's ECharts.
//!
//! ```sh
//! cargo run --release --example chart_timing -- <dump dir> [repeats]
//! ```
//!
//! Prints one JSON object like the Node script: engine start-up (the first
//! and a second engine, each loading ECharts' built-in bytecode), then,
//! after one untimed pass over all charts, per-chart medians over `repeats`
//! runs, their median, mean, min and max (milliseconds), and each chart's
//! median. `CHART_TIMING_SVG_DIR=<dir>` also writes every SVG there, to
//! check that two engine versions draw the same bytes.
//! Part of the benchmark (`bench/run`), not of the library.

use std::time::Instant;

use rapport::charts::engine::Engine;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: chart_timing <dump dir> [repeats]");
        std::process::exit(2);
    };
    let repeats: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{dir}: {e}")))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let records: Vec<serde_json::Value> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| fail(&e.to_string()));
            serde_json::from_str(&text).unwrap_or_else(|e| fail(&e.to_string()))
        })
        .collect();

    let t0 = Instant::now();
    let engine = Engine::new().unwrap_or_else(|e| fail(&e.to_string()));
    let startup_ms = ms(t0);
    let t1 = Instant::now();
    drop(Engine::new().unwrap_or_else(|e| fail(&e.to_string())));
    let second_startup_ms = ms(t1);

    let inputs: Vec<(&str, String, u32, u32)> = records
        .iter()
        .map(|rec| {
            (
                rec["options"].as_str().unwrap_or("{}"),
                rec["patch"].to_string(),
                rec["width"].as_u64().unwrap_or(440) as u32,
                rec["height"].as_u64().unwrap_or(300) as u32,
            )
        })
        .collect();
    // One untimed pass first, as the Node script does.
    for (options, patch, width, height) in &inputs {
        engine
            .render(options, patch, *width, *height)
            .unwrap_or_else(|e| fail(&e.to_string()));
    }
    // CHART_TIMING_SVG_DIR=<dir>: also write each chart's SVG there, to
    // compare the output of two engine versions.
    let svg_dir = std::env::var_os("CHART_TIMING_SVG_DIR");
    let mut per_chart = Vec::with_capacity(records.len());
    let mut bytes = 0;
    for ((rec, file), (options, patch, width, height)) in records.iter().zip(&files).zip(&inputs) {
        let (width, height) = (*width, *height);
        let mut times = Vec::with_capacity(repeats);
        for i in 0..repeats {
            let t = Instant::now();
            let svg = engine
                .render(options, patch, width, height)
                .unwrap_or_else(|e| fail(&format!("{}: {e}", rec["id"])));
            times.push(ms(t));
            if i == 0 {
                bytes += svg.len();
                if let Some(dir) = &svg_dir {
                    let name = file.with_extension("svg");
                    let name = name.file_name().unwrap_or_default();
                    std::fs::write(std::path::Path::new(dir).join(name), &svg)
                        .unwrap_or_else(|e| fail(&e.to_string()));
                }
            }
        }
        times.sort_by(f64::total_cmp);
        per_chart.push(times[times.len() / 2]);
    }
    let mut sorted = per_chart.clone();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let out = serde_json::json!({
        "renderer": format!("rapport QuickJS, echarts {}", rapport::charts::ECHARTS_VERSION),
        "charts": n,
        "repeats": repeats,
        "startup_ms": startup_ms,
        "second_startup_ms": second_startup_ms,
        "median_ms": sorted.get(n / 2),
        "mean_ms": (n > 0).then(|| per_chart.iter().sum::<f64>() / n as f64),
        "min_ms": sorted.first(),
        "max_ms": sorted.last(),
        "svg_bytes": bytes,
        "per_chart": files
            .iter()
            .zip(&per_chart)
            .map(|(f, t)| (f.file_name().unwrap_or_default().to_string_lossy().into_owned(), *t))
            .collect::<std::collections::BTreeMap<_, _>>(),
    });
    println!("{out}");
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn fail(msg: &str) -> ! {
    eprintln!("chart_timing: {msg}");
    std::process::exit(1)
}
