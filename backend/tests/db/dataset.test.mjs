// The benchmark dataset generator: counts, shape, determinism, --clear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { stack, local, query, dbUrl, BACKEND } from './helpers.mjs';

const env = stack(4);
const gen = (...args) => {
  const r = spawnSync(process.execPath, [path.join(BACKEND, 'scripts/gen-dataset.mjs'), '--url', dbUrl(env), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const digest = async () => (await query(env, `SELECT md5(string_agg(message_id::text || thread_id::text || content, ',' ORDER BY slug)) AS d,
  count(*)::int AS n FROM message WHERE slug LIKE 'bench-m-%'`))[0];

before(() => {
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
});
after(() => {
  local(env, 'db', 'down');
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
});

test('generates the requested users, threads and messages; every thread has messages and a matching updated_at', async () => {
  const r = gen('--users', '20', '--threads', '300', '--messages', '6000');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /20 users, 300 threads, 6000 messages/);
  const [c] = await query(env, `SELECT
    (SELECT count(*)::int FROM "user" WHERE username LIKE 'bench\\_user\\_%') AS users,
    (SELECT count(*)::int FROM thread WHERE slug LIKE 'bench-t-%') AS threads,
    (SELECT count(*)::int FROM message WHERE slug LIKE 'bench-m-%') AS messages,
    (SELECT count(*)::int FROM thread t WHERE slug LIKE 'bench-t-%' AND NOT EXISTS (SELECT 1 FROM message m WHERE m.thread_id = t.thread_id)) AS empty,
    (SELECT count(*)::int FROM thread t WHERE slug LIKE 'bench-t-%'
       AND updated_at <> (SELECT max(created_at) FROM message m WHERE m.thread_id = t.thread_id)) AS stale`);
  assert.deepEqual(c, { users: 20, threads: 300, messages: 6000, empty: 0, stale: 0 });
});

test('the same arguments give the same data', async () => {
  const first = await digest();
  const r = gen('--users', '20', '--threads', '300', '--messages', '6000');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /replaced 300 earlier benchmark threads/);
  assert.deepEqual(await digest(), first);
  const other = gen('--users', '20', '--threads', '300', '--messages', '6000', '--seed', '2');
  assert.equal(other.code, 0, other.err);
  assert.notEqual((await digest()).d, first.d);
});

test('--clear removes the benchmark rows and nothing else', async () => {
  const r = gen('--clear');
  assert.equal(r.code, 0, r.err);
  const [c] = await query(env, `SELECT (SELECT count(*)::int FROM message) AS m, (SELECT count(*)::int FROM thread) AS t,
    (SELECT count(*)::int FROM "user") AS u`);
  assert.deepEqual(c, { m: 18, t: 7, u: 4 });
});

test('bad arguments are refused with a message', () => {
  let r = gen('--messages', 'lots');
  assert.equal(r.code, 2);
  assert.match(r.err, /--messages needs a whole number, got 'lots'/);
  r = gen('--threads', '10', '--messages', '5');
  assert.equal(r.code, 2);
  assert.match(r.err, /at least as many messages as threads/);
  const bad = spawnSync(process.execPath, [path.join(BACKEND, 'scripts/gen-dataset.mjs'), '--url', 'postgres://postgres@127.0.0.1:1/masterbots'], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /cannot connect to .*backend\/local db up/);
});
