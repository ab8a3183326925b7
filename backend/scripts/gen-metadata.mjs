#!/usr/bin/env node
// Writes backend/hasura/metadata (Hasura metadata v3, the CLI's directory
// layout) from metadata-spec.mjs. With --check it writes nothing and exits 1
// when a committed file differs from what the spec gives.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { tables } from './metadata-spec.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../hasura/metadata');
const check = process.argv.includes('--check');

const y = (doc) => YAML.stringify(doc, { lineWidth: 0, nullStr: 'null', aliasDuplicateObjects: false });

function tableDoc(t) {
  const doc = { table: { name: t.name, schema: 'public' } };
  if (t.is_enum) doc.is_enum = true;
  const rel = (kind) => t.relationships.filter((r) => r.kind === kind).map(({ name, using }) => ({ name, using }));
  if (rel('object').length) doc.object_relationships = rel('object');
  if (rel('array').length) doc.array_relationships = rel('array');
  const perm = (list, body) => list.map((p) => ({ role: p.role, permission: body(p), comment: p.comment ?? '' }));
  if (t.insert) {
    doc.insert_permissions = perm(t.insert, (p) => ({ check: p.check, ...(p.set ? { set: p.set } : {}), columns: p.columns }));
  }
  if (t.select) {
    doc.select_permissions = perm(t.select, (p) => ({
      columns: p.columns, filter: p.filter, ...(p.allow_aggregations ? { allow_aggregations: true } : {}),
    }));
  }
  if (t.update) doc.update_permissions = perm(t.update, (p) => ({ columns: p.columns, filter: p.filter, check: p.check }));
  if (t.delete) doc.delete_permissions = perm(t.delete, (p) => ({ filter: p.filter }));
  return doc;
}

const files = {
  'version.yaml': y({ version: 3 }),
  'databases/databases.yaml': y([{
    name: 'masterbots',
    kind: 'postgres',
    configuration: {
      connection_info: {
        database_url: { from_env: 'HASURA_GRAPHQL_DATABASE_URL' },
        isolation_level: 'read-committed',
        use_prepared_statements: false,
      },
    },
    tables: '!include masterbots/tables/tables.yaml',
  }]),
  'databases/masterbots/tables/tables.yaml': y(tables.map((t) => `!include public_${t.name}.yaml`)),
  'actions.graphql': '',
  'actions.yaml': y({ actions: [], custom_types: { enums: [], input_objects: [], objects: [], scalars: [] } }),
  'allow_list.yaml': '[]\n',
  'api_limits.yaml': '{}\n',
  'backend_configs.yaml': '{}\n',
  'cron_triggers.yaml': '[]\n',
  'graphql_schema_introspection.yaml': y({ disabled_for_roles: [] }),
  'inherited_roles.yaml': '[]\n',
  'metrics_config.yaml': '{}\n',
  'network.yaml': '{}\n',
  'opentelemetry.yaml': '{}\n',
  'query_collections.yaml': '[]\n',
  'remote_schemas.yaml': '[]\n',
  'rest_endpoints.yaml': '[]\n',
};
for (const t of tables) files[`databases/masterbots/tables/public_${t.name}.yaml`] = y(tableDoc(t));

let bad = 0;
for (const [rel, text] of Object.entries(files)) {
  const file = path.join(root, rel);
  if (check) {
    const have = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (have !== text) { console.error(`metadata out of date: ${rel}`); bad++; }
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
// Files in the table folder that the spec does not produce are stale.
const tdir = path.join(root, 'databases/masterbots/tables');
for (const f of fs.existsSync(tdir) ? fs.readdirSync(tdir) : []) {
  if (!files[`databases/masterbots/tables/${f}`]) {
    if (check) { console.error(`stale metadata file: ${f}`); bad++; } else fs.unlinkSync(path.join(tdir, f));
  }
}
if (check) process.exit(bad ? 1 : 0);
console.log(`wrote ${Object.keys(files).length} files under ${path.relative(process.cwd(), root)}`);
