// The Hasura metadata of backend/hasura/metadata, as data: tracked tables,
// relationships (named as Masterbots names them) and permissions per role.
// gen-metadata.mjs writes the YAML from it; a test checks they agree.
// Deliberate differences from production are marked FIX (see backend/README.md).

const U = 'X-Hasura-User-Id';
const own = { user_id: { _eq: U } };
const publicApproved = { _and: [{ is_public: { _eq: true } }, { is_approved: { _eq: true } }] };

// Relationship helpers: obj(name, column) follows a local FK column;
// objRemote/arr follow a FK on another table; manual gives a column mapping.
const obj = (name, column) => ({ kind: 'object', name, using: { foreign_key_constraint_on: column } });
const objRemote = (name, table, column) => ({
  kind: 'object', name, using: { foreign_key_constraint_on: { column, table: { name: table, schema: 'public' } } },
});
const arr = (name, table, column) => ({
  kind: 'array', name, using: { foreign_key_constraint_on: { column, table: { name: table, schema: 'public' } } },
});
const manual = (kind, name, table, mapping) => ({
  kind, name, using: { manual_configuration: { column_mapping: mapping, insertion_order: null, remote_table: { name: table, schema: 'public' } } },
});

// The same read permission for the three roles (catalogue tables).
const readAll = (columns, aggregations = false) => ['anonymous', 'moderator', 'user'].map((role) => ({
  role, columns, filter: {}, ...(aggregations ? { allow_aggregations: true } : {}),
}));

const enumRels = (col) => [arr('chatbots', 'chatbot', `default_${col}`), arr('preferences', 'preference', `preferred_${col}`)];

const THREAD_COLS = ['chatbot_id', 'created_at', 'is_approved', 'is_blocked', 'is_pro', 'is_public', 'metadata', 'model',
  'parent_thread_id', 'short_link', 'slug', 'thread_id', 'updated_at', 'user_id'];
const THREAD_INSERT = THREAD_COLS.filter((c) => c !== 'metadata');
const MESSAGE_COLS = ['augmented_from', 'content', 'created_at', 'examples', 'isContinued', 'message_id', 'model', 'prompt',
  'role', 'short_link', 'slug', 'thinking', 'thinking_traces', 'thread_id'];
const USER_ANON = ['bio', 'date_joined', 'deletion_requested_at', 'email', 'favourite_topic', 'is_verified', 'last_login',
  'pro_user_subscription_id', 'profile_picture', 'role', 'slug', 'user_id', 'username'];
const USER_FULL = [...USER_ANON, 'get_free_month', 'is_blocked'].sort();
const PREF_COLS = ['chatbot_id', 'deep_expertise', 'favorite', 'preference_id', 'preferred_complexity', 'preferred_length',
  'preferred_tone', 'preferred_type', 'user_id', 'web_search'];
const PREF_WRITE = ['deep_expertise', 'favorite', 'preferred_complexity', 'preferred_length', 'preferred_tone',
  'preferred_type', 'web_search'];
const FOLLOW_COLS = ['followee_id', 'followee_id_chatbot', 'follower_id'];
const followCheck = { _and: [{ follower_id: { _eq: U } }, { followee_id: { _neq: U } }] };

export const tables = [
  {
    name: 'category',
    relationships: [arr('chatbots', 'chatbot_category', 'category_id')],
    select: readAll(['category_id', 'name', 'order'], true),
  },
  {
    name: 'chatbot',
    relationships: [
      obj('complexityEnum', 'default_complexity'), obj('lengthEnum', 'default_length'),
      obj('toneEnum', 'default_tone'), obj('typeEnum', 'default_type'),
      arr('categories', 'chatbot_category', 'chatbot_id'), arr('followers', 'social_following', 'followee_id_chatbot'),
      arr('metadata', 'chatbot_domain', 'chatbot_id'), arr('preferences', 'preference', 'chatbot_id'),
      arr('prompts', 'prompt_chatbot', 'chabot_id'), arr('threads', 'thread', 'chatbot_id'),
    ],
    select: readAll(['avatar', 'chatbot_id', 'created_by', 'default_complexity', 'default_length', 'default_tone',
      'default_type', 'description', 'disabled', 'is_pro', 'name', 'order', 'pro_exclusive'], true),
  },
  {
    name: 'chatbot_category',
    relationships: [obj('category', 'category_id'), obj('chatbot', 'chatbot_id')],
    select: readAll(['category_id', 'chatbot_id']),
  },
  {
    name: 'chatbot_domain',
    relationships: [obj('chatbot', 'chatbot_id'), obj('domain', 'domain_name')],
    select: [
      { role: 'anonymous', columns: ['chatbot_id', 'domain_name'], filter: {} },
      { role: 'moderator', columns: ['chatbot_id', 'domain_name'], filter: {}, allow_aggregations: true },
      { role: 'user', columns: ['chatbot_id', 'domain_name'], filter: {}, allow_aggregations: true },
    ],
  },
  { name: 'complexity_enum', relationships: enumRels('complexity'), select: readAll(['prompt', 'value']) },
  {
    name: 'domain_enum',
    relationships: [arr('chatbot', 'chatbot_domain', 'domain_name')],
    select: readAll(['added', 'name']),
  },
  { name: 'length_enum', relationships: enumRels('length'), select: readAll(['prompt', 'value']) },
  {
    name: 'message',
    relationships: [
      obj('message', 'augmented_from'), obj('messageTypeEnum', 'role'),
      manual('object', 'modelType', 'models_enum', { model: 'name' }), obj('thread', 'thread_id'),
      arr('messages', 'message', 'augmented_from'),
    ],
    // FIX: production lets every role read every message; here the messages
    // of a thread are readable by whoever may read the thread.
    select: [
      { role: 'anonymous', columns: MESSAGE_COLS, filter: { thread: publicApproved }, allow_aggregations: true },
      { role: 'moderator', columns: MESSAGE_COLS, filter: {}, allow_aggregations: true },
      { role: 'user', columns: MESSAGE_COLS, filter: { thread: { _or: [own, publicApproved] } }, allow_aggregations: true },
    ],
    insert: [
      { role: 'moderator', columns: MESSAGE_COLS, check: {} },
      { role: 'user', columns: MESSAGE_COLS, check: { thread: own } },
    ],
    update: [
      { role: 'moderator', columns: ['content', 'short_link'], filter: {}, check: null },
      { role: 'user', columns: ['content', 'short_link'], filter: { thread: own }, check: null },
    ],
    delete: [{ role: 'moderator', filter: {} }, { role: 'user', filter: { thread: own } }],
  },
  {
    name: 'message_type_enum',
    relationships: [arr('messages', 'message', 'role')],
    select: readAll(['value']),
  },
  {
    name: 'models',
    relationships: [obj('model_data', 'model')],
    select: readAll(['enabled', 'model', 'type']),
  },
  {
    name: 'models_enum',
    is_enum: true,
    relationships: [manual('object', 'model_data', 'models', { value: 'model' }), arr('threads', 'thread', 'model')],
    select: readAll(['name', 'value']),
  },
  {
    name: 'preference',
    relationships: [
      obj('chatbot', 'chatbot_id'), obj('complexityEnum', 'preferred_complexity'), obj('lengthEnum', 'preferred_length'),
      obj('toneEnum', 'preferred_tone'), obj('typeEnum', 'preferred_type'), obj('user', 'user_id'),
    ],
    select: readAll(PREF_COLS),
    insert: [
      { role: 'moderator', columns: [...PREF_WRITE, 'user_id'].sort(), check: {} },
      { role: 'user', columns: [...PREF_WRITE, 'user_id'].sort(), check: {} },
    ],
    update: [
      { role: 'moderator', columns: PREF_WRITE, filter: {}, check: null },
      { role: 'user', columns: PREF_WRITE, filter: own, check: null },
    ],
  },
  {
    name: 'prompt',
    relationships: [obj('promptTypeEnum', 'type'), arr('chatbots', 'prompt_chatbot', 'prompt_id')],
    select: readAll(['content', 'prompt_id', 'prompt_name', 'type']),
  },
  {
    name: 'prompt_chatbot',
    relationships: [obj('chatbot', 'chabot_id'), obj('prompt', 'prompt_id')],
    select: readAll(['chabot_id', 'prompt_id']),
  },
  {
    name: 'prompt_type_enum',
    relationships: [arr('prompts', 'prompt', 'type')],
    select: readAll(['value']),
  },
  {
    name: 'social_following',
    relationships: [obj('chatbot', 'followee_id_chatbot'), obj('user', 'followee_id'), obj('userByFollowerId', 'follower_id')],
    select: [
      { role: 'anonymous', columns: ['created_at', ...FOLLOW_COLS], filter: {} },
      { role: 'moderator', columns: ['created_at', ...FOLLOW_COLS], filter: {} },
      { role: 'user', columns: FOLLOW_COLS, filter: { _or: [{ follower_id: { _eq: U } }, { followee_id: { _neq: U } }] } },
    ],
    insert: [
      { role: 'moderator', columns: FOLLOW_COLS, check: followCheck },
      { role: 'user', columns: FOLLOW_COLS, check: followCheck },
    ],
    update: [
      { role: 'moderator', columns: FOLLOW_COLS, filter: followCheck, check: null },
      { role: 'user', columns: FOLLOW_COLS, filter: followCheck, check: null },
    ],
    delete: [{ role: 'moderator', filter: { follower_id: { _eq: U } } }, { role: 'user', filter: { follower_id: { _eq: U } } }],
  },
  {
    name: 'thread',
    relationships: [
      obj('chatbot', 'chatbot_id'), obj('modelsEnum', 'model'), obj('thread', 'parent_thread_id'), obj('user', 'user_id'),
      arr('messages', 'message', 'thread_id'), arr('threads', 'thread', 'parent_thread_id'),
    ],
    // FIX: production's filter is {} for every role (privacy only in the client).
    select: [
      { role: 'anonymous', columns: THREAD_COLS, filter: publicApproved, allow_aggregations: true },
      { role: 'moderator', columns: THREAD_COLS, filter: {}, allow_aggregations: true },
      { role: 'user', columns: THREAD_COLS, filter: { _or: [own, publicApproved] }, allow_aggregations: true },
    ],
    insert: [
      { role: 'moderator', columns: THREAD_INSERT, check: {}, set: { user_id: 'x-hasura-user-Id' } },
      { role: 'user', columns: THREAD_INSERT, check: {}, set: { user_id: 'x-hasura-user-Id' } },
    ],
    update: [
      {
        role: 'moderator', columns: THREAD_INSERT.filter((c) => !['is_pro', 'slug'].includes(c)), filter: {}, check: {},
        comment: 'Allows moderators to approve or block any thread',
      },
      {
        role: 'user', columns: THREAD_INSERT.filter((c) => !['is_pro', 'slug', 'is_approved'].includes(c)),
        filter: own, check: {},
      },
    ],
    delete: [{ role: 'moderator', filter: {} }, { role: 'user', filter: own }],
  },
  { name: 'tone_enum', relationships: enumRels('tone'), select: readAll(['prompt', 'value']) },
  { name: 'type_enum', relationships: enumRels('type'), select: readAll(['prompt', 'value']) },
  {
    name: 'user',
    relationships: [
      objRemote('preference', 'preference', 'user_id'),
      arr('followers', 'social_following', 'followee_id'), arr('following', 'social_following', 'follower_id'),
      arr('preferences', 'preference', 'user_id'), arr('threads', 'thread', 'user_id'),
    ],
    select: [
      { role: 'anonymous', columns: USER_ANON, filter: {}, allow_aggregations: true },
      { role: 'moderator', columns: USER_FULL, filter: {}, allow_aggregations: true },
      { role: 'user', columns: USER_FULL, filter: own, allow_aggregations: true },
    ],
    insert: [
      {
        role: 'moderator', check: {},
        columns: ['bio', 'date_joined', 'email', 'favourite_topic', 'get_free_month', 'is_blocked', 'is_verified', 'last_login',
          'pro_user_subscription_id', 'profile_picture', 'role', 'slug', 'user_id', 'username'],
      },
      // FIX: no 'role' — a user cannot create an account with a higher role.
      {
        role: 'user', check: {},
        columns: ['bio', 'email', 'favourite_topic', 'get_free_month', 'is_blocked', 'last_login', 'password',
          'pro_user_subscription_id', 'profile_picture', 'slug', 'username'],
      },
    ],
    update: [
      { role: 'moderator', columns: USER_FULL, filter: {}, check: null, comment: 'Allows moderators to block any user' },
      // FIX: no 'role' — a user cannot promote itself.
      {
        role: 'user', filter: own, check: null,
        columns: ['bio', 'deletion_requested_at', 'favourite_topic', 'get_free_month', 'last_login', 'password',
          'pro_user_subscription_id', 'profile_picture', 'slug', 'username'],
      },
    ],
  },
];

// Relationships and tables of production that this project does not track,
// each with the reason (the name-comparison test reads this list).
export const untracked = {
  tables: {
    category_enum: 'in-context-learning taxonomy, not used by the SDK; its data is not public',
    subcategory_enum: 'in-context-learning taxonomy, not used by the SDK; its data is not public',
    tag_enum: 'in-context-learning taxonomy, not used by the SDK; its data is not public',
    example: 'in-context-learning examples, not used by the SDK; its data is not public',
    prompt_user: 'admin-only table (no role permissions); nothing in the SDK needs it',
    referral: 'admin-only table (no role permissions); nothing in the SDK needs it',
    token: 'one-time tokens: left out so that no role but admin can reach them',
    user_token: 'one-time tokens: left out so that no role but admin can reach them',
  },
};
