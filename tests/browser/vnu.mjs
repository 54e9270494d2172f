// The Nu Html Checker (vnu.jar from the vnu-jar npm package, run with Java) on a built site:
//
//   cd tests/browser && npm ci
//   node tests/browser/vnu.mjs public
//
// Checks every *.html file (errors only) and every *.css file, prints each error as
// `file:line:column: message`, one line per file checked, and a closing
// `N passed, M failed` (one test per file). Exits 1 on any error, 2 on a setup error.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const jar = join(require.resolve('vnu-jar/package.json'), '..', 'build', 'dist', 'vnu.jar');
const root = process.argv[2] ? resolve(process.argv[2]) : null;
if (!root || !existsSync(root) || !statSync(root).isDirectory()) {
  console.error('usage: node vnu.mjs PUBLIC_DIR');
  process.exit(2);
}
if (!existsSync(jar)) {
  console.error(`no ${jar}: run npm ci in tests/browser`);
  process.exit(2);
}

function filesEnding(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesEnding(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

/** Run vnu on `root` with `filter` (--skip-non-html or --skip-non-css); messages by file. */
function run(filter) {
  const r = spawnSync(
    'java',
    ['-jar', jar, '--errors-only', filter, '--format', 'json', '--exit-zero-always', root],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error || r.status !== 0) {
    console.error(`vnu did not run: ${r.error ?? r.stderr}`);
    process.exit(2);
  }
  // JSON goes to stderr unless --stdout is given.
  const text = (r.stderr || r.stdout || '').trim();
  const messages = text ? JSON.parse(text).messages : [];
  const byFile = new Map();
  for (const m of messages) {
    if (m.type !== 'error' && m.subType !== 'fatal') continue;
    const file = m.url ? fileURLToPath(m.url) : '(unknown)';
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(`${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}`);
  }
  return byFile;
}

const label = (file) => relative(root, file).split(sep).join('/');
let passed = 0;
let failed = 0;
for (const [filter, ext] of [
  ['--skip-non-html', '.html'],
  ['--skip-non-css', '.css'],
]) {
  const files = filesEnding(root, ext);
  const errors = run(filter);
  for (const file of files) {
    const list = errors.get(file) ?? [];
    if (list.length === 0) {
      passed += 1;
      console.log(`ok   vnu ${label(file)}`);
    } else {
      failed += 1;
      console.log(`FAIL vnu ${label(file)}: ${list.length} error(s)`);
      for (const e of list) console.log(`    ${label(file)}:${e}`);
    }
    errors.delete(file);
  }
  for (const [file, list] of errors) {
    failed += 1;
    console.log(`FAIL vnu ${file}`);
    for (const e of list) console.log(`    ${e}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
