
/* ---- typed ---- */

/* Whether p[0..n) is one JSON value (RFC 8259), at most MB_JSON_MAX_DEPTH
 * deep: a jsonb variable's text goes into the request as it is, and text
 * that is not one value would break it or, closing the value early, add
 * members to the variables object (`1,"userId":"x"`). No tokens here (the
 * writer has none): one bit per level says object (1) or array. */
static mb_status mb__json_value_ok(const char *p, size_t n) {
    const char *e = p + n, *q;
    uint32_t obj = 0; /* bit d % 32: the container at depth d (1..32) is an object */
    int depth = 0;
    unsigned want = 0; /* 0 a value, 1 a key, 2 a ':', 3 a ',' or a close, 4 as 0 or 1, or a close */
    for (;;) {
        char c;
        unsigned in_obj;
        while (p < e && mb__is_ws(*p)) p++;
        if (p == e) return want == 3 && !depth ? MB_OK : MB_ERR_JSON;
        c = *p++;
        in_obj = obj >> (depth & 31) & 1u;
        if (want >= 3 && depth && c == (in_obj ? '}' : ']')) {
            depth--;
            want = 3;
        } else if (want == 3) {
            if (c != ',' || !depth) return MB_ERR_JSON; /* nothing after the root */
            want = in_obj;
        } else if (want == 2) {
            if (c != ':') return MB_ERR_JSON;
            want = 0;
        } else {
            if (want == 4) want = in_obj; /* just opened, not closed */
            if (c == '"') {
                size_t len;
                mb_status s;
                for (q = p; q < e && *q != '"'; q++)
                    if (*q == '\\' && ++q == e) break; /* an escaped byte is never the closing quote */
                if (q == e) return MB_ERR_JSON;
                if ((s = mb__unescape(p, (size_t)(q - p), NULL, 0, &len)) != MB_OK) return s;
                p = q + 1;
                want = want ? 2 : 3; /* a key, then its ':' */
            } else if (want) {
                return MB_ERR_JSON; /* a key is a string */
            } else if (c == '{' || c == '[') {
                if (depth == MB_JSON_MAX_DEPTH) return MB_ERR_DEPTH;
                depth++;
                obj = (obj & ~(1u << (depth & 31))) | (uint32_t)(c == '{') << (depth & 31);
                want = 4;
            } else { /* a primitive runs to whitespace or punctuation */
                for (q = --p; q < e && !mb__is_ws(*q) && *q != ',' && *q != ':' && *q != ']' && *q != '}'; q++) {}
                if (!mb__primitive_ok(p, (size_t)(q - p))) return MB_ERR_JSON;
                p = q;
                want = 3;
            }
        }
    }
}

void mb_typed_write_vars(mb_writer *w, const mb_op *op, const void *vars) {
    const char *base = (const char *)vars;
    for (uint16_t i = 0; i < op->num_vars; i++) {
        const mb_var *v = &op->vars[i];
        const char *m = base + v->offset;
        if (v->has_offset != MB_NO_NULL_FLAG && !base[v->has_offset]) continue; /* optional, not given */
        mb_w_key(w, v->name);
        switch (v->type) {
        case MB_T_STR:
        case MB_T_JSON: {
            const char *s;
            mb_status st;
            memcpy(&s, m, sizeof s);
            if (v->type != MB_T_JSON || !s) mb_w_string(w, s);
            else if ((st = mb__json_value_ok(s, strlen(s))) != MB_OK) mb__w_fail(w, st); /* nothing is sent */
            else mb_w_raw(w, s, strlen(s));
            break;
        }
        case MB_T_I32: {
            int32_t x;
            memcpy(&x, m, sizeof x);
            mb_w_int(w, x);
            break;
        }
        case MB_T_I64: { /* a string: Hasura reads a bigint from a JSON number through a double
                            (rounded past 2^53, issue #10158), from a string exactly */
            int64_t x;
            memcpy(&x, m, sizeof x);
            mb_w_raw(w, "\"-", 1u + (x < 0)); /* the value's comma, its quote (and sign) */
            mb_w_u64(w, x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x);
            mb_w_bytes(w, "\"", 1);
            break;
        }
#if !defined(MB_NO_FLOAT)
        case MB_T_F64: {
            double x;
            memcpy(&x, m, sizeof x);
            mb_w_double(w, x);
            break;
        }
#endif
        case MB_T_BOOL: {
            int x;
            memcpy(&x, m, sizeof x);
            mb_w_bool(w, x);
            break;
        }
        default: mb__w_fail(w, MB_ERR_ARG);
        }
    }
}

typedef struct mb__tctx {
    const mb_json *doc;
    char *body;
    mb_pool *pools;
    size_t num_pools;
    size_t at; /* the first pool of the subtree being decoded */
} mb__tctx;

static size_t mb__t_size(uint8_t type, const mb_shape *shape) {
    switch (type) {
    case MB_T_STR:
    case MB_T_JSON: return sizeof(mb_str);
    case MB_T_I32: return sizeof(int32_t);
    case MB_T_I64: return sizeof(int64_t);
    case MB_T_F64: return sizeof(double);
    case MB_T_BOOL: return sizeof(int);
    case MB_T_NUMERIC: return sizeof(mb_numeric);
    default: return shape ? shape->size : 0;
    }
}

static int mb__t_value(mb__tctx *x, int tok, uint8_t type, const mb_shape *shape, char *dst, mb_status *st);
static int mb__t_array(mb__tctx *x, int tok, const mb_field *f, char *dst, mb_status *st);

/* Decodes the object at tok into dst; returns the token after it. */
static int mb__t_object(mb__tctx *x, int tok, const mb_shape *sh, char *dst, mb_status *st) {
    const mb_token *t = &x->doc->tok[tok];
    int k = tok + 1, n = t->size;
    uint16_t want = 0;
    size_t b;
    if (t->type != JSMN_OBJECT) {
        *st = MB_ERR_TYPE;
        return -1;
    }
    memset(dst, 0, sh->size); /* absent fields: NULL strings, zero numbers, empty arrays */
    /* ...and null where there is a flag: a field left out (@include/@skip) is not a 0 */
    for (uint16_t i = 0; i < sh->count; i++)
        if (sh->fields[i].null_offset != MB_NO_NULL_FLAG) dst[sh->fields[i].null_offset] = 1;
    while (n-- > 0) {
        const mb_token *key = &x->doc->tok[k];
        size_t kl = (size_t)(key->end - key->start);
        const mb_field *f = NULL;
        /* the next expected field first: Hasura keeps the selection order */
        for (uint16_t tries = 0; tries < sh->count; tries++) {
            const mb_field *c = &sh->fields[(want + tries) % sh->count];
            if (strlen(c->name) == kl && memcmp(c->name, x->doc->js + key->start, kl) == 0) {
                f = c;
                want = (uint16_t)((want + tries + 1) % sh->count);
                break;
            }
        }
        if (!f) { /* a field the selection did not ask for: skip its value */
            k = mb__skip(x->doc, k + 1);
            continue;
        }
        if (mb_json_is_null(x->doc, k + 1)) {
            if (f->null_offset != MB_NO_NULL_FLAG) dst[f->null_offset] = 1;
            k += 2;
            continue;
        }
        /* pool indices count from the first pool of the field's subtree (an
         * array's own pool is the one before it), so one table, a shared
         * fragment's, fits wherever it is selected */
        b = x->at;
        x->at += (size_t)f->pool + (f->type == MB_T_ARR);
        if (x->at > x->num_pools) {
            *st = MB_ERR_ARG;
            return -1;
        }
        k = f->type == MB_T_ARR ? mb__t_array(x, k + 1, f, dst + f->offset, st)
                                : mb__t_value(x, k + 1, f->type, f->shape, dst + f->offset, st);
        x->at = b;
        if (k < 0) return -1;
        if (f->null_offset != MB_NO_NULL_FLAG) dst[f->null_offset] = 0;
    }
    return k;
}

static int mb__t_array(mb__tctx *x, int tok, const mb_field *f, char *dst, mb_status *st) {
    const mb_token *t = &x->doc->tok[tok];
    int k = tok + 1, n = t->size;
    mb_pool *p;
    size_t esz = mb__t_size(f->elem, f->shape), count = 0;
    char *first = NULL; /* set from the first slot: a pool with no array (NULL, cap 0) only counts */
    if (t->type != JSMN_ARRAY) {
        *st = MB_ERR_TYPE;
        return -1;
    }
    if (!esz) {
        *st = MB_ERR_ARG;
        return -1;
    }
    p = &x->pools[x->at - 1]; /* its own pool, just before its elements' */
    while (n-- > 0) {
        p->needed++;
        if (p->used < p->cap) {
            char *slot = (char *)p->base + p->used * esz;
            if (!count) first = slot;
            p->used++;
            count++;
            if (mb_json_is_null(x->doc, k)) {
                memset(slot, 0, esz);
                k++;
                continue;
            }
            k = f->elem == MB_T_OBJ ? mb__t_object(x, k, f->shape, slot, st) : mb__t_value(x, k, f->elem, NULL, slot, st);
            if (k < 0) return -1;
        } else {
            k = mb__skip(x->doc, k); /* counted, not stored */
        }
    }
    memcpy(dst, &first, sizeof first); /* {T *items; size_t len;} */
    memcpy(dst + sizeof first, &count, sizeof count);
    return k;
}

static int mb__t_value(mb__tctx *x, int tok, uint8_t type, const mb_shape *shape, char *dst, mb_status *st) {
    const mb_json *d = x->doc;
    const mb_token *t = &d->tok[tok];
    switch (type) {
    case MB_T_OBJ: return mb__t_object(x, tok, shape, dst, st);
    case MB_T_STR: {
        mb_str v;
        size_t n = 0;
        char *s = x->body + t->start;
        if (t->type != JSMN_STRING) *st = MB_ERR_TYPE;
        else *st = mb__unescape(s, (size_t)(t->end - t->start), s, (size_t)(t->end - t->start), &n);
        if (*st != MB_OK) return -1;
        s[n] = '\0'; /* over the closing quote */
        v.ptr = s;
        v.len = n;
        memcpy(dst, &v, sizeof v);
        return tok + 1;
    }
    case MB_T_JSON: {
        mb_str v = mb_json_raw_view(d, tok);
        int next = mb__skip(d, tok);
        if (t->type == JSMN_STRING) { /* keep the quotes: it is JSON text */
            v.ptr--;
            v.len += 2;
        }
        memcpy(dst, &v, sizeof v);
        return next;
    }
    case MB_T_I32: *st = mb_json_get_i32(d, tok, (int32_t *)(void *)dst); break;
    case MB_T_I64: *st = mb_json_get_i64(d, tok, (int64_t *)(void *)dst); break;
    case MB_T_BOOL: *st = mb_json_get_bool(d, tok, (int *)(void *)dst); break;
#if !defined(MB_NO_FLOAT)
    case MB_T_F64: *st = mb_json_get_double(d, tok, (double *)(void *)dst); break;
    case MB_T_NUMERIC: {
        mb_numeric num;
        num.text = mb_json_raw_view(d, tok);
        *st = mb_json_get_double(d, tok, &num.value);
        memcpy(dst, &num, sizeof num);
        break;
    }
#endif
    default: *st = MB_ERR_ARG;
    }
    return *st == MB_OK ? tok + 1 : -1;
}

mb_status mb_typed_decode(const mb_result *res, const mb_shape *shape, void *data, mb_pool *pools, size_t num_pools) {
    mb__tctx x;
    mb_status st = MB_OK;
    if (!shape || !data || (num_pools && !pools)) return MB_ERR_ARG;
    for (size_t i = 0; i < num_pools; i++) pools[i].used = pools[i].needed = 0; /* also with no answer */
    memset(data, 0, shape->size); /* a failed call leaves no stale fields either */
    if (!res) return MB_ERR_ARG;
    if (res->data < 0) return MB_ERR_NO_DATA;
    x.doc = &res->doc;
    x.body = res->body;
    x.pools = pools;
    x.num_pools = num_pools;
    x.at = 0;
    if (mb__t_object(&x, res->data, shape, (char *)data, &st) < 0) return st != MB_OK ? st : MB_ERR_TYPE;
    for (size_t i = 0; i < num_pools; i++)
        if (pools[i].needed > pools[i].cap) return MB_ERR_CAPACITY;
    return MB_OK;
}

mb_status mb_typed_execute(mb_client *c, const mb_op *op, const void *vars, void *data, mb_pool *pools,
                           size_t num_pools) {
    mb_result *res;
    mb_status s, st;
    mb_writer *w = mb_request(c, op->query, op->name);
    if (vars) mb_typed_write_vars(w, op, vars);
    s = mb_send(c, &res);
    /* decodes nothing after a failure (res NULL) but zeroes the pools' counts */
    st = mb_typed_decode(s == MB_OK ? res : NULL, op->data, data, pools, num_pools);
    return s != MB_OK ? s : st;
}

/* ---- helpers ---- */

mb_status mb_uuid4(mb_random_fn rng, char out[37]) {
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16];
    size_t o = 0;
    mb_status s;
    if (!rng || !out) return MB_ERR_ARG;
    if ((s = rng(b, sizeof b)) != MB_OK) return s; /* the RNG's own reason */
    b[6] = (unsigned char)((b[6] & 0x0Fu) | 0x40u); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3Fu) | 0x80u); /* RFC 4122 variant */
    for (size_t i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out[o++] = '-';
        out[o++] = hex[b[i] >> 4];
        out[o++] = hex[b[i] & 15u];
    }
    out[o] = '\0';
    return MB_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static int64_t mb__days(int64_t y, int m, int d) {
    int64_t era, yoe, doy;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

mb_status mb_time_format(int64_t t, char *out, size_t cap) {
    /* floor division without t - 86399 or z * 86400: both overflow near INT64_MIN */
    int64_t secs = t % 86400, z = t / 86400 - (secs < 0), era, doe, yoe, y, doy, mp;
    int m, d, v[6], i;
    mb_writer w;
    if (secs < 0) secs += 86400;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = (int)(doy - (153 * mp + 2) / 5 + 1);
    m = (int)(mp < 10 ? mp + 3 : mp - 9);
    y += m <= 2;
    if (y < 0 || y > 9999) return MB_ERR_RANGE;
    v[0] = (int)y; v[1] = m; v[2] = d;
    v[3] = (int)(secs / 3600); v[4] = (int)(secs / 60 % 60); v[5] = (int)(secs % 60);
    mb_w_init(&w, out, cap);
    for (i = 0; i < 6; i++) {
        char two[4];
        int n = i == 0 ? 4 : 2, x = v[i];
        for (int j = n - 1; j >= 0; j--, x /= 10) two[j] = (char)('0' + x % 10);
        mb_w_bytes(&w, two, (size_t)n);
        mb_w_bytes(&w, &"--T::Z"[i], 1);
    }
    mb_w_bytes(&w, "", 1);
    return w.err;
}

mb_status mb_time_parse(mb_str iso, int64_t *epoch) {
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    const char *p = iso.ptr;
    size_t n = iso.len, i = 0;
    int v[6] = {0, 0, 0, 0, 0, 0}, k = 0;
    int64_t off = 0, days;
    if (!p || !epoch || n < 19) return MB_ERR_ARG;
    for (i = 0; i < 19; i++) {
        char c = p[i];
        if (shape[i] == 'd') {
            if (!mb__is_digit(c)) return MB_ERR_ARG;
            v[k] = v[k] * 10 + (c - '0');
        } else {
            if (c != shape[i] && !(i == 10 && (c == ' ' || c == 't'))) return MB_ERR_ARG;
            k++;
        }
    }
    /* a day past its month's end is on or after the next month's first
     * (month 13 of a year is January of the next in mb__days) */
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[3] > 23 || v[4] > 59 || v[5] > 60 ||
        (days = mb__days(v[0], v[1], v[2])) >= mb__days(v[0], v[1] + 1, 1))
        return MB_ERR_RANGE;
    if (i < n && p[i] == '.')
        for (i++; i < n && mb__is_digit(p[i]); i++) {}
    if (i < n && (p[i] == 'Z' || p[i] == 'z')) {
        i++;
    } else if (i < n && (p[i] == '+' || p[i] == '-')) {
        int sign = p[i++] == '-' ? -1 : 1, hh = 0, mm = 0, digits = 0;
        for (; i < n && digits < 4; i++) {
            if (p[i] == ':' && digits == 2) continue;
            if (!mb__is_digit(p[i])) break;
            if (digits++ < 2) hh = hh * 10 + (p[i] - '0');
            else mm = mm * 10 + (p[i] - '0');
        }
        if (digits != 2 && digits != 4) return MB_ERR_ARG;
        if (hh > 23 || mm > 59) return MB_ERR_RANGE;
        off = sign * (hh * 3600 + mm * 60);
    }
    if (i != n) return MB_ERR_ARG;
    *epoch = days * 86400 + v[3] * 3600 + v[4] * 60 + v[5] - off;
    return MB_OK;
}

/* Latin-1 letters U+00C0..U+00FF without their accents ('.' drops it). */
static const char mb__fold[] = "aaaaaaaceeeeiiiidnooooo.ouuuuy.saaaaaaaceeeeiiiidnooooo.ouuuuy.y";

static int mb__stop_word(const char *w, size_t n) {
    static const char words[] = "a an and are as at be by can do does for from how i in is it me my of on or that the "
                                "this to was what when where which who why will with you your ";
    for (const char *s = words, *e; (e = strchr(s, ' ')) != NULL; s = e + 1)
        if ((size_t)(e - s) == n && memcmp(s, w, n) == 0) return 1;
    return 0;
}

mb_status mb_slug(const char *text, const char *suffix, char *out, size_t cap) {
    mb_writer w;
    char word[48];
    size_t wl = 0, i, limit;
    int words = 0;
    if (!text || !out) return MB_ERR_ARG;
    mb_w_init(&w, out, cap);
    limit = strlen(text);
    if (limit > 48) limit = 48; /* the web app slugs the first 48 characters (bytes here: the same in ASCII) */
    for (i = 0; i <= limit; i++) {
        unsigned char c = i < limit ? (unsigned char)text[i] : ' ';
        char lc = 0;
        if (c >= 'A' && c <= 'Z') lc = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) lc = (char)c;
        else if (c == 0xC3 && i + 1 < limit && ((unsigned char)text[i + 1] & 0xC0u) == 0x80u) {
            char f = mb__fold[((unsigned char)text[++i] & 0x3Fu)];
            if (f != '.') lc = f;
            else continue; /* a letter without an ASCII twin: dropped inside the word */
        } else if (c >= 0x80) {
            continue; /* other non-ASCII: dropped */
        }
        if (lc && wl < sizeof word) {
            word[wl++] = lc;
            continue;
        }
        if (lc) continue; /* over-long word: cut */
        if (wl && words < 7 && !mb__stop_word(word, wl)) {
            if (words++) mb_w_bytes(&w, "-", 1);
            mb_w_bytes(&w, word, wl);
        }
        wl = 0;
    }
    if (suffix) {
        if (words) mb_w_bytes(&w, "-", 1);
        mb_w_cstr(&w, suffix);
    }
    mb_w_bytes(&w, "", 1);
    return w.err;
}
