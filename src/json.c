
/* ---- json ---- */

static int mb__is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int mb__is_digit(char c) { return c >= '0' && c <= '9'; }

/* End of a JSON number starting at p, or NULL if p..e is not one. */
static const char *mb__num_end(const char *p, const char *e) {
    if (p < e && *p == '-') p++;
    if (p >= e || !mb__is_digit(*p)) return NULL;
    if (*p == '0') p++;
    else while (p < e && mb__is_digit(*p)) p++;
    if (p < e && *p == '.') {
        if (++p >= e || !mb__is_digit(*p)) return NULL;
        while (p < e && mb__is_digit(*p)) p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-')) p++;
        if (p >= e || !mb__is_digit(*p)) return NULL;
        while (p < e && mb__is_digit(*p)) p++;
    }
    return p;
}

static int mb__lit_eq(const char *p, size_t n, const char *lit) {
    size_t l = strlen(lit);
    return n == l && memcmp(p, lit, l) == 0;
}

static int mb__primitive_ok(const char *p, size_t n) {
    if (n == 0) return 0;
    if (*p == 't') return mb__lit_eq(p, n, "true");
    if (*p == 'f') return mb__lit_eq(p, n, "false");
    if (*p == 'n') return mb__lit_eq(p, n, "null");
    return mb__num_end(p, p + n) == p + n;
}

enum { MB__GAP_WS, MB__GAP_COLON, MB__GAP_COMMA, MB__GAP_CLOSE };

/* Bytes between two tokens: only whitespace, plus exactly one ':' (COLON),
 * or closing brackets then exactly one ',' (COMMA), or closing brackets
 * only (CLOSE). jsmn has already matched the brackets. */
static int mb__gap_ok(const char *js, size_t a, size_t b, int want) {
    int seen = 0;
    for (; a < b; a++) {
        char ch = js[a];
        if (mb__is_ws(ch)) continue;
        if ((ch == '}' || ch == ']') && (want == MB__GAP_COMMA || want == MB__GAP_CLOSE) && !seen) continue;
        if (!seen && ((want == MB__GAP_COLON && ch == ':') || (want == MB__GAP_COMMA && ch == ','))) {
            seen = 1;
            continue;
        }
        return 0;
    }
    return seen || want == MB__GAP_WS || want == MB__GAP_CLOSE;
}

/* A token's extent including a string's quotes. */
static size_t mb__outer_start(const mb_token *t) { return (size_t)t->start - (t->type == JSMN_STRING ? 1u : 0u); }
static size_t mb__outer_end(const mb_token *t) { return (size_t)t->end + (t->type == JSMN_STRING ? 1u : 0u); }

mb_status mb_json_parse(mb_json *doc, const char *js, size_t len, mb_token *tokens, size_t max_tokens) {
    jsmn_parser parser;
    int r, i;
    size_t end;
    if (!doc || !js || !tokens || max_tokens == 0) return MB_ERR_ARG;
    doc->js = js;
    doc->len = len;
    doc->tok = tokens;
    doc->count = 0;
    if (len > (size_t)INT_MAX) return MB_ERR_RANGE; /* jsmn keeps offsets in int */
    if (max_tokens > (size_t)INT_MAX) max_tokens = (size_t)INT_MAX;
    jsmn_init(&parser);
    r = jsmn_parse(&parser, js, len, tokens, (unsigned int)max_tokens);
    if (r == JSMN_ERROR_NOMEM) return MB_ERR_TOKENS;
    if (r == JSMN_ERROR_PART) { /* strict jsmn wants a delimiter after a root primitive: "42" */
        size_t a = 0, b = len;
        while (a < b && mb__is_ws(js[a])) a++;
        while (b > a && mb__is_ws(js[b - 1])) b--;
        if (a == b || js[a] == '{' || js[a] == '[' || js[a] == '"' || !mb__primitive_ok(js + a, b - a))
            return MB_ERR_JSON;
        tokens[0].type = JSMN_PRIMITIVE;
        tokens[0].start = (int)a;
        tokens[0].end = (int)b;
        tokens[0].size = 0;
        tokens[0].parent = -1;
        doc->count = 1;
        return MB_OK;
    }
    if (r <= 0) return MB_ERR_JSON;
    /* exactly one top-level value, then only whitespace */
    end = (size_t)tokens[0].end + (tokens[0].type == JSMN_STRING ? 1u : 0u);
    for (; end < len; end++)
        if (!mb__is_ws(js[end])) return MB_ERR_JSON;
    /* jsmn (even strict) accepts some non-JSON: [1,,2], {"a"}, {,}, [1 2].
     * Check primitives' grammar and the punctuation between tokens. */
    for (i = 0; i < r; i++) {
        const mb_token *t = &tokens[i];
        int p = t->parent;
        if (t->type == JSMN_PRIMITIVE && !mb__primitive_ok(js + t->start, (size_t)(t->end - t->start)))
            return MB_ERR_JSON;
        if ((t->type == JSMN_OBJECT || t->type == JSMN_ARRAY) && t->size == 0 &&
            !mb__gap_ok(js, (size_t)t->start + 1, (size_t)t->end - 1, MB__GAP_WS))
            return MB_ERR_JSON;
        /* a string followed by ':' is a key, and keys live in objects only: ["a":1] */
        if (t->type == JSMN_STRING && t->size > 0 && (p < 0 || tokens[p].type != JSMN_OBJECT)) return MB_ERR_JSON;
        if (i == 0) {
            if (!mb__gap_ok(js, 0, mb__outer_start(t), MB__GAP_WS)) return MB_ERR_JSON; /* ":{}" */
            continue;
        }
        if (p < 0) return MB_ERR_JSON;
        if (tokens[p].type == JSMN_OBJECT && (t->type != JSMN_STRING || t->size != 1)) return MB_ERR_JSON;
        if (tokens[p].type == JSMN_STRING) {
            if (!mb__gap_ok(js, mb__outer_end(&tokens[p]), mb__outer_start(t), MB__GAP_COLON)) return MB_ERR_JSON;
        } else if (p == i - 1) {
            if (!mb__gap_ok(js, (size_t)tokens[p].start + 1, mb__outer_start(t), MB__GAP_WS)) return MB_ERR_JSON;
        } else if (!mb__gap_ok(js, mb__outer_end(&tokens[i - 1]), mb__outer_start(t), MB__GAP_COMMA)) {
            return MB_ERR_JSON;
        }
    }
    if (r > 1 && !mb__gap_ok(js, mb__outer_end(&tokens[r - 1]), (size_t)tokens[0].end, MB__GAP_CLOSE))
        return MB_ERR_JSON;
    doc->count = r;
    return MB_OK;
}

static int mb__valid_tok(const mb_json *d, int t) { return d && t >= 0 && t < d->count; }

/* Index after the subtree rooted at t (tokens are in document order). */
static int mb__skip(const mb_json *d, int t) {
    int end = d->tok[t].end, j = t + 1;
    while (j < d->count && d->tok[j].start < end) j++;
    return j;
}

int mb_json_first(const mb_json *d, int c) {
    if (!mb__valid_tok(d, c)) return -1;
    if (d->tok[c].type != JSMN_OBJECT && d->tok[c].type != JSMN_ARRAY) return -1;
    return d->tok[c].size > 0 && c + 1 < d->count ? c + 1 : -1;
}

int mb_json_next(const mb_json *d, int t) {
    int n, p;
    if (!mb__valid_tok(d, t)) return -1;
    p = d->tok[t].parent;
    if (p < 0) return -1;
    /* an object's member is key + value: skip both */
    n = mb__skip(d, t);
    if (d->tok[p].type == JSMN_OBJECT && n < d->count && d->tok[n].parent == t) n = mb__skip(d, n);
    return n < d->count && d->tok[n].parent == p ? n : -1;
}

int mb_json_size(const mb_json *d, int t) {
    if (!mb__valid_tok(d, t)) return -1;
    if (d->tok[t].type != JSMN_OBJECT && d->tok[t].type != JSMN_ARRAY) return -1;
    return d->tok[t].size;
}

mb_str mb_json_raw_view(const mb_json *d, int t) {
    mb_str v = {"", 0};
    if (!mb__valid_tok(d, t)) return v;
    v.ptr = d->js + d->tok[t].start;
    v.len = (size_t)(d->tok[t].end - d->tok[t].start);
    return v;
}

int mb_json_is_null(const mb_json *d, int t) {
    mb_str v = mb_json_raw_view(d, t);
    return mb__valid_tok(d, t) && d->tok[t].type == JSMN_PRIMITIVE && mb__lit_eq(v.ptr, v.len, "null");
}

mb_status mb_json_find(const mb_json *d, int from, const char *path, int *out) {
    int cur = from;
    const char *p = path;
    if (!mb__valid_tok(d, from) || !path || !out) return MB_ERR_ARG;
    while (*p) {
        if (*p == '[') {
            unsigned long idx = 0;
            int el;
            p++;
            if (!mb__is_digit(*p)) return MB_ERR_ARG;
            while (mb__is_digit(*p)) {
                if (idx > 100000000UL) return MB_ERR_ARG;
                idx = idx * 10u + (unsigned long)(*p++ - '0');
            }
            if (*p++ != ']') return MB_ERR_ARG;
            if (d->tok[cur].type != JSMN_ARRAY) return MB_ERR_TYPE;
            if (idx >= (unsigned long)d->tok[cur].size) return MB_ERR_NOT_FOUND;
            el = mb_json_first(d, cur);
            while (idx-- > 0 && el >= 0) el = mb_json_next(d, el);
            if (el < 0) return MB_ERR_NOT_FOUND;
            cur = el;
        } else {
            const char *k = p;
            size_t kl;
            int key;
            if (*p == '.') {
                if (p == path) return MB_ERR_ARG;
                k = ++p;
            }
            while (*p && *p != '.' && *p != '[') p++;
            kl = (size_t)(p - k);
            if (kl == 0) return MB_ERR_ARG;
            if (d->tok[cur].type != JSMN_OBJECT) return MB_ERR_TYPE;
            for (key = mb_json_first(d, cur); key >= 0; key = mb_json_next(d, key)) {
                const mb_token *t = &d->tok[key];
                if ((size_t)(t->end - t->start) == kl && memcmp(d->js + t->start, k, kl) == 0) break;
            }
            if (key < 0 || key + 1 >= d->count) return MB_ERR_NOT_FOUND;
            cur = key + 1;
        }
    }
    *out = cur;
    return MB_OK;
}

static int mb__hex4(const char *p, uint32_t *v) {
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') x |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') x |= (uint32_t)(c - 'A' + 10);
        else return 0;
    }
    *v = x;
    return 1;
}

/* Decodes (or, with dst NULL, only checks) a JSON string body. Returns the
 * decoded length through *outlen. */
static mb_status mb__unescape(const char *s, size_t n, char *dst, size_t cap, size_t *outlen) {
    size_t i = 0, o = 0, run = 0;
    while (i < n) {
        unsigned char c;
        uint32_t cp, lo;
        char u[4];
        size_t ul;
        /* four plain ASCII bytes at a time: no high bit, control or '\\' */
        while (n - i >= 4) {
            uint32_t v, x;
            memcpy(&v, s + i, 4);
            x = v ^ 0x5C5C5C5Cu;
            if ((v & 0x80808080u) | ((v - 0x20202020u) & ~v & 0x80808080u) | ((x - 0x01010101u) & ~x & 0x80808080u)) break;
            i += 4;
        }
        if (i >= n) break;
        c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '\\') { i++; continue; }
        if (c >= 0x80) { /* UTF-8 checked in the same pass */
            size_t l = mb__utf8_seq((const unsigned char *)s + i, (const unsigned char *)s + n);
            if (!l) return MB_ERR_UTF8;
            i += l;
            continue;
        }
        if (c < 0x20) return MB_ERR_JSON; /* raw control character */
        if (dst) {
            if (i - run > cap - o) return MB_ERR_BUFFER;
            if (dst + o != s + run) memmove(dst + o, s + run, i - run); /* may overlap: in-place unescape */
        }
        o += i - run;
        if (i + 1 >= n) return MB_ERR_JSON;
        c = (unsigned char)s[i + 1];
        i += 2;
        switch (c) {
        case '"': case '\\': case '/': u[0] = (char)c; ul = 1; break;
        case 'b': u[0] = '\b'; ul = 1; break;
        case 'f': u[0] = '\f'; ul = 1; break;
        case 'n': u[0] = '\n'; ul = 1; break;
        case 'r': u[0] = '\r'; ul = 1; break;
        case 't': u[0] = '\t'; ul = 1; break;
        case 'u':
            if (n - i < 4 || !mb__hex4(s + i, &cp)) return MB_ERR_JSON;
            i += 4;
            if (cp >= 0xDC00u && cp <= 0xDFFFu) return MB_ERR_UTF8; /* lone low surrogate */
            if (cp >= 0xD800u && cp <= 0xDBFFu) {
                if (n - i < 6 || s[i] != '\\' || s[i + 1] != 'u' || !mb__hex4(s + i + 2, &lo)) return MB_ERR_UTF8;
                if (lo < 0xDC00u || lo > 0xDFFFu) return MB_ERR_UTF8;
                i += 6;
                cp = 0x10000u + ((cp - 0xD800u) << 10) + (lo - 0xDC00u);
            }
            if (cp < 0x80u) { u[0] = (char)cp; ul = 1; }
            else if (cp < 0x800u) {
                u[0] = (char)(0xC0u | (cp >> 6)); u[1] = (char)(0x80u | (cp & 0x3Fu)); ul = 2;
            } else if (cp < 0x10000u) {
                u[0] = (char)(0xE0u | (cp >> 12)); u[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
                u[2] = (char)(0x80u | (cp & 0x3Fu)); ul = 3;
            } else {
                u[0] = (char)(0xF0u | (cp >> 18)); u[1] = (char)(0x80u | ((cp >> 12) & 0x3Fu));
                u[2] = (char)(0x80u | ((cp >> 6) & 0x3Fu)); u[3] = (char)(0x80u | (cp & 0x3Fu)); ul = 4;
            }
            break;
        default: return MB_ERR_JSON;
        }
        if (dst) {
            if (ul > cap - o) return MB_ERR_BUFFER;
            memmove(dst + o, u, ul);
        }
        o += ul;
        run = i;
    }
    if (dst) {
        if (n - run > cap - o) return MB_ERR_BUFFER;
        if (dst + o != s + run) memmove(dst + o, s + run, n - run); /* in place and nothing escaped: no copy */
    }
    *outlen = o + (n - run);
    return MB_OK;
}

mb_status mb_json_check_strings(const mb_json *d) {
    size_t n;
    for (int i = 0; d && i < d->count; i++) {
        if (d->tok[i].type == JSMN_STRING) {
            mb_status s = mb__unescape(d->js + d->tok[i].start, (size_t)(d->tok[i].end - d->tok[i].start), NULL, 0, &n);
            if (s != MB_OK) return s;
        }
    }
    return MB_OK;
}

mb_status mb_json_get_str(const mb_json *d, int t, mb_str *out) {
    size_t n;
    mb_status s;
    if (!mb__valid_tok(d, t) || !out) return MB_ERR_ARG;
    if (d->tok[t].type != JSMN_STRING) return MB_ERR_TYPE;
    *out = mb_json_raw_view(d, t);
    s = mb__unescape(out->ptr, out->len, NULL, 0, &n);
    return s;
}

mb_status mb_json_unescape(const mb_json *d, int t, char *dst, size_t cap, size_t *len) {
    mb_str v;
    size_t n = 0;
    mb_status s;
    if (!mb__valid_tok(d, t) || !dst || cap == 0) return MB_ERR_ARG;
    dst[0] = '\0';
    if (d->tok[t].type != JSMN_STRING) return MB_ERR_TYPE;
    v = mb_json_raw_view(d, t);
    s = mb__unescape(v.ptr, v.len, dst, cap - 1, &n); /* room for the NUL */
    if (s != MB_OK) {
        dst[0] = '\0';
        return s;
    }
    dst[n] = '\0';
    if (len) *len = n;
    return MB_OK;
}

/* The number text of a primitive, or of a string holding a number. */
static mb_status mb__num_text(const mb_json *d, int t, mb_str *v) {
    if (!mb__valid_tok(d, t)) return MB_ERR_ARG;
    *v = mb_json_raw_view(d, t);
    if (d->tok[t].type == JSMN_STRING) {
        if (v->len == 0 || mb__num_end(v->ptr, v->ptr + v->len) != v->ptr + v->len) return MB_ERR_TYPE;
        return MB_OK;
    }
    if (d->tok[t].type != JSMN_PRIMITIVE || v->len == 0) return MB_ERR_TYPE;
    if (v->ptr[0] != '-' && !mb__is_digit(v->ptr[0])) return MB_ERR_TYPE;
    return MB_OK;
}

mb_status mb_json_get_i64(const mb_json *d, int t, int64_t *out) {
    mb_str v;
    size_t i = 0;
    uint64_t acc = 0, lim;
    int neg;
    mb_status s = mb__num_text(d, t, &v);
    if (s != MB_OK) return s;
    if (!out) return MB_ERR_ARG;
    neg = v.ptr[0] == '-';
    if (neg) i++;
    lim = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    for (; i < v.len; i++) {
        unsigned dgt;
        if (!mb__is_digit(v.ptr[i])) return MB_ERR_TYPE; /* fraction or exponent */
        dgt = (unsigned)(v.ptr[i] - '0');
        if (acc > (lim - dgt) / 10u) return MB_ERR_RANGE;
        acc = acc * 10u + dgt;
    }
    /* -acc computed in unsigned then converted: no signed overflow for INT64_MIN */
    *out = neg ? (acc == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)acc) : (int64_t)acc;
    return MB_OK;
}

mb_status mb_json_get_i32(const mb_json *d, int t, int32_t *out) {
    int64_t v;
    mb_status s = mb_json_get_i64(d, t, &v);
    if (s != MB_OK) return s;
    if (!out) return MB_ERR_ARG;
    if (v < INT32_MIN || v > INT32_MAX) return MB_ERR_RANGE;
    *out = (int32_t)v;
    return MB_OK;
}

#if !defined(MB_NO_FLOAT)
mb_status mb_json_get_double(const mb_json *d, int t, double *out) {
    mb_str v;
    char tmp[64];
    char *end = NULL;
    mb_status s = mb__num_text(d, t, &v);
    if (s != MB_OK) return s;
    if (!out) return MB_ERR_ARG;
    if (v.len >= sizeof tmp) return MB_ERR_RANGE;
    memcpy(tmp, v.ptr, v.len);
    tmp[v.len] = '\0';
    *out = strtod(tmp, &end);
    if (end != tmp + v.len) return MB_ERR_TYPE;
    if (*out > DBL_MAX || *out < -DBL_MAX) return MB_ERR_RANGE;
    return MB_OK;
}
#endif

mb_status mb_json_get_bool(const mb_json *d, int t, int *out) {
    mb_str v = mb_json_raw_view(d, t);
    if (!mb__valid_tok(d, t) || !out) return MB_ERR_ARG;
    if (d->tok[t].type == JSMN_PRIMITIVE) {
        if (mb__lit_eq(v.ptr, v.len, "true")) { *out = 1; return MB_OK; }
        if (mb__lit_eq(v.ptr, v.len, "false")) { *out = 0; return MB_OK; }
    }
    return MB_ERR_TYPE;
}

void mb_w_raw(mb_writer *w, const char *json, size_t len) {
    if (w->err == MB_OK && (!json || !len)) mb__w_fail(w, MB_ERR_JSON);
    if (!mb__w_value_start(w)) return;
    mb_w_bytes(w, json, len);
}
