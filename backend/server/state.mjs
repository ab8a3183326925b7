// Server state: the database pool, the metadata, and the model/schemas derived from them.
// Schemas are built per role on first use and dropped whenever the metadata changes.
import { loadCatalog } from './catalog.mjs';
import { buildModel, loadEnumRows } from './model.mjs';
import { buildSchema } from './schema.mjs';
import { roleView } from './roles.mjs';
import { makeNaming } from './naming.mjs';

export class ServerState {
  constructor({ pool, metadata, naming, stringify, adminSecret, jwt, unauthorizedRole }) {
    this.pool = pool;
    this.metadata = metadata;
    this.N = makeNaming(naming);
    this.stringify = stringify;
    this.adminSecret = adminSecret;
    this.jwt = jwt;
    this.unauthorizedRole = unauthorizedRole;
    this.model = null;
    this.cache = new Map();
    this.version = 0;
    this.listeners = new Set();
  }

  async reload() {
    const fns = [];
    for (const e of this.metadata.tables.values()) {
      for (const cf of e.computed_fields || []) {
        const f = cf.definition?.function;
        fns.push(typeof f === 'string' ? `public.${f}` : `${f?.schema || 'public'}.${f?.name}`);
      }
    }
    for (const f of this.metadata.functions || []) fns.push(`${f.function.schema}.${f.function.name}`);
    const catalog = await loadCatalog(this.pool, fns);
    const enums = await loadEnumRows(this.pool, this.metadata, catalog);
    this.model = buildModel(this.metadata, catalog, enums);
    this.cache.clear();
    this.version += 1;
    for (const l of this.listeners) l();
  }

  forRole(role) {
    let c = this.cache.get(role);
    if (!c) {
      c = { schema: buildSchema(this.model, role, this.N), views: roleView(this.model, role) };
      this.cache.set(role, c);
    }
    return c;
  }
}

// Live queries poll; a local mutation makes them re-run at once instead of at the next tick.
ServerState.prototype.notifyChange = function notifyChange() {
  for (const l of this.changeListeners || []) l();
};
