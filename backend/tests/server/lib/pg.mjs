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

export async function freshDatabase(name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
    await c.query(`ALTER DATABASE ${name} SET timezone TO 'UTC'`);
  });
  const c = new pg.Client({ connectionString: dbUrl(name) });
  await c.connect();
  await c.query('CREATE SCHEMA IF NOT EXISTS hge_tests');
  // Hasura's test databases have PostGIS; ours do when the Debian package is installed.
  let postgis = true;
  try { await c.query('CREATE EXTENSION IF NOT EXISTS postgis'); } catch { postgis = false; }
  // some setups run SET lc_monetary TO "en_US.utf-8" (Hasura's CI image has that locale)
  let enUS = true;
  try { await c.query('SET lc_monetary TO "en_US.utf-8"'); } catch { enUS = false; }
  await c.end();
  return { url: dbUrl(name), postgis, enUS };
}

export async function dropDatabase(name) {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
