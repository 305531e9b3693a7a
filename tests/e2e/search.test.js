// Offline search over file://: the header box of a page sends its query to search.html,
// which loads the scope's index scripts (no fetch, no server) and lists what matches.
// Every ID the built pages show is searched for, as written, spaced and punctuated.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, pages, fileUrl, launch, eachPage, listed } = require('./lib/site');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What the results page shows once the search is done. */
async function readResults(tab) {
  await tab.waitForFunction(() => {
    const s = document.getElementById('rf-search-status');
    return s && s.textContent && s.textContent !== s.getAttribute('data-loading');
  });
  return tab.evaluate(() => ({
    url: location.href,
    status: document.getElementById('rf-search-status').textContent,
    scope: document.getElementById('rf-search-scope').value,
    results: [...document.querySelectorAll('#rf-search-results > li')].map((li) => ({
      kind: li.querySelector('.search-kind').textContent,
      title: li.querySelector('a').textContent,
      href: li.querySelector('a').getAttribute('href'),
    })),
  }));
}

/** Submits `query` from the header box of `page`; returns the results and script errors. */
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
    return { ...(await readResults(tab)), errors };
  } finally {
    await context.close();
  }
}

/** Opens search.html with `query` in `scope` on `tab`; returns what it lists. */
async function searchIn(tab, query, scope = '') {
  const params = new URLSearchParams({ q: query, scope });
  await tab.goto(`${fileUrl('search.html')}?${params}`, { waitUntil: 'domcontentloaded' });
  return readResults(tab);
}

/**
 * Runs many queries in one search page through `refolioSearch.find`, the function the page
 * lists its results with (kinds as keys, not labels): `[{q, scope}]` → results of each.
 */
async function findAll(queries) {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(fileUrl('search.html'), { waitUntil: 'domcontentloaded' });
    return await tab.evaluate((qs) => Promise.all(qs.map(({ q, scope }) => new Promise((done) => {
      window.refolioSearch.find(q, scope, done);
    }))), queries);
  } finally {
    await context.close();
  }
}

/** Letters and digits only, lowercased and unaccented: how IDs compare. */
const compact = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
/** Whether a result is titled with the ID: the ID alone, or followed by the item's title. */
const titledWith = (title, id) => title === id || title.startsWith(`${id} `);

/**
 * Every ID a page of the site shows (`.id` elements), with where it points: a link's
 * target, else the anchor of the element holding it, as a path from the site root.
 */
async function shownIds() {
  const context = await browser.newContext();
  try {
    const found = await eachPage(context, pages(), async (p, tab) => {
      await tab.goto(fileUrl(p), { waitUntil: 'domcontentloaded' });
      return tab.evaluate((page) => [...document.querySelectorAll('main .id')].map((el) => {
        const link = el.closest('a[href]');
        const holder = el.closest('[id]');
        const target = link ? link.href : holder ? `${location.href.split('#')[0]}#${holder.id}` : location.href;
        return { page, text: el.textContent.trim(), target };
      }), p);
    });
    const root = fileUrl('index.html').replace(/index\.html$/, '');
    const byId = new Map();
    for (const { page, text, target } of found.flat()) {
      // referential.html writes a bloc's label before its ID (`Bloc B1`).
      const id = text.replace(/^Bloc\s+/, '');
      const entry = byId.get(id) || { id, pages: new Set(), targets: new Set() };
      entry.pages.add(page);
      if (target.startsWith(root)) entry.targets.add(target.slice(root.length));
      byId.set(id, entry);
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  } finally {
    await context.close();
  }
}

/** The ID spaced after its leading letters (`C 1.1.a`), and punctuated otherwise (`c-1-1-a`). */
const spaced = (id) => id.replace(/^([A-Za-z]{1,3})[.\s]?(?=[0-9])/, '$1 ');
const punctuated = (id) => `(${id.toLowerCase().replace(/[.\s]/g, '-')})`;

test('every ID the site shows finds its item first, titled with that ID, however it is written', async () => {
  const ids = await shownIds();
  assert.ok(ids.length > 200, `only ${ids.length} IDs shown on the site`);
  assert.ok(ids.some((x) => x.id === 'C2.4.cr1') && ids.some((x) => x.id === 'B1.cr2'), 'generated criterion IDs are shown');
  const queries = ids.flatMap((entry) => {
    const forms = new Set([entry.id, spaced(entry.id), punctuated(entry.id)]);
    return [...forms].map((q) => ({ q, entry }));
  });
  const found = await findAll(queries.map(({ q }) => ({ q, scope: '' })));
  const problems = queries.flatMap(({ q, entry }, i) => {
    const results = found[i];
    {
      const first = results[0];
      if (!first) return [`${q} (${entry.id}, shown on ${[...entry.pages][0]}): nothing found`];
      // Written as shown, the item comes first; spelled otherwise, the IDs it may stand for
      // (`A 1`: `A1` and `A.1`) come before anything else.
      if (q === entry.id && !titledWith(first.title, entry.id)) return [`${q}: first result “${first.title}” (${first.href}), not titled ${entry.id}`];
      const exact = (x) => compact(x.title.split(' ')[0]) === compact(entry.id);
      const lastExact = results.map(exact).lastIndexOf(true);
      if (lastExact < 0 || results.slice(0, lastExact).some((x) => !exact(x))) {
        return [`${q}: the exact IDs do not come first: ${results.slice(0, 5).map((x) => x.title).join(' | ')}`];
      }
      // The items of a referential are found where the pages link to them.
      const own = results.filter((x) => titledWith(x.title, entry.id)).map((x) => x.href);
      const expected = [...entry.targets].filter((t) => !t.startsWith('candidates/'));
      // The same item is shown at several places (its row, its competences' pages): one of
      // them is enough, same page or same anchor in the same referential.
      const same = (r, t) => {
        const [rp, ra] = r.split('#');
        const [tp, ta] = t.split('#');
        return rp === tp || (ra && ra === ta && rp.split('/')[0] === tp.split('/')[0]);
      };
      if (expected.length && !expected.some((t) => own.some((r) => same(r, t)))) {
        return [`${q}: none of ${expected.join(', ')} among the results titled ${entry.id}: ${own.join(', ')}`];
      }
      return [];
    }
  });
  console.log(`search: ${ids.length} IDs shown, ${queries.length} queries`);
  assert.ok(problems.length === 0, listed(problems));
});

test('generated criterion IDs are found, titled with their own ID, spaced or not', async () => {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    for (const [q, id, href] of [
      ['C2.4.cr1', 'C2.4.cr1', 'business-developer/index.html#c2-4-cr1'],
      ['c2.4 .cr1', 'C2.4.cr1', 'business-developer/index.html#c2-4-cr1'],
      ['B1.cr2', 'B1.cr2', null],
      ['C 1.1.a', 'C.1.1.a', 'developpement-commercial-international/competences/c-1-1-a.html'],
      ['Cr 1.1.1', 'Cr1.1.1', null],
      ['Bloc B1', 'B1', null],
    ]) {
      const r = await searchIn(tab, q);
      assert.ok(r.results.length > 0, `${q}: ${r.status}`);
      assert.ok(titledWith(r.results[0].title, id), `${q}: ${JSON.stringify(r.results.slice(0, 3))}`);
      if (href) assert.equal(r.results[0].href, href, q);
      assert.ok(!r.results.some((x) => x.kind === 'Critère' && /^C\d+\.\d+(, |$)/.test(x.title)),
        `${q}: a criterion titled with its competences' IDs`);
    }
  } finally {
    await context.close();
  }
});

test('the exact ID ranks first, before the IDs it prefixes and the texts citing it', async () => {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const r = await searchIn(tab, 'C1.1', 'r:business-developer');
    assert.deepEqual(r.results[0], { kind: 'Compétence', title: 'C1.1', href: 'business-developer/competences/c1-1.html' });
    const titles = r.results.map((x) => x.title);
    assert.ok(titles.includes('C1.1.cr1'), `the prefix matches are listed too: ${titles.join(', ')}`);
    const b1 = await searchIn(tab, 'B1', 'r:business-developer');
    assert.equal(b1.results[0].kind, 'Bloc');
    assert.ok(titledWith(b1.results[0].title, 'B1'), b1.results[0].title);
  } finally {
    await context.close();
  }
});

test('inside a candidate\'s scope, an ID finds the evidence that demonstrates it', async () => {
  const evidence = pages().filter((p) => /^candidates\/[^/]+\/preuves\/.+\.html$/.test(p));
  assert.ok(evidence.length > 0, 'the bundled candidates have evidence');
  const context = await browser.newContext();
  let shown;
  try {
    shown = (await eachPage(context, evidence, async (p, tab) => {
      await tab.goto(fileUrl(p), { waitUntil: 'domcontentloaded' });
      return tab.evaluate((page) => {
        const scope = document.querySelector('header input[name=scope]').value;
        return [...document.querySelectorAll('.demonstrates a.id')].map((a) => ({ page, scope, q: a.textContent.trim() }));
      }, p);
    })).flat();
  } finally {
    await context.close();
  }
  assert.ok(shown.length > 10, `only ${shown.length} demonstrated IDs`);
  const found = await findAll(shown);
  const problems = shown.flatMap(({ page, scope, q }, i) => {
    const out = [];
    if (!found[i].some((x) => x.href === page)) out.push(`${q} in ${scope}: ${page} not found`);
    const candidate = page.split('/').slice(0, 2).join('/') + '/';
    if (found[i].some((x) => !x.href.startsWith(candidate))) out.push(`${q} in ${scope}: a result outside ${candidate}`);
    return out;
  });
  assert.ok(problems.length === 0, listed(problems));
});

test('the order of the results is the same from one run to the next', async () => {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push((await searchIn(tab, 'prospection')).results.map((x) => x.href));
    assert.ok(runs[0].length > 10, `${runs[0].length} results`);
    for (const run of runs.slice(1)) assert.deepEqual(run, runs[0]);
    // Equal scores keep the scope list's order: the referentials' items come in the order
    // of the list, whatever order their index files finished loading in.
    const c = await searchIn(tab, 'C1.1');
    const ownTitled = c.results.filter((x) => x.title === 'C1.1' && x.kind === 'Compétence').map((x) => x.href.split('/')[0]);
    const listOrder = await tab.evaluate(() => [...document.querySelectorAll('#rf-search-scope option[data-index]')]
      .map((o) => o.getAttribute('data-index').split('/')[0]));
    assert.deepEqual(ownTitled, listOrder.filter((r) => ownTitled.includes(r)));
  } finally {
    await context.close();
  }
});

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
  for (const q of ['C.1.1.a', 'c11a', 'C 1.1.a', 'c-1-1-a']) {
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

test('a query with nothing to search for (common words, punctuation) says so', async () => {
  for (const q of ['le de des', '?! …', 'la C']) {
    const r = await searchFrom('index.html', q);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.results, []);
    assert.match(r.status, /ne contient rien à chercher/, `${q}: “${r.status}”`);
    assert.ok(r.status.includes(`« ${q} »`), r.status);
  }
  // An empty search page stays quiet.
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(fileUrl('search.html'));
    const status = await tab.evaluate(() => [...document.getElementById('rf-search-status').childNodes]
      .filter((n) => n.nodeName !== 'NOSCRIPT').map((n) => n.textContent).join(''));
    assert.equal(status, '');
  } finally {
    await context.close();
  }
});

test('the results page passes axe-core WCAG 2.1 A/AA, light and dark, 1280 and 360 px', async () => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  try {
    const tab = await context.newPage();
    for (const q of ['prospection', 'le de']) {
      await tab.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(q)}&scope=`);
      await tab.waitForFunction(() => document.getElementById('rf-search-status').textContent.trim() !== '');
      await tab.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 360]]) {
        await tab.emulateMedia({ colorScheme: scheme });
        await tab.setViewportSize({ width, height: 800 });
        const result = await tab.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        }));
        const found = result.violations.map((v) => `${q} ${scheme} ${width}px: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(found, []);
      }
    }
  } finally {
    await context.close();
  }
});
