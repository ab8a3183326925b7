// backend/local up|down|status|env|token around a server process. The real
// server is another issue's work, so a small stand-in (fixtures/fake-server.mjs,
// via MB_SERVER_MAIN) checks the environment it is given; these tests cover the
// launcher: PKI, secrets, pid file, /healthz wait, bad states, no leftovers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { jwtVerify, decodeProtectedHeader } from 'jose';
import { stack, local, processesUnder, serverProcesses, portOpen, occupyPort, stopChild, BACKEND } from './helpers.mjs';

const env = { ...stack(3), MB_SERVER_MAIN: path.join(BACKEND, 'tests/db/fixtures/fake-server.mjs') };
const S = env.MB_STATE_DIR;
const serverPidFile = path.join(S, 'server/server.pid');
const serverPid = () => Number(fs.readFileSync(serverPidFile, 'utf8').trim());

function get(url, ca) {
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
}
function shellEnv() {
  const r = spawnSync('bash', ['-c', `eval "$("${path.join(BACKEND, 'local')}" env)" && env`],
    { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Object.fromEntries(r.stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

let upOut;
before(() => {
  fs.rmSync(S, { recursive: true, force: true });
  const r = local(env, 'up');
  assert.equal(r.code, 0, r.all);
  upOut = r.out;
});
after(() => {
  local(env, 'down');
  fs.rmSync(S, { recursive: true, force: true });
});

test('up prints the URLs, admin secret, CA file and where the JWT key is kept', () => {
  const secret = fs.readFileSync(path.join(S, 'secrets/admin_secret'), 'utf8');
  assert.match(upOut, new RegExp(`HTTP: +http://127\\.0\\.0\\.1:${env.MB_HTTP_PORT}/v1/graphql`));
  assert.match(upOut, new RegExp(`HTTPS: +https://127\\.0\\.0\\.1:${env.MB_HTTPS_PORT}/v1/graphql`));
  assert.ok(upOut.includes(`admin secret: ${secret}`));
  assert.ok(upOut.includes(`CA file:      ${S}/pki/ca.crt`));
  assert.ok(upOut.includes(`JWT key file: ${S}/secrets/jwt_key`));
  assert.match(secret, /^[0-9a-f]{48}$/);
  for (const f of ['secrets/admin_secret', 'secrets/jwt_key', 'pki/ca.key', 'pki/server.key']) {
    assert.equal(fs.statSync(path.join(S, f)).mode & 0o077, 0, `${f} is readable by its owner only`);
  }
});

test('the server gets the promised environment', async () => {
  const ca = fs.readFileSync(path.join(S, 'pki/ca.crt'));
  const { status, body } = await get(`https://localhost:${env.MB_HTTPS_PORT}/env`, ca);
  assert.equal(status, 200);
  const e = JSON.parse(body);
  const key = fs.readFileSync(path.join(S, 'secrets/jwt_key'), 'utf8');
  assert.ok(Buffer.byteLength(key) >= 32);
  assert.deepEqual(JSON.parse(e.HASURA_GRAPHQL_JWT_SECRET), { type: 'HS256', key, claims_namespace: 'https://hasura.io/jwt/claims' });
  assert.deepEqual({ ...e, HASURA_GRAPHQL_JWT_SECRET: undefined }, {
    MB_PG_URL: `postgres://postgres@127.0.0.1:${env.MB_PG_PORT}/masterbots`, MB_HOST: '127.0.0.1',
    MB_HTTP_PORT: env.MB_HTTP_PORT, MB_HTTPS_PORT: env.MB_HTTPS_PORT,
    MB_TLS_CERT: `${S}/pki/server.crt`, MB_TLS_KEY: `${S}/pki/server.key`,
    HASURA_GRAPHQL_ADMIN_SECRET: fs.readFileSync(path.join(S, 'secrets/admin_secret'), 'utf8'),
    HASURA_GRAPHQL_JWT_SECRET: undefined, HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous',
    MB_METADATA_DIR: path.join(BACKEND, 'hasura/metadata'), MB_NAMING: 'graphql-default',
  });
});

test('the certificate verifies for localhost and 127.0.0.1 with the CA, and not with the wrong CA', async () => {
  const ca = fs.readFileSync(path.join(S, 'pki/ca.crt'));
  assert.equal((await get(`https://localhost:${env.MB_HTTPS_PORT}/healthz`, ca)).status, 200);
  assert.equal((await get(`https://127.0.0.1:${env.MB_HTTPS_PORT}/healthz`, ca)).status, 200);
  await assert.rejects(get(`https://localhost:${env.MB_HTTPS_PORT}/healthz`, fs.readFileSync(path.join(S, 'pki/wrongca.crt'))),
    /self[- ]signed|unable to verify|certificate/i);
  const san = spawnSync('openssl', ['x509', '-in', path.join(S, 'pki/server.crt'), '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8' });
  assert.match(san.stdout, /DNS:localhost, DNS:127\.0\.0\.1, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1/);
});

test('env prints export lines that a shell can eval', () => {
  const e = shellEnv();
  assert.equal(e.MB_URL, `http://127.0.0.1:${env.MB_HTTP_PORT}/v1/graphql`);
  assert.equal(e.MB_HTTPS_URL, `https://127.0.0.1:${env.MB_HTTPS_PORT}/v1/graphql`);
  assert.equal(e.MB_CA_FILE, `${S}/pki/ca.crt`);
  assert.equal(e.MB_WRONG_CA_FILE, `${S}/pki/wrongca.crt`);
  assert.equal(e.HASURA_GRAPHQL_ADMIN_SECRET, fs.readFileSync(path.join(S, 'secrets/admin_secret'), 'utf8'));
  assert.equal(e.MB_JWT_SECRET_FILE, `${S}/secrets/jwt_key`);
  assert.equal(e.MB_PG_URL, `postgres://postgres@127.0.0.1:${env.MB_PG_PORT}/masterbots`);
});

test('token mints an HS256 JWT with Masterbots claims, verifiable with the local key', async () => {
  const user = '00000000-0000-4000-a000-000000000003';
  const r = local(env, 'token', '--user', user, '--role', 'moderator', '--ttl', '600');
  assert.equal(r.code, 0, r.all);
  const token = r.out.trim();
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'prints only the token');
  const key = new TextEncoder().encode(fs.readFileSync(path.join(S, 'secrets/jwt_key'), 'utf8'));
  const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
  assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
  assert.deepEqual(payload['https://hasura.io/jwt/claims'], {
    'x-hasura-allowed-roles': ['user', 'anonymous', 'moderator'], 'x-hasura-default-role': 'moderator', 'x-hasura-user-id': user,
  });
  assert.deepEqual(payload.user, { role: 'moderator', account: user, sessionId: 'unset' });
  assert.equal(payload.exp - payload.iat, 600);
  assert.equal(payload.nbf, payload.iat - 1);
  const def = local(env, 'token', '--user', user);
  const p2 = (await jwtVerify(def.out.trim(), key)).payload;
  assert.equal(p2['https://hasura.io/jwt/claims']['x-hasura-default-role'], 'user');
  assert.equal(p2.exp - p2.iat, 86400);
  for (const [args, re] of [[['--user', 'nope'], /must be a UUID/], [['--user', user, '--role', 'admin'], /--role must be one of/],
    [['--user', user, '--ttl', '-5'], /--ttl must be a positive number/], [[], /--user is missing/], [['--bogus'], /unknown argument/]]) {
    const b = local(env, 'token', ...args);
    assert.equal(b.code, 2, args.join(' '));
    assert.match(b.err, re);
    assert.equal(b.out, '');
  }
});

test('up twice says already running and keeps the same server, secrets and certificates', () => {
  const pid = serverPid();
  const before = ['secrets/admin_secret', 'secrets/jwt_key', 'pki/ca.crt', 'pki/server.crt'].map((f) => fs.readFileSync(path.join(S, f), 'utf8'));
  const r = local(env, 'up');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /PostgreSQL is already running/);
  assert.match(r.out, /server is already running \(pid \d+\)/);
  assert.equal(serverPid(), pid);
  assert.deepEqual(['secrets/admin_secret', 'secrets/jwt_key', 'pki/ca.crt', 'pki/server.crt'].map((f) => fs.readFileSync(path.join(S, f), 'utf8')), before);
  const st = local(env, 'status');
  assert.equal(st.code, 0, st.all);
  assert.match(st.out, /server: running/);
});

test('a server killed behind our back leaves a stale pid file that is reported and replaced', async () => {
  const pid = serverPid();
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
  let r = local(env, 'status');
  assert.equal(r.code, 1);
  assert.match(r.out, /server: not running \(stale pid file/);
  r = local(env, 'up');
  assert.equal(r.code, 0, r.all);
  assert.match(r.err, /stale pid file .*server\.pid: pid \d+ is not our server; removing the file/);
  assert.notEqual(serverPid(), pid);
});

test('a busy HTTP port is reported with the variable to change', async () => {
  assert.equal(local(env, 'down').code, 0);
  const holder = await occupyPort(env.MB_HTTP_PORT);
  try {
    const r = local(env, 'up');
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`port ${env.MB_HTTP_PORT} on 127\\.0\\.0\\.1 is already in use by .*node.*the server's HTTP port.*MB_HTTP_PORT`));
    assert.ok(!fs.existsSync(serverPidFile));
  } finally {
    await stopChild(holder);
  }
});

test('a server that exits during start-up is reported with its log, and nothing is left of it', () => {
  const r = local({ ...env, FAKE_SERVER_MODE: 'crash' }, 'up');
  assert.equal(r.code, 1);
  assert.match(r.err, /the server exited during start-up/);
  assert.match(r.err, /crashing on purpose/);
  assert.ok(!fs.existsSync(serverPidFile));
  assert.deepEqual(serverProcesses(env.MB_SERVER_MAIN, env), []);
});

test('a server that never becomes healthy is stopped after MB_SERVER_TIMEOUT with a clear message', () => {
  const r = local({ ...env, FAKE_SERVER_MODE: 'slow', MB_SERVER_TIMEOUT: '2' }, 'up');
  assert.equal(r.code, 1);
  assert.match(r.err, /did not answer GET \/healthz with 200 within 2 s \(MB_SERVER_TIMEOUT\); stopping it/);
  assert.ok(!fs.existsSync(serverPidFile));
  assert.deepEqual(serverProcesses(env.MB_SERVER_MAIN, env), []);
});

test('down stops the server and the database: no process left, ports closed', async () => {
  assert.equal(local(env, 'up').code, 0);
  const r = local(env, 'down');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /server stopped/);
  assert.match(r.out, /PostgreSQL stopped/);
  assert.deepEqual(processesUnder(S), []);
  assert.deepEqual(serverProcesses(env.MB_SERVER_MAIN, env), []);
  for (const p of [env.MB_PG_PORT, env.MB_HTTP_PORT, env.MB_HTTPS_PORT]) assert.equal(await portOpen(p), false, `port ${p}`);
  const st = local(env, 'status');
  assert.equal(st.code, 1);
});
