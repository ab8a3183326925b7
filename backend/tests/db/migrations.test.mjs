// Migrations go up, down and up again on a throwaway PostgreSQL; seeds load;
// db up is idempotent; the data behaves as the schema promises (triggers,
// composite keys, named constraints).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { stack, local, query } from './helpers.mjs';
import { fingerprint } from './pg-catalog.mjs';

const env = stack(0);
const counts = async () => Object.fromEntries((await query(env, `
  SELECT 'category' t, count(*)::int n FROM category UNION ALL SELECT 'chatbot', count(*) FROM chatbot
  UNION ALL SELECT 'chatbot_category', count(*) FROM chatbot_category UNION ALL SELECT 'prompt', count(*) FROM prompt
  UNION ALL SELECT 'prompt_chatbot', count(*) FROM prompt_chatbot UNION ALL SELECT 'models', count(*) FROM models
  UNION ALL SELECT 'models_enum', count(*) FROM models_enum UNION ALL SELECT 'user', count(*) FROM "user"
  UNION ALL SELECT 'thread', count(*) FROM thread UNION ALL SELECT 'message', count(*) FROM message
  UNION ALL SELECT 'complexity_enum', count(*) FROM complexity_enum UNION ALL SELECT 'type_enum', count(*) FROM type_enum
  UNION ALL SELECT 'chatbot_domain', count(*) FROM chatbot_domain`)).map((r) => [r.t, Number(r.n)]));

before(() => {
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
});
after(() => {
  local(env, 'db', 'down');
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
});

let firstPrint, firstCounts;

test('db up on a fresh state folder migrates, seeds and prints the URL', async () => {
  const v = await query(env, 'SELECT version() AS v');
  assert.match(v[0].v, /^PostgreSQL 15\./, 'the suite targets PostgreSQL 15');
  firstPrint = await fingerprint(env);
  firstCounts = await counts();
  assert.deepEqual(firstCounts, {
    category: 12, chatbot: 38, chatbot_category: 38, prompt: 37, prompt_chatbot: 66, models: 17, models_enum: 17,
    user: 4, thread: 7, message: 18, complexity_enum: 4, type_enum: 5, chatbot_domain: 38,
  });
  const url = local(env, 'db', 'url');
  assert.equal(url.out.trim(), `postgres://postgres@127.0.0.1:${env.MB_PG_PORT}/masterbots`);
});

test('db up a second time changes nothing', async () => {
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /already running/);
  assert.match(r.out, /migrations: up to date/);
  assert.match(r.out, /seeds: up to date/);
  assert.deepEqual(await counts(), firstCounts);
});

test('all migrations go down, leaving no table, type or function behind', async () => {
  const r = local(env, 'db', 'rollback', 'all');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /rolled back 6 migration/);
  const left = await query(env, `
    SELECT relname AS x FROM pg_class WHERE relnamespace = 'public'::regnamespace
    UNION ALL SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace
    UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace`);
  assert.deepEqual(left, []);
});

test('migrations go up again to the identical schema and the seeds load again', async () => {
  let r = local(env, 'db', 'migrate');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /applied 6 migration/);
  r = local(env, 'db', 'seed');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /loaded 2 seed file/);
  assert.deepEqual(await fingerprint(env), firstPrint);
  assert.deepEqual(await counts(), firstCounts);
});

test('partial rollback and re-apply', async () => {
  let r = local(env, 'db', 'rollback', '2');
  assert.equal(r.code, 0, r.all);
  assert.deepEqual((await query(env, "SELECT to_regclass('public.thread') AS t, to_regclass('public.chatbot') AS c"))
    .map((x) => [x.t, x.c]), [[null, 'chatbot']]);
  r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  assert.deepEqual(await fingerprint(env), firstPrint);
  assert.deepEqual(await counts(), firstCounts);
});

test('reset drops the data and rebuilds from migrations and seeds', async () => {
  await query(env, "INSERT INTO category (name) VALUES ('Reset me')");
  const r = local(env, 'db', 'reset');
  assert.equal(r.code, 0, r.all);
  assert.deepEqual(await query(env, "SELECT 1 FROM category WHERE name = 'Reset me'"), []);
  assert.deepEqual(await counts(), firstCounts);
});

test('a message insert, update and delete bump thread.updated_at', async () => {
  const t = '00000000-0000-4000-b000-000000000004';
  const at = async () => (await query(env, 'SELECT updated_at FROM thread WHERE thread_id = $1', [t]))[0].updated_at;
  const t0 = await at();
  await query(env, "INSERT INTO message (message_id, thread_id, slug, role, content) VALUES ('00000000-0000-4000-c000-0000000000f1', $1, 'trigger-test', 'user', 'hi')", [t]);
  const t1 = await at();
  assert.ok(t1 > t0, 'insert bumps updated_at');
  await query(env, "UPDATE thread SET updated_at = '2020-01-01' WHERE thread_id = $1", [t]);
  await query(env, "UPDATE message SET content = 'hello' WHERE slug = 'trigger-test'");
  assert.ok((await at()) > new Date('2021-01-01'), 'update bumps updated_at');
  await query(env, "UPDATE thread SET updated_at = '2020-01-01' WHERE thread_id = $1", [t]);
  await query(env, "DELETE FROM message WHERE slug = 'trigger-test'");
  assert.ok((await at()) > new Date('2021-01-01'), 'delete bumps updated_at');
});

test('composite primary keys and named unique constraints hold', async () => {
  const pk = await query(env, `
    SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conname IN ('thread_pkey', 'message_pkey') ORDER BY 1`);
  assert.deepEqual(pk.map((r) => [r.t, r.def]),
    [['message', 'PRIMARY KEY (message_id, slug)'], ['thread', 'PRIMARY KEY (thread_id, slug)']]);
  await assert.rejects(query(env,
    "INSERT INTO thread (chatbot_id, slug) VALUES (1, 'sleep-better-after-night-shifts')"), /thread_slug_unique/);
  await assert.rejects(query(env,
    "INSERT INTO message (thread_id, slug, role, content) VALUES (NULL, 'x1', 'nobody', 'x')"), /message_type_fkey/);
  const r = await query(env, `INSERT INTO "user" (username, email, password, slug) VALUES ('erin', 'erin@example.com', 'x', 'erin')
    ON CONFLICT ON CONSTRAINT user_email_key DO UPDATE SET profile_picture = 'p' RETURNING role, pro_user_subscription_id`);
  assert.deepEqual(r, [{ role: 'user', pro_user_subscription_id: '' }]);
  const th = await query(env, "INSERT INTO thread (chatbot_id, slug) VALUES (1, 'defaults') RETURNING model, is_public, is_approved");
  assert.deepEqual(th, [{ model: 'openAi', is_public: false, is_approved: false }]);
  await query(env, "DELETE FROM thread WHERE slug = 'defaults'");
});

test('deleting a thread deletes its messages (ON DELETE CASCADE)', async () => {
  const t = '00000000-0000-4000-b000-000000000007';
  await query(env, 'DELETE FROM thread WHERE thread_id = $1', [t]);
  assert.deepEqual(await query(env, 'SELECT 1 FROM message WHERE thread_id = $1', [t]), []);
});

test('a migration file that changed after it was applied is reported (reset rebuilds)', async () => {
  await query(env, "UPDATE mb_local.schema_migrations SET checksum = 'not-the-file' WHERE version = 1700000000004");
  let r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  assert.match(r.err, /migration 1700000000004_catalogue changed after it was applied here; run 'backend\/local db reset'/);
  r = local(env, 'db', 'reset');
  assert.equal(r.code, 0, r.all);
  r = local(env, 'db', 'up');
  assert.equal(r.err, '');
});
