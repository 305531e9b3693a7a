// Keyboard use of the referential tables and the dossiers: the first Tab reaches a visible
// skip link that moves focus to <main>; then Tab visits every focusable element of the page
// in DOM order, each scrolled into view with a visible focus indicator; a table region that
// scrolls sideways is itself focusable and named.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { referentialPages, dossierPages, fileUrl, launch, listed } = require('./lib/site');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Runs in the page: tags focusable elements in DOM order, and describes the focused one. */
const IN_PAGE = () => {
  const FOCUSABLE = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), '
    + 'select:not([disabled]), textarea:not([disabled]), summary, iframe, audio[controls], video[controls], '
    + '[contenteditable=""], [contenteditable="true"], [tabindex]';
  // checkVisibility also sees what a closed <details> hides (its content is skipped, not removed).
  const rendered = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
    && (!e.checkVisibility || e.checkVisibility({ visibilityProperty: true }));
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (css) => (css.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  window.e2e = {
    tag() {
      const list = [...document.querySelectorAll(FOCUSABLE)]
        .filter((e) => e.getAttribute('tabindex') !== '-1' && e.tabIndex >= 0 && rendered(e));
      list.forEach((e, i) => { e.dataset.e2eIndex = String(i); });
      return list.map((e) => ({ index: e.dataset.e2eIndex, tabIndex: e.getAttribute('tabindex') }));
    },
    focused() {
      const e = document.activeElement;
      if (!e || e === document.body) return { index: null, what: 'body' };
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      const pageBg = parse(getComputedStyle(document.documentElement).backgroundColor);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      return {
        index: e.dataset.e2eIndex ?? null,
        what: `${e.localName}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} “${(e.getAttribute('aria-label') || e.textContent).replace(/\s+/g, ' ').trim().slice(0, 40)}”`,
        inMain: !!e.closest('main'),
        // Visible: at least partly inside the window once focused (the browser scrolls to it).
        inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        wholeInView: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
        ring: outline ? contrast(parse(s.outlineColor), pageBg) : s.boxShadow !== 'none' ? 3 : 0,
        ringCss: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} / ${s.boxShadow}`,
        role: e.getAttribute('role'),
        label: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'),
      };
    },
    regions() {
      return [...document.querySelectorAll('main *')]
        .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth && e.localName !== 'pre')
        .map((e) => ({ what: `${e.localName}.${e.className}`, tabindex: e.getAttribute('tabindex'), role: e.getAttribute('role'), label: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') }));
    },
  };
};

async function walk(width, p) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  const say = (m) => problems.push(`${p} @${width}px: ${m}`);
  try {
    await page.goto(fileUrl(p));
    await page.evaluate(IN_PAGE);
    const focusables = await page.evaluate(() => window.e2e.tag());
    for (const f of focusables) if (Number(f.tabIndex) > 0) say(`element ${f.index} has a positive tabindex (${f.tabIndex}): tab order would not follow the page`);

    // 1. The first Tab lands on the skip link, visible with a focus ring.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => window.e2e.focused());
    if (!/a\.skip-link/.test(skip.what)) say(`first Tab focuses ${skip.what}, not the skip link`);
    if (!skip.wholeInView) say(`the focused skip link is not (wholly) in view`);
    if (skip.ring < 3) say(`the focused skip link has no visible focus indicator (${skip.ringCss})`);

    // 2. Enter on it moves focus to <main>.
    await page.keyboard.press('Enter');
    const main = await page.evaluate(() => ({ id: document.activeElement?.id, hash: location.hash }));
    if (main.id !== 'rf-main') say(`Enter on the skip link focuses #${main.id}, not <main id="rf-main"> (hash ${main.hash})`);

    // 3. Tab from there visits every focusable element of <main>, in DOM order.
    const expected = await page.evaluate(() => [...document.querySelectorAll('main [data-e2e-index]')].map((e) => e.dataset.e2eIndex));
    const seen = [];
    for (let i = 0; i < expected.length + 3; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => window.e2e.focused());
      if (!f.inMain) break;
      seen.push(f.index);
      if (!f.inView) say(`focused ${f.what} is out of view`);
      if (f.ring < 3) say(`focused ${f.what} has no visible focus indicator with 3:1 contrast (${f.ringCss})`);
      if (f.role === 'region' && !f.label) say(`focused region ${f.what} has no accessible name`);
    }
    if (seen.join(',') !== expected.join(',')) {
      const at = seen.findIndex((x, i) => x !== expected[i]);
      say(`Tab order differs from DOM order at step ${at} (saw ${seen.length} of ${expected.length}: …${seen.slice(Math.max(0, at - 2), at + 3)} vs …${expected.slice(Math.max(0, at - 2), at + 3)})`);
    }

    // 4. A region that scrolls sideways at this width can be focused and is named.
    for (const r of await page.evaluate(() => window.e2e.regions())) {
      if (r.tabindex !== '0') say(`scrolling ${r.what} is not focusable (tabindex ${r.tabindex})`);
      if (r.role !== 'region' || !r.label) say(`scrolling ${r.what} is not a named region (role ${r.role}, label ${r.label})`);
    }
    return { problems, stops: seen.length };
  } finally {
    await context.close();
  }
}

const cases = () => [
  ...referentialPages().map((p) => [1280, p]),
  ...dossierPages().map((p) => [1280, p]),
  [360, referentialPages()[0]],
  [360, dossierPages()[0]],
];

test('keyboard: skip link, visible focus, table and dossier in tab order', async () => {
  const problems = [];
  let stops = 0;
  const list = cases();
  for (const [width, p] of list) {
    const r = await walk(width, p);
    problems.push(...r.problems);
    stops += r.stops;
  }
  console.log(`keyboard: ${list.length} walks (${list.map(([w, p]) => `${p}@${w}`).join(', ')}), ${stops} tab stops, ${problems.length} problems`);
  assert.ok(problems.length === 0, listed(problems));
});
