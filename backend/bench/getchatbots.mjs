#!/usr/bin/env node
// Benchmark (not a test): requests per second for Masterbots' getChatbots query over HTTP/1.1
// keep-alive, with 1 and 8 connections, against a running server.
//   eval "$(backend/local env)"; node backend/bench/getchatbots.mjs [--seconds N] [--url URL]
import http from 'node:http';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const url = new URL(opt('url', process.env.MB_URL || 'http://127.0.0.1:8080/v1/graphql'));
const seconds = Number(opt('seconds', '5'));
if (url.protocol !== 'http:') { console.error('bench: give an http:// URL (--url or MB_URL)'); process.exit(2); }

// getChatbots({limit: 20}) as the anonymous role (SCHEMA.md §5, item 4)
const body = JSON.stringify({
  query: `query getChatbots($limit: Int, $offset: Int) { chatbot(limit: $limit, offset: $offset, orderBy: [{order: ASC}]) {
    chatbotId name description avatar order threads { threadId } categories { categoryId category { name } } metadata { domainName } } }`,
  variables: { limit: 20, offset: 0 },
});

function once(agent) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200 || !text.startsWith('{"data"')) reject(new Error(`bad answer ${res.statusCode}: ${text.slice(0, 200)}`));
        else resolve(Number(process.hrtime.bigint() - t0) / 1e6);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(conns) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
  for (let i = 0; i < conns * 5; i++) await once(agent); // warm-up
  const lat = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: conns }, async () => { while (Date.now() < end) lat.push(await once(agent)); }));
  agent.destroy();
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(2);
  console.log(`connections=${conns} requests=${lat.length} rps=${(lat.length / seconds).toFixed(0)} p50_ms=${q(0.5)} p99_ms=${q(0.99)}`);
}

console.log(`bench: getChatbots (limit 20, anonymous) against ${url.href}, ${seconds} s per run, node ${process.version}`);
await run(1);
await run(8);
