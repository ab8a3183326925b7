// Naming conventions: hasura-default (snake_case, as in the DB) and graphql-default
// (camelCase fields, PascalCase types, upper-case enum values), per SCHEMA.md §0.

const words = (s) => s.split('_').filter((w) => w.length > 0);
const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);

export function camel(s) {
  const ws = words(s);
  if (ws.length === 0) return s;
  return ws[0] + ws.slice(1).map(cap).join('');
}
export function pascal(s) {
  return words(s).map(cap).join('');
}

export function makeNaming(kind) {
  const gd = kind === 'graphql-default';
  return {
    kind,
    // field-like names (columns, root fields, arguments, response fields)
    f: gd ? camel : (s) => s,
    // type names built from a table name plus a suffix: author + bool_exp
    t: gd ? (base, suffix) => pascal(base) + (suffix ? pascal(suffix) : '') : (base, suffix) => (suffix ? `${base}_${suffix}` : base),
    // built-in shared types (order_by, cursor_ordering, String_comparison_exp)
    shared: gd ? (s) => pascal(s) : (s) => s,
    // names of scalar-typed comparison types, e.g. Int_comparison_exp / IntComparisonExp
    cmp: gd ? (scalar) => pascal(scalar) + 'ComparisonExp' : (scalar) => `${scalar}_comparison_exp`,
    // enum values for built-in enums (asc, desc_nulls_last) and enum tables
    ev: gd ? (s) => s.toUpperCase() : (s) => s,
    // comparison operator names (_is_null -> _isNull)
    op: gd ? (s) => '_' + camel(s.slice(1)) : (s) => s,
  };
}
