// Writes the seed corpora of the fuzz harnesses from real responses: the
// local server's recorded exchanges (tests/fault/recordings/*.http) and the
// Hasura fixture bodies (extracted by tests/fixtures/extract.mjs), each with
// the harness's leading control bytes. Nothing here is committed output.
// Usage: node seeds.mjs RECORDINGS_DIR FIXTURES_DIR OUT_DIR
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [recDir, fixDir, out] = process.argv.slice(2);
if (!recDir || !fixDir || !out) { console.error('usage: node seeds.mjs RECORDINGS_DIR FIXTURES_DIR OUT_DIR'); process.exit(2); }

const put = (harness, name, ...parts) => {
  const dir = join(out, harness);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'latin1')))));
};
const byte = (...b) => Buffer.from(b);

// Recorded exchanges: head + body as the server sent them.
const recs = existsSync(recDir) ? readdirSync(recDir).filter((n) => n.endsWith('.http')).sort() : [];
const split = (raw) => {
  const i = raw.indexOf('\r\n\r\n');
  return [raw.subarray(0, i + 4), raw.subarray(i + 4)];
};
// The same answer with a chunked body (chunks of `size` bytes, a chunk
// extension and a trailer on odd sizes).
const chunked = (head, body, size) => {
  const h = head.toString('latin1').replace(/Content-Length: \d+\r\n/i, 'Transfer-Encoding: chunked\r\n');
  const parts = [Buffer.from(h, 'latin1')];
  for (let i = 0; i < body.length; i += size) {
    const c = body.subarray(i, i + size);
    parts.push(Buffer.from(c.length.toString(16) + (size % 2 ? ';ext=1' : '') + '\r\n'), c, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(size % 2 ? '0\r\nX-Trailer: t\r\n\r\n' : '0\r\n\r\n'));
  return Buffer.concat(parts);
};

// Operation order of tests/fuzz/fuzz_typed.c.
const OPS = ['getCategories', 'getChatbots', 'getChatbot', 'getChatbotCount', 'getModels', 'getThreads',
  'getBrowseThreads', 'getThread', 'getMessages', 'createThread', 'saveNewMessage', 'updateMessage',
  'updateThreadVisibility', 'deleteThread', 'getUserBySlug', 'getPreference', 'insertPreference',
  'updatePreference', 'followChatbot', 'unfollowChatbot', 'getChatbotsByCategory', 'getThreadsByChatbot',
  'getBrowseThreadsByChatbot', 'getBrowseThreadsByCategory', 'getBrowseThreadsByUser', 'saveNewMessageAt'];

for (const n of recs) {
  const raw = readFileSync(join(recDir, n));
  const [head, body] = split(raw);
  const base = n.replace(/\.http$/, '');
  // http: byte 0 = buffer (bits 0-1), piece size (bits 2-4), upgrade (bit 5)
  put('http', `${base}-whole`, byte(0x03), raw);
  put('http', `${base}-bytes`, byte(0x02 | (1 << 2)), raw);
  put('http', `${base}-chunked`, byte(0x03 | (3 << 2)), chunked(head, body, 64));
  put('http', `${base}-chunked7`, byte(0x02 | (7 << 2)), chunked(head, body, 7));
  // gql: decode only (2048 tokens), and the client over the scripted transport
  put('gql', `${base}-body`, byte(0x03), body);
  put('gql', `${base}-client`, byte(0x03 | 4 | (3 << 3)), raw);
  put('gql', `${base}-client-chunked`, byte(0x03 | 4 | (1 << 3)), chunked(head, body, 16));
  // json: a path, then the body
  put('json', `${base}`, byte(0x0f), 'data\n', body);
  // typed: operation, array capacities, body
  const op = OPS.indexOf(base.replace(/^\d+-/, ''));
  if (op >= 0) {
    put('typed', `${base}`, byte(op, 0xff), body);
    put('typed', `${base}-small`, byte(op, 0x55), body);
  }
}

// Hasura's recorded fixture bodies: many shapes of data and errors.
if (existsSync(join(fixDir, 'index.tsv'))) {
  const ids = readFileSync(join(fixDir, 'index.tsv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
  for (const id of ids) {
    const f = join(fixDir, `${id}.json`);
    if (!existsSync(f)) continue;
    const body = readFileSync(f);
    if (body.length > 16384) continue;
    put('json', `fx${id}`, byte(0x0f), 'data\n', body);
    put('gql', `fx${id}`, byte(0x03), body);
    if (Number(id) % 8 === 0) {
      put('http', `fx${id}`, byte(0x03), `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`, body);
      put('typed', `fx${id}`, byte(Number(id) % OPS.length, 0xff), body);
    }
  }
}

// Hand-made edge cases.
put('http', 'interim', byte(0x03), 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}');
put('http', 'close-delimited', byte(0x03), 'HTTP/1.0 200 OK\r\n\r\n{"data":{}}');
put('http', 'upgrade', byte(0x03 | 32), 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x00');
put('http', 'no-content', byte(0x03), 'HTTP/1.1 204 No Content\r\n\r\n');
put('json', 'escapes', byte(0x03), 'a[0]\n', '[" \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000 \\u00e9 \\ud83d\\ude00 ", -0, 1e308, -9223372036854775808, "42"]');
put('json', 'nested', byte(0x03), 'a.b[1].c\n', '{"a":{"b":[0,{"c":[true,false,null]}]}}');
// writer programs: query, operation name, then calls (see fuzz_writer.c)
put('writer', 'basic', byte(1, 5), 'query', byte(3), 'op', byte(4, 3), 'key', byte(5, 6), 'a"}\\\x00\x01', byte(4, 1), 'n',
  byte(6, 0x80, 0, 0, 0, 0, 0, 0, 0), byte(4, 1), 'd', byte(7, 0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a),
  byte(4, 1), 'o', byte(0, 4, 1), 'a', byte(2, 8, 1, 9, 10, 11, 7, 3, 1));
put('writer', 'strict', byte(0, 1), 'q', byte(0), byte(5, 2), 'xy', byte(4, 1), 'k', byte(5, 2, 0xc3, 0x28));
// ws: frames after a correct upgrade (first byte: read size), as in suite 15-ws
put('ws', 'pong', byte(0, 0x81, 15), '{"type":"pong"}');
put('ws', 'next', byte(3, 0x81, 95), '{"type":"next","id":"1","payload":{"data":{"messageStream":[{"createdAt":"2026-01-01"}]}}}');
put('ws', 'close4403', byte(0, 0x88, 2, 0x11, 0x33));
