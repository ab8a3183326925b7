
/* ---- json ---- */

/* Whether p..e is exactly one JSON number: -?int(.digits)?([eE][+-]?digits)?
 * where int has no leading zero; each part is a run of digits. */
static int mb__is_num(const char *p, const char *e) {
    int part = 0; /* 0 integer, 1 fraction, 2 exponent */
    for (;; p++) {
        const char *d;
        p += p < e && (*p == '-' ? part != 1 : *p == '+' && part == 2);
        for (d = p; p < e && mb__is_digit(*p);) p++;
        if (p == d || (!part && *d == '0' && p - d > 1)) return 0;
        if (p == e) return 1;
        if (*p == '.' && !part) part = 1;
        else if ((*p | 0x20) == 'e' && part < 2) part = 2;
        else return 0;
    }
}

/* true, false, null or a number: jsmn (non-strict) takes any bare word.
 * The number first: the other order is 8 B smaller but makes each number
 * fail three literal compares (+14 % for the parse check of a chatbot
 * list); null first among the literals, the most common in Hasura's answers. */
static int mb__primitive_ok(const char *p, size_t n) {
    return mb__is_num(p, p + n) || mb__one_of(p, n, mb__literals, 0);
}

/* Bytes between two tokens: whitespace around `sep` (':' or ',') exactly
 * once, or none when sep is 0; closing brackets may come before a ',' and,
 * with sep 0, are all there is. jsmn has matched the brackets (one stands
 * after a container's first child only where the structure says so). */
static int mb__gap_ok(const char *p, const char *e, char sep) {
    int close = sep != ':';
    for (; p < e; p++) {
        if (mb__is_ws(*p)) continue;
        if (close && (*p | 0x20) == '}') continue; /* '}' or ']' */
        if (!sep || *p != sep) return 0;
        sep = 0; /* then only whitespace */
        close = 0;
    }
    return !sep;
}

/* A token's extent including a string's quotes. */
static size_t mb__outer_start(const mb_token *t) { return (size_t)t->start - (t->type == JSMN_STRING); }

mb_status mb_json_parse(mb_json *doc, const char *js, size_t len, mb_token *tok, size_t max_tokens) {
    jsmn_parser parser;
    int r, i;
    const char *from = js;
    if (!doc || !js || !tok || max_tokens == 0) return MB_ERR_ARG;
    doc->js = js;
    doc->len = len;
    doc->tok = tok;
    doc->count = 0;
    if (len > (size_t)INT_MAX) return MB_ERR_RANGE; /* jsmn keeps offsets in int */
    /* jsmn counts in unsigned int (a test that folds away where size_t is
     * no wider); it never fills more tokens than len <= INT_MAX has bytes */
    if (max_tokens > UINT_MAX) max_tokens = UINT_MAX;
    jsmn_init(&parser);
    r = jsmn_parse(&parser, js, len, tok, (unsigned int)max_tokens);
    if (r == JSMN_ERROR_NOMEM) return MB_ERR_TOKENS;
    if (r <= 0) return MB_ERR_JSON;
    /* jsmn accepts much that is not JSON ([1,,2], {"a"}, {a:1}, [1 2], tru):
     * check every token's place and primitive's grammar, and the bytes
     * between consecutive tokens (a container's are after its '[' or '{'):
     * these gaps and the tokens cover the whole text. */
    for (i = 0; i <= r; i++) {
        const mb_token *t = &tok[i];
        const char *to = js + len;
        char sep = 0;
        if (i < r) {
            int pt = t->parent < 0 ? JSMN_UNDEFINED : (int)tok[t->parent].type;
            /* an object holds keys, each a string with one value (a
             * primitive given a value has ':' in a gap that allows none) */
            if ((t->type == JSMN_STRING ? t->size != (pt == JSMN_OBJECT) : pt == JSMN_OBJECT) ||
                (t->type == JSMN_PRIMITIVE && !mb__primitive_ok(js + t->start, (size_t)(t->end - t->start))))
                return MB_ERR_JSON;
            to = js + mb__outer_start(t);
            sep = t->parent != i - 1 ? ',' : pt == JSMN_STRING ? ':' : 0; /* the root's parent is -1 */
        }
        if (!mb__gap_ok(from, to, sep)) return MB_ERR_JSON;
        /* the next gap starts after a string's closing quote, a primitive's
         * end, or a container's opening bracket (types below JSMN_STRING) */
        if (i < r) from = js + (t->type >= JSMN_STRING ? t->end : t->start) + (t->type <= JSMN_STRING);
    }
    /* one root: a token after it (jsmn gives it parent -1) starts past its
     * end, or right at it with no ',' in the gap before it */
    if (tok[r - 1].start > tok[0].end) return MB_ERR_JSON;
    doc->count = r;
    return MB_OK;
}

/* One unsigned test: a negative t wraps past any count (which is >= 0). */
static int mb__valid_tok(const mb_json *d, int t) { return d && (unsigned)t < (unsigned)d->count; }

/* The token t if it is valid and of type `type`, else NULL. */
static const mb_token *mb__tok(const mb_json *d, int t, jsmntype_t type) {
    return mb__valid_tok(d, t) && d->tok[t].type == type ? &d->tok[t] : NULL;
}

/* The raw view of t into *v (empty when t is not valid) and t's type:
 * JSMN_UNDEFINED (0) only when t is not valid, as jsmn types every token
 * it returns. One call gives the getters their checks and their text. */
static int mb__view(const mb_json *d, int t, mb_str *v) {
    const mb_token *x;
    v->ptr = "";
    v->len = 0;
    if (!mb__valid_tok(d, t)) return JSMN_UNDEFINED;
    x = &d->tok[t];
    v->ptr = d->js + x->start;
    v->len = (size_t)(x->end - x->start);
    return (int)x->type;
}

/* Index after the subtree rooted at t: tokens are in document order, and
 * the first one past it hangs from a container open before t. A key's
 * subtree holds its value (jsmn's parent links). */
static int mb__skip(const mb_json *d, int t) {
    int j = t + 1;
    while (j < d->count && d->tok[j].parent >= t) j++;
    return j;
}

int mb_json_first(const mb_json *d, int c) {
    return mb_json_size(d, c) > 0 ? c + 1 : -1;
}

int mb_json_next(const mb_json *d, int t) {
    int n;
    if (!mb__valid_tok(d, t)) return -1;
    n = mb__skip(d, t); /* the root's subtree is the whole document: -1 */
    return n < d->count && d->tok[n].parent == d->tok[t].parent ? n : -1;
}

int mb_json_size(const mb_json *d, int t) {
    const mb_token *x = mb__tok(d, t, JSMN_OBJECT);
    if (!x) x = mb__tok(d, t, JSMN_ARRAY);
    return x ? x->size : -1;
}

mb_str mb_json_raw_view(const mb_json *d, int t) {
    mb_str v;
    (void)mb__view(d, t, &v);
    return v;
}

/* The first byte of a primitive (t, f, n, - or a digit), 0 for others:
 * mb_json_parse() checked the grammar, so it names the value. */
static char mb__prim(const mb_json *d, int t) {
    const mb_token *x = mb__tok(d, t, JSMN_PRIMITIVE);
    return x ? d->js[x->start] : 0;
}

int mb_json_is_null(const mb_json *d, int t) { return mb__prim(d, t) == 'n'; }

mb_status mb_json_find(const mb_json *d, int from, const char *path, int *out) {
    int cur = from;
    const char *p = path;
    if (!mb__valid_tok(d, from) || !path || !out) return MB_ERR_ARG;
    while (*p) {
        int el, arr = *p == '[';
        unsigned long idx = 0;
        const char *k = p + (*p == '.');
        size_t kl;
        mb_str v;
        if (arr) {
            do { /* digits up to the ']' */
                if (!mb__is_digit(*++p) || idx > 100000000UL) return MB_ERR_ARG;
                idx = idx * 10u + (unsigned long)(*p - '0');
            } while (p[1] != ']');
            p += 2;
        } else {
            if (k != p && p == path) return MB_ERR_ARG; /* a leading '.' */
            for (p = k; *p && *p != '.' && *p != '['; p++) {}
            if (p == k) return MB_ERR_ARG;
        }
        kl = (size_t)(p - k);
        if (!mb__tok(d, cur, arr ? JSMN_ARRAY : JSMN_OBJECT)) return MB_ERR_TYPE;
        /* an array's idx-th element, or an object's key (then its value) */
        for (el = mb_json_first(d, cur); el >= 0; el = mb_json_next(d, el))
            if (arr ? !idx-- : (v = mb_json_raw_view(d, el)).len == kl && !memcmp(v.ptr, k, kl))
                break;
        if (el < 0) return MB_ERR_NOT_FOUND;
        cur = el + !arr;
    }
    *out = cur;
    return MB_OK;
}

/* UTF-8 encoding of a code point (<= U+10FFFF) into u; returns its length. */
static size_t mb__utf8_put(uint32_t cp, char *u) {
    size_t n = 1u + (cp >= 0x80u) + (cp >= 0x800u) + (cp >= 0x10000u), i;
    for (i = n - 1; i > 0; i--, cp >>= 6) u[i] = (char)(0x80u | (cp & 0x3Fu));
    u[0] = (char)((n > 1 ? 0xF00u >> n : 0u) | cp); /* 0xC0, 0xE0 or 0xF0 before the bits */
    return n;
}

/* The value of the escape \uXXXX at p..e; -1 if p does not hold one. */
static long mb__u4(const char *p, const char *e) {
    long v = 0;
    if (e - p < 6 || p[0] != '\\' || p[1] != 'u') return -1;
    for (int i = 2; i < 6; i++) {
        int h = mb__hex(p[i]);
        if (h < 0) return -1;
        v = v << 4 | h;
    }
    return v;
}

/* Appends src[0..len) to dst[*o..cap) when dst is not NULL (src may
 * overlap it: in-place unescape) and counts it in *o; 0 if it does not fit. */
static int mb__put(char *dst, size_t cap, size_t *o, const char *src, size_t len) {
    if (dst) {
        if (len > cap - *o) return 0;
        memmove(dst + *o, src, len);
    }
    *o += len;
    return 1;
}

/* Decodes (or, with dst NULL, only checks) a JSON string body. Returns the
 * decoded length through *outlen. dst may be s itself (in place): an
 * escape's bytes are never more than its text, so they are written over
 * text already read. */
static mb_status mb__unescape(const char *s, size_t n, char *dst, size_t cap, size_t *outlen) {
    const char *p = s, *end = s + n, *run = s;
    size_t o = 0, ul;
    for (;;) {
        unsigned char c = 0;
        long cp, lo;
        char u[4];
        const char *e;
        /* a word of plain ASCII bytes at a time (4 or 8): no high bit, no
         * control character, no '\\'. A byte below 0x20, or one equal to
         * '\\' (0 in x), borrows and sets its high bit; bytes with a high bit
         * of their own are caught by v itself; borrows into the next byte are
         * only false alarms, which the byte loop below clears. */
        while ((size_t)(end - p) >= sizeof(size_t)) {
            size_t v, x, ones = (size_t)-1 / 255u;
            memcpy(&v, p, sizeof v);
            x = v ^ (ones * 0x5Cu);
            if ((v | (v - ones * 0x20u) | (x - ones)) & ones * 0x80u) break;
            p += sizeof v;
        }
        if (p < end) {
            c = (unsigned char)*p;
            if (c != '\\') {
                if (c < 0x20) return MB_ERR_JSON; /* raw control character */
                /* UTF-8 checked in the same pass */
                ul = c < 0x80 ? 1 : mb__utf8_seq((const unsigned char *)p, (const unsigned char *)end);
                if (!ul) return MB_ERR_UTF8;
                p += ul;
                continue;
            }
        }
        /* an escape or the end: the plain run before it goes out first */
        if (!mb__put(dst, cap, &o, run, (size_t)(p - run))) return MB_ERR_BUFFER;
        if (p == end) break; /* every step below is checked against end: p never passes it */
        if (p + 1 == end) return MB_ERR_JSON; /* a lone backslash */
        c = (unsigned char)p[1];
        if (c == 'u') {
            if ((cp = mb__u4(p, end)) < 0) return MB_ERR_JSON;
            p += 6;
            if ((cp >> 11) == 0x1B) { /* a surrogate: a high half (to U+DBFF), then a low one */
                if (cp > 0xDBFF || (lo = mb__u4(p, end)) < 0xDC00 || lo > 0xDFFF) return MB_ERR_UTF8;
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
        } else {
            p += 2;
            for (e = mb__esc; *e && *e != (char)c; e++) {}
            if (!*e) return MB_ERR_JSON;
            cp = e[9]; /* its byte */
        }
        ul = mb__utf8_put((uint32_t)cp, u);
        if (!mb__put(dst, cap, &o, u, ul)) return MB_ERR_BUFFER;
        run = p;
    }
    *outlen = o;
    return MB_OK;
}

mb_status mb_json_get_str(const mb_json *d, int t, mb_str *out) {
    size_t n;
    mb_str v;
    int type = mb__view(d, t, &v);
    if (!type || !out) return MB_ERR_ARG;
    if (type != JSMN_STRING) return MB_ERR_TYPE;
    *out = v;
    return mb__unescape(v.ptr, v.len, NULL, 0, &n);
}

mb_status mb_json_check_strings(const mb_json *d) {
    mb_str v;
    size_t n;
    mb_status s = MB_OK;
    for (int i = 0, type; s == MB_OK && (type = mb__view(d, i, &v)) != JSMN_UNDEFINED; i++)
        if (type == JSMN_STRING) s = mb__unescape(v.ptr, v.len, NULL, 0, &n);
    return s;
}

mb_status mb_json_unescape(const mb_json *d, int t, char *dst, size_t cap, size_t *len) {
    mb_str v;
    size_t n = 0;
    mb_status s;
    int type = mb__view(d, t, &v);
    if (!type || !dst || cap == 0) return MB_ERR_ARG;
    s = type == JSMN_STRING ? mb__unescape(v.ptr, v.len, dst, cap - 1, &n) : MB_ERR_TYPE; /* room for the NUL */
    dst[n] = '\0'; /* n stays 0 on failure */
    if (len && s == MB_OK) *len = n;
    return s;
}

/* The number text of a primitive, or of a string holding a number; then
 * MB_ERR_ARG without `out`, the getter's destination. */
static mb_status mb__num_text(const mb_json *d, int t, mb_str *v, const void *out) {
    int type = mb__view(d, t, v);
    if (!type) return MB_ERR_ARG;
    if (type < JSMN_STRING || !mb__is_num(v->ptr, v->ptr + v->len)) return MB_ERR_TYPE;
    return out ? MB_OK : MB_ERR_ARG;
}

mb_status mb_json_get_i64(const mb_json *d, int t, int64_t *out) {
    mb_str v;
    const char *p, *e;
    uint64_t acc = 0, lim;
    int neg, left = 19;
    mb_status s = mb__num_text(d, t, &v, out);
    if (s != MB_OK) return s;
    neg = v.ptr[0] == '-';
    lim = (uint64_t)INT64_MAX + (unsigned)neg;
    for (p = v.ptr + neg, e = v.ptr + v.len; p < e; p++) {
        unsigned dgt = (unsigned)(*p - '0');
        if (dgt > 9) return MB_ERR_TYPE; /* fraction or exponent */
        acc = acc * 10u + dgt; /* exact up to 19 digits; no leading zero: a 20th is too many */
        if (acc > lim || !left--) return MB_ERR_RANGE;
    }
    /* negated in unsigned, then converted: no signed overflow for INT64_MIN */
    *out = neg && acc ? -(int64_t)(acc - 1u) - 1 : (int64_t)acc;
    return MB_OK;
}

mb_status mb_json_get_i32(const mb_json *d, int t, int32_t *out) {
    int64_t v;
    mb_status s = mb_json_get_i64(d, t, &v);
    if (s != MB_OK) return s;
    if (!out) return MB_ERR_ARG;
    /* v + 2^31 in unsigned is below 2^32 exactly for INT32_MIN..INT32_MAX */
    if (((uint64_t)v + 0x80000000u) >> 32) return MB_ERR_RANGE;
    *out = (int32_t)v;
    return MB_OK;
}

#if !defined(MB_NO_FLOAT)
mb_status mb_json_get_double(const mb_json *d, int t, double *out) {
    mb_str v;
    char tmp[64];
    char *end;
    mb_status s = mb__num_text(d, t, &v, out);
    if (s != MB_OK) return s;
    if (v.len >= sizeof tmp) return MB_ERR_RANGE;
    memcpy(tmp, v.ptr, v.len);
    tmp[v.len] = '\0';
    /* strtod follows LC_NUMERIC: a decimal-comma locale stops at the '.' */
    while (*out = strtod(tmp, &end), *end == '.') *end = ',';
    if (end != tmp + v.len) return MB_ERR_TYPE;
    if (!(*out - *out == 0)) return MB_ERR_RANGE; /* an overflow to infinity */
    return MB_OK;
}
#endif

mb_status mb_json_get_bool(const mb_json *d, int t, int *out) {
    mb_str v;
    int type = mb__view(d, t, &v);
    if (!type || !out) return MB_ERR_ARG;
    /* the first byte names a primitive: mb_json_parse() checked its grammar */
    if (type != JSMN_PRIMITIVE || (*v.ptr != 't' && *v.ptr != 'f')) return MB_ERR_TYPE;
    *out = *v.ptr == 't';
    return MB_OK;
}

void mb_w_raw(mb_writer *w, const char *json, size_t len) {
    if (!json || !len) mb__w_fail(w, MB_ERR_JSON);
    mb__w_value(w, json, len);
}
