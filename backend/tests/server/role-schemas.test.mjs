// The schema each Masterbots role is served (anonymous, user, moderator), derived field by field
// from the permissions in backend/hasura/metadata by Hasura's rules (30-backend-db checks that
// metadata against production's): a table's root fields exist for a role only with a select
// permission, *ByPk only when every key column is selectable, *Aggregate (and a relationship's
// …Aggregate field) only with allow_aggregations; object types show the permitted columns and the
// relationships to tables the role may read; insert inputs the insert columns less the presets,
// plus relationships to tables the role may insert into; _set inputs the update columns;
// insertTOne and the *ByPk mutations need the select permission too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, getNamedType } from 'graphql';
import { startMasterbots, client, mintToken, USERS } from './lib/masterbots.mjs';
import { REPO } from './lib/fixtures.mjs';
import { loadMetadataDir } from '../../server/metadata.mjs';
import { camel, pascal } from '../../server/naming.mjs';

let srv;
const schemas = {};
before(async () => {
  srv = await startMasterbots();
  const who = {
    admin: { admin: true },
    anonymous: {},
    user: { token: await mintToken({ user: USERS.alice }) },
    moderator: { token: await mintToken({ user: USERS.carol, role: 'moderator' }) },
  };
  for (const [role, w] of Object.entries(who)) {
    const r = await client(srv, w)(getIntrospectionQuery());
    assert.ok(r.data, `${role}: ${JSON.stringify(r).slice(0, 300)}`);
    schemas[role] = buildClientSchema(r.data);
  }
});
after(async () => { await srv?.stop(); });

const tables = () => [...loadMetadataDir(path.join(REPO, 'backend/hasura/metadata')).tables.values()];
const nameOf = (t) => (typeof t.table === 'string' ? t.table : t.table.name);
const perm = (t, kind, role) => t?.[`${kind}_permissions`]?.find((p) => p.role === role)?.permission;
const fieldNames = (type) => (type ? Object.keys(type.getFields()).sort() : null);

function expected(role) {
  const admin = schemas.admin;
  const byType = new Map(tables().map((t) => [pascal(nameOf(t)), t]));
  const q = new Set(); const s = new Set(); const m = new Set(); const types = {};
  for (const t of tables()) {
    const n = camel(nameOf(t)); const P = pascal(nameOf(t));
    const sel = perm(t, 'select', role); const ins = perm(t, 'insert', role);
    const upd = perm(t, 'update', role); const del = perm(t, 'delete', role);
    const pk = admin.getQueryType().getFields()[`${n}ByPk`]?.args.map((a) => a.name);
    const pkOk = sel && pk && pk.every((c) => sel.columns.map(camel).includes(c));
    if (sel) { q.add(n); s.add(n); s.add(`${n}Stream`); }
    if (pkOk) { q.add(`${n}ByPk`); s.add(`${n}ByPk`); }
    if (sel?.allow_aggregations) { q.add(`${n}Aggregate`); s.add(`${n}Aggregate`); }
    if (ins) { m.add(`insert${P}`); if (sel) m.add(`insert${P}One`); }
    if (upd) { m.add(`update${P}`); m.add(`update${P}Many`); if (pkOk) m.add(`update${P}ByPk`); }
    if (del) { m.add(`delete${P}`); if (pkOk) m.add(`delete${P}ByPk`); }

    // relationships as admin sees them: name -> [target table, array?]
    const rels = [...(t.object_relationships ?? []), ...(t.array_relationships ?? [])].map((r) => {
      const f = admin.getType(P).getFields()[r.name];
      return [r.name, byType.get(getNamedType(f.type).name), (t.array_relationships ?? []).includes(r)];
    });
    if (sel) {
      const fields = sel.columns.map(camel);
      for (const [name, target, isArray] of rels) {
        const tsel = perm(target, 'select', role);
        if (tsel) fields.push(name);
        if (tsel?.allow_aggregations && isArray) fields.push(`${name}Aggregate`);
      }
      types[P] = fields.sort();
      types[`${P}SelectColumn`] = sel.columns.map(camel).sort();
    }
    if (ins) {
      const fields = ins.columns.filter((c) => !(c in (ins.set ?? {}))).map(camel);
      for (const [name, target] of rels) if (perm(target, 'insert', role)) fields.push(name);
      types[`${P}InsertInput`] = fields.sort();
    }
    if (upd) types[`${P}SetInput`] = upd.columns.filter((c) => !(c in (upd.set ?? {}))).map(camel).sort();
  }
  return { q: [...q].sort(), s: [...s].sort(), m: [...m].sort(), types };
}

for (const role of ['anonymous', 'user', 'moderator']) {
  test(`${role}: root fields and per-table types follow the role's permissions`, () => {
    const want = expected(role);
    const sch = schemas[role];
    assert.deepEqual(fieldNames(sch.getQueryType()), want.q, 'query_root');
    assert.deepEqual(fieldNames(sch.getSubscriptionType()), want.s, 'subscription_root');
    assert.deepEqual(fieldNames(sch.getMutationType()) ?? [], want.m, 'mutation_root');
    for (const [name, fields] of Object.entries(want.types)) {
      const ty = sch.getType(name);
      assert.ok(ty, `${role}: type ${name} missing`);
      const have = typeof ty.getFields === 'function' ? fieldNames(ty) : ty.getValues().map((v) => v.name).sort();
      assert.deepEqual(have, fields, `${role}: ${name}`);
    }
  });
}

test('the roles differ where production\'s permissions say so (spot checks)', () => {
  const f = (role, type) => fieldNames(schemas[role].getType(type)) ?? [];
  // chatbot_domain: aggregations for user and moderator, not for anonymous
  assert.ok(!f('anonymous', 'query_root').includes('chatbotDomainAggregate'));
  assert.ok(!f('anonymous', 'Chatbot').includes('metadataAggregate'));
  assert.ok(f('user', 'Chatbot').includes('metadataAggregate'));
  // user rows: anonymous reads neither getFreeMonth nor isBlocked; nobody but admin reads password or promoCode
  assert.ok(!f('anonymous', 'User').includes('isBlocked') && f('user', 'User').includes('isBlocked'));
  for (const role of ['anonymous', 'user', 'moderator']) {
    assert.ok(!f(role, 'User').includes('password') && !f(role, 'User').includes('promoCode'), role);
  }
  // social_following: the user role does not see createdAt
  assert.ok(f('anonymous', 'SocialFollowing').includes('createdAt') && !f('user', 'SocialFollowing').includes('createdAt'));
  // thread: the user id comes from the preset; isApproved is the moderator's to set
  assert.ok(!f('user', 'ThreadInsertInput').includes('userId'));
  assert.ok(!f('user', 'ThreadSetInput').includes('isApproved') && f('moderator', 'ThreadSetInput').includes('isApproved'));
  // anonymous has no mutations at all
  assert.ok(!schemas.anonymous.getMutationType());
});
