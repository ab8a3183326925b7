// Hasura's recorded YAML fixtures (../shared/reference/hasura/fixtures): discovery, the server
// configuration each needs, and the comparison rules of the conformance runner.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { parse, visit } from 'graphql';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FIXTURES = path.resolve(REPO, '../shared/reference/hasura/fixtures/server/tests-py/queries');
export const ADMIN_SECRET = 'conformance-admin-secret';
export const JWT_KEY = 'conformance-jwt-key-of-at-least-32-characters';

// Fixtures whose feature is outside this server's scope. Each is listed with its reason and
// counted as excluded (not as passed).
export const EXCLUDED = {
};

// Fixtures whose recorded error message is stale (PROTOCOL.md §2.3, fixtures/README.md caveat 2):
// code and path are compared, the message text is not.
export const STALE_MESSAGE = {
  'graphql_query/basic/select_query_author_col_not_present_err.yaml': 'old field "x" quoting; current servers say field \'x\'',
  'graphql_query/basic/select_query_non_tracked_table_err.yaml': 'old field "x" quoting; current servers say field \'x\'',
  'graphql_query/basic/select_query_with_extensions.yaml': 'CE server says PersistedQueryNotSupported since APQ was removed',
};

// Server modes some fixtures need (upstream runs them in dedicated server configurations).
export const MODES = {
  'unauthorized_role/unauthorized_role.yaml': { env: { HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous' }, adminHeader: false },
  'unauthorized_role/cookie_header_absent_unauth_role_set.yaml': { env: { HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous', HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY }) }, adminHeader: false },
  'unauthorized_role/cookie_header_absent_unauth_role_not_set.yaml': { env: { HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY }) }, adminHeader: false },
};

const isSetup = (f) => /setup\.yaml$/.test(f);

export function fixtureDirs() {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
    }
    const files = fs.readdirSync(d).filter((f) => f.endsWith('.yaml'));
    if (files.some(isSetup)) {
      const setups = ['setup.yaml', 'schema_setup.yaml', 'values_setup.yaml'].filter((f) => files.includes(f)).map((f) => path.join(d, f));
      const tests = files.filter((f) => !isSetup(f)).sort().map((f) => path.join(d, f));
      out.push({ dir: d, rel: path.relative(FIXTURES, d), setups, tests });
    }
  };
  walk(FIXTURES);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

export const loadYaml = (file) => YAML.parse(fs.readFileSync(file, 'utf8'));

export function cases(file) {
  const doc = loadYaml(file);
  return Array.isArray(doc) ? doc : [doc];
}

// Deep equality where the key order of selection sets counts (Hasura's contract) but the key
// order inside json/jsonb values does not (jsonb reorders keys; upstream compares those as dicts).
// An object is a selection set when all its keys are field names or aliases of the query.
export function sameJson(a, b, names) {
  if (Array.isArray(b)) return Array.isArray(a) && a.length === b.length && b.every((x, i) => sameJson(a[i], x, names));
  if (b && typeof b === 'object') {
    if (!a || typeof a !== 'object' || Array.isArray(a)) return false;
    const ka = Object.keys(a); const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    const ordered = names && kb.every((k) => names.has(k));
    if (ordered && ka.join('\u0000') !== kb.join('\u0000')) return false;
    return kb.every((k) => Object.prototype.hasOwnProperty.call(a, k) && sameJson(a[k], b[k], ordered ? names : null));
  }
  return a === b;
}

export function selectionNames(body) {
  const names = new Set(['data', 'errors']);
  for (const q of Array.isArray(body) ? body : [body]) {
    if (!q || typeof q.query !== 'string') continue;
    try { visit(parse(q.query), { Field(n) { names.add(n.name.value); if (n.alias) names.add(n.alias.value); } }); } catch { /* not GraphQL */ }
  }
  return names;
}

// Error bodies: same number of errors, same extensions.code and path, and the same message
// unless the fixture's message is known to be stale.
export function sameErrors(actual, expected, compareMessage) {
  const ae = actual?.errors; const ee = expected?.errors;
  if (!Array.isArray(ae) || !Array.isArray(ee) || ae.length !== ee.length) return false;
  return ee.every((e, i) => {
    const a = ae[i];
    if (!a || !a.extensions) return false;
    if (a.extensions.code !== e.extensions?.code || a.extensions.path !== e.extensions?.path) return false;
    return !compareMessage || a.message === e.message;
  });
}

export function matches(actual, expected, compareMessage, names) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e, compareMessage, names));
  }
  if (expected && expected.errors) return sameErrors(actual, expected, compareMessage);
  return sameJson(actual, expected, names);
}
