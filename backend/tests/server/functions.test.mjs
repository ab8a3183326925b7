// Tracked functions and computed fields on the fixture schema of graphql_query/permissions
// (search_tracks, passed_students, get_articles, student_total_marks), checked against SQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import pg from 'pg';
import { startServer, post } from './lib/server.mjs';
import { freshDatabase, dropDatabase } from './lib/pg.mjs';
import { FIXTURES, ADMIN_SECRET, loadYaml } from './lib/fixtures.mjs';

const DB = 'mb_functions';
let srv; let url;
before(async () => {
  ({ url } = await freshDatabase(DB));
  srv = await startServer({ MB_PG_URL: url, HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET });
  const r = await post(`${srv.url}/v1/query`, loadYaml(path.join(FIXTURES, 'graphql_query/permissions/setup.yaml')), { 'x-hasura-admin-secret': ADMIN_SECRET });
  assert.equal(r.status, 200, r.text);
});
after(async () => { await srv?.stop(); await dropDatabase(DB).catch(() => {}); });

const gql = (query, headers = {}) => post(`${srv.url}/v1/graphql`, { query }, { 'x-hasura-admin-secret': ADMIN_SECRET, ...headers }).then((r) => r.json);
async function sql(text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text, params)).rows; } finally { await c.end(); }
}

test('a tracked set-returning function is a root field with args, where, order_by, limit and _aggregate', async () => {
  const r = await gql('{ search_tracks(args: {search: "a"}, order_by: {id: desc}) { id name } search_tracks_aggregate(args: {search: "a"}) { aggregate { count } } }');
  const want = await sql('SELECT id, name FROM "Track" WHERE name ILIKE $1 ORDER BY id DESC', ['%a%']);
  assert.deepEqual(r.data.search_tracks, want);
  assert.equal(r.data.search_tracks_aggregate.aggregate.count, want.length);
  const missing = await gql('{ search_tracks { id } }');
  assert.deepEqual(missing.errors[0], { message: "missing required field 'args'", extensions: { path: '$.selectionSet.search_tracks', code: 'validation-failed' } });
});

test('a function argument given a variable that is null or left out is NULL (Execute/Resolve.hs: an omitted nullable variable is null)', async () => {
  const want = await sql('SELECT id FROM search_tracks(NULL) ORDER BY id');
  for (const variables of [{}, { s: null }]) {
    const r = await post(`${srv.url}/v1/graphql`, { query: 'query ($s: String) { search_tracks(args: {search: $s}, order_by: {id: asc}) { id } }', variables }, { 'x-hasura-admin-secret': ADMIN_SECRET }).then((x) => x.json);
    assert.deepEqual(r, { data: { search_tracks: want } });
  }
});

test('a function follows the returned table\'s select permission for a role', async () => {
  const r = await gql('{ passed_students(args: {pass_gpa: 3.5}, order_by: {id: asc}) { id student_name } }', { 'x-hasura-role': 'staff' });
  const want = await sql('SELECT id, student_name FROM gpa WHERE gpa_score >= 3.5 ORDER BY id');
  assert.deepEqual(r.data.passed_students, want);
  const hidden = await gql('{ passed_students(args: {pass_gpa: 3.5}) { gpa_score } }', { 'x-hasura-role': 'staff' });
  assert.equal(hidden.errors[0].extensions.code, 'validation-failed');
});

test('computed fields: scalar and table-returning, also inside a permission filter', async () => {
  const r = await gql('{ student_marks(order_by: {id: asc}) { id total_marks } author(order_by: {id: asc}) { id get_articles(order_by: {id: asc}) { id } } }');
  const marks = await sql('SELECT id, physics + chemistry + mathematics AS total_marks FROM student_marks ORDER BY id');
  assert.deepEqual(r.data.student_marks, marks);
  for (const a of r.data.author) {
    const arts = await sql('SELECT id FROM article WHERE author_id = $1 ORDER BY id', [a.id]);
    assert.deepEqual(a.get_articles, arts);
  }
  // role reader: filter {get_articles: {is_published: true}} goes through the function
  const reader = await gql('{ author { name } }', { 'x-hasura-role': 'reader' });
  const want = await sql('SELECT name FROM author a WHERE EXISTS (SELECT 1 FROM article WHERE author_id = a.id AND is_published) ORDER BY name');
  assert.deepEqual(reader.data.author.map((x) => x.name).sort(), want.map((x) => x.name).sort());
});

test('table configuration: custom_column_names, column_config and custom_root_fields', async () => {
  const bulk = { type: 'bulk', args: [
    { type: 'run_sql', args: { sql: 'CREATE TABLE cfg_t (id serial PRIMARY KEY, first_name text, last_name text); INSERT INTO cfg_t (first_name, last_name) VALUES (\'a\', \'b\');' } },
    { type: 'track_table', version: 2, args: { table: { schema: 'public', name: 'cfg_t' }, configuration: {
      custom_column_names: { first_name: 'given' }, column_config: { last_name: { custom_name: 'family' } },
      custom_root_fields: { select: 'people', select_by_pk: { name: 'person' }, insert_one: 'addPerson' } } } },
  ] };
  const r = await post(`${srv.url}/v1/query`, bulk, { 'x-hasura-admin-secret': ADMIN_SECRET });
  assert.equal(r.status, 200, r.text);
  const q = await gql('{ people(where: {given: {_eq: "a"}}, order_by: {family: asc}) { id given family } person(id: 1) { given } }');
  assert.deepEqual(q.data, { people: [{ id: 1, given: 'a', family: 'b' }], person: { given: 'a' } });
  const m = await gql('mutation { addPerson(object: {given: "c", family: "d"}) { given family } }');
  assert.deepEqual(m.data, { addPerson: { given: 'c', family: 'd' } });
  assert.equal((await gql('{ cfg_t { id } }')).errors[0].extensions.code, 'validation-failed');
});

test('/v1/metadata: pg_* operations and export_metadata', async () => {
  const h = { 'x-hasura-admin-secret': ADMIN_SECRET };
  assert.equal((await post(`${srv.url}/v2/query`, { type: 'run_sql', args: { sql: 'CREATE TABLE md_t (id int PRIMARY KEY)' } }, h)).status, 200);
  const r = await post(`${srv.url}/v1/metadata`, { type: 'bulk', args: [
    { type: 'pg_track_table', args: { source: 'default', table: 'md_t' } },
    { type: 'pg_create_select_permission', args: { source: 'default', table: 'md_t', role: 'viewer', permission: { columns: ['id'], filter: {} } } },
  ] }, h);
  assert.equal(r.status, 200, r.text);
  const ex = await post(`${srv.url}/v1/metadata`, { type: 'export_metadata', args: {} }, h);
  const tables = ex.json.sources[0].tables;
  const md = tables.find((t) => t.table.name === 'md_t');
  assert.deepEqual(md, { table: { schema: 'public', name: 'md_t' }, select_permissions: [{ role: 'viewer', permission: { columns: ['id'], filter: {} } }] });
  assert.deepEqual(tables.find((t) => t.table.name === 'cfg_t').configuration.custom_root_fields.select, 'people');
  assert.equal((await post(`${srv.url}/v1/metadata`, { type: 'run_sql', args: { sql: 'select 1' } }, h)).status, 400);
  assert.deepEqual((await gql('{ md_t { id } }', { 'x-hasura-role': 'viewer' })).data, { md_t: [] });
});

test('insert permission without `columns` allows every column; its check uses the session', async () => {
  const h = { 'x-hasura-role': 'user', 'x-hasura-user-id': '1' };
  const ok = await gql('mutation { insert_article(objects: [{title: "mine", author_id: 1}]) { affected_rows } }', h);
  assert.deepEqual(ok.data, { insert_article: { affected_rows: 1 } });
  const no = await gql('mutation { insert_article(objects: [{title: "theirs", author_id: 2}]) { affected_rows } }', h);
  assert.deepEqual(no, { errors: [{ message: 'check constraint of an insert/update permission has failed', extensions: { path: '$', code: 'permission-error' } }] });
  assert.deepEqual(await sql("SELECT count(*)::int AS n FROM article WHERE title = 'theirs'"), [{ n: 0 }]);
});
