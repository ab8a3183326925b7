// Compiles selections (lists, by-pk, aggregates, relationships) to one SQL expression per
// root field that yields the JSON text of the result, with keys in selection-set order.
import { HasuraError, validationError } from './errors.mjs';
import { ident, lit } from './sqlparams.mjs';
import { compileBool, joinCond, remoteFilter } from './boolexp.mjs';
import { BIGNUM } from './pgtypes.mjs';
import { computedCall } from './computed.mjs';

const DIR = {
  asc: 'ASC NULLS LAST', asc_nulls_first: 'ASC NULLS FIRST', asc_nulls_last: 'ASC NULLS LAST',
  desc: 'DESC NULLS FIRST', desc_nulls_first: 'DESC NULLS FIRST', desc_nulls_last: 'DESC NULLS LAST',
};
const tableSql = (t) => `${ident(t.schema)}.${ident(t.name)}`;

// Builds a JSON object with the given [key, sqlExpr] pairs, keeping their order.
// row_to_json of a one-row subselect (as Hasura does): compact output, no argument limit.
// inline: json_build_object, for objects built from aggregate functions, which must stay at
// the level of the aggregated rows.
export function jsonObject(pairs, inline = false) {
  if (pairs.length === 0) return "'{}'::json";
  if (inline) {
    if (pairs.length > 50) throw new HasuraError('not-supported', 'more than 50 fields in one aggregate selection', '$');
    return `json_build_object(${pairs.map(([k, e]) => `${lit(k)}, ${e}`).join(', ')})`;
  }
  return `(SELECT row_to_json(_x) FROM (SELECT ${pairs.map(([k, e]) => `${e} AS ${ident(k)}`).join(', ')}) AS _x)`;
}

// JSON path argument of json/jsonb columns ("$.a.b[0]", "a.b", "$['x y']") as a text[] of steps.
export function parseJsonPath(path) {
  const steps = [];
  let s = path.trim();
  if (s.startsWith('$')) s = s.slice(1);
  let i = 0;
  while (i < s.length) {
    if (s[i] === '.') { i += 1; continue; }
    if (s[i] === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) throw validationError(`parse json path error: ${path}`);
      let inner = s.slice(i + 1, end).trim();
      if ((inner.startsWith('"') && inner.endsWith('"')) || (inner.startsWith("'") && inner.endsWith("'"))) inner = inner.slice(1, -1);
      steps.push(inner);
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && s[j] !== '.' && s[j] !== '[') j += 1;
    steps.push(s.slice(i, j));
    i = j;
  }
  return steps;
}

function columnExpr(col, a, ctx, args) {
  let x = `${a}.${ident(col.name)}`;
  if (args && args.path != null) x = `(${x} #> ${ctx.p.add(parseJsonPath(args.path), 'text[]')})`;
  if (ctx.stringify && BIGNUM.has(col.udt) && !col.isArray) x = `(${x})::text`;
  if ((col.udt === 'geometry' || col.udt === 'geography') && !col.isArray) x = `ST_AsGeoJSON(${x}, 15, 4)::json`;
  // enum-table columns answer with the GraphQL enum value (upper case in graphql-default)
  if (col.enumRef && ctx.upperEnums) x = `upper(${x})`;
  return x;
}

// JSON of one row of table t under alias a, for the selection `sel`.
export function rowJson(sel, t, a, ctx) {
  const pairs = [];
  for (const f of sel) {
    const mb = f.mb;
    if (mb.kind === 'typename') pairs.push([f.alias, ctx.p.add(f.value, 'text')]);
    else if (mb.kind === 'column') pairs.push([f.alias, columnExpr(t.colByName.get(mb.col), a, ctx, f.args)]);
    else if (mb.kind === 'computed') pairs.push([f.alias, computedField(t.cfByName.get(mb.cf), f, t, a, ctx)]);
    else if (mb.kind === 'objrel') pairs.push([f.alias, objectRel(t.relByName.get(mb.rel), f, a, ctx)]);
    else if (mb.kind === 'arrrel') {
      const rel = t.relByName.get(mb.rel);
      pairs.push([f.alias, listSelect(ctx.model.tables.get(rel.remoteKey), f, ctx, (r) => joinCond(rel, a, r))]);
    } else if (mb.kind === 'arragg') {
      const rel = t.relByName.get(mb.rel);
      pairs.push([f.alias, aggregateSelect(ctx.model.tables.get(rel.remoteKey), f, ctx, (r) => joinCond(rel, a, r))]);
    } else throw new HasuraError('unexpected', `cannot select ${f.name}`, f.path || '$');
  }
  return jsonObject(pairs);
}

function computedField(cf, f, t, a, ctx) {
  const call = computedCall(cf, t, a, ctx, (f.args && f.args.args) || {});
  if (!cf.returnsTable) {
    const e = `(${call})`;
    return ctx.stringify && BIGNUM.has(cf.fn.retUdt) ? `${e}::text` : e;
  }
  const remote = ctx.model.tables.get(cf.remoteKey);
  if (!cf.retset) {
    const r = ctx.p.alias();
    return `(SELECT ${rowJson(f.sel, remote, r, ctx)} FROM ${call} AS ${r} WHERE ${remoteFilter(cf.remoteKey, r, ctx)} LIMIT 1)`;
  }
  return listSelect(remote, f, ctx, null, null, call);
}

function objectRel(rel, f, a, ctx) {
  const remote = ctx.model.tables.get(rel.remoteKey);
  const r = ctx.p.alias();
  return `(SELECT ${rowJson(f.sel, remote, r, ctx)} FROM ${tableSql(remote)} AS ${r} WHERE ${joinCond(rel, a, r)} AND ${remoteFilter(rel.remoteKey, r, ctx)} LIMIT 1)`;
}

function orderItems(orderBy, t, a, ctx) {
  const items = [];
  const id = (e) => e; // top level: plain column expressions (distinct_on checks these)
  const walk = (ob, tt, aa, prefixRel) => {
    for (const [k, dir] of Object.entries(ob)) {
      if (dir === null || dir === undefined) continue;
      if (tt.cfByName?.has(k)) { items.push({ expr: prefixRel(`(${computedCall(tt.cfByName.get(k), tt, aa, ctx)})`), dir: DIR[dir] }); continue; }
      if (tt.colByName.has(k)) { items.push({ expr: prefixRel(`${aa}.${ident(k)}`), dir: DIR[dir], col: prefixRel === id ? k : null }); continue; }
      const isAgg = k.endsWith('\u0000agg');
      const rel = tt.relByName.get(isAgg ? k.slice(0, -4) : k);
      if (!rel) throw validationError(`no such column or relationship: ${k}`);
      const remote = ctx.model.tables.get(rel.remoteKey);
      const r = ctx.p.alias('_ob');
      const from = `FROM ${tableSql(remote)} AS ${r} WHERE ${joinCond(rel, aa, r)} AND ${remoteFilter(rel.remoteKey, r, ctx)}`;
      if (!isAgg) {
        walk(dir, remote, r, (e) => prefixRel(`(SELECT ${e} ${from} LIMIT 1)`));
      } else {
        // a null direction orders by nothing there (Schema/OrderBy.hs: P.nullable)
        for (const [fn, spec] of Object.entries(dir)) {
          if (fn === 'count') { if (spec != null) items.push({ expr: prefixRel(`(SELECT count(*) ${from})`), dir: DIR[spec] }); }
          else for (const [c, d] of Object.entries(spec)) if (d != null) items.push({ expr: prefixRel(`(SELECT ${fn}(${r}.${ident(c)}) ${from})`), dir: DIR[d] });
        }
      }
    }
  };
  for (const ob of orderBy || []) walk(ob, t, a, id);
  return items;
}

// The rows of a select (with where/order/limit/offset/distinct and the role's filter) as a
// subquery exposing all columns plus "__mb_o", the ordering rank.
// source: SQL of a set-returning function call to read instead of the table (computed fields).
function baseRows(t, args, ctx, join, extraWhere, source) {
  const a = ctx.p.alias();
  const view = ctx.views.get(t.key);
  const conds = [];
  if (join) conds.push(join(a));
  if (!ctx.admin) conds.push(compileBool(view.sel.filter, t, a, ctx, true));
  if (args.where) conds.push(compileBool(args.where, t, a, ctx));
  if (extraWhere) conds.push(extraWhere(a));
  const order = orderItems(args.order_by, t, a, ctx);
  let distinct = '';
  if (args.distinct_on && args.distinct_on.length) {
    const dcols = args.distinct_on;
    if (order.length === 0) for (const c of dcols) order.push({ expr: `${a}.${ident(c)}`, dir: 'ASC NULLS LAST', col: c });
    const head = order.slice(0, dcols.length).map((o) => o.col);
    if (head.length < dcols.length || !dcols.every((c) => head.includes(c))) throw validationError('"distinct_on" columns must match initial "order_by" columns');
    distinct = `DISTINCT ON (${dcols.map((c) => `${a}.${ident(c)}`).join(', ')}) `;
  }
  const orderSql = order.map((o) => `${o.expr} ${o.dir}`).join(', ');
  let limit = args.limit ?? null;
  if (!ctx.admin && view.sel.limit != null) limit = limit == null ? view.sel.limit : Math.min(limit, view.sel.limit);
  const rank = orderSql ? `row_number() OVER (ORDER BY ${orderSql})` : 'NULL::bigint';
  let sql = `SELECT ${distinct}${a}.*, ${rank} AS "__mb_o" FROM ${source || tableSql(t)} AS ${a} WHERE ${conds.length ? conds.join(' AND ') : 'true'}`;
  if (orderSql) sql += ` ORDER BY ${orderSql}`;
  if (limit != null) sql += ` LIMIT ${ctx.p.add(String(limit), 'bigint')}`;
  if (args.offset != null) sql += ` OFFSET ${ctx.p.add(String(args.offset), 'bigint')}`;
  return { sql, ordered: !!orderSql };
}

export function listSelect(t, f, ctx, join, extraWhere, source) {
  const { sql, ordered } = baseRows(t, f.args || {}, ctx, join, extraWhere, source);
  const b = ctx.p.alias('_b');
  return `(SELECT coalesce(json_agg(${rowJson(f.sel, t, b, ctx)}${ordered ? ` ORDER BY ${b}."__mb_o"` : ''}), '[]'::json) FROM (${sql}) AS ${b})`;
}

// A tracked function as a root field: its rows, filtered like the returned table's rows.
export function functionSelect(tf, t, f, ctx, aggregate) {
  const call = computedCall(tf, t, null, ctx, (f.args && f.args.args) || {});
  if (aggregate) return aggregateSelect(t, f, ctx, null, call);
  if (tf.retset) return listSelect(t, f, ctx, null, null, call);
  const { sql } = baseRows(t, {}, ctx, null, null, call);
  const b = ctx.p.alias('_b');
  return `(SELECT ${rowJson(f.sel, t, b, ctx)} FROM (${sql}) AS ${b} LIMIT 1)`;
}

export function byPkSelect(t, f, ctx) {
  const pkWhere = (a) => t.pk.cols.map((c) => `${a}.${ident(c)} = ${ctx.p.add(toText(f.args[c]), t.colByName.get(c).sqlType)}`).join(' AND ');
  const { sql } = baseRows(t, {}, ctx, null, pkWhere);
  const b = ctx.p.alias('_b');
  return `(SELECT ${rowJson(f.sel, t, b, ctx)} FROM (${sql}) AS ${b} LIMIT 1)`;
}
const toText = (v) => (v && typeof v === 'object' && '$num' in v ? v.$num : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function aggregateSelect(t, f, ctx, join, source) {
  const { sql, ordered } = baseRows(t, f.args || {}, ctx, join, null, source);
  const b = ctx.p.alias('_b');
  const pairs = [];
  for (const g of f.sel) {
    if (g.mb.kind === 'typename') pairs.push([g.alias, ctx.p.add(g.value, 'text')]);
    else if (g.mb.kind === 'nodes') pairs.push([g.alias, `coalesce(json_agg(${rowJson(g.sel, t, b, ctx)}${ordered ? ` ORDER BY ${b}."__mb_o"` : ''}), '[]'::json)`]);
    else if (g.mb.kind === 'aggregate') pairs.push([g.alias, aggregateFields(g.sel, t, b, ctx)]);
  }
  return `(SELECT ${jsonObject(pairs, true)} FROM (${sql}) AS ${b})`;
}

function aggregateFields(sel, t, b, ctx) {
  const pairs = [];
  for (const g of sel) {
    if (g.mb.kind === 'typename') { pairs.push([g.alias, ctx.p.add(g.value, 'text')]); continue; }
    if (g.mb.kind === 'count') {
      const cols = g.args.columns || [];
      const inner = cols.length ? cols.map((c) => `${b}.${ident(c)}`).join(', ') : '*';
      pairs.push([g.alias, `count(${g.args.distinct && cols.length ? 'DISTINCT ' : ''}${cols.length > 1 ? `(${inner})` : inner})`]);
      continue;
    }
    const fn = g.mb.fn;
    const inner = [];
    for (const h of g.sel) {
      if (h.mb.kind === 'typename') { inner.push([h.alias, ctx.p.add(h.value, 'text')]); continue; }
      const col = t.colByName.get(h.mb.col);
      let e = `${fn}(${b}.${ident(col.name)})`;
      // sum/max/min have the column's type (stringified when it is a big number); the
      // statistical functions are Float.
      if (ctx.stringify && (fn === 'sum' || fn === 'max' || fn === 'min') && BIGNUM.has(col.udt)) e = `(${e})::text`;
      inner.push([h.alias, e]);
    }
    pairs.push([g.alias, jsonObject(inner, true)]);
  }
  return jsonObject(pairs, true);
}
