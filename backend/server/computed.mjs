// SQL call of a computed field's function for the row under alias `a`.
import { ident, toParam } from './sqlparams.mjs';

export function computedCall(cf, t, a, ctx, args = {}) {
  const parts = cf.fn.args.map((arg, i) => {
    if (i === cf.tableArg) return `ROW(${t.columns.map((c) => `${a}.${ident(c.name)}`).join(', ')})::${ident(t.schema)}.${ident(t.name)}`;
    if (i === cf.sessionArg) return ctx.p.add(JSON.stringify(Object.fromEntries(ctx.session)), 'json');
    const v = args[arg.name];
    return v === undefined || v === null ? `NULL::${arg.sqlType}` : ctx.p.add(toParam(v, arg), arg.sqlType);
  });
  return `${ident(cf.fn.schema)}.${ident(cf.fn.name)}(${parts.join(', ')})`;
}
