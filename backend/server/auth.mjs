// Hasura's authentication: admin secret, JWT mode (HS*/RS*/ES*/EdDSA keys, claims namespace,
// claims format, allowed skew) and the unauthorized role. Returns {role, vars, exp}.
import crypto from 'node:crypto';
import { importSPKI, importX509, compactVerify } from 'jose';
import { HasuraError } from './errors.mjs';

const bad = (msg) => new HasuraError('invalid-jwt', `Could not verify JWT: ${msg}`, '$', 400);

export function parseJwtConfig(text) {
  if (!text) return null;
  let c;
  try { c = JSON.parse(text); } catch { throw new Error('HASURA_GRAPHQL_JWT_SECRET is not valid JSON'); }
  if (!c.key && !c.jwk_url) throw new Error('HASURA_GRAPHQL_JWT_SECRET: key and jwk_url both cannot be empty');
  if (c.jwk_url) throw new Error('HASURA_GRAPHQL_JWT_SECRET: jwk_url is not supported by this server (no network)');
  if (!c.type) throw new Error('HASURA_GRAPHQL_JWT_SECRET: "type" is required with "key"');
  if (c.claims_namespace && c.claims_namespace_path) throw new Error('HASURA_GRAPHQL_JWT_SECRET: claims_namespace and claims_namespace_path both cannot be set');
  return {
    type: c.type, key: c.key, namespace: c.claims_namespace || 'https://hasura.io/jwt/claims', namespacePath: c.claims_namespace_path || null,
    format: c.claims_format || 'json', skew: Math.abs(Number(c.allowed_skew || 0)), audience: c.audience ?? null, issuer: c.issuer ?? null,
    header: c.header || { type: 'Authorization' },
  };
}

const b64json = (s) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));

async function verifySignature(cfg, token, header) {
  const [h, p, s] = token.split('.');
  // hs-jose validates only signatures whose alg is in its list, which has no "none": nothing is left
  if (!header.alg || header.alg === 'none') throw bad('JWSError JWSNoSignatures');
  if (header.alg !== cfg.type.replace(/^Ed25519$/, 'EdDSA')) throw bad('JWSError JWSInvalidSignature');
  if (cfg.type.startsWith('HS')) {
    const mac = crypto.createHmac(`sha${cfg.type.slice(2)}`, Buffer.from(cfg.key, 'utf8')).update(`${h}.${p}`).digest();
    const sig = Buffer.from(s, 'base64url');
    if (sig.length !== mac.length || !crypto.timingSafeEqual(sig, mac)) throw bad('JWSError JWSInvalidSignature');
    return;
  }
  try {
    const key = cfg.key.includes('CERTIFICATE') ? await importX509(cfg.key, header.alg) : await importSPKI(cfg.key, header.alg);
    await compactVerify(token, key);
  } catch {
    throw bad('JWSError JWSInvalidSignature');
  }
}

function pathGet(obj, path) {
  // "$.a.b" or "$['a']['b']"
  const steps = path.replace(/^\$/, '').match(/\[['"][^'"]*['"]\]|\.[^.[]+/g) || [];
  let cur = obj;
  for (const st of steps) {
    const k = st.startsWith('.') ? st.slice(1) : st.slice(2, -2);
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[k];
  }
  return cur;
}

const sessionText = (v) => (Array.isArray(v) ? `{${v.map((x) => `"${String(x).replace(/(["\\])/g, '\\$1')}"`).join(',')}}` : typeof v === 'string' ? v : JSON.stringify(v));

// Hasura (Auth/JWT.hs processJwt_) looks at the token's issuer before anything else: a token that
// names an issuer other than the configured one is refused unverified.
function issuerMismatch(cfg, token) {
  if (cfg.issuer === null) return false;
  try {
    const iss = b64json(token.split('.')[1])?.iss;
    return typeof iss === 'string' && iss !== cfg.issuer;
  } catch { return false; }
}

const claimsDecodeError = (msg) => bad(`JWTClaimsSetDecodeError ${JSON.stringify(msg)}`);

export async function verifyJwt(cfg, token, now = Date.now() / 1000) {
  if (issuerMismatch(cfg, token)) throw bad('JWTNotInIssuer');
  const parts = token.split('.');
  if (parts.length !== 3) throw bad(`JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got ${parts.length})`);
  let header; let claims;
  try { header = b64json(parts[0]); } catch { throw bad('JWSError (CompactDecodeError (JSONDecodeError "Error in $: Failed reading: not a valid json value"))'); }
  // hs-jose (verifyJWSWithPayload) decodes the claims set before it checks the signature
  try { claims = b64json(parts[1]); } catch { throw claimsDecodeError('Error in $: Failed reading: not a valid json value'); }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw claimsDecodeError(`Error in $: parsing ClaimsSet failed, expected Object, but encountered ${typeName(claims)}`);
  for (const k of ['exp', 'nbf', 'iat']) {
    if (claims[k] !== undefined && claims[k] !== null && typeof claims[k] !== 'number') throw claimsDecodeError(`Error in $.${k}: parsing NumericDate failed, expected Number, but encountered ${typeName(claims[k])}`);
  }
  await verifySignature(cfg, token, header);
  // hs-jose validateClaimsSet: exp, iat, nbf, iss, aud; iss and aud only when the token has them
  const num = (k) => (claims[k] == null ? undefined : claims[k]);
  if (num('exp') !== undefined && !(now < num('exp') + cfg.skew)) throw bad('JWTExpired');
  if (num('iat') !== undefined && num('iat') > now + cfg.skew) throw bad('JWTIssuedAtFuture');
  if (num('nbf') !== undefined && !(now >= num('nbf') - cfg.skew)) throw bad('JWTNotYetValid');
  if (cfg.issuer !== null && claims.iss != null && claims.iss !== cfg.issuer) throw bad('JWTNotInIssuer');
  if (cfg.audience !== null && claims.aud != null) {
    const want = [].concat(cfg.audience); const got = [].concat(claims.aud);
    if (!got.some((a) => want.includes(a))) throw bad('JWTNotInAudience');
  }
  let ns = cfg.namespacePath ? pathGet(claims, cfg.namespacePath) : claims[cfg.namespace];
  if (ns === undefined) throw new HasuraError('jwt-invalid-claims', `claims key: '${cfg.namespacePath || cfg.namespace}' not found`, '$', 400);
  if (cfg.format === 'stringified_json') {
    try { ns = JSON.parse(ns); } catch { throw new HasuraError('jwt-invalid-claims', 'expecting a json object when claims_format is stringified_json', '$', 400); }
  }
  if (!ns || typeof ns !== 'object' || Array.isArray(ns)) throw new HasuraError('jwt-invalid-claims', 'expecting a json object when claims_format is json', '$', 400);
  const lower = Object.fromEntries(Object.entries(ns).map(([k, v]) => [k.toLowerCase(), v]));
  const allowed = lower['x-hasura-allowed-roles'];
  if (allowed === undefined) throw new HasuraError('jwt-missing-role-claims', 'JWT claim does not contain "x-hasura-allowed-roles"', '$', 400);
  if (!Array.isArray(allowed) || !allowed.every((r) => typeof r === 'string')) {
    throw new HasuraError('jwt-invalid-claims', `invalid "x-hasura-allowed-roles"; should be a list of roles: parsing [] failed, expected Array, but encountered ${typeName(allowed)}`, '$', 400);
  }
  const def = lower['x-hasura-default-role'];
  if (def === undefined) throw new HasuraError('jwt-missing-role-claims', 'JWT claim does not contain "x-hasura-default-role"', '$', 400);
  if (typeof def !== 'string') throw new HasuraError('jwt-invalid-claims', `invalid "x-hasura-default-role"; should be a single role name: parsing Text failed, expected String, but encountered ${typeName(def)}`, '$', 400);
  const vars = new Map();
  for (const [k, v] of Object.entries(lower)) if (k.startsWith('x-hasura-') && k !== 'x-hasura-allowed-roles' && k !== 'x-hasura-default-role') vars.set(k, sessionText(v));
  return { allowed, def, vars, exp: num('exp') };
}
const typeName = (v) => (v === null ? 'Null' : Array.isArray(v) ? 'Array' : typeof v === 'string' ? 'String' : typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'Object');

function headerVars(headers) {
  const vars = new Map();
  for (const [k, v] of Object.entries(headers)) {
    const lk = k.toLowerCase();
    if (lk.startsWith('x-hasura-') && lk !== 'x-hasura-admin-secret' && lk !== 'x-hasura-access-key') vars.set(lk, String(v));
  }
  return vars;
}

function getHeader(headers, name) {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

const safeEqual = (a, b) => {
  const x = Buffer.from(String(a)); const y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

// headers: plain object (any case). Throws HasuraError.
export async function authenticate(state, headers) {
  const secret = state.adminSecret;
  const given = getHeader(headers, 'x-hasura-admin-secret') ?? getHeader(headers, 'x-hasura-access-key');
  const requestedRole = getHeader(headers, 'x-hasura-role');
  if (!secret) {
    const vars = headerVars(headers);
    const role = requestedRole || 'admin';
    vars.set('x-hasura-role', role);
    return { role, vars };
  }
  if (given !== undefined) {
    if (!safeEqual(given, secret)) throw new HasuraError('access-denied', 'invalid "x-hasura-admin-secret"/"x-hasura-access-key"', '$', 401);
    const vars = headerVars(headers);
    const role = requestedRole || 'admin';
    vars.set('x-hasura-role', role);
    return { role, vars };
  }
  if (state.jwt) {
    const cfg = state.jwt;
    let raw;
    if (cfg.header.type === 'Cookie') {
      const cookie = getHeader(headers, 'cookie') || '';
      const m = cookie.split(';').map((x) => x.trim()).find((x) => x.startsWith(`${cfg.header.name}=`));
      raw = m ? `Bearer ${m.slice(cfg.header.name.length + 1)}` : undefined;
    } else if (cfg.header.type === 'CustomHeader') {
      const h = getHeader(headers, cfg.header.name.toLowerCase());
      raw = h === undefined ? undefined : `Bearer ${h}`;
    } else raw = getHeader(headers, 'authorization');
    if (raw === undefined) {
      if (state.unauthorizedRole) return unauthorized(state, headers);
      throw new HasuraError('invalid-headers', "Missing 'Authorization' or 'Cookie' header in JWT authentication mode", '$', 400);
    }
    const words = String(raw).split(/[\t\n\v\f\r \u00a0]+/).filter((w) => w.length); // Char8 words
    if (words.length !== 2 || words[0] !== 'Bearer') throw new HasuraError('invalid-headers', 'Malformed Authorization header', '$', 400);
    const c = await verifyJwt(cfg, words[1]);
    const role = requestedRole || c.def;
    if (!c.allowed.includes(role)) throw new HasuraError('access-denied', 'Your requested role is not in allowed roles', '$', 400);
    c.vars.set('x-hasura-role', role);
    return { role, vars: c.vars, exp: c.exp };
  }
  if (state.unauthorizedRole) return unauthorized(state, headers);
  throw new HasuraError('access-denied', '"x-hasura-admin-secret"/"x-hasura-access-key" required, but not found', '$', 401);
}

function unauthorized(state, headers) {
  const vars = headerVars(headers);
  vars.set('x-hasura-role', state.unauthorizedRole);
  return { role: state.unauthorizedRole, vars };
}
