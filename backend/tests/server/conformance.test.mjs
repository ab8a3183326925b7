// Conformance: replays Hasura's recorded fixtures against this server (hasura-default naming,
// stringified numerics as the fixtures were recorded) on fresh databases, and prints passed/total.
import { test, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, post } from './lib/server.mjs';
import { freshDatabase, dropDatabase } from './lib/pg.mjs';
import { fixtureDirs, cases, loadYaml, matches, selectionNames, EXCLUDED, STALE_MESSAGE, MODES, ADMIN_SECRET, FIXTURES } from './lib/fixtures.mjs';

const tally = { passed: 0, total: 0, excluded: [] };
const DB = 'mb_conformance';

async function prepareDb(dir, env) {
  const { url, postgis, enUS } = await freshDatabase(DB);
  const setupText = dir.setups.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  if (!postgis && /geometry|geography/i.test(setupText)) return 'setup needs PostGIS (Debian package postgresql-15-postgis-3), which is not installed';
  if (!enUS && /lc_monetary/i.test(setupText)) return 'setup sets lc_monetary to en_US.utf-8, a locale this machine does not have (Debian package locales)';
  const srv = await startServer({ MB_PG_URL: url, HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET, HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: 'true', MB_NAMING: 'hasura-default', ...env });
  for (const s of dir.setups) {
    const r = await post(`${srv.url}/v1/query`, loadYaml(s), { 'x-hasura-admin-secret': ADMIN_SECRET });
    if (r.status !== 200) { await srv.stop(); throw new Error(`setup ${path.basename(s)} failed: ${r.status} ${r.text}`); }
  }
  return srv;
}

async function runCase(srv, c, mode, rel) {
  const headers = { ...(c.headers || {}) };
  if (mode.adminHeader !== false) headers['x-hasura-admin-secret'] = ADMIN_SECRET;
  const r = await post(`${srv.url}${c.url}`, c.query, headers);
  const compareMessage = !STALE_MESSAGE[rel];
  const expected = c.allowed_responses ? c.allowed_responses.map((x) => x.response) : [c.response];
  const ok = r.status === (c.status ?? 200) && expected.some((e) => matches(r.json, e, compareMessage, selectionNames(c.query)));
  return { ok, got: `${r.status} ${r.text}`, want: `${c.status} ${JSON.stringify(expected[0])}` };
}

for (const dir of fixtureDirs()) {
  for (const file of dir.tests) {
    const rel = path.relative(FIXTURES, file);
    if (path.basename(file) === 'steps.yaml') continue; // subscription steps: subscriptions.test.mjs
    if (EXCLUDED[rel]) { tally.excluded.push([rel, EXCLUDED[rel]]); continue; }
    test(rel, async (t) => {
      const mode = MODES[rel] || {};
      let srv;
      try { srv = await prepareDb(dir, mode.env || {}); } catch (e) { tally.total += 1; throw e; }
      if (typeof srv === 'string') {
        tally.excluded.push([rel, srv]);
        t.skip(srv);
        return;
      }
      tally.total += 1;
      try {
        const list = cases(file);
        const failures = [];
        for (const [i, c] of list.entries()) {
          const r = await runCase(srv, c, mode, rel);
          if (!r.ok) failures.push(`case ${i} (${c.description || ''}):\n  got  ${r.got.slice(0, 1500)}\n  want ${r.want.slice(0, 1500)}`);
        }
        if (failures.length === 0) tally.passed += 1;
        else t.diagnostic(failures.join('\n'));
        if (failures.length) throw new Error(failures.join('\n'));
      } finally {
        await srv.stop();
      }
    });
  }
}

after(async () => {
  await dropDatabase(DB).catch(() => {});
  for (const [f, why] of tally.excluded) console.log(`# excluded ${f}: ${why}`);
  console.log(`# conformance fixtures passed/total: ${tally.passed}/${tally.total} (excluded ${tally.excluded.length})`);
});
