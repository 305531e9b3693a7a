// Every page of the built site is valid HTML for the Nu HTML Checker (vnu-jar from npm, run
// once over the whole site with the machine's Java).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { SITE, pages, listed } = require('./lib/site');

const VNU = require('vnu-jar');

test('Nu HTML Checker: no error on any page', () => {
  const count = pages().length;
  // vnu exits 1 when it reports errors; the JSON report goes to stderr either way.
  let report;
  try {
    execFileSync('java', ['-jar', String(VNU), '--errors-only', '--format', 'json', '--skip-non-html', SITE], {
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    report = { messages: [] };
  } catch (err) {
    if (err.code === 'ENOENT') throw new Error('java not found: the Nu checker needs Java 11+ (run tests/e2e/install.sh)');
    const stderr = String(err.stderr || '');
    try {
      report = JSON.parse(stderr);
    } catch {
      throw new Error(`vnu failed (status ${err.status}):\n${stderr}`);
    }
  }
  const errors = report.messages
    // --errors-only leaves errors, fatal errors and non-document errors (unreadable file).
    .filter((m) => m.type !== 'info')
    .map((m) => {
      const file = m.url ? path.relative(SITE, new URL(m.url).pathname) : '?';
      return `${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}`;
    });
  console.log(`vnu: ${count} pages checked, ${errors.length} errors`);
  assert.ok(errors.length === 0, listed(errors));
});
