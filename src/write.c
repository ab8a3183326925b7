
/* ---- write ---- */

void mb_w_init(mb_writer *w, char *buf, size_t cap) {
    memset(w, 0, sizeof *w);
    w->buf = buf;
    w->cap = cap;
    w->err = buf ? MB_OK : MB_ERR_ARG; /* sticky: no byte goes to a NULL buf */
}

mb_status mb_w_status(const mb_writer *w) { return w->err; }

static void mb__w_fail(mb_writer *w, mb_status s) {
    if (w->err == MB_OK) w->err = s;
}

void mb_w_bytes(mb_writer *w, const void *data, size_t len) {
    if (w->err != MB_OK || !len) return;
    if (len > w->cap - w->len) { /* len <= cap holds: no overflow */
        w->err = MB_ERR_BUFFER;
        return;
    }
    memcpy(w->buf + w->len, data, len);
    w->len += len;
}

void mb_w_cstr(mb_writer *w, const char *s) { mb_w_bytes(w, s, s ? strlen(s) : 0); }

void mb_w_u64(mb_writer *w, uint64_t v) {
    char tmp[20], *p = tmp + sizeof tmp;
    do *--p = (char)('0' + (int)(v % 10u));
    while ((v /= 10u) != 0);
    mb_w_bytes(w, p, (size_t)(tmp + sizeof tmp - p));
}

/* Length of the valid UTF-8 sequence at p (p[0] >= 0x80), 0 if invalid:
 * no overlongs, surrogates or code points over U+10FFFF. */
static size_t mb__utf8_seq(const unsigned char *p, const unsigned char *end) {
    unsigned c = *p;
    size_t need = 1u + (c >= 0xE0) + (c >= 0xF0), i;
    uint32_t cp = c & (0x3Fu >> need);
    if (c < 0xC2 || c > 0xF4 || (size_t)(end - p) <= need) return 0;
    for (i = 1; i <= need; i++) {
        unsigned x = p[i] ^ 0x80u; /* a continuation byte 10xxxxxx leaves x <= 0x3F */
        if (x > 0x3Fu) return 0;
        cp = cp << 6 | x;
    }
    /* shortest form: 3 bytes from U+0800 (2^11), 4 from U+10000 (2^16); 2 by
     * c >= 0xC2. No surrogates (U+D800..DFFF: cp >> 11 is 0x1B). */
    if (!(cp >> (5 * need + 1)) || cp > 0x10FFFFu || (cp >> 11) == 0x1Bu) return 0;
    return need + 1;
}

int mb_utf8_valid(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    size_t n;
    for (; p < end; p += n)
        if (!(n = *p < 0x80 ? 1 : mb__utf8_seq(p, end))) return 0;
    return 1;
}

/* JSON's two-character escapes in one array (one address to load): the
 * letters after '\\' at 0..7, and each one's byte 9 places after it. */
static const char mb__esc[] = "\"\\/bfnrt\0\"\\/\b\f\n\r\t";

void mb_w_escaped(mb_writer *w, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
    size_t n;
    while (p < end) {
        unsigned c = *p;
        char esc[6];
        const char *e;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { /* the common case first */
            p++;
            continue;
        }
        if (c >= 0x80) { /* validated as it is copied: one pass */
            if ((n = mb__utf8_seq(p, end)) == 0) {
                mb__w_fail(w, MB_ERR_UTF8);
                return;
            }
            p += n;
            continue;
        }
        mb_w_bytes(w, run, (size_t)(p - run)); /* the plain run before it */
        run = ++p;
        esc[0] = '\\';
        n = 2;
        for (e = mb__esc + 9; *e && *e != (char)c; e++) {} /* c 0 stops at the end too */
        if (*e) {
            esc[1] = e[-9]; /* the letter 9 bytes before its byte */
        } else {
            esc[1] = 'u';
            esc[2] = esc[3] = '0';
            esc[4] = (char)('0' + (c >> 4)); /* c < 0x20 */
            c &= 15u;
            esc[5] = (char)(c + (c < 10 ? '0' : 'a' - 10));
            n = 6;
        }
        mb_w_bytes(w, esc, n);
    }
    mb_w_bytes(w, run, (size_t)(end - run));
}

/* Before a key (key = 1) or a value: checks where it stands and writes the
 * comma, which goes before anything that does not open a container or
 * follow a key. One value at the top level (plain bytes may stand around it). */
static int mb__w_sep(mb_writer *w, int key) {
    /* a key goes where a value may not: into an object, and not after a
     * key (after_key is 1 only in an object; obj is 0 at the top level) */
    unsigned obj = w->is_obj & 1u;
    if ((obj ^ w->after_key ^ (unsigned)key) || (!w->depth && w->more)) mb__w_fail(w, MB_ERR_ARG);
    if (w->err != MB_OK) return 0;
    if (w->more && !w->after_key) mb_w_bytes(w, ",", 1); /* only inside a container: checked above */
    w->more = 1;
    w->after_key = 0;
    return 1; /* a comma that did not fit is the sticky error: what follows writes nothing */
}

/* Copies JSON object members (checked by the caller, from the first key's
 * quote on; none when n is 0) into the open object of w. */
static void mb__w_members(mb_writer *w, const char *p, size_t n) {
    if (n && mb__w_sep(w, 1)) mb_w_bytes(w, p, n);
}

/* Opens (k 0, 1) or closes (k 2, 3) an array (k even) or an object (k odd):
 * the bracket is "[{]}"[k]. */
static void mb__w_nest(mb_writer *w, unsigned k) {
    unsigned obj = k & 1u, close = k >> 1;
    if (!close) {
        if (mb__w_sep(w, 0) && w->depth >= MB_JSON_MAX_DEPTH) mb__w_fail(w, MB_ERR_DEPTH);
    } else if (!w->depth || w->after_key || (w->is_obj & 1u) != obj) {
        mb__w_fail(w, MB_ERR_ARG);
    }
    if (w->err != MB_OK) return;
    if (close) {
        w->depth--;
        w->is_obj >>= 1;
    } else {
        w->depth++;
        w->is_obj = w->is_obj << 1 | obj; /* 32 levels fill the 32 bits */
    }
    w->more = (uint8_t)close; /* a closed container is a value of its parent */
    mb_w_bytes(w, &"[{]}"[k], 1);
}

void mb_w_object_begin(mb_writer *w) { mb__w_nest(w, 1); }
void mb_w_object_end(mb_writer *w) { mb__w_nest(w, 3); }
void mb_w_array_begin(mb_writer *w) { mb__w_nest(w, 0); }
void mb_w_array_end(mb_writer *w) { mb__w_nest(w, 2); }

/* A string value, or a key (key = 1) and its ':'; len (size_t)-1 (longer
 * than any object) for a NUL-terminated s. A NULL s is a null value, and
 * no key (MB_ERR_ARG). */
static void mb__w_str(mb_writer *w, int key, const char *s, size_t len) {
    if (!s) {
        if (key) mb__w_fail(w, MB_ERR_ARG);
        else mb_w_null(w);
    } else if (mb__w_sep(w, key)) {
        mb_w_bytes(w, "\":", 1);
        mb_w_escaped(w, s, len == (size_t)-1 ? strlen(s) : len);
        mb_w_bytes(w, "\":", (size_t)key + 1);
        w->after_key = (uint8_t)key;
    }
}

void mb_w_key(mb_writer *w, const char *key) { mb__w_str(w, 1, key, (size_t)-1); }

/* A value written as plain text after the checks and the comma. */
static void mb__w_value(mb_writer *w, const char *text, size_t len) {
    if (mb__w_sep(w, 0)) mb_w_bytes(w, text, len);
}

void mb_w_stringn(mb_writer *w, const char *s, size_t len) { mb__w_str(w, 0, s, len); }

void mb_w_string(mb_writer *w, const char *s) { mb__w_str(w, 0, s, (size_t)-1); }

void mb_w_int(mb_writer *w, int64_t v) {
    mb__w_value(w, "-", v < 0);
    mb_w_u64(w, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v); /* well-defined for INT64_MIN */
}

/* JSON's literals, a list for mb__one_of: json.c's primitive check reads it too. */
static const char mb__literals[] = "null\0true\0false\0";

void mb_w_bool(mb_writer *w, int v) {
    if (v) mb__w_value(w, &mb__literals[5], 4); /* "true" */
    else mb__w_value(w, &mb__literals[10], 5); /* "false" */
}

void mb_w_null(mb_writer *w) { mb__w_value(w, mb__literals, 4); }

#if !defined(MB_NO_FLOAT)
void mb_w_double(mb_writer *w, double v) {
    char tmp[40], *c;
    int n, prec = 14;
    if (!(v - v == 0)) mb__w_fail(w, MB_ERR_RANGE); /* NaN or infinity: JSON has neither */
    /* shortest of 15..17 significant digits that reads back exactly */
    do n = snprintf(tmp, sizeof tmp, "%.*g", ++prec, v);
    while (prec < 17 && strtod(tmp, NULL) != v); /* 17 digits always do */
    if ((c = strchr(tmp, ',')) != NULL) *c = '.'; /* a locale with a decimal comma */
    mb__w_value(w, tmp, (size_t)n);
}
#endif
