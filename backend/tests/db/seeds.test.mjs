// The committed catalogue seed is what build-catalogue-seed.mjs makes from
// Masterbots' public seed-config.sql; the demo seed holds no real addresses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BACKEND, SHARED } from './helpers.mjs';

const SEEDS = path.join(BACKEND, 'hasura/seeds/masterbots');

test('the catalogue seed is up to date with its builder and the reference catalogue', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mb-seed-')), 'catalogue.sql');
  try {
    const r = spawnSync(process.execPath, [path.join(BACKEND, 'scripts/build-catalogue-seed.mjs'),
      path.join(SHARED, 'reference/masterbots/seed-config.sql'), out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /12 categories, 38 chatbots, 37 prompts, 66 prompt links, 17 models/);
    assert.equal(fs.readFileSync(out, 'utf8'), fs.readFileSync(path.join(SEEDS, '1700000100001_catalogue.sql'), 'utf8'));
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
});

test('the demo seed uses only example.com addresses and bcrypt for passwords', () => {
  const sql = fs.readFileSync(path.join(SEEDS, '1700000100002_demo_users_threads.sql'), 'utf8');
  const emails = [...sql.matchAll(/'([^'\s]+@[^'\s]+)'/g)].map((m) => m[1]);
  assert.equal(emails.length, 4);
  for (const e of emails) assert.match(e, /@example\.com$/);
  assert.equal([...sql.matchAll(/crypt\('\w+-password', gen_salt\('bf', 10\)\)/g)].length, 4);
});
