// The Masterbots operations of SCHEMA.md §5, run against the seeded database as anonymous,
// user, moderator and admin. Expected answers come from plain SQL on the same database and
// from the permissions in backend/hasura/metadata; denials must have Hasura's shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startMasterbots, client, mintToken, sql, USERS } from './lib/masterbots.mjs';

let srv; let anon; let alice; let bob; let carol; let admin;
const NEW_THREAD = '00000000-0000-4000-b000-0000000000f1';
const NEW_MSG = '00000000-0000-4000-c000-0000000000f1';

before(async () => {
  srv = await startMasterbots();
  anon = client(srv, {});
  alice = client(srv, { token: await mintToken({ user: USERS.alice }) });
  bob = client(srv, { token: await mintToken({ user: USERS.bob }) });
  carol = client(srv, { token: await mintToken({ user: USERS.carol, role: 'moderator' }) });
  admin = client(srv, { admin: true });
});
after(async () => {
  await sql('DELETE FROM message WHERE message_id = $1 OR slug LIKE $2', [NEW_MSG, 'mb-test-aug-%']);
  await sql('DELETE FROM thread WHERE thread_id = $1', [NEW_THREAD]);
  await sql('DELETE FROM social_following WHERE follower_id = $1 AND followee_id = $2', [USERS.dave, USERS.bob]);
  await srv?.stop();
});

const code = (r) => r.errors?.[0]?.extensions?.code;
const ids = (rows, k) => rows.map((x) => x[k]);
const VISIBLE_TO = (uid) => `(is_public AND is_approved)${uid ? ` OR user_id = '${uid}'` : ''}`;

test('getCategories (anonymous): categories in order with their chatbots', async () => {
  const r = await anon(`query { category(orderBy: [{order: ASC}]) { categoryId name
    chatbots(orderBy: [{chatbot: {order: ASC}}]) { categoryId chatbotId chatbot { chatbotId name followers { followerId } metadata { domainName } } } } }`);
  assert.ok(r.data, JSON.stringify(r));
  const cats = await sql('SELECT category_id, name FROM category ORDER BY "order"');
  assert.deepEqual(r.data.category.map((c) => [c.categoryId, c.name]), cats.map((c) => [c.category_id, c.name]));
  const first = r.data.category[0];
  const bots = await sql('SELECT cc.chatbot_id FROM chatbot_category cc JOIN chatbot c USING (chatbot_id) WHERE cc.category_id = $1 ORDER BY c."order"', [first.categoryId]);
  assert.deepEqual(first.chatbots.map((b) => b.chatbot.chatbotId), ids(bots, 'chatbot_id'));
  assert.deepEqual(Object.keys(first.chatbots[0]), ['categoryId', 'chatbotId', 'chatbot'], 'keys in selection order');
});

test('getChatbots (anonymous): limit, offset and a category filter through a relationship', async () => {
  const q = `query ($limit: Int, $offset: Int, $categoryId: Int) { chatbot(limit: $limit, offset: $offset,
    where: {categories: {categoryId: {_eq: $categoryId}}}, orderBy: [{order: ASC}]) {
    chatbotId name threads { threadId } categories { categoryId category { name } } metadata { domainName } } }`;
  const r = await anon(q, { limit: 2, offset: 1, categoryId: 1 });
  const want = await sql(`SELECT chatbot_id FROM chatbot c WHERE EXISTS (SELECT 1 FROM chatbot_category cc WHERE cc.chatbot_id = c.chatbot_id AND cc.category_id = 1)
    ORDER BY "order" LIMIT 2 OFFSET 1`);
  assert.deepEqual(ids(r.data.chatbot, 'chatbotId'), ids(want, 'chatbot_id'));
  // nested threads obey the anonymous thread filter (public and approved only)
  const bot = r.data.chatbot[0];
  const threads = await sql(`SELECT thread_id FROM thread WHERE chatbot_id = $1 AND ${VISIBLE_TO(null)}`, [bot.chatbotId]);
  assert.deepEqual(new Set(ids(bot.threads, 'threadId')), new Set(ids(threads, 'thread_id')));
});

test('where with _eq/_neq null is an error (Hasura v2 without boolean null collapse); _isNull compares with NULL', async () => {
  const q = (w) => anon(`{ chatbotAggregate(where: ${w}) { aggregate { count } } }`);
  const [{ nulls, notnulls }] = await sql('SELECT count(*) FILTER (WHERE default_tone IS NULL)::int AS nulls, count(*) FILTER (WHERE default_tone IS NOT NULL)::int AS notnulls FROM chatbot');
  for (const op of ['_eq', '_neq']) {
    assert.deepEqual(await q(`{defaultTone: {${op}: null}}`), { errors: [{ message: "unexpected null value for type 'String'", extensions: { path: `$.selectionSet.chatbotAggregate.args.where.defaultTone.${op}`, code: 'validation-failed' } }] });
  }
  assert.equal((await q('{defaultTone: {_isNull: true}}')).data.chatbotAggregate.aggregate.count, nulls);
  assert.equal((await q('{defaultTone: {_isNull: false}}')).data.chatbotAggregate.aggregate.count, notnulls);
});

test('chatbotAggregate: count as anonymous equals the table count', async () => {
  const r = await anon('{ chatbotAggregate { aggregate { count } } }');
  const [{ n }] = await sql('SELECT count(*)::int AS n FROM chatbot');
  assert.equal(r.data.chatbotAggregate.aggregate.count, n);
});

test('getThreads: each role sees the rows its filter allows, with threadAggregate', async () => {
  const q = `query ($limit: Int) { thread(orderBy: [{updatedAt: DESC}], limit: $limit) { threadId isPublic isApproved userId
      chatbot { name } messages(orderBy: [{createdAt: ASC}], limit: 2) { messageId content } user { username slug } }
    threadAggregate { aggregate { count } } }`;
  for (const [who, c, uid, all] of [['anonymous', anon, null, false], ['alice', alice, USERS.alice, false], ['carol (moderator)', carol, USERS.carol, true]]) {
    const r = await c(q, { limit: 20 });
    assert.ok(r.data, `${who}: ${JSON.stringify(r)}`);
    const want = await sql(`SELECT thread_id FROM thread WHERE ${all ? 'true' : VISIBLE_TO(uid)} ORDER BY updated_at DESC`);
    assert.deepEqual(ids(r.data.thread, 'threadId'), ids(want, 'thread_id'), who);
    assert.equal(r.data.threadAggregate.aggregate.count, want.length, who);
  }
});

test('getThread: a private thread is visible to its owner only; user fields follow column permissions', async () => {
  const [priv] = await sql('SELECT thread_id, user_id FROM thread WHERE NOT is_public ORDER BY thread_id LIMIT 1');
  const owner = priv.user_id === USERS.alice ? alice : bob;
  const other = priv.user_id === USERS.alice ? bob : alice;
  const q = 'query ($id: uuid!) { thread(where: {threadId: {_eq: $id}}) { threadId slug messages(orderBy: [{createdAt: ASC}]) { role content } } }';
  assert.equal((await owner(q, { id: priv.thread_id })).data.thread.length, 1);
  assert.equal((await other(q, { id: priv.thread_id })).data.thread.length, 0);
  assert.equal((await anon(q, { id: priv.thread_id })).data.thread.length, 0);
  assert.equal((await admin(q, { id: priv.thread_id })).data.thread.length, 1);
});

test('getMessages: messages of a thread, filtered through the thread relationship', async () => {
  const [t] = await sql('SELECT thread_id FROM thread WHERE NOT is_public AND user_id = $1 LIMIT 1', [USERS.alice]);
  const q = 'query ($id: uuid!) { message(where: {threadId: {_eq: $id}}, orderBy: [{createdAt: ASC}]) { messageId threadId role content createdAt } }';
  const want = await sql('SELECT message_id FROM message WHERE thread_id = $1 ORDER BY created_at', [t.thread_id]);
  assert.deepEqual(ids((await alice(q, { id: t.thread_id })).data.message, 'messageId'), ids(want, 'message_id'));
  assert.deepEqual((await anon(q, { id: t.thread_id })).data.message, []);
});

test('createThread: user inserts, userId comes from the JWT preset; anonymous has no mutations', async () => {
  const m = 'mutation ($o: ThreadInsertInput!) { insertThreadOne(object: $o) { threadId slug userId isPublic model } }';
  const o = { threadId: NEW_THREAD, chatbotId: 1, isPublic: false, slug: 'mb-test-created-thread', model: 'OPENAI' };
  const r = await alice(m, { o });
  assert.deepEqual(r.data, { insertThreadOne: { threadId: NEW_THREAD, slug: 'mb-test-created-thread', userId: USERS.alice, isPublic: false, model: 'OPENAI' } });
  const [row] = await sql('SELECT user_id FROM thread WHERE thread_id = $1', [NEW_THREAD]);
  assert.equal(row.user_id, USERS.alice);
  // userId is preset, so it is not part of the user's insert input
  const spoof = await bob(m, { o: { ...o, userId: USERS.alice } });
  assert.equal(code(spoof), 'validation-failed');
  const denied = await anon('mutation { insertThreadOne(object: {chatbotId: 1, slug: "x"}) { threadId } }');
  assert.deepEqual(denied, { errors: [{ message: 'no mutations exist', extensions: { path: '$', code: 'validation-failed' } }] });
});

test('saveNewMessage: allowed in an own thread, permission-error in somebody else\'s', async () => {
  const m = 'mutation ($o: MessageInsertInput!) { insertMessageOne(object: $o) { messageId threadId role content } }';
  const ok = await alice(m, { o: { messageId: NEW_MSG, threadId: NEW_THREAD, role: 'user', content: 'hello', slug: 'mb-test-msg-1' } });
  assert.deepEqual(ok.data, { insertMessageOne: { messageId: NEW_MSG, threadId: NEW_THREAD, role: 'user', content: 'hello' } });
  const no = await bob(m, { o: { threadId: NEW_THREAD, role: 'user', content: 'intrusion', slug: 'mb-test-msg-2' } });
  assert.deepEqual(no, { errors: [{ message: 'check constraint of an insert/update permission has failed', extensions: { path: '$', code: 'permission-error' } }] });
  const dup = await alice(m, { o: { messageId: NEW_MSG, threadId: NEW_THREAD, role: 'user', content: 'again', slug: 'mb-test-msg-3' } });
  assert.equal(code(dup), 'constraint-violation');
  assert.match(dup.errors[0].message, /^Uniqueness violation\. duplicate key value violates unique constraint/);
});

test('updateThreadVisibility: owner and moderator may, others affect no rows; isApproved is moderator-only', async () => {
  const m = 'mutation ($id: uuid!, $p: Boolean!) { updateThread(where: {threadId: {_eq: $id}}, _set: {isPublic: $p}) { affectedRows returning { threadId isPublic } } }';
  assert.deepEqual((await alice(m, { id: NEW_THREAD, p: true })).data.updateThread, { affectedRows: 1, returning: [{ threadId: NEW_THREAD, isPublic: true }] });
  assert.deepEqual((await bob(m, { id: NEW_THREAD, p: false })).data.updateThread, { affectedRows: 0, returning: [] });
  const appr = await alice('mutation ($id: uuid!) { updateThread(where: {threadId: {_eq: $id}}, _set: {isApproved: true}) { affectedRows } }', { id: NEW_THREAD });
  assert.equal(code(appr), 'validation-failed');
  assert.equal(appr.errors[0].extensions.path, '$.selectionSet.updateThread.args._set.isApproved');
  const mod = await carol('mutation ($id: uuid!) { updateThread(where: {threadId: {_eq: $id}}, _set: {isApproved: true}) { affectedRows } }', { id: NEW_THREAD });
  assert.deepEqual(mod.data, { updateThread: { affectedRows: 1 } });
  const [row] = await sql('SELECT is_public, is_approved FROM thread WHERE thread_id = $1', [NEW_THREAD]);
  assert.deepEqual(row, { is_public: true, is_approved: true });
});

test('getUserBySlug: anonymous reads the public profile; followers and threads nest', async () => {
  const q = `query ($slug: String!) { user(where: {slug: {_eq: $slug}}) { userId username slug
    threads(where: {_and: [{isApproved: {_eq: true}}, {isPublic: {_eq: true}}]}) { threadId chatbot { name } }
    followers { followerId followeeId } } }`;
  const r = await anon(q, { slug: 'alice' });
  assert.equal(r.data.user.length, 1);
  assert.equal(r.data.user[0].userId, USERS.alice);
  const want = await sql('SELECT thread_id FROM thread WHERE user_id = $1 AND is_public AND is_approved', [USERS.alice]);
  assert.deepEqual(new Set(ids(r.data.user[0].threads, 'threadId')), new Set(ids(want, 'thread_id')));
});

test('preferences: upstream selection `userId preferences` is a validation error, the valid one works', async () => {
  const bad = await alice('mutation { insertPreferenceOne(object: {userId: "00000000-0000-4000-a000-000000000001", webSearch: false}) { userId preferences } }');
  assert.equal(code(bad), 'validation-failed');
  assert.equal(bad.errors[0].message, "field 'preferences' not found in type: 'Preference'");
  const r = await alice('query ($u: uuid!) { preference(where: {userId: {_eq: $u}}) { userId webSearch deepExpertise } }', { u: USERS.alice });
  const want = await sql('SELECT user_id FROM preference WHERE user_id = $1', [USERS.alice]);
  assert.equal(r.data.preference.length, want.length);
});

test('follow/unfollow: insert checked against the JWT user, delete filtered by it', async () => {
  const dave = client(srv, { token: await mintToken({ user: USERS.dave }) });
  const ins = 'mutation ($a: uuid!, $b: uuid!) { insertSocialFollowingOne(object: {followerId: $a, followeeId: $b}) { followerId followeeId userByFollowerId { username } } }';
  const ok = await dave(ins, { a: USERS.dave, b: USERS.bob });
  assert.deepEqual(ok.data, { insertSocialFollowingOne: { followerId: USERS.dave, followeeId: USERS.bob, userByFollowerId: { username: 'dave' } } });
  const forged = await dave(ins, { a: USERS.alice, b: USERS.bob });
  assert.equal(code(forged), 'permission-error');
  const del = 'mutation ($a: uuid!, $b: uuid!) { deleteSocialFollowing(where: {followerId: {_eq: $a}, followeeId: {_eq: $b}}) { affectedRows } }';
  assert.deepEqual((await bob(del, { a: USERS.dave, b: USERS.bob })).data, { deleteSocialFollowing: { affectedRows: 0 } });
  assert.deepEqual((await dave(del, { a: USERS.dave, b: USERS.bob })).data, { deleteSocialFollowing: { affectedRows: 1 } });
});

test('models: models with their enum and the enum table as a GraphQL enum', async () => {
  const r = await anon('{ models(orderBy: [{model: ASC}]) { enabled model type } modelsEnum(orderBy: [{name: ASC}]) { name value } }');
  const want = await sql('SELECT model FROM models ORDER BY model');
  assert.deepEqual(ids(r.data.models, 'model'), ids(want, 'model'));
  const en = await sql('SELECT name FROM models_enum ORDER BY name');
  assert.deepEqual(ids(r.data.modelsEnum, 'name'), ids(en, 'name'));
  const t = await anon('{ __type(name: "ModelsEnumEnum") { enumValues { name } } }');
  assert.deepEqual(t.data.__type.enumValues.map((v) => v.name).sort(), en.map((x) => x.name.toUpperCase()).sort());
});

test('deleteThread: others delete nothing, the owner deletes (messages cascade)', async () => {
  const m = 'mutation ($id: uuid!) { deleteThread(where: {threadId: {_eq: $id}}) { affectedRows returning { threadId } } }';
  assert.deepEqual((await bob(m, { id: NEW_THREAD })).data, { deleteThread: { affectedRows: 0, returning: [] } });
  assert.deepEqual((await alice(m, { id: NEW_THREAD })).data, { deleteThread: { affectedRows: 1, returning: [{ threadId: NEW_THREAD }] } });
  assert.deepEqual(await sql('SELECT 1 FROM thread WHERE thread_id = $1', [NEW_THREAD]), []);
});

test('constraint errors in Hasura\'s words: check, foreign key, not-null', async () => {
  const chk = await admin(`mutation { insertSocialFollowingOne(object: {followerId: "${USERS.bob}", followeeId: "${USERS.bob}"}) { followerId } }`);
  assert.deepEqual(chk, { errors: [{ message: 'Check constraint violation. new row for relation "social_following" violates check constraint "social_following_check"', extensions: { path: '$.selectionSet.insertSocialFollowingOne.args.object', code: 'permission-error' } }] });
  const fk = await admin('mutation { insertThreadOne(object: {chatbotId: 999999, slug: "mb-test-fk"}) { threadId } }');
  assert.deepEqual(fk, { errors: [{ message: 'Foreign key violation. insert or update on table "thread" violates foreign key constraint "thread_chatbot_id_fkey"', extensions: { path: '$.selectionSet.insertThreadOne.args.object', code: 'constraint-violation' } }] });
  const nn = await admin('mutation { insertCategoryOne(object: {categoryId: 9002, order: 1}) { categoryId } }');
  assert.equal(nn.errors[0].extensions.code, 'constraint-violation');
  assert.match(nn.errors[0].message, /^Not-NULL violation\. null value in column "name" of relation "category" violates not-null constraint/);
});

test('deleteMessage: a message another one was augmented from goes only together with it (RESTRICT, as production)', async () => {
  const [m1, m2] = ['00000000-0000-4000-c000-0000000000f2', '00000000-0000-4000-c000-0000000000f3'];
  const t = '00000000-0000-4000-b000-000000000001'; // alice's
  const ins = 'mutation ($o: [MessageInsertInput!]!) { insertMessage(objects: $o) { affectedRows } }';
  assert.deepEqual((await alice(ins, { o: [
    { messageId: m1, threadId: t, role: 'user', content: 'q', slug: 'mb-test-aug-1' },
    { messageId: m2, threadId: t, role: 'assistant', content: 'a', slug: 'mb-test-aug-2', augmentedFrom: m1 },
  ] })).data, { insertMessage: { affectedRows: 2 } });
  const del = 'mutation ($ids: [uuid!]!) { deleteMessage(where: {messageId: {_in: $ids}}) { affectedRows } }';
  const one = await alice(del, { ids: [m1] });
  assert.equal(code(one), 'constraint-violation');
  assert.equal(one.errors[0].message, 'Foreign key violation. update or delete on table "message" violates foreign key constraint "message_augmented_from_fkey" on table "message"');
  assert.deepEqual(await sql('SELECT augmented_from FROM message WHERE message_id = $1', [m2]), [{ augmented_from: m1 }]);
  assert.deepEqual((await alice(del, { ids: [m1, m2] })).data, { deleteMessage: { affectedRows: 2 } });
});

test('preference: a foreign key error names production\'s constraint (user_chatbot_preference_…)', async () => {
  const dave = client(srv, { token: await mintToken({ user: USERS.dave }) });
  const r = await dave(`mutation { insertPreferenceOne(object: {userId: "${USERS.dave}", preferredTone: "shouty",
    preferredLength: "concise", preferredType: "mix", preferredComplexity: "general"}) { preferenceId } }`);
  assert.equal(code(r), 'constraint-violation');
  assert.equal(r.errors[0].message, 'Foreign key violation. insert or update on table "preference" violates foreign key constraint "user_chatbot_preference_preferred_tone_fkey"');
  assert.deepEqual(await sql('SELECT 1 FROM preference WHERE user_id = $1', [USERS.dave]), []);
});

test('nested inserts through array and object relationships (affectedRows counts every row)', async () => {
  const t1 = '00000000-0000-4000-b000-0000000000f2'; const t2 = '00000000-0000-4000-b000-0000000000f3';
  try {
    const a = await admin(`mutation { insertThread(objects: [{threadId: "${t1}", chatbotId: 1, slug: "mb-nested-1", userId: "${USERS.bob}",
      messages: {data: [{role: "user", content: "q", slug: "mb-nested-m1"}, {role: "assistant", content: "a", slug: "mb-nested-m2"}]}}]) {
      affectedRows returning { threadId messages(orderBy: [{slug: ASC}]) { content threadId } } } }`);
    assert.deepEqual(a.data, { insertThread: { affectedRows: 3, returning: [{ threadId: t1, messages: [{ content: 'q', threadId: t1 }, { content: 'a', threadId: t1 }] }] } });
    const b = await admin(`mutation { insertMessageOne(object: {role: "user", content: "x", slug: "mb-nested-m3",
      thread: {data: {threadId: "${t2}", chatbotId: 2, slug: "mb-nested-2", userId: "${USERS.bob}"}}}) { content thread { threadId chatbot { chatbotId } } } }`);
    assert.deepEqual(b.data, { insertMessageOne: { content: 'x', thread: { threadId: t2, chatbot: { chatbotId: 2 } } } });
    assert.deepEqual(await sql('SELECT thread_id FROM message WHERE slug = $1', ['mb-nested-m3']), [{ thread_id: t2 }]);
  } finally {
    await sql('DELETE FROM thread WHERE thread_id = ANY($1::uuid[])', [[t1, t2]]);
  }
});

test('admin: by-pk fields, a batched request and mutations in one transaction', async () => {
  const [t] = await sql('SELECT thread_id, slug FROM thread ORDER BY thread_id LIMIT 1');
  const r = await admin('query ($id: uuid!, $s: String!) { threadByPk(threadId: $id, slug: $s) { threadId slug } }', { id: t.thread_id, s: t.slug });
  assert.deepEqual(r.data, { threadByPk: { threadId: t.thread_id, slug: t.slug } });
  // second mutation fails -> the first one is rolled back
  const before = await sql('SELECT name FROM category WHERE category_id = 1');
  const tx = await admin('mutation { a: updateCategoryByPk(pkColumns: {categoryId: 1}, _set: {name: "renamed"}) { name } b: insertCategoryOne(object: {categoryId: 1, name: "dup", order: 1}) { categoryId } }');
  assert.equal(code(tx), 'constraint-violation');
  assert.deepEqual(await sql('SELECT name FROM category WHERE category_id = 1'), before);
});
