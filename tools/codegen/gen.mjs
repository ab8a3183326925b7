#!/usr/bin/env node
// GraphQL documents -> typed C for mb.h ("typed C for your own Hasura").
//
//   node tools/codegen/gen.mjs --schema SCHEMA --out PREFIX [--module NAME] [--guard MACRO] DOC.graphql...
//
// SCHEMA is SDL (.graphql) or introspection JSON (.json, as the server's
// introspection query answers it). Every operation is validated against it;
// an error stops generation with file:line and the GraphQL message; so does a
// nullable variable without a default compared in a boolean expression (a
// field of a *ComparisonExp / *_comparison_exp input), or given to a NOT NULL
// column in an insert object or an update's _set, which Hasura refuses when
// the variable is left out (null). For each
// named operation the output gets a minified query string, a variables
// struct (optional variables get a has_ flag), one struct per selection set
// (a selection of one fragment spread alone: the fragment's shared struct),
// descriptor tables for the runtime in src/typed.c, and two functions:
//   mb_status mb_<op>(mb_client *, const mb_<op>_vars *, mb_<op>_data *, mb_<op>_arrays *);
//   mb_status mb_<op>_decode(mb_result *, mb_<op>_data *, mb_<op>_arrays *);
// and with --outbox, for mutations: mb_status mb_<op>_queued(mb_outbox *, const mb_<op>_vars *);
// (the arrays argument exists only when the selection has lists).
// Writes PREFIX.h (declarations) and PREFIX.c (implementation), in the form
// tools/amalgamate.sh concatenates into mb.h.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

const require = createRequire(new URL('../../backend/package.json', import.meta.url));
const G = require('graphql');

function usage(msg) {
  if (msg) process.stderr.write(`gen.mjs: ${msg}\n`);
  process.stderr.write('usage: node tools/codegen/gen.mjs --schema SCHEMA --out PREFIX [--module NAME] [--guard MACRO] DOC.graphql...\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = { docs: [], module: 'ops', guard: null };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--schema') opt.schema = args[++i];
  else if (a === '--out') opt.out = args[++i];
  else if (a === '--module') opt.module = args[++i];
  else if (a === '--guard') opt.guard = args[++i];
  else if (a === '--outbox') opt.outbox = true; // mutations also get mb_<op>_queued(outbox, vars)
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else opt.docs.push(a);
}
if (!opt.schema || !opt.out || !opt.docs.length) usage();

// ---- schema ----
let schema;
try {
  const text = readFileSync(opt.schema, 'utf8');
  if (opt.schema.endsWith('.json')) {
    const j = JSON.parse(text);
    schema = G.buildClientSchema(j.data ?? j);
  } else {
    schema = G.buildSchema(text, { assumeValidSDL: false });
  }
} catch (e) {
  process.stderr.write(`${opt.schema}: cannot load the schema: ${e.message}\n`);
  process.exit(1);
}

// ---- documents: parse and validate, errors with file:line ----
const docs = [];
let failed = false;
for (const file of opt.docs) {
  const body = readFileSync(file, 'utf8');
  let doc;
  try {
    doc = G.parse(new G.Source(body, file));
  } catch (e) {
    const l = e.locations?.[0];
    process.stderr.write(`${file}:${l ? `${l.line}:${l.column}` : '1'}: ${e.message}\n`);
    failed = true;
    continue;
  }
  for (const e of G.validate(schema, doc)) {
    const l = e.locations?.[0];
    process.stderr.write(`${file}:${l ? `${l.line}:${l.column}` : '1'}: ${e.message}\n`);
    failed = true;
  }
  docs.push({ file, doc });
}
if (failed) process.exit(1);

// ---- naming ----
// A member name must be an identifier in C99, C11/C23 and C++ (mb.h compiles as both), and not a
// lower-case macro a user's build defines: errno (<errno.h>), complex and imaginary (<complex.h>),
// noreturn (<stdnoreturn.h>), stdin/stdout/stderr (newlib: (_REENT->_stdin)), unix and linux (gcc and
// clang in their default GNU modes, -std=gnu17/gnu++17, define them as 1). Such a name takes a '_'.
const KEYWORDS = new Set(('auto break case char const continue default do double else enum extern float for goto if inline int long '
  + 'register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while '
  + 'alignas alignof bool constexpr false nullptr static_assert thread_local true typeof typeof_unqual '
  + 'asm catch char8_t char16_t char32_t class co_await co_return co_yield concept const_cast consteval constinit '
  + 'decltype delete dynamic_cast explicit export friend mutable namespace new noexcept operator private protected '
  + 'public reinterpret_cast requires static_cast template this throw try typeid typename using virtual wchar_t '
  + 'and and_eq bitand bitor compl not not_eq or or_eq xor xor_eq '
  + 'errno complex imaginary noreturn stdin stdout stderr unix linux').split(' '));
const snake = (s) => {
  const r = s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
  return KEYWORDS.has(r) ? `${r}_` : r;
};
const fail = (file, node, msg) => {
  const l = node?.loc ? G.getLocation(node.loc.source, node.loc.start) : null;
  process.stderr.write(`${file}:${l ? `${l.line}:${l.column}` : '1'}: ${msg}\n`);
  process.exit(1);
};

// ---- scalars ----
const SCALAR = {
  String: ['STR', 'mb_str'], ID: ['STR', 'mb_str'], uuid: ['STR', 'mb_str'], timestamptz: ['STR', 'mb_str'],
  timestamp: ['STR', 'mb_str'], date: ['STR', 'mb_str'], time: ['STR', 'mb_str'], timetz: ['STR', 'mb_str'],
  citext: ['STR', 'mb_str'], bpchar: ['STR', 'mb_str'], jsonb: ['JSON', 'mb_str'], json: ['JSON', 'mb_str'],
  Int: ['I32', 'int32_t'], smallint: ['I32', 'int32_t'], bigint: ['I64', 'int64_t'], Float: ['F64', 'double'],
  float8: ['F64', 'double'], float4: ['F64', 'double'], numeric: ['NUMERIC', 'mb_numeric'], Boolean: ['BOOL', 'int'],
};
function scalarOf(t) {
  if (G.isEnumType(t)) return ['STR', 'mb_str'];
  if (SCALAR[t.name]) return SCALAR[t.name];
  return ['JSON', 'mb_str']; // an unknown custom scalar: its raw JSON text
}
const VAR_SCALAR = {
  String: ['STR', 'const char *'], ID: ['STR', 'const char *'], uuid: ['STR', 'const char *'],
  timestamptz: ['STR', 'const char *'], timestamp: ['STR', 'const char *'], date: ['STR', 'const char *'],
  time: ['STR', 'const char *'], timetz: ['STR', 'const char *'], citext: ['STR', 'const char *'], bpchar: ['STR', 'const char *'],
  jsonb: ['JSON', 'const char *'], json: ['JSON', 'const char *'], Int: ['I32', 'int32_t'], smallint: ['I32', 'int32_t'],
  bigint: ['I64', 'int64_t'], Float: ['F64', 'double'], float8: ['F64', 'double'], float4: ['F64', 'double'],
  numeric: ['F64', 'double'], Boolean: ['BOOL', 'int'],
};

// ---- selection sets -> struct tree ----
// A field that may be null or left out gets a uint8_t <member>_null (1 when null or absent), lists
// included (null or left out is not []); a string or JSON text needs none: its ptr is NULL.
const hasNullFlag = (f) => f.nullable && (f.list || (f.kind !== 'STR' && f.kind !== 'JSON'));
// @include/@skip on a field, an inline fragment or a spread: the answer may leave the fields out, so
// they are optional whatever their type (@include(if: true) and @skip(if: false) leave nothing out)
function conditional(node) {
  return (node.directives || []).some((d) => {
    const n = d.name.value;
    if (n !== 'include' && n !== 'skip') return false;
    const v = d.arguments?.find((a) => a.name.value === 'if')?.value;
    return !(v && v.kind === G.Kind.BOOLEAN && v.value === (n === 'include'));
  });
}
const items = (selSet, cond = false) => selSet.selections.map((s) => ({ s, cond }));
// the fields of a selection set through its fragments, each with whether a directive may leave it out
function collectFields(file, sel, type, fragments, out = []) {
  for (const { s, cond: outer } of sel) {
    const cond = outer || conditional(s);
    if (s.kind === 'Field') out.push({ f: s, cond });
    else if (s.kind === 'InlineFragment') {
      if (s.typeCondition && s.typeCondition.name.value !== type.name) fail(file, s, 'fragments on other types are not supported');
      collectFields(file, items(s.selectionSet, cond), type, fragments, out);
    } else if (s.kind === 'FragmentSpread') {
      const f = fragments[s.name.value];
      if (f.typeCondition.name.value !== type.name) fail(file, s, 'fragments on other types are not supported');
      collectFields(file, items(f.selectionSet, cond), type, fragments, out);
    }
  }
  return out;
}

// A field whose selection is one fragment spread and nothing more has the
// fragment's own types (mb_<fragment>...), built once and shared by every
// operation that selects it that way: a device handles a list of threads with
// one function whichever filtered variant fetched it, and the descriptor
// tables exist once. Pool indices in a table count from the first pool of
// its subtree (pre-order, src/typed.c), so one table fits any place.
const fragTypes = new Map(); // fragment name -> { def, file, node, pools }
const fragStructs = []; // the structs of every fragment type built, children first

function fragmentType(file, spread, type, fragments) {
  const name = spread.name.value, def = fragments[name];
  if (def.typeCondition.name.value !== type.name) fail(file, spread, 'fragments on other types are not supported');
  let ft = fragTypes.get(name);
  if (ft) {
    if (ft.def !== def) fail(file, def, `fragment ${name} is also defined in ${ft.file}: one fragment name, one C type (mb_${snake(name)})`);
    return ft;
  }
  const fctx = { structs: [], pools: [] };
  const node = build(file, snake(name), [], items(def.selectionSet), type, fragments, fctx);
  node.fragment = `${name} (${basename(file)})`;
  node.fragmentName = name;
  ft = { def, file, node, pools: fctx.pools };
  fragTypes.set(name, ft);
  fragStructs.push(...fctx.structs);
  return ft;
}

function build(file, opName, path, sel, type, fragments, ctx) {
  const node = { cname: `mb_${opName}${path.map((p) => `_${p}`).join('')}`, fields: [] };
  const seen = new Set();
  const base = ctx.pools.length; // this subtree's pools are numbered from here
  const all = collectFields(file, sel, type, fragments);
  const keyOf = (f) => (f.alias ? f.alias.value : f.name.value);
  for (const { f } of all) {
    const key = keyOf(f);
    if (seen.has(key)) continue; // merged by GraphQL: one member with the union of their selections
    seen.add(key);
    // absent when every occurrence may be left out; the selections of an occurrence that may be left
    // out are optional too, unless it is the only one (then the field's own flag says it)
    const occ = all.filter((g) => keyOf(g.f) === key);
    const cond = occ.every((g) => g.cond);
    const sels = occ.filter((g) => g.f.selectionSet)
      .flatMap((g) => items(g.f.selectionSet, g.cond && occ.length > 1));
    let ftype;
    if (f.name.value === '__typename') ftype = new G.GraphQLNonNull(G.GraphQLString);
    else if (f.name.value === '__schema') ftype = G.SchemaMetaFieldDef.type; // introspection: not among the root's fields
    else if (f.name.value === '__type') ftype = G.TypeMetaFieldDef.type;
    else ftype = type.getFields()[f.name.value].type;
    const nullable = !G.isNonNullType(ftype) || cond;
    let t = G.getNullableType(ftype), list = false;
    if (G.isListType(t)) {
      list = true;
      t = G.getNullableType(t.ofType);
      if (G.isListType(t)) fail(file, f, `lists of lists are not supported (${key})`);
    }
    const member = snake(key);
    const fd = { key, member, nullable, cond, list, pool: 0, node: f };
    if (list) fd.pool = ctx.pools.push({ field: fd, name: [...path, member].join('_'), at: [...path, member].join('.') }) - 1 - base; /* parents first */
    if (G.isObjectType(t)) {
      if (!f.selectionSet) fail(file, f, `${key} needs a selection set`);
      const first = ctx.pools.length; // where its subtree's pools start
      const spread = sels.length > 0 && sels.every(({ s }) => s.kind === 'FragmentSpread' && !s.directives?.length && s.name.value === sels[0].s.name.value);
      if (spread) {
        const ft = fragmentType(file, sels[0].s, t, fragments);
        for (const p of ft.pools) ctx.pools.push({ field: p.field, name: [...path, member, p.name].join('_'), at: [...path, member, p.at].join('.') });
        fd.child = ft.node;
      } else {
        fd.child = build(file, opName, [...path, member], sels, t, fragments, ctx);
      }
      // an object's index is of its first pool below it; with none below it is never used, and 0 keeps
      // an object after the 256th list inside uint8_t
      if (!list) fd.pool = ctx.pools.length > first ? first - base : 0;
      fd.kind = 'OBJ';
    } else if (G.isLeafType(t)) {
      [fd.kind, fd.ctype] = scalarOf(t);
      fd.gqlType = t.name;
    } else {
      fail(file, f, `${key}: interfaces and unions are not supported`);
    }
    node.fields.push(fd);
  }
  // two response keys of one snake case (fooBar, foo_bar), or a key taking a null flag's name
  // (x_null beside a nullable x), would be one member twice: C that does not compile
  const members = new Map();
  for (const fd of node.fields) {
    for (const m of [fd.member, hasNullFlag(fd) && `${fd.member}_null`].filter(Boolean)) {
      const other = members.get(m);
      if (other) fail(file, fd.node, `${fd.key} and ${other} would both be the member ${m} of ${node.cname}: alias one of them`);
      members.set(m, fd.key);
    }
  }
  ctx.structs.push(node); // children first: post-order
  return node;
}

// ---- variables Hasura would reject when left out ----
// A variable the request leaves out takes its default, else (nullable) null;
// Hasura refuses null as the value of any operator of a boolean expression
// (a field of a *ComparisonExp input: _eq, _in, _isNull, ...) with
// "unexpected null value". The generated code leaves an optional variable out
// when its has_ flag is 0, so such a variable must be non-null or have a
// default: one operation per optional filter. Likewise a column value of an
// insert object or an update's _set (a *InsertInput / *SetInput field, nested
// inserts' data included) whose column is NOT NULL (non-null in the table's
// object type): null is refused there too, even when the column has a default
// in the database. The other update operators never mean "leave the column
// alone" when given null: _inc/_append/_prepend parse with the column's
// nullability (NOT NULL: refused; nullable: the SQL is col + NULL, col || NULL,
// so the column becomes NULL), _delete_key takes null (col - NULL: NULL),
// _delete_elem and _delete_at_path refuse it. Where null means the same as
// leaving the argument out (limit, offset, where, order_by and its directions,
// distinct_on) a nullable variable is fine.
const COLUMN_INPUT = /^(.+?)(InsertInput|SetInput|IncInput|AppendInput|PrependInput|DeleteKeyInput|DeleteElemInput|DeleteAtPathInput|_insert_input|_set_input|_inc_input|_append_input|_prepend_input|_delete_key_input|_delete_elem_input|_delete_at_path_input)$/;
function checkNullableVariables(file, op, frags, root) {
  const defs = new Map((op.variableDefinitions || []).map((v) => [v.variable.name.value, v]));
  const check = (node, type) => {
    const ti = new G.TypeInfo(schema, type);
    const objs = []; // the input object type of each object value being visited
    const parents = []; // [input object type, field name] around each object field being visited
    G.visit(node, G.visitWithTypeInfo(ti, {
      ObjectValue: {
        enter() { objs.push(G.getNamedType(ti.getInputType())); },
        leave() { objs.pop(); },
      },
      ObjectField: {
        enter(f) { parents.push([objs[objs.length - 1], f.name.value]); },
        leave() { parents.pop(); },
      },
      Variable(v) {
        const [parent, field] = parents[parents.length - 1] || [];
        if (!parent || !G.isInputObjectType(parent)) return;
        const def = defs.get(v.name.value);
        // a default of null is no default: left out, the variable is null all the same
        if (!def || def.type.kind === G.Kind.NON_NULL_TYPE || (def.defaultValue && def.defaultValue.kind !== G.Kind.NULL)) return;
        const why = `variable $${v.name.value} (${G.print(def.type)}) is nullable ${def.defaultValue ? 'with the default null' : 'without a default'} and is `;
        const leftOut = ', which a variable left out (has_ 0) is';
        if (/comparison_?exp$/i.test(parent.name)) {
          fail(file, v, `${why}compared in ${parent.name}: `
            + `Hasura rejects null there ("unexpected null value")${leftOut}; make it non-null `
            + '(one operation per optional filter) or give it a default');
        }
        const m = COLUMN_INPUT.exec(parent.name);
        if (!m) return;
        const kind = m[2].replace(/_/g, '').toLowerCase().replace(/input$/, '');
        const table = schema.getType(m[1]);
        const colType = G.isObjectType(table) && table.getFields()[field]?.type;
        const where = `${why}the value of ${m[1]}.${field} in ${parent.name}`;
        const update = 'make it non-null (one operation per optional update) or give it a default';
        if (kind === 'deleteelem' || kind === 'deleteatpath') {
          fail(file, v, `${where}: Hasura rejects null there ("${kind === 'deleteelem' ? 'unexpected null value' : 'expected a list, but found null'}")${leftOut}; ${update}`);
        }
        if (kind === 'deletekey') {
          fail(file, v, `${where}: Hasura takes null there and the SQL (column - NULL) makes the column NULL${leftOut}; ${update}`);
        }
        if (colType && G.isNonNullType(colType)) {
          fail(file, v, `${where}, a NOT NULL column: `
            + `Hasura rejects null there ("unexpected null value"${kind === 'insert' || kind === 'set' ? ', the column default is not used' : ''})${leftOut}; `
            + (kind === 'insert' || kind === 'set' ? 'make it non-null or give it the column default' : update));
        }
        if (colType && kind !== 'insert' && kind !== 'set') {
          fail(file, v, `${where}: Hasura takes null there and the SQL (${kind === 'inc' ? 'column + NULL' : kind === 'append' ? 'column || NULL' : 'NULL || column'}) `
            + `makes the column NULL${leftOut}; ${update}`);
        }
      },
    }));
  };
  check(op, root);
  for (const f of frags) check(f, schema.getType(f.typeCondition.name.value));
}

// ---- emit ----
const H = [];
const C = [];
// every C name the output declares, once: a fragment's type must not take an
// operation's name (fragment getThreads and query getThreads), nor two
// operations' names meet (getX with a field y, and getXY)
const declared = new Map(); // name -> what declared it
// and the SDK's own names: an operation `status` would make a function mb_status, a fragment `Op` a
// type mb_op. Masterbots' operations are in mb.h too unless MB_NO_MASTERBOTS: another module taking
// one of their names only compiles with it, which is worth a warning, not a refusal.
const masterbots = new Set();
{
  const names = (f) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').match(/\bmb_[a-z0-9_]+\b/g) || [];
  for (const dir of ['../../src/', '../../platform/']) {
    const url = new URL(dir, import.meta.url);
    let files = [];
    try { files = readdirSync(url).filter((f) => f.endsWith('.h')); } catch { continue; }
    for (const f of files) {
      if (f === 'masterbots.h') { if (opt.module !== 'masterbots') for (const n of names(new URL(f, url))) masterbots.add(n); continue; }
      for (const n of names(new URL(f, url))) if (!declared.has(n)) declared.set(n, dir === '../../src/' ? 'the SDK (mb.h)' : `the SDK (platform/${f})`);
    }
  }
  for (const n of declared.keys()) masterbots.delete(n);
}
function declare(file, node, name, owner) {
  if (masterbots.has(name)) {
    const l = node?.loc ? G.getLocation(node.loc.source, node.loc.start) : null;
    process.stderr.write(`${file}:${l ? `${l.line}:${l.column}` : '1'}: warning: ${owner}: ${name} is also declared by Masterbots' operations in mb.h: build with MB_NO_MASTERBOTS\n`);
    masterbots.delete(name);
  }
  if (declared.has(name)) fail(file, node, `${owner}: ${name} is declared already, for ${declared.get(name)}: rename an operation, fragment or field`);
  declared.set(name, owner);
}
const guardOpen = opt.guard ? `#if !defined(${opt.guard})` : null;
H.push('', `/* ---- ${opt.module}: generated by tools/codegen/gen.mjs from ${opt.docs.map((d) => basename(d)).join(', ')}; do not edit ---- */`);
C.push('', `/* ---- ${opt.module} (generated) ---- */`);
if (guardOpen) { H.push(guardOpen); C.push(guardOpen); }

// a JSON string literal is a valid C string literal for ASCII; other text goes as its UTF-8 bytes in octal
// (three digits at most: a digit after one is not taken into it), and '?' as \? ("??!" in a string of
// the document is a trigraph in C99, -Wtrigraphs)
const cstr = (s) => JSON.stringify(s).replace(/\?/g, '\\?')
  .replace(/[^\x00-\x7f]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `\\${b.toString(8)}`).join(''));
// The query text as a static array. A string literal longer than 4095 bytes (concatenated) is past what
// C99 requires a compiler to take, and -Wpedantic refuses it (gcc and clang, -Woverlength-strings):
// a longer text is written as a list of characters.
function cQuery(name, s) {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length > 4095) {
    const ch = (b) => (b === 0x27 || b === 0x5c ? `'\\${String.fromCharCode(b)}'` : b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `'\\${b.toString(8)}'`);
    const rows = [];
    for (let i = 0; i < bytes.length; i += 16) rows.push([...bytes.subarray(i, i + 16)].map(ch).join(', '));
    return `static const char ${name}[] = { /* ${bytes.length} bytes: longer than a C99 string literal */\n    ${rows.join(',\n    ')}, 0};`;
  }
  // split long literals for readability (by code point: a pair of surrogates stays whole); C concatenates them
  const cps = Array.from(s), parts = [];
  for (let i = 0; i < cps.length; i += 100) parts.push(cstr(cps.slice(i, i + 100).join('')));
  return `static const char ${name}[] =\n    ${parts.join('\n    ')};`;
}

for (const { file, doc } of docs) {
  const fragments = {};
  for (const d of doc.definitions) if (d.kind === 'FragmentDefinition') fragments[d.name.value] = d;
  for (const d of doc.definitions) {
    if (d.kind !== 'OperationDefinition') continue;
    if (!d.name) fail(file, d, 'every operation needs a name');
    const gqlName = d.name.value;
    const op = snake(gqlName);
    const root = d.operation === 'query' ? schema.getQueryType() : d.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    const ctx = { structs: [], pools: [] };
    const data = build(file, op, [], items(d.selectionSet), root, fragments, ctx);
    data.cname = `mb_${op}_data`;
    // the query text: this operation and the fragments it uses, minified
    const used = new Set();
    G.visit(d, { FragmentSpread(n) { used.add(n.name.value); } });
    let grew = true;
    while (grew) {
      grew = false;
      for (const name of [...used]) G.visit(fragments[name], { FragmentSpread(n) { if (!used.has(n.name.value)) { used.add(n.name.value); grew = true; } } });
    }
    const text = G.stripIgnoredCharacters(G.print({ kind: 'Document', definitions: [d, ...[...used].map((n) => fragments[n])] }));
    checkNullableVariables(file, d, [...used].map((n) => fragments[n]), root);

    // variables
    const vars = (d.variableDefinitions || []).map((v) => {
      const required = G.isNonNullType(G.typeFromAST(schema, v.type));
      const t = G.getNullableType(G.typeFromAST(schema, v.type));
      let k;
      if (G.isEnumType(t)) k = ['STR', 'const char *'];
      else if (G.isScalarType(t)) k = VAR_SCALAR[t.name] || ['JSON', 'const char *'];
      else fail(file, v, `variable $${v.variable.name.value}: lists and input objects are not supported as variables; spell the object out in the document with scalar variables`);
      return { name: v.variable.name.value, member: snake(v.variable.name.value), required, kind: k[0], ctype: k[1], gql: G.print(v.type) };
    });

    if (ctx.pools.length > 256) fail(file, d, `${gqlName} has ${ctx.pools.length} lists: 256 at most`);
    // members of the vars and arrays structs, which snake case and the has_/_cap/_needed suffixes
    // could make twice ($fooBar and $foo_bar; $x and $has_x; a list kids.ids and a list kids_ids)
    const taken = new Map();
    const take = (names, what, node, struct, fix) => {
      for (const n of names) {
        if (taken.has(n)) fail(file, node, `${what} and ${taken.get(n)} would both be the member ${n} of ${struct}: ${fix} one of them`);
        taken.set(n, what);
      }
    };
    for (const v of vars) take(v.required ? [v.member] : [v.member, `has_${v.member}`], `$${v.name}`, (d.variableDefinitions || []).find((x) => x.variable.name.value === v.name), `mb_${op}_vars`, 'rename');
    taken.clear();
    for (const p of ctx.pools) take([p.name, `${p.name}_cap`, `${p.name}_needed`], `the list ${p.at}`, p.field.node, `mb_${op}_arrays`, 'alias');
    // the types of fragments this operation is the first to use (each root
    // comes after its children), then its own
    const frags = fragStructs.filter((s) => !s.emitted);
    const structH = (s, owner) => {
      s.emitted = true;
      declare(file, d, s.cname, owner);
      H.push(`typedef struct ${s.cname} {`);
      for (const f of s.fields) {
        const t = f.kind === 'OBJ' ? f.child.cname : f.ctype;
        if (f.list) H.push(`    struct { ${t} *items; size_t len; } ${f.member};`);
        else H.push(`    ${t} ${f.member};`);
        if (hasNullFlag(f)) H.push(`    uint8_t ${f.member}_null; /* 1 when null${f.cond ? ' or left out (@include/@skip)' : ''} */`);
      }
      H.push(`} ${s.cname};`);
    };
    let group = [];
    for (const s of frags) {
      group.push(s);
      if (!s.fragment) continue;
      H.push('', `/* fragment ${s.fragment}: the type of a field that selects ...${s.fragmentName} alone, in any operation */`);
      for (const g of group) structH(g, `fragment ${s.fragmentName}`);
      group = [];
    }
    H.push('', `/* ${gqlName} (${d.operation}, ${basename(file)}) */`);
    for (const s of ctx.structs) structH(s, `${d.operation} ${gqlName}`); // children first
    for (const n of ['vars', 'arrays', 'op', 'decode', 'queued']) declare(file, d, `mb_${op}_${n}`, `${d.operation} ${gqlName}`);
    declare(file, d, `mb_${op}`, `${d.operation} ${gqlName}`);
    if (vars.length) {
      H.push(`typedef struct mb_${op}_vars {`);
      for (const v of vars) {
        H.push(`    ${v.ctype}${v.ctype.endsWith('*') ? '' : ' '}${v.member}; /* $${v.name}: ${v.gql} */`);
        if (!v.required) H.push(`    uint8_t has_${v.member};`);
      }
      H.push(`} mb_${op}_vars;`);
    }
    if (ctx.pools.length) {
      H.push(`typedef struct mb_${op}_arrays { /* set each array and its cap; needed is filled in */`);
      for (const p of ctx.pools) {
        const t = p.field.kind === 'OBJ' ? p.field.child.cname : p.field.ctype;
        H.push(`    ${t} *${p.name};`, `    size_t ${p.name}_cap, ${p.name}_needed;`);
      }
      H.push(`} mb_${op}_arrays;`);
    }
    const varsParam = vars.length ? `const mb_${op}_vars *vars` : null;
    const arrParam = ctx.pools.length ? `mb_${op}_arrays *arrays` : null;
    const execParams = ['mb_client *c', varsParam, `mb_${op}_data *out`, arrParam].filter(Boolean).join(', ');
    const decParams = ['const mb_result *res', `mb_${op}_data *out`, arrParam].filter(Boolean).join(', ');
    const isSub = d.operation === 'subscription'; // events come through mb_sub_poll: no HTTP call
    if (!isSub) H.push(`MB_API mb_status mb_${op}(${execParams});`);
    H.push(`MB_API mb_status mb_${op}_decode(${decParams});`);
    H.push(`MB_API const mb_op *mb_${op}_op(void);`);
    const queued = d.operation === 'mutation' && opt.outbox;
    if (queued) H.push('#if !defined(MB_NO_OUTBOX)', `MB_API mb_status mb_${op}_queued(mb_outbox *o${vars.length ? `, const mb_${op}_vars *vars` : ''}); /* mb_outbox_push */`, '#endif');

    // implementation: descriptors
    C.push('', `/* ${gqlName} */`);
    C.push(cQuery(`mb__q_${op}`, text));
    for (const s of [...frags, ...ctx.structs]) {
      const rows = s.fields.map((f) => {
        const nullFlag = hasNullFlag(f) ? `offsetof(${s.cname}, ${f.member}_null)` : 'MB_NO_NULL_FLAG';
        const type = f.list ? 'MB_T_ARR' : `MB_T_${f.kind}`;
        const elem = f.list ? `MB_T_${f.kind}` : '0';
        const shape = f.kind === 'OBJ' ? `&${f.child.cname.replace(/^mb_/, 'mb__s_')}` : 'NULL';
        return `    {${cstr(f.key)}, offsetof(${s.cname}, ${f.member}), ${nullFlag}, ${type}, ${elem}, ${f.pool}, ${shape}},`;
      });
      const sname = s.cname.replace(/^mb_/, 'mb__s_');
      C.push(`static const mb_field ${sname}_f[] = {\n${rows.join('\n')}\n};`);
      C.push(`static const mb_shape ${sname} = {${sname}_f, ${s.fields.length}, MB_SHAPE_SIZE(${s.cname})};`);
    }
    if (vars.length) {
      const rows = vars.map((v) => `    {${cstr(v.name)}, offsetof(mb_${op}_vars, ${v.member}), ${v.required ? 'MB_NO_NULL_FLAG' : `offsetof(mb_${op}_vars, has_${v.member})`}, MB_T_${v.kind}},`);
      C.push(`static const mb_var mb__v_${op}[] = {\n${rows.join('\n')}\n};`);
    }
    C.push(`static const mb_op mb__op_${op} = {mb__q_${op}, ${cstr(gqlName)}, ${vars.length ? `mb__v_${op}` : 'NULL'}, ${vars.length}, &mb__s_${op}_data};`);
    C.push(`const mb_op *mb_${op}_op(void) { return &mb__op_${op}; }`);
    // functions
    const poolsIn = ctx.pools.map((p, i) => `    pools[${i}].base = arrays->${p.name};\n    pools[${i}].cap = arrays->${p.name}_cap;`).join('\n');
    const poolsOut = ctx.pools.map((p, i) => `    arrays->${p.name}_needed = pools[${i}].needed;`).join('\n');
    const run = (call) => ctx.pools.length
      ? `    mb_pool pools[${ctx.pools.length}];\n    mb_status s;\n${poolsIn}\n    s = ${call.replace('POOLS', `pools, ${ctx.pools.length}`)};\n${poolsOut}\n    return s;`
      : `    return ${call.replace('POOLS', 'NULL, 0')};`;
    if (!isSub) C.push(`mb_status mb_${op}(${execParams}) {\n${run(`mb_typed_execute(c, &mb__op_${op}, ${vars.length ? 'vars' : 'NULL'}, out, POOLS)`)}\n}`);
    C.push(`mb_status mb_${op}_decode(${decParams}) {\n${run(`mb_typed_decode(res, &mb__s_${op}_data, out, POOLS)`)}\n}`);
    if (queued) C.push('#if !defined(MB_NO_OUTBOX)', `mb_status mb_${op}_queued(mb_outbox *o${vars.length ? `, const mb_${op}_vars *vars` : ''}) { return mb_outbox_push(o, &mb__op_${op}, ${vars.length ? 'vars' : 'NULL'}); }`, '#endif');
  }
}
if (guardOpen) { H.push(`#endif /* ${opt.guard} */`); C.push(`#endif /* ${opt.guard} */`); }
writeFileSync(`${opt.out}.h`, H.join('\n') + '\n');
writeFileSync(`${opt.out}.c`, C.join('\n') + '\n');
process.stderr.write(`gen.mjs: ${docs.reduce((n, d) => n + d.doc.definitions.filter((x) => x.kind === 'OperationDefinition').length, 0)} operations -> ${opt.out}.h, ${opt.out}.c\n`);
