// Browser checks of a built site, page by page, in Debian's headless Chromium:
//
//   cd tests/browser && npm ci
//   node tests/browser/check-site.mjs public            # every *.html under public/
//   node tests/browser/check-site.mjs public --pdf target/print
//
// The site is served over HTTP on 127.0.0.1 under the path of its base URL (read from
// sitemap.xml; `/` without one), as a host would serve it: the 404 page's links start
// from that path. (tests/publish.rs checks the links from the file system and under
// another path.)
//
// For every page:
//   - axe-core: zero violations of wcag2a, wcag2aa, wcag21a, wcag21aa at 360 and 1280 px;
//   - reflow: no horizontal scrolling at 320 px (WCAG 1.4.10) nor at 640 px (1280 px at 200 % zoom);
//   - structure: lang, one <h1>, no skipped heading levels, landmarks, a skip link that is
//     the first tab stop and lands on <main>, figures with a text alternative;
//   - keyboard: every tab stop shows a visible focus indicator; <details> open with Enter;
//   - print: the print stylesheet hides navigation and figure tables, starts chapters on new
//     pages and prints the URLs of external links.
// With --pdf DIR the whole-report page(s) are also printed to DIR/*.pdf (A4) for a look.
//
// Prints one line per failure and a closing `N passed, M failed`; exits 1 on any failure,
// 2 on a setup error. CHROMIUM=/path/to/chromium overrides the browser.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { launch } from './chromium.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_WIDTHS = [360, 1280];
const REFLOW_WIDTHS = [320, 640];
const MAX_TAB_STOPS = 60;

const args = process.argv.slice(2);
let pdfDir = null;
let root = null;
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--pdf') {
    pdfDir = args[i + 1];
    i += 1;
  } else if (root === null) {
    root = resolve(args[i]);
  } else {
    console.error(`unexpected argument: ${args[i]}`);
    process.exit(2);
  }
}
if (root === null || !existsSync(root) || !statSync(root).isDirectory()) {
  console.error('usage: node check-site.mjs PUBLIC_DIR [--pdf OUT_DIR]');
  process.exit(2);
}

/** Every .html file under `dir`, sorted. */
function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

const files = htmlFiles(root);
if (files.length === 0) {
  console.error(`no HTML files in ${root}`);
  process.exit(2);
}
const label = (file) => relative(root, file).split(sep).join('/');

/** The path of the site's base URL: the shortest <loc> of sitemap.xml (the front page). */
function basePath() {
  const sitemap = join(root, 'sitemap.xml');
  if (!existsSync(sitemap)) return '/';
  const locs = [...readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => new URL(m[1]).pathname)
    .sort((a, b) => a.length - b.length);
  if (locs.length === 0) return '/';
  return locs[0].endsWith('/') ? locs[0] : `${locs[0]}/`;
}
const base = basePath();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};
/** A static file server for `root` under `base`, answering 404.html for missing files. */
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = null;
  if (path.startsWith(base)) {
    const rel = normalize(path.slice(base.length)).replace(/^([/\\]|\.\.)+/, '');
    file = join(root, rel);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  }
  if (file && existsSync(file)) {
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  } else {
    if (process.env.DEBUG_SERVER) console.log('404', path, file);
    const notFound = join(root, '404.html');
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    res.end(existsSync(notFound) ? readFileSync(notFound) : 'not found');
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const urlOf = (file) => `${origin}${base}${label(file)}`;

let passed = 0;
let failed = 0;
/** Record one check: `problems` is a list of strings, empty when the check passed. */
function report(name, problems) {
  if (problems.length === 0) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${name}`);
    for (const p of problems.slice(0, 12)) console.log(`    ${p}`);
    if (problems.length > 12) console.log(`    … and ${problems.length - 12} more`);
  }
}

const browser = await launch();

async function newPage(width, height = 900) {
  const page = await browser.newPage({ viewport: { width, height } });
  // Pages must work offline: refuse anything that is not from the local server.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  return page;
}

async function open(page, file) {
  await page.goto(urlOf(file), { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
}

/** Structure: lang, headings, landmarks, skip link target, figure alternatives. */
function structureProblems() {
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (!lang) problems.push('<html> has no lang');
  for (const el of document.querySelectorAll('[lang]')) {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(el.getAttribute('lang'))) {
      problems.push(`bad lang="${el.getAttribute('lang')}" on <${el.localName}>`);
    }
  }
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const h1s = headings.filter((h) => h.localName === 'h1');
  if (h1s.length !== 1) problems.push(`${h1s.length} <h1> elements (want exactly one)`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.localName[1]);
    if (previous === 0 && level !== 1) problems.push(`first heading is <${h.localName}>`);
    if (previous > 0 && level > previous + 1) {
      problems.push(`heading level skipped: <h${previous}> then <${h.localName}> "${h.textContent.trim().slice(0, 60)}"`);
    }
    if (!h.textContent.trim()) problems.push(`empty <${h.localName}>`);
    previous = level;
  }
  for (const [selector, name] of [
    ['header, [role=banner]', 'banner (<header>)'],
    ['main', '<main>'],
    ['footer, [role=contentinfo]', 'contentinfo (<footer>)'],
  ]) {
    if (!document.querySelector(selector)) problems.push(`no ${name} landmark`);
  }
  if (document.querySelectorAll('main').length !== 1) problems.push('want exactly one <main>');
  // The text column gets room on a wide screen (a grid column meant for the sidebar would not).
  const mainWidth = document.querySelector('main')?.getBoundingClientRect().width ?? 0;
  if (innerWidth >= 1000 && mainWidth < 600) problems.push(`<main> is only ${Math.round(mainWidth)} px wide at ${innerWidth} px`);
  const skip = document.querySelector('a.skip-link');
  if (!skip) {
    problems.push('no skip link');
  } else {
    const id = decodeURIComponent(skip.getAttribute('href').replace(/^#/, ''));
    const target = document.getElementById(id);
    if (!target || target.localName !== 'main') problems.push(`skip link target #${id} is not <main>`);
  }
  const ids = new Set();
  for (const el of document.querySelectorAll('[id]')) {
    if (ids.has(el.id)) problems.push(`duplicate id "${el.id}"`);
    ids.add(el.id);
  }
  for (const svg of document.querySelectorAll('main svg')) {
    if (svg.closest('[aria-hidden="true"]')) continue;
    if (svg.getAttribute('role') !== 'img') problems.push('an <svg> without role="img"');
    const ref = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const text = ref.map((r) => document.getElementById(r)?.textContent.trim() || '').join(' ');
    if (!text && !svg.getAttribute('aria-label')) problems.push('an <svg> without a text alternative');
  }
  for (const fig of document.querySelectorAll('figure')) {
    if (!fig.querySelector('figcaption')) problems.push(`<figure id="${fig.id}"> without <figcaption>`);
    if (fig.querySelector('svg') && !fig.querySelector('table')) {
      problems.push(`<figure id="${fig.id}"> has a chart but no data table`);
    }
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`<img src="${img.getAttribute('src')}"> without alt`);
  }
  for (const table of document.querySelectorAll('main table')) {
    if (!table.closest('.table-wrap')) problems.push('a <table> outside a scrolling .table-wrap');
  }
  for (const d of document.querySelectorAll('details')) {
    if (!d.querySelector(':scope > summary')) problems.push('<details> without <summary>');
  }
  return problems;
}

/** The focus indicator of the focused element: a visible outline or box-shadow. */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const rect = el.getBoundingClientRect();
  const desc = `<${el.localName}${el.className ? ` class="${el.className}"` : ''}> "${(el.textContent || '').trim().slice(0, 40)}"`;
  return { visible: outline || shadow, desc, rendered: rect.width > 0 && rect.height > 0 };
}

async function checkAxe(file, width, page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(
    // eslint-disable-next-line no-undef
    (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  const problems = [];
  for (const v of result.violations) {
    problems.push(`[${v.impact}] ${v.id}: ${v.help}`);
    for (const node of v.nodes.slice(0, 3)) {
      problems.push(`  ${node.target.join(' ')}: ${node.failureSummary.replace(/\n\s*/g, ' ')}`);
    }
  }
  report(`axe ${label(file)} @${width}px`, problems);
}

async function checkReflow(file, width, page) {
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [];
    if (doc.scrollWidth > doc.clientWidth) {
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > doc.clientWidth + 1 && !el.closest('.table-wrap, .visually-hidden, .skip-link')) {
          wide.push(`<${el.localName} class="${el.className?.baseVal ?? el.className}"> right edge ${Math.round(r.right)}px`);
        }
      }
    }
    return { scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 5) };
  });
  report(
    `reflow ${label(file)} @${width}px`,
    overflow.scroll <= overflow.client
      ? []
      : [`scrollWidth ${overflow.scroll} > clientWidth ${overflow.client}`, ...overflow.wide],
  );
}

async function checkKeyboard(file, page) {
  const problems = [];
  // The skip link is the first tab stop, and following it moves focus to <main>.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.className || '');
  if (first !== 'skip-link') problems.push(`first tab stop is "${first}", not the skip link`);
  else {
    const skipShown = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0;
    });
    if (!skipShown) problems.push('the focused skip link is not on screen');
    await page.keyboard.press('Enter');
    const landed = await page.evaluate(() => location.hash === '#hovedinnhold' || document.activeElement?.localName === 'main');
    if (!landed) problems.push('Enter on the skip link does not move to <main>');
    await open(page, file);
  }
  // Every tab stop (up to MAX_TAB_STOPS) shows a visible focus indicator.
  for (let i = 0; i < MAX_TAB_STOPS; i += 1) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(focusState);
    if (!state) break;
    if (state.rendered && !state.visible) problems.push(`no visible focus on ${state.desc}`);
  }
  // <details> open and close from the keyboard.
  const summaries = await page.locator('main details > summary').count();
  if (summaries > 0) {
    const summary = page.locator('main details > summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    const open1 = await summary.evaluate((s) => s.parentElement.open);
    await page.keyboard.press('Space');
    const open2 = await summary.evaluate((s) => s.parentElement.open);
    if (!open1 || open2) problems.push('a <details> does not toggle with Enter and Space');
  }
  report(`keyboard ${label(file)}`, problems);
}

async function checkPrint(file, page) {
  await page.emulateMedia({ media: 'print' });
  const problems = await page.evaluate(() => {
    const out = [];
    const hidden = (sel) => [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === 'none');
    for (const sel of ['.site-header', '.site-footer', '.skip-link', '.toc', '.pager', '.figure-data', '.figure-download']) {
      if (!hidden(sel)) out.push(`${sel} is printed`);
    }
    for (const ch of document.querySelectorAll('.print-chapter')) {
      const b = getComputedStyle(ch).breakBefore;
      if (b !== 'page') out.push(`.print-chapter#${ch.id} has break-before: ${b}`);
    }
    for (const fig of document.querySelectorAll('figure.figure')) {
      if (getComputedStyle(fig).breakInside !== 'avoid') out.push(`<figure id="${fig.id}"> may break inside`);
    }
    const ext = [...document.querySelectorAll('main a[href^="http"]')];
    for (const a of ext.slice(0, 20)) {
      const after = getComputedStyle(a, '::after').content;
      if (!after.includes(a.href.slice(0, 12)) && !after.includes('attr(')) {
        if (!after || after === 'none' || after === 'normal') out.push(`external link ${a.href} prints no URL`);
      }
    }
    return out;
  });
  await page.emulateMedia({ media: 'screen' });
  report(`print ${label(file)}`, problems);
}

try {
  // axe at two widths, plus the checks that need one width.
  for (const width of AXE_WIDTHS) {
    const page = await newPage(width);
    for (const file of files) {
      await open(page, file);
      await checkAxe(file, width, page);
      if (width === 1280) {
        report(`structure ${label(file)}`, await page.evaluate(structureProblems));
        await checkPrint(file, page);
        await open(page, file);
        await checkKeyboard(file, page);
      }
    }
    await page.close();
  }
  for (const width of REFLOW_WIDTHS) {
    const page = await newPage(width, 640);
    for (const file of files) {
      await open(page, file);
      await checkReflow(file, width, page);
    }
    await page.close();
  }
  if (pdfDir) {
    mkdirSync(pdfDir, { recursive: true });
    const page = await newPage(1280);
    for (const file of files.filter((f) => /utskrift/.test(f))) {
      await open(page, file);
      await page.emulateMedia({ media: 'print' });
      const out = join(pdfDir, `${label(file).replace(/\//g, '_').replace(/\.html$/, '')}.pdf`);
      await page.pdf({ path: out, format: 'A4', preferCSSPageSize: true, printBackground: true });
      console.log(`printed ${label(file)} to ${out}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
