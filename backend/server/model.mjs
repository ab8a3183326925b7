// Resolves the metadata against the Postgres catalogue: concrete columns, relationship
// column mappings, enum tables and their values, permissions by role.
import { HasuraError } from './errors.mjs';
import { tableRef } from './metadata.mjs';

const sameCols = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const asList = (v) => (Array.isArray(v) ? v : [v]);

function resolveRel(t, rel, kind, catalog) {
  const u = rel.using || {};
  if (u.manual_configuration) {
    const m = u.manual_configuration;
    const r = tableRef(m.remote_table);
    return { remoteKey: `${r.schema}.${r.name}`, mapping: Object.entries(m.column_mapping || {}), nonNull: false };
  }
  const fkc = u.foreign_key_constraint_on;
  if (fkc === undefined) throw new HasuraError('parse-failed', `relationship "${rel.name}": unsupported "using"`, '$.args.using');
  if (typeof fkc === 'string' || Array.isArray(fkc) || (fkc && fkc.column === undefined && fkc.columns === undefined && fkc.table === undefined)) {
    // local columns carry the foreign key
    const cols = asList(fkc);
    const fk = t.cat.fks.find((f) => sameCols(f.cols, cols));
    if (!fk) throw new HasuraError('not-exists', `no foreign constraint exists on the given column(s) ${JSON.stringify(cols)}`, '$.args.using');
    const nonNull = kind === 'object' && cols.every((c) => !t.cat.columns.find((x) => x.name === c)?.nullable);
    return { remoteKey: `${fk.refSchema}.${fk.refTable}`, mapping: fk.cols.map((c, i) => [c, fk.refCols[i]]), nonNull };
  }
  // remote table carries the foreign key pointing at us
  const r = tableRef(fkc.table);
  const remote = catalog.get(`${r.schema}.${r.name}`);
  if (!remote) throw new HasuraError('not-exists', `table "${r.name}" does not exist`, '$.args.using');
  const cols = asList(fkc.columns || fkc.column);
  const fk = remote.fks.find((f) => sameCols(f.cols, cols) && f.refSchema === t.schema && f.refTable === t.name);
  if (!fk) throw new HasuraError('not-exists', `no foreign constraint exists on the given column(s) ${JSON.stringify(cols)}`, '$.args.using');
  return { remoteKey: `${r.schema}.${r.name}`, mapping: fk.refCols.map((c, i) => [c, fk.cols[i]]), nonNull: false };
}

// A computed field: a function taking the table's row (and maybe the session as json and
// further arguments), returning a scalar or rows of a tracked table.
function resolveComputed(t, cf, catalog, tables) {
  const d = cf.definition || {};
  const fref = typeof d.function === 'string' ? { schema: 'public', name: d.function } : { schema: d.function?.schema || 'public', name: d.function?.name };
  const fn = catalog.functions?.get(`${fref.schema}.${fref.name}`);
  if (!fn) return null;
  const rowType = [t.name, `${t.schema}.${t.name}`, `"${t.name}"`];
  let tableArg = fn.args.findIndex((a) => (d.table_argument ? a.name === d.table_argument : rowType.includes(a.sqlType)));
  if (tableArg < 0) tableArg = 0;
  const sessionArg = d.session_argument ? fn.args.findIndex((a) => a.name === d.session_argument) : -1;
  const inputs = fn.args.map((a, i) => ({ ...a, index: i })).filter((a) => a.index !== tableArg && a.index !== sessionArg);
  const remoteKey = fn.retTable && tables.has(fn.retTable) ? fn.retTable : null;
  if (fn.retTable && !remoteKey) return null; // returns rows of an untracked table
  return { name: cf.name, fn, tableArg, sessionArg, inputs, returnsTable: !!remoteKey, remoteKey, retset: fn.retset, comment: cf.comment };
}

const permMap = (list) => new Map((list || []).map((p) => [p.role, p.permission || {}]));

// enumRows: Map tableKey -> [{value, comment}] for is_enum tables
export function buildModel(md, catalog, enumRows) {
  const tables = new Map();
  for (const [key, e] of md.tables) {
    const cat = catalog.get(key);
    if (!cat) continue; // inconsistent object: the table vanished
    tables.set(key, {
      key, schema: e.table.schema, name: e.table.name, base: e.custom_name || (e.table.schema === 'public' ? e.table.name : `${e.table.schema}_${e.table.name}`), cat,
      isEnum: !!e.is_enum, enumValues: enumRows.get(key) || [], comment: cat.comment,
      columns: cat.columns.map((c) => ({ ...c, enumRef: null, customName: e.custom_column_names?.[c.name] || null })),
      customRoot: e.custom_root_fields || {},
      pk: cat.pk, uniques: cat.uniques, rels: [], entry: e,
      perms: {
        select: permMap(e.select_permissions), insert: permMap(e.insert_permissions),
        update: permMap(e.update_permissions), delete: permMap(e.delete_permissions),
      },
    });
  }
  for (const t of tables.values()) {
    for (const fk of t.cat.fks) {
      const rk = `${fk.refSchema}.${fk.refTable}`;
      const remote = tables.get(rk);
      // Hasura types a column as the enum only when its foreign key targets the enum table's primary key
      if (fk.cols.length === 1 && remote && remote.isEnum && remote.pk && remote.pk.cols.length === 1 && remote.pk.cols[0] === fk.refCols[0]) {
        const c = t.columns.find((x) => x.name === fk.cols[0]);
        if (c && !c.isArray) c.enumRef = rk;
      }
    }
    for (const [kind, list] of [['object', t.entry.object_relationships], ['array', t.entry.array_relationships]]) {
      for (const rel of list) {
        const r = resolveRel(t, rel, kind, catalog);
        if (!tables.has(r.remoteKey)) continue; // remote table not tracked: relationship is inconsistent
        t.rels.push({ name: rel.name, type: kind, ...r });
      }
    }
    t.computed = [];
    for (const cf of t.entry.computed_fields || []) {
      const r = resolveComputed(t, cf, catalog, tables);
      if (r) t.computed.push(r);
    }
    t.cfByName = new Map(t.computed.map((c) => [c.name, c]));
    t.colByName = new Map(t.columns.map((c) => [c.name, c]));
    t.relByName = new Map(t.rels.map((r) => [r.name, r]));
  }
  // tracked functions: root fields returning rows of a tracked table (SETOF t, or t)
  const functions = [];
  for (const tf of md.functions || []) {
    const fn = catalog.functions?.get(`${tf.function.schema}.${tf.function.name}`);
    if (!fn || !fn.retTable || !tables.has(fn.retTable)) continue;
    const sessionArg = tf.configuration?.session_argument ? fn.args.findIndex((a) => a.name === tf.configuration.session_argument) : -1;
    const inputs = fn.args.map((a, i) => ({ ...a, index: i })).filter((a) => a.index !== sessionArg);
    const base = tf.configuration?.custom_name || (tf.function.schema === 'public' ? tf.function.name : `${tf.function.schema}_${tf.function.name}`);
    functions.push({ name: base, fn, tableArg: -1, sessionArg, inputs, remoteKey: fn.retTable, retset: fn.retset });
  }
  return { tables, functions };
}

export async function loadEnumRows(pool, md, catalog) {
  const out = new Map();
  for (const [key, e] of md.tables) {
    if (!e.is_enum) continue;
    const cat = catalog.get(key);
    if (!cat || !cat.pk) continue;
    const pkCol = cat.pk.cols[0];
    const other = cat.columns.find((c) => c.name !== pkCol);
    const q = `SELECT ${ident(pkCol)} AS value${other ? `, ${ident(other.name)}::text AS comment` : ''} FROM ${ident(cat.schema)}.${ident(cat.name)} ORDER BY 1`;
    const r = await pool.query(q);
    out.set(key, r.rows.map((x) => ({ value: x.value, comment: x.comment ?? null })));
  }
  return out;
}

// Quoted SQL identifier. Identifiers come from the catalogue/metadata, never from request values.
export const ident = (s) => '"' + String(s).replace(/"/g, '""') + '"';
