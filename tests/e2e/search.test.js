// Offline search over file://: the header box of a page sends its query to search.html,
// which loads the scope's index scripts (no fetch, no server) and lists what matches.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { fileUrl, launch } = require('./lib/site');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Submits `query` from the header box of `page`; returns the results and CSP errors. */
async function searchFrom(page, query) {
  const context = await browser.newContext();
  const errors = [];
  try {
    const tab = await context.newPage();
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(fileUrl(page), { waitUntil: 'domcontentloaded' });
    await tab.fill('#rf-site-q', query);
    await Promise.all([tab.waitForURL(/search\.html\?/), tab.press('#rf-site-q', 'Enter')]);
    await tab.waitForFunction(() => {
      const s = document.getElementById('rf-search-status');
      return s && s.textContent && !s.textContent.includes('…');
    });
    return await tab.evaluate(() => ({
      url: location.href,
      status: document.getElementById('rf-search-status').textContent,
      scope: document.getElementById('rf-search-scope').value,
      results: [...document.querySelectorAll('#rf-search-results > li')].map((li) => ({
        kind: li.querySelector('.search-kind').textContent,
        title: li.querySelector('a').textContent,
        href: li.querySelector('a').getAttribute('href'),
      })),
      errors: [],
    })).then((r) => ({ ...r, errors }));
  } finally {
    await context.close();
  }
}

test('a word, stemmed, finds its competence within the page\'s referential', async () => {
  // "veilles" is written nowhere: the index knows "veille", a form of the same stem.
  const r = await searchFrom('business-developer/index.html', 'veilles commerciales');
  assert.deepEqual(r.errors, []);
  assert.equal(r.scope, 'r:business-developer');
  assert.ok(r.results.length >= 1, r.status);
  assert.deepEqual(r.results[0], {
    kind: 'Compétence', title: 'C1.1', href: 'business-developer/competences/c1-1.html',
  });
  assert.ok(r.results.every((x) => x.href.startsWith('business-developer/')), JSON.stringify(r.results));
  assert.match(r.status, /résultat\(s\) pour « veilles commerciales »/);
});

test('an ID finds the competence however it is written', async () => {
  for (const q of ['C.1.1.a', 'c11a']) {
    const r = await searchFrom('developpement-commercial-international/index.html', q);
    assert.deepEqual(r.errors, []);
    assert.equal(r.results[0]?.title, 'C.1.1.a', `${q}: ${JSON.stringify(r.results)}`);
  }
});

test('from the home page the whole site is searched, evidence included', async () => {
  const r = await searchFrom('index.html', 'prospection');
  assert.deepEqual(r.errors, []);
  assert.equal(r.scope, '');
  const kinds = new Set(r.results.map((x) => x.kind));
  assert.ok(kinds.has('Compétence') || kinds.has('Critère'), [...kinds].join());
  assert.ok(kinds.has('Preuve'), [...kinds].join());
});

test('no match says so', async () => {
  const r = await searchFrom('index.html', 'zzzxqw');
  assert.deepEqual(r.results, []);
  assert.match(r.status, /Aucun résultat pour « zzzxqw »/);
});

test('the results page passes axe-core WCAG 2.1 A/AA, light and dark', async () => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  try {
    const tab = await context.newPage();
    await tab.goto(`${fileUrl('search.html')}?q=prospection&scope=`);
    await tab.waitForSelector('#rf-search-results > li');
    await tab.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    for (const scheme of ['light', 'dark']) {
      await tab.emulateMedia({ colorScheme: scheme });
      const result = await tab.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      }));
      const found = result.violations.map((v) => `${scheme}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(found, []);
    }
  } finally {
    await context.close();
  }
});
