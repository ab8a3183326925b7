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
  assert.match(r.out, /rolled back 8 migration/);
  const left = await query(env, `
    SELECT relname AS x FROM pg_class WHERE relnamespace = 'public'::regnamespace
    UNION ALL SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace
    UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace`);
  assert.deepEqual(left, []);
});

test('migrations go up again to the identical schema and the seeds load again', async () => {
  let r = local(env, 'db', 'migrate');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /applied 8 migration/);
  r = local(env, 'db', 'seed');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /loaded 2 seed file/);
  assert.deepEqual(await fingerprint(env), firstPrint);
  assert.deepEqual(await counts(), firstCounts);
});

test('partial rollback and re-apply', async () => {
  let r = local(env, 'db', 'rollback', '4');
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

// Production's foreign keys (names and actions) as its introspected schema gives them
// (bitcashorg/masterbots, packages/mb-drizzle): preference keeps the names of its former
// table user_chatbot_preference, nothing cascades but message.thread_id and models.model,
// and NO ACTION where production has no action. The names appear in Hasura's
// "Foreign key violation" messages; the actions decide what an admin delete may remove.
const PRODUCTION_FKS = [
  'chatbot chatbot_default_complexity_fkey FOREIGN KEY (default_complexity) REFERENCES complexity_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'chatbot chatbot_default_length_fkey FOREIGN KEY (default_length) REFERENCES length_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'chatbot chatbot_default_tone_fkey FOREIGN KEY (default_tone) REFERENCES tone_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'chatbot chatbot_default_type_fkey FOREIGN KEY (default_type) REFERENCES type_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'chatbot_category chatbot_category_category_id_fkey FOREIGN KEY (category_id) REFERENCES category(category_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'chatbot_category chatbot_category_chatbot_id_fkey FOREIGN KEY (chatbot_id) REFERENCES chatbot(chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'chatbot_domain chatbot_domain_chatbot_id_fkey FOREIGN KEY (chatbot_id) REFERENCES chatbot(chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'chatbot_domain chatbot_domain_domain_name_fkey FOREIGN KEY (domain_name) REFERENCES domain_enum(name) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'message message_augmented_from_fkey FOREIGN KEY (augmented_from) REFERENCES message(message_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'message message_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES thread(thread_id) ON UPDATE RESTRICT ON DELETE CASCADE',
  'message message_type_fkey FOREIGN KEY (role) REFERENCES message_type_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'models models_model_fkey FOREIGN KEY (model) REFERENCES models_enum(value) ON UPDATE CASCADE ON DELETE CASCADE',
  'preference user_chatbot_preference_chatbot_id_fkey FOREIGN KEY (chatbot_id) REFERENCES chatbot(chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'preference user_chatbot_preference_preferred_complexity_fkey FOREIGN KEY (preferred_complexity) REFERENCES complexity_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'preference user_chatbot_preference_preferred_length_fkey FOREIGN KEY (preferred_length) REFERENCES length_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'preference user_chatbot_preference_preferred_tone_fkey FOREIGN KEY (preferred_tone) REFERENCES tone_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'preference user_chatbot_preference_preferred_type_fkey FOREIGN KEY (preferred_type) REFERENCES type_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'preference user_chatbot_preference_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(user_id)',
  'prompt prompt_type_fkey FOREIGN KEY (type) REFERENCES prompt_type_enum(value) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'prompt_chatbot prompt_chatbot_chabot_id_fkey FOREIGN KEY (chabot_id) REFERENCES chatbot(chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'prompt_chatbot prompt_chatbot_prompt_id_fkey FOREIGN KEY (prompt_id) REFERENCES prompt(prompt_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'social_following social_following_followee_id_chatbot_fkey FOREIGN KEY (followee_id_chatbot) REFERENCES chatbot(chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'social_following social_following_followee_id_fkey FOREIGN KEY (followee_id) REFERENCES "user"(user_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'social_following social_following_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES "user"(user_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'thread fk_model FOREIGN KEY (model) REFERENCES models_enum(name)',
  'thread thread_chatbot_id_fkey FOREIGN KEY (chatbot_id) REFERENCES chatbot(chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'thread thread_parent_thread_id_fkey FOREIGN KEY (parent_thread_id) REFERENCES thread(thread_id) ON UPDATE RESTRICT ON DELETE RESTRICT',
  'thread thread_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(user_id)',
];

test('foreign keys have production\'s names and ON UPDATE / ON DELETE actions', async () => {
  const fks = await query(env, `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS x
    FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1`);
  assert.deepEqual(fks.map((r) => r.x), PRODUCTION_FKS);
});

test('as in production, a message that another was augmented from is deleted only together with it', async () => {
  const t = '00000000-0000-4000-b000-000000000004';
  const [m1, m2] = ['00000000-0000-4000-c000-0000000000e1', '00000000-0000-4000-c000-0000000000e2'];
  await query(env, `INSERT INTO message (message_id, thread_id, slug, role, content) VALUES ($1, $2, 'aug-1', 'user', 'q')`, [m1, t]);
  await query(env, `INSERT INTO message (message_id, thread_id, slug, role, content, augmented_from)
    VALUES ($1, $2, 'aug-2', 'assistant', 'a', $3)`, [m2, t, m1]);
  await assert.rejects(query(env, 'DELETE FROM message WHERE message_id = $1', [m1]), /message_augmented_from_fkey/);
  assert.deepEqual(await query(env, 'SELECT augmented_from FROM message WHERE message_id = $1', [m2]), [{ augmented_from: m1 }]);
  await query(env, 'DELETE FROM message WHERE message_id = ANY($1::uuid[])', [[m1, m2]]);
  assert.deepEqual(await query(env, 'SELECT 1 FROM message WHERE message_id = ANY($1::uuid[])', [[m1, m2]]), []);
});

test('as in production, a user with a preference or follows cannot be deleted before them', async () => {
  const bob = '00000000-0000-4000-a000-000000000002';
  await query(env, 'DELETE FROM thread WHERE user_id = $1', [bob]);
  await assert.rejects(query(env, 'DELETE FROM "user" WHERE user_id = $1', [bob]), /user_chatbot_preference_user_id_fkey|social_following_\w+_fkey/);
  await query(env, 'DELETE FROM preference WHERE user_id = $1', [bob]);
  await assert.rejects(query(env, 'DELETE FROM "user" WHERE user_id = $1', [bob]), /social_following_follow(er|ee)_id_fkey/);
  await query(env, 'DELETE FROM social_following WHERE $1 IN (follower_id, followee_id)', [bob]);
  await query(env, 'DELETE FROM "user" WHERE user_id = $1', [bob]);
  assert.deepEqual(await query(env, 'SELECT 1 FROM "user" WHERE user_id = $1', [bob]), []);
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
