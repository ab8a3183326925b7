/* libFuzzer harness for the variables writer: the input is a program of
 * writer calls (object/array begin and end, keys, strings with any bytes,
 * integers, doubles from any bit pattern, booleans, nulls, raw JSON) run
 * between mb_gql_begin (query and operation name from the input) and
 * mb_gql_end, the way mb_request() builds a request body.
 *
 * A model of the writer's rules predicts the status of each program: the
 * first misplaced key or value or unbalanced end gives MB_ERR_ARG, a
 * string that is not UTF-8 MB_ERR_UTF8, NaN or infinity MB_ERR_RANGE,
 * nesting over MB_JSON_MAX_DEPTH MB_ERR_DEPTH; errors are sticky.
 * Properties:
 *  - the writer's status is the model's;
 *  - when it is MB_OK the body is valid JSON (mb_json_parse +
 *    mb_json_check_strings) and every value reads back equal: query and
 *    operation name, keys and strings byte for byte (NUL, quotes, "}",
 *    control characters included), integers exactly, doubles bit for bit
 *    (as values), containers with their sizes;
 *  - with a small buffer the status is MB_ERR_BUFFER or the same, and a
 *    success writes the same bytes.
 * Byte 0: bit 0 skips calls the model says are misplaced (long valid
 * programs), bits 1-3 pick the small buffer.
 *   clang -fsanitize=fuzzer,address,undefined -I. tests/fuzz/fuzz_writer.c */
#define MB_IMPLEMENTATION
#include <float.h>
#include "mb.h"
#include "fuzz_common.h"

enum { OP_OBJ, OP_OBJ_END, OP_ARR, OP_ARR_END, OP_KEY, OP_STR, OP_INT, OP_DBL, OP_BOOL, OP_NULL, OP_NULLSTR, OP_RAW,
       OP_COUNT };
enum { EV_OBJ, EV_ARR, EV_KEY, EV_STR, EV_INT, EV_DBL, EV_BOOL, EV_NULL, EV_RAW };

static const char *const raws[] = {"{}", "[]", "0", "-1.5e3", "true", "null", "\"r\\u00e9\"", "[1,{\"a\":[null]}]",
                                   "{\"k\":\"v\",\"n\":[]}"};

typedef struct event {
    int kind;
    const char *s; /* strings and keys: bytes in the input copy */
    size_t len;
    int64_t i;
    double d;
    int size; /* containers: children the model counted */
} event;

static event ev[8192];
static size_t nev;
static char strs[1 << 16];
static size_t nstr;
static char big[1 << 17], small_buf[600];
static mb_token toks[16384];
static char tmp[1 << 16];

typedef struct model {
    int kind[64];  /* container kinds, the two of mb_gql_begin at the bottom */
    size_t evi[64]; /* their events, for the sizes */
    int depth, after_key;
    mb_status st;
} model;

static void fail(model *m, mb_status s) {
    if (m->st == MB_OK) m->st = s;
}

/* Can a value stand here? Counts it in its container. */
static int value_ok(model *m) {
    if (m->depth == 0) return 0; /* the body is closed: a second top-level value is refused */
    if (m->kind[m->depth - 1] == EV_OBJ) {
        if (!m->after_key) return 0;
        m->after_key = 0;
        return 1;
    }
    ev[m->evi[m->depth - 1]].size++;
    return 1;
}

static int value_would_be_ok(const model *m) {
    if (m->depth == 0) return !m->after_key;
    return m->kind[m->depth - 1] == EV_OBJ ? m->after_key : 1;
}

static int had_opname;
static int recording; /* events are kept for the big-buffer run only */

static void add(int kind, const char *s, size_t len, int64_t i, double d) {
    if (!recording || nev >= sizeof ev / sizeof ev[0]) return;
    ev[nev].kind = kind;
    ev[nev].s = s;
    ev[nev].len = len;
    ev[nev].i = i;
    ev[nev].d = d;
    ev[nev].size = 0;
    nev++;
}

/* The next len input bytes (fewer at the end), copied and NUL-terminated. */
static const char *take_bytes(fuzz_in *in, size_t len, size_t *got) {
    char *s = strs + nstr;
    if (len > fuzz_left(in)) len = fuzz_left(in);
    if (len + 1 > sizeof strs - nstr) return NULL;
    memcpy(s, in->p + in->i, len);
    s[len] = '\0';
    in->i += len;
    nstr += len + 1;
    if (got) *got = len;
    return s;
}

/* Runs the program on w and the model m (events when recording). */
static void run(const uint8_t *data, size_t size, mb_writer *w, model *m, int skip_invalid) {
    fuzz_in in = {data, size, 0};
    const char *query, *opname;
    size_t ql = fuzz_u8(&in), ol;
    query = take_bytes(&in, ql, NULL);
    ol = fuzz_u8(&in);
    opname = ol ? take_bytes(&in, ol - 1, NULL) : NULL;
    if (!query) return;
    had_opname = opname != NULL;
    mb_gql_begin(w, query, opname);
    {
        memset(m, 0, sizeof *m);
        if (!mb_utf8_valid(query, strlen(query)) || (opname && !mb_utf8_valid(opname, strlen(opname))))
            fail(m, MB_ERR_UTF8);
        m->kind[0] = m->kind[1] = EV_OBJ;
        m->depth = 2;
        add(EV_STR, query, strlen(query), 0, 0);
        if (opname) add(EV_STR, opname, strlen(opname), 0, 0);
        add(EV_OBJ, NULL, 0, 0, 0);
        m->evi[1] = nev - 1;
    }
    while (fuzz_left(&in) > 0) {
        unsigned op = fuzz_u8(&in) % OP_COUNT;
        if (skip_invalid) { /* keep the program well formed: drop misplaced calls */
            int top = m->depth ? m->kind[m->depth - 1] : -1;
            int ok;
            switch (op) {
            case OP_OBJ_END: ok = top == EV_OBJ && !m->after_key && m->depth > 2; break;
            case OP_ARR_END: ok = top == EV_ARR && !m->after_key; break;
            case OP_KEY: ok = top == EV_OBJ && !m->after_key; break;
            case OP_OBJ: case OP_ARR: ok = value_would_be_ok(m) && m->depth < MB_JSON_MAX_DEPTH; break;
            default: ok = value_would_be_ok(m);
            }
            if (!ok) continue;
        }
        switch (op) {
        case OP_OBJ:
        case OP_ARR:
            if (op == OP_OBJ) mb_w_object_begin(w);
            else mb_w_array_begin(w);
            if (m->st == MB_OK) {
                if (!value_ok(m)) fail(m, MB_ERR_ARG);
                else if (m->depth >= MB_JSON_MAX_DEPTH) fail(m, MB_ERR_DEPTH);
                else {
                    add(op == OP_OBJ ? EV_OBJ : EV_ARR, NULL, 0, 0, 0);
                    m->kind[m->depth] = op == OP_OBJ ? EV_OBJ : EV_ARR;
                    m->evi[m->depth++] = nev - 1;
                }
            }
            break;
        case OP_OBJ_END:
        case OP_ARR_END:
            if (op == OP_OBJ_END) mb_w_object_end(w);
            else mb_w_array_end(w);
            if (m->st == MB_OK) {
                if (m->depth == 0 || m->after_key || m->kind[m->depth - 1] != (op == OP_OBJ_END ? EV_OBJ : EV_ARR))
                    fail(m, MB_ERR_ARG);
                else m->depth--;
            }
            break;
        case OP_KEY: {
            const char *k = take_bytes(&in, fuzz_u8(&in) % 24u, NULL);
            if (!k) return;
            mb_w_key(w, k);
            if (m->st == MB_OK) {
                if (m->depth == 0 || m->after_key || m->kind[m->depth - 1] != EV_OBJ) fail(m, MB_ERR_ARG);
                else if (!mb_utf8_valid(k, strlen(k))) fail(m, MB_ERR_UTF8);
                else {
                    m->after_key = 1;
                    ev[m->evi[m->depth - 1]].size++;
                    add(EV_KEY, k, strlen(k), 0, 0);
                }
            }
            break;
        }
        case OP_STR: {
            size_t len = fuzz_u8(&in);
            const char *s;
            if (len >= 0xF0) len = (len - 0xF0) * 1024u; /* now and then a long one */
            s = take_bytes(&in, len, &len);
            if (!s) return;
            mb_w_stringn(w, s, len); /* any bytes, NUL included */
            if (m->st == MB_OK) {
                if (!value_ok(m)) fail(m, MB_ERR_ARG);
                else if (!mb_utf8_valid(s, len)) fail(m, MB_ERR_UTF8);
                else add(EV_STR, s, len, 0, 0);
            }
            break;
        }
        case OP_INT:
        case OP_DBL: {
            uint64_t bits = 0;
            for (int k = 0; k < 8; k++) bits = (bits << 8) | fuzz_u8(&in);
            if (op == OP_INT) {
                int64_t v;
                memcpy(&v, &bits, sizeof v);
                mb_w_int(w, v);
                if (m->st == MB_OK) {
                    if (!value_ok(m)) fail(m, MB_ERR_ARG);
                    else add(EV_INT, NULL, 0, v, 0);
                }
            } else {
                double v;
                memcpy(&v, &bits, sizeof v);
                mb_w_double(w, v);
                if (m->st == MB_OK) {
                    if (v != v || v > DBL_MAX || v < -DBL_MAX) fail(m, MB_ERR_RANGE);
                    else if (!value_ok(m)) fail(m, MB_ERR_ARG);
                    else add(EV_DBL, NULL, 0, 0, v);
                }
            }
            break;
        }
        case OP_BOOL:
        case OP_NULL:
        case OP_NULLSTR: {
            int b = op == OP_BOOL ? (int)(fuzz_u8(&in) & 1u) : 0;
            if (op == OP_BOOL) mb_w_bool(w, b);
            else if (op == OP_NULL) mb_w_null(w);
            else mb_w_string(w, NULL);
            if (m->st == MB_OK) {
                if (!value_ok(m)) fail(m, MB_ERR_ARG);
                else add(op == OP_BOOL ? EV_BOOL : EV_NULL, NULL, 0, b, 0);
            }
            break;
        }
        default: { /* OP_RAW */
            const char *r = raws[fuzz_u8(&in) % (sizeof raws / sizeof raws[0])];
            mb_w_raw(w, r, strlen(r));
            if (m->st == MB_OK) {
                if (!value_ok(m)) fail(m, MB_ERR_ARG);
                else add(EV_RAW, r, strlen(r), 0, 0);
            }
        }
        }
    }
    if (skip_invalid) /* close what is open, as a careful caller would */
        while (m->depth > 2 && m->st == MB_OK) {
            if (m->after_key) {
                mb_w_null(w);
                value_ok(m);
                add(EV_NULL, NULL, 0, 0, 0);
            }
            if (m->kind[m->depth - 1] == EV_OBJ) mb_w_object_end(w);
            else mb_w_array_end(w);
            m->depth--;
        }
    if (mb_gql_end(w) != w->err) FUZZ_FAIL("mb_gql_end's status is not the writer's");
    if (m->st == MB_OK && (m->depth != 2 || m->after_key || m->kind[0] != EV_OBJ || m->kind[1] != EV_OBJ))
        fail(m, MB_ERR_ARG); /* mb_gql_end closes two objects */
}

static void compare_one(const mb_json *d, int *tp, const event *x, size_t e) {
    int t = *tp;
    const mb_token *k = &d->tok[t];
    switch (x->kind) {
    case EV_KEY:
    case EV_STR: {
        size_t n = 0;
        if (k->type != JSMN_STRING || mb_json_unescape(d, t, tmp, sizeof tmp, &n) != MB_OK || n != x->len ||
            memcmp(tmp, x->s, n) != 0)
            FUZZ_FAILF("string %zu does not read back (token %d)", e, t);
        break;
    }
    case EV_OBJ:
    case EV_ARR:
        if (k->type != (x->kind == EV_OBJ ? JSMN_OBJECT : JSMN_ARRAY) || k->size != x->size)
            FUZZ_FAILF("container %zu differs (token %d)", e, t);
        break;
    case EV_INT: {
        int64_t v;
        if (mb_json_get_i64(d, t, &v) != MB_OK || v != x->i) FUZZ_FAILF("integer %zu differs (token %d)", e, t);
        break;
    }
    case EV_DBL: {
        double v;
        if (mb_json_get_double(d, t, &v) != MB_OK || v != x->d) FUZZ_FAILF("double %zu differs (token %d)", e, t);
        break;
    }
    case EV_BOOL:
        if (!mb_str_eq(mb_json_raw_view(d, t), x->i ? "true" : "false")) FUZZ_FAIL("bool differs");
        break;
    case EV_NULL:
        if (!mb_json_is_null(d, t)) FUZZ_FAIL("null differs");
        break;
    default: { /* raw: the same text, then skip its subtree */
        mb_str v = mb_json_raw_view(d, t);
        const char *r = x->s;
        size_t rl = x->len;
        if (k->type == JSMN_STRING) { r++; rl -= 2; }
        if (v.len != rl || memcmp(v.ptr, r, rl) != 0) FUZZ_FAIL("raw JSON differs");
        while (t + 1 < d->count && d->tok[t + 1].start < k->end) t++;
    }
    }
    *tp = t;
}

/* Compares the parsed body with the events: query, operation name, then
 * the variables object and its subtree in document order. */
static void compare(const mb_json *d, int has_opname) {
    int t, vars;
    size_t e = 0;
    if (mb_json_find(d, 0, "query", &t) != MB_OK) FUZZ_FAIL("no query in the body");
    compare_one(d, &t, &ev[e], e);
    e++;
    if (has_opname) {
        if (mb_json_find(d, 0, "operationName", &t) != MB_OK) FUZZ_FAIL("no operationName in the body");
        compare_one(d, &t, &ev[e], e);
        e++;
    } else if (mb_json_find(d, 0, "operationName", &t) != MB_ERR_NOT_FOUND) {
        FUZZ_FAIL("operationName written without one");
    }
    if (mb_json_find(d, 0, "variables", &vars) != MB_OK) FUZZ_FAIL("no variables in the body");
    for (t = vars; t < d->count && e < nev; t++, e++) compare_one(d, &t, &ev[e], e);
    if (e != nev || t != d->count) FUZZ_FAILF("%zu of %zu values found in the body", e, nev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    mb_writer w, ws;
    model m;
    mb_json d;
    mb_status s;
    size_t small;
    int skip;
    if (size < 1 || size > 8192) return 0;
    skip = data[0] & 1;
    small = 16u + ((data[0] >> 1) & 7u) * 80u;
    nev = nstr = 0;
    recording = 1;
    mb_w_init(&w, big, sizeof big);
    run(data + 1, size - 1, &w, &m, skip);
    recording = 0;
    if (w.err != m.st) FUZZ_FAILF("writer status %d, model %d", (int)w.err, (int)m.st);
    if (w.len > sizeof big) FUZZ_FAIL("writer past its buffer");
    if (w.err == MB_OK) {
        s = mb_json_parse(&d, big, w.len, toks, sizeof toks / sizeof toks[0]);
        if (s == MB_OK) s = mb_json_check_strings(&d);
        if (s != MB_OK) FUZZ_FAILF("writer output is not JSON: %d (%d)", (int)s, 0);
        compare(&d, had_opname);
    }
    /* the same program into a small buffer */
    nstr = 0;
    mb_w_init(&ws, small_buf, small);
    run(data + 1, size - 1, &ws, &m, skip);
    if (ws.err != MB_ERR_BUFFER && ws.err != w.err) FUZZ_FAILF("small buffer: %d, big: %d", (int)ws.err, (int)w.err);
    if (ws.err == MB_OK && (ws.len != w.len || memcmp(small_buf, big, w.len) != 0)) FUZZ_FAIL("small buffer differs");
    if (ws.len > small) FUZZ_FAIL("writer past its small buffer");
    return 0;
}
