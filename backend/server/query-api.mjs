// POST /v1/query (admin only): the metadata/SQL operations the fixture setups use; POST /v1/metadata
// (pg_* names, export/reload) and /v2/query (run_sql) for tools that speak the newer API.
// Errors use the legacy shape {"error","path","code"} with the real HTTP status.
import { HasuraError } from './errors.mjs';
import { tableRef, trackTable, trackFunction, addRelationship, addPermission, addComputedField, entryFor } from './metadata.mjs';
import { tableColumns, tableExists, functionExists } from './catalog.mjs';
import { ident } from './model.mjs';
import { Params, valueSql, numericBinaryScale } from './sqlparams.mjs';

const OK = { message: 'success' };

async function runSql(state, args) {
  if (!args || typeof args.sql !== 'string') throw new HasuraError('parse-failed', "the key 'sql' was not present", '$.args');
  let res;
  try {
    res = await state.pool.query(args.sql);
  } catch (e) {
    throw new HasuraError('postgres-error', 'query execution failed', '$', 400, { error: { message: e.message, status_code: e.code } });
  }
  const last = Array.isArray(res) ? res[res.length - 1] : res;
  if (last && last.fields && last.fields.length) {
    const head = last.fields.map((f) => f.name);
    return { result_type: 'TuplesOk', result: [head, ...last.rows.map((r) => head.map((h) => (r[h] === null ? null : String(r[h]))))] };
  }
  return { result_type: 'CommandOk', result: null };
}

// Legacy /v1/query insert: {table, objects, returning?}
async function insertRows(state, args) {
  const ref = tableRef(args.table);
  const columns = await tableColumns(state.pool, ref.schema, ref.name);
  const cat = columns && { columns };
  if (!cat) throw new HasuraError('not-exists', `table "${ref.name}" does not exist`, '$.args.table');
  let n = 0;
  for (const obj of args.objects || []) {
    const cols = Object.keys(obj);
    const p = new Params();
    const casts = cols.map((c) => {
      const col = cat.columns.find((x) => x.name === c);
      if (!col) throw new HasuraError('not-exists', `column "${c}" does not exist`, '$.args.objects');
      if (col.udt === 'numeric' && !col.isArray && typeof obj[c] === 'number') return p.add(numericBinaryScale(String(obj[c])), col.sqlType);
      return valueSql(p, obj[c], col);
    });
    const params = p.values;
    const sql = cols.length
      ? `INSERT INTO ${ident(ref.schema)}.${ident(ref.name)} (${cols.map(ident).join(', ')}) VALUES (${casts.join(', ')})`
      : `INSERT INTO ${ident(ref.schema)}.${ident(ref.name)} DEFAULT VALUES`;
    try { await state.pool.query(sql, params); } catch (e) { throw new HasuraError('constraint-violation', e.message, '$.args.objects'); }
    n += 1;
  }
  return { affected_rows: n };
}

// /v1/metadata names the Postgres operations pg_<name> and takes a `source` (one source here).
function metadataType(type) {
  return typeof type === 'string' && type.startsWith('pg_') ? type.slice(3) : type;
}

export function exportMetadata(md) {
  const tables = [...md.tables.values()].map((e) => {
    const out = { table: e.table };
    if (e.is_enum) out.is_enum = true;
    const cfg = {};
    if (e.custom_name) cfg.custom_name = e.custom_name;
    if (Object.keys(e.custom_root_fields || {}).length) cfg.custom_root_fields = e.custom_root_fields;
    if (Object.keys(e.custom_column_names || {}).length) cfg.column_config = Object.fromEntries(Object.entries(e.custom_column_names).map(([c, n]) => [c, { custom_name: n }]));
    if (Object.keys(cfg).length) out.configuration = cfg;
    for (const k of ['object_relationships', 'array_relationships', 'computed_fields', 'select_permissions', 'insert_permissions', 'update_permissions', 'delete_permissions']) {
      if (e[k] && e[k].length) out[k] = e[k];
    }
    return out;
  });
  const source = { name: 'default', kind: 'postgres', tables };
  if ((md.functions || []).length) source.functions = md.functions;
  return { version: 3, sources: [source] };
}

async function one(state, q, dirty, metadataApi = false) {
  if (!q || typeof q !== 'object') throw new HasuraError('parse-failed', 'expected an object', '$');
  const args = q.args || {};
  const type = metadataApi ? metadataType(q.type) : q.type;
  if (metadataApi && (type === 'run_sql' || type === 'insert')) throw new HasuraError('not-supported', `unsupported metadata type: ${q.type} (use /v1/query or /v2/query)`, '$.type');
  switch (type) {
    case 'export_metadata': return exportMetadata(state.metadata);
    case 'reload_metadata': dirty.model = true; return OK;
    case 'bulk': {
      const out = [];
      for (const x of args) out.push(await one(state, x, dirty, metadataApi));
      return out;
    }
    case 'run_sql': dirty.catalog = true; return runSql(state, args);
    case 'track_table': {
      const ref = tableRef(args.table ?? args);
      if (!(await tableExists(state.pool, ref.schema, ref.name))) throw new HasuraError('not-exists', `no such table/view exists in source: "${ref.name}"`, '$.args');
      trackTable(state.metadata, ref, { is_enum: args.is_enum, custom_name: args.configuration?.custom_name, configuration: args.configuration });
      dirty.model = true;
      return OK;
    }
    case 'untrack_table': {
      const ref = tableRef(args.table ?? args);
      entryFor(state.metadata, ref);
      state.metadata.tables.delete(`${ref.schema}.${ref.name}`);
      dirty.model = true;
      return OK;
    }
    case 'create_object_relationship': addRelationship(state.metadata, 'object', args); dirty.model = true; return OK;
    case 'create_array_relationship': addRelationship(state.metadata, 'array', args); dirty.model = true; return OK;
    case 'create_select_permission': case 'create_insert_permission': case 'create_update_permission': case 'create_delete_permission':
      addPermission(state.metadata, type.split('_')[1], args); dirty.model = true; return OK;
    case 'drop_select_permission': case 'drop_insert_permission': case 'drop_update_permission': case 'drop_delete_permission': {
      const e = entryFor(state.metadata, args.table);
      const k = `${type.split('_')[1]}_permissions`;
      e[k] = e[k].filter((p) => p.role !== args.role);
      dirty.model = true;
      return OK;
    }
    case 'insert': return insertRows(state, args);
    case 'add_computed_field': {
      const d = args.definition || {};
      const fname = typeof d.function === 'string' ? d.function : d.function?.name;
      const fschema = typeof d.function === 'string' ? 'public' : d.function?.schema || 'public';
      if (!(await functionExists(state.pool, fschema, fname))) throw new HasuraError('not-exists', `no such function exists: ${JSON.stringify(fname)}`, '$.args.definition.function');
      addComputedField(state.metadata, args); dirty.model = true; return OK;
    }
    case 'track_function': {
      const f = args.function ? args.function : args;
      const ref = typeof f === 'string' ? { schema: 'public', name: f } : { schema: f.schema || 'public', name: f.name };
      if (!(await functionExists(state.pool, ref.schema, ref.name))) throw new HasuraError('not-exists', `no such function exists in postgres : ${JSON.stringify(ref.name)}`, '$.args');
      trackFunction(state.metadata, args); dirty.model = true; return OK;
    }
    case 'clear_metadata': state.metadata.tables.clear(); state.metadata.functions = []; dirty.model = true; return OK;
    default: throw new HasuraError('not-supported', `unsupported query type: ${q.type}`, '$.type');
  }
}

export async function runQueryApi(state, body, metadataApi = false) {
  const dirty = { catalog: false, model: false };
  const before = structuredClone(state.metadata);
  try {
    const r = await one(state, body, dirty, metadataApi);
    if (dirty.catalog || dirty.model) await state.reload();
    return r;
  } catch (e) {
    // like Hasura, a failed metadata operation leaves the metadata as it was
    state.metadata = before;
    await state.reload().catch(() => {});
    throw e;
  }
}
