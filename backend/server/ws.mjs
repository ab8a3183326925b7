// WebSocket transport on /v1/graphql, as Hasura speaks it: graphql-transport-ws (when the client
// asks for that subprotocol) and Apollo's subscriptions-transport-ws ("graphql-ws" or none).
// Authentication happens once, at connection_init, from payload.headers merged over the
// upgrade request's headers; a JWT's exp ends the socket.
import { WebSocketServer } from 'ws';
import { HasuraError, gqlError } from './errors.mjs';
import { authenticate } from './auth.mjs';
import { prepare, runQueryFields, runMutationFields } from './execute.mjs';
import { checkSubscription, liveQuery, streamQuery } from './subscription.mjs';

const GTWS = 'graphql-transport-ws';

export function attachWebSocket(server, state) {
  const all = new Set();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(GTWS) ? GTWS : protocols.has('graphql-ws') ? 'graphql-ws' : false),
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path !== '/v1/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nonly \'/v1/graphql\' is supported on websockets');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      all.add(ws);
      ws.on('close', () => all.delete(ws));
      connection(ws, req, state);
    });
  });
  const prev = state.shutdown;
  // Shutdown: close every socket with 1012 (as Hasura) and wait, at most 1 s, for the close handshakes.
  state.shutdown = async () => {
    const waits = [...all].map((ws) => new Promise((resolve) => { ws.once('close', resolve); ws.close(1012, 'server restarting'); }));
    await Promise.race([Promise.all([prev?.(), ...waits]), new Promise((r) => setTimeout(r, 1000))]);
  };
}

function connection(ws, req, state) {
  const gtws = ws.protocol === GTWS;
  const cfg = state.cfg || { keepAliveS: 5, initTimeoutS: 3, refetchMs: 1000 };
  const ops = new Map(); // id -> {stop()}
  let session = null;
  let expiryTimer = null;
  const send = (obj) => { if (ws.readyState === ws.OPEN) ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj)); };
  const close = (code, reason) => { if (ws.readyState === ws.OPEN) ws.close(code, reason); };

  // keep-alive starts at accept, as in Hasura (so it can precede connection_ack)
  const ka = () => send(gtws ? { type: 'ping', payload: { message: 'keepalive' } } : { type: 'ka' });
  const kaTimer = setInterval(ka, Math.max(1, cfg.keepAliveS) * 1000);
  const initTimer = setTimeout(() => { if (!session) close(gtws ? 4408 : 1011, 'Connection initialisation timed out'); }, cfg.initTimeoutS * 1000);

  const stopAll = () => { for (const o of ops.values()) o.stop(); ops.clear(); };
  ws.on('close', () => { clearInterval(kaTimer); clearTimeout(initTimer); clearTimeout(expiryTimer); stopAll(); });
  ws.on('error', () => {});

  const startFailed = (id, message) => {
    const err = { message, extensions: { path: '$', code: 'start-failed' } };
    if (gtws) { send({ type: 'error', id, payload: [err] }); close(1000, message); } else { send({ type: 'error', id, payload: err }); send({ type: 'complete', id }); }
  };
  const sendErrors = (id, errs) => {
    send(gtws ? { type: 'error', id, payload: errs } : { type: 'error', id, payload: { errors: errs } });
    send({ type: 'complete', id });
  };
  const data = (id, text) => send(`{"type":${JSON.stringify(gtws ? 'next' : 'data')},"id":${JSON.stringify(id)},"payload":${text}}`);

  ws.on('message', (raw) => {
    onMessage(raw).catch((e) => {
      console.error('mb-server: websocket handler error:', e);
      close(1011, 'internal error');
    });
  });

  async function onMessage(raw) {
    let msg;
    try { msg = JSON.parse(raw.toString()); } catch { msg = null; }
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') {
      const reason = 'parsing ClientMessage failed: invalid message';
      if (gtws) close(4400, reason); else send({ type: 'connection_error', payload: reason });
      return;
    }
    switch (msg.type) {
      case 'connection_init': {
        if (session) { if (gtws) close(4429, 'Too many initialisation requests'); return; }
        const payload = msg.payload || {};
        const headers = { ...req.headers };
        for (const [k, v] of Object.entries(payload.headers || {})) headers[k.toLowerCase()] = String(v);
        try {
          session = await authenticate(state, headers);
        } catch (e) {
          const m = e instanceof HasuraError ? e.message : 'authentication failed';
          if (gtws) close(4403, 'Forbidden');
          else { send({ type: 'connection_error', payload: m }); close(4400, `4400: Connection initialization failed: ${m}`.slice(0, 123)); }
          return;
        }
        clearTimeout(initTimer);
        send({ type: 'connection_ack' });
        ka();
        if (session.exp) {
          const ms = session.exp * 1000 - Date.now();
          expiryTimer = setTimeout(() => ws.terminate(), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
        }
        return;
      }
      case 'ping': send(msg.payload === undefined ? { type: 'pong' } : { type: 'pong', payload: msg.payload }); return;
      case 'pong': return;
      case 'connection_terminate': close(1000, 'GQL_CONNECTION_TERMINATE received'); return;
      case 'complete': case 'stop': {
        const o = ops.get(msg.id);
        if (o) { o.stop(); ops.delete(msg.id); }
        return;
      }
      case 'subscribe': case 'start': {
        const id = msg.id;
        if (typeof id !== 'string') { if (gtws) close(4400, 'parsing ClientMessage failed: missing id'); return; }
        if (!session) { if (gtws) close(4401, 'Unauthorized'); else startFailed(id, 'start received before the connection is initialised'); return; }
        if (ops.has(id)) { startFailed(id, `an operation already exists with this id: ${id}`); return; }
        await startOperation(id, msg.payload || {});
        return;
      }
      default: {
        const reason = `parsing ClientMessage failed: unknown message type ${msg.type}`;
        if (gtws) close(4400, reason); else send({ type: 'connection_error', payload: reason });
      }
    }
  }

  async function startOperation(id, payload) {
    let prep;
    try {
      prep = prepare(state, payload, session);
    } catch (e) {
      sendErrors(id, [gqlError(e)]);
      return;
    }
    if (prep.op.operation !== 'subscription') {
      ops.set(id, { stop() {} });
      try {
        const d = prep.op.operation === 'mutation' ? await runMutationFields(state, prep, session) : await runQueryFields(state, prep, session);
        if (ops.has(id)) { data(id, `{"data":${d}}`); send({ type: 'complete', id }); }
      } catch (e) {
        if (ops.has(id)) sendErrors(id, [gqlError(e)]);
      }
      ops.delete(id);
      return;
    }
    let poll;
    let isStream = false;
    try {
      const f = checkSubscription(prep);
      isStream = f.mb.kind === 'stream';
      poll = isStream ? streamQuery(state, prep, session, f) : liveQuery(state, prep, session, f);
    } catch (e) {
      sendErrors(id, [gqlError(e)]);
      return;
    }
    let last = null; let busy = false; let again = false; let stopped = false;
    const tick = async () => {
      if (stopped) return;
      if (busy) { again = true; return; }
      busy = true;
      try {
        const out = await poll();
        if (!stopped && out !== null && (isStream || out !== last)) { last = out; data(id, `{"data":${out}}`); }
      } catch (e) {
        const text = JSON.stringify({ data: null, errors: [gqlError(e)] });
        if (!stopped && text !== last) { last = text; data(id, text); }
      } finally {
        busy = false;
        if (again && !stopped) { again = false; setImmediate(tick); }
      }
    };
    const timer = setInterval(tick, cfg.refetchMs);
    const onChange = () => tick();
    state.changeListeners = state.changeListeners || new Set();
    state.changeListeners.add(onChange);
    ops.set(id, { stop() { stopped = true; clearInterval(timer); state.changeListeners.delete(onChange); } });
    await tick();
  }
}
