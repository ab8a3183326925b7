// Compiles a boolean expression (in Hasura's database-level form: column names, _eq, _and,
// relationship names) to a SQL condition. Used for `where` arguments and permission filters.
import { HasuraError } from './errors.mjs';
import { ident, toParam, valueSql, isGeo } from './sqlparams.mjs';
import { computedCall } from './computed.mjs';

const BINOP = { _eq: '=', _neq: '<>', _gt: '>', _lt: '<', _gte: '>=', _lte: '<=', _like: 'LIKE', _nlike: 'NOT LIKE', _ilike: 'ILIKE', _nilike: 'NOT ILIKE', _similar: 'SIMILAR TO', _nsimilar: 'NOT SIMILAR TO', _regex: '~', _nregex: '!~', _iregex: '~*', _niregex: '!~*', _contains: '@>', _contained_in: '<@' };
const COLOP = { _ceq: '=', _cne: '<>', _cgt: '>', _clt: '<', _cgte: '>=', _clte: '<=' };
const TEXT_OPS = new Set(['_like', '_nlike', '_ilike', '_nilike', '_similar', '_nsimilar', '_regex', '_nregex', '_iregex', '_niregex']);

export const isSessionVar = (v) => typeof v === 'string' && /^x-hasura-/i.test(v);

export function sessionValue(ctx, name) {
  const k = name.toLowerCase();
  if (!ctx.session.has(k)) throw new HasuraError('not-found', `missing session variable: ${JSON.stringify(k)}`, '$');
  return ctx.session.get(k);
}

// exp: the expression; t: table model; a: SQL alias of the row; perm: expression comes from
// metadata (string values naming x-hasura-* are session variables there, and only there).
export function compileBool(exp, t, a, ctx, perm = false) {
  if (exp === null || exp === undefined) return 'true';
  const parts = [];
  for (const [k, v] of Object.entries(exp)) {
    if (k === '_and' || k === '$and') parts.push(v.length ? '(' + v.map((x) => compileBool(x, t, a, ctx, perm)).join(' AND ') + ')' : 'true');
    else if (k === '_or' || k === '$or') parts.push(v.length ? '(' + v.map((x) => compileBool(x, t, a, ctx, perm)).join(' OR ') + ')' : 'false');
    else if (k === '_not' || k === '$not') parts.push(`NOT (${compileBool(v, t, a, ctx, perm)})`);
    else if (k === '_exists' || k === '$exists') parts.push(existsTable(v, ctx, perm));
    else if (k.endsWith('\u0000agg')) parts.push(aggregatePredicate(t.relByName.get(k.slice(0, -4)), v, a, ctx));
    else if (t.colByName.has(k)) parts.push(columnCond(t.colByName.get(k), v, t, a, ctx, perm));
    else if (t.relByName.has(k)) parts.push(relationCond(t.relByName.get(k), v, a, ctx, perm));
    else if (t.cfByName?.has(k)) parts.push(computedCond(t.cfByName.get(k), v, t, a, ctx, perm));
    else throw new HasuraError('validation-failed', `no such column or relationship: ${k}`, '$');
  }
  return parts.length ? (parts.length === 1 ? parts[0] : '(' + parts.join(' AND ') + ')') : 'true';
}

export const joinCond = (rel, a, r) => rel.mapping.map(([l, rc]) => `${a}.${ident(l)} = ${r}.${ident(rc)}`).join(' AND ') || 'true';

// Conditions on a related table include that table's row filter for the role, as Hasura does.
export function remoteFilter(key, r, ctx) {
  if (ctx.admin) return 'true';
  const v = ctx.views.get(key);
  if (!v || !v.sel) return 'false';
  return compileBool(v.sel.filter, ctx.model.tables.get(key), r, ctx, true);
}

function relationCond(rel, v, a, ctx, perm) {
  const remote = ctx.model.tables.get(rel.remoteKey);
  const r = ctx.p.alias('_be');
  const filter = perm ? 'true' : remoteFilter(rel.remoteKey, r, ctx);
  return `EXISTS (SELECT 1 FROM ${ident(remote.schema)}.${ident(remote.name)} AS ${r} WHERE ${joinCond(rel, a, r)} AND ${filter} AND ${compileBool(v, remote, r, ctx, perm)})`;
}

function computedCond(cf, v, t, a, ctx, perm) {
  const call = computedCall(cf, t, a, ctx);
  if (!cf.returnsTable) {
    const col = { name: cf.name, udt: cf.fn.retUdt, sqlType: cf.fn.retSql };
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return opsCond(`(${call})`, col, { _eq: v }, t, a, ctx, perm);
    return opsCond(`(${call})`, col, v, t, a, ctx, perm);
  }
  const remote = ctx.model.tables.get(cf.remoteKey);
  const r = ctx.p.alias('_cf');
  const filter = perm ? 'true' : remoteFilter(cf.remoteKey, r, ctx);
  return `EXISTS (SELECT 1 FROM ${call} AS ${r} WHERE ${filter} AND ${compileBool(v, remote, r, ctx, perm)})`;
}

function existsTable(v, ctx, perm) {
  const key = `${v._table.schema || 'public'}.${v._table.name || v._table}`;
  const t = ctx.model.tables.get(key);
  if (!t) throw new HasuraError('not-exists', `table ${key} does not exist`, '$');
  const r = ctx.p.alias('_ex');
  return `EXISTS (SELECT 1 FROM ${ident(t.schema)}.${ident(t.name)} AS ${r} WHERE ${compileBool(v._where, t, r, ctx, perm)})`;
}

function aggregatePredicate(rel, v, a, ctx) {
  const remote = ctx.model.tables.get(rel.remoteKey);
  const parts = [];
  for (const [fn, spec] of Object.entries(v)) {
    const r = ctx.p.alias('_ag');
    let expr;
    if (fn === 'count') {
      const cols = spec.arguments || [];
      const inner = cols.length ? cols.map((c) => `${r}.${ident(c)}`).join(', ') : '*';
      expr = `count(${spec.distinct && cols.length ? 'DISTINCT ' : ''}${cols.length > 1 ? `(${inner})` : inner})`;
    } else {
      expr = `${fn}(${r}.${ident(spec.arguments)})`;
    }
    const where = `${joinCond(rel, a, r)} AND ${remoteFilter(rel.remoteKey, r, ctx)} AND ${compileBool(spec.filter, remote, r, ctx)}`;
    const sub = `(SELECT ${expr} FROM ${ident(remote.schema)}.${ident(remote.name)} AS ${r} WHERE ${where})`;
    const pcol = fn === 'count' ? { name: '', udt: 'int4', sqlType: 'integer' } : { name: '', udt: 'bool', sqlType: 'boolean' };
    parts.push(opsCond(sub, pcol, spec.predicate, null, null, ctx, false));
  }
  return parts.join(' AND ') || 'true';
}

function columnCond(col, v, t, a, ctx, perm) {
  const x = `${a}.${ident(col.name)}`;
  // shorthand in permissions: {col: value} means {col: {_eq: value}}
  if (v === null || typeof v !== 'object' || Array.isArray(v) || '$num' in v) return opsCond(x, col, { _eq: v }, t, a, ctx, perm);
  return opsCond(x, col, v, t, a, ctx, perm);
}

function opsCond(x, col, ops, t, a, ctx, perm) {
  const parts = [];
  const value = (v, cast) => {
    if (perm && isSessionVar(v)) return ctx.p.add(sessionValue(ctx, v), cast);
    if (isGeo(col)) return valueSql(ctx.p, v, col);
    return ctx.p.add(toParam(v, col), cast);
  };
  for (const [op, v] of Object.entries(ops)) {
    if (op === '_is_null') { if (v !== null) parts.push(v ? `${x} IS NULL` : `${x} IS NOT NULL`); continue; }
    // A null value from a request never gets here: the normalizer rejects null for every operator
    // but _has_key, whose parser is nullable text (`? NULL`, which no row satisfies). Nulls here come
    // from permission filters, whose _eq/_neq Hasura's metadata parser (parseOperationsExpression)
    // reads as NullableComparison: IS NULL / IS NOT NULL; other operators given null there are left out.
    if (v === null && op === '_has_key' && !perm) { parts.push(`(${x} ? NULL::text)`); continue; }
    if (v === null && op === '_eq') { parts.push(`${x} IS NULL`); continue; }
    if (v === null && op === '_neq') { parts.push(`${x} IS NOT NULL`); continue; }
    if (v === null) continue;
    if (op === '_in' || op === '_nin') {
      const arr = perm && isSessionVar(v) ? ctx.p.add(sessionValue(ctx, v), `${col.sqlType}[]`) : ctx.p.add(v.map((e) => toParam(e, col)), `${col.sqlType}[]`);
      parts.push(op === '_in' ? `(${x} = ANY(${arr}))` : `(NOT (${x} = ANY(${arr})))`);
    } else if (op === '_has_key') parts.push(`(${x} ? ${ctx.p.add(perm && isSessionVar(v) ? sessionValue(ctx, v) : String(v), 'text')})`);
    else if (op === '_has_keys_any') parts.push(`(${x} ?| ${ctx.p.add(v, 'text[]')})`);
    else if (op === '_has_keys_all') parts.push(`(${x} ?& ${ctx.p.add(v, 'text[]')})`);
    else if (op === '_cast') {
      for (const [ty, sub] of Object.entries(v)) if (ty === 'String') parts.push(opsCond(`(${x})::text`, { udt: 'text', sqlType: 'text', name: '' }, sub, t, a, ctx, perm));
    } else if (COLOP[op]) {
      parts.push(`(${x} ${COLOP[op]} ${a}.${ident(Array.isArray(v) ? v[v.length - 1] : v)})`);
    } else if (BINOP[op]) {
      const cast = TEXT_OPS.has(op) ? 'text' : col.sqlType;
      parts.push(`(${TEXT_OPS.has(op) && !/char|text/.test(col.sqlType) ? `(${x})::text` : x} ${BINOP[op]} ${value(v, cast)})`);
    } else {
      throw new HasuraError('validation-failed', `unknown operator ${op}`, '$');
    }
  }
  return parts.length ? parts.join(' AND ') : 'true';
}
