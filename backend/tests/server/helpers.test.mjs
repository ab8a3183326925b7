// Pure helpers: naming conventions, numeric literal rendering, JSON paths, Hasura's error mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { camel, pascal, makeNaming } from '../../server/naming.mjs';
import { scientificShow, plainDecimal } from '../../server/normalize.mjs';
import { numericBinaryScale } from '../../server/sqlparams.mjs';
import { parseJsonPath } from '../../server/select.mjs';
import { fromPgError } from '../../server/errors.mjs';

test('graphql-default names (SCHEMA.md §0)', () => {
  const N = makeNaming('graphql-default');
  assert.equal(N.f('chatbot_id'), 'chatbotId');
  assert.equal(N.f('insert_thread_one'), 'insertThreadOne');
  assert.equal(N.f('update_user_token_by_pk'), 'updateUserTokenByPk');
  assert.equal(N.t('chatbot', 'bool_exp'), 'ChatbotBoolExp');
  assert.equal(N.t('models_enum', 'enum'), 'ModelsEnumEnum');
  assert.equal(N.cmp('timestamptz'), 'TimestamptzComparisonExp');
  assert.equal(N.shared('order_by'), 'OrderBy');
  assert.equal(N.ev('desc_nulls_last'), 'DESC_NULLS_LAST');
  assert.equal(N.op('_has_keys_all'), '_hasKeysAll');
  assert.equal(camel('isContinued'), 'isContinued');
  assert.equal(pascal('social_following'), 'SocialFollowing');
});

test('hasura-default names are the database names', () => {
  const N = makeNaming('hasura-default');
  assert.equal(N.f('chatbot_id'), 'chatbot_id');
  assert.equal(N.t('author', 'bool_exp'), 'author_bool_exp');
  assert.equal(N.cmp('Int'), 'Int_comparison_exp');
  assert.equal(N.op('_is_null'), '_is_null');
});

test('numeric literals as Hasura writes them', () => {
  assert.equal(scientificShow('-1.1'), '-1.1');
  assert.equal(scientificShow('-1E-30'), '-1.0e-30');
  assert.equal(scientificShow('12345.67'), '12345.67');
  assert.equal(scientificShow('0.05'), '5.0e-2');
  assert.equal(scientificShow('10000000'), '1.0e7');
  assert.equal(plainDecimal('-2E-2'), '-0.02');
  assert.equal(plainDecimal('1.5e3'), '1500');
  assert.equal(numericBinaryScale('12345.67'), '12345.6700');
  assert.equal(numericBinaryScale('1.23456'), '1.23456000');
  assert.equal(numericBinaryScale('42'), '42');
});

test('json path arguments', () => {
  assert.deepEqual(parseJsonPath('$.obj.c1'), ['obj', 'c1']);
  assert.deepEqual(parseJsonPath('obj.c1'), ['obj', 'c1']);
  assert.deepEqual(parseJsonPath('$.arr[0]'), ['arr', '0']);
  assert.deepEqual(parseJsonPath('$["hello world!"]'), ['hello world!']);
  assert.deepEqual(parseJsonPath("$.objs[0]['你好']"), ['objs', '0', '你好']);
});

test('Postgres errors map to Hasura codes and prefixes', () => {
  const m = (code, message = 'm') => fromPgError({ code, message }, '$.x');
  assert.deepEqual([m('23505').code, m('23505').message, m('23505').path], ['constraint-violation', 'Uniqueness violation. m', '$.x']);
  assert.equal(m('23503').message, 'Foreign key violation. m');
  assert.equal(m('23502').message, 'Not-NULL violation. m');
  assert.deepEqual([m('23514').code, m('23514').message], ['permission-error', 'Check constraint violation. m']);
  assert.equal(m('22P02').code, 'data-exception');
  assert.equal(m('22025').code, 'bad-request');
  assert.equal(m('40001').code, 'concurrent-update');
});
