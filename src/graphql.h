
/* ---- graphql: request body and response envelope ---- */

/* One GraphQL error. The fields are unescaped in place in the response
 * buffer and NUL-terminated, so .ptr can be printed with "%s". Empty views
 * for fields the server did not send. */
typedef struct mb_error {
    mb_str message;
    mb_str code; /* extensions.code, e.g. "validation-failed", "invalid-jwt" */
    mb_str path; /* extensions.path, a JSONPath string such as "$.selectionSet.x" */
} mb_error;

/* A decoded response: views into the caller's buffer and token array. */
typedef struct mb_result {
    mb_json doc;     /* the whole response document */
    char *body;      /* the same bytes, writable: decoders unescape strings in place */
    int data;        /* token of "data", or -1 when absent or null */
    int errors;      /* token of the "errors" array (or of the one error
                        object graphql-transport-ws's start-failed sends, which
                        is taken as errors[0]), or -1 */
    int num_errors;
    mb_error error;  /* the first error, if any */
    int http_status; /* filled by the client */
} mb_result;

/* Starts a request body: {"query":...,"operationName":...,"variables":{
 * The query is JSON-escaped as it is copied (it can live in flash);
 * operation_name may be NULL. Write the variables as keys and values with
 * the mb_w_ calls, then finish with mb_gql_end(). */
MB_API void mb_gql_begin(mb_writer *w, const char *query, const char *operation_name);
/* Closes the variables and the body; MB_ERR_ARG if the variables left a
 * container open. Returns the writer's status. */
MB_API mb_status mb_gql_end(mb_writer *w);

/* Decodes a response body (modified in place: error fields are unescaped).
 * Returns MB_OK when there are no errors and data is present,
 * MB_ERR_AUTH for Hasura's authentication codes (invalid-jwt, which
 * includes JWTExpired, invalid-headers, access-denied, jwt-invalid-claims,
 * jwt-missing-role-claims), MB_ERR_GRAPHQL for any other error,
 * MB_ERR_NO_DATA when there is neither, or a JSON status (MB_ERR_TYPE when
 * errors is neither an array nor an object). The legacy shape
 * {"error","code","path"}, and an errors object (graphql-transport-ws's
 * start-failed) are read as one error. */
MB_API mb_status mb_gql_decode(mb_result *res, char *body, size_t len, mb_token *tokens, size_t max_tokens);
/* 1 for the authentication codes listed above. */
MB_API int mb_gql_is_auth_code(mb_str code);
