// `refolio print`: each candidate's dossier bilan as a PDF. Prints the bundled site into a
// temporary folder, then checks every PDF has pages and that its text holds the candidate's
// decision and every competence ID of the blocs presented, both read from the built site
// (report.json and the dossier), not written here.
// Then the pages themselves, rendered to images (pdftoppm) and read page by page
// (pdftotext): every page of a dossier names the candidate and the session and says page
// n/N, nothing is printed outside the page's content box, no page is nearly empty but the
// last of a bloc, no navigation prints; the referential tables print landscape; a wide
// matrix shrinks to the page; folded <details> print unfolded.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { REPO, CHROMIUM, listed, launch, fileUrl, referentialPages, dossierPages } = require('./lib/site');

const BIN = process.env.REFOLIO_BIN || path.join(REPO, 'target', 'release', process.platform === 'win32' ? 'refolio.exe' : 'refolio');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'refolio-e2e-pdf-'));
let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The PDF's pages and text, by pdfjs-dist (legacy build, for Node). */
async function pdfText(file) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, disableFontFace: true, verbosity: 0,
  }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) text += item.str + (item.hasEOL ? '\n' : ' ');
    text += '\n';
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text };
}

const squash = (s) => s.normalize('NFC').replace(/\s+/g, '');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const decode = (s) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
  .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
  .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('refolio print: one PDF per dossier, with its decision and every competence presented', async () => {
  assert.ok(fs.existsSync(BIN), `no refolio binary at ${BIN}: cargo build --release first (or set REFOLIO_BIN)`);
  const site = path.join(work, 'site');
  const pdfDir = path.join(work, 'pdf');
  const out = execFileSync(BIN, ['--root', REPO, 'print', '--output-dir', site, '--pdf-dir', pdfDir, '--chromium', CHROMIUM], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5 * 60 * 1000,
  });
  const index = JSON.parse(fs.readFileSync(path.join(site, 'candidates', 'index.json'), 'utf8'));
  assert.ok(index.candidates.length > 0, 'the bundled site has candidates');
  // Besides the build's own summary, print says one line per PDF written.
  const printed = out.split('\n').filter((l) => /\.pdf\s*$/.test(l));
  const dossiersPrinted = printed.filter((l) => !/[/\\](sessions|certificates)[/\\]/.test(l));
  assert.equal(dossiersPrinted.length, index.candidates.length, `one line per dossier PDF:\n${out}`);

  const problems = [];
  const summary = [];
  for (const c of index.candidates) {
    const report = JSON.parse(fs.readFileSync(path.join(site, 'candidates', path.dirname(c.report), 'report.json'), 'utf8'));
    const entry = report.candidates[0];
    const ids = entry.competences.map((k) => k.id);
    // The decision label as the dossier shows it (translated, with its details).
    const html = fs.readFileSync(path.join(site, 'candidates', c.id, 'index.html'), 'utf8');
    const label = /<section[^>]*class="decision"[\s\S]*?<span class="verdict [^"]*">([^<]*)<\/span>/.exec(html);
    assert.ok(label, `${c.id}: no decision in the dossier`);
    const decision = decode(label[1]).trim();
    for (const id of ids) if (!html.includes(`>${id}<`)) problems.push(`${c.id}: report competence ${id} not in the dossier HTML`);

    const pdf = path.join(pdfDir, `${c.id}.pdf`);
    if (!fs.existsSync(pdf)) { problems.push(`${c.id}: no PDF at ${pdf}`); continue; }
    if (!printed.some((l) => l.includes(pdf) || l.includes(`${c.id}.pdf`))) problems.push(`${c.id}: print did not report ${pdf}`);
    const { pages, text } = await pdfText(pdf);
    if (pages < 1) problems.push(`${c.id}: the PDF has no page`);
    if (!squash(text).includes(squash(decision))) problems.push(`${c.id}: decision “${decision}” (${entry.decision.kind}) not in the PDF text`);
    const missing = ids.filter((id) => !new RegExp(`(^|[^\\w.])${escapeRe(id)}(?![\\w]|\\.\\w)`).test(text));
    if (missing.length) problems.push(`${c.id}: competences ${missing.join(', ')} not in the PDF text`);
    // Nothing the dossier says is lost on paper: the text of every list item of the page
    // (criteria and their statuses, indicators, reasons, what the decision depends on,
    // missions, exemptions, evidence titles) is in the PDF's, folded or not on screen; but
    // a criterion's text in a row, printed with its indicators, and the summary cells'
    // tooltips, which are the matrix rows' texts.
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    const said = [...main.matchAll(/<li[^>]*>((?:(?!<\/?li[ >]|<[uo]l[ >])[\s\S])*)/g)]
      .map((m) => decode(m[1].replace(/<span class="(?:listed-below|k-tip)"[^>]*>[\s\S]*?<\/span>|<a class="see-indicators"[^>]*>[^<]*<\/a>|<[^>]*>/g, ' ')).trim())
      .filter((x) => x.length > 0);
    const paper = squash(text);
    const lost = said.filter((x) => !paper.includes(squash(x)));
    if (lost.length) problems.push(`${c.id}: ${lost.length} of ${said.length} texts not in the PDF, e.g. “${lost[0]}”`);
    summary.push(`${c.id}: ${pages} pages, “${decision}”, ${ids.length} competences, ${said.length} texts`);
  }
  // Each session's procès-verbal names every candidate it deliberates on; each certificate
  // is one A4 page naming its holder. Both read from the built pages.
  const sessionsDir = path.join(site, 'candidates', 'sessions');
  const sessions = fs.existsSync(sessionsDir)
    ? fs.readdirSync(sessionsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
    : [];
  assert.ok(sessions.length > 0, 'the bundled site has jury sessions');
  for (const id of sessions) {
    const html = fs.readFileSync(path.join(sessionsDir, id, 'index.html'), 'utf8');
    const table = /<table class="jury verdicts">[\s\S]*?<\/table>/.exec(html)[0];
    const names = [...table.matchAll(/<th scope="row"><a [^>]*>([^<]*)<\/a>/g)].map((m) => decode(m[1]));
    const pdf = path.join(pdfDir, 'sessions', `${id}.pdf`);
    if (!fs.existsSync(pdf)) { problems.push(`session ${id}: no PDF at ${pdf}`); continue; }
    const { pages, text } = await pdfText(pdf);
    for (const name of names) if (!squash(text).includes(squash(name))) problems.push(`session ${id}: ${name} not in the PDF`);
    summary.push(`session ${id}: ${pages} pages, ${names.length} candidates`);
  }
  let certificates = 0;
  for (const c of fs.readdirSync(path.join(site, 'candidates'))) {
    const dir = path.join(site, 'candidates', c, 'certificates');
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      certificates += 1;
      const html = fs.readFileSync(path.join(dir, file), 'utf8');
      const holder = decode(/<strong class="holder">([^<]*)<\/strong>/.exec(html)[1]);
      const pdf = path.join(pdfDir, 'certificates', c, file.replace(/\.html$/, '.pdf'));
      if (!fs.existsSync(pdf)) { problems.push(`${c}/${file}: no PDF at ${pdf}`); continue; }
      const { pages, text } = await pdfText(pdf);
      if (pages !== 1) problems.push(`${c}/${file}: ${pages} pages, not one`);
      if (!squash(text).includes(squash(holder))) problems.push(`${c}/${file}: holder ${holder} not in the PDF`);
    }
  }
  assert.ok(certificates > 0, 'the bundled site awards certificates');
  summary.push(`${certificates} certificates, one page each`);
  console.log(`pdf: ${summary.join('; ')}`);
  assert.ok(problems.length === 0, listed(problems));
});

/** A page whose content box holds ink on fewer than this share of its rows of dots is
 * nearly empty (a full page of text or table holds ink on about half of them). */
const MIN_INK = 0.2;
/** The page margins of style.css's @page, top and bottom (mm). */
const MARGIN_MM = 18;
/** Rendering resolution of the page images, dots per inch. */
const DPI = 30;
/** Bands along the sheet's edges that must stay blank: the page margins, less what the
 * running header and the page number take in the top and bottom ones (mm). */
const SIDE_BAND_MM = 10;
const EDGE_BAND_MM = 4;

/** The text of each page of `pdf` (pdftotext, layout kept), and its page sizes (pdfinfo). */
function pagesText(pdf) {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = text.split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

function pageSizes(pdf) {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

/**
 * Each page of `pdf` as a grey image (pdftoppm), measured: its share of ink, and the ink
 * found in the bands along its edges (where nothing of the content box may be).
 */
function measure(pdf) {
  const dir = fs.mkdtempSync(path.join(work, 'img-'));
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', pdf, path.join(dir, 'p')]);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort();
  const mm = DPI / 25.4;
  return files.map((f) => {
    const data = fs.readFileSync(path.join(dir, f));
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte a pixel.
    const header = data.subarray(0, 40).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    const [w, h] = [Number(header[1]), Number(header[2])];
    const pixels = data.subarray(header[0].length);
    const side = Math.round(SIDE_BAND_MM * mm);
    const edge = Math.round(EDGE_BAND_MM * mm);
    const [top, bottom] = [Math.round(MARGIN_MM * mm), h - Math.round(MARGIN_MM * mm)];
    let inked = 0;
    let outside = 0;
    for (let y = 0; y < h; y++) {
      let row = false;
      for (let x = 0; x < w; x++) {
        if (pixels[y * w + x] >= 128) continue;
        row = true;
        if (x < side || x >= w - side || y < edge || y >= h - edge) outside += 1;
      }
      if (row && y >= top && y < bottom) inked += 1;
    }
    return { ink: inked / (bottom - top), outside };
  });
}

const squashed = (s) => s.normalize('NFC').replace(/\s+/g, '');

/**
 * Everything wrong with a printed document: `header` is the running header every page must
 * carry (null: none checked), `blocs` the headings that open a bloc on a new page (a page
 * before one of them, or the last page, may be short).
 */
function checkPrinted(name, pdf, { header, blocs, forbidden = [] }) {
  const problems = [];
  const texts = pagesText(pdf);
  const images = measure(pdf);
  if (texts.length !== images.length) problems.push(`${name}: ${texts.length} pages of text, ${images.length} images`);
  const total = images.length;
  const starts = (page) => {
    // The page's text after its running header.
    const t = squashed(page).slice(header ? squashed(header).length : 0);
    return blocs.some((b) => t.startsWith(squashed(b)));
  };
  images.forEach((img, i) => {
    const n = i + 1;
    const text = texts[i] || '';
    if (header && !squashed(text).includes(squashed(header))) problems.push(`${name} p. ${n}: no running header “${header}”`);
    if (!squashed(text).includes(`page${n}/${total}`)) problems.push(`${name} p. ${n}: no “page ${n} / ${total}”`);
    if (img.outside > 0) problems.push(`${name} p. ${n}: ${img.outside} dots of ink outside the content box`);
    const lastOfBloc = n === total || starts(texts[i + 1] || '');
    if (img.ink < MIN_INK && !lastOfBloc) problems.push(`${name} p. ${n}: nearly empty (${(img.ink * 100).toFixed(2)} % ink)`);
    for (const f of forbidden) if (squashed(text).includes(squashed(f))) problems.push(`${name} p. ${n}: prints “${f}”`);
  });
  return { problems, pages: total, inks: images.map((x) => x.ink) };
}

/** The running header, the starts of the parts printed from a new page, and the navigation's
 * texts of a built page, from the DOM. */
async function printedParts(tab, url) {
  await tab.goto(url, { waitUntil: 'domcontentloaded' });
  await tab.emulateMedia({ media: 'print' });
  const parts = await tab.evaluate(() => ({
    header: document.documentElement.getAttribute('data-print-header'),
    // The start of each part printed from a new page (the blocs): its first words.
    blocs: [...document.querySelectorAll('main *')]
      .filter((e) => getComputedStyle(e).breakBefore === 'page')
      .map((e) => e.innerText.trim().split(/\s+/).slice(0, 6).join(' ')),
    // What only the navigation says: the search box's label and button, the skip link.
    forbidden: [...document.querySelectorAll('.site-search label, .site-search button, .skip-link')].map((e) => e.textContent.trim()),
  }));
  // Back to no emulation: page.pdf prints with the print media, unless told "screen".
  await tab.emulateMedia({ media: null });
  return parts;
}

test('every printed page of a dossier names the candidate and session, says page n/N, and nothing is cut or nearly empty', async () => {
  const pdfDir = path.join(work, 'pages-pdf');
  const site = path.join(work, 'pages-site');
  execFileSync(BIN, ['--root', REPO, 'print', '--output-dir', site, '--pdf-dir', pdfDir, '--chromium', CHROMIUM], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5 * 60 * 1000,
  });
  const context = await browser.newContext();
  const problems = [];
  const summary = [];
  try {
    const tab = await context.newPage();
    const index = JSON.parse(fs.readFileSync(path.join(site, 'candidates', 'index.json'), 'utf8'));
    const docs = index.candidates.map((c) => ({
      name: c.id, html: path.join(site, 'candidates', c.id, 'index.html'), pdf: path.join(pdfDir, `${c.id}.pdf`),
    }));
    for (const id of fs.readdirSync(path.join(site, 'candidates', 'sessions'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
      docs.push({ name: `session ${id}`, html: path.join(site, 'candidates', 'sessions', id, 'index.html'), pdf: path.join(pdfDir, 'sessions', `${id}.pdf`) });
    }
    for (const doc of docs) {
      const parts = await printedParts(tab, pathToFileURL(doc.html).href);
      assert.ok(parts.header && parts.forbidden.length > 0, `${doc.name}: no running header or navigation in the page`);
      if (doc.name.startsWith('session ')) assert.ok(parts.header.includes(doc.name.slice(8)) || parts.header.length > 0);
      const r = checkPrinted(doc.name, doc.pdf, parts);
      problems.push(...r.problems);
      summary.push(`${doc.name}: ${r.pages} p., ink ${r.inks.map((x) => Math.round(x * 100)).join(' ')} %`);
    }
  } finally {
    await context.close();
  }
  // A dossier's header names its candidate and session, as its passport shows them.
  const dossier = fs.readFileSync(path.join(site, 'candidates', 'camille-martin', 'index.html'), 'utf8');
  const header = decode(/<html[^>]* data-print-header="([^"]*)"/.exec(dossier)[1]);
  assert.match(header, /Camille Martin/);
  assert.match(header, /Session/);
  console.log(`pdf pages: ${summary.join('; ')}`);
  assert.ok(problems.length === 0, listed(problems));
});

/** Prints `url` as Chromium's print preview would, with the page's own @page sizes. */
async function printToPdf(tab, url, file, prepare) {
  await tab.goto(url, { waitUntil: 'load' });
  if (prepare) await tab.evaluate(prepare);
  await tab.pdf({ path: file, preferCSSPageSize: true, printBackground: false });
}

/** The referential tables' nearly empty pages, found by the test before the one on them. */
const referentialEmpty = [];

test('the referential tables print landscape, every page named and numbered, none cut', async () => {
  const context = await browser.newContext();
  const problems = [];
  const summary = [];
  try {
    const tab = await context.newPage();
    for (const p of referentialPages()) {
      const parts = await printedParts(tab, fileUrl(p));
      const pdf = path.join(work, `${p.replace(/\W+/g, '-')}.pdf`);
      await printToPdf(tab, fileUrl(p), pdf);
      const sizes = pageSizes(pdf);
      const portrait = sizes.filter(([w, h]) => w < h).length;
      if (portrait) problems.push(`${p}: ${portrait} of ${sizes.length} pages portrait`);
      const r = checkPrinted(p, pdf, parts);
      problems.push(...r.problems.filter((x) => !/nearly empty/.test(x)));
      referentialEmpty.push(...r.problems.filter((x) => /nearly empty/.test(x)));
      summary.push(`${p}: ${r.pages} landscape pages, ink ${r.inks.map((x) => Math.round(x * 100)).join(' ')} %`);
    }
  } finally {
    await context.close();
  }
  console.log(`referential print: ${summary.join('; ')}`);
  assert.ok(summary.length > 0, 'no referential page');
  assert.ok(problems.length === 0, listed(problems));
});

// After a table row broken across pages Chromium starts the next row on a new page, which
// left business-developer two pages holding a row's end (one a single criterion); that table
// now prints as a grid per row (style.css), and this holds for every referential.
test('the referential tables print no nearly empty page but the last of a bloc', () => {
  assert.ok(referentialEmpty.length === 0, listed(referentialEmpty));
});

test('a matrix with many evidence links and extra columns shrinks to the page rather than being cut', async () => {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const page = dossierPages()[0];
    const pdf = path.join(work, 'wide-matrix.pdf');
    // The matrix has one "Preuves" cell per row: sixty evidence links in each, and ten more
    // columns (a site template may add some); its last column says where it ends.
    await printToPdf(tab, fileUrl(page), pdf, () => {
      const table = document.querySelector('table.matrix');
      for (const row of table.rows) {
        const cell = row.cells[1];
        if (row.parentElement.tagName !== 'THEAD') {
          for (let i = 10; i < 70; i++) {
            const a = document.createElement('a');
            a.href = '#';
            a.textContent = i === 69 ? 'P-LAST' : `P${i}`;
            cell.append(', ', a);
          }
        }
        for (let i = 0; i < 10; i++) {
          const copy = cell.cloneNode(true);
          if (row.parentElement.tagName === 'THEAD') copy.textContent = `X${i}`;
          row.insertBefore(copy, row.cells[2]);
        }
        row.cells[row.cells.length - 1].append(' END-OF-ROW');
      }
    });
    const r = checkPrinted('wide matrix', pdf, { header: null, blocs: [], forbidden: [] });
    const cut = r.problems.filter((x) => /outside the content box/.test(x));
    assert.deepEqual(cut, []);
    const raw = squashed(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
    assert.ok(raw.includes('P-LAST') && raw.includes('X9') && raw.includes('END-OF-ROW'), 'the added links and columns and the last column are printed');
  } finally {
    await context.close();
  }
});

test('folded <details> print unfolded', async () => {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const problems = [];
    for (const page of dossierPages()) {
      await tab.goto(fileUrl(page), { waitUntil: 'domcontentloaded' });
      // One of our own, so the rule is checked whether the dossier folds anything yet.
      await tab.evaluate(() => {
        const d = document.createElement('details');
        d.innerHTML = '<summary>Critères</summary><p class="rf-test-folded">Indicateurs repliés</p>';
        document.querySelector('main').append(d);
      });
      await tab.emulateMedia({ media: 'print' });
      const hidden = await tab.evaluate(() => [...document.querySelectorAll('details:not([open])')]
        .flatMap((d) => [...d.children].filter((c) => c.tagName !== 'SUMMARY'))
        // A closed <details> hides its content with content-visibility: checkVisibility says it.
        .filter((c) => !c.checkVisibility())
        .map((c) => c.textContent.trim().slice(0, 40)));
      for (const h of hidden) problems.push(`${page}: “${h}” folded in print`);
      await tab.emulateMedia({ media: 'screen' });
      const screenHidden = await tab.evaluate(() => !document.querySelector('.rf-test-folded').checkVisibility());
      assert.ok(screenHidden, 'on screen, a closed <details> stays folded');
    }
    assert.ok(problems.length === 0, listed(problems));
  } finally {
    await context.close();
  }
});
