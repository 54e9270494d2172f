// Render the charts dumped by `RAPPORT_DUMP_OPTIONS=<dir> rapport build` with
// ECharts' own server-side SVG renderer in Node.js, timing each chart.
//
//   node bench/node/render.mjs <dump dir> [repeats]
//
// Each chart is drawn the way rapport's glue code draws it (src/charts/engine.rs):
// the options are evaluated as a JavaScript expression, the patch deep-merged,
// then init(ssr) → setOption → the SVG painter's renderToString (what
// renderToSVGString calls, without hover and animation CSS) → dispose. After
// one untimed pass over all charts, prints one JSON object: start-up time,
// per-chart medians over `repeats` runs, their median, mean, min and max
// (milliseconds), and each chart's median.
//
// ECharts is the npm package `echarts` (everything registered, as its SSR
// guide imports it). With RAPPORT_BUNDLE=<file>, Node runs that bundle
// instead (src/charts/vendor/echarts.rapport.min.js: only what rapport uses),
// to tell the engine's share of the difference from the bundle's.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const bundle = process.env.RAPPORT_BUNDLE;
let echarts;
if (bundle) {
  await import(pathToFileURL(resolve(bundle)).href); // assigns globalThis.echarts
  echarts = globalThis.echarts;
} else {
  echarts = await import('echarts');
}
const startupMs = performance.now() - t0;

function merge(dst, src) {
  for (const key in src) {
    const v = src[key];
    if (Array.isArray(v) && dst[key] && typeof dst[key] === 'object' && !Array.isArray(dst[key])) {
      merge(dst[key], v[0] || {});
    } else if (v && typeof v === 'object' && dst[key] && typeof dst[key] === 'object') {
      merge(dst[key], v);
    } else {
      dst[key] = v;
    }
  }
  return dst;
}

function render(rec) {
  const opt = (0, eval)('(' + rec.options + ')');
  merge(opt, rec.patch || {});
  if (!('animation' in opt)) opt.animation = false;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: rec.width, height: rec.height });
  try {
    chart.setOption(opt);
    return chart.getZr().painter.renderToString({ cssAnimation: false, cssEmphasis: false });
  } finally {
    chart.dispose();
  }
}

const dir = process.argv[2];
const repeats = Number(process.argv[3] || 3);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const records = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
// One untimed pass first, so V8 has compiled the hot code (rapport's
// side does the same pass).
for (const rec of records) render(rec);
const perChart = [];
let bytes = 0;
for (const rec of records) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    const svg = render(rec);
    times.push(performance.now() - t);
    if (i === 0) bytes += svg.length;
  }
  times.sort((a, b) => a - b);
  perChart.push(times[Math.floor(times.length / 2)]);
}
const sorted = [...perChart].sort((a, b) => a - b);
const sum = perChart.reduce((a, b) => a + b, 0);
console.log(JSON.stringify({
  renderer: `node ${process.version}, echarts ${echarts.version}${bundle ? ' (rapport bundle)' : ''}`,
  charts: records.length,
  repeats,
  startup_ms: startupMs,
  median_ms: sorted[Math.floor(sorted.length / 2)] ?? null,
  mean_ms: records.length ? sum / records.length : null,
  min_ms: sorted[0] ?? null,
  max_ms: sorted[sorted.length - 1] ?? null,
  svg_bytes: bytes,
  per_chart: Object.fromEntries(files.map((f, i) => [f, perChart[i]])),
}));
