// Signed Open Badges credentials, checked by an independent verifier: builds the bundled
// site and the `sessions` fixture with the committed test key (tests/fixtures/keys), then
// has openbadgeslib (Python, pinned in requirements.txt, installed by install.sh) verify
// every `.jwt` against the test key's public half, and refuse a forged one. The awards
// expected are read from the built site (the JSON credentials beside the tokens).
'use strict';

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, E2E_DIR } = require('./lib/site');

const BIN = process.env.REFOLIO_BIN || path.join(REPO, 'target', 'release', 'refolio');
const PYTHON = path.join(E2E_DIR, '.venv', 'bin', 'python');
const KEYS = path.join(REPO, 'tests', 'fixtures', 'keys');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'refolio-e2e-credentials-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Builds `root` signed with the test key into a fresh folder; returns the folder. */
function buildSigned(root, name) {
  const out = path.join(work, name);
  execFileSync(BIN, ['--root', root, 'build', '--output-dir', out,
    '--signing-key', path.join(KEYS, 'test-issuer.pem')], { stdio: 'pipe' });
  return out;
}

/** The JSON credentials of a built site, by path relative to it, `.json` → `.jwt`. */
function credentials(site) {
  const found = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (full.includes(`${path.sep}certificates${path.sep}`) && entry.name.endsWith('.json')) {
        const rel = path.relative(site, full).split(path.sep).join('/').replace(/\.json$/, '.jwt');
        found[rel] = JSON.parse(fs.readFileSync(full, 'utf8'));
      }
    }
  };
  walk(path.join(site, 'candidates'));
  return found;
}

function verify(site) {
  const out = execFileSync(PYTHON, [path.join(E2E_DIR, 'verify_credentials.py'),
    path.join(KEYS, 'test-issuer.pub.pem'), site], { encoding: 'utf8' });
  return JSON.parse(out);
}

for (const [name, root] of [['bundled', REPO], ['sessions', path.join(REPO, 'tests', 'fixtures', 'sessions')]]) {
  test(`openbadgeslib verifies every signed credential of the ${name} site`, () => {
    const site = buildSigned(root, name);
    const expected = credentials(site);
    assert.ok(Object.keys(expected).length > 0, 'the site awards certificates');
    const result = verify(site);
    assert.deepEqual(result.failed, []);
    assert.equal(result.tampered_refused, true, 'a forged payload is refused');
    const got = Object.fromEntries(result.verified.map((v) => [v.path, v]));
    assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort());
    for (const [p, credential] of Object.entries(expected)) {
      const subject = credential.credentialSubject;
      assert.equal(got[p].name, subject.achievement.name, p);
      assert.equal(got[p].achievementType, subject.achievement.achievementType, p);
      assert.equal(got[p].validFrom, credential.validFrom, p);
      assert.equal(got[p].identity, subject.identifier[0].identityHash, p);
    }
    // The key the site publishes is the test key's public half.
    assert.equal(fs.readFileSync(path.join(site, 'candidates', 'sessions', 'issuer-key.pem'), 'utf8'),
      fs.readFileSync(path.join(KEYS, 'test-issuer.pub.pem'), 'utf8'));
  });
}
