#!/usr/bin/env node
// Measures the candidates' dossiers of a built site (default public/, else the first
// argument): for each, the HTML's bytes, the page's height (document.body.scrollHeight) at
// 1280 and 360 px wide on screen, and its A4 pages printed as `refolio print` prints them
// (print media, the page's own @page size, counted by pdfinfo). One line a dossier, then the
// totals; `--json` prints the same as JSON. Uses the e2e suite's Chromium and playwright-core
// (tests/e2e/install.sh installs both).
//   node scripts/measure-dossiers.js [site] [--json]
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');

const REPO = path.resolve(__dirname, '..');
const { chromium } = require(path.join(REPO, 'tests', 'e2e', 'node_modules', 'playwright-core'));
const CHROMIUM = process.env.REFOLIO_CHROMIUM || '/usr/bin/chromium';

const args = process.argv.slice(2);
const json = args.includes('--json');
const site = path.resolve(args.find((a) => !a.startsWith('--')) || path.join(REPO, 'public'));
const root = path.join(site, 'candidates');
if (!fs.existsSync(root)) {
  console.error(`no candidates/ in ${site}: run \`cargo run --release -- build\` first`);
  process.exit(1);
}
// The dossiers: candidates/<id>/index.html, not the sessions' pages.
const dossiers = fs.readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'sessions' && fs.existsSync(path.join(root, e.name, 'index.html')))
  .map((e) => e.name)
  .sort();

(async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'refolio-measure-'));
  const rows = [];
  try {
    const tab = await browser.newPage();
    for (const id of dossiers) {
      const file = path.join(root, id, 'index.html');
      const url = pathToFileURL(file).href;
      const row = { id, bytes: fs.statSync(file).size };
      for (const width of [1280, 360]) {
        await tab.setViewportSize({ width, height: 800 });
        await tab.goto(url, { waitUntil: 'load' });
        row[`px${width}`] = await tab.evaluate(() => document.body.scrollHeight);
      }
      const pdf = path.join(work, `${id}.pdf`);
      await tab.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: false });
      row.pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
      rows.push(row);
    }
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const total = { id: 'total' };
  for (const k of ['pages', 'px1280', 'px360', 'bytes']) total[k] = rows.reduce((s, r) => s + r[k], 0);
  if (json) {
    console.log(JSON.stringify({ site, dossiers: rows, total }, null, 2));
    return;
  }
  const w = Math.max(5, ...rows.map((r) => r.id.length));
  console.log(`${'dossier'.padEnd(w)}  A4 pages  px@1280  px@360  HTML bytes`);
  for (const r of [...rows, total]) {
    console.log(`${r.id.padEnd(w)}  ${String(r.pages).padStart(8)}  ${String(r.px1280).padStart(7)}  ${String(r.px360).padStart(6)}  ${String(r.bytes).padStart(10)}`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
