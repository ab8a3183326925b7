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
