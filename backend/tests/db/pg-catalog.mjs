// Reads the public schema from PostgreSQL's catalogue: tables, columns and
// constraints, in a shape the consistency and naming tests compare against.
import { query } from './helpers.mjs';

export async function readCatalog(env) {
  const cols = await query(env, `
    SELECT c.relname AS table, a.attname AS name, a.attnotnull AS not_null,
           format_type(a.atttypid, a.atttypmod) AS sql_type, t.typtype AS typtype,
           CASE WHEN t.typcategory = 'A' THEN et.typname ELSE t.typname END AS base_type,
           t.typcategory = 'A' AS is_array
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type et ON et.oid = t.typelem
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
  const cons = await query(env, `
    SELECT c.relname AS table, con.conname AS name, con.contype AS type,
           ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols,
           fc.relname AS ref_table,
           ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS ref_cols
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class fc ON fc.oid = con.confrelid
    WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f')
    ORDER BY c.relname, con.conname`);
  const tables = new Map();
  const get = (t) => {
    if (!tables.has(t)) tables.set(t, { name: t, columns: new Map(), pk: null, uniques: [], fks: [] });
    return tables.get(t);
  };
  for (const r of cols) get(r.table).columns.set(r.name, r);
  for (const r of cons) {
    const t = get(r.table);
    if (r.type === 'p') { t.pk = r; t.uniques.push(r); } else if (r.type === 'u') t.uniques.push(r); else t.fks.push(r);
  }
  return tables;
}

// A schema fingerprint (tables, columns, constraints, indexes, triggers,
// functions, types) to compare a database before and after down+up.
export async function fingerprint(env) {
  const rows = await query(env, `
    SELECT 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
           || ' ' || coalesce(column_default, '') AS x
      FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL SELECT 'idx ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL SELECT 'trg ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
    UNION ALL SELECT 'fn ' || p.oid::regprocedure::text FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace
    UNION ALL SELECT 'type ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace
      GROUP BY t.typname
    ORDER BY 1`);
  return rows.map((r) => r.x);
}
