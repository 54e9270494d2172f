// `rapport serve` in a real browser: the page reloads by itself after a
// Markdown edit (keeping the scroll position), swaps the stylesheet without
// reloading after a CSS edit, and shows and hides the error overlay.
//
//   cargo build && (cd tests/browser && npm ci)
//   node tests/browser/serve-reload.mjs [path/to/rapport]
//
// Runs Debian's headless Chromium (CHROMIUM=/path overrides) against a
// temporary copy of tests/fixtures/minimal served on a free loopback port.
// Exits 0 when every step passes, 1 on a failed step, 2 on a setup error.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = resolve(process.argv[2] || join(repo, 'target', 'debug', 'rapport'));
const STEP_TIMEOUT = 10_000;

const root = mkdtempSync(join(tmpdir(), 'rapport-serve-'));
cpSync(join(repo, 'tests', 'fixtures', 'minimal'), root, { recursive: true });
const chapterFile = join(root, 'content', '2018', '01-innledning.md');
const original = readFileSync(chapterFile, 'utf8');
// A long chapter, so there is something to scroll.
const filler = Array.from({ length: 60 }, (_, i) => `Avsnitt ${i + 1} med litt tekst.`).join('\n\n');
writeFileSync(chapterFile, `${original}\n${filler}\n`);

const server = spawn(binary, ['--root', root, 'serve', '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stderr = '';
server.stderr.on('data', (d) => { stderr += d; });

function cleanup() {
  if (server.exitCode === null) server.kill('SIGINT');
  rmSync(root, { recursive: true, force: true });
}

const url = await new Promise((resolveUrl, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`no URL printed; stderr:\n${stderr}`)), 60_000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) { clearTimeout(timer); resolveUrl(m[0]); }
  });
  server.on('exit', (code) => reject(new Error(`rapport serve exited (${code}):\n${stderr}`)));
}).catch((e) => { console.error(e.message); cleanup(); process.exit(2); });

const browser = await launch();

let failed = false;
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

try {
  const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
  // Loopback only: refuse anything that is not the preview server.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(url) ? route.continue() : route.abort(),
  );
  await page.goto(`${url}2018/innledning/`, { waitUntil: 'load' });

  await step('prose edit reloads the page and keeps the scroll position', async () => {
    await page.evaluate(() => { window.scrollTo(0, 600); window.rapportMarker = 1; });
    const before = await page.evaluate(() => window.scrollY);
    if (before < 500) throw new Error(`could not scroll (scrollY ${before})`);
    writeFileSync(chapterFile, readFileSync(chapterFile, 'utf8').replace('gjennomført i 2018', 'gjennomført i nettleseren'));
    await page.waitForFunction(() => document.body.innerText.includes('gjennomført i nettleseren'), null, { timeout: STEP_TIMEOUT });
    if (await page.evaluate(() => window.rapportMarker === 1)) throw new Error('text changed without a reload');
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before, { timeout: STEP_TIMEOUT });
  });

  await step('stylesheet edit swaps the stylesheet without a reload', async () => {
    await page.evaluate(() => { window.rapportMarker = 2; });
    mkdirSync(join(root, 'theme'), { recursive: true });
    const css = readFileSync(join(repo, 'theme', 'style.css'), 'utf8');
    writeFileSync(join(root, 'theme', 'style.css'), `${css}\nbody { outline: 3px solid rgb(1, 2, 3); }\n`);
    await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)', null, { timeout: STEP_TIMEOUT });
    if (await page.evaluate(() => window.rapportMarker !== 2)) throw new Error('the page reloaded');
  });

  await step('a broken shortcode shows the overlay, fixing it hides it', async () => {
    await page.evaluate(() => { window.rapportMarker = 3; });
    const good = readFileSync(chapterFile, 'utf8');
    writeFileSync(chapterFile, `${good}\n{{ figr(id="x") }}\n`);
    const overlay = page.locator('#rapport-error[role="alertdialog"]');
    await overlay.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const text = await overlay.innerText();
    if (!/01-innledning\.md:\d+:\d+/.test(text) || !text.includes('figr')) throw new Error(`overlay text: ${text}`);
    if (await page.evaluate(() => window.rapportMarker !== 3)) throw new Error('the page reloaded on an error');
    writeFileSync(chapterFile, good);
    await overlay.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
  });
} finally {
  await browser.close();
  cleanup();
}
process.exit(failed ? 1 : 0);
