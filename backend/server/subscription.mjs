// Subscriptions: live queries (re-run on a refetch interval or after a local mutation, sent
// only when the result changes) and streaming subscriptions (rows after a cursor, in batches).
import { HasuraError, validationError, fromPgError } from './errors.mjs';
import { Params, ident, toParam } from './sqlparams.mjs';
import { compileQueryField } from './execute.mjs';
import { listSelect } from './select.mjs';

function ctxOf(state, session, views) {
  return {
    model: state.model, views, session: session.vars, role: session.role, admin: session.role === 'admin',
    stringify: state.stringify, upperEnums: state.N.kind === 'graphql-default', p: new Params(),
  };
}

// One root field, as Hasura requires (without @_multiple_top_level_fields).
export function checkSubscription(prep) {
  const real = prep.fields.filter((f) => f.mb.kind !== 'typename');
  if (prep.fields.length !== 1 || real.length !== 1) throw validationError('subscriptions must select one top level field');
  return real[0];
}

// Live query: returns async () => JSON text of {"<alias>": ...}.
export function liveQuery(state, prep, session, f) {
  return async () => {
    const ctx = ctxOf(state, session, prep.views);
    const e = compileQueryField(state, f, ctx);
    if (!e) throw new HasuraError('not-supported', `cannot subscribe to ${f.name}`, '$');
    let r;
    try { r = await state.pool.query(`SELECT (${e})::text AS j`, ctx.p.values); } catch (err) { throw fromPgError(err, '$'); }
    return `{${JSON.stringify(f.alias)}:${r.rows[0].j ?? 'null'}}`;
  };
}

// Streaming: returns async () => JSON text of the next batch, or null when there are no new rows.
export function streamQuery(state, prep, session, f) {
  const t = state.model.tables.get(f.mb.table);
  const cur = (f.args.cursor || [])[0];
  if (!cur || !cur.initial_value || Object.keys(cur.initial_value).length !== 1) {
    throw validationError('one streaming column field is expected', `${f.path}.args.cursor`);
  }
  const [colName, initial] = Object.entries(cur.initial_value)[0];
  const col = t.colByName.get(colName);
  const desc = cur.ordering === 'DESC';
  let cursor = toParam(initial, col);
  return async () => {
    const ctx = ctxOf(state, session, prep.views);
    const after = (a) => (cursor === null ? 'true' : `${a}.${ident(colName)} ${desc ? '<' : '>'} ${ctx.p.add(cursor, col.sqlType)}`);
    const args = { where: f.args.where, order_by: [{ [colName]: desc ? 'desc' : 'asc' }], limit: f.args.batch_size };
    const list = listSelect(t, { ...f, args }, ctx, null, after);
    const last = listSelect(t, { ...f, args, sel: [{ alias: 'c', mb: { kind: 'column', col: colName } }] }, ctx, null, after);
    let r;
    try {
      r = await state.pool.query(`SELECT (${list})::text AS j, (SELECT (x->>'c') FROM json_array_elements(${last}) WITH ORDINALITY AS e(x, n) ORDER BY n DESC LIMIT 1) AS c`, ctx.p.values);
    } catch (err) { throw fromPgError(err, '$'); }
    const row = r.rows[0];
    if (row.c === null || row.j === '[]') return null;
    cursor = row.c;
    return `{${JSON.stringify(f.alias)}:${row.j}}`;
  };
}
