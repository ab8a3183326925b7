// HTTPS and WSS on loopback with certificates from a local CA generated at run time
// (openssl, as backend/local does); the certificates are never committed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { startMasterbots } from './lib/masterbots.mjs';
import { connect } from './lib/wsclient.mjs';

let dir; let srv;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-tls-'));
  const run = (...a) => execFileSync('openssl', a, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=mb test CA', '-keyout', 'ca.key', '-out', 'ca.crt');
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr');
  fs.writeFileSync(path.join(dir, 'ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'ext', '-out', 'server.crt');
  srv = await startMasterbots({ MB_HTTPS_PORT: '0', MB_TLS_CERT: path.join(dir, 'server.crt'), MB_TLS_KEY: path.join(dir, 'server.key') });
});
after(async () => { await srv?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

const request = (opts, body) => new Promise((resolve, reject) => {
  const req = https.request({ host: '127.0.0.1', port: srv.httpsPort, method: 'POST', path: '/v1/graphql', ...opts }, (res) => {
    let d = ''; res.on('data', (c) => { d += c; }); res.on('end', () => resolve({ status: res.statusCode, body: d }));
  });
  req.on('error', reject);
  req.end(body);
});

test('HTTPS answers GraphQL with the local CA, and is refused without it', async () => {
  assert.ok(srv.httpsPort, 'server reported an HTTPS port');
  const ca = fs.readFileSync(path.join(dir, 'ca.crt'));
  const r = await request({ ca, servername: 'localhost' }, JSON.stringify({ query: '{ chatbotAggregate { aggregate { count } } }' }));
  assert.equal(r.status, 200);
  assert.ok(JSON.parse(r.body).data.chatbotAggregate.aggregate.count > 0);
  await assert.rejects(request({}, '{}'), /self-signed|unable to verify|certificate/i);
});

test('WSS speaks graphql-transport-ws', async () => {
  const ca = fs.readFileSync(path.join(dir, 'ca.crt'));
  const c = connect(`wss://127.0.0.1:${srv.httpsPort}/v1/graphql`, 'graphql-transport-ws', { ca, servername: 'localhost' });
  await c.opened;
  c.send({ type: 'connection_init', payload: { headers: {} } });
  assert.equal((await c.next()).type, 'connection_ack');
  c.close();
});

test('the server binds loopback only', () => {
  assert.match(srv.log(), /http\+ws on 127\.0\.0\.1:\d+/);
  assert.match(srv.log(), /https\+wss on 127\.0\.0\.1:\d+/);
});
