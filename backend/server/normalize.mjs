// Turns a parsed GraphQL request into the internal tree the SQL compiler works on, checking
// it against the role's schema with Hasura's messages and JSONPath error paths (Hasura does
// not use the reference validator's wording, so this walk is its own).
import { Kind, print, GraphQLBoolean, isNonNullType, isListType, isInputObjectType, isEnumType, isObjectType, getNamedType } from 'graphql';
import { HasuraError, validationError } from './errors.mjs';

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;
const NON_NEGATIVE = new Set(['limit', 'offset']);

// Hasura's getSingleOperation: only the shorthand `{ ... }` is "an anonymous operation" there; an
// unnamed `query { ... }` is a typed definition that a given operationName just does not match.
export function selectOperation(doc, operationName) {
  const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName == null) {
    if (ops.length !== 1) throw validationError('exactly one operation has to be present in the document when operationName is not specified');
    return ops[0];
  }
  const shorthand = (o) => !o.name && o.loc && o.loc.source.body[o.loc.start] === '{';
  if (ops.some(shorthand)) throw validationError('operationName cannot be used when an anonymous operation exists in the document');
  const op = ops.find((o) => o.name && o.name.value === operationName);
  if (!op) throw validationError(`no such operation found in the document: ${JSON.stringify(operationName)}`);
  return op;
}

function describeAst(n) {
  switch (n.kind) {
    case Kind.NULL: return 'null';
    case Kind.INT: return 'an integer';
    case Kind.FLOAT: return 'a float';
    case Kind.STRING: return 'a string';
    case Kind.BOOLEAN: return 'a boolean';
    case Kind.ENUM: return 'an enum value';
    case Kind.LIST: return 'a list';
    case Kind.OBJECT: return 'an object';
    default: return 'a value';
  }
}
function describeJson(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a float';
  if (typeof v === 'string') return 'a string';
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}
const expectedKind = (t) => {
  if (isInputObjectType(t)) return 'an object';
  if (isEnumType(t)) return 'an enum value';
  if (isListType(t)) return 'a list';
  switch (t.name) {
    case 'Int': return 'a 32-bit integer';
    case 'Float': return 'a float';
    case 'Boolean': return 'a boolean';
    case 'String': return 'a string';
    default: return 'a value';
  }
};

// Haskell Scientific's show, used in Hasura's integer-overflow message: 2147483648 -> 2.147483648e9
function scientific(text) {
  const neg = text.startsWith('-');
  let digits = text.replace(/^-/, '').replace(/^0+(?=\d)/, '');
  const exp = digits.length - 1;
  digits = digits.replace(/0+$/, '') || '0';
  return `${neg ? '-' : ''}${digits[0]}.${digits.slice(1) || '0'}e${exp}`;
}
// null given to an optional field whose value parser rejects null (schema.mjs `noNull`): Hasura's
// fieldOptional hands the null to the parser, and the parser's message is the error. Column
// parsers (Backends/Postgres/Instances/Schema.hs columnParser): "unexpected null value for type";
// P.list: "expected a list, but found null"; P.object, P.enum, P.boolean...: typeMismatch.
function nullRejected(type, loose, path) {
  if (isListType(type)) return validationError('expected a list, but found null', path);
  if (isInputObjectType(type) || isEnumType(type) || !loose) return validationError(`expected ${expectedKind(type)} for type '${type.name}', but found null`, path);
  return validationError(`unexpected null value for type '${type.name}'`, path);
}
// null at a non-null location: a column value (loose, a scalar: by_pk columns, _in elements) is
// the column parser's error, a list P.list's (objects, data, update_columns), anything else the
// generic one
function nullAtNonNull(type, loose, path) {
  if (isListType(type)) return validationError('expected a list, but found null', path);
  if (loose && !isInputObjectType(type) && !isEnumType(type)) return validationError(`unexpected null value for type '${type.name}'`, path);
  return validationError(`expected ${expectedKind(type)} for type '${type}', but found null`, path);
}
const rejectsNull = (d) => !!d.extensions?.mb?.noNull && !isNonNullType(d.type);

const overflow = (text, path) => new HasuraError('parse-failed', `The value ${scientific(text)} lies outside the bounds or is not an integer. Maybe it is a float, or is there integer overflow?`, path);

export class Normalizer {
  constructor(schema, doc, op, variables) {
    this.schema = schema;
    this.doc = doc;
    this.op = op;
    this.fragments = Object.assign(Object.create(null), Object.fromEntries(doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d])));
    this.vars = new Map();
    const given = variables || {};
    if (typeof given !== 'object' || Array.isArray(given)) throw new HasuraError('parse-failed', 'variables must be an object', '$.variables');
    // Hasura's resolveVariables (Execute/Resolve.hs), in its order: each definition against the
    // given values, duplicate definitions, then the uses (an undeclared one is unbound) and
    // finally the given values that no use reads, declared or not.
    const has = (name) => Object.prototype.hasOwnProperty.call(given, name);
    const defs = op.variableDefinitions || [];
    for (const d of defs) {
      const name = d.variable.name.value;
      const nonNull = d.type.kind === Kind.NON_NULL_TYPE;
      if (has(name) && nonNull && given[name] === null) throw validationError(`null value found for non-nullable type: ${JSON.stringify(print(d.type))}`);
      if (!has(name) && nonNull && !d.defaultValue) throw validationError(`expecting a value for non-nullable variable: ${JSON.stringify(name)}`);
    }
    for (const d of defs) {
      const name = d.variable.name.value;
      if (this.vars.has(name)) throw new HasuraError('parse-failed', `multiple definitions for variable ${JSON.stringify(name)}`, '$');
      this.vars.set(name, { def: d, provided: has(name), value: given[name] });
    }
    const used = this.usedVariables();
    const unexpected = Object.keys(given).filter((k) => !used.has(k));
    if (unexpected.length) throw validationError(`unexpected variables in variableValues: ${unexpected.join(', ')}`);
  }

  // The variables the operation reads: its directives and selection set with the fragments it
  // spreads inlined (a fragment definition's own directives are dropped, as Hasura inlines).
  usedVariables() {
    const used = new Set();
    const value = (v) => {
      if (v.kind === Kind.VARIABLE) {
        if (!this.vars.has(v.name.value)) throw validationError(`unbound variable ${JSON.stringify(v.name.value)}`);
        used.add(v.name.value);
      } else if (v.kind === Kind.LIST) v.values.forEach(value);
      else if (v.kind === Kind.OBJECT) v.fields.forEach((f) => value(f.value));
    };
    const directives = (ds) => { for (const d of ds || []) for (const a of d.arguments || []) value(a.value); };
    const selections = (set, stack) => {
      for (const sel of set.selections) {
        directives(sel.directives);
        if (sel.kind === Kind.FIELD) {
          for (const a of sel.arguments || []) value(a.value);
          if (sel.selectionSet) selections(sel.selectionSet, stack);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) selections(sel.selectionSet, stack);
        else if (sel.kind === Kind.FRAGMENT_SPREAD) {
          const name = sel.name.value;
          const frag = this.fragments[name];
          if (!frag) throw validationError(`reference to undefined fragment ${JSON.stringify(name)}`);
          if (stack.includes(name)) throw validationError(`the fragment definition(s) ${name} form a cycle`);
          selections(frag.selectionSet, [...stack, name]);
        }
      }
    };
    directives(this.op.directives);
    selections(this.op.selectionSet, []);
    return used;
  }

  rootType() {
    const s = this.schema;
    if (this.op.operation === 'query') return s.getQueryType();
    if (this.op.operation === 'mutation') {
      if (!s.getMutationType()) throw validationError('no mutations exist');
      return s.getMutationType();
    }
    if (!s.getSubscriptionType()) throw validationError('no subscriptions exist');
    return s.getSubscriptionType();
  }

  run() {
    const root = this.rootType();
    return this.selection(root, this.op.selectionSet, '$', true);
  }

  skipped(node) {
    for (const d of node.directives || []) {
      const name = d.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const a = (d.arguments || []).find((x) => x.name.value === 'if');
      if (!a) throw validationError(`missing required field 'if'`);
      const v = this.value(a.value, GraphQLBoolean, '$');
      if ((name === 'skip' && v === true) || (name === 'include' && v === false)) return true;
    }
    return false;
  }

  collect(type, selectionSet, out, visited) {
    for (const sel of selectionSet.selections) {
      if (this.skipped(sel)) continue;
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias ? sel.alias.value : sel.name.value;
        if (!out.has(key)) out.set(key, []);
        out.get(key).push(sel);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (sel.typeCondition && sel.typeCondition.name.value !== type.name) continue;
        this.collect(type, sel.selectionSet, out, visited);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const name = sel.name.value;
        const frag = this.fragments[name];
        if (!frag) throw validationError(`fragment '${name}' not found`);
        if (visited.has(name)) throw validationError(`the fragment definition(s) ${name} form a cycle`);
        if (frag.typeCondition.name.value !== type.name) continue;
        this.collect(type, frag.selectionSet, out, new Set([...visited, name]));
      }
    }
    return out;
  }

  selection(type, selectionSet, path, isRoot = false) {
    const groups = this.collect(type, selectionSet, new Map(), new Set());
    const fields = [];
    for (const [alias, nodes] of groups) {
      const node = nodes[0];
      const name = node.name.value;
      const fpath = `${path}.selectionSet.${alias}`;
      if (name === '__typename') { fields.push({ alias, name, mb: { kind: 'typename' }, value: type.name }); continue; }
      if (isRoot && (name === '__schema' || name === '__type')) { fields.push({ alias, name, mb: { kind: 'introspection' }, nodes }); continue; }
      const def = type.getFields()[name];
      if (!def) throw validationError(`field '${name}' not found in type: '${type.name}'`, fpath);
      const args = this.args(def, node, fpath);
      const named = getNamedType(def.type);
      let sel = null;
      if (isObjectType(named)) {
        const merged = { kind: Kind.SELECTION_SET, selections: nodes.flatMap((n) => (n.selectionSet ? n.selectionSet.selections : [])) };
        if (!nodes.some((n) => n.selectionSet)) throw validationError(`missing selection set for '${named.name}'`, fpath);
        sel = this.selection(named, merged, fpath);
      } else if (node.selectionSet) {
        throw validationError(`unexpected subselection set for non-object field`, fpath);
      }
      fields.push({ alias, name, mb: def.extensions?.mb || {}, type: def.type, args, sel, path: fpath });
    }
    return fields;
  }

  args(def, node, fpath) {
    const out = {};
    const given = new Map((node.arguments || []).map((a) => [a.name.value, a]));
    for (const [n] of given) {
      if (!def.args.some((a) => a.name === n)) throw validationError(`'${def.name}' has no argument named '${n}'`, `${fpath}.args.${n}`);
    }
    for (const a of def.args) {
      const key = a.extensions?.mb?.key ?? a.name;
      const apath = `${fpath}.args.${a.name}`;
      const g = given.get(a.name);
      let v;
      if (g) v = this.value(g.value, a.type, apath, !!a.extensions?.mb?.loose, a.defaultValue !== undefined);
      if (v === null && rejectsNull(a)) throw nullRejected(a.type, !!a.extensions?.mb?.loose, apath);
      if (v === undefined) {
        if (a.defaultValue !== undefined) v = a.defaultValue;
        else if (isNonNullType(a.type)) throw validationError(`missing required field '${a.name}'`, fpath);
        else continue;
      }
      if (NON_NEGATIVE.has(key) && typeof v === 'number' && v < 0) throw validationError(`expected a non-negative 32-bit integer for type 'Int', but found an integer`, apath);
      out[key] = v;
    }
    return out;
  }

  // AST value at a location of type `type` (with a default value: locDefault). A variable that was
  // not given and has no default is null here, as in Hasura's resolveVariables
  // (Execute/Resolve.hs), not an absent value.
  value(node, type, path, loose = false, locDefault = false) {
    if (node.kind === Kind.VARIABLE) return this.variable(node, type, path, loose, locDefault);
    if (isNonNullType(type)) {
      if (node.kind === Kind.NULL) throw nullAtNonNull(type.ofType, loose, path);
      return this.value(node, type.ofType, path, loose);
    }
    if (node.kind === Kind.NULL) return null;
    if (isListType(type)) {
      if (node.kind === Kind.LIST) return node.values.map((x, i) => this.value(x, type.ofType, `${path}[${i}]`, loose));
      return [this.value(node, type.ofType, `${path}[0]`, loose)];
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) throw validationError(`expected an object for type '${type.name}', but found ${describeAst(node)}`, path);
      const defs = type.getFields();
      const out = {};
      const seen = new Set();
      for (const f of node.fields) {
        const n = f.name.value;
        const d = defs[n];
        if (!d) throw validationError(`field '${n}' not found in type: '${type.name}'`, `${path}.${n}`);
        seen.add(n);
        const v = this.value(f.value, d.type, `${path}.${n}`, !!d.extensions?.mb?.loose, d.defaultValue !== undefined);
        if (v === null && rejectsNull(d)) throw nullRejected(d.type, !!d.extensions?.mb?.loose, `${path}.${n}`);
        out[d.extensions?.mb?.key ?? n] = v;
      }
      for (const d of Object.values(defs)) {
        if (seen.has(d.name)) continue;
        if (d.defaultValue !== undefined) out[d.extensions?.mb?.key ?? d.name] = d.defaultValue;
        else if (isNonNullType(d.type)) throw validationError(`missing required field '${d.name}'`, path);
      }
      return out;
    }
    if (isEnumType(type)) {
      if (node.kind !== Kind.ENUM) throw validationError(`expected an enum value for type '${type.name}', but found ${describeAst(node)}`, path);
      const ev = type.getValue(node.value);
      if (!ev) throw validationError(`expected one of the values ${type.getValues().map((x) => x.name).join(', ')} for type '${type.name}', but found '${node.value}'`, path);
      return ev.value;
    }
    return this.scalarAst(node, type, path, loose);
  }

  scalarAst(node, type, path, loose) {
    const name = type.name;
    const bad = () => validationError(`expected ${expectedKind(type)} for type '${name}', but found ${describeAst(node)}`, path);
    if (loose && node.kind === Kind.STRING && (name === 'Int' || name === 'Float' || name === 'Boolean')) return node.value;
    switch (name) {
      case 'Int': {
        if (node.kind !== Kind.INT) throw bad();
        const n = Number(node.value);
        if (n > INT32_MAX || n < INT32_MIN) throw overflow(node.value, path);
        return n;
      }
      case 'Float':
        if (node.kind !== Kind.INT && node.kind !== Kind.FLOAT) throw bad();
        return Number(node.value);
      case 'String':
        if (node.kind !== Kind.STRING) throw bad();
        return node.value;
      case 'Boolean':
        if (node.kind !== Kind.BOOLEAN) throw bad();
        return node.value;
      default:
        return this.untyped(node, path);
    }
  }

  // Custom scalars (jsonb, numeric, uuid, ...): the literal as JSON; numbers keep their text.
  untyped(node, path) {
    switch (node.kind) {
      case Kind.INT: case Kind.FLOAT: return { $num: plainDecimal(node.value), $sci: scientificShow(node.value) };
      case Kind.STRING: case Kind.ENUM: return node.value;
      case Kind.BOOLEAN: return node.value;
      case Kind.NULL: return null;
      case Kind.LIST: return node.values.map((x) => unwrapNum(this.untyped(x, path)));
      case Kind.OBJECT: return Object.fromEntries(node.fields.map((f) => [f.name.value, unwrapNum(this.untyped(f.value, path))]));
      case Kind.VARIABLE: {
        const v = this.vars.get(node.name.value);
        if (!v) throw validationError(`unbound variable '${node.name.value}'`, path);
        return v.provided ? v.value : null;
      }
      default: return null;
    }
  }

  variable(node, type, path, loose = false, locDefault = false) {
    const name = node.name.value;
    const v = this.vars.get(name);
    if (!v) throw validationError(`unbound variable '${name}'`, path);
    const declared = v.def.type;
    // TypeChecking.hs isVariableUsageAllowed: a nullable variable may stand at a non-null location
    // that has a default (on_conflict's update_columns) or when it has a non-null default itself
    if (!compatible(declared, type, locDefault || (!!v.def.defaultValue && v.def.defaultValue.kind !== Kind.NULL))) {
      throw validationError(`variable '${name}' is declared as '${print(declared)}', but used where '${String(type)}' is expected`, path);
    }
    if (v.provided) return this.json(v.value, type, path, loose);
    if (v.def.defaultValue) return this.value(v.def.defaultValue, type, path, loose);
    // Execute/Resolve.hs buildVariable: a nullable variable left out of variableValues is its
    // default, else null (exactly as if null had been sent); Input.hs fieldWithDefault parses
    // that null, not the location's default
    if (isNonNullType(type)) throw nullAtNonNull(type.ofType, loose, path);
    return null;
  }

  // A JSON (variable) value at a location of type `type`.
  json(val, type, path, loose = false) {
    if (isNonNullType(type)) {
      if (val === null || val === undefined) throw nullAtNonNull(type.ofType, loose, path);
      return this.json(val, type.ofType, path, loose);
    }
    if (val === null || val === undefined) return null;
    if (isListType(type)) {
      if (Array.isArray(val)) return val.map((x, i) => this.json(x, type.ofType, `${path}[${i}]`, loose));
      return [this.json(val, type.ofType, `${path}[0]`, loose)];
    }
    if (isInputObjectType(type)) {
      if (typeof val !== 'object' || Array.isArray(val)) throw validationError(`expected an object for type '${type.name}', but found ${describeJson(val)}`, path);
      const defs = type.getFields();
      const out = {};
      for (const [n, x] of Object.entries(val)) {
        const d = defs[n];
        if (!d) throw validationError(`field '${n}' not found in type: '${type.name}'`, `${path}.${n}`);
        const v = this.json(x, d.type, `${path}.${n}`, !!d.extensions?.mb?.loose);
        if (v === null && rejectsNull(d)) throw nullRejected(d.type, !!d.extensions?.mb?.loose, `${path}.${n}`);
        out[d.extensions?.mb?.key ?? n] = v;
      }
      for (const d of Object.values(defs)) {
        if (Object.prototype.hasOwnProperty.call(val, d.name)) continue;
        if (d.defaultValue !== undefined) out[d.extensions?.mb?.key ?? d.name] = d.defaultValue;
        else if (isNonNullType(d.type)) throw validationError(`missing required field '${d.name}'`, path);
      }
      return out;
    }
    if (isEnumType(type)) {
      const ev = typeof val === 'string' ? type.getValue(val) : null;
      if (!ev) throw validationError(`expected one of the values ${type.getValues().map((x) => x.name).join(', ')} for type '${type.name}', but found ${JSON.stringify(val)}`, path);
      return ev.value;
    }
    const bad = () => validationError(`expected ${expectedKind(type)} for type '${type.name}', but found ${describeJson(val)}`, path);
    if (loose && typeof val === 'string' && (type.name === 'Int' || type.name === 'Float' || type.name === 'Boolean')) return val;
    switch (type.name) {
      case 'Int':
        if (typeof val !== 'number') throw bad();
        if (!Number.isInteger(val) || val > INT32_MAX || val < INT32_MIN) throw overflow(String(val), path);
        return val;
      case 'Float': if (typeof val !== 'number') throw bad(); return val;
      case 'String': if (typeof val !== 'string') throw bad(); return val;
      case 'Boolean': if (typeof val !== 'boolean') throw bad(); return val;
      default: return val;
    }
  }
}

// "-2E-2" -> "-0.02": exact decimal text, so that every numeric type (money too) parses it.
export function plainDecimal(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, int, frac = '', e] = m;
  let digits = int + frac;
  let point = int.length + Number(e);
  if (point <= 0) { digits = '0'.repeat(1 - point) + digits; point = 1; }
  if (point >= digits.length) digits += '0'.repeat(point - digits.length);
  const ip = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fp = digits.slice(point);
  return `${sign}${ip}${fp ? '.' + fp : ''}`;
}

// Haskell's `show` of a Scientific, which is how Hasura writes a numeric literal into SQL:
// fixed notation for 0.1 <= |x| < 10^7 ("-1.1", "12345.67"), else exponent form ("-1.0e-30").
// Postgres keeps the literal's display scale, so this decides digits such as 12344.5699…990.
export function scientificShow(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text;
  const [, sign, int, frac = '', ex = '0'] = m;
  let ds = (int + frac).replace(/^0+/, '');
  const lead = (int + frac).length - ds.length;
  let e = int.length + Number(ex) - lead;
  ds = ds.replace(/0+$/, '');
  if (!ds) return '0.0';
  if (e < 0 || e > 7) return `${sign}${ds[0]}.${ds.slice(1) || '0'}e${e - 1}`;
  if (e === 0) return `${sign}0.${ds}`;
  const ip = ds.slice(0, e).padEnd(e, '0');
  return `${sign}${ip}.${ds.slice(e) || '0'}`;
}

const unwrapNum = (v) => (v && typeof v === 'object' && '$num' in v ? Number(v.$num) : v);

// Hasura's variable/location type check: same structure and names; a nullable variable may
// only flow into a non-null location when it has a non-null default.
function compatible(varType, locType, hasDefault) {
  if (varType.kind === Kind.NON_NULL_TYPE) {
    return compatible(varType.type, isNonNullType(locType) ? locType.ofType : locType, false);
  }
  if (isNonNullType(locType)) {
    if (!hasDefault) return false;
    return compatible(varType, locType.ofType, false);
  }
  if (varType.kind === Kind.LIST_TYPE) return isListType(locType) && compatible(varType.type, locType.ofType, false);
  if (isListType(locType)) return false;
  return varType.name.value === locType.name;
}

