
/* ---- http ---- */

/* RFC 9110 token characters: visible ASCII except the delimiters
 * "(),/:;<=>?@[\\]{} -- bit c of this table (ASCII only). */
static int mb__is_tchar(char c) {
    static const unsigned char tchar[16] = {0x00, 0x00, 0x00, 0x00, 0xfa, 0x6c, 0xff, 0x03,
                                            0xfe, 0xff, 0xff, 0xc7, 0xff, 0xff, 0xff, 0x57};
    unsigned u = (unsigned char)c;
    return u < 0x80u && (unsigned)tchar[u >> 3] >> (u & 7) & 1u;
}

/* "name" sep "value\r\n", sep being ": " and any value prefix. The name
 * must be a token and the value must not hold CR or LF (header injection):
 * MB_ERR_ARG otherwise. */
static void mb__w_header(mb_writer *w, const char *name, const char *sep, const char *value) {
    const char *p = name && value ? name : "\r\n"; /* not a token */
    while (mb__is_tchar(*p)) p++;
    /* empty, or not all token; the writes below are then no-ops (sticky) */
    if (p == name || *p || strpbrk(value, "\r\n")) mb__w_fail(w, MB_ERR_ARG);
    mb_w_cstr(w, name);
    mb_w_cstr(w, sep);
    mb_w_cstr(w, value);
    mb_w_bytes(w, "\r\n", 2);
}

void mb_http_header_line(mb_writer *w, const char *name, const char *value) { mb__w_header(w, name, ": ", value); }

/* Parser states: the status line, then the rest of the head (the head is
 * the range STATUS..HEAD); the chunked ones are the range CRLF..TRAILER. An
 * empty line in CRLF or TRAILER leads to the next state. */
enum { MB__H_STATUS, MB__H_HEAD, MB__H_LEN, MB__H_CRLF, MB__H_SIZE, MB__H_DATA, MB__H_TRAILER, MB__H_DONE };
/* Flags; bit k is set by the header of index k in mb__http_header's list
 * (bit 0: any other header, never read). */
enum { MB__HF_LENGTH = 2, MB__HF_CHUNKED = 4, MB__HF_CLOSE = 8 };

void mb_http_response_init(mb_http_response *r, char *buf, size_t cap) {
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->cap = cap; /* unused without a buffer: every call checks buf */
}

mb_status mb_http_response_space(mb_http_response *r, char **dst, size_t *room) {
    if (!r->buf) return MB_ERR_ARG;
    *dst = r->buf + r->fill;
    *room = r->cap - r->fill;
    if (*room) return MB_OK;
    return r->state <= MB__H_HEAD ? MB_ERR_HTTP_LIMIT : MB_ERR_BUFFER;
}

/* Trims spaces and tabs around [p, p+n), and a CR at its end (in a parsed
 * head a CR can only end a line; a line holding one elsewhere is refused by
 * mb__http_header whatever the trim gives). */
static mb_str mb__trim(const char *p, size_t n) {
    mb_str v;
    while (n && (*p == ' ' || *p == '\t')) { p++; n--; }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) n--;
    v.ptr = p;
    v.len = n;
    return v;
}

/* Does the comma-separated list v hold the token tok (any case)? */
static int mb__list_has(mb_str v, const char *tok) {
    size_t i = 0, j;
    for (; i <= v.len; i = j + 1) {
        mb_str item;
        for (j = i; j < v.len && v.ptr[j] != ','; j++) {}
        item = mb__trim(v.ptr + i, j - i);
        if (mb__str_ieq(item.ptr, item.len, tok)) return 1;
    }
    return 0;
}

static mb_status mb__http_header(mb_http_response *r, const char *p, size_t n) {
    size_t c = 0, i;
    int k;
    mb_str v;
    /* p[n] is the line end, never a token byte; a leading space (obsolete
       folding) stops it at 0 */
    while (mb__is_tchar(p[c])) c++;
    if (c == 0 || p[c] != ':') return MB_ERR_HTTP;
    v = mb__trim(p + c + 1, n - c - 1);
    for (i = 0; i < n; i++) /* in the value: the name is a token */
        if (!p[i] || p[i] == '\r') return MB_ERR_HTTP;
    k = mb__one_of(p, c, "content-length\0transfer-encoding\0connection\0", 1);
    if (k == 1) {
        size_t len = 0;
        const char *q = v.ptr, *e = q + v.len;
        do { /* an empty value is refused at its first byte: the line end */
            if (!mb__is_digit(*q)) return MB_ERR_HTTP;
            if (len > (SIZE_MAX - 9u) / 10u) return MB_ERR_HTTP_LIMIT; /* could never fit in memory */
            len = len * 10u + (size_t)(*q - '0');
        } while (++q < e);

        if ((r->flags & MB__HF_LENGTH) && len != r->remaining) return MB_ERR_HTTP; /* conflicting lengths */
        r->remaining = len;
    } else if (k == 2 && !mb__str_ieq(v.ptr, v.len, "chunked")) {
        return MB_ERR_HTTP; /* no other coding is asked for */
    } else if (k == 3 && !mb__list_has(v, "close")) {
        k = 0;
    }
    r->flags |= (uint8_t)(1u << k);
    return MB_OK;
}

/* The empty line after the head: choose how the body is framed. */
static mb_status mb__http_end_head(mb_http_response *r) {
    r->head_len = r->pos;
    r->body = r->buf + r->pos;
    if (r->status < 200) {
        if (r->status == 101) { /* the connection is no longer HTTP */
            r->flags |= MB__HF_CLOSE;
            r->state = MB__H_DONE;
            return r->upgrade ? MB_OK : MB_ERR_HTTP;
        }
        /* interim response: drop it and parse the next head in its place */
        r->fill -= r->pos;
        memmove(r->buf, r->buf + r->pos, r->fill);
        memset(r, 0, offsetof(mb_http_response, upgrade));
    } else if (r->status == 204 || r->status == 304) {
        r->state = MB__H_DONE;
    } else if (r->flags & MB__HF_CHUNKED) {
        if (r->flags & MB__HF_LENGTH) r->flags |= MB__HF_CLOSE; /* both framings: answer, then do not reuse */
        r->state = MB__H_SIZE;
    } else {
        if (!(r->flags & MB__HF_LENGTH)) { /* delimited by the close: a length never reached */
            r->flags |= MB__HF_CLOSE;
            r->remaining = SIZE_MAX;
        }
        r->state = MB__H_LEN;
    }
    return MB_OK;
}

static mb_status mb__http_run(mb_http_response *r) {
    const char *line, *nl;
    size_t n, i, take;
    mb_status s;
    for (;;) {
        size_t avail = r->fill - r->pos;
        unsigned st = r->state;
        if (st == MB__H_DONE) return MB_OK;
        if (st == MB__H_LEN || st == MB__H_DATA) {
            /* a body or chunk that will not fit is refused as soon as its
               length is known (one delimited by the close has none) */
            if ((st == MB__H_DATA || r->flags & MB__HF_LENGTH) && r->remaining > r->cap - r->head_len - r->body_len)
                return MB_ERR_BUFFER;
            take = avail < r->remaining ? avail : r->remaining;
            memmove(r->body + r->body_len, r->buf + r->pos, take); /* chunked: closes the framing gap */
            r->body_len += take;
            r->pos += take;
            r->remaining -= take;
            if (r->remaining) return MB_PENDING;
            r->state = st == MB__H_DATA ? MB__H_CRLF : MB__H_DONE;
            continue;
        }
        /* a line of the head or of the chunked framing. "HTTP/1.x ddd" is
           checked as it arrives: not HTTP at all (a TLS server, SSH...)
           fails at once */
        if (st == MB__H_STATUS)
            for (i = 0; i < avail && i < 12; i++) {
                char c = r->buf[i], want = "HTTP/1.# ###"[i];
                if (want == '#' ? !mb__is_digit(c) : c != want) return MB_ERR_HTTP;
            }
        /* the complete line at pos (CRLF or bare LF) */
        line = r->buf + r->pos;
        nl = (const char *)memchr(line, '\n', avail);
        n = nl ? (size_t)(nl - line) : avail;
        /* limits: the line, and the head up to this line's end (or as far as
           it has come) */
        if (n > MB_HTTP_MAX_LINE || (st <= MB__H_HEAD && r->pos + n + (nl != NULL) > MB_HTTP_MAX_HEAD))
            return MB_ERR_HTTP_LIMIT;
        if (!nl) return MB_PENDING;
        r->pos += n + 1;
        if (n && nl[-1] == '\r') n--;
        if (st == MB__H_STATUS) { /* "HTTP/1.x 200[ reason]", its first 12 bytes checked above */
            if (n > 12 && line[12] != ' ') return MB_ERR_HTTP; /* its LF comes after those 12 */
            for (i = 9; i < 12; i++) r->status = r->status * 10 + line[i] - '0';
            if (r->status < 100) return MB_ERR_HTTP;
            if (line[7] == '0') r->flags |= MB__HF_CLOSE; /* HTTP/1.0: no keep-alive */
            r->state = MB__H_HEAD;
        } else if (st == MB__H_SIZE) {
            size_t size = 0;
            int v;
            for (i = 0; (v = mb__hex(line[i])) >= 0; i++) { /* line[n] ends the line */
                if (size > (MB_HTTP_MAX_CHUNK - (unsigned)v) >> 4) return MB_ERR_HTTP_LIMIT; /* before it can wrap */
                size = size << 4 | (unsigned)v;
            }
            if (i == 0) return MB_ERR_HTTP;
            while (line[i] == ' ' || line[i] == '\t') i++;
            if (i < n && line[i] != ';') return MB_ERR_HTTP; /* only an extension may follow */
            r->remaining = size;
            r->state = size ? MB__H_DATA : MB__H_TRAILER;
        } else if (n == 0) { /* the end of the head, of a chunk's data or of the trailer */
            if (st == MB__H_HEAD) {
                if ((s = mb__http_end_head(r)) != MB_OK) return s;
            } else {
                r->state = (uint8_t)(st + 1);
            }
        } else { /* a header or trailer field, or data longer than its chunk size */
            if (st == MB__H_CRLF) return MB_ERR_HTTP;
            if (++r->nheaders > MB_HTTP_MAX_HEADERS) return MB_ERR_HTTP_LIMIT;
            if (st == MB__H_HEAD && (s = mb__http_header(r, line, n)) != MB_OK) return s;
        }
    }
}

mb_status mb_http_response_feed(mb_http_response *r, size_t n) {
    mb_status s;
    if (!r->buf || n > r->cap - r->fill) return MB_ERR_ARG;
    r->fill += n;
    s = mb__http_run(r);
    /* chunked: give back the room the framing took */
    if (r->state >= MB__H_CRLF && r->state <= MB__H_TRAILER) {
        size_t end = r->head_len + r->body_len, left = r->fill - r->pos;
        memmove(r->buf + end, r->buf + r->pos, left);
        r->pos = end;
        r->fill = end + left;
    }
    return s;
}

mb_status mb_http_response_eof(mb_http_response *r) {
    if (r->state == MB__H_LEN && !(r->flags & MB__HF_LENGTH)) r->state = MB__H_DONE;
    if (r->state == MB__H_DONE) return MB_OK;
    return r->fill ? MB_ERR_TRUNCATED : MB_ERR_CLOSED;
}

mb_status mb_http_header(const mb_http_response *r, const char *name, mb_str *value) {
    const char *p, *e, *nl, *c;
    if (!r->head_len || !name || !value) return MB_ERR_ARG;
    p = r->buf;
    e = p + r->head_len;
    for (; (nl = (const char *)memchr(p, '\n', (size_t)(e - p))) != NULL; p = nl + 1) {
        c = (const char *)memchr(p, ':', (size_t)(nl - p));
        if (c && mb__str_ieq(p, (size_t)(c - p), name)) {
            *value = mb__trim(c + 1, (size_t)(nl - c - 1));
            return MB_OK;
        }
    }
    return MB_ERR_NOT_FOUND;
}

int mb_http_keep_alive(const mb_http_response *r) {
    /* bytes after the response forbid it too */
    return r->state == MB__H_DONE && !(r->flags & MB__HF_CLOSE) && r->fill == r->pos;
}
