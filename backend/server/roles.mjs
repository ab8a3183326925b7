// What a role may do with each tracked table, derived from the metadata permissions.
// Admin may do everything. A role without a select permission does not see the table.

const cols = (t, list) => (list === '*' ? t.columns.map((c) => c.name) : (list || []).filter((c) => t.colByName.has(c)));

export function roleView(model, role) {
  const admin = role === 'admin';
  const views = new Map();
  for (const t of model.tables.values()) {
    const v = { t, sel: null, ins: null, upd: null, del: null };
    if (admin) {
      const all = t.columns.map((c) => c.name);
      v.sel = { cols: new Set(all), filter: {}, agg: true, limit: null, computed: new Set(t.computed.map((c) => c.name)) };
      v.ins = { cols: new Set(all), check: {}, set: {} };
      v.upd = { cols: new Set(all), filter: {}, check: null, set: {} };
      v.del = { filter: {} };
    } else {
      const s = t.perms.select.get(role);
      // scalar computed fields are granted by name; table-returning ones follow the returned table's permission
      if (s) v.sel = { cols: new Set(cols(t, s.columns)), filter: s.filter || {}, agg: !!s.allow_aggregations, limit: s.limit ?? null, computed: new Set([...(s.computed_fields || []), ...t.computed.filter((c) => c.returnsTable).map((c) => c.name)]) };
      const i = t.perms.insert.get(role);
      // an insert permission without `columns` allows every column (Hasura's default for that key)
      if (i) v.ins = { cols: new Set(cols(t, i.columns === undefined ? '*' : i.columns)), check: i.check || {}, set: i.set || {} };
      const u = t.perms.update.get(role);
      if (u) v.upd = { cols: new Set(cols(t, u.columns)), filter: u.filter || {}, check: u.check ?? null, set: u.set || {} };
      const d = t.perms.delete.get(role);
      if (d) v.del = { filter: d.filter || {} };
    }
    views.set(t.key, v);
  }
  return views;
}

export function allRoles(model) {
  const roles = new Set();
  for (const t of model.tables.values()) for (const k of ['select', 'insert', 'update', 'delete']) for (const r of t.perms[k].keys()) roles.add(r);
  return roles;
}
