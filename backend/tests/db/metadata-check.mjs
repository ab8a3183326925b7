// Checks Hasura metadata against a database catalogue, the way Hasura's
// inconsistent-objects check does: every tracked table, column, constraint
// and relationship the metadata names must exist. Returns a list of problems.

const OPERATORS = /^_(eq|neq|gt|gte|lt|lte|in|nin|like|nlike|ilike|nilike|similar|nsimilar|regex|nregex|iregex|niregex|is_null|contains|contained_in|has_key|has_keys_any|has_keys_all|cast|ceq|cneq|cgt|cgte|clt|clte)$/;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function checkMetadata(sources, catalog, enumRows = new Map()) {
  const problems = [];
  const bad = (m) => problems.push(m);
  const tracked = new Map();
  for (const src of sources) {
    for (const t of src.tables ?? []) {
      const name = t.table?.name;
      if ((t.table?.schema ?? 'public') !== 'public') bad(`${name}: only the public schema exists here`);
      if (tracked.has(name)) bad(`${name}: tracked twice`);
      tracked.set(name, t);
    }
  }

  // Target table of each relationship, or null when it cannot be resolved.
  const relTarget = (tname, rel) => {
    const t = catalog.get(tname);
    const u = rel.using ?? {};
    if (typeof u.foreign_key_constraint_on === 'string') {
      const fk = t.fks.find((f) => f.cols.length === 1 && f.cols[0] === u.foreign_key_constraint_on);
      if (!fk) { bad(`${tname}.${rel.name}: no foreign key on column ${u.foreign_key_constraint_on}`); return null; }
      return fk.ref_table;
    }
    if (u.foreign_key_constraint_on && typeof u.foreign_key_constraint_on === 'object') {
      const { column, table } = u.foreign_key_constraint_on;
      const other = catalog.get(table?.name);
      if (!other) { bad(`${tname}.${rel.name}: table ${table?.name} does not exist`); return null; }
      const fk = other.fks.find((f) => f.cols.length === 1 && f.cols[0] === column && f.ref_table === tname);
      if (!fk) { bad(`${tname}.${rel.name}: no foreign key ${table.name}.${column} -> ${tname}`); return null; }
      return table.name;
    }
    if (u.manual_configuration) {
      const { remote_table: rt, column_mapping: map } = u.manual_configuration;
      const other = catalog.get(rt?.name);
      if (!other) { bad(`${tname}.${rel.name}: remote table ${rt?.name} does not exist`); return null; }
      for (const [lc, rc] of Object.entries(map ?? {})) {
        if (!t.columns.has(lc)) bad(`${tname}.${rel.name}: column ${lc} does not exist`);
        if (!other.columns.has(rc)) bad(`${tname}.${rel.name}: column ${rt.name}.${rc} does not exist`);
      }
      return rt.name;
    }
    bad(`${tname}.${rel.name}: unknown relationship definition`);
    return null;
  };

  const rels = new Map(); // table -> Map(name -> target)
  for (const [tname, t] of tracked) {
    const cat = catalog.get(tname);
    if (!cat) { bad(`table ${tname} does not exist in the database`); continue; }
    const m = new Map();
    for (const kind of ['object_relationships', 'array_relationships']) {
      for (const rel of t[kind] ?? []) {
        if (m.has(rel.name)) bad(`${tname}.${rel.name}: relationship defined twice`);
        if (cat.columns.has(rel.name)) bad(`${tname}.${rel.name}: relationship name clashes with a column`);
        const target = relTarget(tname, rel);
        if (target && !tracked.has(target)) bad(`${tname}.${rel.name}: target table ${target} is not tracked`);
        m.set(rel.name, target);
      }
    }
    rels.set(tname, m);
    if (t.is_enum) {
      const pk = cat.pk?.cols ?? [];
      const textual = (c) => ['text', 'varchar', 'bpchar'].includes(cat.columns.get(c)?.base_type);
      if (pk.length !== 1 || !textual(pk[0])) bad(`${tname}: an enum table needs a single text primary key column`);
      const others = [...cat.columns.keys()].filter((c) => !pk.includes(c));
      if (others.length > 1 || (others.length === 1 && !textual(others[0]))) {
        bad(`${tname}: an enum table may have at most one other (text) column`);
      }
      const values = enumRows.get(tname) ?? [];
      if (!values.length) bad(`${tname}: an enum table needs at least one row`);
      for (const v of values) if (!GRAPHQL_NAME.test(v)) bad(`${tname}: value '${v}' is not a valid GraphQL name`);
    }
  }

  // Boolean expressions: columns, relationships (followed) and operators.
  const checkExp = (tname, exp, where) => {
    if (exp === null || exp === undefined) return;
    if (typeof exp !== 'object' || Array.isArray(exp)) { bad(`${where}: expected an object`); return; }
    const cat = catalog.get(tname);
    for (const [k, v] of Object.entries(exp)) {
      if (k === '_and' || k === '_or') {
        if (!Array.isArray(v)) bad(`${where}.${k}: expected a list`); else v.forEach((e) => checkExp(tname, e, `${where}.${k}`));
      } else if (k === '_not') checkExp(tname, v, `${where}._not`);
      else if (k === '_exists') {
        if (!catalog.has(v?._table?.name)) bad(`${where}._exists: table ${v?._table?.name} does not exist`);
        else checkExp(v._table.name, v._where, `${where}._exists`);
      } else if (cat.columns.has(k)) {
        for (const op of Object.keys(v ?? {})) if (!OPERATORS.test(op)) bad(`${where}.${k}: unknown operator ${op}`);
      } else if (rels.get(tname)?.has(k)) {
        const target = rels.get(tname).get(k);
        if (target) checkExp(target, v, `${where}.${k}`);
      } else bad(`${where}: ${tname} has no column or relationship ${k}`);
    }
  };

  for (const [tname, t] of tracked) {
    const cat = catalog.get(tname);
    if (!cat) continue;
    for (const kind of ['select', 'insert', 'update', 'delete']) {
      const seen = new Set();
      for (const p of t[`${kind}_permissions`] ?? []) {
        const where = `${tname} ${kind} ${p.role}`;
        if (seen.has(p.role)) bad(`${where}: role has two ${kind} permissions`);
        seen.add(p.role);
        const perm = p.permission ?? {};
        const cols = perm.columns === '*' ? [] : perm.columns ?? [];
        for (const c of cols) if (!cat.columns.has(c)) bad(`${where}: column ${c} does not exist`);
        for (const c of Object.keys(perm.set ?? {})) if (!cat.columns.has(c)) bad(`${where}: preset column ${c} does not exist`);
        checkExp(tname, perm.filter, `${where} filter`);
        checkExp(tname, perm.check, `${where} check`);
      }
    }
  }
  return problems;
}
