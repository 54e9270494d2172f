#!/usr/bin/env python3
"""Write BENCHMARKS.md from the results folder of bench/run.

    python3 bench/report.py RESULTS_DIR > BENCHMARKS.md

Reads hyperfine's JSON exports, the chart timing JSON of both renderers,
`/usr/bin/time -v` output of the data-engine runs and the serve latencies;
appends bench/notes.md (the hand-written analysis). Standard library only.
"""

import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def hf(res, name):
    d = load_json(os.path.join(res, name + ".json"))
    if not d or not d.get("results"):
        return None
    r = d["results"][0]
    if any(c != 0 for c in r.get("exit_codes", [])):
        return {"failed": True}
    return {"median": r["median"], "min": r["min"], "max": r["max"], "runs": len(r["times"])}


def secs(t):
    if t is None:
        return "–"
    if t.get("failed"):
        return "failed"
    fmt = (lambda x: f"{x * 1000:.0f} ms") if t["median"] < 1 else (lambda x: f"{x:.2f} s")
    return f"{fmt(t['median'])} ({fmt(t['min'])}–{fmt(t['max'])}, {t['runs']}×)"


def ratio(a, b):
    if not a or not b or a.get("failed") or b.get("failed"):
        return None
    return a["median"] / b["median"]


def fr(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def machine(res):
    out = {}
    try:
        for line in open(os.path.join(res, "machine.txt")):
            k, _, v = line.partition(":")
            out[k.strip()] = v.strip()
    except OSError:
        pass
    return out


def sizes(res):
    out = {}
    try:
        for line in open(os.path.join(res, "sizes.txt")):
            name, _, rest = line.partition(":")
            ch, fig = rest.split()
            out[name.strip()] = (int(ch), int(fig))
    except OSError:
        pass
    return out


def time_v(path):
    try:
        text = open(path).read()
    except OSError:
        return None
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    code = re.search(r"Exit status: (\d+)", text)
    if not wall or not rss or (code and code.group(1) != "0"):
        return None
    h, m, s = wall.groups()
    return {"wall": int(h or 0) * 3600 + int(m) * 60 + float(s), "rss_mb": int(rss.group(1)) / 1024}


def goal_row(goal, measured, ok):
    mark = "–" if ok is None else ("met" if ok else "**missed**")
    return f"| {goal} | {measured} | {mark} |"


def main(res):
    m = machine(res)
    sz = sizes(res)
    p = print
    p("# Benchmarks")
    p()
    p("Written by `bench/run` (see [README.md](README.md#benchmarks)); rerun it to refresh this page.")
    p("Every time is the median of repeated runs with the range (min–max) and the number of runs.")
    p()
    p("## Machine")
    p()
    for k in ["date", "nproc", "cpu", "memory", "os", "rustc", "hyperfine", "hugo", "mdbook", "node",
              "echarts_node", "commit"]:
        if k in m:
            p(f"- **{k}**: {m[k]}")
    p(f"- **load average** (1, 5, 15 min) before the run: {m.get('load_before', '?')}; "
      f"after: {m.get('load_after', '?')}; run took {m.get('runtime_s', '?')} s"
      + (" (`--quick`)" if m.get("quick") == "1" else ""))
    try:
        busy = float(m.get("load_before", "0").split()[0]) > 0.5 * float(m.get("nproc", "1"))
    except ValueError:
        busy = False
    if busy:
        p()
        p("> **Measured while other processes ran** (the load average above was well over zero when the"
          " run started: other engineers were compiling on the same 2 cores). Absolute times are"
          " pessimistic; ratios measured in the same run are fairer, but still noisy.")
    p()

    p("## 1–2. Site builds: rapport vs Hugo and mdBook")
    p()
    p("Cold: the chart cache (`.rapport-cache/charts`) is deleted before every run; warm: the cache is"
      " full. Hugo and mdBook build the same chapters with the shortcodes stripped (figures dropped,"
      " numbers replaced), `bench/scale/baselines.py`. The OS file cache is warm in every case.")
    p()
    p("| size | chapters | figures | rapport cold | rapport warm | Hugo | mdBook | cold / Hugo | warm / Hugo | warm / mdBook |")
    p("| --- | ---: | ---: | --- | --- | --- | --- | ---: | ---: | ---: |")
    builds = {}
    for size in ["example", "large", "huge"]:
        cold, warm = hf(res, f"build-{size}-cold"), hf(res, f"build-{size}-warm")
        hugo, mdbook = hf(res, f"hugo-{size}"), hf(res, f"mdbook-{size}")
        if not cold and not warm:
            continue
        builds[size] = dict(cold=cold, warm=warm, hugo=hugo, mdbook=mdbook)
        ch, fig = sz.get(size, ("?", "?"))
        p(f"| {size} | {ch} | {fig} | {secs(cold)} | {secs(warm)} | {secs(hugo)} | {secs(mdbook)} | "
          f"{fr(ratio(cold, hugo))} | {fr(ratio(warm, hugo))} | {fr(ratio(warm, mdbook))} |")
    p()

    p("## 3. Chart rendering: rapport (ECharts in QuickJS) vs ECharts SSR in Node.js")
    p()
    p("The same ECharts 5.6.0 options (dumped with `RAPPORT_DUMP_OPTIONS`), drawn with the same"
      " calls (`init` → `setOption` → the SVG painter's `renderToString` → `dispose`), one thread,"
      " no cache; after one untimed pass over all charts, each chart is drawn 3 times and its median"
      " taken (`bench/chart_timing.rs`, `bench/node/render.mjs`). Node runs the npm package"
      " `echarts` with everything registered, as ECharts' SSR guide imports it; rapport runs its"
      " bundle of the same version with only the chart types and components it uses"
      " (`tools/echarts-bundle`). The last column is Node running rapport's bundle, which tells"
      " the engine's share of the difference from the bundle's. rapport measures text with the"
      " real font through a Rust callback; Node uses ECharts' built-in estimate. Start-up:"
      " rapport's engine loads ECharts bytecode compiled when `rapport` was built; Node imports"
      " the package.")
    p()
    p("| charts | n | rapport median (mean) per chart | Node median (mean) per chart | ratio (median) | ratio (mean) | start-up rapport / Node | Node with rapport's bundle: median (mean) |")
    p("| --- | ---: | --- | --- | ---: | ---: | --- | --- |")
    chart_ratios = []
    for name in ["example", "large"]:
        r = load_json(os.path.join(res, f"charts-{name}-rapport.json"))
        n = load_json(os.path.join(res, f"charts-{name}-node.json"))
        nb = load_json(os.path.join(res, f"charts-{name}-node-bundle.json"))
        if not r:
            continue
        rm = f"{r['median_ms']:.1f} ms ({r['mean_ms']:.1f} ms)"
        nm = f"{n['median_ms']:.1f} ms ({n['mean_ms']:.1f} ms)" if n else "–"
        nbm = f"{nb['median_ms']:.1f} ms ({nb['mean_ms']:.1f} ms)" if nb else "–"
        q = r["median_ms"] / n["median_ms"] if n else None
        qm = r["mean_ms"] / n["mean_ms"] if n else None
        if qm is not None:
            chart_ratios.append((name, q, qm))
        su = f"{r['startup_ms']:.0f} ms (then {r['second_startup_ms']:.0f} ms) / " + (
            f"{n['startup_ms']:.0f} ms" if n else "–")
        p(f"| {name} | {r['charts']} | {rm} | {nm} | {fr(q)} | {fr(qm)} | {su} | {nbm} |")
    p()

    p("## 4. Data engine: 1,000,000-row register file")
    p()
    try:
        rows = int(open(os.path.join(res, "register-rows.txt")).read().strip())
    except (OSError, ValueError):
        rows = None
    runs = [t for t in (time_v(os.path.join(res, f"register-{i}.time")) for i in (1, 2, 3)) if t]
    data_rate = data_rss = agg_rate = None
    if rows and runs:
        walls = [t["wall"] for t in runs]
        rsss = [t["rss_mb"] for t in runs]
        data_rate = rows / statistics.median(walls)
        data_rss = max(rsss)
        p("A whole `rapport build` of a project whose one edition has a 1,000,000 × 20 register CSV"
          " (`bench/scale/generate.py --size register`, about 55 MB) and three figures over it (a histogram, a"
          " sorted bar chart, a filtered pie), chart cache warm: reading, typing, computing and writing"
          " the site. Rows per second = rows / wall time of the whole build (so it is a lower bound for"
          " the engine alone). Peak memory: maximum resident set size from `/usr/bin/time -v`.")
        p()
        p("| rows | wall time median (min–max) | rows per second | peak RSS (max of runs) |")
        p("| ---: | --- | ---: | ---: |")
        p(f"| {rows:,} | {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f} s, {len(walls)}×) | "
          f"{data_rate / 1e6:.2f} million | {data_rss:.0f} MB |")
        ph = load_json(os.path.join(res, "register-phases.json"))
        if ph:
            p()
            p("The same data, phase by phase in one process (`bench/data_timing.rs`: "
              "`data::load_edition`, then `figures::compute` of the three figures), "
              f"{ph['repeats']} runs, {ph['threads']} threads:")
            p()
            p("| phase | median (min–max) | rows per second |")
            p("| --- | --- | ---: |")
            for key, label in [("load", "read, decode, parse and type 20 columns"),
                               ("aggregate", "compute the figures (aggregation)")]:
                x = ph[key]
                p(f"| {label} | {x['median_ms']:.0f} ms ({x['min_ms']:.0f}–{x['max_ms']:.0f} ms) | "
                  f"{x['rows_per_s'] / 1e6:.1f} million |")
            agg_rate = ph["aggregate"]["rows_per_s"]
    else:
        p("Not measured (the register build failed; see the results folder).")
    p()

    p("## 5. `rapport serve`: save to reload event")
    p()
    s = load_json(os.path.join(res, "serve.json")) or {"error": "not measured"}
    serve_prose = None
    if "prose" in s:
        p("Example edition, `bench/serve_latency.py`: time from an edit saved (file closed) to the first"
          " Server-Sent Event at `/__rapport/events`.")
        p()
        p("| edit | median | min–max | timeouts |")
        p("| --- | ---: | --- | ---: |")
        for k in ["prose", "data"]:
            if k in s and s[k]["median_ms"] is not None:
                e = s[k]
                p(f"| {k} | {e['median_ms']:.0f} ms | {e['min_ms']:.0f}–{e['max_ms']:.0f} ms | {e['timeouts']} of {e['trials']} |")
        serve_prose = s["prose"]["median_ms"]
    if "error" in s:
        p(f"{s['error']}")
    p()

    p("## Goals (issue 8)")
    p()
    p("| goal | measured | |")
    p("| --- | --- | --- |")
    ex = builds.get("example", {})
    q = ratio(ex.get("warm"), ex.get("hugo"))
    p(goal_row("example warm build faster than Hugo (ratio < 1.0)", fr(q), None if q is None else q < 1.0))
    q = ratio(ex.get("cold"), ex.get("hugo"))
    p(goal_row("example cold build under 3× Hugo", fr(q), None if q is None else q < 3.0))
    lg = builds.get("large", {})
    c = lg.get("cold")
    p(goal_row("large cold build under 10 s (2 cores)", secs(c),
               None if not c or c.get("failed") else c["median"] < 10))
    w = lg.get("warm")
    p(goal_row("large warm build under 1 s", secs(w), None if not w or w.get("failed") else w["median"] < 1))
    for name, qmed, qmean in chart_ratios:
        p(goal_row(f"chart SVG no slower than 2× Node per chart ({name})",
                   f"{qmed:.2f} (median), {qmean:.2f} (mean)", qmed <= 2.0 and qmean <= 2.0))
    p(goal_row("1,000,000-row aggregation above 2 million rows/s (figures computed)",
               "–" if agg_rate is None else f"{agg_rate / 1e6:.1f} million rows/s",
               None if agg_rate is None else agg_rate > 2e6))
    p(goal_row("… and end to end (read + type + aggregate + site written)",
               "–" if data_rate is None else f"{data_rate / 1e6:.2f} million rows/s",
               None if data_rate is None else data_rate > 2e6))
    p(goal_row("… with peak memory under 500 MB", "–" if data_rss is None else f"{data_rss:.0f} MB",
               None if data_rss is None else data_rss < 500))
    p(goal_row("prose edit to reload event under 30 ms (example)",
               "not measured" if serve_prose is None else f"{serve_prose:.0f} ms",
               None if serve_prose is None else serve_prose < 30))
    p()
    notes = os.path.join(HERE, "notes.md")
    if os.path.exists(notes):
        p(open(notes, encoding="utf-8").read().rstrip())


if __name__ == "__main__":
    main(sys.argv[1])
