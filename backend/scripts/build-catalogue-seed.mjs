#!/usr/bin/env node
// Builds hasura/seeds/masterbots/1700000100001_catalogue.sql from Masterbots'
// public catalogue (seed-config.sql in ../shared/reference/masterbots, MIT).
// That file predates the current schema: its INSERTs are positional and its
// enum rows lack the NOT NULL prompt column. This script reads the values
// and writes inserts with explicit columns for the schema of our migrations,
// adds the enum prompts, the values the current app uses (complexity
// 'general', type 'mix'), chatbot/category order, domains and models.
// Usage: node backend/scripts/build-catalogue-seed.mjs [SEED_CONFIG] [OUT]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const src = process.argv[2] ?? path.resolve(repo, '../shared/reference/masterbots/seed-config.sql');
const out = process.argv[3] ?? path.join(repo, 'backend/hasura/seeds/masterbots/1700000100001_catalogue.sql');

// --- read the positional INSERTs -------------------------------------------
// Values are SQL literals: '...' strings ('' escapes a quote), numbers, NULL.
function parseValues(text, start) {
  const vals = [];
  let i = start;
  for (;;) {
    while (/\s/.test(text[i])) i++;
    if (text[i] === "'") {
      let s = '';
      i++;
      for (;;) {
        if (text[i] === undefined) throw new Error('unterminated string');
        if (text[i] === "'") {
          if (text[i + 1] === "'") { s += "'"; i += 2; continue; }
          i++; break;
        }
        s += text[i++];
      }
      vals.push(s);
    } else {
      const m = /^(NULL|true|false|-?\d+(?:\.\d+)?)/i.exec(text.slice(i));
      if (!m) throw new Error(`unexpected literal at ${text.slice(i, i + 30)}`);
      const w = m[1];
      vals.push(/^null$/i.test(w) ? null : /^(true|false)$/i.test(w) ? w === 'true' : Number(w));
      i += w.length;
    }
    while (/\s/.test(text[i])) i++;
    if (text[i] === ',') { i++; continue; }
    if (text[i] === ')') return { vals, end: i + 1 };
    throw new Error(`expected , or ) at ${text.slice(i, i + 30)}`);
  }
}

function readInserts(text) {
  const rows = {};
  const re = /INSERT INTO public\.(\w+) VALUES \(/g;
  let m;
  while ((m = re.exec(text))) {
    const { vals, end } = parseValues(text, re.lastIndex);
    (rows[m[1]] ??= []).push(vals);
    re.lastIndex = end;
  }
  return rows;
}

const rows = readInserts(fs.readFileSync(src, 'utf8'));
const need = ['message_type_enum', 'prompt_type_enum', 'complexity_enum', 'length_enum', 'tone_enum',
  'type_enum', 'category', 'chatbot', 'chatbot_category', 'prompt', 'prompt_chatbot'];
for (const t of need) if (!rows[t]?.length) throw new Error(`no rows for ${t} in ${src}`);

// --- additions written for this project ------------------------------------
// Each enum value carries the instruction the app appends to the chatbot's prompt.
const enumPrompts = {
  complexity_enum: {
    general: 'Answer for a general audience: accurate, plain language, technical terms explained when they are needed.',
    expert: 'Answer as one expert to another: precise terminology, depth, edge cases and references to the state of the art.',
    adult: 'Answer for an educated adult who is not a specialist: complete and correct, with jargon kept to a minimum.',
    eli5: 'Explain it as to a five-year-old: short sentences, everyday words and a simple comparison.',
  },
  length_enum: {
    detailed: 'Give a thorough answer that covers the background, the reasoning and practical details.',
    clear_and_succinct: 'Be clear and succinct: the key points in a few short paragraphs or a short list.',
    concise: 'Be concise: answer in two or three sentences.',
    neutral: 'Choose the length that the question calls for.',
  },
  tone_enum: {
    professional: 'Use a professional, courteous tone.',
    neutral: 'Use a neutral, matter-of-fact tone.',
    friendly: 'Use a warm, friendly and encouraging tone.',
  },
  type_enum: {
    mix: 'Combine short paragraphs, lists and steps as suits each part of the answer.',
    narrative: 'Write the answer as flowing prose.',
    step_by_step: 'Structure the answer as numbered steps.',
    bullet_points: 'Structure the answer as bullet points.',
    neutral: 'Use whatever structure fits the question best.',
  },
};
for (const t of Object.keys(enumPrompts)) {
  for (const [value] of rows[t]) {
    if (!enumPrompts[t][value]) throw new Error(`no prompt text written for ${t} value '${value}'`);
  }
}

// Domains (chatbot_domain is the chatbot.metadata relationship) — made up for
// the demo, one per catalogue category.
const categoryDomain = {
  'Healthcare': 'Health & Medicine', 'Money & Finance': 'Personal Finance', 'Technology': 'Computer Science',
  'Education & Learning': 'Education', 'Career': 'Careers', 'Science & Curiosity': 'Science',
  'Traveling & Living': 'Travel', 'Pop Culture & Media': 'Media & Entertainment', 'Homecare': 'Home & DIY',
  'Legal': 'Law', 'Natural Health': 'Natural Health', 'Other': 'General Knowledge',
};

// models rows: one per models_enum value (the enum rows are in the migration).
const models = [
  ['gpt-4o-mini', false, 'free'], ['gpt-4.1-mini-2025-04-14', true, 'free'],
  ['gpt-4.1-nano-2025-04-14', true, 'free'], ['gpt-4.1-2025-04-14', true, 'paid'],
  ['o4-mini-2025-04-16', true, 'paid'], ['claude-3-7-sonnet-20250219', true, 'paid'],
  ['llama3_7B', false, 'free'], ['llama-3-sonar-large-32k-online', false, 'paid'],
  ['deepseek-r1', true, 'pro'], ['deepseek-r1-distill-llama-70b', true, 'free'],
  ['gemini_2_0_flash_lite', true, 'free'], ['gemini-2.5-flash-preview-04-17', true, 'free'],
  ['gemini-2.5-pro-preview-03-25', true, 'pro'], ['gemini-2.0-flash-exp', false, 'pro'],
  ['gpt-image-1', false, 'pro'], ['dall-e-2', false, 'paid'], ['dall-e-3', false, 'pro'],
];

// --- write ---------------------------------------------------------------------
const lit = (v) => v === null ? 'NULL' : typeof v === 'number' || typeof v === 'boolean'
  ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
const lines = [];
const emit = (s) => lines.push(s);
function insert(table, cols, list, conflict) {
  if (!list.length) return;
  emit(`INSERT INTO public.${table} (${cols.join(', ')}) VALUES`);
  emit(list.map((r) => `  (${r.map(lit).join(', ')})`).join(',\n'));
  emit(`ON CONFLICT ${conflict} DO NOTHING;\n`);
}

emit('-- Masterbots public catalogue, adapted to the current schema.');
emit('-- GENERATED by backend/scripts/build-catalogue-seed.mjs from seed-config.sql of');
emit('-- bitcashorg/masterbots (MIT, Copyright (c) 2023 Bitcash); do not edit by hand.');
emit('-- Enum prompts, the general/mix values, order, domains and models are this project\'s.\n');

insert('message_type_enum', ['value'], rows.message_type_enum, '(value)');
insert('prompt_type_enum', ['value'], rows.prompt_type_enum, '(value)');
for (const t of Object.keys(enumPrompts)) {
  insert(t, ['value', 'prompt'], Object.entries(enumPrompts[t]), '(value)');
}

const cats = rows.category.map(([id, name], i) => [id, name, i + 1]);
insert('category', ['category_id', 'name', '"order"'], cats, '(category_id)');
emit("SELECT setval('public.category_category_id_seq', (SELECT max(category_id) FROM public.category));\n");

const bots = rows.chatbot.map((r, i) => {
  if (r.length !== 9) throw new Error(`chatbot row with ${r.length} values: ${r[1]}`);
  return [...r, false, i + 1];
});
insert('chatbot', ['chatbot_id', 'name', 'description', 'avatar', 'created_by', 'default_tone', 'default_length',
  'default_type', 'default_complexity', 'is_pro', '"order"'], bots, '(chatbot_id)');
emit("SELECT setval('public.chatbot_chatbot_id_seq', (SELECT max(chatbot_id) FROM public.chatbot));\n");

insert('chatbot_category', ['chatbot_id', 'category_id'], rows.chatbot_category, '(chatbot_id, category_id)');

const catName = new Map(rows.category.map(([id, name]) => [id, name]));
const domains = [...new Set(Object.values(categoryDomain))];
insert('domain_enum', ['name'], domains.map((d) => [d]), '(name)');
const botDomains = rows.chatbot_category.map(([bot, cat]) => {
  const d = categoryDomain[catName.get(cat)];
  if (!d) throw new Error(`no domain for category ${cat}`);
  return [bot, d];
});
insert('chatbot_domain', ['chatbot_id', 'domain_name'], botDomains, '(chatbot_id, domain_name)');

insert('prompt', ['content', 'type', 'prompt_id', 'prompt_name'], rows.prompt, '(prompt_id)');
emit("SELECT setval('public.prompt_prompt_id_seq', (SELECT max(prompt_id) FROM public.prompt));\n");
insert('prompt_chatbot', ['prompt_id', 'chabot_id'], rows.prompt_chatbot, '(prompt_id, chabot_id)');

insert('models', ['model', 'enabled', 'type'], models, '(model)');

fs.writeFileSync(out, lines.join('\n'));
console.log(`wrote ${path.relative(process.cwd(), out)}: ${cats.length} categories, ${bots.length} chatbots, ` +
  `${rows.prompt.length} prompts, ${rows.prompt_chatbot.length} prompt links, ${models.length} models`);
