// Parameter collection for one SQL statement. Values never enter the SQL text.
export class Params {
  constructor() { this.values = []; this.n = 0; }
  add(value, cast) {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
  alias(prefix = '_t') { this.n += 1; return `${prefix}${this.n}`; }
}

// SQL string literal for names that are not request values (aliases, type names).
export const lit = (s) => "'" + String(s).replace(/'/g, "''") + "'";
export { ident } from './model.mjs';

// A column value from GraphQL input as the text Postgres parses for that column.
export function toParam(val, col) {
  if (val === null || val === undefined) return null;
  if (typeof val === 'object' && !Array.isArray(val) && '$num' in val) return col && col.udt === 'numeric' && val.$sci ? val.$sci : val.$num;
  if (col && (col.udt === 'json' || col.udt === 'jsonb') && !col.isArray) return JSON.stringify(val);
  if (Array.isArray(val)) return val.map((x) => (x && typeof x === 'object' && '$num' in x ? x.$num : x));
  if (typeof val === 'object') return JSON.stringify(val);
  if (typeof val === 'boolean') return val ? 'true' : 'false';
  return String(val);
}

// /v1/query insert writes numerics in Postgres' binary form, whose display scale is a multiple
// of 4 fractional digits (12345.67 is stored as 12345.6700), as Hasura's does.
export function numericBinaryScale(text) {
  const m = /^(-?\d+)\.(\d+)$/.exec(text);
  if (!m) return text;
  return `${m[1]}.${m[2].padEnd(Math.ceil(m[2].length / 4) * 4, '0')}`;
}

const GEO = new Set(['geometry', 'geography']);
export const isGeo = (col) => !!col && GEO.has(col.udt) && !col.isArray;

// SQL for a column value from GraphQL input: a parameter cast to the column's type
// (PostGIS columns take GeoJSON, as in Hasura).
export function valueSql(p, val, col) {
  if (isGeo(col)) {
    if (val === null || val === undefined) return `NULL::${col.sqlType}`;
    return `ST_GeomFromGeoJSON(${p.add(typeof val === 'string' ? val : JSON.stringify(val), 'text')})::${col.sqlType}`;
  }
  return p.add(toParam(val, col), col.sqlType);
}
