
/* ---- json: jsmn tokens -> path lookup, iteration, typed getters ----
 * A parsed document keeps views: the JSON text and the tokens both stay
 * owned by the caller and must outlive every lookup. Token indexes are ints
 * (as in jsmn); a negative index never names a token. */
typedef jsmntok_t mb_token;

typedef struct mb_json {
    const char *js;
    size_t len;
    mb_token *tok;
    int count;
} mb_json;

/* Parses exactly one JSON value (whitespace around it allowed). Returns
 * MB_ERR_TOKENS when max_tokens is too small, MB_ERR_JSON when malformed or
 * incomplete. Primitives are checked against JSON's grammar here; strings
 * are checked (escapes, control characters, UTF-8) when read. */
MB_API mb_status mb_json_parse(mb_json *doc, const char *js, size_t len, mb_token *tokens, size_t max_tokens);

/* Path lookup from token `from` (0 = root): keys separated by '.', array
 * indexes in brackets: "chatbot[2].categories[0].category.name". Keys are
 * matched byte for byte as they appear in the JSON (a key holding '.' or
 * '[' is reached by iteration instead). On success *out is the
 * value's token. MB_ERR_NOT_FOUND for a missing key or index, MB_ERR_TYPE
 * when indexing a non-array or keying a non-object, MB_ERR_ARG for a bad
 * path. */
MB_API mb_status mb_json_find(const mb_json *doc, int from, const char *path, int *out);
/* Iteration. For an array, mb_json_first() gives the first element; for an
 * object, the first key (its value is key + 1). mb_json_next() gives the next
 * sibling. Both return -1 at the end. */
MB_API int mb_json_first(const mb_json *doc, int container);
MB_API int mb_json_next(const mb_json *doc, int tok);
/* Number of elements (array) or keys (object); -1 for other tokens. */
MB_API int mb_json_size(const mb_json *doc, int tok);
/* The raw text of a token: a string's contents without quotes and still
 * escaped, or a primitive's text, or a container's whole text. */
MB_API mb_str mb_json_raw_view(const mb_json *doc, int tok);
MB_API int mb_json_is_null(const mb_json *doc, int tok);

/* Typed getters. MB_ERR_TYPE when the value has another JSON type. */
/* A string's raw (escaped) view; MB_ERR_UTF8/MB_ERR_JSON if invalid. */
MB_API mb_status mb_json_get_str(const mb_json *doc, int tok, mb_str *out);
/* Copies a string unescaped into dst (\uXXXX and surrogate pairs become
 * UTF-8) and NUL-terminates it; *len (optional) gets the length without the
 * NUL. MB_ERR_BUFFER if dst is too small (dst then holds ""). */
MB_API mb_status mb_json_unescape(const mb_json *doc, int tok, char *dst, size_t cap, size_t *len);
/* Integers accept a JSON integer or a string holding one (Hasura can
 * stringify bigint); MB_ERR_RANGE on overflow, MB_ERR_TYPE for fractions. */
MB_API mb_status mb_json_get_i32(const mb_json *doc, int tok, int32_t *out);
MB_API mb_status mb_json_get_i64(const mb_json *doc, int tok, int64_t *out);
#if !defined(MB_NO_FLOAT)
/* Any JSON number, or a string holding one (stringified numeric).
 * MB_ERR_RANGE when it overflows a double, or when its text is 64
 * characters or longer (a double holds 17 significant digits; read such a
 * value as text). */
MB_API mb_status mb_json_get_double(const mb_json *doc, int tok, double *out);
#endif
MB_API mb_status mb_json_get_bool(const mb_json *doc, int tok, int *out);

/* Checks every string of a parsed document (escapes, raw control
 * characters, UTF-8): mb_json_parse() + this = a full RFC 8259 check. */
MB_API mb_status mb_json_check_strings(const mb_json *doc);
/* Writes JSON text that is already serialized and valid as one value (check
 * text of unknown origin with mb_json_parse() first, as mb_execute() does
 * for its variables). Empty text: MB_ERR_JSON. */
MB_API void mb_w_raw(mb_writer *w, const char *json, size_t len);
