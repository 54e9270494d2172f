//! Time the data engine alone on a project (`bench/run` uses the
//! 1,000,000-row register project): reading and typing the data files, then
//! computing every figure, each phase timed separately, in this process.
//!
//! ```sh
//! cargo run --release --example data_timing -- <project root> [repeats]
//! ```
//!
//! Prints one JSON object: rows read, and per phase the median and min/max
//! over `repeats` runs (milliseconds) and rows per second. Part of the
//! benchmark, not of the library.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use rapport::content::Project;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .unwrap_or_else(|| fail("usage: data_timing <project> [repeats]")),
    );
    let repeats: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let project = Project::load(&root.join("content")).unwrap_or_else(|e| fail(&format!("{e:?}")));
    let mut load_ms = Vec::new();
    let mut compute_ms = Vec::new();
    let mut rows = 0;
    for _ in 0..repeats {
        let t = Instant::now();
        let mut data = BTreeMap::new();
        for e in &project.editions {
            let d = rapport::data::load_edition(&e.dir, e.year, &e.meta.data_sources())
                .unwrap_or_else(|e| fail(&format!("{e:?}")));
            data.insert(e.year, d);
        }
        load_ms.push(ms(t));
        rows = data
            .values()
            .flat_map(|d| d.datasets().values().map(|ds| ds.len()))
            .sum::<usize>();
        let t = Instant::now();
        for e in project.published() {
            let specs =
                rapport::figures::load_specs(&e.dir).unwrap_or_else(|e| fail(&format!("{e:?}")));
            rapport::figures::compute(e.year, &specs, &data)
                .unwrap_or_else(|e| fail(&format!("{e:?}")));
        }
        compute_ms.push(ms(t));
    }
    let phase = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let median = v[v.len() / 2];
        serde_json::json!({
            "median_ms": median,
            "min_ms": v[0],
            "max_ms": v[v.len() - 1],
            "rows_per_s": rows as f64 / (median / 1000.0),
        })
    };
    println!(
        "{}",
        serde_json::json!({
            "rows": rows,
            "repeats": repeats,
            "threads": rayon::current_num_threads(),
            "load": phase(&mut load_ms),
            "aggregate": phase(&mut compute_ms),
        })
    );
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn fail(msg: &str) -> ! {
    eprintln!("data_timing: {msg}");
    std::process::exit(1)
}
