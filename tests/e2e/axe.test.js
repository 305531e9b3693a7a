// Every page of the built site has no axe-core violation of WCAG 2.1 A and AA: every rule in
// the light colour scheme at 1280 px; the colour rules again in the dark scheme (the
// stylesheets have one); every rule again at 360 px, a phone's width, on every page (wide
// tables and code blocks scroll there, and must be reachable by keyboard).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { pages, fileUrl, launch, eachPage, listed } = require('./lib/site');

const AXE = require.resolve('axe-core/axe.min.js');
const WCAG21_AA = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] };
// Only colours change with the scheme: the rest of the audit would repeat the light one.
const COLOUR_RULES = { type: 'rule', values: ['color-contrast', 'link-in-text-block'] };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function run(page, runOnly) {
  return page.evaluate((only) => window.axe.run(document, { runOnly: only, resultTypes: ['violations'] }), runOnly);
}

function describe(p, mode, result) {
  const lines = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      const why = (node.failureSummary || '').split('\n').slice(1, 2).join(' ').trim();
      lines.push(`${p} [${mode}]: ${v.id} (${v.impact}) at ${node.target.join(' ')}: ${v.help}${why ? ` — ${why}` : ''}`);
    }
  }
  return lines;
}

test('axe-core WCAG 2.1 A/AA: no violation on any page (light, dark, 360 px)', async () => {
  const list = pages();
  // Every page carries a Content-Security-Policy that forbids scripts (the site is
  // script-free): bypassCSP lets the test inject axe-core, and nothing else changes.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  const runs = { light: 0, dark: 0, '360px': 0 };
  let problems;
  try {
    const perPage = await eachPage(context, list, async (p, page) => {
      const found = [];
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(fileUrl(p));
      await page.addScriptTag({ path: AXE });
      found.push(...describe(p, 'light', await run(page, WCAG21_AA)));
      runs.light += 1;
      await page.emulateMedia({ colorScheme: 'dark' });
      found.push(...describe(p, 'dark', await run(page, COLOUR_RULES)));
      runs.dark += 1;
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 360, height: 800 });
      found.push(...describe(p, '360px', await run(page, WCAG21_AA)));
      runs['360px'] += 1;
      return found;
    });
    problems = perPage.flat();
  } finally {
    await context.close();
  }
  assert.equal(runs['360px'], list.length, 'every page at 360 px');
  console.log(`axe: ${list.length} pages checked (${runs.light} light, ${runs.dark} dark, ${runs['360px']} at 360 px), ${problems.length} violations`);
  assert.ok(problems.length === 0, listed(problems));
});
