// HTTP endpoints: /v1/graphql (single and batched), /v1/query, /healthz, /v1/version.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { HasuraError, gqlError, legacyError } from './errors.mjs';
import { authenticate } from './auth.mjs';
import { runRequest } from './execute.mjs';
import { runQueryApi } from './query-api.mjs';

export const VERSION = { version: 'v2.48.10', server_type: 'ce' };
const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY = 16 * 1024 * 1024;

function send(res, status, body, type = JSON_TYPE, extra = {}) {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': buf.length, ...extra });
  res.end(buf);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let n = 0;
    req.on('data', (c) => {
      n += c.length;
      if (n > MAX_BODY) { reject(new HasuraError('bad-request', 'request body too large', '$')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text) {
  try { return JSON.parse(text); } catch { throw new HasuraError('invalid-json', 'Error in $: Failed reading: not a valid json value', '$'); }
}

async function graphqlEndpoint(state, req, res) {
  const requestId = req.headers['x-request-id'] || crypto.randomUUID();
  // As Hasura's mkSpockAction: the body is read, the credentials resolved, then the body parsed.
  let text;
  try {
    text = await readBody(req);
  } catch (e) {
    return send(res, 200, JSON.stringify({ errors: [gqlError(e)] }));
  }
  let session;
  try {
    session = await authenticate(state, req.headers);
  } catch (e) {
    // HASURA_GRAPHQL_PRESERVE_401_ERRORS keeps 401 for admin-secret failures (JWT errors are 400 -> 200)
    const status = state.cfg?.preserve401 && e instanceof HasuraError && e.status === 401 ? 401 : 200;
    return send(res, status, JSON.stringify({ errors: [gqlError(e)] }));
  }
  let body;
  try {
    body = parseJson(text);
  } catch (e) {
    return send(res, 200, JSON.stringify({ errors: [gqlError(e)] }));
  }
  let out;
  if (Array.isArray(body)) {
    const parts = [];
    for (const b of body) parts.push(await runRequest(state, b, session));
    out = `[${parts.join(',')}]`;
  } else out = await runRequest(state, body, session);
  if (out.startsWith('{"errors"')) return send(res, 200, out); // errors: no request id, never compressed
  sendMaybeGzip(req, res, out, { 'x-request-id': requestId });
}

// Hasura's compression: gzip only when asked for; small bodies (< 700 B) stay plain when the client
// also accepts identity; level 1 up to 20 000 B, else 6.
function sendMaybeGzip(req, res, text, extra) {
  const accept = String(req.headers['accept-encoding'] || '').toLowerCase();
  const codings = new Map(accept.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
    const [name, ...params] = x.split(';').map((y) => y.trim());
    const q = params.find((y) => y.startsWith('q='));
    return [name, q ? Number(q.slice(2)) : 1];
  }));
  const gzipOk = (codings.get('gzip') ?? 0) > 0;
  const identityOk = codings.has('identity') ? codings.get('identity') > 0 : !codings.has('*') || codings.get('*') > 0;
  const buf = Buffer.from(text, 'utf8');
  if (!gzipOk || (buf.length < 700 && identityOk)) return send(res, 200, text, JSON_TYPE, extra);
  const gz = zlib.gzipSync(buf, { level: buf.length <= 20000 ? 1 : 6 });
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': gz.length, 'Content-Encoding': 'gzip', ...extra });
  res.end(gz);
}

async function queryEndpoint(state, req, res, metadataApi = false) {
  try {
    const text = await readBody(req);
    const session = await authenticate(state, req.headers);
    const body = parseJson(text);
    if (session.role !== 'admin') throw new HasuraError('access-denied', 'restricted access : admin only', '$', 400);
    const r = await runQueryApi(state, body, metadataApi);
    send(res, 200, JSON.stringify(r));
  } catch (e) {
    if (!(e instanceof HasuraError)) console.error('internal error:', e);
    const status = e instanceof HasuraError ? e.status : 500;
    const body = legacyError(e);
    if (e instanceof HasuraError && e.internal) body.internal = e.internal;
    send(res, status, JSON.stringify(body));
  }
}

// Hasura's default CORS policy: any origin, with credentials; preflights answered with 204.
function cors(req, res) {
  const origin = req.headers.origin;
  if (!origin) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || '*',
    'Access-Control-Max-Age': '1728000', 'Content-Length': 0,
  });
  res.end();
  return true;
}

export function makeHandler(state) {
  return (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname;
    if (cors(req, res)) return;
    const done = (e) => {
      console.error('internal error:', e);
      if (!res.headersSent) send(res, 500, JSON.stringify({ path: '$', error: 'Internal Server Error', code: 'unexpected' }));
    };
    if (req.method === 'GET' && (p === '/healthz' || p === '/hasura/healthz')) return send(res, 200, 'OK', 'text/plain; charset=utf-8');
    if (req.method === 'GET' && p === '/v1/version') return send(res, 200, JSON.stringify(VERSION));
    if (req.method === 'POST' && p === '/v1/graphql') return graphqlEndpoint(state, req, res).catch(done);
    if (req.method === 'GET' && p === '/v1/graphql') {
      // GET is for persisted queries only, which CE does not support
      return send(res, 200, JSON.stringify({ errors: [gqlError(new HasuraError('not-supported', 'PersistedQueryNotSupported', '$'))] }));
    }
    if (req.method === 'POST' && (p === '/v1/query' || p === '/v2/query')) return queryEndpoint(state, req, res).catch(done);
    if (req.method === 'POST' && p === '/v1/metadata') return queryEndpoint(state, req, res, true).catch(done);
    req.resume();
    send(res, 404, JSON.stringify({ path: '$', error: 'resource does not exist', code: 'not-found' }));
  };
}
