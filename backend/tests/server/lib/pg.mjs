// Test databases in the suite's PostgreSQL cluster: created fresh, dropped after.
import pg from 'pg';

export function adminUrl() {
  const u = process.env.MB_TEST_PG_URL;
  if (!u) throw new Error('MB_TEST_PG_URL is not set (the suite script sets it from `backend/local db url`)');
  return u;
}

export function dbUrl(name) {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdmin(fn) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

// A template with what Hasura's test databases have (schema hge_tests, PostGIS when the Debian
// package is installed), made once per process; fresh databases are copies of it (fast).
const TEMPLATE = 'mb_fixture_template';
let template = null;
async function ensureTemplate() {
  if (template) return template;
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE}`);
    await c.query(`ALTER DATABASE ${TEMPLATE} SET timezone TO 'UTC'`);
  });
  const c = new pg.Client({ connectionString: dbUrl(TEMPLATE) });
  await c.connect();
  await c.query('CREATE SCHEMA IF NOT EXISTS hge_tests');
  let postgis = true;
  try { await c.query('CREATE EXTENSION IF NOT EXISTS postgis'); } catch { postgis = false; }
  // some setups run SET lc_monetary TO "en_US.utf-8" (Hasura's CI image has that locale)
  let enUS = true;
  try { await c.query('SET lc_monetary TO "en_US.utf-8"'); } catch { enUS = false; }
  await c.end();
  template = { postgis, enUS };
  return template;
}

export async function freshDatabase(name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const t = await ensureTemplate();
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
    await c.query(`ALTER DATABASE ${name} SET timezone TO 'UTC'`);
  });
  return { url: dbUrl(name), ...t };
}

export async function dropDatabase(name) {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (template) { await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`); template = null; }
  });
}
