// `refolio print`: each candidate's dossier bilan as a PDF. Prints the bundled site into a
// temporary folder, then checks every PDF has pages and that its text holds the candidate's
// decision and every competence ID of the blocs presented, both read from the built site
// (report.json and the dossier), not written here.
'use strict';

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, CHROMIUM, listed } = require('./lib/site');

const BIN = process.env.REFOLIO_BIN || path.join(REPO, 'target', 'release', process.platform === 'win32' ? 'refolio.exe' : 'refolio');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'refolio-e2e-pdf-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

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
    summary.push(`${c.id}: ${pages} pages, “${decision}”, ${ids.length} competences`);
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
