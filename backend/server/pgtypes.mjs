// PostgreSQL column types as Hasura presents them: GraphQL scalar names, which types
// are numeric (aggregates, _inc), which are "big" (stringified when asked), and
// which comparison operators each type gets.

const SCALAR = {
  int4: 'Int', serial: 'Int', text: 'String', varchar: 'String', bool: 'Boolean', float4: 'Float',
  // others keep their Postgres names: bigint, smallint, numeric, float8, uuid, jsonb, timestamptz, ...
  int8: 'bigint', int2: 'smallint', bpchar: 'bpchar',
};

export function scalarName(udt) {
  return SCALAR[udt] || udt;
}

// Types for which _inc, sum, avg, stddev... apply.
export const NUMERIC = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'money']);
// Types Hasura stringifies with --stringify-numeric-types (isBigNum).
export const BIGNUM = new Set(['int8', 'numeric', 'float8', 'money']);
const TEXTLIKE = new Set(['text', 'varchar', 'bpchar', 'citext', 'name']);
const ORDERABLE_NOT = new Set(['json', 'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', 'xml']);

// Operators per column type, in hasura-default spelling. `kind` says how the value is used.
export function operatorsFor(col) {
  const base = ['_eq', '_neq', '_in', '_nin', '_gt', '_lt', '_gte', '_lte', '_is_null'];
  if (col.enumRef) return ['_eq', '_neq', '_in', '_nin', '_is_null'];
  if (col.isArray) return [...base, '_contains', '_contained_in'];
  if (TEXTLIKE.has(col.udt)) {
    return [...base, '_like', '_nlike', '_ilike', '_nilike', '_similar', '_nsimilar', '_regex', '_nregex', '_iregex', '_niregex'];
  }
  if (col.udt === 'jsonb') return [...base, '_contains', '_contained_in', '_has_key', '_has_keys_any', '_has_keys_all', '_cast'];
  if (col.udt === 'json' || col.udt === 'xml') return ['_is_null'];
  if (col.enumTable) return ['_eq', '_neq', '_in', '_nin', '_is_null'];
  return base;
}

export const isOrderable = (col) => !ORDERABLE_NOT.has(col.udt);
export const isNumeric = (col) => !col.isArray && NUMERIC.has(col.udt);
export const isTextLike = (udt) => TEXTLIKE.has(udt);
