
/* ---- write: bounded writer into a caller buffer, JSON values ----
 * Errors are sticky: after the first failure every call is a no-op and
 * mb_w_status() reports it (MB_ERR_BUFFER when out of room, MB_ERR_UTF8 for
 * a string that is not UTF-8, MB_ERR_ARG for a misplaced key or value,
 * MB_ERR_DEPTH, MB_ERR_RANGE for NaN/infinity). Nothing is ever truncated
 * silently: a writer in error must not be sent. */
typedef struct mb_writer {
    char *buf;
    size_t cap;
    size_t len;
    mb_status err;
    uint8_t depth;     /* open JSON containers */
    uint8_t after_key; /* a key was written: the next value takes no comma */
    uint8_t more;      /* the open container, or the top level, holds a value */
    uint32_t is_obj;   /* a bit per open container, the innermost in bit 0: 1 for an object */
} mb_writer;

MB_API void mb_w_init(mb_writer *w, char *buf, size_t cap);
MB_API mb_status mb_w_status(const mb_writer *w);
/* Plain bytes (no JSON structure bookkeeping). */
MB_API void mb_w_bytes(mb_writer *w, const void *data, size_t len);
MB_API void mb_w_cstr(mb_writer *w, const char *s);
MB_API void mb_w_u64(mb_writer *w, uint64_t v);
/* JSON string contents (no quotes): validates UTF-8, escapes '"', '\\' and
 * every control character. NUL bytes inside len are escaped as \u0000. */
MB_API void mb_w_escaped(mb_writer *w, const char *s, size_t len);

/* JSON values: commas and nesting are tracked, at most MB_JSON_MAX_DEPTH. */
MB_API void mb_w_object_begin(mb_writer *w);
MB_API void mb_w_object_end(mb_writer *w);
MB_API void mb_w_array_begin(mb_writer *w);
MB_API void mb_w_array_end(mb_writer *w);
MB_API void mb_w_key(mb_writer *w, const char *key);  /* only inside an object */
MB_API void mb_w_string(mb_writer *w, const char *s); /* NULL writes null */
MB_API void mb_w_stringn(mb_writer *w, const char *s, size_t len); /* len bytes (may hold NUL); SIZE_MAX: up to the NUL */
MB_API void mb_w_int(mb_writer *w, int64_t v); /* int32 and int64 alike */
#if !defined(MB_NO_FLOAT)
MB_API void mb_w_double(mb_writer *w, double v); /* NaN/inf: MB_ERR_RANGE */
#endif
MB_API void mb_w_bool(mb_writer *w, int v);
MB_API void mb_w_null(mb_writer *w);
/* 1 when s[0..len) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
MB_API int mb_utf8_valid(const char *s, size_t len);
