#!/usr/bin/env node
// Generates a large, deterministic benchmark dataset in a migrated and seeded
// Masterbots database: users, threads across the catalogue's chatbots, and
// messages (default 100k across 5k threads). Rows are marked (usernames
// bench_user_N, slugs bench-…) so that --clear removes exactly them.
// Usage: node backend/scripts/gen-dataset.mjs [--url URL] [--users N] [--threads N]
//          [--messages N] [--seed N] [--clear]
// URL defaults to MB_PG_URL, else backend/local's default database.
import pg from 'pg';

const opts = { users: 200, threads: 5000, messages: 100000, seed: 1, clear: false,
  url: process.env.MB_PG_URL || 'postgres://postgres@127.0.0.1:54320/masterbots' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--clear') { opts.clear = true; continue; }
  const m = /^--(url|users|threads|messages|seed)$/.exec(a);
  if (!m || i + 1 >= argv.length) {
    console.error(`gen-dataset: bad argument '${a}'\nusage: gen-dataset.mjs [--url URL] [--users N] [--threads N] [--messages N] [--seed N] [--clear]`);
    process.exit(2);
  }
  const v = argv[++i];
  if (m[1] === 'url') opts.url = v;
  else if (!/^\d+$/.test(v)) { console.error(`gen-dataset: --${m[1]} needs a whole number, got '${v}'`); process.exit(2); }
  else opts[m[1]] = Number(v);
}
if (!opts.clear && (opts.users < 1 || opts.threads < 1 || opts.messages < opts.threads)) {
  console.error('gen-dataset: need at least one user, one thread, and at least as many messages as threads');
  process.exit(2);
}

// mulberry32: a small seeded PRNG, so the same arguments give the same data.
let state = opts.seed >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(rand() * list.length)];
const uuid = () => {
  const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  h[12] = '4'; h[16] = '89ab'[Math.floor(rand() * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

const WORDS = ('how why what when should could explain compare improve plan budget learn code sleep travel invest ' +
  'health legal contract garden recipe language exercise career resume stock tax rent energy music movie history ' +
  'science python network router security privacy habit focus memory diet protein muscle interview salary').split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

const client = new pg.Client({ connectionString: opts.url });
try {
  await client.connect();
} catch (e) {
  console.error(`gen-dataset: cannot connect to ${opts.url}: ${e.message} (start it with: backend/local db up)`);
  process.exit(1);
}
const t0 = Date.now();
try {
  await client.query('BEGIN');
  const cleared = await client.query("DELETE FROM public.thread WHERE slug LIKE 'bench-%'");
  await client.query("DELETE FROM public.preference WHERE user_id IN (SELECT user_id FROM public.\"user\" WHERE username LIKE 'bench\\_user\\_%')");
  await client.query("DELETE FROM public.\"user\" WHERE username LIKE 'bench\\_user\\_%'");
  if (opts.clear) {
    await client.query('COMMIT');
    console.log(`gen-dataset: removed ${cleared.rowCount} benchmark threads (and their messages and users)`);
    process.exit(0);
  }
  const bots = (await client.query('SELECT chatbot_id FROM public.chatbot ORDER BY chatbot_id')).rows.map((r) => r.chatbot_id);
  const models = (await client.query('SELECT name, value FROM public.models_enum ORDER BY name')).rows;
  if (!bots.length) throw new Error('no chatbots: load the seeds first (backend/local db up)');
  // Triggers off for this session only (bulk load); updated_at is set below.
  await client.query("SET LOCAL session_replication_role = 'replica'");

  const hash = (await client.query("SELECT crypt('bench-password', gen_salt('bf', 4)) AS h")).rows[0].h;
  const users = Array.from({ length: opts.users }, (_, i) => ({ id: uuid(), n: i + 1 }));
  await client.query(`INSERT INTO public."user" (user_id, username, email, password, slug, date_joined)
    SELECT id, 'bench_user_' || n, 'bench_user_' || n || '@example.test', $3, 'bench-user-' || n,
           now() - make_interval(days => n % 365)
    FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`, [users.map((u) => u.id), users.map((u) => u.n), hash]);

  const base = Date.parse('2025-01-01T00:00:00Z');
  const threads = Array.from({ length: opts.threads }, (_, i) => {
    const model = pick(models);
    return {
      id: uuid(), slug: `bench-t-${i + 1}`, user: pick(users).id, bot: pick(bots), model: model.name, modelValue: model.value,
      pub: rand() < 0.7, approved: rand() < 0.6, at: base + Math.floor(rand() * 300 * 86400e3),
    };
  });
  for (let i = 0; i < threads.length; i += 5000) {
    const b = threads.slice(i, i + 5000);
    await client.query(`INSERT INTO public.thread (thread_id, slug, user_id, chatbot_id, model, is_public, is_approved, created_at, updated_at)
      SELECT id, slug, u, c, m, p, a, t, t FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::text[], $6::bool[], $7::bool[], $8::timestamptz[])
        AS x(id, slug, u, c, m, p, a, t)`,
    [b.map((t) => t.id), b.map((t) => t.slug), b.map((t) => t.user), b.map((t) => t.bot), b.map((t) => t.model),
      b.map((t) => t.pub), b.map((t) => t.approved), b.map((t) => new Date(t.at).toISOString())]);
  }

  // Every thread gets at least one message; the rest are spread at random.
  const perThread = threads.map(() => 1);
  for (let i = threads.length; i < opts.messages; i++) perThread[Math.floor(rand() * threads.length)]++;
  let batch = [];
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    await client.query(`INSERT INTO public.message (message_id, thread_id, slug, role, content, model, created_at)
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])`,
    [batch.map((m) => m.id), batch.map((m) => m.thread), batch.map((m) => m.slug), batch.map((m) => m.role),
      batch.map((m) => m.content), batch.map((m) => m.model), batch.map((m) => m.at)]);
    batch = [];
  };
  for (let t = 0; t < threads.length; t++) {
    const th = threads[t];
    for (let k = 0; k < perThread[t]; k++) {
      n++;
      const user = k % 2 === 0;
      batch.push({
        id: uuid(), thread: th.id, slug: `bench-m-${n}`, role: user ? 'user' : 'assistant',
        content: user ? `${sentence(6 + Math.floor(rand() * 10))}?` : `${sentence(30 + Math.floor(rand() * 90))}.`,
        model: th.modelValue, at: new Date(th.at + k * 30e3).toISOString(),
      });
      if (batch.length >= 5000) await flush();
    }
  }
  await flush();
  await client.query(`UPDATE public.thread t SET updated_at = m.last
    FROM (SELECT thread_id, max(created_at) AS last FROM public.message WHERE slug LIKE 'bench-m-%' GROUP BY thread_id) m
    WHERE t.thread_id = m.thread_id`);
  await client.query('COMMIT');
  await client.query('ANALYZE public."user", public.thread, public.message');
  console.log(`gen-dataset: ${users.length} users, ${threads.length} threads, ${n} messages in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
    (cleared.rowCount ? ` (replaced ${cleared.rowCount} earlier benchmark threads)` : ''));
} catch (e) {
  await client.query('ROLLBACK').catch(() => {});
  console.error(`gen-dataset: ${e.message}; nothing was changed`);
  process.exitCode = 1;
} finally {
  await client.end();
}
