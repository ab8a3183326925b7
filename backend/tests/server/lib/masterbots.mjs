// The server in Masterbots mode (graphql-default, backend/hasura/metadata, JWT + admin secret,
// unauthorized role anonymous) on the suite's seeded `masterbots` database, plus JWTs minted
// the way Masterbots mints them (SCHEMA.md §4).
import path from 'node:path';
import pg from 'pg';
import { SignJWT } from 'jose';
import { startServer, post } from './server.mjs';
import { REPO } from './fixtures.mjs';

export const ADMIN_SECRET = 'masterbots-test-admin-secret';
export const JWT_KEY = 'masterbots-test-jwt-key-0123456789abcdef';
export const NS = 'https://hasura.io/jwt/claims';
export const USERS = {
  alice: '00000000-0000-4000-a000-000000000001',
  bob: '00000000-0000-4000-a000-000000000002',
  carol: '00000000-0000-4000-a000-000000000003', // moderator
  dave: '00000000-0000-4000-a000-000000000004',
};

export function masterbotsUrl() {
  const u = process.env.MB_TEST_MASTERBOTS_URL;
  if (!u) throw new Error('MB_TEST_MASTERBOTS_URL is not set (the suite script sets it from `backend/local db url`)');
  return u;
}

export async function startMasterbots(extraEnv = {}) {
  return startServer({
    MB_PG_URL: masterbotsUrl(), MB_NAMING: 'graphql-default', MB_METADATA_DIR: path.join(REPO, 'backend/hasura/metadata'),
    HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET, HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous',
    HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY, claims_namespace: NS }),
    ...extraEnv,
  });
}

// Masterbots' getToken(): HS256, claims namespace, allowed roles, default role, user id, exp/iat/nbf.
export async function mintToken({ user, role = 'user', ttl = 3600, key = JWT_KEY, claims, iat, exp, nbf, alg = 'HS256' }) {
  const now = Math.floor(Date.now() / 1000);
  const payload = claims ?? {
    [NS]: { 'x-hasura-allowed-roles': ['user', 'anonymous', 'moderator'], 'x-hasura-default-role': role, 'x-hasura-user-id': user },
    user: { role, account: user, sessionId: 'unset' },
  };
  const jwt = new SignJWT({ ...payload, exp: exp ?? now + ttl, iat: iat ?? now, nbf: nbf ?? now - 1 }).setProtectedHeader({ alg, typ: 'JWT' });
  return jwt.sign(new TextEncoder().encode(key));
}

// A client for one identity: {admin:true} | {token} | {} (anonymous); extra headers allowed.
export function client(srv, who = {}) {
  return async (query, variables, headers = {}) => {
    const h = { ...headers };
    if (who.admin) h['x-hasura-admin-secret'] = ADMIN_SECRET;
    if (who.role) h['x-hasura-role'] = who.role;
    if (who.token) h.authorization = `Bearer ${who.token}`;
    const body = { query };
    if (variables !== undefined) body.variables = variables;
    const r = await post(`${srv.url}/v1/graphql`, body, h);
    return r.json;
  };
}

// Direct SQL on the Masterbots database: the independent source of expected answers.
export async function sql(text, params = []) {
  const c = new pg.Client({ connectionString: masterbotsUrl() });
  await c.connect();
  try { return (await c.query(text, params)).rows; } finally { await c.end(); }
}
