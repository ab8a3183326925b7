// Peers for tests/suites/62-firmware, on 127.0.0.1 and a port of the
// system's choosing, printed on the first line; each serves until its
// standard input closes.
//   node fw_peer.mjs pong            answers a line "ping..." of LEN bytes with
//                                    "pong LEN\n" and 3000 bytes of A..Z in
//                                    three writes 20 ms apart, then closes
//                                    (fw_uart_test bridge)
//   node fw_peer.mjs tls CERT KEY    a TLS server presenting CERT (the
//                                    firmware must refuse it)
import net from 'node:net';
import tls from 'node:tls';
import fs from 'node:fs';

const [mode, cert, key] = process.argv.slice(2);
let srv;
if (mode === 'pong') {
  srv = net.createServer(s => {
    let got = '';
    s.on('error', () => {});
    s.on('data', d => {
      got += d;
      if (!got.endsWith('\n')) return;
      let body = '';
      for (let i = 0; i < 3000; i++) body += String.fromCharCode(65 + (i % 26));
      s.write(`pong ${got.length}\n` + body.slice(0, 1000));
      setTimeout(() => s.write(body.slice(1000, 2000)), 20);
      setTimeout(() => s.end(body.slice(2000)), 40);
    });
  });
} else if (mode === 'tls') {
  srv = tls.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key), minVersion: 'TLSv1.2' }, s => {
    s.on('error', () => {});
    s.end();
  });
  srv.on('tlsClientError', () => {});
} else {
  console.error('usage: node fw_peer.mjs pong | tls CERT KEY');
  process.exit(2);
}
srv.listen(0, '127.0.0.1', () => console.log(srv.address().port));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
