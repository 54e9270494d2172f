// Render the charts dumped by `RAPPORT_DUMP_OPTIONS=<dir> rapport build` with
// ECharts' own server-side SVG renderer in Node.js, timing each chart.
//
//   node bench/node/render.mjs <dump dir> [repeats]
//
// Each chart is drawn the way rapport's glue code draws it (src/charts/engine.rs):
// the options are evaluated as a JavaScript expression, the patch deep-merged,
// then init(ssr) → setOption({animation:false}) → setOption → renderToSVGString
// → dispose. After one untimed pass over all charts, prints one JSON object:
// start-up time, per-chart medians over `repeats` runs, and their median,
// mean, min and max (milliseconds).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const echarts = await import('echarts');
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
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: rec.width, height: rec.height });
  try {
    chart.setOption({ animation: false });
    chart.setOption(opt);
    return chart.renderToSVGString();
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
  renderer: `node ${process.version}, echarts ${echarts.version}`,
  charts: records.length,
  repeats,
  startup_ms: startupMs,
  median_ms: sorted[Math.floor(sorted.length / 2)] ?? null,
  mean_ms: records.length ? sum / records.length : null,
  min_ms: sorted[0] ?? null,
  max_ms: sorted[sorted.length - 1] ?? null,
  svg_bytes: bytes,
}));
