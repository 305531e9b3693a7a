// Every internal link of every page resolves: the file exists in the site, and its
// #fragment (on the same page or another) names an element of the target page.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const { SITE, pages, fileUrl, launch, eachPage, listed } = require('./lib/site');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every internal link and #anchor resolves', async () => {
  const list = pages();
  const context = await browser.newContext();
  const links = new Map(); // page -> ['a[href]=…', …]
  const ids = new Map(); // page -> Set of ids
  try {
    const found = await eachPage(context, list, async (p, page) => {
      await page.goto(fileUrl(p), { waitUntil: 'domcontentloaded' });
      return page.evaluate(() => ({
        refs: [
          ...[...document.querySelectorAll('a[href], area[href], link[href]')].map((e) => `${e.localName}[href]=${e.getAttribute('href')}`),
          ...[...document.querySelectorAll('img[src], source[src], video[src], audio[src], iframe[src]')].map((e) => `${e.localName}[src]=${e.getAttribute('src')}`),
        ],
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id)
          .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'))),
      }));
    });
    list.forEach((p, i) => {
      links.set(p, found[i].refs);
      ids.set(p, new Set(found[i].ids));
    });
  } finally {
    await context.close();
  }

  const broken = [];
  let internal = 0;
  let fragments = 0;
  let external = 0;
  for (const [p, refs] of links) {
    for (const ref of refs) {
      const raw = ref.slice(ref.indexOf('=') + 1);
      const url = new URL(raw, fileUrl(p));
      if (url.protocol !== 'file:') {
        external += 1;
        continue;
      }
      internal += 1;
      const target = fileURLToPath(url);
      const rel = path.relative(SITE, target).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        broken.push(`${p}: ${ref} leaves the site (${target})`);
        continue;
      }
      let file = rel;
      if (fs.existsSync(target) && fs.statSync(target).isDirectory()) file = path.posix.join(rel, 'index.html');
      if (!fs.existsSync(path.join(SITE, file))) {
        broken.push(`${p}: ${ref}: no file ${file}`);
        continue;
      }
      if (url.hash && url.hash !== '#') {
        fragments += 1;
        const id = decodeURIComponent(url.hash.slice(1));
        const targetIds = ids.get(file);
        if (!targetIds) broken.push(`${p}: ${ref}: #${id} points into ${file}, which is not a page`);
        else if (!targetIds.has(id)) broken.push(`${p}: ${ref}: no element #${id} in ${file}`);
      } else if (raw.endsWith('#')) {
        broken.push(`${p}: ${ref}: empty fragment`);
      }
    }
  }
  console.log(`links: ${list.length} pages, ${internal} internal links (${fragments} with a #fragment) resolved, ${external} external not followed, ${broken.length} broken`);
  assert.ok(internal > 0, 'no internal link found');
  assert.ok(broken.length === 0, listed(broken));
});
