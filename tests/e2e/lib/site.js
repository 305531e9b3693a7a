// Shared helpers for the end-to-end suite: where the built site is, its pages, and one
// headless Debian Chromium driven by playwright-core.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const E2E_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(E2E_DIR, '..', '..');
/** The built example site (run.sh builds it with `refolio build`). */
const SITE = path.resolve(process.env.REFOLIO_E2E_SITE || path.join(REPO, 'public'));
/** Screenshots and other artefacts kept after a run (gitignored). */
const ARTEFACTS = path.join(E2E_DIR, 'artefacts');
const CHROMIUM = process.env.REFOLIO_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every HTML page of the site, as paths relative to SITE with `/` separators, sorted. */
function pages() {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) {
    throw new Error(`no built site at ${SITE}: run tests/e2e/run.sh (or refolio build) first`);
  }
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) out.push(path.relative(SITE, full).split(path.sep).join('/'));
    }
  };
  walk(SITE);
  return out.sort();
}

/** The referential table pages: `<referential>/index.html`, found by their table. */
function referentialPages() {
  return pages().filter(
    (p) => /^[^/]+\/index\.html$/.test(p) && !p.startsWith('candidates/') &&
      fs.readFileSync(path.join(SITE, p), 'utf8').includes('class="referential"'),
  );
}

/** The candidates' dossiers: `candidates/<id>/index.html`. */
function dossierPages() {
  return pages().filter((p) => /^candidates\/[^/]+\/index\.html$/.test(p) && !p.startsWith('candidates/sessions/'));
}

function fileUrl(page) {
  return pathToFileURL(path.join(SITE, page)).href;
}

/** Launches Debian's Chromium; the caller closes it. */
async function launch() {
  const { chromium } = require('playwright-core');
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run tests/e2e/install.sh`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** How many pages a test drives at once: Chromium renders each tab in its own process. */
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS) || 2);

/**
 * Calls `fn(item, page)` for every item, on WORKERS pages of `context` at once; the results
 * come back in the order of `items`.
 */
async function eachPage(context, items, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    const page = await context.newPage();
    try {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], page);
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, items.length) }, worker));
  return results;
}

/** A failure message: the first problems, one a line, and how many more there are. */
function listed(problems, max = 40) {
  const more = problems.length - max;
  return `${problems.length} problem(s):\n${problems.slice(0, max).join('\n')}${more > 0 ? `\n… and ${more} more` : ''}`;
}

function artefact(name) {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  return path.join(ARTEFACTS, name);
}

module.exports = {
  E2E_DIR, REPO, SITE, ARTEFACTS, CHROMIUM, CHROMIUM_ARGS,
  pages, referentialPages, dossierPages, fileUrl, launch, artefact, eachPage, listed, WORKERS,
};
