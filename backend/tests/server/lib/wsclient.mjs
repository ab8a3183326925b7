// A small graphql-transport-ws test client on `ws`: queued messages, awaited one at a time.
import WebSocket from 'ws';

export function connect(url, protocol = 'graphql-transport-ws', options = {}) {
  const ws = new WebSocket(url, protocol ? [protocol] : [], options);
  const queue = []; const waiters = [];
  let closed = null; const closeWaiters = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    const w = waiters.findIndex((x) => x.filter(m));
    if (w >= 0) { const [x] = waiters.splice(w, 1); clearTimeout(x.t); x.resolve(m); } else queue.push(m);
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
    for (const x of closeWaiters.splice(0)) x(closed);
    for (const x of waiters.splice(0)) { clearTimeout(x.t); x.reject(new Error(`socket closed ${code} ${reason}`)); }
  });
  ws.on('error', () => {});
  const api = {
    ws,
    opened: new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('unexpected-response', (_, res) => reject(new Error(`HTTP ${res.statusCode}`))); ws.once('close', () => reject(new Error('closed before open'))); }),
    send: (m) => ws.send(JSON.stringify(m)),
    // next message matching filter (keep-alive pings are skipped unless asked for)
    next(filter = (m) => !(m.type === 'ping' && m.payload?.message === 'keepalive') && m.type !== 'ka', ms = 5000) {
      const i = queue.findIndex(filter);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]);
      if (closed) return Promise.reject(new Error(`socket closed ${closed.code}`));
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => { waiters.splice(waiters.findIndex((x) => x.t === t), 1); reject(new Error(`no message within ${ms} ms`)); }, ms);
        waiters.push({ filter, resolve, reject, t });
      });
    },
    closed: (ms = 5000) => (closed ? Promise.resolve(closed) : new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`not closed within ${ms} ms`)), ms);
      closeWaiters.push((c) => { clearTimeout(t); resolve(c); });
    })),
    close: () => ws.terminate(),
  };
  return api;
}

export async function initialised(url, headers, protocol) {
  const c = connect(url, protocol);
  await c.opened;
  c.send({ type: 'connection_init', payload: { headers } });
  const ack = await c.next();
  if (ack.type !== 'connection_ack') throw new Error(`expected connection_ack, got ${JSON.stringify(ack)}`);
  return c;
}
