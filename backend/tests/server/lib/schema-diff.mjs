// Compares two GraphQL schemas by their introspection: types, fields, arguments, input fields,
// enum values (names and type references; descriptions are not compared).
import { isObjectType, isInputObjectType, isEnumType, isScalarType, isInterfaceType, isUnionType } from 'graphql';

const kindOf = (t) => (isObjectType(t) ? 'OBJECT' : isInputObjectType(t) ? 'INPUT_OBJECT' : isEnumType(t) ? 'ENUM' : isScalarType(t) ? 'SCALAR' : isInterfaceType(t) ? 'INTERFACE' : isUnionType(t) ? 'UNION' : '?');

// Every difference as one line: "<Type>[.<field>[(arg)]]: <what>".
export function schemaDiff(mine, ref, { onlyTypes } = {}) {
  const out = [];
  const mt = mine.getTypeMap(); const rt = ref.getTypeMap();
  const names = new Set([...Object.keys(mt), ...Object.keys(rt)].filter((n) => !n.startsWith('__')));
  for (const n of [...names].sort()) {
    if (onlyTypes && !onlyTypes(n)) continue;
    const a = mt[n]; const b = rt[n];
    if (!a) { out.push(`${n}: missing (reference has ${kindOf(b)})`); continue; }
    if (!b) { out.push(`${n}: extra (${kindOf(a)})`); continue; }
    if (kindOf(a) !== kindOf(b)) { out.push(`${n}: kind ${kindOf(a)} vs reference ${kindOf(b)}`); continue; }
    if (isEnumType(a)) {
      const av = new Set(a.getValues().map((v) => v.name)); const bv = new Set(b.getValues().map((v) => v.name));
      for (const v of bv) if (!av.has(v)) out.push(`${n}.${v}: enum value missing`);
      for (const v of av) if (!bv.has(v)) out.push(`${n}.${v}: enum value extra`);
    }
    if (isObjectType(a) || isInputObjectType(a)) {
      const af = a.getFields(); const bf = b.getFields();
      for (const f of Object.keys(bf)) if (!af[f]) out.push(`${n}.${f}: field missing`);
      for (const f of Object.keys(af)) if (!bf[f]) out.push(`${n}.${f}: field extra`);
      for (const f of Object.keys(af)) {
        if (!bf[f]) continue;
        if (String(af[f].type) !== String(bf[f].type)) out.push(`${n}.${f}: type ${af[f].type} vs reference ${bf[f].type}`);
        if (isObjectType(a)) {
          const aa = new Map(af[f].args.map((x) => [x.name, x])); const ba = new Map(bf[f].args.map((x) => [x.name, x]));
          for (const [k, x] of ba) {
            if (!aa.has(k)) out.push(`${n}.${f}(${k}): argument missing`);
            else if (String(aa.get(k).type) !== String(x.type)) out.push(`${n}.${f}(${k}): type ${aa.get(k).type} vs reference ${x.type}`);
          }
          for (const k of aa.keys()) if (!ba.has(k)) out.push(`${n}.${f}(${k}): argument extra`);
        }
      }
    }
  }
  // directives (@cached, @skip, @include, ...): names and argument types
  const md = new Map(mine.getDirectives().map((d) => [d.name, d])); const rd = new Map(ref.getDirectives().map((d) => [d.name, d]));
  for (const [n, d] of rd) {
    if (onlyTypes) break;
    if (!md.has(n)) { out.push(`@${n}: directive missing`); continue; }
    for (const a of d.args) {
      const x = md.get(n).args.find((y) => y.name === a.name);
      if (!x || String(x.type) !== String(a.type)) out.push(`@${n}(${a.name}): argument ${x ? `type ${x.type} vs reference ${a.type}` : 'missing'}`);
    }
  }
  return out;
}
