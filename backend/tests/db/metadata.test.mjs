// The metadata against the migrated database (Hasura's inconsistent-objects
// check), and the names graphql-default would expose against Masterbots'
// introspected schema.graphql.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildSchema, isObjectType } from 'graphql';
import { stack, local, query, loadMetadata, camel, pascal, SHARED, BACKEND } from './helpers.mjs';
import { readCatalog } from './pg-catalog.mjs';
import { checkMetadata } from './metadata-check.mjs';
import { untracked } from '../../scripts/metadata-spec.mjs';

const env = stack(1);
let catalog, sources, enumRows;

before(async () => {
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  catalog = await readCatalog(env);
  sources = loadMetadata();
  enumRows = new Map();
  for (const src of sources) {
    for (const t of src.tables) {
      if (!t.is_enum) continue;
      const pk = catalog.get(t.table.name).pk.cols[0];
      enumRows.set(t.table.name, (await query(env, `SELECT "${pk}" AS v FROM public."${t.table.name}"`)).map((x) => x.v));
    }
  }
});
after(() => {
  local(env, 'db', 'down');
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
});

const tracked = () => sources.flatMap((s) => s.tables);
const trackedNames = () => tracked().map((t) => t.table.name);

// --- consistency ---------------------------------------------------------------

test('metadata names the source masterbots and the tables of the issue', () => {
  assert.deepEqual(sources.map((s) => s.name), ['masterbots']);
  assert.deepEqual(trackedNames().sort(), ['category', 'chatbot', 'chatbot_category', 'chatbot_domain', 'complexity_enum',
    'domain_enum', 'length_enum', 'message', 'message_type_enum', 'models', 'models_enum', 'preference', 'prompt',
    'prompt_chatbot', 'prompt_type_enum', 'social_following', 'thread', 'tone_enum', 'type_enum', 'user']);
  assert.deepEqual(tracked().filter((t) => t.is_enum).map((t) => t.table.name), ['models_enum']);
});

test('every table, column, constraint and relationship the metadata names exists (no inconsistent objects)', () => {
  assert.deepEqual(checkMetadata(sources, catalog, enumRows), []);
});

test('the checker reports broken metadata (it can fail)', () => {
  const broken = structuredClone(sources);
  const thread = broken[0].tables.find((t) => t.table.name === 'thread');
  thread.object_relationships.push({ name: 'owner', using: { foreign_key_constraint_on: 'owner_id' } });
  thread.select_permissions[0].permission.columns.push('secret');
  thread.select_permissions[0].permission.filter = { chatbot: { nope: { _eq: 1 } } };
  broken[0].tables.find((t) => t.table.name === 'user').array_relationships
    .push({ name: 'userTokens', using: { foreign_key_constraint_on: { column: 'user_id', table: { name: 'user_token', schema: 'public' } } } });
  broken[0].tables.push({ table: { name: 'token', schema: 'public' } });
  const problems = checkMetadata(broken, catalog, enumRows);
  for (const re of [/thread\.owner: no foreign key on column owner_id/, /thread select anonymous: column secret/,
    /chatbot has no column or relationship nope/, /user\.userTokens: table user_token does not exist/,
    /table token does not exist/]) {
    assert.ok(problems.some((p) => re.test(p)), `expected a problem matching ${re}; got ${JSON.stringify(problems)}`);
  }
  assert.deepEqual(checkMetadata(sources, catalog, new Map([['models_enum', ['openAi', 'bad-value']]]))
    .filter((p) => p.includes('models_enum')), ["models_enum: value 'bad-value' is not a valid GraphQL name"]);
});

test('the committed metadata YAML is what scripts/metadata-spec.mjs gives', () => {
  const r = spawnSync(process.execPath, [path.join(BACKEND, 'scripts/gen-metadata.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the three permission holes of production are closed', () => {
  const t = (n) => tracked().find((x) => x.table.name === n);
  const perm = (n, kind, role) => t(n)[`${kind}_permissions`]?.find((p) => p.role === role)?.permission;
  assert.ok(!perm('user', 'update', 'user').columns.includes('role'), 'user may not change its own role');
  assert.ok(!perm('user', 'insert', 'user').columns.includes('role'), 'user may not choose a role for a new user');
  assert.ok(!trackedNames().includes('token') && !trackedNames().includes('user_token'), 'token tables are not tracked');
  const pub = { _and: [{ is_public: { _eq: true } }, { is_approved: { _eq: true } }] };
  assert.deepEqual(perm('thread', 'select', 'anonymous').filter, pub);
  assert.deepEqual(perm('thread', 'select', 'user').filter, { _or: [{ user_id: { _eq: 'X-Hasura-User-Id' } }, pub] });
  assert.deepEqual(perm('thread', 'select', 'moderator').filter, {});
  assert.deepEqual(perm('message', 'select', 'anonymous').filter, { thread: pub });
  assert.deepEqual(perm('message', 'select', 'user').filter, { thread: { _or: [{ user_id: { _eq: 'X-Hasura-User-Id' } }, pub] } });
  assert.deepEqual(perm('message', 'select', 'moderator').filter, {});
});

// --- names as graphql-default exposes them, against schema.graphql -------------------

// Fields of production that this project leaves out on purpose, with the reason.
const DEVIATIONS = {
  'DomainEnum.category_enums': 'category_enum (ICL taxonomy) is not tracked',
  'DomainEnum.categoryEnumsAggregate': 'category_enum (ICL taxonomy) is not tracked',
  'DomainEnum.tag_enums': 'tag_enum (ICL taxonomy) is not tracked',
  'DomainEnum.tagEnumsAggregate': 'tag_enum (ICL taxonomy) is not tracked',
  'Prompt.users': 'prompt_user (admin only) is not tracked',
  'Prompt.usersAggregate': 'prompt_user (admin only) is not tracked',
  'User.prompts': 'prompt_user (admin only) is not tracked',
  'User.promptsAggregate': 'prompt_user (admin only) is not tracked',
  'User.referrals': 'referral (admin only) is not tracked',
  'User.referralsAggregate': 'referral (admin only) is not tracked',
  'User.referralsByUserId': 'referral (admin only) is not tracked',
  'User.referralsByUserIdAggregate': 'referral (admin only) is not tracked',
  'User.userTokens': 'one-time tokens are left out so that only admin can reach them',
  'User.userTokensAggregate': 'one-time tokens are left out so that only admin can reach them',
};

const schema = buildSchema(fs.readFileSync(path.join(SHARED, 'reference/masterbots/schema.graphql'), 'utf8'));
const SCALARS = { int4: 'Int', int8: 'bigint', text: 'String', varchar: 'String', bpchar: 'String', bool: 'Boolean',
  uuid: 'uuid', timestamptz: 'timestamptz', jsonb: 'jsonb', numeric: 'numeric', user_role: 'user_role', model_type: 'model_type' };

function columnType(tname, col) {
  const c = catalog.get(tname).columns.get(col.name);
  const fk = catalog.get(tname).fks.find((f) => f.cols.length === 1 && f.cols[0] === col.name);
  // Hasura types a column by an enum table only when it references the enum's key.
  const enumTarget = fk && tracked().find((t) => t.is_enum && t.table.name === fk.ref_table
    && catalog.get(fk.ref_table).pk.cols[0] === fk.ref_cols[0]);
  let base = enumTarget ? `${pascal(enumTarget.table.name)}Enum` : SCALARS[c.base_type];
  assert.ok(base, `no GraphQL type known for ${tname}.${col.name} (${c.base_type})`);
  if (c.is_array) base = `[${base}!]`;
  return c.not_null ? `${base}!` : base;
}

function relationshipType(tname, rel, kind) {
  const u = rel.using;
  if (kind === 'array') return `[${pascal(u.foreign_key_constraint_on.table.name)}!]!`;
  if (u.manual_configuration) return pascal(u.manual_configuration.remote_table.name);
  if (typeof u.foreign_key_constraint_on === 'object') return pascal(u.foreign_key_constraint_on.table.name);
  const cat = catalog.get(tname);
  const fk = cat.fks.find((f) => f.cols[0] === u.foreign_key_constraint_on);
  return pascal(fk.ref_table) + (cat.columns.get(fk.cols[0]).not_null ? '!' : '');
}

test('object types: every column and relationship field, with its type, matches schema.graphql', () => {
  const mismatches = [];
  for (const t of tracked()) {
    const tname = t.table.name;
    const type = schema.getType(pascal(tname));
    if (!isObjectType(type)) { mismatches.push(`no type ${pascal(tname)} in schema.graphql`); continue; }
    const ours = new Map();
    for (const col of catalog.get(tname).columns.values()) ours.set(camel(col.name), columnType(tname, col));
    for (const kind of ['object', 'array']) {
      for (const rel of t[`${kind}_relationships`] ?? []) {
        ours.set(rel.name, relationshipType(tname, rel, kind));
        if (kind === 'array') ours.set(`${camel(rel.name)}Aggregate`, `${pascal(rel.using.foreign_key_constraint_on.table.name)}Aggregate!`);
      }
    }
    const theirs = new Map(Object.values(type.getFields()).map((f) => [f.name, String(f.type)]));
    for (const [f, ty] of theirs) {
      const key = `${type.name}.${f}`;
      if (!ours.has(f)) { if (!DEVIATIONS[key]) mismatches.push(`${key}: in schema.graphql, not here`); }
      else if (ours.get(f) !== ty) mismatches.push(`${key}: type ${ours.get(f)} here, ${ty} in schema.graphql`);
    }
    for (const f of ours.keys()) if (!theirs.has(f)) mismatches.push(`${type.name}.${f}: here, not in schema.graphql`);
  }
  assert.deepEqual(mismatches, []);
  for (const key of Object.keys(DEVIATIONS)) {
    const [ty, f] = key.split('.');
    assert.ok(schema.getType(ty)?.getFields()[f], `deviation ${key} is not a field of schema.graphql (stale entry)`);
  }
});

test('table comments give the object type descriptions of schema.graphql', async () => {
  // Hasura describes a table's object type by the table's comment, else by a default text.
  const rows = await query(env, `SELECT c.relname AS t, obj_description(c.oid, 'pg_class') AS d FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`);
  const comment = new Map(rows.map((r) => [r.t, r.d]));
  const problems = [];
  for (const tname of trackedNames()) {
    const ours = comment.get(tname) ?? `columns and relationships of "${tname}"`;
    const theirs = schema.getType(pascal(tname))?.description;
    if (ours !== theirs) problems.push(`${tname}: ${JSON.stringify(ours)} here, ${JSON.stringify(theirs)} in schema.graphql`);
  }
  assert.deepEqual(problems, []);
});

test('root fields (list, aggregate, by-pk with its key arguments, mutations, stream) match schema.graphql', () => {
  const q = schema.getQueryType().getFields();
  const m = schema.getMutationType().getFields();
  const s = schema.getSubscriptionType().getFields();
  const problems = [];
  for (const tname of trackedNames()) {
    const n = camel(tname); const P = pascal(tname);
    const pk = catalog.get(tname).pk;
    const want = [[q, n], [q, `${n}Aggregate`], [s, n], [s, `${n}Aggregate`], [s, `${n}Stream`],
      [m, `insert${P}`], [m, `insert${P}One`], [m, `update${P}`], [m, `update${P}Many`], [m, `delete${P}`]];
    if (pk) want.push([q, `${n}ByPk`], [s, `${n}ByPk`], [m, `update${P}ByPk`], [m, `delete${P}ByPk`]);
    for (const [root, f] of want) if (!root[f]) problems.push(`missing root field ${f}`);
    if (pk) {
      const args = q[`${n}ByPk`]?.args.map((a) => a.name).sort();
      if (JSON.stringify(args) !== JSON.stringify(pk.cols.map(camel).sort())) {
        problems.push(`${n}ByPk: key ${pk.cols.map(camel)} here, ${args} in schema.graphql`);
      }
    } else if (q[`${n}ByPk`]) problems.push(`${n}ByPk exists in schema.graphql but ${tname} has no primary key here`);
  }
  assert.deepEqual(problems, []);
});

test('every production table is tracked here or listed as left out, with a reason', () => {
  const q = schema.getQueryType().getFields();
  const prodTables = Object.keys(q).filter((f) => q[`${f}Aggregate`]);
  const ours = new Set(trackedNames().map(camel));
  const left = new Set(Object.keys(untracked.tables).map(camel));
  assert.deepEqual(prodTables.filter((f) => !ours.has(f) && !left.has(f)), []);
  for (const [t, why] of Object.entries(untracked.tables)) {
    assert.ok(q[camel(t)], `${t} is listed as left out but is not a table of schema.graphql`);
    assert.ok(why.length > 10, `${t} needs a reason`);
  }
});

test('unique constraint names (onConflict values) match the <Table>Constraint enums', () => {
  const problems = [];
  for (const tname of trackedNames()) {
    const ours = catalog.get(tname).uniques.map((u) => u.name).sort();
    const e = schema.getType(`${pascal(tname)}Constraint`);
    const theirs = e ? e.getValues().map((v) => v.name).sort() : [];
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) problems.push(`${tname}: ${ours} here, ${theirs} in schema.graphql`);
  }
  assert.deepEqual(problems, []);
});

test('enum table models_enum gives the values of ModelsEnumEnum', () => {
  const theirs = schema.getType('ModelsEnumEnum').getValues().map((v) => v.name).sort();
  assert.deepEqual(enumRows.get('models_enum').map((v) => v.toUpperCase()).sort(), theirs);
});
