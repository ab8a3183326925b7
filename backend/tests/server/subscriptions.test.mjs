// WebSocket (graphql-transport-ws): Hasura's recorded live-query and streaming steps, and the
// protocol rules: connection_init with payload.headers, ack, ping/pong, keep-alive, errors,
// close codes 4400/4403/4408 and 1000 after start-failed, one root field per subscription, JWT expiry.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import YAML from 'yaml';
import fs from 'node:fs';
import { startServer, post } from './lib/server.mjs';
import { freshDatabase, dropDatabase } from './lib/pg.mjs';
import { FIXTURES, ADMIN_SECRET, loadYaml } from './lib/fixtures.mjs';
import { connect, initialised } from './lib/wsclient.mjs';
import { startMasterbots, mintToken, USERS } from './lib/masterbots.mjs';

const wsUrl = (srv) => `ws://127.0.0.1:${srv.port}/v1/graphql`;
const DB = 'mb_subscriptions';

async function fixtureServer(dirName) {
  const { url } = await freshDatabase(DB);
  const srv = await startServer({ MB_PG_URL: url, HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET, HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: 'true', HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL: '200' });
  const r = await post(`${srv.url}/v1/query`, loadYaml(path.join(FIXTURES, dirName, 'setup.yaml')), { 'x-hasura-admin-secret': ADMIN_SECRET });
  assert.equal(r.status, 200, r.text);
  return srv;
}

async function replaySteps(srv, dirName, subscription, key) {
  steps.total += 1;
  const list = YAML.parse(fs.readFileSync(path.join(FIXTURES, dirName, 'steps.yaml'), 'utf8'));
  const c = await initialised(wsUrl(srv), { 'x-hasura-admin-secret': ADMIN_SECRET });
  c.send({ id: '1', type: 'subscribe', payload: { query: subscription } });
  const results = [];
  if (key === 'live_response') assert.deepEqual((await c.next()).payload, { data: { hge_tests_test_t2: [] } }, 'first live result is sent at once');
  for (const s of list) {
    const r = await post(`${srv.url}/v1/graphql`, { query: s.query, variables: s.variables ? JSON.parse(s.variables) : undefined }, { 'x-hasura-admin-secret': ADMIN_SECRET });
    assert.deepEqual(r.json, { data: JSON.parse(s.response) }, s.description);
    const m = await c.next();
    assert.equal(m.type, 'next');
    assert.equal(m.id, '1');
    const field = Object.keys(m.payload.data)[0];
    if (s[key]) assert.deepEqual(m.payload.data[field], JSON.parse(s[key]), `${s.description}: ${key}`);
    results.push(m.payload.data[field]);
  }
  c.send({ id: '1', type: 'complete' });
  c.close();
  steps.passed += 1;
  return results;
}

const steps = { passed: 0, total: 0 };
describe('recorded subscription steps', () => {
  after(async () => {
    await dropDatabase(DB).catch(() => {});
    console.log(`# conformance subscription step files passed/total: ${steps.passed}/${steps.total}`);
  });
  test('subscriptions/live_queries/steps.yaml: the live result follows insert, update, delete', async () => {
    const srv = await fixtureServer('subscriptions/live_queries');
    try {
      const res = await replaySteps(srv, 'subscriptions/live_queries', 'subscription { hge_tests_test_t2(order_by: {c1: asc}) { c1 c2 } }', 'live_response');
      assert.deepEqual(res[0], [{ c1: 1, c2: 'test1' }, { c1: 2, c2: 'test2' }]);
      assert.deepEqual(res[2], []);
    } finally { await srv.stop(); }
  });
  test('subscriptions/streaming/steps.yaml: the stream sends each new batch after the cursor', async () => {
    const srv = await fixtureServer('subscriptions/streaming');
    try {
      await replaySteps(srv, 'subscriptions/streaming', 'subscription { hge_tests_test_t2_stream(cursor: {initial_value: {c1: 0}}, batch_size: 10) { c1 c2 } }', 'stream_response');
    } finally { await srv.stop(); }
  });
});

describe('graphql-transport-ws protocol (Masterbots mode)', () => {
  let srv; let token;
  before(async () => {
    srv = await startMasterbots({ HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE: '1', HASURA_GRAPHQL_WEBSOCKET_CONNECTION_INIT_TIMEOUT: '1', HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL: '200' });
    token = await mintToken({ user: USERS.alice });
  });
  after(async () => { await srv?.stop(); });

  test('connection_init with payload.headers (JWT) is acknowledged; ping gets pong; keep-alive pings come', async () => {
    const c = await initialised(wsUrl(srv), { Authorization: `Bearer ${token}` });
    assert.equal(c.ws.protocol, 'graphql-transport-ws');
    c.send({ type: 'ping', payload: { message: 'x' } });
    assert.deepEqual(await c.next((m) => m.type === 'pong'), { type: 'pong', payload: { message: 'x' } });
    assert.deepEqual(await c.next((m) => m.type === 'ping', 3000), { type: 'ping', payload: { message: 'keepalive' } });
    c.close();
  });

  test('queries and mutations over the socket: next then complete; errors: error then complete', async () => {
    const c = await initialised(wsUrl(srv), { Authorization: `Bearer ${token}` });
    c.send({ id: 'q', type: 'subscribe', payload: { query: '{ chatbotAggregate { aggregate { count } } }' } });
    const n = await c.next();
    assert.equal(n.type, 'next');
    assert.ok(n.payload.data.chatbotAggregate.aggregate.count > 0);
    assert.deepEqual(await c.next(), { type: 'complete', id: 'q' });
    c.send({ id: 'e', type: 'subscribe', payload: { query: '{ nope }' } });
    assert.deepEqual(await c.next(), { type: 'error', id: 'e', payload: [{ message: "field 'nope' not found in type: 'query_root'", extensions: { path: '$.selectionSet.nope', code: 'validation-failed' } }] });
    assert.deepEqual(await c.next(), { type: 'complete', id: 'e' });
    c.send({ id: 'two', type: 'subscribe', payload: { query: 'subscription { chatbot { name } category { name } }' } });
    const two = await c.next();
    assert.equal(two.type, 'error');
    assert.equal(two.payload[0].message, 'subscriptions must select one top level field');
    c.close();
  });

  test('a live query as the user role re-sends when its rows change', async () => {
    const c = await initialised(wsUrl(srv), { Authorization: `Bearer ${token}` });
    c.send({ id: 's', type: 'subscribe', payload: { query: 'subscription ($u: uuid!) { threadAggregate(where: {userId: {_eq: $u}}) { aggregate { count } } }', variables: { u: USERS.alice } } });
    const first = await c.next();
    const n0 = first.payload.data.threadAggregate.aggregate.count;
    const admin = { 'x-hasura-admin-secret': 'masterbots-test-admin-secret' };
    const ins = await post(`${srv.url}/v1/graphql`, { query: `mutation { insertThreadOne(object: {threadId: "00000000-0000-4000-b000-0000000000e1", chatbotId: 1, slug: "mb-ws-live", userId: "${USERS.alice}"}) { threadId } }` }, admin);
    assert.ok(ins.json.data, ins.text);
    try {
      const second = await c.next();
      assert.equal(second.payload.data.threadAggregate.aggregate.count, n0 + 1);
    } finally {
      await post(`${srv.url}/v1/graphql`, { query: 'mutation { deleteThread(where: {slug: {_eq: "mb-ws-live"}}) { affectedRows } }' }, admin);
      c.close();
    }
  });

  test('messageStream (graphql-default) sends existing rows after the cursor, then each new batch', async () => {
    const admin = { 'x-hasura-admin-secret': 'masterbots-test-admin-secret' };
    const thread = '00000000-0000-4000-b000-0000000000e2';
    const ins = (slug, content, at) => post(`${srv.url}/v1/graphql`, { query: `mutation { insertMessageOne(object: {threadId: "${thread}", role: "user", slug: "${slug}", content: "${content}", createdAt: "${at}"}) { slug } }` }, admin);
    await post(`${srv.url}/v1/graphql`, { query: `mutation { insertThreadOne(object: {threadId: "${thread}", chatbotId: 1, slug: "mb-ws-stream", userId: "${USERS.alice}"}) { threadId } }` }, admin);
    const c = await initialised(wsUrl(srv), { Authorization: `Bearer ${token}` });
    try {
      assert.ok((await ins('mb-ws-s1', 'one', '2030-01-01T00:00:01Z')).json.data);
      c.send({ id: 'st', type: 'subscribe', payload: { query: `subscription ($t: uuid!) { messageStream(batchSize: 10, cursor: {initialValue: {createdAt: "2030-01-01T00:00:00Z"}, ordering: ASC}, where: {threadId: {_eq: $t}}) { content createdAt } }`, variables: { t: thread } } });
      assert.deepEqual((await c.next()).payload, { data: { messageStream: [{ content: 'one', createdAt: '2030-01-01T00:00:01+00:00' }] } });
      assert.ok((await ins('mb-ws-s2', 'two', '2030-01-01T00:00:02Z')).json.data);
      assert.ok((await ins('mb-ws-s3', 'three', '2030-01-01T00:00:03Z')).json.data);
      const got = [];
      while (got.length < 2) got.push(...(await c.next()).payload.data.messageStream.map((m) => m.content));
      assert.deepEqual(got, ['two', 'three']);
    } finally {
      c.close();
      await post(`${srv.url}/v1/graphql`, { query: `mutation { deleteThread(where: {threadId: {_eq: "${thread}"}}) { affectedRows } }` }, admin);
    }
  });

  test('a forged token at connection_init closes with 4403', async () => {
    const bad = await mintToken({ user: USERS.alice, key: 'not-the-server-key-not-the-server-key' });
    const c = connect(wsUrl(srv));
    await c.opened;
    c.send({ type: 'connection_init', payload: { headers: { Authorization: `Bearer ${bad}` } } });
    assert.equal((await c.closed()).code, 4403);
  });

  test('no connection_init within the timeout closes with 4408', async () => {
    const c = connect(wsUrl(srv));
    await c.opened;
    const cl = await c.closed(4000);
    assert.deepEqual(cl, { code: 4408, reason: 'Connection initialisation timed out' });
  });

  test('an unknown or malformed message closes with 4400; subscribe before init gets start-failed and 1000', async () => {
    const c = await initialised(wsUrl(srv), {});
    c.send({ type: 'bogus' });
    assert.equal((await c.closed()).code, 4400);
    const d = connect(wsUrl(srv));
    await d.opened;
    d.send({ id: '1', type: 'subscribe', payload: { query: '{ chatbot { name } }' } });
    assert.equal((await d.next()).payload.extensions.code, 'start-failed');
    assert.equal((await d.closed()).code, 1000, 'Hasura never sends 4401 (PROTOCOL.md §5)');
  });

  test('the socket ends when the JWT expires', async () => {
    const short = await mintToken({ user: USERS.alice, ttl: 2 });
    const c = await initialised(wsUrl(srv), { Authorization: `Bearer ${short}` });
    const cl = await c.closed(6000);
    assert.equal(cl.code, 1006, 'abrupt close, as Hasura tears the socket down at exp');
  });

  test('the Apollo protocol (subprotocol graphql-ws) also works: ka, start/data, stop, connection_error', async () => {
    const c = connect(wsUrl(srv), 'graphql-ws');
    await c.opened;
    assert.equal(c.ws.protocol, 'graphql-ws');
    c.send({ type: 'connection_init', payload: { headers: { Authorization: `Bearer ${token}` } } });
    assert.deepEqual(await c.next(), { type: 'connection_ack' });
    assert.deepEqual(await c.next((m) => m.type === 'ka', 3000), { type: 'ka' });
    c.send({ id: '1', type: 'start', payload: { query: 'subscription { chatbotAggregate { aggregate { count } } }' } });
    const d = await c.next();
    assert.equal(d.type, 'data');
    assert.ok(d.payload.data.chatbotAggregate.aggregate.count > 0);
    c.send({ id: '1', type: 'stop' });
    c.close();
    const bad = connect(wsUrl(srv), 'graphql-ws');
    await bad.opened;
    bad.send({ type: 'connection_init', payload: { headers: { Authorization: 'Bearer x.y.z' } } });
    const e = await bad.next();
    assert.equal(e.type, 'connection_error');
    assert.equal((await bad.closed()).code, 4400);
  });

  test('a duplicate operation id gets start-failed, then close 1000', async () => {
    const c = await initialised(wsUrl(srv), {});
    c.send({ id: 'dup', type: 'subscribe', payload: { query: 'subscription { chatbotAggregate { aggregate { count } } }' } });
    assert.equal((await c.next()).type, 'next');
    c.send({ id: 'dup', type: 'subscribe', payload: { query: 'subscription { chatbotAggregate { aggregate { count } } }' } });
    assert.deepEqual(await c.next(), { type: 'error', id: 'dup', payload: { message: 'an operation already exists with this id: dup', extensions: { path: '$', code: 'start-failed' } } });
    assert.equal((await c.closed()).code, 1000);
  });

  test('SIGTERM closes sockets with 1012 and the server exits 0', async () => {
    const s2 = await startMasterbots();
    const c = await initialised(wsUrl(s2), {});
    const exited = new Promise((resolve) => s2.child.once('exit', (code) => resolve(code)));
    s2.child.kill('SIGTERM');
    assert.equal((await c.closed()).code, 1012);
    assert.equal(await exited, 0);
  });

  test('anonymous (no token) subscribes through the unauthorized role and sees only its rows', async () => {
    const c = await initialised(wsUrl(srv), {});
    c.send({ id: 'a', type: 'subscribe', payload: { query: 'subscription { thread(where: {isPublic: {_eq: false}}) { threadId } }' } });
    assert.deepEqual((await c.next()).payload, { data: { thread: [] } });
    c.close();
  });
});
