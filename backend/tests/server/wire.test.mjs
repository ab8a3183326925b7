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
