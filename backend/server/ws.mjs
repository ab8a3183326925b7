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

// A close reason as Hasura writes it (encodeServerErrorMsg): {"server_error_msg":"<code>: <text>"},
// the text shortened so that the reason stays within a close frame's 123 bytes.
export function serverErrorMsg(text) {
  let t = text;
  let r = JSON.stringify({ server_error_msg: t });
  while (Buffer.byteLength(r) > 123) {
    t = t.slice(0, -1);
    r = JSON.stringify({ server_error_msg: t });
  }
  return r;
}

// Hasura's FromJSON ClientMsg (WebSocket/Protocol.hs) for both subprotocols: what does not parse
// throws, with a message in the spirit of aeson's.
const jsonKind = (v) => (v === null ? 'Null' : Array.isArray(v) ? 'Array' : typeof v === 'string' ? 'String' : typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'Object');
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function expect(ok, where, want, v) {
  if (!ok) throw new Error(`Error in ${where}: expected ${want}, but encountered ${jsonKind(v)}`);
}
export function parseClientMessage(text) {
  let m;
  try { m = JSON.parse(text); } catch { throw new Error('Error in $: Failed reading: not a valid json value'); }
  expect(isObject(m), '$', 'Object', m);
  if (!('type' in m)) throw new Error('Error in $: key "type" not found');
  expect(typeof m.type === 'string', '$.type', 'String', m.type);
  const opt = (v, ok) => v === undefined || v === null || ok(v);
  const id = () => {
    if (!('id' in m)) throw new Error('Error in $: key "id" not found');
    expect(typeof m.id === 'string', '$.id', 'String', m.id);
  };
  switch (m.type) {
    case 'connection_init':
      expect(opt(m.payload, isObject), '$.payload', 'Object', m.payload);
      if (m.payload) {
        const h = m.payload.headers;
        expect(opt(h, isObject), '$.payload.headers', 'Object', h);
        for (const [k, v] of Object.entries(h || {})) expect(typeof v === 'string', `$.payload.headers.${k}`, 'String', v);
      }
      return m;
    case 'ping': case 'pong':
      expect(opt(m.payload, isObject), '$.payload', 'Object', m.payload);
      if (m.payload) expect(opt(m.payload.message, (x) => typeof x === 'string'), '$.payload.message', 'String', m.payload.message);
      return m;
    case 'subscribe': case 'start': {
      id();
      if (!('payload' in m)) throw new Error('Error in $: key "payload" not found');
      const p = m.payload;
      expect(isObject(p), '$.payload', 'Object', p);
      if (!('query' in p)) throw new Error('Error in $.payload: key "query" not found');
      expect(typeof p.query === 'string', '$.payload.query', 'String', p.query);
      expect(opt(p.variables, isObject), '$.payload.variables', 'Object', p.variables);
      expect(opt(p.operationName, (x) => typeof x === 'string'), '$.payload.operationName', 'String', p.operationName);
      return m;
    }
    case 'complete': case 'stop':
      id();
      return m;
    case 'connection_terminate':
      return m;
    default:
      throw new Error(`Error in $: unexpected type for ClientMessage: ${m.type}`);
  }
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

  // Hasura's sendStartErr: the one error object (encodeGQLErr, no array); graphql-transport-ws
  // then gets the message again as a string payload and a close 1000 (mkConnectionCloseAction),
  // Apollo a complete.
  const startFailed = (id, message) => {
    send({ type: 'error', id, payload: { message, extensions: { path: '$', code: 'start-failed' } } });
    if (gtws) { send({ type: 'error', id, payload: message }); close(1000, serverErrorMsg(`4400: ${message}`)); } else send({ type: 'complete', id });
  };
  const badMessage = (e) => {
    const m = `parsing ClientMessage failed: ${e}`;
    if (gtws) close(4400, serverErrorMsg(`4400: Parsing client message failed: ${m}`)); else send({ type: 'connection_error', payload: m });
  };
  const sendErrors = (id, errs) => {
    send(gtws ? { type: 'error', id, payload: errs } : { type: 'error', id, payload: { errors: errs } });
    send({ type: 'complete', id });
  };
  const data = (id, text) => send(`{"type":${JSON.stringify(gtws ? 'next' : 'data')},"id":${JSON.stringify(id)},"payload":${text}}`);

  // Hasura handles a socket's messages one at a time, in order (WebSocket/Server.hs: "Process all
  // messages serially"): a subscribe sent right behind its connection_init sees the new session.
  let queue = Promise.resolve();
  ws.on('message', (raw) => {
    queue = queue.then(() => onMessage(raw)).catch((e) => {
      console.error('mb-server: websocket handler error:', e);
      close(1011, 'internal error');
    });
  });

  async function onMessage(raw) {
    if (ws.readyState !== ws.OPEN) return;
    let msg;
    try { msg = parseClientMessage(raw.toString()); } catch (e) { badMessage(e.message); return; }
    switch (msg.type) {
      case 'connection_init': {
        // again after an ack: authenticated anew from the payload's headers alone (onConnInit)
        const headers = session ? {} : { ...req.headers };
        for (const [k, v] of Object.entries(msg.payload?.headers || {})) headers[k.toLowerCase()] = v;
        try {
          session = await authenticate(state, headers);
        } catch (e) {
          const m = e instanceof HasuraError ? e.message : 'authentication failed';
          session = null;
          if (gtws) close(4403, serverErrorMsg('4403: Forbidden'));
          else { send({ type: 'connection_error', payload: m }); close(4400, serverErrorMsg(`4400: Connection initialization failed: ${m}`)); }
          return;
        }
        clearTimeout(initTimer);
        send({ type: 'connection_ack' });
        ka();
        if (session.exp && !expiryTimer) {
          const ms = session.exp * 1000 - Date.now();
          expiryTimer = setTimeout(() => ws.terminate(), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
        }
        return;
      }
      case 'ping': send(msg.payload == null ? { type: 'pong' } : { type: 'pong', payload: { message: msg.payload.message ?? null } }); return;
      case 'pong': return;
      case 'connection_terminate': close(1000, 'GQL_CONNECTION_TERMINATE received'); return;
      case 'complete': case 'stop': {
        const o = ops.get(msg.id);
        if (o) { o.stop(); ops.delete(msg.id); }
        return;
      }
      case 'subscribe': case 'start': {
        const id = msg.id;
        if (ops.has(id)) { startFailed(id, `an operation already exists with this id: ${id}`); return; }
        if (!session) { startFailed(id, 'start received before the connection is initialised'); return; }
        await startOperation(id, msg.payload);
        return;
      }
      default: throw new Error(`unhandled message type ${msg.type}`);
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
