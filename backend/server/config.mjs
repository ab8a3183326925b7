// Reads the server's environment (the interface `backend/local up` uses) and checks it.
import { parseJwtConfig } from './auth.mjs';

const bool = (v) => v === 'true' || v === '1';

export function readConfig(env = process.env) {
  const errors = [];
  const port = (name, dflt) => {
    const v = env[name] ?? String(dflt);
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) errors.push(`${name} must be a port number, got "${v}"`);
    return n;
  };
  const naming = env.MB_NAMING || 'hasura-default';
  if (!['hasura-default', 'graphql-default'].includes(naming)) errors.push(`MB_NAMING must be graphql-default or hasura-default, got "${naming}"`);
  if (!env.MB_PG_URL) errors.push('MB_PG_URL is required (postgres://user@host:port/db)');
  const host = env.MB_HOST || '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) errors.push(`MB_HOST must be a loopback address, got "${host}"`);
  let jwt = null;
  try { jwt = parseJwtConfig(env.HASURA_GRAPHQL_JWT_SECRET); } catch (e) { errors.push(e.message); }
  if (jwt && !env.HASURA_GRAPHQL_ADMIN_SECRET) errors.push('HASURA_GRAPHQL_JWT_SECRET requires HASURA_GRAPHQL_ADMIN_SECRET (as in Hasura)');
  const cfg = {
    pgUrl: env.MB_PG_URL, host, httpPort: port('MB_HTTP_PORT', 8080), httpsPort: port('MB_HTTPS_PORT', 8443),
    tlsCert: env.MB_TLS_CERT || null, tlsKey: env.MB_TLS_KEY || null,
    adminSecret: env.HASURA_GRAPHQL_ADMIN_SECRET || null, jwt, unauthorizedRole: env.HASURA_GRAPHQL_UNAUTHORIZED_ROLE || null,
    metadataDir: env.MB_METADATA_DIR || null, naming,
    stringify: bool(env.HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES || ''),
    preserve401: bool(env.HASURA_GRAPHQL_PRESERVE_401_ERRORS || ''),
    refetchMs: Number(env.HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL || 1000),
    keepAliveS: Number(env.HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE || 5),
    initTimeoutS: Number(env.HASURA_GRAPHQL_WEBSOCKET_CONNECTION_INIT_TIMEOUT || 3),
  };
  if ((cfg.tlsCert && !cfg.tlsKey) || (!cfg.tlsCert && cfg.tlsKey)) errors.push('MB_TLS_CERT and MB_TLS_KEY must be set together');
  return { cfg, errors };
}
