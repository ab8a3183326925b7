
/* ---- typed: the runtime behind generated operations ----
 * tools/codegen turns .graphql documents into a static query string, a
 * variables struct, result structs and the descriptor tables below; these
 * functions do the work for every operation, so each generated operation is
 * data in flash plus two short functions.
 *
 * Decoding is one pass over the tokens: each object's keys are matched in
 * selection order (Hasura answers in that order; any order still works), each
 * value is decoded where it stands and the walk continues after it, so no
 * token is visited twice. Path lookups (mb_json_find) instead search from the
 * top again for every field.
 *
 * Strings are unescaped in place in the response buffer and NUL-terminated:
 * a mb_str of a result is plain UTF-8, printable with "%s", valid until the
 * next request on the client. A JSON null gives ptr == NULL for strings and
 * sets the field's `_null` flag for other fields; so does a field the answer
 * leaves out (@include/@skip), which has a flag whatever its type.
 *
 * Arrays go into caller pools, one per array field of the selection: nested
 * arrays of all parents share their pool, each parent pointing at its own
 * run. A pool that is too small is filled to capacity, its `needed` tells how
 * many there were, and the call returns MB_ERR_CAPACITY. A nested array is
 * counted only under the parents that were stored: the elements of a parent
 * beyond its own pool's capacity are skipped uncounted. */

typedef enum mb_ftype {
    MB_T_STR = 1, /* mb_str: String, ID, uuid, timestamptz, enums, ... */
    MB_T_JSON,    /* mb_str: the raw JSON text of the value (jsonb, json) */
    MB_T_I32,     /* int32_t: Int, smallint */
    MB_T_I64,     /* int64_t: bigint (a number or a string) */
    MB_T_F64,     /* double: Float, float8 */
    MB_T_BOOL,    /* int: Boolean */
    MB_T_NUMERIC, /* mb_numeric: numeric, as text and as a double */
    MB_T_OBJ,     /* a nested struct */
    MB_T_ARR      /* mb_array-like member {T *items; size_t len;} into a pool */
} mb_ftype;

typedef struct mb_numeric {
    mb_str text; /* exact, as the server sent it */
    double value;
} mb_numeric;

typedef struct mb_shape mb_shape;
#define MB_NO_NULL_FLAG 0xFFFFu
typedef struct mb_field {
    const char *name;      /* JSON key: the alias or the field name */
    uint16_t offset;       /* of the member */
    uint16_t null_offset;  /* of its uint8_t null flag, or MB_NO_NULL_FLAG */
    uint8_t type;          /* mb_ftype */
    uint8_t elem;          /* MB_T_ARR: element type */
    uint8_t pool;          /* MB_T_ARR: index of its pool; MB_T_OBJ: of the first pool
                              below it (0, unused, when there is none); counted from the
                              first pool of the enclosing array element's or object's
                              subtree (pre-order) */
    const mb_shape *shape; /* MB_T_OBJ, or MB_T_ARR of MB_T_OBJ */
} mb_field;
struct mb_shape {
    const mb_field *fields;
    uint16_t count;
    uint16_t size; /* sizeof the struct */
};
/* sizeof a generated struct, for mb_shape.size: a struct past 65535 bytes, whose
 * offsets would not fit the tables' uint16_t (and could meet MB_NO_NULL_FLAG),
 * is a compile error (a negative array size) rather than offsets cut short */
#define MB_SHAPE_SIZE(T) (sizeof(char[sizeof(T) <= 0xFFFFu ? 1 : -1]) * sizeof(T))

/* A caller array: base and cap set by the caller; used and needed by the
 * decoder (needed > cap means MB_ERR_CAPACITY). */
typedef struct mb_pool {
    void *base;
    size_t cap;
    size_t used;
    size_t needed;
} mb_pool;

typedef struct mb_var {
    const char *name;
    uint16_t offset;     /* of the member in the variables struct */
    uint16_t has_offset; /* of its `has_` flag (optional variable), or MB_NO_NULL_FLAG */
    uint8_t type;        /* MB_T_STR (const char *), MB_T_JSON (const char *, raw),
                            MB_T_I32, MB_T_I64, MB_T_F64, MB_T_BOOL (int) */
} mb_var;

typedef struct mb_op {
    const char *query; /* minified document, in flash */
    const char *name;  /* operationName */
    const mb_var *vars;
    uint16_t num_vars;
    const mb_shape *data; /* the shape of "data" */
} mb_op;

/* Writes the variables described by op->vars from the struct at vars. */
MB_API void mb_typed_write_vars(mb_writer *w, const mb_op *op, const void *vars);
/* Decodes res->data into the struct at data (zeroed first; a field with a
 * null flag that the answer leaves out reads as null) and the pools. */
/* res is const for its views; the bytes behind res->body are the caller's
 * and are unescaped in place, so a result is decoded once: a second decode
 * (or mb_json_unescape after it) would read the unescaped text as JSON. */
MB_API mb_status mb_typed_decode(const mb_result *res, const mb_shape *shape, void *data, mb_pool *pools, size_t num_pools);
/* mb_request + variables + mb_send + mb_typed_decode. When the request
 * fails, data is zeroed and the pools' used and needed are 0. */
MB_API mb_status mb_typed_execute(mb_client *c, const mb_op *op, const void *vars, void *data, mb_pool *pools,
                                  size_t num_pools);

/* ---- helpers a device needs ---- */
/* The platform RNG, as subscriptions use it too: fills out[0..len),
 * MB_OK on success (mb_posix_random on POSIX; a hardware RNG on a device). */
typedef mb_status (*mb_random_fn)(void *out, size_t len);
/* A version-4 UUID from the platform RNG: 36 characters and a NUL.
 * MB_ERR_ARG for a NULL argument; the RNG's status when it fails. */
MB_API mb_status mb_uuid4(mb_random_fn rng, char out[37]);
/* ISO-8601 timestamps: "2025-03-01T08:30:00Z" from seconds since 1970
 * (out holds at least 21 bytes), and back from any Hasura timestamptz
 * ("2025-03-01T08:30:00.123456+00:00", fractions ignored, offsets applied).
 * mb_time_parse: MB_ERR_ARG for text of another shape, MB_ERR_RANGE for a
 * field out of range (month 13, February 30, hour 24, offset +24:00). */
MB_API mb_status mb_time_format(int64_t epoch, char *out, size_t cap);
MB_API mb_status mb_time_parse(mb_str iso, int64_t *epoch);
/* A slug the way the Masterbots web app makes one: lower-case ASCII words of
 * the text (accents and symbols dropped), English stop words removed, at most
 * 7 words joined by '-', then "-<suffix>" when suffix is not NULL (a counter
 * or random text that makes it unique). MB_ERR_BUFFER if it does not fit. */
MB_API mb_status mb_slug(const char *text, const char *suffix, char *out, size_t cap);
