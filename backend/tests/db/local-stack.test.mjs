// The whole local stack as the demo and the SDK tests use it: backend/local up
// with the real server (backend/server/main.mjs), the seeds, the metadata's
// permissions (including the three fixes) seen through GraphQL, HTTPS with the
// local CA, tokens from backend/local token. Skipped (visibly) while the
// server does not exist in the checkout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { stack, local, processesUnder, alive, BACKEND } from './helpers.mjs';

const env = stack(5);
const S = env.MB_STATE_DIR;
const hasServer = fs.existsSync(path.join(BACKEND, 'server/main.mjs'));
const skip = !hasServer && 'backend/server/main.mjs does not exist yet';
const ALICE = '00000000-0000-4000-a000-000000000001';
const CAROL = '00000000-0000-4000-a000-000000000003';

async function gql(query, { token, variables } = {}) {
  const res = await fetch(`http://127.0.0.1:${env.MB_HTTP_PORT}/v1/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}
const token = (user, role = 'user') => local(env, 'token', '--user', user, '--role', role).out.trim();
const slugs = (r) => r.data.thread.map((t) => t.slug).sort();

before(() => {
  if (!hasServer) return;
  fs.rmSync(S, { recursive: true, force: true });
  const r = local(env, 'up');
  assert.equal(r.code, 0, r.all);
});
after(() => {
  if (!hasServer) return;
  local(env, 'down');
  fs.rmSync(S, { recursive: true, force: true });
});

test('anonymous reads the catalogue with Masterbots relationship names', { skip }, async () => {
  const r = await gql(`{ category(orderBy: {order: ASC}, limit: 1) { name chatbots { chatbot { name metadata { domainName }
    complexityEnum { prompt } prompts { prompt { promptName } } } } } models(where: {enabled: {_eq: true}}, limit: 1) { model model_data { name } } }`);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  assert.equal(r.data.category[0].name, 'Healthcare');
  const bot = r.data.category[0].chatbots.map((c) => c.chatbot).find((b) => b.name === 'HealthBot');
  assert.deepEqual(bot.metadata, [{ domainName: 'Health & Medicine' }]);
  assert.ok(bot.complexityEnum.prompt.length > 10);
  assert.ok(bot.prompts.some((p) => p.prompt.promptName === 'HealthBot'));
  assert.equal(r.data.models.length, 1);
});

test('private threads: anonymous sees public+approved only, a user also its own, a moderator all', { skip }, async () => {
  const q = '{ thread { slug } }';
  const pub = ['python-list-vs-tuple-performance', 'sleep-better-after-night-shifts',
    'sleep-better-after-night-shifts-follow-up', 'tenant-rights-security-deposit'];
  assert.deepEqual(slugs(await gql(q)), pub);
  assert.deepEqual(slugs(await gql(q, { token: token(ALICE) })), [...pub, 'home-router-keeps-dropping-wifi'].sort());
  assert.equal((await gql(q, { token: token(CAROL, 'moderator') })).data.thread.length, 7);
  const msgs = '{ message(where: {threadId: {_eq: "00000000-0000-4000-b000-000000000007"}}) { content } }';
  assert.deepEqual((await gql(msgs)).data.message, []);
  assert.deepEqual((await gql(msgs, { token: token(ALICE) })).data.message, []);
  assert.equal((await gql(msgs, { token: token(CAROL, 'moderator') })).data.message.length, 2);
});

test('a user cannot change its own role; one-time tokens are not exposed', { skip }, async () => {
  const r = await gql(`mutation { updateUserByPk(pkColumns: {userId: "${ALICE}"}, _set: {role: "moderator"}) { role } }`, { token: token(ALICE) });
  assert.equal(r.data, undefined);
  assert.match(r.errors[0].message, /'role' not found in type: 'UserSetInput'/);
  const ok = await gql(`mutation { updateUserByPk(pkColumns: {userId: "${ALICE}"}, _set: {bio: "changed"}) { bio } }`, { token: token(ALICE) });
  assert.deepEqual(ok.data, { updateUserByPk: { bio: 'changed' } });
  const t = await gql('{ userToken { token } }', { token: token(CAROL, 'moderator') });
  assert.match(t.errors[0].message, /'userToken' not found in type: 'query_root'/);
});

test('a user creates a thread and a message; the thread is stamped with its id and its updatedAt follows', { skip }, async () => {
  const tok = token(ALICE);
  const th = await gql(`mutation { insertThreadOne(object: {chatbotId: 3, slug: "local-stack-test", isPublic: false}) { threadId userId model updatedAt } }`, { token: tok });
  assert.equal(th.errors, undefined, JSON.stringify(th.errors));
  assert.equal(th.data.insertThreadOne.userId, ALICE);
  assert.equal(th.data.insertThreadOne.model, 'OPENAI');
  const id = th.data.insertThreadOne.threadId;
  await new Promise((r) => setTimeout(r, 20));
  const m = await gql(`mutation { insertMessageOne(object: {threadId: "${id}", slug: "local-stack-test-q", role: "user", content: "hi"}) { messageId } }`, { token: tok });
  assert.equal(m.errors, undefined, JSON.stringify(m.errors));
  const after = await gql(`{ thread(where: {threadId: {_eq: "${id}"}}) { updatedAt messages { content } } }`, { token: tok });
  assert.ok(new Date(after.data.thread[0].updatedAt) > new Date(th.data.insertThreadOne.updatedAt));
  assert.deepEqual(after.data.thread[0].messages, [{ content: 'hi' }]);
  assert.deepEqual((await gql(`{ thread(where: {threadId: {_eq: "${id}"}}) { slug } }`)).data.thread, [], 'private to anonymous');
});

test('HTTPS answers with the local CA', { skip }, async () => {
  const body = JSON.stringify({ query: '{ categoryAggregate { aggregate { count } } }' });
  const out = await new Promise((resolve, reject) => {
    const req = https.request(`https://localhost:${env.MB_HTTPS_PORT}/v1/graphql`, {
      method: 'POST', ca: fs.readFileSync(path.join(S, 'pki/ca.crt')), headers: { 'content-type': 'application/json' },
    }, (res) => { let b = ''; res.on('data', (d) => { b += d; }); res.on('end', () => resolve(JSON.parse(b))); });
    req.on('error', reject);
    req.end(body);
  });
  assert.equal(out.data.categoryAggregate.aggregate.count, 12);
});

test('down leaves no process of the stack', { skip }, () => {
  const server = Number(fs.readFileSync(path.join(S, 'server/server.pid'), 'utf8'));
  assert.ok(alive(server), 'the server runs before down');
  const r = local(env, 'down');
  assert.equal(r.code, 0, r.all);
  assert.ok(!alive(server), 'the server is gone');
  assert.deepEqual(processesUnder(S), []);
});
