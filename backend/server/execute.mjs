// Executes one GraphQL request (already authenticated) and returns the response as JSON text.
// Queries compile to a single SQL statement; a request's mutations share one transaction.
import crypto from 'node:crypto';
import { parse, execute as gqlExecute, Kind } from 'graphql';
import { HasuraError, validationError, fromPgError, gqlError } from './errors.mjs';
import { selectOperation, Normalizer } from './normalize.mjs';
import { Params } from './sqlparams.mjs';
import { listSelect, byPkSelect, aggregateSelect, functionSelect } from './select.mjs';
import { runInsert, runUpdate, runUpdateByPk, runUpdateMany, runDelete, runDeleteByPk } from './mutation.mjs';

// Parses and checks a request into {op, fields, schema, views}; throws HasuraError.
export function prepare(state, body, session) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HasuraError('parse-failed', 'expected an object for the request', '$');
  if (typeof body.query !== 'string') {
    if (body.extensions && body.extensions.persistedQuery) throw new HasuraError('not-supported', 'PersistedQueryNotSupported', '$');
    throw new HasuraError('parse-failed', "the key 'query' was not present", '$');
  }
  if (body.extensions && body.extensions.persistedQuery) throw new HasuraError('not-supported', 'PersistedQueryNotSupported', '$');
  let doc;
  try { doc = parse(body.query); } catch { throw validationError('not a valid graphql query', '$.query'); }
  const { schema, views } = state.forRole(session.role);
  const op = selectOperation(doc, body.operationName ?? null);
  const norm = new Normalizer(schema, doc, op, body.variables ?? null);
  const fields = norm.run();
  return { doc, op, fields, schema, views, variables: body.variables || {} };
}

function ctxFor(state, session, views, client) {
  return {
    model: state.model, views, session: session.vars, role: session.role, admin: session.role === 'admin',
    stringify: state.stringify, upperEnums: state.N.kind === 'graphql-default', client, pgError: (e, path) => fromPgError(e, path),
  };
}

function introspect(prep, f) {
  const op = { ...prep.op, operation: 'query', selectionSet: { kind: Kind.SELECTION_SET, selections: f.nodes } };
  const document = { kind: Kind.DOCUMENT, definitions: [op, ...prep.doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
  const r = gqlExecute({ schema: prep.schema, document, variableValues: prep.variables });
  if (r.errors && r.errors.length) throw validationError(r.errors[0].message, '$');
  return JSON.stringify(r.data[f.alias]);
}

// SQL expression (JSON) for a query/subscription root field, or null for non-SQL fields.
export function compileQueryField(state, f, ctx) {
  const t = state.model.tables.get(f.mb.table);
  switch (f.mb.kind) {
    case 'select': return listSelect(t, f, ctx);
    case 'select_by_pk': return byPkSelect(t, f, ctx);
    case 'select_agg': return aggregateSelect(t, f, ctx);
    case 'fn': case 'fn_agg': return functionSelect(state.model.functions.find((x) => x.name === f.mb.fn), t, f, ctx, f.mb.kind === 'fn_agg');
    default: return null;
  }
}

// Compiles a query operation to one SQL statement plus the layout of the answer.
function planQuery(state, prep, session) {
  const p = new Params();
  const ctx = { ...ctxFor(state, session, prep.views, null), p };
  const cols = [];
  const out = [];
  let cacheable = true;
  for (const f of prep.fields) {
    if (f.mb.kind === 'typename') out.push([f.alias, JSON.stringify(f.value)]);
    else if (f.mb.kind === 'introspection') { out.push([f.alias, introspect(prep, f)]); cacheable = false; }
    else if (f.mb.kind === 'placeholder') out.push([f.alias, '"no queries available"']);
    else {
      const e = compileQueryField(state, f, ctx);
      out.push([f.alias, { col: cols.length }]);
      cols.push(`(${e})::text AS "c${cols.length}"`);
    }
  }
  const sql = cols.length ? `SELECT ${cols.join(', ')}` : null;
  const name = sql ? `mb_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 20)}` : null;
  return { sql, name, values: p.values, out, cacheable };
}

async function execPlan(state, plan) {
  let row = {};
  if (plan.sql) {
    if (process.env.MB_LOG_SQL) console.log('sql:', plan.sql, JSON.stringify(plan.values));
    let r;
    // named statements: Postgres parses and plans each distinct query once per connection
    try { r = await state.pool.query({ name: plan.name, text: plan.sql, values: plan.values }); } catch (e) { throw fromPgError(e, '$'); }
    row = r.rows[0];
  }
  return `{${plan.out.map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'string' ? v : (row[`c${v.col}`] ?? 'null')}`).join(',')}}`;
}

export async function runQueryFields(state, prep, session) {
  return execPlan(state, planQuery(state, prep, session));
}

// Plan cache, as Hasura keeps one: the same request text from the same role and session gives
// the same SQL and parameters until the metadata changes.
const PLAN_CACHE_MAX = 1000;
const planCache = new Map();
function cacheKey(state, body, session) {
  return JSON.stringify([state.version, session.role, [...session.vars].sort(), body.query, body.operationName ?? null, body.variables ?? null]);
}

const MUTATIONS = {
  insert: (t, f, ctx) => runInsert(t, f, ctx, false), insert_one: (t, f, ctx) => runInsert(t, f, ctx, true),
  update: runUpdate, update_by_pk: runUpdateByPk, update_many: runUpdateMany, delete: runDelete, delete_by_pk: runDeleteByPk,
};

export async function runMutationFields(state, prep, session) {
  const client = await state.pool.connect();
  const ctx = ctxFor(state, session, prep.views, client);
  const out = [];
  try {
    await client.query('BEGIN');
    for (const f of prep.fields) {
      if (f.mb.kind === 'typename') { out.push([f.alias, JSON.stringify(f.value)]); continue; }
      const run = MUTATIONS[f.mb.kind];
      out.push([f.alias, await run(state.model.tables.get(f.mb.table), f, ctx)]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  state.notifyChange();
  return `{${out.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

// One request -> response JSON text ({"data":...} or {"errors":[...]}).
export async function runRequest(state, body, session) {
  try {
    const key = body && typeof body.query === 'string' && !body.extensions?.persistedQuery ? cacheKey(state, body, session) : null;
    const hit = key && planCache.get(key);
    if (hit) return `{"data":${await execPlan(state, hit)}}`;
    const prep = prepare(state, body, session);
    if (prep.op.operation === 'query') {
      const plan = planQuery(state, prep, session);
      if (plan.cacheable) {
        if (planCache.size >= PLAN_CACHE_MAX) planCache.delete(planCache.keys().next().value);
        planCache.set(key, plan);
      }
      return `{"data":${await execPlan(state, plan)}}`;
    }
    if (prep.op.operation === 'subscription') throw new HasuraError('unexpected-payload', 'subscriptions are not supported over HTTP, use websockets instead', '$');
    const data = prep.op.operation === 'mutation' ? await runMutationFields(state, prep, session) : await runQueryFields(state, prep, session);
    return `{"data":${data}}`;
  } catch (e) {
    if (!(e instanceof HasuraError)) console.error('internal error:', e);
    return JSON.stringify({ errors: [gqlError(e)] });
  }
}
