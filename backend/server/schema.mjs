// Builds the GraphQL schema a role sees, from the resolved model, in either naming
// convention. Every generated field, argument and input field carries `extensions.mb`
// with its hasura-default (database-level) meaning, so that the executor can work on
// one internal form whatever the naming convention.
import {
  GraphQLObjectType, GraphQLInputObjectType, GraphQLEnumType, GraphQLScalarType, GraphQLList, GraphQLNonNull,
  GraphQLInt, GraphQLString, GraphQLBoolean, GraphQLFloat, GraphQLSchema, GraphQLDirective, DirectiveLocation, specifiedDirectives,
} from 'graphql';
import { scalarName, operatorsFor, isOrderable, isNumeric } from './pgtypes.mjs';
import { roleView } from './roles.mjs';
import { camel, pascal } from './naming.mjs';

const BUILTIN = { Int: GraphQLInt, String: GraphQLString, Boolean: GraphQLBoolean, Float: GraphQLFloat };
const NN = (t) => new GraphQLNonNull(t);
const L = (t) => new GraphQLList(t);
const GQLNAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const AGG_NUMERIC = ['avg', 'stddev', 'stddev_pop', 'stddev_samp', 'sum', 'var_pop', 'var_samp', 'variance'];
const isMaxable = (c) => !['bool', 'json', 'jsonb'].includes(c.udt) && !c.enumRef && isOrderable(c);

export function buildSchema(model, role, N) {
  const views = roleView(model, role);
  const gd = N.kind === 'graphql-default';
  const reg = new Map();
  const once = (name, make) => { if (!reg.has(name)) reg.set(name, make(name)); return reg.get(name); };
  const v = (key) => views.get(key);
  const canSel = (key) => !!v(key)?.sel;
  const scalar = (name) => BUILTIN[name] || once(name, () => new GraphQLScalarType({ name }));
  const field = (type, mb, args, description) => ({ type, args, description, extensions: { mb } });
  const arg = (type, key, dflt) => ({ type, defaultValue: dflt, extensions: { mb: { key } } });
  // column values: like Hasura's column parsers, numeric columns also accept strings
  const colArg = (type, key) => ({ type, extensions: { mb: { key, loose: true } } });
  // An optional input field whose value parser rejects null (Hasura's `fieldOptional` over a
  // non-nullable parser): it may be left out, but `null` (written, or a variable that is null or
  // not given) is an error. Comparison operators, boolean-expression fields, update operators, and
  // the columns of insert/_set/_inc input for NOT NULL columns.
  const noNull = (a, on = true) => (on ? { ...a, extensions: { mb: { ...a.extensions.mb, noNull: true } } } : a);
  // a column's GraphQL field name: its custom name (table configuration) or the convention's
  const cf_ = (c) => c.customName || N.f(c.name);
  const relAggName = (rel) => (gd ? rel + 'Aggregate' : rel + '_aggregate');

  const orderBy = () => once(N.shared('order_by'), (name) => new GraphQLEnumType({
    name, description: 'column ordering options',
    values: Object.fromEntries(['asc', 'asc_nulls_first', 'asc_nulls_last', 'desc', 'desc_nulls_first', 'desc_nulls_last'].map((x) => [N.ev(x), { value: x }])),
  }));
  const cursorOrdering = () => once(N.shared('cursor_ordering'), (name) => new GraphQLEnumType({
    name, description: 'ordering argument of a cursor', values: { ASC: { value: 'ASC' }, DESC: { value: 'DESC' } },
  }));

  const enumType = (key) => {
    const t = model.tables.get(key);
    return once(N.t(t.base, 'enum'), (name) => new GraphQLEnumType({
      name,
      values: Object.fromEntries(t.enumValues.filter((e) => GQLNAME.test(N.ev(e.value)))
        .map((e) => [N.ev(e.value), { value: e.value, description: e.comment ?? undefined }])),
    }));
  };
  // The GraphQL type of a column's value (nullable form).
  const colType = (c) => {
    if (c.enumRef) return enumType(c.enumRef);
    if (c.isArray) return gd ? L(NN(scalar(scalarName(c.udt)))) : scalar('_' + c.udt);
    return scalar(scalarName(c.udt));
  };
  const cmpType = (c) => {
    let name;
    if (c.enumRef) name = N.t(model.tables.get(c.enumRef).base, 'enum_comparison_exp');
    else if (c.isArray) name = gd ? pascal(scalarName(c.udt)) + 'ArrayComparisonExp' : `_${c.udt}_comparison_exp`;
    else name = N.cmp(scalarName(c.udt));
    return once(name, () => new GraphQLInputObjectType({
      name, description: `Boolean expression to compare columns of type "${name}". All fields are combined with logical 'AND'.`,
      fields: () => {
        const vt = colType(c);
        const out = {};
        for (const op of operatorsFor(c).sort()) {
          let type = vt;
          if (op === '_in' || op === '_nin') type = L(NN(vt));
          else if (op === '_is_null') type = GraphQLBoolean;
          else if (op === '_has_key') type = GraphQLString;
          else if (op === '_has_keys_any' || op === '_has_keys_all') type = L(NN(GraphQLString));
          else if (op === '_cast') type = castExp();
          // _has_key's parser is nullable text (null compares as SQL NULL); every other operator rejects null
          out[N.op(op)] = noNull(['_is_null', '_has_key', '_has_keys_any', '_has_keys_all', '_cast'].includes(op) ? arg(type, op) : colArg(type, op), op !== '_has_key');
        }
        return sortKeys(out);
      },
    }));
  };
  const castExp = () => once(N.shared('jsonb_cast_exp'), (name) => new GraphQLInputObjectType({
    name, fields: () => ({ String: arg(cmpType({ udt: 'text' }), 'String') }),
  }));

  // ---- per-table types ----
  const T = (key) => model.tables.get(key);
  const selCols = (key) => T(key).columns.filter((c) => v(key).sel.cols.has(c.name));
  const visibleRels = (key) => T(key).rels.filter((r) => canSel(r.remoteKey));

  const objectType = (key) => once(N.t(T(key).base), (name) => new GraphQLObjectType({
    name, description: T(key).comment || `columns and relationships of "${T(key).name}"`,
    fields: () => {
      const out = {};
      for (const c of selCols(key)) {
        const args = (c.udt === 'json' || c.udt === 'jsonb') && !c.isArray ? { path: arg(GraphQLString, 'path') } : undefined;
        const ty = colType(c);
        out[cf_(c)] = field(c.nullable ? ty : NN(ty), { kind: 'column', col: c.name }, args, c.comment || undefined);
      }
      for (const cf of visibleComputed(key)) {
        const a = cfArgs(key, cf);
        if (cf.returnsTable) {
          out[cf.name] = field(cf.retset ? NN(L(NN(objectType(cf.remoteKey)))) : objectType(cf.remoteKey), { kind: 'computed', cf: cf.name }, { ...a, ...(cf.retset ? selectArgs(cf.remoteKey) : {}) }, cf.comment || 'A computed field, executes function ' + JSON.stringify(cf.fn.name));
        } else {
          out[cf.name] = field(scalar(scalarName(cf.fn.retUdt)), { kind: 'computed', cf: cf.name }, a, cf.comment || 'A computed field, executes function ' + JSON.stringify(cf.fn.name));
        }
      }
      for (const r of visibleRels(key)) {
        if (r.type === 'object') {
          out[r.name] = field(r.nonNull ? NN(objectType(r.remoteKey)) : objectType(r.remoteKey), { kind: 'objrel', rel: r.name }, undefined, 'An object relationship');
        } else {
          out[r.name] = field(NN(L(NN(objectType(r.remoteKey)))), { kind: 'arrrel', rel: r.name }, selectArgs(r.remoteKey), 'An array relationship');
          if (v(r.remoteKey).sel.agg) {
            out[relAggName(r.name)] = field(NN(aggType(r.remoteKey)), { kind: 'arragg', rel: r.name }, selectArgs(r.remoteKey), 'An aggregate relationship');
          }
        }
      }
      return sortKeys(out);
    },
  }));

  const visibleComputed = (key) => T(key).computed.filter((cf) => v(key).sel.computed.has(cf.name) && (!cf.returnsTable || canSel(cf.remoteKey)));
  const cfArgs = (key, cf) => {
    if (cf.inputs.length === 0) return {};
    const tn = N.t(cf.fn.name, 'args');
    const input = once(tn, () => new GraphQLInputObjectType({
      name: tn, fields: () => Object.fromEntries(cf.inputs.map((x) => [x.name, colArg(scalar(scalarName(x.udt)), x.name)])),
    }));
    const required = cf.inputs.length > cf.fn.nDefaults;
    return { args: arg(required ? NN(input) : input, 'args') };
  };

  const selectColumnEnum = (key) => once(N.t(T(key).base, 'select_column'), (name) => new GraphQLEnumType({
    name, description: `select columns of table "${T(key).name}"`,
    values: Object.fromEntries(selCols(key).map((c) => [cf_(c), { value: c.name, description: 'column name' }])),
  }));

  const selectArgs = (key) => ({
    [N.f('distinct_on')]: arg(L(NN(selectColumnEnum(key))), 'distinct_on'),
    limit: arg(GraphQLInt, 'limit'),
    offset: arg(GraphQLInt, 'offset'),
    [N.f('order_by')]: arg(L(NN(orderByType(key))), 'order_by'),
    where: arg(boolExp(key), 'where'),
  });

  const boolExp = (key) => once(N.t(T(key).base, 'bool_exp'), (name) => new GraphQLInputObjectType({
    name, description: `Boolean expression to filter rows from the table "${T(key).name}". All fields are combined with a logical 'AND'.`,
    fields: () => {
      const self = boolExp(key);
      const out = { _and: arg(L(NN(self)), '_and'), _not: arg(self, '_not'), _or: arg(L(NN(self)), '_or') };
      for (const c of selCols(key)) out[cf_(c)] = arg(cmpType(c), c.name);
      for (const cf of visibleComputed(key)) {
        if (cf.inputs.length) continue;
        out[cf.name] = arg(cf.returnsTable ? boolExp(cf.remoteKey) : cmpType({ udt: cf.fn.retUdt, sqlType: cf.fn.retSql }), cf.name);
      }
      for (const r of visibleRels(key)) {
        out[r.name] = arg(boolExp(r.remoteKey), r.name);
        if (r.type === 'array' && v(r.remoteKey).sel.agg) out[relAggName(r.name)] = arg(aggBoolExp(r.remoteKey), `${r.name}\u0000agg`);
      }
      // Schema/BoolExp.hs: every field is P.fieldOptional over a non-nullable parser
      for (const k of Object.keys(out)) out[k] = noNull(out[k]);
      return sortKeys(out);
    },
  }));

  const lowerBase = (key) => (gd ? camel(T(key).base) : T(key).base);
  const aggBoolExp = (key) => once(N.t(T(key).base, 'aggregate_bool_exp'), (name) => new GraphQLInputObjectType({
    name,
    fields: () => {
      const out = {};
      const bools = selCols(key).filter((c) => c.udt === 'bool' && !c.isArray);
      for (const fn of bools.length ? ['bool_and', 'bool_or'] : []) {
        const tn = gd ? `${lowerBase(key)}AggregateBoolExp${pascal(fn).replace(/^(Bool)(And|Or)$/, (m, a, b) => a + '_' + b.toLowerCase())}` : `${T(key).base}_aggregate_bool_exp_${fn}`;
        const colsEnum = once(gd ? `${N.t(T(key).base, 'select_column')}${tn.charAt(0).toUpperCase()}${tn.slice(1)}ArgumentsColumns` : `${T(key).base}_select_column_${tn}_arguments_columns`,
          (en) => new GraphQLEnumType({ name: en, values: Object.fromEntries(bools.map((c) => [cf_(c), { value: c.name, description: 'column name' }])) }));
        out[fn] = arg(once(tn, () => new GraphQLInputObjectType({
          name: tn,
          fields: () => ({ arguments: arg(NN(colsEnum), 'arguments'), distinct: arg(GraphQLBoolean, 'distinct'), filter: arg(boolExp(key), 'filter'), predicate: arg(NN(cmpType({ udt: 'bool' })), 'predicate') }),
        })), fn);
      }
      const cn = gd ? `${lowerBase(key)}AggregateBoolExpCount` : `${T(key).base}_aggregate_bool_exp_count`;
      out.count = arg(once(cn, () => new GraphQLInputObjectType({
        name: cn,
        fields: () => ({ arguments: arg(L(NN(selectColumnEnum(key))), 'arguments'), distinct: arg(GraphQLBoolean, 'distinct'), filter: arg(boolExp(key), 'filter'), predicate: arg(NN(cmpType({ udt: 'int4' })), 'predicate') }),
      })), 'count');
      return out;
    },
  }));

  const orderByType = (key) => once(N.t(T(key).base, 'order_by'), (name) => new GraphQLInputObjectType({
    name, description: `Ordering options when selecting data from "${T(key).name}".`,
    fields: () => {
      const out = {};
      for (const c of selCols(key)) if (isOrderable(c)) out[cf_(c)] = arg(orderBy(), c.name);
      for (const cf of visibleComputed(key)) if (!cf.returnsTable && !cf.inputs.length) out[cf.name] = arg(orderBy(), cf.name);
      for (const r of visibleRels(key)) {
        if (r.type === 'object') out[r.name] = arg(orderByType(r.remoteKey), r.name);
        else if (v(r.remoteKey).sel.agg) out[relAggName(r.name)] = arg(aggOrderBy(r.remoteKey), `${r.name}\u0000agg`);
      }
      return sortKeys(out);
    },
  }));

  const aggOrderBy = (key) => once(N.t(T(key).base, 'aggregate_order_by'), (name) => new GraphQLInputObjectType({
    name, description: `order by aggregate values of table "${T(key).name}"`,
    fields: () => {
      const out = { count: arg(orderBy(), 'count') };
      const nums = selCols(key).filter(isNumeric);
      const maxes = selCols(key).filter(isMaxable);
      const mk = (fn, cols) => once(N.t(T(key).base, `${fn}_order_by`), (n) => new GraphQLInputObjectType({
        name: n, fields: () => Object.fromEntries(cols.map((c) => [cf_(c), arg(orderBy(), c.name)])),
      }));
      // Schema/OrderBy.hs orderByAggregation: a direction is P.nullable (null: not ordered by), a
      // function's object is fieldOptional over P.object (`max: null` is an error)
      if (nums.length) for (const fn of AGG_NUMERIC) out[N.f(fn)] = noNull(arg(mk(fn, nums), fn));
      if (maxes.length) for (const fn of ['max', 'min']) out[fn] = noNull(arg(mk(fn, maxes), fn));
      return sortKeys(out);
    },
  }));

  const aggType = (key) => once(N.t(T(key).base, 'aggregate'), (name) => new GraphQLObjectType({
    name, description: `aggregated selection of "${T(key).name}"`,
    fields: () => ({
      aggregate: field(aggFields(key), { kind: 'aggregate' }),
      nodes: field(NN(L(NN(objectType(key)))), { kind: 'nodes' }),
    }),
  }));

  const aggFields = (key) => once(N.t(T(key).base, 'aggregate_fields'), (name) => new GraphQLObjectType({
    name, description: `aggregate fields of "${T(key).name}"`,
    fields: () => {
      const out = {
        count: field(NN(GraphQLInt), { kind: 'count' }, { columns: arg(L(NN(selectColumnEnum(key))), 'columns'), distinct: arg(GraphQLBoolean, 'distinct') }),
      };
      const nums = selCols(key).filter(isNumeric);
      const maxes = selCols(key).filter(isMaxable);
      const mk = (fn, cols, typeOf) => once(N.t(T(key).base, `${fn}_fields`), (n) => new GraphQLObjectType({
        name: n, description: `aggregate ${fn} on columns`,
        fields: () => Object.fromEntries(cols.map((c) => [cf_(c), field(typeOf(c), { kind: 'aggcol', col: c.name })])),
      }));
      if (nums.length) {
        for (const fn of AGG_NUMERIC) out[N.f(fn)] = field(mk(fn, nums, (c) => (fn === 'sum' ? colType(c) : GraphQLFloat)), { kind: 'aggfn', fn });
      }
      if (maxes.length) for (const fn of ['max', 'min']) out[fn] = field(mk(fn, maxes, colType), { kind: 'aggfn', fn });
      return sortKeys(out);
    },
  }));

  // ---- mutation types ----
  const presetCols = (key) => new Set(Object.keys(v(key).ins?.set || {}));
  const insertInput = (key) => once(N.t(T(key).base, 'insert_input'), (name) => new GraphQLInputObjectType({
    name, description: `input type for inserting data into table "${T(key).name}"`,
    fields: () => {
      const out = {};
      const preset = presetCols(key);
      // columnParser with the column's nullability (Schema/Mutation.hs tableFieldsInput)
      for (const c of T(key).columns) if (v(key).ins.cols.has(c.name) && !preset.has(c.name)) out[cf_(c)] = noNull(colArg(colType(c), c.name), !c.nullable);
      // Schema/Mutation.hs mkDefaultRelationshipParser: fieldOptional over P.nullable, so null
      // inserts nothing through the relationship
      for (const r of T(key).rels) {
        if (!v(r.remoteKey)?.ins) continue;
        out[r.name] = arg(r.type === 'object' ? objRelInsert(r.remoteKey) : arrRelInsert(r.remoteKey), r.name);
      }
      return sortKeys(out);
    },
  }));
  const hasOnConflict = (key) => T(key).uniques.length > 0 && !!v(key).upd;
  // Postgres/Schema/OnConflict.hs: on_conflict is fieldOptional over P.object (`on_conflict: null` is an error)
  const onConflictArg = (key) => (hasOnConflict(key) ? { [N.f('on_conflict')]: noNull(arg(onConflict(key), 'on_conflict')) } : {});
  const objRelInsert = (key) => once(N.t(T(key).base, 'obj_rel_insert_input'), (name) => new GraphQLInputObjectType({
    name, description: `input type for inserting object relation for remote table "${T(key).name}"`,
    fields: () => ({ data: arg(NN(insertInput(key)), 'data'), ...onConflictArg(key) }),
  }));
  const arrRelInsert = (key) => once(N.t(T(key).base, 'arr_rel_insert_input'), (name) => new GraphQLInputObjectType({
    name, description: `input type for inserting array relation for remote table "${T(key).name}"`,
    fields: () => ({ data: arg(NN(L(NN(insertInput(key)))), 'data'), ...onConflictArg(key) }),
  }));
  const constraintEnum = (key) => once(N.t(T(key).base, 'constraint'), (name) => new GraphQLEnumType({
    name, description: `unique or primary key constraints on table "${T(key).name}"`,
    values: Object.fromEntries(T(key).uniques.map((u) => [u.name, { value: u.name, description: `unique or primary key constraint on columns ${u.cols.map((c) => `"${c}"`).join(', ')}` }])),
  }));
  const updCols = (key) => T(key).columns.filter((c) => v(key).upd?.cols.has(c.name));
  const updateColumnEnum = (key) => once(N.t(T(key).base, 'update_column'), (name) => new GraphQLEnumType({
    name, description: `update columns of table "${T(key).name}"`,
    values: updCols(key).length ? Object.fromEntries(updCols(key).map((c) => [cf_(c), { value: c.name, description: 'column name' }]))
      : { _PLACEHOLDER: { value: '_PLACEHOLDER', description: 'placeholder (do not use)' } },
  }));
  const onConflict = (key) => once(N.t(T(key).base, 'on_conflict'), (name) => new GraphQLInputObjectType({
    name, description: `on_conflict condition type for table "${T(key).name}"`,
    fields: () => ({
      constraint: arg(NN(constraintEnum(key)), 'constraint'),
      [N.f('update_columns')]: arg(NN(L(NN(updateColumnEnum(key)))), 'update_columns', []),
      // fieldOptional over the (non-nullable) bool_exp parser, unlike a select's where
      where: noNull(arg(boolExp(key), 'where')),
    }),
  }));
  // rejectsNull(c): whether the field of column c rejects null (Schema/Update.hs: _set, _inc, _append
  // and _prepend parse with the column's nullability, _delete_elem/_delete_at_path never take null)
  const colsInput = (key, suffix, cols, typeOf, rejectsNull = () => false) => once(N.t(T(key).base, suffix), (name) => new GraphQLInputObjectType({
    name, fields: () => Object.fromEntries(cols.map((c) => [cf_(c), noNull(colArg(typeOf(c), c.name), rejectsNull(c))])),
  }));
  const notNullCol = (c) => !c.nullable;
  const updateArgs = (key) => {
    const cols = updCols(key);
    const nums = cols.filter(isNumeric);
    const jsonb = cols.filter((c) => c.udt === 'jsonb' && !c.isArray);
    const out = {};
    if (jsonb.length) {
      out._append = arg(colsInput(key, 'append_input', jsonb, colType, notNullCol), '_append');
      out[N.op('_delete_at_path')] = arg(colsInput(key, 'delete_at_path_input', jsonb, () => L(NN(GraphQLString)), () => true), '_delete_at_path');
      out[N.op('_delete_elem')] = arg(colsInput(key, 'delete_elem_input', jsonb, () => GraphQLInt, () => true), '_delete_elem');
      out[N.op('_delete_key')] = arg(colsInput(key, 'delete_key_input', jsonb, () => GraphQLString), '_delete_key');
    }
    if (nums.length) out._inc = arg(colsInput(key, 'inc_input', nums, colType, notNullCol), '_inc');
    if (jsonb.length) out._prepend = arg(colsInput(key, 'prepend_input', jsonb, colType, notNullCol), '_prepend');
    if (cols.length) out._set = arg(colsInput(key, 'set_input', cols, colType, notNullCol), '_set');
    // each operator is P.fieldOptional over P.object: `_set: null` is an error
    for (const k of Object.keys(out)) out[k] = noNull(out[k]);
    return out;
  };
  const mutationResponse = (key) => once(N.t(T(key).base, 'mutation_response'), (name) => new GraphQLObjectType({
    name, description: `response of any mutation on the table "${T(key).name}"`,
    fields: () => ({
      [N.f('affected_rows')]: field(NN(GraphQLInt), { kind: 'affected_rows' }, undefined, 'number of rows affected by the mutation'),
      ...(canSel(key) ? { returning: field(NN(L(NN(objectType(key)))), { kind: 'returning' }, undefined, 'data from the rows affected by the mutation') } : {}),
    }),
  }));
  const pkArgs = (key) => Object.fromEntries(T(key).pk.cols.map((c) => [cf_(T(key).colByName.get(c)), colArg(NN(colType(T(key).colByName.get(c))), c)]));
  const pkInput = (key) => once(N.t(T(key).base, 'pk_columns_input'), (name) => new GraphQLInputObjectType({
    name, description: `primary key columns input for table: ${T(key).name}`, fields: () => pkArgs(key),
  }));
  const updatesInput = (key) => once(N.t(T(key).base, 'updates'), (name) => new GraphQLInputObjectType({
    name, fields: () => ({ ...updateArgs(key), where: arg(NN(boolExp(key)), 'where') }),
  }));
  const streamCursor = (key) => once(N.t(T(key).base, 'stream_cursor_input'), (name) => new GraphQLInputObjectType({
    name, description: `Streaming cursor of the table "${T(key).name}"`,
    fields: () => ({
      [N.f('initial_value')]: arg(NN(colsInput(key, 'stream_cursor_value_input', selCols(key), colType)), 'initial_value'),
      ordering: arg(cursorOrdering(), 'ordering'),
    }),
  }));

  // ---- root fields ----
  const q = {}; const m = {}; const s = {};
  const tables = [...model.tables.values()].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  for (const t of tables) {
    const key = t.key; const vw = v(key); const b = t.base;
    // custom_root_fields: select, select_by_pk, select_aggregate, select_stream, insert, insert_one, update,
    // update_by_pk, update_many, delete, delete_by_pk
    const rn = (kind, dflt) => { const c = t.customRoot[kind]; return (c && typeof c === 'object' ? c.name : c) || N.f(dflt); };
    const pkOk = t.pk && vw.sel && t.pk.cols.every((c) => vw.sel.cols.has(c));
    if (vw.sel) {
      const list = field(NN(L(NN(objectType(key)))), { kind: 'select', table: key }, selectArgs(key), `fetch data from the table: "${t.name}"`);
      q[rn('select', b)] = list; s[rn('select', b)] = list;
      if (vw.sel.agg) {
        const agg = field(NN(aggType(key)), { kind: 'select_agg', table: key }, selectArgs(key), `fetch aggregated fields from the table: "${t.name}"`);
        q[rn('select_aggregate', b + '_aggregate')] = agg; s[rn('select_aggregate', b + '_aggregate')] = agg;
      }
      if (pkOk) {
        const bypk = field(objectType(key), { kind: 'select_by_pk', table: key }, pkArgs(key), `fetch data from the table: "${t.name}" using primary key columns`);
        q[rn('select_by_pk', b + '_by_pk')] = bypk; s[rn('select_by_pk', b + '_by_pk')] = bypk;
      }
      s[rn('select_stream', b + '_stream')] = field(NN(L(NN(objectType(key)))), { kind: 'stream', table: key }, {
        [N.f('batch_size')]: arg(NN(GraphQLInt), 'batch_size'), cursor: arg(NN(L(streamCursor(key))), 'cursor'), where: arg(boolExp(key), 'where'),
      }, `fetch data from the table in a streaming manner: "${t.name}"`);
    }
    if (vw.ins) {
      m[rn('insert', `insert_${b}`)] = field(mutationResponse(key), { kind: 'insert', table: key }, { objects: arg(NN(L(NN(insertInput(key)))), 'objects'), ...onConflictArg(key) }, `insert data into the table: "${t.name}"`);
      if (vw.sel) m[rn('insert_one', `insert_${b}_one`)] = field(objectType(key), { kind: 'insert_one', table: key }, { object: arg(NN(insertInput(key)), 'object'), ...onConflictArg(key) }, `insert a single row into the table: "${t.name}"`);
    }
    if (vw.upd && updCols(key).length) {
      m[rn('update', `update_${b}`)] = field(mutationResponse(key), { kind: 'update', table: key }, { ...updateArgs(key), where: arg(NN(boolExp(key)), 'where') }, `update data of the table: "${t.name}"`);
      if (pkOk) m[rn('update_by_pk', `update_${b}_by_pk`)] = field(objectType(key), { kind: 'update_by_pk', table: key }, { ...updateArgs(key), [N.f('pk_columns')]: arg(NN(pkInput(key)), 'pk_columns') }, `update single row of the table: "${t.name}"`);
      m[rn('update_many', `update_${b}_many`)] = field(L(mutationResponse(key)), { kind: 'update_many', table: key }, { updates: arg(NN(L(NN(updatesInput(key)))), 'updates') }, `update multiples rows of table: "${t.name}"`);
    }
    if (vw.del) {
      m[rn('delete', `delete_${b}`)] = field(mutationResponse(key), { kind: 'delete', table: key }, { where: arg(NN(boolExp(key)), 'where') }, `delete data from the table: "${t.name}"`);
      if (pkOk) m[rn('delete_by_pk', `delete_${b}_by_pk`)] = field(objectType(key), { kind: 'delete_by_pk', table: key }, pkArgs(key), `delete single row from the table: "${t.name}"`);
    }
  }
  // tracked functions, visible when the returned table is (Hasura infers function permissions by default)
  for (const tf of model.functions || []) {
    if (!canSel(tf.remoteKey)) continue;
    const a = cfArgs(null, tf);
    const list = field(tf.retset ? NN(L(NN(objectType(tf.remoteKey)))) : objectType(tf.remoteKey), { kind: 'fn', fn: tf.name, table: tf.remoteKey }, { ...a, ...(tf.retset ? selectArgs(tf.remoteKey) : {}) }, `execute function "${tf.fn.name}" which returns "${T(tf.remoteKey).name}"`);
    q[N.f(tf.name)] = list; s[N.f(tf.name)] = list;
    if (tf.retset && v(tf.remoteKey).sel.agg) {
      const agg = field(NN(aggType(tf.remoteKey)), { kind: 'fn_agg', fn: tf.name, table: tf.remoteKey }, { ...a, ...selectArgs(tf.remoteKey) }, `execute function "${tf.fn.name}" and query aggregates on result of table type "${T(tf.remoteKey).name}"`);
      q[N.f(`${tf.name}_aggregate`)] = agg; s[N.f(`${tf.name}_aggregate`)] = agg;
    }
  }
  if (Object.keys(q).length === 0) q.no_queries_available = field(NN(GraphQLString), { kind: 'placeholder' });
  // Hasura CE declares @cached (honoured by Hasura Cloud only); here it is accepted and has no effect
  const cached = new GraphQLDirective({
    name: 'cached', description: 'whether this query should be cached (Hasura Cloud only)', locations: [DirectiveLocation.QUERY],
    args: { ttl: { type: NN(GraphQLInt), defaultValue: 60, description: 'measured in seconds' }, refresh: { type: NN(GraphQLBoolean), defaultValue: false, description: 'refresh the cache entry' } },
  });
  return new GraphQLSchema({
    directives: [...specifiedDirectives, cached],
    query: new GraphQLObjectType({ name: 'query_root', fields: sortKeys(q) }),
    mutation: Object.keys(m).length ? new GraphQLObjectType({ name: 'mutation_root', fields: sortKeys(m) }) : undefined,
    subscription: Object.keys(s).length ? new GraphQLObjectType({ name: 'subscription_root', fields: sortKeys(s) }) : undefined,
  });
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
