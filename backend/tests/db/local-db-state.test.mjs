// backend/local db in bad states: started twice, stale pid files, a port in
// use; each gets a clear message and loses no data, and after down no
// process of the state folder is left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { stack, local, query, processesUnder, portOpen, occupyPort, stopChild, BACKEND as BACKEND_DIR } from './helpers.mjs';

const env = stack(2);
const pidFile = path.join(env.MB_STATE_DIR, 'pg/data/postmaster.pid');
const marker = async () => (await query(env, "SELECT count(*)::int AS n FROM category WHERE name = 'Marker'"))[0].n;

before(async () => {
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  await query(env, "INSERT INTO category (name) VALUES ('Marker')");
});
after(() => {
  local(env, 'db', 'down');
  fs.rmSync(env.MB_STATE_DIR, { recursive: true, force: true });
});

test('db status reports a running cluster with exit 0', () => {
  const r = local(env, 'db', 'status');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, new RegExp(`running \\(pid \\d+, 127\\.0\\.0\\.1:${env.MB_PG_PORT}`));
});

test('starting twice says it is already running and keeps the same server and data', async () => {
  const pid = fs.readFileSync(pidFile, 'utf8').split('\n')[0];
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /already running \(pid \d+/);
  assert.equal(fs.readFileSync(pidFile, 'utf8').split('\n')[0], pid);
  assert.equal(await marker(), 1);
});

test('it listens on 127.0.0.1 only, with no Unix socket', async () => {
  const rows = await query(env, "SELECT current_setting('listen_addresses') AS l, current_setting('unix_socket_directories') AS u");
  assert.deepEqual(rows, [{ l: '127.0.0.1', u: '' }]);
});

test('down stops every process of the state folder and frees the port; down again is harmless', async () => {
  let r = local(env, 'db', 'down');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /PostgreSQL stopped/);
  assert.deepEqual(processesUnder(env.MB_STATE_DIR), []);
  assert.equal(await portOpen(env.MB_PG_PORT), false);
  assert.ok(!fs.existsSync(pidFile));
  r = local(env, 'db', 'down');
  assert.equal(r.code, 0, r.all);
  assert.match(r.out, /not running/);
  r = local(env, 'db', 'status');
  assert.equal(r.code, 3);
  assert.match(r.out, /stopped/);
});

test('a stale pid file of a dead process is reported, removed, and the data kept', async () => {
  const dead = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim(); // a pid that has exited
  fs.writeFileSync(pidFile, `${dead}\n${path.dirname(pidFile)}\n0\n${env.MB_PG_PORT}\n\n127.0.0.1\n`);
  let r = local(env, 'db', 'status');
  assert.equal(r.code, 3);
  assert.match(r.out, /stale pid file/);
  r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  assert.match(r.err, new RegExp(`stale pid file .*pid ${dead} is not running; removing the file \\(data is kept\\)`));
  assert.equal(await marker(), 1);
  assert.equal(local(env, 'db', 'down').code, 0);
});

test('a stale pid file naming a live unrelated process is removed without touching that process', async () => {
  const other = spawn('sleep', ['60']);
  try {
    fs.writeFileSync(pidFile, `${other.pid}\n${path.dirname(pidFile)}\n0\n${env.MB_PG_PORT}\n`);
    const r = local(env, 'db', 'up');
    assert.equal(r.code, 0, r.all);
    assert.match(r.err, new RegExp(`pid ${other.pid} is now another process, not our PostgreSQL`));
    assert.equal(other.exitCode, null, 'the unrelated process is still running');
    assert.equal(other.signalCode, null);
    assert.equal(await marker(), 1);
  } finally {
    await stopChild(other);
  }
  assert.equal(local(env, 'db', 'down').code, 0);
});

test('a port in use is reported clearly (which port, by what), nothing starts, and the data survives', async () => {
  const holder = await occupyPort(env.MB_PG_PORT);
  try {
    const r = local(env, 'db', 'up');
    assert.notEqual(r.code, 0);
    assert.match(r.err, new RegExp(`port ${env.MB_PG_PORT} on 127\\.0\\.0\\.1 is already in use by .*node.*MB_PG_PORT`));
    assert.deepEqual(processesUnder(env.MB_STATE_DIR), []);
  } finally {
    await stopChild(holder);
  }
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  assert.equal(await marker(), 1);
});

test('the port can be changed with MB_PG_PORT; asking for another port while running is refused', async () => {
  const other = { ...env, MB_PG_PORT: String(Number(env.MB_PG_PORT) + 60) };
  const r = local(other, 'db', 'up');
  assert.notEqual(r.code, 0);
  assert.match(r.err, new RegExp(`already running on port ${env.MB_PG_PORT} .*not on MB_PG_PORT=${other.MB_PG_PORT}`));
  assert.equal(local(env, 'db', 'down').code, 0);
  const moved = local(other, 'db', 'up');
  assert.equal(moved.code, 0, moved.all);
  assert.match(moved.out, new RegExp(`postgres://postgres@127\\.0\\.0\\.1:${other.MB_PG_PORT}/masterbots`));
  assert.equal((await query(other, "SELECT count(*)::int AS n FROM category WHERE name = 'Marker'"))[0].n, 1, 'same data on the new port');
  assert.equal(local(other, 'db', 'down').code, 0);
  assert.equal(local(env, 'db', 'up').code, 0);
});

test('bad input gets a clear message', () => {
  let r = local(env, 'db', 'sideways');
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown db command 'sideways'/);
  r = local({ ...env, MB_PG_PORT: 'abc' }, 'db', 'up');
  assert.equal(r.code, 1);
  assert.match(r.err, /MB_PG_PORT must be a TCP port number \(1-65535\), got 'abc'/);
  r = local(env, 'db', 'rollback', 'many');
  assert.equal(r.code, 1);
  assert.match(r.err, /rollback takes a number of migrations or 'all'/);
  r = local(env);
  assert.equal(r.code, 2);
  assert.match(r.err, /usage: backend\/local/);
});

test('a state folder that is not a cluster is refused, never deleted', () => {
  const odd = { ...env, MB_STATE_DIR: `${env.MB_STATE_DIR}-odd`, MB_PG_PORT: String(Number(env.MB_PG_PORT) + 80) };
  const keep = path.join(odd.MB_STATE_DIR, 'pg/data/precious.txt');
  fs.mkdirSync(path.dirname(keep), { recursive: true });
  fs.writeFileSync(keep, 'keep me');
  try {
    const r = local(odd, 'db', 'up');
    assert.equal(r.code, 1);
    assert.match(r.err, /exists but is not a PostgreSQL cluster/);
    assert.equal(fs.readFileSync(keep, 'utf8'), 'keep me');
  } finally {
    fs.rmSync(odd.MB_STATE_DIR, { recursive: true, force: true });
  }
});

test('after a crash (postmaster killed with SIGKILL) db up recovers and keeps the data', async () => {
  assert.equal(local(env, 'db', 'up').code, 0);
  await query(env, "INSERT INTO category (name) VALUES ('Committed before the crash')");
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGKILL');
  // PostgreSQL's other processes notice the postmaster's death and exit.
  for (let i = 0; i < 100 && processesUnder(env.MB_STATE_DIR).length; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(processesUnder(env.MB_STATE_DIR), []);
  assert.ok(fs.existsSync(pidFile), 'the crash leaves the pid file behind');
  const r = local(env, 'db', 'up');
  assert.equal(r.code, 0, r.all);
  assert.match(r.err, /stale pid file/);
  assert.equal(await marker(), 1);
  assert.equal((await query(env, "SELECT count(*)::int AS n FROM category WHERE name = 'Committed before the crash'"))[0].n, 1);
});

test('as root, a state folder below a folder that postgres cannot traverse is made reachable, and only that folder changes',
  { skip: process.getuid() !== 0 && 'only root runs the cluster as user postgres' }, () => {
    const locked = `${env.MB_STATE_DIR}-locked`;
    const inner = { ...env, MB_STATE_DIR: path.join(locked, 'state'), MB_PG_PORT: String(Number(env.MB_PG_PORT) + 90) };
    fs.mkdirSync(locked, { recursive: true });
    fs.chmodSync(locked, 0o700);
    try {
      const r = local(inner, 'db', 'up');
      assert.equal(r.code, 0, r.all);
      const made = r.out.split('\n').filter((l) => l.includes('traversable'));
      assert.deepEqual(made, [`local: made ${locked} traversable (o+x) so that user postgres can reach the state folder`]);
      assert.equal(fs.statSync(locked).mode & 0o777, 0o701);
      assert.equal(local(inner, 'db', 'down').code, 0);
      assert.deepEqual(processesUnder(locked), []);
    } finally {
      local(inner, 'db', 'down');
      fs.rmSync(locked, { recursive: true, force: true });
    }
  });

test('invoked by an ordinary user, the cluster runs as that user',
  { skip: process.getuid() !== 0 && 'needs root to act as another user' }, () => {
    const dir = fs.mkdtempSync('/tmp/mb-nobody-');
    fs.chownSync(dir, 65534, 65534);
    const e = { ...env, MB_STATE_DIR: path.join(dir, 'state'), MB_PG_PORT: String(Number(env.MB_PG_PORT) + 95) };
    const asNobody = (...args) => spawnSync('runuser', ['-u', 'nobody', '--', 'env',
      ...Object.entries(e).map(([k, v]) => `${k}=${v}`), path.join(BACKEND_DIR, 'local'), ...args], { encoding: 'utf8' });
    try {
      const r = asNobody('db', 'up');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const pid = fs.readFileSync(path.join(e.MB_STATE_DIR, 'pg/data/postmaster.pid'), 'utf8').split('\n')[0];
      const uid = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1];
      assert.equal(uid, '65534');
      assert.equal(asNobody('db', 'down').status, 0);
      assert.deepEqual(processesUnder(dir), []);
    } finally {
      asNobody('db', 'down');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
