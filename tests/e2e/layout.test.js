// Widths: at 360 px no page scrolls sideways (a wide table scrolls inside its own region);
// at 1280 px the referential table shows its four columns. Screenshots of both widths are
// kept in artefacts/.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { pages, referentialPages, dossierPages, fileUrl, launch, artefact, eachPage, listed } = require('./lib/site');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(width, height = 800) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  return { context, page: await context.newPage() };
}

test('at 360 px wide no page scrolls sideways; wide tables scroll in their own region', async () => {
  const { context, page } = await open(360);
  const problems = [];
  const list = pages();
  try {
    const measured = await eachPage(context, list, async (p, tab) => {
      await tab.goto(fileUrl(p));
      return tab.evaluate(() => {
        const root = document.documentElement;
        // Elements sticking out past the right edge, to say what overflows.
        const culprits = [...document.body.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !e.closest('.table-scroll, pre'))
          .slice(0, 3).map((e) => `${e.localName}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}`);
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
      });
    });
    list.forEach((p, i) => {
      const m = measured[i];
      if (m.scrollWidth > m.clientWidth) {
        problems.push(`${p}: page is ${m.scrollWidth}px wide in a ${m.clientWidth}px window (${m.culprits.join(', ')})`);
      }
    });
    for (const p of referentialPages()) {
      await page.goto(fileUrl(p));
      const regions = await page.evaluate(() => [...document.querySelectorAll('table.referential')].map((t) => {
        const region = t.parentElement;
        return { scrolls: region.scrollWidth > region.clientWidth, style: getComputedStyle(region).overflowX, cls: region.className };
      }));
      assert.ok(regions.length > 0, `${p}: no referential table`);
      regions.forEach((r, i) => {
        if (r.cls !== 'table-scroll' || !r.scrolls || !['auto', 'scroll'].includes(r.style)) {
          problems.push(`${p}: referential table ${i + 1} is not in a horizontally scrolling region (${JSON.stringify(r)})`);
        }
      });
    }
    for (const [name, p] of [['referential', referentialPages()[0]], ['dossier', dossierPages()[0]]]) {
      await page.goto(fileUrl(p));
      if (name === 'referential') await page.locator('table.referential').first().evaluate((t) => t.closest('section').scrollIntoView());
      const shot = artefact(`${name}-360.png`);
      await page.screenshot({ path: shot });
      console.log(`screenshot: ${shot} (${p})`);
    }
  } finally {
    await context.close();
  }
  console.log(`widths: ${list.length} pages checked at 360 px, ${problems.length} problems`);
  assert.ok(problems.length === 0, listed(problems));
});

test('at 1280 px the referential table shows its four columns', async () => {
  const { context, page } = await open(1280);
  const problems = [];
  try {
    for (const p of referentialPages()) {
      await page.goto(fileUrl(p));
      const tables = await page.evaluate(() => [...document.querySelectorAll('table.referential')].map((t) => {
        const region = t.parentElement;
        const heads = [...t.querySelectorAll('thead th')].map((th) => {
          const r = th.getBoundingClientRect();
          return { text: th.textContent.trim(), left: r.left, right: r.right, width: r.width };
        });
        return { heads, scrolls: region.scrollWidth > region.clientWidth, viewport: document.documentElement.clientWidth };
      }));
      tables.forEach((t, i) => {
        if (t.heads.length !== 4) problems.push(`${p}: table ${i + 1} has ${t.heads.length} header columns, not 4`);
        for (const h of t.heads) {
          if (h.left < 0 || h.right > t.viewport || h.width < 100) {
            problems.push(`${p}: table ${i + 1}: column “${h.text}” is not fully visible (${Math.round(h.left)}–${Math.round(h.right)} px of ${t.viewport})`);
          }
        }
        if (t.scrolls) problems.push(`${p}: table ${i + 1} still scrolls sideways at 1280 px`);
      });
    }
    for (const [name, p] of [['referential', referentialPages()[0]], ['dossier', dossierPages()[0]]]) {
      await page.goto(fileUrl(p));
      if (name === 'referential') await page.locator('table.referential').first().evaluate((t) => t.closest('section').scrollIntoView());
      const shot = artefact(`${name}-1280.png`);
      await page.screenshot({ path: shot });
      console.log(`screenshot: ${shot} (${p})`);
    }
  } finally {
    await context.close();
  }
  assert.ok(problems.length === 0, listed(problems));
});
