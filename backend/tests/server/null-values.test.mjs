// Null values and variables left out of variableValues, as Hasura v2 with default settings (no
// HASURA_GRAPHQL_V1_BOOLEAN_NULL_COLLAPSE) treats them:
// - Execute/Resolve.hs buildVariable: a nullable variable that is not given is its default, else
//   null, exactly as if null had been sent (it is not an absent field);
// - Schema/BoolExp.hs mkBoolOperator (Don'tDangerouslyCollapseBooleans) = P.fieldOptional over a
//   non-nullable parser: a comparison operator given null is an error, from the column parser
//   (Backends/Postgres/Instances/Schema.hs columnParser: "unexpected null value for type 'T'"),
//   P.list ("expected a list, but found null") or P.boolean (_is_null);
// - Schema/Select.hs tableLimitArg/tableOffsetArg/tableWhereArg: fieldOptional over P.nullable,
//   so limit, offset and where given null mean none;
// - insert and update columns parse with the column's nullability: null stores NULL in a nullable
//   column (not its default) and is an error for a NOT NULL one, before any SQL runs;
// - Backends/Postgres/Schema/OnConflict.hs conflictObjectParser: on_conflict and its where are
//   fieldOptional over P.object (null is an error), update_columns is fieldWithDefault [] over
//   P.list (null is "expected a list", and a nullable variable may stand there: the location has a
//   default, TypeChecking.hs isVariableUsageAllowed);
// - Schema/Mutation.hs mkDefaultRelationshipParser: a relationship in an insert object is
//   fieldOptional over P.nullable (null: no nested insert); its data is P.field (null is an error);
// - Schema/OrderBy.hs: a direction is P.nullable (null: that column is not ordered by), an
//   aggregate function object (max, min...) is fieldOptional over P.object (null is an error).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startMasterbots, client, sql } from './lib/masterbots.mjs';

let srv; let anon; let admin;
const CAT = 'mb-null-test-category';
const BOT = 'mb-null-test-bot';
const THREAD = 'mb-null-test-thread';
const cleanThread = async () => {
  await sql('DELETE FROM message WHERE thread_id IN (SELECT thread_id FROM thread WHERE slug = $1)', [THREAD]);
  await sql('DELETE FROM thread WHERE slug = $1', [THREAD]);
};
before(async () => {
  srv = await startMasterbots();
  anon = client(srv, {});
  admin = client(srv, { admin: true });
  await sql('DELETE FROM chatbot WHERE name = $1', [BOT]);
  await sql('DELETE FROM category WHERE name = $1', [CAT]);
  await cleanThread();
});
after(async () => {
  await cleanThread();
  await sql('DELETE FROM chatbot WHERE name = $1', [BOT]);
  await sql('DELETE FROM category WHERE name = $1', [CAT]);
  await srv?.stop();
});

const verr = (message, path) => ({ errors: [{ message, extensions: { path, code: 'validation-failed' } }] });
const count = async (q) => (await sql(q))[0].n;

test('an omitted nullable variable in a comparison operator is null, and null there is an error', async () => {
  const q = 'query ($d: String) { chatbot(where: {description: {_eq: $d}}) { name } }';
  const want = verr("unexpected null value for type 'String'", '$.selectionSet.chatbot.args.where.description._eq');
  assert.deepEqual(await anon(q, {}), want, 'variable left out');
  assert.deepEqual(await anon(q), want, 'no variables at all');
  assert.deepEqual(await anon(q, { d: null }), want, 'variable sent as null');
  // the path names the alias, and the keys as written
  const a = await anon('query ($n: Int) { bots: chatbot(where: {_and: [{chatbotId: {_gt: $n}}]}) { name } }', {});
  assert.deepEqual(a, verr("unexpected null value for type 'Int'", '$.selectionSet.bots.args.where._and[0].chatbotId._gt'));
  // a where object given as a variable
  const w = await anon('query ($w: ChatbotBoolExp) { chatbot(where: $w) { name } }', { w: { name: { _neq: null } } });
  assert.deepEqual(w, verr("unexpected null value for type 'String'", '$.selectionSet.chatbot.args.where.name._neq'));
  // list operators: P.list rejects null itself
  const l = await anon('query ($ids: [Int!]) { chatbot(where: {chatbotId: {_in: $ids}}) { name } }', {});
  assert.deepEqual(l, verr('expected a list, but found null', '$.selectionSet.chatbot.args.where.chatbotId._in'));
  // _isNull is P.boolean
  const b = await anon('query ($b: Boolean) { chatbot(where: {description: {_isNull: $b}}) { name } }', {});
  assert.deepEqual(b, verr("expected a boolean for type 'Boolean', but found null", '$.selectionSet.chatbot.args.where.description._isNull'));
  // a uuid column, in a mutation's where
  const u = await admin('mutation ($id: uuid) { deleteThread(where: {threadId: {_eq: $id}}) { affectedRows } }', {});
  assert.deepEqual(u, verr("unexpected null value for type 'uuid'", '$.selectionSet.deleteThread.args.where.threadId._eq'));
});

test('an explicit null literal in a comparison operator is an error (no IS NULL, no dropped filter)', async () => {
  const q = (w) => anon(`{ chatbotAggregate(where: ${w}) { aggregate { count } } }`);
  const p = '$.selectionSet.chatbotAggregate.args.where';
  assert.deepEqual(await q('{defaultTone: {_eq: null}}'), verr("unexpected null value for type 'String'", `${p}.defaultTone._eq`));
  assert.deepEqual(await q('{defaultTone: {_neq: null}}'), verr("unexpected null value for type 'String'", `${p}.defaultTone._neq`));
  assert.deepEqual(await q('{name: {_like: null}}'), verr("unexpected null value for type 'String'", `${p}.name._like`));
  assert.deepEqual(await q('{chatbotId: {_nin: null}}'), verr('expected a list, but found null', `${p}.chatbotId._nin`));
  assert.deepEqual(await q('{chatbotId: {_in: [1, null]}}'), verr("unexpected null value for type 'Int'", `${p}.chatbotId._in[1]`));
  assert.deepEqual(await q('{defaultTone: {_isNull: null}}'), verr("expected a boolean for type 'Boolean', but found null", `${p}.defaultTone._isNull`));
  // a primary-key argument is a column value too
  assert.deepEqual(await anon('{ chatbotByPk(chatbotId: null) { name } }'), verr("unexpected null value for type 'Int'", '$.selectionSet.chatbotByPk.args.chatbotId'));
  // the comparison object, _not and _and given null
  assert.deepEqual(await q('{name: null}'), verr("expected an object for type 'StringComparisonExp', but found null", `${p}.name`));
  assert.deepEqual(await q('{_not: null}'), verr("expected an object for type 'ChatbotBoolExp', but found null", `${p}._not`));
  assert.deepEqual(await q('{_and: null}'), verr('expected a list, but found null', `${p}._and`));
  // _isNull still works; an operator that is not written is just absent
  const nulls = await count('SELECT count(*)::int AS n FROM chatbot WHERE default_tone IS NULL');
  assert.equal((await q('{defaultTone: {_isNull: true}}')).data.chatbotAggregate.aggregate.count, nulls);
  assert.equal((await q('{defaultTone: {}}')).data.chatbotAggregate.aggregate.count, await count('SELECT count(*)::int AS n FROM chatbot'));
});

test('an omitted variable with a default takes the default', async () => {
  const [{ name }] = await sql('SELECT name FROM chatbot ORDER BY chatbot_id LIMIT 1');
  const r = await anon(`query ($n: String = ${JSON.stringify(name)}, $l: Int = 2) { one: chatbot(where: {name: {_eq: $n}}) { name } two: chatbot(limit: $l) { name } }`, {});
  assert.deepEqual(r.data.one, [{ name }], JSON.stringify(r));
  assert.equal(r.data.two.length, 2);
});

test('limit, offset, where and orderBy given null (an omitted variable or a literal) mean none: all rows', async () => {
  const all = (await sql('SELECT chatbot_id FROM chatbot ORDER BY chatbot_id')).map((x) => x.chatbot_id);
  assert.ok(all.length > 2);
  const v = await anon('query ($l: Int, $o: Int, $w: ChatbotBoolExp, $ob: [ChatbotOrderBy!]) { chatbot(limit: $l, offset: $o, where: $w, orderBy: $ob) { chatbotId } }', {});
  assert.deepEqual(v.data.chatbot.map((x) => x.chatbotId).sort((a, b) => a - b), all, JSON.stringify(v));
  const n = await anon('{ chatbot(limit: null, offset: null, where: null, orderBy: {chatbotId: ASC}) { chatbotId } }');
  assert.deepEqual(n.data.chatbot.map((x) => x.chatbotId), all, JSON.stringify(n));
  const o = await anon('query ($l: Int, $o: Int) { chatbot(limit: $l, offset: $o, orderBy: {chatbotId: ASC}) { chatbotId } }', { l: null, o: null });
  assert.deepEqual(o.data.chatbot.map((x) => x.chatbotId), all);
});

test('insert: null (omitted variable or literal) for a NOT NULL column with a default is an error, not the default', async () => {
  const path = '$.selectionSet.insertCategoryOne.args.object.order';
  const want = verr("unexpected null value for type 'Int'", path);
  const m = 'mutation ($n: String!, $o: Int) { insertCategoryOne(object: {name: $n, order: $o}) { categoryId } }';
  assert.deepEqual(await admin(m, { n: CAT }), want);
  assert.deepEqual(await admin(m, { n: CAT, o: null }), want);
  assert.deepEqual(await admin(`mutation { insertCategoryOne(object: {name: "${CAT}", order: null}) { categoryId } }`), want);
  const obj = await admin('mutation ($o: [CategoryInsertInput!]!) { insertCategory(objects: $o) { affectedRows } }', { o: [{ name: CAT, order: null }] });
  assert.deepEqual(obj, verr("unexpected null value for type 'Int'", '$.selectionSet.insertCategory.args.objects[0].order'));
  assert.deepEqual(await sql('SELECT 1 FROM category WHERE name = $1', [CAT]), [], 'nothing inserted');
  // left out of the object, the column takes its default
  const ok = await admin('mutation ($n: String!) { insertCategoryOne(object: {name: $n}) { name order } }', { n: CAT });
  assert.equal(ok.data?.insertCategoryOne?.name, CAT, JSON.stringify(ok));
  assert.equal(typeof ok.data.insertCategoryOne.order, 'number');
});

test('insert: null (omitted variable) for a nullable column with a default stores NULL, not the default', async () => {
  const m = `mutation ($p: Boolean, $d: String) { insertChatbotOne(object: {name: "${BOT}", createdBy: "test", order: 9999, proExclusive: $p, description: $d}) { proExclusive description } }`;
  const r = await admin(m, {});
  assert.deepEqual(r, { data: { insertChatbotOne: { proExclusive: null, description: null } } });
  assert.deepEqual(await sql('SELECT pro_exclusive, disabled FROM chatbot WHERE name = $1', [BOT]), [{ pro_exclusive: null, disabled: false }]);
});

test('_set: an omitted variable is NULL for a nullable column and an error for a NOT NULL one; _set: null is an error', async () => {
  await sql('DELETE FROM chatbot WHERE name = $1', [BOT]);
  await sql('INSERT INTO chatbot (name, created_by, "order", pro_exclusive, is_pro) VALUES ($1, $2, 9999, true, true)', [BOT, 'test']);
  const upd = (set, vars) => admin(`mutation ($p: Boolean, $s: ChatbotSetInput, $i: Int) { updateChatbot(where: {name: {_eq: "${BOT}"}}, ${set}) { affectedRows returning { proExclusive isPro order } } }`, vars);
  const r = await upd('_set: {proExclusive: $p}', {});
  assert.deepEqual(r, { data: { updateChatbot: { affectedRows: 1, returning: [{ proExclusive: null, isPro: true, order: 9999 }] } } });
  assert.deepEqual(await upd('_set: {isPro: $p}', {}), verr("unexpected null value for type 'Boolean'", '$.selectionSet.updateChatbot.args._set.isPro'));
  assert.deepEqual(await upd('_set: $s', {}), verr("expected an object for type 'ChatbotSetInput', but found null", '$.selectionSet.updateChatbot.args._set'));
  assert.deepEqual(await upd('_inc: {order: $i}', {}), verr("unexpected null value for type 'Int'", '$.selectionSet.updateChatbot.args._inc.order'));
  assert.deepEqual(await upd('_set: $s', { s: { isPro: null } }), verr("unexpected null value for type 'Boolean'", '$.selectionSet.updateChatbot.args._set.isPro'));
  assert.deepEqual(await sql('SELECT pro_exclusive, is_pro, "order" FROM chatbot WHERE name = $1', [BOT]), [{ pro_exclusive: null, is_pro: true, order: 9999 }]);
});

test('onConflict: null, its where: null and updateColumns: null are errors; updateColumns takes a nullable variable (the location has a default)', async () => {
  await sql('DELETE FROM category WHERE name = $1', [CAT]);
  const p = '$.selectionSet.insertCategoryOne.args.onConflict';
  const ins = (oc, vars = {}, decl = '') => admin(`mutation ($n: String!, $o: Int${decl}) { insertCategoryOne(object: {name: $n, order: $o}, ${oc}) { name order } }`, { n: CAT, o: 4241, ...vars });
  const ocNull = verr("expected an object for type 'CategoryOnConflict', but found null", p);
  assert.deepEqual(await ins('onConflict: null'), ocNull);
  assert.deepEqual(await ins('onConflict: $oc', {}, ', $oc: CategoryOnConflict'), ocNull, 'variable left out');
  const whereNull = verr("expected an object for type 'CategoryBoolExp', but found null", `${p}.where`);
  assert.deepEqual(await ins('onConflict: {constraint: category_name_key, updateColumns: [order], where: null}'), whereNull);
  assert.deepEqual(await ins('onConflict: {constraint: category_name_key, updateColumns: [order], where: $w}', {}, ', $w: CategoryBoolExp'), whereNull, 'variable left out');
  const listNull = verr('expected a list, but found null', `${p}.updateColumns`);
  assert.deepEqual(await ins('onConflict: {constraint: category_name_key, updateColumns: null}'), listNull);
  const upsert = (vars) => ins('onConflict: {constraint: category_name_key, updateColumns: $u}', vars, ', $u: [CategoryUpdateColumn!]');
  assert.deepEqual(await upsert({}), listNull, 'variable left out');
  assert.deepEqual(await upsert({ u: null }), listNull, 'variable sent as null');
  assert.deepEqual(await sql('SELECT 1 FROM category WHERE name = $1', [CAT]), [], 'nothing inserted');
  // given a value, the variable works: an insert, then an upsert that updates order
  assert.deepEqual(await upsert({ u: ['order'] }), { data: { insertCategoryOne: { name: CAT, order: 4241 } } });
  assert.deepEqual(await upsert({ u: ['order'], o: 4242 }), { data: { insertCategoryOne: { name: CAT, order: 4242 } } });
  // a nested insert's onConflict likewise
  const [{ chatbot_id: bot }] = await sql('SELECT min(chatbot_id) AS chatbot_id FROM chatbot');
  const nested = await admin(`mutation { insertThreadOne(object: {slug: "${THREAD}", chatbotId: ${bot}, messages: {data: [], onConflict: null}}) { slug } }`);
  assert.deepEqual(nested, verr("expected an object for type 'MessageOnConflict', but found null", '$.selectionSet.insertThreadOne.args.object.messages.onConflict'));
  // objects: null is P.list's error too
  assert.deepEqual(await admin('mutation { insertCategory(objects: null) { affectedRows } }'), verr('expected a list, but found null', '$.selectionSet.insertCategory.args.objects'));
});

test('insert: a relationship given null (literal or a variable left out) inserts nothing through it; its data: null is an error', async () => {
  await cleanThread();
  const [{ chatbot_id: bot, name }] = await sql('SELECT chatbot_id, name FROM chatbot ORDER BY chatbot_id LIMIT 1');
  const sel = '{ slug chatbot { name } messages { content } }';
  const want = { data: { insertThreadOne: { slug: THREAD, chatbot: { name }, messages: [] } } };
  const lit = await admin(`mutation { insertThreadOne(object: {slug: "${THREAD}", chatbotId: ${bot}, chatbot: null, messages: null}) ${sel} }`);
  assert.deepEqual(lit, want);
  await cleanThread();
  const vars = await admin(`mutation ($c: ChatbotObjRelInsertInput, $m: MessageArrRelInsertInput) { insertThreadOne(object: {slug: "${THREAD}", chatbotId: ${bot}, chatbot: $c, messages: $m}) ${sel} }`, {});
  assert.deepEqual(vars, want);
  assert.deepEqual(await sql('SELECT chatbot_id FROM thread WHERE slug = $1', [THREAD]), [{ chatbot_id: bot }]);
  await cleanThread();
  const data = await admin(`mutation { insertThreadOne(object: {slug: "${THREAD}", chatbotId: ${bot}, messages: {data: null}}) { slug } }`);
  assert.deepEqual(data, verr('expected a list, but found null', '$.selectionSet.insertThreadOne.args.object.messages.data'));
  assert.deepEqual(await sql('SELECT 1 FROM thread WHERE slug = $1', [THREAD]), []);
});

test('orderBy: a null direction in an aggregate ordering orders by nothing there; max: null is an error', async () => {
  const byName = (await sql('SELECT name FROM chatbot ORDER BY name')).map((x) => x.name);
  const q = (ob, vars, decl = '') => admin(`query ${decl ? `(${decl}) ` : ''}{ chatbot(orderBy: ${ob}) { name } }`, vars);
  const names = (r) => { assert.ok(r.data, JSON.stringify(r)); return r.data.chatbot.map((x) => x.name); };
  assert.deepEqual(names(await q('[{threadsAggregate: {count: null}}, {name: ASC}]', {})), byName);
  assert.deepEqual(names(await q('[{threadsAggregate: {max: {createdAt: null}}}, {name: ASC}]', {})), byName);
  assert.deepEqual(names(await q('[{threadsAggregate: {count: $d}}, {name: ASC}]', {}, '$d: OrderBy')), byName, 'variable left out');
  const maxNull = verr("expected an object for type 'ThreadMaxOrderBy', but found null", '$.selectionSet.chatbot.args.orderBy[0].threadsAggregate.max');
  assert.deepEqual(await q('{threadsAggregate: {max: null}}', {}), maxNull);
});

test('already as Hasura (pinned): update operators on a nullable column take null as SQL NULL; by-pk keys, _deleteElem and _deleteAtPath refuse null; distinctOn null is none', async () => {
  await cleanThread();
  const [{ chatbot_id: bot }] = await sql('SELECT min(chatbot_id) AS chatbot_id FROM chatbot');
  await sql(`INSERT INTO thread (slug, chatbot_id, metadata) VALUES ($1, $2, '{"a": 1}')`, [THREAD, bot]);
  const upd = (op) => admin(`mutation ($j: jsonb, $k: String, $e: Int) { updateThread(where: {slug: {_eq: "${THREAD}"}}, ${op}) { returning { metadata } } }`, {});
  // Translate/Update.hs: col || NULL, NULL || col, col - NULL are NULL, not the JSON value null
  for (const op of ['_append: {metadata: $j}', '_prepend: {metadata: $j}', '_deleteKey: {metadata: $k}']) {
    await sql(`UPDATE thread SET metadata = '{"a": 1}' WHERE slug = $1`, [THREAD]);
    assert.deepEqual(await upd(op), { data: { updateThread: { returning: [{ metadata: null }] } } }, op);
    assert.deepEqual(await sql('SELECT metadata IS NULL AS n FROM thread WHERE slug = $1', [THREAD]), [{ n: true }], op);
  }
  assert.deepEqual(await upd('_deleteElem: {metadata: $e}'), verr("unexpected null value for type 'Int'", '$.selectionSet.updateThread.args._deleteElem.metadata'));
  assert.deepEqual(await admin(`mutation { updateThread(where: {slug: {_eq: "${THREAD}"}}, _deleteAtPath: {metadata: ["a", null]}) { affectedRows } }`),
    verr("unexpected null value for type 'String'", '$.selectionSet.updateThread.args._deleteAtPath.metadata[1]'));
  // _inc on a nullable integer column: col + NULL is NULL
  const [pref] = await sql('SELECT preference_id, chatbot_id FROM preference WHERE chatbot_id IS NOT NULL ORDER BY preference_id LIMIT 1');
  try {
    const inc = await admin('mutation ($p: Int!, $i: Int) { updatePreference(where: {preferenceId: {_eq: $p}}, _inc: {chatbotId: $i}) { returning { chatbotId } } }', { p: pref.preference_id });
    assert.deepEqual(inc, { data: { updatePreference: { returning: [{ chatbotId: null }] } } });
  } finally {
    await sql('UPDATE preference SET chatbot_id = $2 WHERE preference_id = $1', [pref.preference_id, pref.chatbot_id]);
  }
  assert.deepEqual(await admin('mutation { updateChatbotByPk(pkColumns: {chatbotId: null}, _set: {name: "x"}) { name } }'),
    verr("unexpected null value for type 'Int'", '$.selectionSet.updateChatbotByPk.args.pkColumns.chatbotId'));
  assert.deepEqual(await admin('mutation { updateChatbotByPk(pkColumns: null, _set: {name: "x"}) { name } }'),
    verr("expected an object for type 'ChatbotPkColumnsInput', but found null", '$.selectionSet.updateChatbotByPk.args.pkColumns'));
  const n = await count('SELECT count(*)::int AS n FROM chatbot');
  assert.equal((await anon('{ chatbot(distinctOn: null) { name } }')).data.chatbot.length, n);
  assert.deepEqual(await anon('{ chatbot(distinctOn: [null]) { name } }'), verr("expected an enum value for type 'ChatbotSelectColumn', but found null", '$.selectionSet.chatbot.args.distinctOn[0]'));
});
