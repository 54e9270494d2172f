// axe-core WCAG 2.1 AA check of HTML files in Debian's headless Chromium.
//
//   cd tests/browser && npm ci
//   node tests/browser/axe.mjs target/chart-gallery/index.html [more.html ...]
//
// Prints every violation and exits non-zero if there is any (2 on a setup
// error). CHROMIUM=/path/to/chromium overrides the browser.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node axe.mjs FILE.html [FILE.html ...]');
  process.exit(2);
}
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`no such file: ${file}`);
    process.exit(2);
  }
}

const browser = await launch();

let total = 0;
let passed = 0;
let failed = 0;
try {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    // Pages must work offline: refuse anything that is not a local file.
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    for (const file of files) {
      const url = pathToFileURL(resolve(file)).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        }),
      );
      for (const v of result.violations) {
        total += 1;
        console.log(`${file} @${width}px: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
        for (const node of v.nodes.slice(0, 5)) {
          console.log(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`);
        }
      }
      console.log(
        `${file} @${width}px: ${result.passes.length} rules passed, ${result.violations.length} violated`,
      );
      if (result.violations.length === 0) passed += 1;
      else failed += 1;
    }
    await page.close();
  }
} finally {
  await browser.close();
}
if (total > 0) console.log(`${total} axe violation(s)`);
else console.log('axe: no violations');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
