// Wire behaviour checked against Hasura v2.48's source (PROTOCOL.md and the files it cites) in a
// conformance review: where this server had answered differently from Hasura, the test names
// the Hasura file the expectation comes from.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, post } from './lib/server.mjs';
import { REPO } from './lib/fixtures.mjs';
import { connect, initialised } from './lib/wsclient.mjs';
import { startMasterbots, mintToken, USERS, ADMIN_SECRET, JWT_KEY, NS, masterbotsUrl } from './lib/masterbots.mjs';

let srv;
before(async () => { srv = await startMasterbots({ HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE: '1' }); });
after(async () => { await srv?.stop(); });

const gql = (headers, query, variables, extra = {}) => post(`${srv.url}/v1/graphql`, { query, ...(variables === undefined ? {} : { variables }), ...extra }, headers);
const err = (code, message, p = '$') => ({ errors: [{ message, extensions: { path: p, code } }] });
const bearer = (t) => ({ authorization: `Bearer ${t}` });
const b64 = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const wsUrl = () => `ws://127.0.0.1:${srv.port}/v1/graphql`;

describe('variables (Execute/Resolve.hs resolveVariables)', () => {
  test('a variable given in variableValues but not used by the operation is unexpected, even if declared', async () => {
    const r = await gql({}, 'query ($a: Int, $b: Int) { chatbot(limit: $a) { name } }', { a: 1, b: 2 });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, err('validation-failed', 'unexpected variables in variableValues: b'));
  });
  test('a declared variable that is neither used nor given is fine; a use inside a fragment counts', async () => {
    assert.ok((await gql({}, 'query ($a: Int, $b: Int) { chatbot(limit: $a) { name } }', { a: 1 })).json.data);
    const f = await gql({}, 'query ($a: Int) { ...F } fragment F on query_root { chatbot(limit: $a) { name } }', { a: 1 });
    assert.equal(f.json.data?.chatbot?.length, 1, f.text);
  });
  test('null for a non-nullable variable: "null value found for non-nullable type"', async () => {
    const r = await gql({}, 'query ($id: Int!) { chatbotByPk(chatbotId: $id) { name } }', { id: null });
    assert.deepEqual(r.json, err('validation-failed', 'null value found for non-nullable type: "Int!"'));
    const l = await gql({}, 'query ($ids: [Int!]!) { chatbot(where: {chatbotId: {_in: $ids}}) { name } }', { ids: null });
    assert.deepEqual(l.json, err('validation-failed', 'null value found for non-nullable type: "[Int!]!"'));
  });
  test('an undeclared variable is "unbound variable" at $, found before the fields are checked', async () => {
    assert.deepEqual((await gql({}, '{ chatbot(limit: $x) { name } }')).json, err('validation-failed', 'unbound variable "x"'));
    assert.deepEqual((await gql({}, '{ nope(limit: $x) }')).json, err('validation-failed', 'unbound variable "x"'));
  });
  test('a spread of an undefined fragment: "reference to undefined fragment" (Execute/Inline.hs)', async () => {
    assert.deepEqual((await gql({}, '{ chatbot { ...Nope } }')).json, err('validation-failed', 'reference to undefined fragment "Nope"'));
    assert.deepEqual((await gql({}, '{ chatbot { ...constructor } }')).json, err('validation-failed', 'reference to undefined fragment "constructor"'));
  });
  test('a variable defined twice: parse-failed "multiple definitions for variable"', async () => {
    const r = await gql({}, 'query ($a: Int, $a: Int) { chatbot(limit: $a) { name } }', { a: 1 });
    assert.deepEqual(r.json, err('parse-failed', 'multiple definitions for variable "a"'));
  });
});

describe('operationName (Transport/HTTP/Protocol.hs getSingleOperation)', () => {
  test('an anonymous `query { }` is not the shorthand `{ }`: operationName still picks a named operation', async () => {
    const r = await gql({}, 'query { chatbot(limit: 1) { name } } query B { category(limit: 1) { name } }', undefined, { operationName: 'B' });
    assert.equal(r.json.data?.category?.length, 1, r.text);
    const n = await gql({}, 'query { chatbot(limit: 1) { name } }', undefined, { operationName: 'X' });
    assert.deepEqual(n.json, err('validation-failed', 'no such operation found in the document: "X"'));
    const s = await gql({}, '{ chatbot(limit: 1) { name } } query B { category(limit: 1) { name } }', undefined, { operationName: 'B' });
    assert.deepEqual(s.json, err('validation-failed', 'operationName cannot be used when an anonymous operation exists in the document'));
  });
});

describe('authentication (Server/App.hs, Server/Auth/JWT.hs, hs-jose)', () => {
  test('credentials are checked before the body is parsed', async () => {
    const t = await mintToken({ user: USERS.alice, exp: Math.floor(Date.now() / 1000) - 10 });
    const r = await post(`${srv.url}/v1/graphql`, '{"query": ', bearer(t));
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, err('invalid-jwt', 'Could not verify JWT: JWTExpired'));
    const w = await post(`${srv.url}/v1/graphql`, 'not json', { 'x-hasura-admin-secret': 'wrong' });
    assert.equal(w.json.errors[0].extensions.code, 'access-denied');
  });
  test('alg none: no signature left to validate, JWSNoSignatures', async () => {
    const now = Math.floor(Date.now() / 1000);
    const t = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ [NS]: { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user' }, exp: now + 60 })}.`;
    assert.deepEqual((await gql(bearer(t), '{ category(limit: 1) { name } }')).json, err('invalid-jwt', 'Could not verify JWT: JWSError JWSNoSignatures'));
  });
  test('claims are decoded before the signature is checked: JWTClaimsSetDecodeError', async () => {
    const [h, , s] = (await mintToken({ user: USERS.alice })).split('.');
    const r = await gql(bearer(`${h}.${b64('not json')}.${s}`), '{ category(limit: 1) { name } }');
    assert.equal(r.json.errors[0].extensions.code, 'invalid-jwt');
    assert.match(r.json.errors[0].message, /^Could not verify JWT: JWTClaimsSetDecodeError /);
  });
  test('time claims in hs-jose order: exp, iat, nbf', async () => {
    const now = Math.floor(Date.now() / 1000);
    const t = await mintToken({ user: USERS.alice, iat: now + 600, nbf: now + 600 });
    assert.deepEqual((await gql(bearer(t), '{ category(limit: 1) { name } }')).json, err('invalid-jwt', 'Could not verify JWT: JWTIssuedAtFuture'));
  });
  test('Bearer and the token may be separated by any whitespace (BC.words)', async () => {
    const t = await mintToken({ user: USERS.alice });
    const r = await gql({ authorization: `Bearer\t${t}` }, '{ category(limit: 1) { name } }');
    assert.ok(r.json.data, r.text);
  });
  test('a default role that is not a string: "should be a single role name"', async () => {
    const t = await mintToken({ user: USERS.alice, claims: { [NS]: { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 5 } } });
    const r = await gql(bearer(t), '{ category(limit: 1) { name } }');
    assert.equal(r.json.errors[0].extensions.code, 'jwt-invalid-claims');
    assert.match(r.json.errors[0].message, /^invalid "x-hasura-default-role"; should be a single role name: /);
  });
  test('issuer and audience: checked only when the token has them; a wrong issuer is refused before the signature', async () => {
    const s2 = await startServer({
      MB_PG_URL: masterbotsUrl(), MB_NAMING: 'graphql-default', MB_METADATA_DIR: path.join(REPO, 'backend/hasura/metadata'), HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET,
      HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY, issuer: 'https://issuer.test', audience: 'mb', allowed_skew: -60 }),
    });
    try {
      const q = (t) => post(`${s2.url}/v1/graphql`, { query: '{ category(limit: 1) { name } }' }, bearer(t));
      const now = Math.floor(Date.now() / 1000);
      const plain = await mintToken({ user: USERS.alice, exp: now - 30 });
      assert.ok((await q(plain)).json.data, 'no iss, no aud in the token: accepted (allowed_skew is taken as its absolute value)');
      const roles = { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user' };
      const good = await mintToken({ user: USERS.alice, claims: { [NS]: roles, iss: 'https://issuer.test', aud: ['x', 'mb'] } });
      assert.ok((await q(good)).json.data);
      const wrongAud = await mintToken({ user: USERS.alice, claims: { [NS]: roles, aud: 'other' } });
      assert.deepEqual((await q(wrongAud)).json, err('invalid-jwt', 'Could not verify JWT: JWTNotInAudience'));
      const forgedOtherIssuer = await mintToken({ user: USERS.alice, key: 'an-attacker-key-that-is-long-enough!!', claims: { [NS]: roles, iss: 'https://other.test' } });
      assert.deepEqual((await q(forgedOtherIssuer)).json, err('invalid-jwt', 'Could not verify JWT: JWTNotInIssuer'));
    } finally { await s2.stop(); }
  });
});

describe('graphql-transport-ws (Transport/WebSocket.hs, WSServerApp.hs, WebSocket/Protocol.hs)', () => {
  const startFailed = (id, message) => [
    { type: 'error', id, payload: { message, extensions: { path: '$', code: 'start-failed' } } },
    { type: 'error', id, payload: message },
  ];
  test('subscribe before connection_init: start-failed (one error object), a string error, close 1000', async () => {
    const c = connect(wsUrl());
    await c.opened;
    c.send({ id: '1', type: 'subscribe', payload: { query: '{ category(limit: 1) { name } }' } });
    const m = 'start received before the connection is initialised';
    assert.deepEqual([await c.next(), await c.next()], startFailed('1', m));
    assert.deepEqual(await c.closed(), { code: 1000, reason: JSON.stringify({ server_error_msg: `4400: ${m}` }) });
  });
  test('a duplicate operation id: the same start-failed sequence', async () => {
    const c = await initialised(wsUrl(), {});
    c.send({ id: 'd', type: 'subscribe', payload: { query: 'subscription { categoryAggregate { aggregate { count } } }' } });
    assert.equal((await c.next()).type, 'next');
    c.send({ id: 'd', type: 'subscribe', payload: { query: 'subscription { categoryAggregate { aggregate { count } } }' } });
    const m = 'an operation already exists with this id: d';
    assert.deepEqual([await c.next(), await c.next()], startFailed('d', m));
    assert.deepEqual(await c.closed(), { code: 1000, reason: JSON.stringify({ server_error_msg: `4400: ${m}` }) });
  });
  test('messages are handled one at a time: a subscribe sent right behind connection_init is served', async () => {
    const t = await mintToken({ user: USERS.alice });
    const c = connect(wsUrl());
    await c.opened;
    c.ws._socket.cork(); // both frames in one TCP write: the server reads them in one go
    c.ws.send(JSON.stringify({ type: 'connection_init', payload: { headers: { Authorization: `Bearer ${t}` } } }));
    c.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ category(limit: 1) { name } }' } }));
    c.ws._socket.uncork();
    assert.deepEqual(await c.next(), { type: 'connection_ack' });
    assert.equal((await c.next()).type, 'next');
    assert.deepEqual(await c.next(), { type: 'complete', id: '1' });
    c.close();
  });
  test('a second connection_init is authenticated again from its payload headers alone and acknowledged', async () => {
    const t = await mintToken({ user: USERS.alice });
    const c = await initialised(wsUrl(), { Authorization: `Bearer ${t}` });
    const mine = 'query { thread(where: {isPublic: {_eq: false}}) { threadId } }';
    c.send({ id: 'a', type: 'subscribe', payload: { query: mine } });
    assert.ok((await c.next()).payload.data.thread.length > 0, 'alice sees her private threads');
    assert.deepEqual(await c.next(), { type: 'complete', id: 'a' });
    c.send({ type: 'connection_init', payload: { headers: {} } });
    assert.deepEqual(await c.next(), { type: 'connection_ack' });
    c.send({ id: 'b', type: 'subscribe', payload: { query: mine } });
    assert.deepEqual((await c.next()).payload, { data: { thread: [] } }, 'now anonymous: the upgrade request had no credentials');
    c.close();
  });
  test('ping payloads are read as {message}: pong re-encodes them', async () => {
    const c = connect(wsUrl());
    await c.opened;
    c.send({ type: 'ping', payload: { message: 'hi', x: 1 } });
    assert.deepEqual(await c.next((m) => m.type === 'pong'), { type: 'pong', payload: { message: 'hi' } });
    c.send({ type: 'ping', payload: { x: 1 } });
    assert.deepEqual(await c.next((m) => m.type === 'pong'), { type: 'pong', payload: { message: null } });
    c.send({ type: 'ping' });
    assert.deepEqual(await c.next((m) => m.type === 'pong'), { type: 'pong' });
    c.close();
  });
  test('messages that do not parse as a ClientMessage close with 4400 and Hasura\'s JSON reason', async () => {
    const bad = [
      { type: 'subscribe', id: '1', payload: { variables: {} } },
      { type: 'subscribe', id: '1', payload: { query: '{ category { name } }', variables: [1] } },
      { type: 'subscribe', id: '1' },
      { type: 'complete' },
      { type: 'ping', payload: 'x' },
      { type: 'connection_init', payload: { headers: { 'x-hasura-role': 5 } } },
      { type: 'connection_init', payload: 'x' },
      { type: 'bogus' },
    ];
    for (const m of bad) {
      const c = await initialised(wsUrl(), {});
      c.send(m);
      const cl = await c.closed();
      assert.equal(cl.code, 4400, JSON.stringify(m));
      assert.match(JSON.parse(cl.reason).server_error_msg, /^4400: Parsing client message failed: parsing ClientMessage failed: /, JSON.stringify(m));
      assert.ok(Buffer.byteLength(cl.reason) <= 123);
    }
  });
  test('auth failure at connection_init: 4403 with reason {"server_error_msg":"4403: Forbidden"}', async () => {
    const c = connect(wsUrl());
    await c.opened;
    c.send({ type: 'connection_init', payload: { headers: { Authorization: 'Bearer x.y.z' } } });
    assert.deepEqual(await c.closed(), { code: 4403, reason: JSON.stringify({ server_error_msg: '4403: Forbidden' }) });
  });
  test('Apollo protocol: init failure is connection_error then 4400 with a JSON reason', async () => {
    const c = connect(wsUrl(), 'graphql-ws');
    await c.opened;
    c.send({ type: 'connection_init', payload: { headers: { 'x-hasura-admin-secret': 'wrong' } } });
    const m = 'invalid "x-hasura-admin-secret"/"x-hasura-access-key"';
    assert.deepEqual(await c.next(), { type: 'connection_error', payload: m });
    assert.deepEqual(await c.closed(), { code: 4400, reason: JSON.stringify({ server_error_msg: `4400: Connection initialization failed: ${m}` }) });
  });
});
