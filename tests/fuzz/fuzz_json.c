/* libFuzzer harness for the json layer: mb_json_parse + check_strings,
 * path lookup, iteration, unescape and the typed getters.
 * Input: byte 0 picks the token array and the unescape buffer sizes, then a
 * path up to the first '\n' (at most 64 bytes), then the JSON text.
 *
 * Properties checked beyond the sanitizers, against a small reference
 * parser written here (strict RFC 8259 plus the SDK's rule that strings
 * are valid UTF-8 without lone surrogates):
 *  - acceptance: parse + check_strings succeeds iff the reference accepts,
 *    or says MB_ERR_TOKENS exactly when the document needs more tokens;
 *  - every string unescapes to the reference's bytes, is valid UTF-8, and
 *    round-trips through the writer (mb_w_stringn) byte for byte;
 *  - a small destination gives MB_ERR_BUFFER and "" (never a partial copy);
 *  - integers and doubles agree with a reference conversion, i32 with i64;
 *  - iteration visits exactly size() children of each container, and path
 *    lookup returns tokens inside the document;
 *  - the check of a typed jsonb variable (typed.c, no tokens) accepts
 *    exactly what the reference does, nested up to MB_JSON_MAX_DEPTH.
 *   clang -fsanitize=fuzzer,address,undefined -I. tests/fuzz/fuzz_json.c */
#define MB_IMPLEMENTATION
#include "mb.h"
#include "fuzz_common.h"

/* ---- reference parser: validates and counts jsmn's tokens ---- */
typedef struct ref {
    const unsigned char *s;
    size_t n, i;
    long tokens;
    int deepest; /* containers nested at most */
} ref;

static void ref_ws(ref *r) {
    while (r->i < r->n && (r->s[r->i] == ' ' || r->s[r->i] == '\t' || r->s[r->i] == '\n' || r->s[r->i] == '\r'))
        r->i++;
}
static int ref_hex(unsigned char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}
static long ref_u4(const ref *r, size_t at) {
    long v = 0;
    if (at + 4 > r->n) return -1;
    for (size_t k = 0; k < 4; k++) {
        int h = ref_hex(r->s[at + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Appends code point cp as UTF-8 to out (when out is not NULL). */
static size_t put_utf8(unsigned char *out, size_t o, unsigned long cp) {
    unsigned char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (unsigned char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (unsigned char)(0xC0 | (cp >> 6)); b[1] = (unsigned char)(0x80 | (cp & 63)); n = 2; }
    else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12)); b[1] = (unsigned char)(0x80 | ((cp >> 6) & 63));
        b[2] = (unsigned char)(0x80 | (cp & 63)); n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18)); b[1] = (unsigned char)(0x80 | ((cp >> 12) & 63));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 63)); b[3] = (unsigned char)(0x80 | (cp & 63)); n = 4;
    }
    if (out) memcpy(out + o, b, n);
    return o + n;
}

/* One UTF-8 sequence at s[i..n): its length, 0 if invalid (RFC 3629). */
static size_t ref_utf8_seq(const unsigned char *s, size_t i, size_t n) {
    unsigned c = s[i];
    size_t len;
    unsigned long cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (i + len > n) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return len;
}

/* Decodes the string body s[0..n) (between the quotes) into out (may be
 * NULL); returns the decoded length or -1 when invalid. */
static long ref_string_body(const unsigned char *s, size_t n, unsigned char *out) {
    size_t i = 0, o = 0;
    ref tmp;
    tmp.s = s;
    tmp.n = n;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x20 || c == '"') return -1;
        if (c != '\\') {
            size_t l = ref_utf8_seq(s, i, n);
            if (!l) return -1;
            if (out) memcpy(out + o, s + i, l);
            o += l;
            i += l;
            continue;
        }
        if (i + 1 >= n) return -1;
        c = s[i + 1];
        i += 2;
        switch (c) {
        case '"': case '\\': case '/': o = put_utf8(out, o, c); break;
        case 'b': o = put_utf8(out, o, '\b'); break;
        case 'f': o = put_utf8(out, o, '\f'); break;
        case 'n': o = put_utf8(out, o, '\n'); break;
        case 'r': o = put_utf8(out, o, '\r'); break;
        case 't': o = put_utf8(out, o, '\t'); break;
        case 'u': {
            long hi = ref_u4(&tmp, i), lo;
            if (hi < 0) return -1;
            i += 4;
            if (hi >= 0xDC00 && hi <= 0xDFFF) return -1; /* lone low surrogate */
            if (hi >= 0xD800 && hi <= 0xDBFF) {
                if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u') return -1;
                lo = ref_u4(&tmp, i + 2);
                if (lo < 0xDC00 || lo > 0xDFFF) return -1;
                i += 6;
                hi = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            }
            o = put_utf8(out, o, (unsigned long)hi);
            break;
        }
        default: return -1;
        }
    }
    return (long)o;
}

static int ref_value(ref *r, int depth);

static int ref_string(ref *r) {
    size_t a;
    if (r->i >= r->n || r->s[r->i] != '"') return 0;
    a = ++r->i;
    while (r->i < r->n && r->s[r->i] != '"') {
        if (r->s[r->i] == '\\') r->i++;
        r->i++;
    }
    if (r->i >= r->n) return 0;
    if (ref_string_body(r->s + a, r->i - a, NULL) < 0) return 0;
    r->i++;
    r->tokens++;
    return 1;
}

static int ref_number(ref *r) {
    size_t a = r->i;
    if (r->i < r->n && r->s[r->i] == '-') r->i++;
    if (r->i >= r->n || r->s[r->i] < '0' || r->s[r->i] > '9') return 0;
    if (r->s[r->i] == '0') r->i++;
    else while (r->i < r->n && r->s[r->i] >= '0' && r->s[r->i] <= '9') r->i++;
    if (r->i < r->n && r->s[r->i] == '.') {
        r->i++;
        if (r->i >= r->n || r->s[r->i] < '0' || r->s[r->i] > '9') return 0;
        while (r->i < r->n && r->s[r->i] >= '0' && r->s[r->i] <= '9') r->i++;
    }
    if (r->i < r->n && (r->s[r->i] == 'e' || r->s[r->i] == 'E')) {
        r->i++;
        if (r->i < r->n && (r->s[r->i] == '+' || r->s[r->i] == '-')) r->i++;
        if (r->i >= r->n || r->s[r->i] < '0' || r->s[r->i] > '9') return 0;
        while (r->i < r->n && r->s[r->i] >= '0' && r->s[r->i] <= '9') r->i++;
    }
    r->tokens++;
    return r->i > a;
}

static int ref_lit(ref *r, const char *w) {
    size_t l = strlen(w);
    if (r->n - r->i < l || memcmp(r->s + r->i, w, l) != 0) return 0;
    r->i += l;
    r->tokens++;
    return 1;
}

static int ref_value(ref *r, int depth) {
    if (depth > 2000) return 0;
    ref_ws(r);
    if (r->i >= r->n) return 0;
    switch (r->s[r->i]) {
    case '{':
        r->i++;
        r->tokens++;
        if (depth + 1 > r->deepest) r->deepest = depth + 1;
        ref_ws(r);
        if (r->i < r->n && r->s[r->i] == '}') { r->i++; return 1; }
        for (;;) {
            ref_ws(r);
            if (!ref_string(r)) return 0;
            ref_ws(r);
            if (r->i >= r->n || r->s[r->i] != ':') return 0;
            r->i++;
            if (!ref_value(r, depth + 1)) return 0;
            ref_ws(r);
            if (r->i < r->n && r->s[r->i] == ',') { r->i++; continue; }
            if (r->i < r->n && r->s[r->i] == '}') { r->i++; return 1; }
            return 0;
        }
    case '[':
        r->i++;
        r->tokens++;
        if (depth + 1 > r->deepest) r->deepest = depth + 1;
        ref_ws(r);
        if (r->i < r->n && r->s[r->i] == ']') { r->i++; return 1; }
        for (;;) {
            if (!ref_value(r, depth + 1)) return 0;
            ref_ws(r);
            if (r->i < r->n && r->s[r->i] == ',') { r->i++; continue; }
            if (r->i < r->n && r->s[r->i] == ']') { r->i++; return 1; }
            return 0;
        }
    case '"': return ref_string(r);
    case 't': return ref_lit(r, "true");
    case 'f': return ref_lit(r, "false");
    case 'n': return ref_lit(r, "null");
    default: return ref_number(r);
    }
}

/* ---- the properties ---- */
static mb_token toks[1024];
static unsigned char refbuf[8192];
static char dst[8192], wbuf[65536];
static mb_token toks2[8];

/* Reference integer: -?digits only; 1 and *v when it fits int64, 2 when
 * it overflows, 0 when not an integer text. */
static int ref_int(mb_str v, int64_t *out) {
    size_t i = 0;
    int neg = 0;
    __int128 acc = 0;
    if (v.len && v.ptr[0] == '-') { neg = 1; i++; }
    if (i >= v.len || (v.ptr[i] == '0' && i + 1 < v.len)) return 0; /* JSON has no leading zeros */
    for (; i < v.len; i++) {
        if (v.ptr[i] < '0' || v.ptr[i] > '9') return 0;
        acc = acc * 10 + (v.ptr[i] - '0');
        if (acc > ((__int128)1 << 64)) acc = ((__int128)1 << 64); /* saturate: overflow either way */
    }
    if (neg) acc = -acc;
    if (acc > INT64_MAX || acc < INT64_MIN) return 2;
    *out = (int64_t)acc;
    return 1;
}

static void check_string(const mb_json *d, int t, size_t small) {
    mb_str raw;
    size_t n = 0, n2 = 0;
    long want;
    mb_writer w;
    mb_json back;
    if (mb_json_get_str(d, t, &raw) != MB_OK) FUZZ_FAIL("get_str fails on a checked document");
    want = ref_string_body((const unsigned char *)raw.ptr, raw.len, refbuf);
    if (want < 0) FUZZ_FAIL("reference rejects a string the SDK accepted");
    if (mb_json_unescape(d, t, dst, sizeof dst, &n) != MB_OK) FUZZ_FAIL("unescape fails");
    if (n != (size_t)want || memcmp(dst, refbuf, n) != 0 || dst[n] != '\0') FUZZ_FAIL("unescape differs from reference");
    if (!mb_utf8_valid(dst, n)) FUZZ_FAIL("unescaped text is not UTF-8");
    /* small destination: all or nothing */
    {
        mb_status s = mb_json_unescape(d, t, dst, small, &n2);
        if (n + 1 <= small ? s != MB_OK : (s != MB_ERR_BUFFER || dst[0] != '\0'))
            FUZZ_FAILF("unescape into %zu bytes gave status %d", small, (int)s);
    }
    /* round trip through the writer */
    mb_json_unescape(d, t, dst, sizeof dst, &n);
    mb_w_init(&w, wbuf, sizeof wbuf);
    mb_w_stringn(&w, dst, n);
    if (mb_w_status(&w) != MB_OK) FUZZ_FAIL("writer refuses an unescaped string");
    if (mb_json_parse(&back, wbuf, w.len, toks2, 8) != MB_OK || back.count != 1 ||
        mb_json_unescape(&back, 0, (char *)refbuf, sizeof refbuf, &n2) != MB_OK || n2 != n ||
        memcmp(refbuf, dst, n) != 0)
        FUZZ_FAIL("string does not round-trip through the writer");
}

static void check_number(const mb_json *d, int t) {
    mb_str v = mb_json_raw_view(d, t);
    int64_t i64 = 0, want = 0;
    int32_t i32 = 0;
    int kind = ref_int(v, &want);
    mb_status s = mb_json_get_i64(d, t, &i64), s32 = mb_json_get_i32(d, t, &i32);
    if (d->tok[t].type == JSMN_STRING && (v.len == 0 || v.ptr[0] == '+')) kind = 0;
    if (kind == 1 && (s != MB_OK || i64 != want)) FUZZ_FAIL("get_i64 differs from reference");
    if (kind == 2 && s != MB_ERR_RANGE) FUZZ_FAIL("get_i64 misses an overflow");
    if (kind == 0 && s == MB_OK) FUZZ_FAIL("get_i64 accepts a non-integer");
    if (s == MB_OK && (want < INT32_MIN || want > INT32_MAX) && s32 != MB_ERR_RANGE) FUZZ_FAIL("get_i32 range");
    if (s == MB_OK && want >= INT32_MIN && want <= INT32_MAX && (s32 != MB_OK || i32 != want)) FUZZ_FAIL("get_i32");
    {
        double dv = 0, ref_d;
        char tmp[80];
        mb_status sd = mb_json_get_double(d, t, &dv);
        if (sd == MB_OK) {
            if (v.len >= sizeof tmp) FUZZ_FAIL("get_double read a long number");
            memcpy(tmp, v.ptr, v.len);
            tmp[v.len] = '\0';
            ref_d = strtod(tmp, NULL);
            if (!(ref_d == dv || (ref_d != ref_d && dv != dv))) FUZZ_FAIL("get_double differs from strtod");
        } else if (d->tok[t].type == JSMN_PRIMITIVE && (v.ptr[0] == '-' || (v.ptr[0] >= '0' && v.ptr[0] <= '9')) &&
                   sd != MB_ERR_RANGE) {
            FUZZ_FAILF("get_double refuses a JSON number: %d (%d)", (int)sd, 0);
        }
    }
}

static void check_tree(const mb_json *d, const char *path, size_t small) {
    for (int t = 0; t < d->count; t++) {
        const mb_token *k = &d->tok[t];
        int b;
        if (k->start < 0 || k->end < k->start || (size_t)k->end > d->len) FUZZ_FAIL("token outside the text");
        if (k->type == JSMN_OBJECT || k->type == JSMN_ARRAY) {
            int n = 0, c;
            for (c = mb_json_first(d, t); c >= 0; c = mb_json_next(d, c)) {
                if (d->tok[c].parent != t) FUZZ_FAIL("iteration left its container");
                if (k->type == JSMN_OBJECT && (d->tok[c].type != JSMN_STRING || c + 1 >= d->count))
                    FUZZ_FAIL("object member without a key and value");
                if (++n > k->size) FUZZ_FAIL("iteration visits more than size()");
            }
            if (n != mb_json_size(d, t)) FUZZ_FAIL("iteration count differs from size()");
        } else if (mb_json_size(d, t) != -1 || mb_json_first(d, t) != -1) {
            FUZZ_FAIL("a scalar has a size or children");
        }
        if (k->type == JSMN_STRING) check_string(d, t, small);
        if (k->type == JSMN_PRIMITIVE || k->type == JSMN_STRING) check_number(d, t);
        if (mb_json_get_bool(d, t, &b) == MB_OK) {
            mb_str v = mb_json_raw_view(d, t);
            if (k->type != JSMN_PRIMITIVE || !(mb_str_eq(v, "true") ? b == 1 : mb_str_eq(v, "false") && b == 0))
                FUZZ_FAIL("get_bool");
        }
        if (mb_json_is_null(d, t) != (k->type == JSMN_PRIMITIVE && mb_str_eq(mb_json_raw_view(d, t), "null")))
            FUZZ_FAIL("is_null");
    }
    for (int from = 0; from < d->count && from < 3; from++) {
        int out = -1;
        mb_status s = mb_json_find(d, from, path, &out);
        if (s == MB_OK && (out < from || out >= d->count)) FUZZ_FAIL("find returned a token outside the document");
        if (s == MB_OK && !*path && out != from) FUZZ_FAIL("empty path must name the start token");
    }
    if (mb_json_first(d, -1) != -1 || mb_json_next(d, d->count) != -1) FUZZ_FAIL("bad index accepted");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const size_t ntok[] = {1, 3, 16, 1024};
    static const size_t smalls[] = {1, 2, 5, 16};
    char path[65];
    size_t pl = 0, max_tokens, small;
    const uint8_t *nl;
    mb_json d;
    ref r;
    mb_status s;
    int valid;
    if (size < 1 || size > 4096) return 0;
    max_tokens = ntok[data[0] & 3u];
    small = smalls[(data[0] >> 2) & 3u];
    data++;
    size--;
    nl = (const uint8_t *)memchr(data, '\n', size < 65 ? size : 65);
    if (nl) {
        pl = (size_t)(nl - data);
        memcpy(path, data, pl);
        data += pl + 1;
        size -= pl + 1;
    }
    path[pl] = '\0';
    r.s = data;
    r.n = size;
    r.i = 0;
    r.tokens = 0;
    r.deepest = 0;
    valid = ref_value(&r, 0);
    if (valid) {
        ref_ws(&r);
        valid = r.i == r.n;
    }
    { /* the token-free check of a typed jsonb variable's text agrees */
        mb_status vs = mb__json_value_ok((const char *)data, size);
        if (valid && r.deepest <= MB_JSON_MAX_DEPTH && vs != MB_OK) FUZZ_FAILF("jsonb check refused valid JSON: %d (nesting %d)", (int)vs, r.deepest);
        if (valid && r.deepest > MB_JSON_MAX_DEPTH && vs != MB_ERR_DEPTH) FUZZ_FAIL("jsonb check: nesting past the limit not MB_ERR_DEPTH");
        if (!valid && vs == MB_OK) FUZZ_FAIL("jsonb check accepted invalid JSON");
    }
    s = mb_json_parse(&d, (const char *)data, size, toks, max_tokens);
    if (s == MB_OK) s = mb_json_check_strings(&d);
    if (valid && r.tokens <= (long)max_tokens && s != MB_OK) FUZZ_FAILF("valid JSON refused: %d (%ld tokens)", (int)s, r.tokens);
    if (valid && r.tokens > (long)max_tokens && s != MB_ERR_TOKENS) FUZZ_FAIL("token shortage not reported");
    if (!valid && s == MB_OK) FUZZ_FAIL("invalid JSON accepted");
    if (s == MB_OK) {
        if (d.count != r.tokens) FUZZ_FAILF("token count %d, reference %ld", d.count, r.tokens);
        check_tree(&d, path, small);
    }
    return 0;
}
