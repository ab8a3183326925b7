
/* ---- write ---- */

void mb_w_init(mb_writer *w, char *buf, size_t cap) {
    memset(w, 0, sizeof *w);
    w->buf = buf;
    w->cap = buf ? cap : 0;
    w->err = buf ? MB_OK : MB_ERR_ARG;
}

mb_status mb_w_status(const mb_writer *w) { return w->err; }

static void mb__w_fail(mb_writer *w, mb_status s) {
    if (w->err == MB_OK) w->err = s;
}

void mb_w_bytes(mb_writer *w, const void *data, size_t len) {
    if (w->err != MB_OK) return;
    if (len > w->cap - w->len) { /* len <= cap always holds, no overflow */
        mb__w_fail(w, MB_ERR_BUFFER);
        return;
    }
    if (len) memcpy(w->buf + w->len, data, len);
    w->len += len;
}

void mb_w_cstr(mb_writer *w, const char *s) { mb_w_bytes(w, s, s ? strlen(s) : 0); }

void mb_w_u64(mb_writer *w, uint64_t v) {
    char tmp[20];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v);
    mb_w_bytes(w, tmp + sizeof tmp - n, n);
}

/* Length of the valid UTF-8 sequence at p (p[0] >= 0x80), 0 if invalid:
 * no overlongs, surrogates or code points over U+10FFFF. */
static size_t mb__utf8_seq(const unsigned char *p, const unsigned char *end) {
    unsigned c = *p;
    size_t need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1Fu; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0Fu; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07u; min = 0x10000; }
    else return 0;
    if ((size_t)(end - p) <= need) return 0;
    for (size_t i = 1; i <= need; i++) {
        if ((p[i] & 0xC0u) != 0x80u) return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu)) return 0;
    return need + 1;
}

int mb_utf8_valid(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        size_t n = *p < 0x80 ? 1 : mb__utf8_seq(p, end);
        if (!n) return 0;
        p += n;
    }
    return 1;
}

void mb_w_escaped(mb_writer *w, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    if (w->err != MB_OK) return;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[6];
        size_t n = 2;
        if (c >= 0x80) { /* validated as it is copied: one pass */
            size_t l = mb__utf8_seq((const unsigned char *)s + i, (const unsigned char *)s + len);
            if (!l) {
                mb__w_fail(w, MB_ERR_UTF8);
                return;
            }
            i += l - 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        mb_w_bytes(w, s + run, i - run); /* flush the plain run */
        run = i + 1;
        esc[0] = '\\';
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15u];
            n = 6;
        }
        mb_w_bytes(w, esc, n);
    }
    mb_w_bytes(w, s + run, len - run);
}

/* Separator before a value or key: a comma unless first in its container. */
static int mb__w_value_start(mb_writer *w) {
    uint32_t bit;
    if (w->err != MB_OK) return 0;
    if (w->depth == 0) {
        /* one top-level value per writer (plain bytes may stand around it) */
        if (w->after_key || w->top) { mb__w_fail(w, MB_ERR_ARG); return 0; }
        w->top = 1;
        return 1;
    }
    bit = 1u << (w->depth - 1);
    if (w->is_obj & bit) {
        if (!w->after_key) { mb__w_fail(w, MB_ERR_ARG); return 0; } /* value needs a key */
        w->after_key = 0;
        return 1;
    }
    if (w->first & bit) w->first &= ~bit;
    else mb_w_bytes(w, ",", 1);
    return w->err == MB_OK;
}

static void mb__w_open(mb_writer *w, char c, int obj) {
    uint32_t bit;
    if (!mb__w_value_start(w)) return;
    if (w->depth >= MB_JSON_MAX_DEPTH) { mb__w_fail(w, MB_ERR_DEPTH); return; }
    mb_w_bytes(w, &c, 1);
    bit = 1u << w->depth++;
    w->first |= bit;
    if (obj) w->is_obj |= bit;
    else w->is_obj &= ~bit;
}

static void mb__w_close(mb_writer *w, char c, int obj) {
    uint32_t bit;
    if (w->err != MB_OK) return;
    if (w->depth == 0 || w->after_key) { mb__w_fail(w, MB_ERR_ARG); return; }
    bit = 1u << (w->depth - 1);
    if (((w->is_obj & bit) != 0) != (obj != 0)) { mb__w_fail(w, MB_ERR_ARG); return; }
    w->depth--;
    mb_w_bytes(w, &c, 1);
}

void mb_w_object_begin(mb_writer *w) { mb__w_open(w, '{', 1); }
void mb_w_object_end(mb_writer *w) { mb__w_close(w, '}', 1); }
void mb_w_array_begin(mb_writer *w) { mb__w_open(w, '[', 0); }
void mb_w_array_end(mb_writer *w) { mb__w_close(w, ']', 0); }

void mb_w_key(mb_writer *w, const char *key) {
    uint32_t bit;
    if (w->err != MB_OK) return;
    if (!key || w->depth == 0 || w->after_key) { mb__w_fail(w, MB_ERR_ARG); return; }
    bit = 1u << (w->depth - 1);
    if (!(w->is_obj & bit)) { mb__w_fail(w, MB_ERR_ARG); return; }
    if (w->first & bit) w->first &= ~bit;
    else mb_w_bytes(w, ",", 1);
    mb_w_bytes(w, "\"", 1);
    mb_w_escaped(w, key, strlen(key));
    mb_w_bytes(w, "\":", 2);
    w->after_key = 1;
}

void mb_w_stringn(mb_writer *w, const char *s, size_t len) {
    if (!s) { mb_w_null(w); return; }
    if (!mb__w_value_start(w)) return;
    mb_w_bytes(w, "\"", 1);
    mb_w_escaped(w, s, len);
    mb_w_bytes(w, "\"", 1);
}

void mb_w_string(mb_writer *w, const char *s) { mb_w_stringn(w, s, s ? strlen(s) : 0); }

void mb_w_int(mb_writer *w, int64_t v) {
    if (!mb__w_value_start(w)) return;
    if (v < 0) {
        mb_w_bytes(w, "-", 1);
        mb_w_u64(w, (uint64_t)0 - (uint64_t)v); /* well-defined for INT64_MIN */
    } else {
        mb_w_u64(w, (uint64_t)v);
    }
}

void mb_w_bool(mb_writer *w, int v) {
    if (!mb__w_value_start(w)) return;
    if (v) mb_w_bytes(w, "true", 4);
    else mb_w_bytes(w, "false", 5);
}

void mb_w_null(mb_writer *w) {
    if (!mb__w_value_start(w)) return;
    mb_w_bytes(w, "null", 4);
}

#if !defined(MB_NO_FLOAT)
void mb_w_double(mb_writer *w, double v) {
    char tmp[40];
    int n = 0, prec;
    if (w->err != MB_OK) return;
    if (v != v || v > DBL_MAX || v < -DBL_MAX) { mb__w_fail(w, MB_ERR_RANGE); return; } /* JSON has no NaN/Inf */
    /* Shortest of 15..17 significant digits that reads back exactly. */
    for (prec = 15; prec <= 17; prec++) {
        n = snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (n <= 0 || (size_t)n >= sizeof tmp) { mb__w_fail(w, MB_ERR_RANGE); return; }
        if (strtod(tmp, NULL) == v) break;
    }
    for (int i = 0; i < n; i++)
        if (tmp[i] == ',') tmp[i] = '.'; /* a locale with a decimal comma */
    if (!mb__w_value_start(w)) return;
    mb_w_bytes(w, tmp, (size_t)n);
}
#endif
