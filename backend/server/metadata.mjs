// The tracked-table metadata: tables, relationships and permissions, in Hasura's own
// (snake_case, database-level) form. It is filled from a Hasura v3 metadata directory
// (MB_METADATA_DIR) or through /v1/query (track_table, create_*_relationship, create_*_permission).
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { HasuraError } from './errors.mjs';

export function tableRef(t) {
  if (typeof t === 'string') return { schema: 'public', name: t };
  if (t && typeof t === 'object' && typeof t.name === 'string') return { schema: t.schema || 'public', name: t.name };
  throw new HasuraError('parse-failed', 'expecting a table name', '$.args.table');
}
export const tableKey = (t) => { const r = tableRef(t); return `${r.schema}.${r.name}`; };

export function emptyMetadata() {
  return { tables: new Map(), functions: [] }; // tables: key -> entry (order of tracking kept)
}

function newEntry(ref) {
  return {
    table: ref, is_enum: false, custom_name: null,
    object_relationships: [], array_relationships: [], computed_fields: [],
    select_permissions: [], insert_permissions: [], update_permissions: [], delete_permissions: [],
  };
}

export function trackTable(md, ref, opts = {}) {
  const key = `${ref.schema}.${ref.name}`;
  if (md.tables.has(key)) throw new HasuraError('already-tracked', `view/table already tracked : "${ref.name}"`, '$.args');
  const e = newEntry(ref);
  e.is_enum = !!opts.is_enum;
  e.custom_name = opts.custom_name || null;
  // Hasura's table configuration: custom root field names and column names
  // (custom_column_names, or column_config.<col>.custom_name)
  const cfg = opts.configuration || {};
  e.custom_root_fields = cfg.custom_root_fields || {};
  e.custom_column_names = { ...(cfg.custom_column_names || {}) };
  for (const [col, cc] of Object.entries(cfg.column_config || {})) if (cc && cc.custom_name) e.custom_column_names[col] = cc.custom_name;
  md.tables.set(key, e);
  return e;
}

export function entryFor(md, table) {
  const key = tableKey(table);
  const e = md.tables.get(key);
  if (!e) throw new HasuraError('not-exists', `table "${tableRef(table).name}" does not exist`, '$.args.table');
  return e;
}

export function addRelationship(md, kind, args) {
  const e = entryFor(md, args.table);
  const list = kind === 'object' ? e.object_relationships : e.array_relationships;
  if ([...e.object_relationships, ...e.array_relationships].some((r) => r.name === args.name)) {
    throw new HasuraError('already-exists', `field with name "${args.name}" already exists`, '$.args.name');
  }
  list.push({ name: args.name, using: args.using });
}

export function trackFunction(md, args) {
  const f = args.function ? args.function : args;
  const ref = typeof f === 'string' ? { schema: 'public', name: f } : { schema: f.schema || 'public', name: f.name };
  if (md.functions.some((x) => x.function.schema === ref.schema && x.function.name === ref.name)) {
    throw new HasuraError('already-tracked', `function already tracked : "${ref.name}"`, '$.args');
  }
  md.functions.push({ function: ref, configuration: args.configuration || {} });
}

export function addComputedField(md, args) {
  const e = entryFor(md, args.table);
  if ([...e.object_relationships, ...e.array_relationships, ...e.computed_fields].some((r) => r.name === args.name)) {
    throw new HasuraError('already-exists', `field with name "${args.name}" already exists`, '$.args.name');
  }
  e.computed_fields.push({ name: args.name, definition: args.definition || {}, comment: args.comment });
}

export function addPermission(md, kind, args) {
  const e = entryFor(md, args.table);
  const list = e[`${kind}_permissions`];
  if (list.some((p) => p.role === args.role)) {
    throw new HasuraError('already-exists', `${kind} permission already defined on table "${e.table.name}" with role "${args.role}"`, '$.args');
  }
  list.push({ role: args.role, permission: args.permission || {} });
}

// Hasura's metadata YAML uses "!include <file>" strings (the CLI's format).
function loadYamlWithIncludes(file) {
  const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  const resolve = (v) => {
    if (typeof v === 'string' && v.startsWith('!include ')) return loadYamlWithIncludes(path.join(dir, v.slice(9).trim()));
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') { for (const k of Object.keys(v)) v[k] = resolve(v[k]); }
    return v;
  };
  return resolve(doc);
}

export function loadMetadataDir(dir) {
  const md = emptyMetadata();
  const dbFile = path.join(dir, 'databases', 'databases.yaml');
  if (!fs.existsSync(dbFile)) return md;
  const sources = loadYamlWithIncludes(dbFile) || [];
  for (const src of sources) {
    for (const f of src.functions || []) trackFunction(md, f);
    for (const t of src.tables || []) {
      const ref = tableRef(t.table);
      const e = trackTable(md, ref, { is_enum: t.is_enum, custom_name: t.configuration?.custom_name, configuration: t.configuration });
      for (const k of ['object_relationships', 'array_relationships', 'computed_fields', 'select_permissions', 'insert_permissions', 'update_permissions', 'delete_permissions']) {
        e[k] = (t[k] || []).map((x) => ({ ...x }));
      }
    }
  }
  return md;
}
