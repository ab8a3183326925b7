// Reads what the schema generator needs from the Postgres catalogue for the tracked tables:
// columns (with types, nullability, defaults), primary keys, unique constraints and foreign keys.

const COLS_SQL = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, a.attnum AS num,
       format_type(a.atttypid, a.atttypmod) AS sql_type,
       CASE WHEN t.typcategory = 'A' THEN et.typname ELSE t.typname END AS udt,
       t.typcategory = 'A' AS is_array, t.typtype AS typtype,
       a.attnotnull AS not_null, (a.atthasdef OR a.attidentity <> '') AS has_default,
       col_description(c.oid, a.attnum) AS comment, a.attgenerated <> '' AS generated
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','v','m','p','f')
  AND n.nspname NOT IN ('pg_catalog','information_schema') /*ONE*/
ORDER BY n.nspname, c.relname, a.attnum`;

const CONS_SQL = `
SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, con.contype AS type,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols,
       fn.nspname AS ref_schema, fc.relname AS ref_table,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS ref_cols
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p','u','f') AND n.nspname NOT IN ('pg_catalog','information_schema')
ORDER BY con.conname`;

const TABLE_COMMENTS_SQL = `
SELECT n.nspname AS schema, c.relname AS table, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r','v','m','p','f') AND n.nspname NOT IN ('pg_catalog','information_schema')`;

const FUNCS_SQL = `
SELECT n.nspname AS schema, p.proname AS name, p.proretset AS retset, rt.typname AS ret_udt,
       format_type(p.prorettype, NULL) AS ret_sql, rtn.nspname AS ret_schema, rc.relname AS ret_rel,
       coalesce(p.proargnames, '{}')::text[] AS argnames, p.pronargdefaults AS ndefaults,
       ARRAY(SELECT format_type(x, NULL) FROM unnest(p.proargtypes) WITH ORDINALITY u(x, o) ORDER BY o)::text[] AS argtypes,
       ARRAY(SELECT t.typname FROM unnest(p.proargtypes) WITH ORDINALITY u(x, o) JOIN pg_type t ON t.oid = x ORDER BY o)::text[] AS argudts
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_type rt ON rt.oid = p.prorettype
JOIN pg_namespace rtn ON rtn.oid = rt.typnamespace LEFT JOIN pg_class rc ON rc.oid = rt.typrelid
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND p.prokind = 'f'
  AND (n.nspname || '.' || p.proname) = ANY($1::text[])
ORDER BY p.oid`;

// The columns of one table (same shape as loadCatalog's), or null when it does not exist.
export async function tableColumns(pool, schema, name) {
  const r = await pool.query(COLS_SQL.replace('/*ONE*/', 'AND n.nspname = $1 AND c.relname = $2'), [schema, name]);
  if (r.rows.length === 0) return null;
  return r.rows.map((x) => ({ name: x.name, sqlType: x.sql_type, udt: x.udt, isArray: x.is_array, nullable: !x.not_null }));
}

export async function tableExists(pool, schema, name) {
  const r = await pool.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r','v','m','p','f')`, [schema, name]);
  return r.rows.length > 0;
}

export async function functionExists(pool, schema, name) {
  const r = await pool.query(`SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proname = $2`, [schema, name]);
  return r.rows.length > 0;
}

export const qualify = (schema, name) => `${schema}.${name}`;

// functionNames: "schema.name" of the functions wanted (computed fields); PostGIS alone has
// thousands, so the catalogue reads only these.
export async function loadCatalog(pool, functionNames = []) {
  const [cols, cons, comments, funcs] = await Promise.all([pool.query(COLS_SQL), pool.query(CONS_SQL), pool.query(TABLE_COMMENTS_SQL), pool.query(FUNCS_SQL, [functionNames])]);
  const tables = new Map();
  const get = (schema, table) => {
    const k = qualify(schema, table);
    if (!tables.has(k)) tables.set(k, { schema, name: table, columns: [], pk: null, uniques: [], fks: [], comment: null });
    return tables.get(k);
  };
  for (const r of cols.rows) {
    get(r.schema, r.table).columns.push({
      name: r.name, sqlType: r.sql_type, udt: r.udt, isArray: r.is_array, isEnumType: r.typtype === 'e',
      nullable: !r.not_null, hasDefault: r.has_default || r.generated, comment: r.comment,
    });
  }
  for (const r of comments.rows) if (tables.has(qualify(r.schema, r.table))) get(r.schema, r.table).comment = r.comment;
  for (const r of cons.rows) {
    const t = get(r.schema, r.table);
    if (r.type === 'p') { t.pk = { name: r.name, cols: r.cols }; t.uniques.push({ name: r.name, cols: r.cols }); }
    else if (r.type === 'u') t.uniques.push({ name: r.name, cols: r.cols });
    else t.fks.push({ name: r.name, cols: r.cols, refSchema: r.ref_schema, refTable: r.ref_table, refCols: r.ref_cols });
  }
  tables.functions = new Map();
  for (const r of funcs.rows) {
    const k = qualify(r.schema, r.name);
    if (tables.functions.has(k)) continue; // overloaded: the first one, as a name cannot choose
    tables.functions.set(k, {
      schema: r.schema, name: r.name, retset: r.retset, retUdt: r.ret_udt, retSql: r.ret_sql,
      retTable: r.ret_rel ? qualify(r.ret_schema, r.ret_rel) : null, nDefaults: r.ndefaults,
      args: r.argtypes.map((t, i) => ({ name: r.argnames[i] || null, sqlType: t, udt: r.argudts[i] })),
    });
  }
  return tables;
}
