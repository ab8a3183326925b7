// Hasura-shaped errors. `path` is Hasura's JSONPath string into the request.
export class HasuraError extends Error {
  constructor(code, message, path = '$', status = 400, internal) {
    super(message);
    this.code = code;
    this.path = path;
    this.status = status;
    this.internal = internal;
  }
}

export const validationError = (message, path = '$') => new HasuraError('validation-failed', message, path);

// GraphQL envelope: {"errors":[{"message","extensions":{"path","code"}}]}
export function gqlError(err) {
  if (err instanceof HasuraError) return { message: err.message, extensions: { path: err.path, code: err.code } };
  return { message: 'unexpected error', extensions: { path: '$', code: 'unexpected' } };
}

// Legacy shape for /v1/query and friends: {"error","path","code"}
export function legacyError(err) {
  if (err instanceof HasuraError) return { error: err.message, path: err.path, code: err.code };
  return { error: 'Internal Server Error', path: '$', code: 'unexpected' };
}

// Map a PostgreSQL error to Hasura's code and message (Backends/Postgres/Execute/Types.hs facts).
export function fromPgError(e, path = '$') {
  const c = e.code || '';
  const msg = e.message;
  if (c === '23505') return new HasuraError('constraint-violation', `Uniqueness violation. ${msg}`, path);
  if (c === '23503') return new HasuraError('constraint-violation', `Foreign key violation. ${msg}`, path);
  if (c === '23502') return new HasuraError('constraint-violation', `Not-NULL violation. ${msg}`, path);
  if (c === '23P01') return new HasuraError('constraint-violation', `Exclusion violation. ${msg}`, path);
  if (c === '23001') return new HasuraError('constraint-violation', `Can not delete or update due to data being referred. ${msg}`, path);
  if (c === '23514') return new HasuraError('permission-error', `Check constraint violation. ${msg}`, path);
  if (c === '42P10') return new HasuraError('constraint-error', msg, path);
  if (c === '40001') return new HasuraError('concurrent-update', 'serialization failure due to concurrent update', path);
  if (c === '22025') return new HasuraError('bad-request', msg, path);
  if (c.startsWith('22')) return new HasuraError('data-exception', msg, path);
  if (c === '42501') return new HasuraError('permission-denied', msg, path);
  console.error(`mb-server: database query error ${c}: ${msg}`);
  const err = new HasuraError('unexpected', 'database query error', path, 500);
  err.pg = e;
  return err;
}
