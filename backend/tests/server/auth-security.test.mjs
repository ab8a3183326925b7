// Authentication as Hasura does it in JWT mode, Hasura's error shapes for bad requests, and the
// security properties: SQL injection through every kind of argument, role escalation through
// headers while holding a user JWT, expired/forged/alg-none tokens.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, post } from './lib/server.mjs';
import { REPO } from './lib/fixtures.mjs';
import { startMasterbots, mintToken, sql, USERS, ADMIN_SECRET, JWT_KEY, NS, masterbotsUrl } from './lib/masterbots.mjs';

let srv;
before(async () => { srv = await startMasterbots(); });
after(async () => { await srv?.stop(); });

const gql = (headers, query, variables) => post(`${srv.url}/v1/graphql`, variables === undefined ? { query } : { query, variables }, headers);
const bearer = (t) => ({ authorization: `Bearer ${t}` });
const err = (code, message, path = '$') => ({ errors: [{ message, extensions: { path, code } }] });
const Q = '{ chatbot(limit: 1) { name } }';
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('JWT errors (HTTP 200, Hasura codes and messages)', () => {
  test('expired token: JWTExpired', async () => {
    const t = await mintToken({ user: USERS.alice, exp: Math.floor(Date.now() / 1000) - 10 });
    const r = await gql(bearer(t), Q);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, err('invalid-jwt', 'Could not verify JWT: JWTExpired'));
  });
  test('token not valid yet: JWTNotYetValid', async () => {
    const t = await mintToken({ user: USERS.alice, nbf: Math.floor(Date.now() / 1000) + 600 });
    assert.deepEqual((await gql(bearer(t), Q)).json, err('invalid-jwt', 'Could not verify JWT: JWTNotYetValid'));
  });
  test('forged token (other key): JWSInvalidSignature', async () => {
    const t = await mintToken({ user: USERS.alice, key: 'an-attacker-key-that-is-long-enough!!' });
    assert.deepEqual((await gql(bearer(t), Q)).json, err('invalid-jwt', 'Could not verify JWT: JWSError JWSInvalidSignature'));
  });
  test('alg none token is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const t = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ [NS]: { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user', 'x-hasura-user-id': USERS.alice }, exp: now + 60 })}.`;
    assert.deepEqual((await gql(bearer(t), Q)).json, err('invalid-jwt', 'Could not verify JWT: JWSError JWSNoSignatures'));
  });
  test('a payload edited after signing is refused', async () => {
    const t = (await mintToken({ user: USERS.alice })).split('.');
    const claims = JSON.parse(Buffer.from(t[1], 'base64url'));
    claims[NS]['x-hasura-default-role'] = 'moderator';
    assert.equal((await gql(bearer(`${t[0]}.${b64(claims)}.${t[2]}`), Q)).json.errors[0].extensions.code, 'invalid-jwt');
  });
  test('malformed Authorization header and a token of the wrong shape', async () => {
    assert.deepEqual((await gql({ authorization: 'Token abc' }, Q)).json, err('invalid-headers', 'Malformed Authorization header'));
    assert.deepEqual((await gql({ authorization: 'Bearer a b' }, Q)).json, err('invalid-headers', 'Malformed Authorization header'));
    assert.deepEqual((await gql(bearer('abc.def'), Q)).json, err('invalid-jwt', 'Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)'));
  });
  test('missing claims', async () => {
    const none = await mintToken({ user: USERS.alice, claims: { sub: 'x' } });
    assert.deepEqual((await gql(bearer(none), Q)).json, err('jwt-invalid-claims', `claims key: '${NS}' not found`));
    const noRoles = await mintToken({ user: USERS.alice, claims: { [NS]: { 'x-hasura-default-role': 'user' } } });
    assert.deepEqual((await gql(bearer(noRoles), Q)).json, err('jwt-missing-role-claims', 'JWT claim does not contain "x-hasura-allowed-roles"'));
    const noDefault = await mintToken({ user: USERS.alice, claims: { [NS]: { 'x-hasura-allowed-roles': ['user'] } } });
    assert.deepEqual((await gql(bearer(noDefault), Q)).json, err('jwt-missing-role-claims', 'JWT claim does not contain "x-hasura-default-role"'));
    const notList = await mintToken({ user: USERS.alice, claims: { [NS]: { 'x-hasura-allowed-roles': 'user', 'x-hasura-default-role': 'user' } } });
    assert.equal((await gql(bearer(notList), Q)).json.errors[0].extensions.code, 'jwt-invalid-claims');
  });
  test('wrong admin secret', async () => {
    const r = await gql({ 'x-hasura-admin-secret': 'wrong' }, Q);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, err('access-denied', 'invalid "x-hasura-admin-secret"/"x-hasura-access-key"'));
  });
  test('HASURA_GRAPHQL_PRESERVE_401_ERRORS keeps 401 for admin-secret failures only', async () => {
    const s2 = await startMasterbots({ HASURA_GRAPHQL_PRESERVE_401_ERRORS: 'true' });
    try {
      const r = await post(`${s2.url}/v1/graphql`, { query: Q }, { 'x-hasura-admin-secret': 'wrong' });
      assert.equal(r.status, 401);
      const t = await mintToken({ user: USERS.alice, exp: Math.floor(Date.now() / 1000) - 10 });
      assert.equal((await post(`${s2.url}/v1/graphql`, { query: Q }, bearer(t))).status, 200);
    } finally { await s2.stop(); }
  });
  test('allowed_skew and stringified_json claims', async () => {
    const s2 = await startServer({
      MB_PG_URL: masterbotsUrl(), MB_NAMING: 'graphql-default', MB_METADATA_DIR: path.join(REPO, 'backend/hasura/metadata'), HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET,
      HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY, allowed_skew: 60, claims_format: 'stringified_json' }),
    });
    try {
      const now = Math.floor(Date.now() / 1000);
      const claims = { [NS]: JSON.stringify({ 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user', 'x-hasura-user-id': USERS.alice }) };
      const late = await mintToken({ user: USERS.alice, claims, exp: now - 30, iat: now - 100, nbf: now - 100 });
      const r = await post(`${s2.url}/v1/graphql`, { query: '{ category(limit: 1) { name } }' }, bearer(late));
      assert.ok(r.json.data, `expired 30 s ago passes with allowed_skew 60: ${r.text}`);
      const tooLate = await mintToken({ user: USERS.alice, claims, exp: now - 90, iat: now - 100, nbf: now - 100 });
      assert.deepEqual((await post(`${s2.url}/v1/graphql`, { query: Q }, bearer(tooLate))).json, err('invalid-jwt', 'Could not verify JWT: JWTExpired'));
    } finally { await s2.stop(); }
  });
});

describe('role escalation while holding a user JWT', () => {
  test('x-hasura-role: admin is refused', async () => {
    const t = await mintToken({ user: USERS.alice });
    assert.deepEqual((await gql({ ...bearer(t), 'x-hasura-role': 'admin' }, Q)).json, err('access-denied', 'Your requested role is not in allowed roles'));
  });
  test('x-hasura-user-id and other x-hasura-* headers are ignored in JWT mode', async () => {
    const t = await mintToken({ user: USERS.alice });
    const [bobs] = await sql('SELECT thread_id FROM thread WHERE user_id = $1 AND NOT is_public LIMIT 1', [USERS.bob]);
    const r = await gql({ ...bearer(t), 'x-hasura-user-id': USERS.bob }, 'query ($id: uuid!) { thread(where: {threadId: {_eq: $id}}) { threadId } }', { id: bobs.thread_id });
    assert.deepEqual(r.json, { data: { thread: [] } });
  });
  test('a wrong admin secret next to a valid JWT does not fall back to the JWT', async () => {
    const t = await mintToken({ user: USERS.alice });
    assert.equal((await gql({ ...bearer(t), 'x-hasura-admin-secret': 'guess' }, Q)).json.errors[0].extensions.code, 'access-denied');
  });
  test('without a token, x-hasura-role cannot lift the unauthorized role', async () => {
    const r = await gql({ 'x-hasura-role': 'admin' }, 'mutation { deleteThread(where: {}) { affectedRows } }');
    assert.deepEqual(r.json, err('validation-failed', 'no mutations exist'));
  });
  test('a role outside the token\'s allowed roles is refused even if it exists in metadata', async () => {
    const t = await mintToken({ user: USERS.alice, claims: { [NS]: { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user', 'x-hasura-user-id': USERS.alice } } });
    assert.deepEqual((await gql({ ...bearer(t), 'x-hasura-role': 'moderator' }, Q)).json, err('access-denied', 'Your requested role is not in allowed roles'));
  });
});

describe('SQL injection through every kind of argument', () => {
  const EVIL = ["'; DROP TABLE thread; --", "x' OR '1'='1", '\\\'; DELETE FROM chatbot; --', '") OR 1=1 --', '$1', "%' OR 1=1 --"];
  let counts;
  before(async () => { counts = await sql('SELECT (SELECT count(*) FROM thread)::int AS t, (SELECT count(*) FROM chatbot)::int AS c'); });
  after(async () => {
    assert.deepEqual(await sql('SELECT (SELECT count(*) FROM thread)::int AS t, (SELECT count(*) FROM chatbot)::int AS c'), counts, 'tables untouched');
  });
  const admin = { 'x-hasura-admin-secret': ADMIN_SECRET };

  test('comparison operators (_eq _neq _like _ilike _regex _iregex _similar _in _nin) as literals and variables', async () => {
    for (const v of EVIL) {
      for (const op of ['_eq', '_neq', '_like', '_ilike', '_nlike', '_regex', '_iregex', '_similar']) {
        const lit = await gql({}, `{ chatbot(where: {name: {${op}: ${JSON.stringify(v)}}}) { chatbotId } }`);
        assert.ok(lit.json.data || ['data-exception', 'bad-request'].includes(lit.json.errors[0].extensions.code), `${op} ${v}: ${lit.text}`);
        const vr = await gql({}, `query ($v: String!) { chatbot(where: {name: {${op}: $v}}) { chatbotId } }`, { v });
        assert.ok(vr.json.data || ['data-exception', 'bad-request'].includes(vr.json.errors[0].extensions.code), `${op} var ${v}: ${vr.text}`);
        if (op === '_eq' && lit.json.data) assert.deepEqual(lit.json.data.chatbot, [], 'an injected string matches nothing');
        if (op === '_neq') {
          const [{ n }] = await sql('SELECT count(*)::int AS n FROM chatbot');
          assert.equal(lit.json.data.chatbot.length, n, '_neq of a hostile string keeps every row: the string is a value');
        }
      }
      const inn = await gql({}, 'query ($v: [String!]) { chatbot(where: {name: {_in: $v}}) { chatbotId } c2: chatbot(where: {name: {_nin: $v}}) { chatbotId } }', { v: [v, 'HealthBot'] });
      assert.equal(inn.json.data.chatbot.length, 1);
    }
  });
  test('uuid, integer and boolean arguments reject non-values with an error, not SQL', async () => {
    const r1 = await gql({}, 'query ($v: uuid!) { thread(where: {threadId: {_eq: $v}}) { threadId } }', { v: "00000000-0000-4000-b000-000000000001' OR '1'='1" });
    assert.equal(r1.json.errors[0].extensions.code, 'data-exception');
    const r2 = await gql({}, '{ chatbot(where: {chatbotId: {_eq: "1 OR 1=1"}}) { chatbotId } }');
    assert.equal(r2.json.errors[0].extensions.code, 'data-exception');
    const r3 = await gql({}, '{ chatbot(limit: "1; DROP TABLE thread") { chatbotId } }');
    assert.equal(r3.json.errors[0].extensions.code, 'validation-failed');
  });
  test('order_by, distinct_on, on_conflict and select columns only take schema names', async () => {
    const r1 = await gql({}, '{ chatbot(orderBy: [{name: "ASC; DROP TABLE thread"}]) { chatbotId } }');
    assert.equal(r1.json.errors[0].extensions.code, 'validation-failed');
    const r2 = await gql({}, 'query ($d: [ChatbotSelectColumn!]) { chatbot(distinctOn: $d) { chatbotId } }', { d: ['name; DROP TABLE thread'] });
    assert.equal(r2.json.errors[0].extensions.code, 'validation-failed');
    const r3 = await gql(admin, 'mutation ($c: CategoryConstraint!) { insertCategoryOne(object: {name: "x", order: 99}, onConflict: {constraint: $c, updateColumns: []}) { categoryId } }', { c: 'category_pkey; DROP TABLE thread' });
    assert.equal(r3.json.errors[0].extensions.code, 'validation-failed');
    const r4 = await gql({}, '{ chatbot { "name; DROP TABLE thread" } }');
    assert.equal(r4.json.errors[0].extensions.code, 'validation-failed');
  });
  test('jsonb operators and the json path argument', async () => {
    for (const v of EVIL) {
      const r1 = await gql(admin, 'query ($v: jsonb) { thread(where: {metadata: {_contains: $v}}) { threadId } }', { v: { k: v } });
      assert.deepEqual(r1.json.data.thread, []);
      const r2 = await gql(admin, 'query ($v: String!) { thread(where: {metadata: {_hasKey: $v}}) { threadId } }', { v });
      assert.deepEqual(r2.json.data.thread, []);
      const r3 = await gql(admin, 'query ($p: String) { thread(limit: 1) { metadata(path: $p) } }', { p: `$.${v}` });
      assert.ok(r3.json.data, r3.text);
    }
  });
  test('insert, update, by-pk and delete values are stored and matched as values', async () => {
    const name = EVIL[0];
    const ins = await gql(admin, 'mutation ($n: String!) { insertCategoryOne(object: {categoryId: 9001, name: $n, order: 9001}) { categoryId name } }', { n: name });
    assert.deepEqual(ins.json.data, { insertCategoryOne: { categoryId: 9001, name } });
    const upd = await gql(admin, `mutation { updateCategoryByPk(pkColumns: {categoryId: 9001}, _set: {name: ${JSON.stringify(EVIL[1])}}) { name } }`);
    assert.deepEqual(upd.json.data, { updateCategoryByPk: { name: EVIL[1] } });
    assert.deepEqual(await sql('SELECT name FROM category WHERE category_id = 9001'), [{ name: EVIL[1] }]);
    const bypk = await gql(admin, 'query ($id: Int!) { categoryByPk(categoryId: $id) { name } }', { id: 9001 });
    assert.equal(bypk.json.data.categoryByPk.name, EVIL[1]);
    const del = await gql(admin, 'mutation ($n: String!) { deleteCategory(where: {name: {_eq: $n}}) { affectedRows } }', { n: EVIL[1] });
    assert.deepEqual(del.json.data, { deleteCategory: { affectedRows: 1 } });
  });
  test('/v1/query (run_sql) is admin only', async () => {
    const t = await mintToken({ user: USERS.alice });
    const r = await post(`${srv.url}/v1/query`, { type: 'run_sql', args: { sql: 'DROP TABLE thread' } }, bearer(t));
    assert.equal(r.status, 400);
    assert.equal(r.json.code, 'access-denied');
    const r2 = await post(`${srv.url}/v1/query`, { type: 'run_sql', args: { sql: 'DROP TABLE thread' } }, {});
    assert.equal(r2.json.code, 'access-denied');
  });
});

describe('request errors in Hasura\'s shape', () => {
  test('bad JSON, missing query, syntax error, unexpected variables, operationName rules', async () => {
    const bad = await post(`${srv.url}/v1/graphql`, '{"query": ', {});
    assert.equal(bad.status, 200);
    assert.equal(bad.json.errors[0].extensions.code, 'invalid-json');
    assert.deepEqual((await post(`${srv.url}/v1/graphql`, { variables: {} }, {})).json, err('parse-failed', "the key 'query' was not present"));
    assert.deepEqual((await gql({}, '{ chatbot { ')).json, err('validation-failed', 'not a valid graphql query', '$.query'));
    assert.deepEqual((await gql({}, Q, { a: 1, b: 2 })).json, err('validation-failed', 'unexpected variables in variableValues: a, b'));
    assert.deepEqual((await gql({}, 'query ($id: Int!) { chatbotByPk(chatbotId: $id) { name } }', {})).json, err('validation-failed', 'expecting a value for non-nullable variable: "id"'));
    assert.deepEqual((await post(`${srv.url}/v1/graphql`, { query: 'query a { chatbot { name } } query b { category { name } }' }, {})).json,
      err('validation-failed', 'exactly one operation has to be present in the document when operationName is not specified'));
    assert.deepEqual((await gql({}, 'subscription { chatbot { name } }')).json, err('unexpected-payload', 'subscriptions are not supported over HTTP, use websockets instead'));
  });
  test('batched requests answer with an array, one element per request', async () => {
    const r = await post(`${srv.url}/v1/graphql`, [{ query: '{ nope }' }, { query: '{ chatbotAggregate { aggregate { count } } }' }], {});
    assert.equal(r.json.length, 2);
    assert.equal(r.json[0].errors[0].extensions.code, 'validation-failed');
    assert.ok(r.json[1].data.chatbotAggregate.aggregate.count > 0);
  });
  test('gzip only when asked for and the body is 700 bytes or more', async () => {
    const http = await import('node:http');
    const zlib = await import('node:zlib');
    const raw = (query, enc) => new Promise((resolve, reject) => {
      const body = JSON.stringify({ query });
      const req = http.request(`${srv.url}/v1/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': enc } }, (res) => {
        const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject); req.end(body);
    });
    const big = await raw('{ chatbot { name description } }', 'gzip');
    assert.equal(big.headers['content-encoding'], 'gzip');
    assert.ok(JSON.parse(zlib.gunzipSync(big.body)).data.chatbot.length > 0);
    const small = await raw('{ chatbot(limit: 1) { name } }', 'gzip');
    assert.equal(small.headers['content-encoding'], undefined);
    const plain = await raw('{ chatbot { name description } }', 'identity');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(JSON.parse(plain.body).data);
  });
  test('CORS as Hasura by default: any origin, preflight 204', async () => {
    const pre = await fetch(`${srv.url}/v1/graphql`, { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-headers': 'content-type,authorization' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://example.test');
    assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type,authorization');
    const r = await post(`${srv.url}/v1/graphql`, { query: Q }, { origin: 'http://example.test' });
    assert.equal(r.headers.get('access-control-allow-origin'), 'http://example.test');
    const cached = await gql({}, 'query @cached(ttl: 5) { chatbot(limit: 1) { name } }');
    assert.ok(cached.json.data, 'the @cached directive is accepted');
  });
  test('healthz, version, unknown paths, keep-alive with Content-Length', async () => {
    const h = await fetch(`${srv.url}/healthz`);
    assert.equal(await h.text(), 'OK');
    assert.deepEqual(await (await fetch(`${srv.url}/v1/version`)).json(), { version: 'v2.48.10', server_type: 'ce' });
    const g = await fetch(`${srv.url}/v1/graphql`);
    assert.equal(g.status, 200);
    assert.deepEqual(await g.json(), err('not-supported', 'PersistedQueryNotSupported'));
    const nf = await fetch(`${srv.url}/nope`);
    assert.equal(nf.status, 404);
    assert.deepEqual(await nf.json(), { path: '$', error: 'resource does not exist', code: 'not-found' });
    const r = await post(`${srv.url}/v1/graphql`, { query: Q }, { 'x-request-id': 'req-42' });
    assert.equal(r.headers.get('x-request-id'), 'req-42', 'x-request-id is echoed on success');
    assert.ok(Number(r.headers.get('content-length')) > 0);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  });
});
