// TLS peers for the adapter test: HTTPS servers on 127.0.0.1 (and ::1) with
// the certificates of tests/tls/pki.sh, one per failure the client must
// tell apart, plus a server that cuts the handshake and one that never
// answers; two servers that share their session-ticket keys but not their
// certificate's name; answers delimited by the end of the stream, ended with
// close_notify or cut without it. Prints one JSON line of ports, then
// serves until stdin closes.
// Every HTTPS answer reports whether the TLS session was resumed, and the
// SNI the client sent.
// Usage: node servers.mjs PKI_DIR
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const pem = (n) => readFileSync(join(dir, n));
const stats = { connections: 0, resumed: 0, requests: 0 };
const sockets = new Set();

function handler(req, res) {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    stats.requests++;
    const s = req.socket;
    const peer = s.getPeerCertificate ? s.getPeerCertificate() : null;
    const data = req.url === '/stats'
      ? { stats }
      : { tls: { resumed: s.isSessionReused(), protocol: s.getProtocol(), client: peer && peer.subject ? peer.subject.CN : null,
                 sni: s.servername || null },
          auth: req.headers.authorization ? 'bearer' : null, length: body.length };
    const out = JSON.stringify({ data });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(out) });
    res.end(out);
  });
}

function serve(cert, key, host, extra = {}) {
  const srv = https.createServer({ cert: pem(cert), key: pem(key), ...extra }, handler);
  srv.keepAliveTimeout = 30000;
  srv.on('secureConnection', (s) => {
    stats.connections++;
    if (s.isSessionReused()) stats.resumed++;
  });
  srv.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  srv.on('tlsClientError', () => {}); // the failure cases make these on purpose
  return new Promise((ok) => srv.listen(0, host, () => ok(srv.address().port)));
}

function raw(onConn) {
  const srv = net.createServer((s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); onConn(s); });
  return new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv.address().port)));
}

// Answers one request with a body that only the end of the stream delimits
// (no Content-Length, no chunks), then ends the TLS stream properly
// (close_notify) or cuts the TCP connection without it, as anyone on the
// path can: the client must not take a cut for the end of the body.
function closeDelimited(notify) {
  const srv = tls.createServer({ cert: pem('server.crt'), key: pem('server.key') }, (s) => {
    let got = '';
    s.on('error', () => {});
    s.on('data', (c) => {
      got += c;
      const h = got.indexOf('\r\n\r\n');
      const m = h < 0 ? null : /content-length:\s*(\d+)/i.exec(got.slice(0, h));
      if (h < 0 || got.length - h - 4 < (m ? Number(m[1]) : 0)) return;
      const out = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n' +
        JSON.stringify({ data: { tls: { ended: notify ? 'close_notify' : 'cut' } } });
      if (notify) s.end(out);
      else s.write(out, () => s.destroy()); // a TCP FIN, no close_notify
    });
  });
  srv.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  srv.on('tlsClientError', () => {});
  return new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv.address().port)));
}

// one ticket key for two servers, as behind one TLS terminator
const ticketKeys = randomBytes(48);

const ports = {
  good: await serve('server.crt', 'server.key', '127.0.0.1'),
  good6: await serve('server.crt', 'server.key', '::1'),
  otherhost: await serve('otherhost.crt', 'otherhost.key', '127.0.0.1'),
  expired: await serve('expired.crt', 'expired.key', '127.0.0.1'),
  selfsigned: await serve('selfsigned.crt', 'selfsigned.key', '127.0.0.1'),
  untrusted: await serve('untrusted.crt', 'untrusted.key', '127.0.0.1'),
  mtls: await serve('server.crt', 'server.key', '127.0.0.1', { requestCert: true, rejectUnauthorized: true, ca: pem('ca.crt') }),
  shared: await serve('server.crt', 'server.key', '127.0.0.1', { ticketKeys }),
  sharedother: await serve('otherhost.crt', 'otherhost.key', '127.0.0.1', { ticketKeys }),
  eofnotify: await closeDelimited(true),
  eofcut: await closeDelimited(false),
  // on 127.0.0.8 with a certificate for 127.0.0.10: what "127.0.0.010"
  // reaches (inet_aton reads 010 as octal) and what it looks like in decimal
  ip8: await serve('ip10.crt', 'ip10.key', '127.0.0.8'),
  // reads the ClientHello, then closes: a handshake cut in the middle
  cut: await raw((s) => s.once('data', () => s.destroy())),
  // accepts and never says anything: the handshake must time out
  silent: await raw(() => {}),
};
process.stdout.write(JSON.stringify(ports) + '\n');
process.stdin.resume();
process.stdin.on('end', () => { for (const s of sockets) s.destroy(); process.exit(0); });
