// Test helpers: start the server as a child process on a free loopback port, and stop it by PID.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/main.mjs');

export async function startServer(env) {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, MB_HOST: '127.0.0.1', MB_HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 15000);
    const onData = (d) => {
      log += d.toString();
      const m = log.match(/http\+ws on [^\s]+:(\d+)/);
      const tlsReady = !env.MB_TLS_CERT || /https\+wss on /.test(log);
      if (m && tlsReady) { clearTimeout(t); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(t); reject(new Error(`server exited ${code}:\n${log}`)); });
  });
  const httpsM = log.match(/https\+wss on [^\s]+:(\d+)/);
  child.removeAllListeners('exit');
  return {
    port, url: `http://127.0.0.1:${port}`, child, log: () => log,
    httpsPort: httpsM ? Number(httpsM[1]) : null,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export async function post(url, body, headers = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, text, json, headers: r.headers };
}
