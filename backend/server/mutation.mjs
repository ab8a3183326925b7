// Compiles and runs mutation root fields inside the request's transaction. Inserts go row
// by row (nested object/array relationship inserts need the parent's keys), updates and
// deletes are one statement each; inserted/updated rows are selected afterwards by key.
import { HasuraError, validationError } from './errors.mjs';
import { Params, ident, toParam, valueSql } from './sqlparams.mjs';
import { compileBool, isSessionVar, sessionValue } from './boolexp.mjs';
import { rowJson, jsonObject } from './select.mjs';

const tableSql = (t) => `${ident(t.schema)}.${ident(t.name)}`;
const CHECK_FAILED = 'check constraint of an insert/update permission has failed';

// Rows written by a mutation are found again by primary key (ctid when there is none): a trigger
// may rewrite a row (and so move its ctid) while the rest of the request runs.
const keyColumns = (t) => (t.pk ? t.pk.cols : null);
function keyReturning(t, a) {
  const cols = keyColumns(t);
  return cols ? cols.map((c, i) => `(${a}.${ident(c)})::text AS "__mb_k${i}"`).join(', ') : `${a}.ctid::text AS "__mb_k0"`;
}
const rowKey = (t, row) => (keyColumns(t) || ['ctid']).map((_, i) => row[`__mb_k${i}`]);
// JOIN of alias `a` with the given keys, numbered in their order (k.n)
function keyJoin(t, a, keys, p) {
  const cols = keyColumns(t);
  const arrays = cols ? cols.map((c, i) => p.add(keys.map((k) => k[i]), `${t.colByName.get(c).sqlType}[]`)) : [p.add(keys.map((k) => k[0]), 'tid[]')];
  const names = arrays.map((_, i) => `k${i}`);
  const on = cols ? cols.map((c, i) => `${a}.${ident(c)} = _k.k${i}`) : [`${a}.ctid = _k.k0`];
  return `JOIN unnest(${arrays.join(', ')}) WITH ORDINALITY AS _k(${names.join(', ')}, n) ON ${on.join(' AND ')}`;
}

function presetValue(v, ctx) {
  return isSessionVar(v) ? sessionValue(ctx, v) : v;
}

// Runs `text` with params on the transaction client, mapping Postgres errors.
async function q(ctx, sql, params, path) {
  try {
    return await ctx.client.query(sql, params);
  } catch (e) {
    throw ctx.pgError(e, path);
  }
}

// want: columns whose inserted values the caller needs back (an object relationship's parent keys).
async function insertObject(t, obj, onConflict, ctx, path, counter, want = []) {
  const view = ctx.views.get(t.key);
  const row = {};
  const afterArr = [];
  for (const [k, v] of Object.entries(obj)) {
    if (t.colByName.has(k)) { row[k] = v; continue; }
    const rel = t.relByName.get(k);
    if (!rel) throw validationError(`no such column or relationship: ${k}`, path);
    if (v === null) continue; // a relationship given null inserts nothing through it
    const remote = ctx.model.tables.get(rel.remoteKey);
    if (rel.type === 'object') {
      const parentCols = rel.mapping.map(([, rc]) => rc);
      const res = await insertObject(remote, v.data, v.on_conflict, ctx, `${path}.${k}.data`, counter, parentCols);
      if (!res) throw new HasuraError('not-supported', 'cannot proceed to insert array relations since insert to table failed', path);
      rel.mapping.forEach(([lc], i) => { row[lc] = { $raw: res.values[parentCols[i]] }; });
    } else afterArr.push([rel, remote, v, k]);
  }
  // parent columns that array-relationship children will need
  const needed = new Set([...want, ...afterArr.flatMap(([rel]) => rel.mapping.map(([lc]) => lc))]);
  const cols = []; const vals = [];
  const p = new Params();
  for (const [k, v] of Object.entries(row)) {
    if (!ctx.admin && !view.ins.cols.has(k) && !(v && v.$raw !== undefined)) throw validationError(`field '${k}' not found in type: '${t.base}_insert_input'`, `${path}.${k}`);
    const col = t.colByName.get(k);
    cols.push(ident(k));
    vals.push(v && typeof v === 'object' && '$raw' in v ? p.add(v.$raw, col.sqlType) : valueSql(p, v, col));
  }
  if (!ctx.admin) {
    for (const [k, v] of Object.entries(view.ins.set || {})) {
      const col = t.colByName.get(k);
      if (!col) continue;
      const idx = cols.indexOf(ident(k));
      const expr = p.add(toParam(presetValue(v, ctx), col), col.sqlType);
      if (idx >= 0) vals[idx] = expr; else { cols.push(ident(k)); vals.push(expr); }
    }
  }
  const a = '_ins';
  let sql = `INSERT INTO ${tableSql(t)} AS ${a} ${cols.length ? `(${cols.join(', ')}) VALUES (${vals.join(', ')})` : 'DEFAULT VALUES'}`;
  if (onConflict) {
    const upd = onConflict.update_columns || [];
    if (upd.length === 0) sql += ` ON CONFLICT ON CONSTRAINT ${ident(onConflict.constraint)} DO NOTHING`;
    else {
      const ctx2 = { ...ctx, p };
      const conds = [];
      if (onConflict.where) conds.push(compileBool(onConflict.where, t, a, ctx2));
      if (!ctx.admin && view.upd) conds.push(compileBool(view.upd.filter, t, a, ctx2, true));
      sql += ` ON CONFLICT ON CONSTRAINT ${ident(onConflict.constraint)} DO UPDATE SET ${upd.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}`;
      if (conds.length) sql += ` WHERE ${conds.join(' AND ')}`;
    }
  }
  const mapCols = [...needed];
  sql += ` RETURNING ${keyReturning(t, a)}${mapCols.map((c, i) => `, (${a}.${ident(c)})::text AS "m${i}"`).join('')}`;
  const r = await q(ctx, sql, p.values, path);
  if (r.rows.length === 0) return null;
  counter.n += 1;
  const values = {};
  mapCols.forEach((c, i) => { values[c] = r.rows[0][`m${i}`]; });
  // array relationship children, after the parent row exists
  for (const [rel, remote, v, k] of afterArr) {
    for (const [i, child] of v.data.entries()) {
      const c2 = { ...child };
      for (const [lc, rc] of rel.mapping) c2[rc] = { $raw: values[lc] };
      await insertObject(remote, c2, v.on_conflict, ctx, `${path}.${k}.data[${i}]`, counter);
    }
  }
  const key = rowKey(t, r.rows[0]);
  await checkRows(t, [key], view?.ins?.check, ctx, path);
  return { key, values };
}

async function checkRows(t, keys, check, ctx, path) {
  if (ctx.admin || !check || Object.keys(check).length === 0 || keys.length === 0) return;
  const p = new Params();
  const c2 = { ...ctx, p };
  const join = keyJoin(t, '_chk', keys, p);
  const cond = compileBool(check, t, '_chk', c2, true);
  const r = await q(ctx, `SELECT count(*)::int AS n FROM ${tableSql(t)} AS _chk ${join} WHERE NOT (${cond})`, p.values, path);
  if (r.rows[0].n > 0) throw new HasuraError('permission-error', CHECK_FAILED, '$');
}

// JSON for the rows with the given keys, in their order, for selection `sel`.
async function rowsJson(t, keys, sel, ctx, one) {
  const p = new Params();
  const c2 = { ...ctx, p };
  const a = '_ret';
  const join = keyJoin(t, a, keys, p);
  const filter = ctx.admin ? 'true' : compileBool(ctx.views.get(t.key).sel?.filter || {}, t, a, c2, true);
  const json = rowJson(sel, t, a, c2);
  const sql = one
    ? `SELECT (${json})::text AS j FROM ${tableSql(t)} AS ${a} ${join} WHERE ${filter} LIMIT 1`
    : `SELECT (coalesce(json_agg(${json} ORDER BY _k.n), '[]'::json))::text AS j FROM ${tableSql(t)} AS ${a} ${join} WHERE ${filter}`;
  const r = await q(ctx, sql, p.values, '$');
  return r.rows.length ? r.rows[0].j : 'null';
}

// {"affected_rows": n, "returning": [...]} in selection order, as JSON text.
async function mutationResponse(t, f, n, keys, ctx) {
  const parts = [];
  for (const g of f.sel) {
    if (g.mb.kind === 'affected_rows') parts.push(`${JSON.stringify(g.alias)}:${n}`);
    else if (g.mb.kind === 'returning') parts.push(`${JSON.stringify(g.alias)}:${await rowsJson(t, keys, g.sel, ctx, false)}`);
    else if (g.mb.kind === 'typename') parts.push(`${JSON.stringify(g.alias)}:${JSON.stringify(g.value)}`);
  }
  return `{${parts.join(',')}}`;
}

export async function runInsert(t, f, ctx, one) {
  const objects = one ? [f.args.object] : f.args.objects;
  const counter = { n: 0 };
  const keys = [];
  const argPath = `${f.path}.args.${one ? 'object' : 'objects'}`;
  for (const obj of objects) {
    const res = await insertObject(t, obj, f.args.on_conflict, ctx, argPath, counter);
    if (res) keys.push(res.key);
  }
  if (one) return keys.length ? rowsJson(t, keys, f.sel, ctx, true) : 'null';
  return mutationResponse(t, f, counter.n, keys, ctx);
}

function setClauses(t, args, a, p, ctx, path) {
  const sets = new Map();
  const ops = [['_set', (c, v) => valueSql(p, v, c)], ['_inc', (c, v) => `${a}.${ident(c.name)} + ${p.add(toParam(v, c), c.sqlType)}`],
    ['_append', (c, v) => `${a}.${ident(c.name)} || ${p.add(toParam(v, c), 'jsonb')}`], ['_prepend', (c, v) => `${p.add(toParam(v, c), 'jsonb')} || ${a}.${ident(c.name)}`],
    ['_delete_key', (c, v) => `${a}.${ident(c.name)} - ${p.add(v === null ? null : String(v), 'text')}`], ['_delete_elem', (c, v) => `${a}.${ident(c.name)} - ${p.add(String(v), 'integer')}`],
    ['_delete_at_path', (c, v) => `${a}.${ident(c.name)} #- ${p.add(v, 'text[]')}`]];
  const dup = [];
  let anyOp = false;
  for (const [op, mk] of ops) {
    if (!(op in args) || args[op] === null) continue;
    anyOp = true;
    for (const [k, v] of Object.entries(args[op])) {
      if (sets.has(k)) dup.push(k);
      sets.set(k, `${ident(k)} = ${mk(t.colByName.get(k), v)}`);
    }
  }
  if (dup.length) throw validationError(`Column found in multiple operators: ${JSON.stringify(dup)}.`, path);
  if (!anyOp) throw validationError('at least any one of _set, _inc, _append, _prepend, _delete_key, _delete_elem, _delete_at_path is expected', path);
  if (!ctx.admin) {
    for (const [k, v] of Object.entries(ctx.views.get(t.key).upd.set || {})) {
      const col = t.colByName.get(k);
      if (col) sets.set(k, `${ident(k)} = ${p.add(toParam(presetValue(v, ctx), col), col.sqlType)}`);
    }
  }
  return [...sets.values()];
}

async function updateRows(t, args, where, ctx, path) {
  const p = new Params();
  const c2 = { ...ctx, p };
  const a = '_upd';
  const view = ctx.views.get(t.key);
  const sets = setClauses(t, args, a, p, ctx, path);
  if (sets.length === 0) return [];
  const conds = [where(a, c2)];
  if (!ctx.admin) conds.push(compileBool(view.upd.filter, t, a, c2, true));
  const r = await q(ctx, `UPDATE ${tableSql(t)} AS ${a} SET ${sets.join(', ')} WHERE ${conds.join(' AND ')} RETURNING ${keyReturning(t, a)}`, p.values, path);
  const keys = r.rows.map((x) => rowKey(t, x));
  await checkRows(t, keys, view?.upd?.check, ctx, path);
  return keys;
}

export async function runUpdate(t, f, ctx) {
  const keys = await updateRows(t, f.args, (a, c2) => compileBool(f.args.where, t, a, c2), ctx, f.path);
  return mutationResponse(t, f, keys.length, keys, ctx);
}

export async function runUpdateByPk(t, f, ctx) {
  const pkv = f.args.pk_columns;
  const keys = await updateRows(t, f.args, (a, c2) => t.pk.cols.map((c) => `${a}.${ident(c)} = ${c2.p.add(toParam(pkv[c], t.colByName.get(c)), t.colByName.get(c).sqlType)}`).join(' AND '), ctx, f.path);
  return keys.length ? rowsJson(t, keys, f.sel, ctx, true) : 'null';
}

export async function runUpdateMany(t, f, ctx) {
  const out = [];
  for (const [i, u] of f.args.updates.entries()) {
    const keys = await updateRows(t, u, (a, c2) => compileBool(u.where, t, a, c2), ctx, `${f.path}.args.updates[${i}]`);
    out.push(await mutationResponse(t, f, keys.length, keys, ctx));
  }
  return `[${out.join(',')}]`;
}

async function deleteRows(t, f, where, ctx, one) {
  const p = new Params();
  const c2 = { ...ctx, p };
  const a = '_del';
  const conds = [where(a, c2)];
  if (!ctx.admin) conds.push(compileBool(ctx.views.get(t.key).del.filter, t, a, c2, true));
  const r = '_dr';
  let out;
  if (one) out = `(SELECT ${rowJson(f.sel, t, r, c2)} FROM "_mb_d" AS ${r} LIMIT 1)`;
  else {
    const pairs = [];
    for (const g of f.sel) {
      if (g.mb.kind === 'affected_rows') pairs.push([g.alias, '(SELECT count(*) FROM "_mb_d")::int']);
      else if (g.mb.kind === 'returning') pairs.push([g.alias, `(SELECT coalesce(json_agg(${rowJson(g.sel, t, r, c2)}), '[]'::json) FROM "_mb_d" AS ${r})`]);
      else if (g.mb.kind === 'typename') pairs.push([g.alias, p.add(g.value, 'text')]);
    }
    out = jsonObject(pairs);
  }
  const sql = `WITH "_mb_d" AS (DELETE FROM ${tableSql(t)} AS ${a} WHERE ${conds.join(' AND ')} RETURNING ${a}.*) SELECT (${out})::text AS j`;
  const res = await q(ctx, sql, p.values, '$');
  return res.rows[0].j ?? 'null';
}

export const runDelete = (t, f, ctx) => deleteRows(t, f, (a, c2) => compileBool(f.args.where, t, a, c2), ctx, false);
export const runDeleteByPk = (t, f, ctx) => deleteRows(t, f, (a, c2) => t.pk.cols.map((c) => `${a}.${ident(c)} = ${c2.p.add(toParam(f.args[c], t.colByName.get(c)), t.colByName.get(c).sqlType)}`).join(' AND '), ctx, true);
