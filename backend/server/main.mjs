#!/usr/bin/env node
// Entry point: a Hasura-compatible GraphQL server on PostgreSQL (see README.md here).
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import pg from 'pg';
import { readConfig } from './config.mjs';
import { ServerState } from './state.mjs';
import { loadMetadataDir, emptyMetadata } from './metadata.mjs';
import { makeHandler } from './http.mjs';
import { attachWebSocket } from './ws.mjs';

const { cfg, errors } = readConfig();
if (errors.length) {
  for (const e of errors) console.error(`mb-server: ${e}`);
  process.exit(2);
}

const pool = new pg.Pool({ connectionString: cfg.pgUrl, max: 10 });
pool.on('error', (e) => console.error('mb-server: idle database connection error:', e.message));
const metadata = cfg.metadataDir && fs.existsSync(cfg.metadataDir) ? loadMetadataDir(cfg.metadataDir) : emptyMetadata();
const state = new ServerState({ pool, metadata, naming: cfg.naming, stringify: cfg.stringify, adminSecret: cfg.adminSecret, jwt: cfg.jwt, unauthorizedRole: cfg.unauthorizedRole });
state.cfg = cfg;
try {
  await state.reload();
} catch (e) {
  console.error('mb-server: cannot load the schema from the database:', e.message);
  process.exit(1);
}

const handler = makeHandler(state);
const servers = [];
const listen = (srv, port, label) => new Promise((resolve, reject) => {
  srv.keepAliveTimeout = 65000;
  srv.once('error', reject);
  srv.listen(port, cfg.host, () => { console.log(`mb-server: ${label} on ${cfg.host}:${srv.address().port}`); resolve(); });
});
const plain = http.createServer(handler);
attachWebSocket(plain, state);
servers.push(plain);
await listen(plain, cfg.httpPort, 'http+ws');
if (cfg.tlsCert && cfg.tlsKey) {
  const secure = https.createServer({ cert: fs.readFileSync(cfg.tlsCert), key: fs.readFileSync(cfg.tlsKey) }, handler);
  attachWebSocket(secure, state);
  servers.push(secure);
  await listen(secure, cfg.httpsPort, 'https+wss');
}
console.log(`mb-server: naming ${cfg.naming}, ${state.model.tables.size} tracked tables`);

let stopping = false;
async function stop(sig) {
  if (stopping) return;
  stopping = true;
  console.log(`mb-server: ${sig}, shutting down`);
  setTimeout(() => process.exit(0), 3000).unref(); // an unreachable database must not hold the exit
  await state.shutdown?.();
  for (const s of servers) { s.close(); s.closeAllConnections?.(); }
  await pool.end().catch(() => {});
  process.exit(0);
}
process.on('unhandledRejection', (e) => console.error('mb-server: unhandled rejection:', e));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
