// Shared helpers for the backend/db tests: run backend/local with a private
// state folder and ports, query the database, find leftover processes.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BACKEND = path.resolve(here, '../..');
export const REPO = path.resolve(BACKEND, '..');
export const SHARED = path.resolve(REPO, '../shared');
export const LOCAL = path.join(BACKEND, 'local');
export const METADATA_DIR = path.join(BACKEND, 'hasura/metadata');

// Each test file gets its own state folder and ports (slot 0..9), so files
// never share a cluster and a developer's stack on the defaults is untouched.
export function stack(slot) {
  const root = process.env.MB_TEST_STATE_ROOT || path.join(REPO, '.state/test-backend-db');
  const base = Number(process.env.MB_TEST_PORT_BASE || 56400);
  return {
    MB_STATE_DIR: path.join(root, `s${slot}`),
    MB_PG_PORT: String(base + slot),
    MB_HTTP_PORT: String(base + 20 + slot),
    MB_HTTPS_PORT: String(base + 40 + slot),
  };
}

export function local(env, ...args) {
  const r = spawnSync(LOCAL, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, all: r.stdout + r.stderr };
}

export function dbUrl(env) { return `postgres://postgres@127.0.0.1:${env.MB_PG_PORT}/masterbots`; }

export async function query(env, sql, params = []) {
  const c = new pg.Client({ connectionString: dbUrl(env) });
  await c.connect();
  try { return (await c.query(sql, params)).rows; } finally { await c.end(); }
}

// Processes that belong to a state folder: command line or working directory
// inside it (PostgreSQL's auxiliary processes run with cwd = data directory).
export function processesUnder(dir) {
  const found = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    let cmd = '', cwd = '';
    try { cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { continue; }
    try { cwd = fs.readlinkSync(`/proc/${p}/cwd`); } catch { /* gone or not ours to read */ }
    if (cmd.includes(dir) || cwd === dir || cwd.startsWith(dir + '/')) found.push({ pid: Number(p), cmd: cmd.trim() });
  }
  return found;
}

// Server processes of one stack: command line names MAIN and the environment
// carries this stack's HTTP port (another run may use the same MAIN).
export function serverProcesses(main, env) {
  return processesUnder(main).filter(({ pid }) => {
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`MB_HTTP_PORT=${env.MB_HTTP_PORT}`);
    } catch { return false; }
  });
}

// Whether a process runs (a zombie has exited; only its parent has not reaped it yet).
export function alive(pid) {
  try { return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

export function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: Number(port) });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

// A plain TCP listener on a port, as an unrelated process would hold it.
export function occupyPort(port) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e',
      `require('net').createServer().listen(${Number(port)}, '127.0.0.1', () => console.log('ready'))`],
    { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (c) => reject(new Error(`listener exited with ${c}`)));
  });
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// Hasura's metadata directory with its "!include" strings resolved.
export function loadMetadata(dir = METADATA_DIR) {
  const load = (file) => {
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    const resolve = (v) => {
      if (typeof v === 'string' && v.startsWith('!include ')) return load(path.join(path.dirname(file), v.slice(9).trim()));
      if (Array.isArray(v)) return v.map(resolve);
      if (v && typeof v === 'object') for (const k of Object.keys(v)) v[k] = resolve(v[k]);
      return v;
    };
    return resolve(doc);
  };
  return load(path.join(dir, 'databases/databases.yaml'));
}

// graphql-default naming: snake_case -> camelCase / PascalCase.
export const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
export const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
