// backend/hasura/metadata against production's metadata (../shared/reference/masterbots/metadata,
// a copy of Masterbots' apps/hasura/metadata): every table, relationship, permission (columns,
// row filters, check expressions, presets, aggregations, comments) and top-level file is
// production's, except the deviations backend/README.md documents — listed here, each one
// checked to still change something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadMetadata, METADATA_DIR, SHARED } from './helpers.mjs';
import { untracked } from '../../scripts/metadata-spec.mjs';

const REF_DIR = path.join(SHARED, 'reference/masterbots/metadata');
const U = 'X-Hasura-User-Id';
const own = { user_id: { _eq: U } };
const publicApproved = { _and: [{ is_public: { _eq: true } }, { is_approved: { _eq: true } }] };

// backend/README.md, "Permissions: where this project differs from production".
// [table, kind, role, change, the README's point]
const DEVIATIONS = [
  ['user', 'insert', 'user', (p) => { p.columns = p.columns.filter((c) => c !== 'role'); }, '1. a user may not change its own role'],
  ['user', 'update', 'user', (p) => { p.columns = p.columns.filter((c) => c !== 'role'); }, '1. a user may not change its own role'],
  ['thread', 'select', 'anonymous', (p) => { p.filter = publicApproved; }, '3. private threads are private'],
  ['thread', 'select', 'user', (p) => { p.filter = { _or: [own, publicApproved] }; }, '3. private threads are private'],
  ['message', 'select', 'anonymous', (p) => { p.filter = { thread: publicApproved }; }, '3. private threads are private'],
  ['message', 'select', 'user', (p) => { p.filter = { thread: { _or: [own, publicApproved] } }; }, '3. private threads are private'],
];
// Point 2 (one-time tokens only for admin) and the other tables left out are metadata-spec.mjs's
// `untracked` list: those tables, and relationships to them, are absent here.

const tablesOf = (sources) => new Map(sources[0].tables.map((t) => [t.table.name, structuredClone(t)]));
const relTarget = (r) => {
  const u = r.using;
  if (u.manual_configuration) return u.manual_configuration.remote_table.name;
  const fk = u.foreign_key_constraint_on;
  if (fk && typeof fk === 'object' && !Array.isArray(fk)) return fk.table.name;
  return null; // column(s) of this table: the target is tracked here or this table would not be
};
// Columns are a set to Hasura (production lists chatbot_id twice in one permission).
const normalize = (t) => {
  for (const k of Object.keys(t)) {
    if (!k.endsWith('_permissions')) continue;
    t[k] = Object.fromEntries(t[k].map((p) => {
      if (Array.isArray(p.permission.columns)) p.permission.columns = [...new Set(p.permission.columns)].sort();
      return [p.role, p];
    }));
  }
  for (const k of ['object_relationships', 'array_relationships']) {
    if (t[k]) t[k] = Object.fromEntries(t[k].map((r) => [r.name, r]));
  }
  return t;
};

test('tracked tables: production\'s, less the ones left out with a reason', () => {
  const ref = tablesOf(loadMetadata(REF_DIR));
  const ours = tablesOf(loadMetadata(METADATA_DIR));
  assert.deepEqual([...ours.keys()].filter((t) => !ref.has(t)), [], 'tables tracked here that production does not track');
  assert.deepEqual([...ref.keys()].filter((t) => !ours.has(t)).sort(), Object.keys(untracked.tables).sort());
});

test('every tracked table: relationships, permissions and flags are production\'s but for the documented deviations', () => {
  const ref = tablesOf(loadMetadata(REF_DIR));
  const ours = tablesOf(loadMetadata(METADATA_DIR));
  const left = new Set(Object.keys(untracked.tables));
  for (const [name, t] of ref) {
    for (const k of ['object_relationships', 'array_relationships']) {
      if (!t[k]) continue;
      t[k] = t[k].filter((r) => !left.has(relTarget(r)));
      if (!t[k].length) delete t[k];
    }
    for (const [table, kind, role, change, why] of DEVIATIONS) {
      if (table !== name) continue;
      const p = t[`${kind}_permissions`]?.find((x) => x.role === role)?.permission;
      assert.ok(p, `deviation "${why}": production has no ${kind} permission for ${role} on ${table}`);
      const before = JSON.stringify(p);
      change(p);
      assert.notEqual(JSON.stringify(p), before, `deviation "${why}" on ${table} ${kind} ${role} changes nothing (stale)`);
    }
  }
  for (const [name, t] of ours) assert.deepEqual(normalize(t), normalize(ref.get(name)), `table ${name}`);
});

test('source configuration and the top-level metadata files are production\'s', () => {
  const strip = (s) => s.map(({ tables, ...rest }) => rest);
  assert.deepEqual(strip(loadMetadata(METADATA_DIR)), strip(loadMetadata(REF_DIR)));
  const files = fs.readdirSync(REF_DIR).filter((f) => fs.statSync(path.join(REF_DIR, f)).isFile()).sort();
  assert.deepEqual(fs.readdirSync(METADATA_DIR).filter((f) => fs.statSync(path.join(METADATA_DIR, f)).isFile()).sort(), files);
  for (const f of files) {
    const read = (dir) => fs.readFileSync(path.join(dir, f), 'utf8');
    if (f.endsWith('.yaml')) assert.deepEqual(YAML.parse(read(METADATA_DIR)), YAML.parse(read(REF_DIR)), f);
    else assert.equal(read(METADATA_DIR).trim(), read(REF_DIR).trim(), f);
  }
});
