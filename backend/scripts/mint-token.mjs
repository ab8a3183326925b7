#!/usr/bin/env node
// Mints an HS256 JWT the way Masterbots signs its Hasura tokens (claims under
// https://hasura.io/jwt/claims, allowed roles user/anonymous/moderator, the
// role as default role, the user id; exp/iat/nbf), with the key from a file
// (raw UTF-8 bytes of the key string, as Hasura reads {"key": ...}).
// Usage: mint-token.mjs --key-file FILE --user UUID [--role ROLE] [--ttl SECONDS]
import fs from 'node:fs';
import { SignJWT } from 'jose';

const ROLES = ['user', 'anonymous', 'moderator'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(msg) {
  process.stderr.write(`token: ${msg}\nusage: backend/local token --user UUID [--role ${ROLES.join('|')}] [--ttl SECONDS]\n`);
  process.exit(2);
}

const opts = { role: 'user', ttl: '86400' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const m = /^--(key-file|user|role|ttl)$/.exec(argv[i]);
  if (!m) fail(`unknown argument '${argv[i]}'`);
  if (i + 1 >= argv.length) fail(`${argv[i]} needs a value`);
  opts[m[1] === 'key-file' ? 'keyFile' : m[1]] = argv[++i];
}
if (!opts.keyFile) fail('--key-file is missing');
if (!opts.user) fail('--user is missing');
if (!UUID.test(opts.user)) fail(`--user must be a UUID, got '${opts.user}'`);
if (!ROLES.includes(opts.role)) fail(`--role must be one of ${ROLES.join(', ')}, got '${opts.role}'`);
if (!/^\d+$/.test(opts.ttl) || Number(opts.ttl) < 1) fail(`--ttl must be a positive number of seconds, got '${opts.ttl}'`);

let key;
try { key = fs.readFileSync(opts.keyFile, 'utf8').trim(); } catch (e) { fail(`cannot read the key file: ${e.message}`); }
if (Buffer.byteLength(key) < 32) fail(`the key in ${opts.keyFile} is shorter than 32 bytes`);

const iat = Math.floor(Date.now() / 1000);
// Same claim order as Masterbots' getToken().
const payload = {
  'https://hasura.io/jwt/claims': {
    'x-hasura-allowed-roles': ROLES,
    'x-hasura-default-role': opts.role,
    'x-hasura-user-id': opts.user,
  },
  user: { role: opts.role, account: opts.user, sessionId: 'unset' },
  exp: iat + Number(opts.ttl),
  iat,
  nbf: iat - 1,
};
const token = await new SignJWT(payload)
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .sign(new TextEncoder().encode(key));
process.stdout.write(token + '\n');
