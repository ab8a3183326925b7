// backend/docker-compose.yml, Taskfile.yml and .env.example parse and agree:
// the production environment of Hasura, only existing services named by the
// tasks (the upstream 'reload' task named one that does not exist), and
// `docker compose config` (tools/deps.sh pg installs Debian's docker-compose).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { BACKEND } from './helpers.mjs';

const compose = YAML.parse(fs.readFileSync(path.join(BACKEND, 'docker-compose.yml'), 'utf8'));
const taskfileText = fs.readFileSync(path.join(BACKEND, 'Taskfile.yml'), 'utf8');
const envExample = fs.readFileSync(path.join(BACKEND, '.env.example'), 'utf8');

// KEY=VALUE lines; a value in single quotes is literal (as compose and Task read it).
function parseDotenv(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!m) continue;
    out[m[1]] = /^'.*'$/.test(m[2]) ? m[2].slice(1, -1) : m[2];
  }
  return out;
}

// Services named by `docker compose <sub> [flags] SERVICE` in the tasks, and
// tasks named by `task: X` / `task X`; returns what does not exist.
export function taskfileProblems(taskfile, services) {
  const problems = [];
  const names = new Set(Object.keys(taskfile.tasks ?? {}));
  for (const [name, t] of Object.entries(taskfile.tasks ?? {})) {
    for (const c of t.cmds ?? []) {
      if (c && typeof c === 'object' && 'task' in c) {
        if (!names.has(c.task)) problems.push(`${name}: calls unknown task ${c.task}`);
        continue;
      }
      for (const m of String(c).matchAll(/(?:^|[\s;&|])task\s+([\w:-]+)/g)) {
        if (!names.has(m[1])) problems.push(`${name}: calls unknown task ${m[1]}`);
      }
      for (const m of String(c).matchAll(/docker compose\s+(up|restart|exec|stop|start|logs|rm|kill|run|pause|unpause)((?:\s+[^\s;&|]+)*)/g)) {
        const first = m[2].trim().split(/\s+/).map((w) => w.replace(/["'`]/g, '')).find((w) => w && !w.startsWith('-'));
        if (first && !services.includes(first)) problems.push(`${name}: docker compose ${m[1]} names unknown service ${first}`);
      }
    }
  }
  return problems;
}

test('docker-compose.yml runs PostgreSQL and the cli-migrations Hasura image, on loopback only', () => {
  assert.deepEqual(Object.keys(compose.services).sort(), ['database', 'hasura']);
  const { database: db, hasura } = compose.services;
  assert.match(db.image, /^postgres:15/);
  assert.match(hasura.image, /^hasura\/graphql-engine:v2\.\d+\.\d+\.cli-migrations-v3$/);
  assert.equal(hasura.depends_on.database.condition, 'service_healthy');
  for (const s of [db, hasura]) for (const p of s.ports) assert.match(p, /^127\.0\.0\.1:/, `port ${p} is published on loopback only`);
  const mounts = Object.fromEntries(hasura.volumes.map((v) => { const [src, dst] = v.split(':'); return [dst, src]; }));
  assert.equal(mounts['/hasura-migrations'], './hasura/migrations');
  assert.equal(mounts['/hasura-metadata'], './hasura/metadata');
  for (const src of Object.values(mounts)) assert.ok(fs.statSync(path.join(BACKEND, src)).isDirectory(), src);
  assert.equal(hasura.environment.HASURA_GRAPHQL_MIGRATIONS_DIR, '/hasura-migrations');
  assert.equal(hasura.environment.HASURA_GRAPHQL_METADATA_DIR, '/hasura-metadata');
});

test('Hasura gets the production environment; the secrets come from the environment', () => {
  const e = compose.services.hasura.environment;
  assert.equal(e.HASURA_GRAPHQL_UNAUTHORIZED_ROLE, 'anonymous');
  assert.equal(e.HASURA_GRAPHQL_EXPERIMENTAL_FEATURES, 'naming_convention');
  assert.equal(e.HASURA_GRAPHQL_DEFAULT_NAMING_CONVENTION, 'graphql-default');
  assert.match(e.HASURA_GRAPHQL_ADMIN_SECRET, /^\$\{HASURA_GRAPHQL_ADMIN_SECRET:\?/);
  assert.match(e.HASURA_GRAPHQL_JWT_SECRET, /^\$\{HASURA_GRAPHQL_JWT_SECRET:\?/);
  assert.match(e.HASURA_GRAPHQL_DATABASE_URL, /@database:5433\/masterbots$/);
  assert.equal(compose.services.database.environment.POSTGRES_DB, 'masterbots');
});

test('.env.example gives every variable the compose file requires, and a valid HS256 JWT secret', () => {
  const env = parseDotenv(envExample);
  const required = [...fs.readFileSync(path.join(BACKEND, 'docker-compose.yml'), 'utf8').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
  assert.deepEqual(required.sort(), ['HASURA_GRAPHQL_ADMIN_SECRET', 'HASURA_GRAPHQL_JWT_SECRET']);
  for (const k of required) assert.ok(env[k], `${k} is in .env.example`);
  const jwt = JSON.parse(env.HASURA_GRAPHQL_JWT_SECRET);
  assert.equal(jwt.type, 'HS256');
  assert.ok(Buffer.byteLength(jwt.key) >= 32, 'key of at least 32 bytes');
  assert.ok(!('claims_namespace' in jwt) || jwt.claims_namespace === 'https://hasura.io/jwt/claims');
});

test('Taskfile.yml has boot, up, down, migrate, seed and console; its tasks name only existing services and tasks', () => {
  const tf = YAML.parse(taskfileText);
  assert.equal(String(tf.version), '3');
  assert.deepEqual(tf.dotenv, ['.env']);
  for (const t of ['boot', 'up', 'down', 'migrate', 'seed', 'console']) assert.ok(tf.tasks[t], `task ${t}`);
  assert.deepEqual(taskfileProblems(tf, Object.keys(compose.services)), []);
});

test('the Taskfile check catches the upstream reload bug (a service that does not exist)', () => {
  const tf = YAML.parse(taskfileText);
  tf.tasks.reload.cmds = [{ task: 'down' }, 'docker compose up -d postgres', 'sleep 5', { task: 'nosuch' }];
  assert.deepEqual(taskfileProblems(tf, Object.keys(compose.services)),
    ['reload: docker compose up names unknown service postgres', 'reload: calls unknown task nosuch']);
});

// Compose v2 (`docker compose`) where installed, else Debian's docker-compose 1.29.
const validator = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0 ? ['docker', 'compose']
  : spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0 ? ['docker-compose'] : null;
test('docker compose config validates the compose file, and refuses to run without the secrets', () => {
    assert.ok(validator, 'neither docker compose nor docker-compose is installed (tools/deps.sh pg installs docker-compose)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-compose-'));
    const run = (extra) => spawnSync(validator[0], [...validator.slice(1), ...extra,
      '-f', path.join(BACKEND, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH } });
    try {
      const ok = run(['--env-file', path.join(BACKEND, '.env.example')]);
      assert.equal(ok.status, 0, ok.stderr);
      fs.writeFileSync(path.join(dir, 'empty.env'), '');
      const missing = run(['--env-file', path.join(dir, 'empty.env')]);
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /HASURA_GRAPHQL_(ADMIN|JWT)_SECRET in backend\/\.env/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
