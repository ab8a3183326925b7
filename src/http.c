
/* ---- http ---- */

static int mb__is_tchar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || mb__is_digit(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

void mb_http_header_line(mb_writer *w, const char *name, const char *value) {
    const char *p;
    if (w->err != MB_OK) return;
    if (!name || !*name || !value) { mb__w_fail(w, MB_ERR_ARG); return; }
    for (p = name; *p; p++)
        if (!mb__is_tchar(*p)) { mb__w_fail(w, MB_ERR_ARG); return; }
    for (p = value; *p; p++)
        if (*p == '\r' || *p == '\n') { mb__w_fail(w, MB_ERR_ARG); return; }
    mb_w_cstr(w, name);
    mb_w_bytes(w, ": ", 2);
    mb_w_cstr(w, value);
    mb_w_bytes(w, "\r\n", 2);
}

enum { MB__H_HEAD, MB__H_BODY_LEN, MB__H_BODY_CLOSE, MB__H_CHUNK_SIZE, MB__H_CHUNK_DATA, MB__H_CHUNK_END,
       MB__H_TRAILER, MB__H_DONE };
enum { MB__HF_CHUNKED = 1, MB__HF_LENGTH = 2, MB__HF_CLOSE = 4, MB__HF_STATUS = 8, MB__HF_EXTRA = 16 };

void mb_http_response_init(mb_http_response *r, char *buf, size_t cap) {
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->cap = buf ? cap : 0;
}

mb_status mb_http_response_space(mb_http_response *r, char **dst, size_t *room) {
    if (!r->buf) return MB_ERR_ARG;
    *dst = r->buf + r->fill;
    *room = r->cap - r->fill;
    if (*room == 0) return r->state == MB__H_HEAD ? MB_ERR_HTTP_LIMIT : MB_ERR_BUFFER;
    return MB_OK;
}

/* Trims spaces and tabs around [p, p+n). */
static mb_str mb__trim(const char *p, size_t n) {
    mb_str v;
    while (n && (*p == ' ' || *p == '\t')) { p++; n--; }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    v.ptr = p;
    v.len = n;
    return v;
}

/* Does the comma-separated list v contain the token tok (lower case)? */
static int mb__list_has(mb_str v, const char *tok) {
    size_t i = 0;
    while (i <= v.len) {
        size_t j = i;
        mb_str item;
        while (j < v.len && v.ptr[j] != ',') j++;
        item = mb__trim(v.ptr + i, j - i);
        if (mb__str_ieq(item.ptr, item.len, tok)) return 1;
        i = j + 1;
    }
    return 0;
}

static mb_status mb__http_status_line(mb_http_response *r, const char *p, size_t n) {
    if (n < 12 || memcmp(p, "HTTP/1.", 7) != 0 || !mb__is_digit(p[7]) || p[8] != ' ') return MB_ERR_HTTP;
    if (!mb__is_digit(p[9]) || !mb__is_digit(p[10]) || !mb__is_digit(p[11])) return MB_ERR_HTTP;
    if (n > 12 && p[12] != ' ') return MB_ERR_HTTP;
    r->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
    if (r->status < 100) return MB_ERR_HTTP;
    if (p[7] == '0') r->flags |= MB__HF_CLOSE; /* HTTP/1.0: no keep-alive */
    return MB_OK;
}

static mb_status mb__http_header(mb_http_response *r, const char *p, size_t n) {
    size_t c = 0;
    mb_str v;
    if (n == 0 || p[0] == ' ' || p[0] == '\t') return MB_ERR_HTTP; /* obsolete line folding */
    while (c < n && p[c] != ':') {
        if (!mb__is_tchar(p[c])) return MB_ERR_HTTP;
        c++;
    }
    if (c == 0 || c == n) return MB_ERR_HTTP;
    v = mb__trim(p + c + 1, n - c - 1);
    for (size_t i = 0; i < v.len; i++)
        if (v.ptr[i] == '\0' || v.ptr[i] == '\r') return MB_ERR_HTTP;
    if (mb__str_ieq(p, c, "content-length")) {
        uint64_t len = 0;
        if (v.len == 0) return MB_ERR_HTTP;
        for (size_t i = 0; i < v.len; i++) {
            if (!mb__is_digit(v.ptr[i])) return MB_ERR_HTTP;
            if (len > (UINT64_MAX - 9u) / 10u) return MB_ERR_HTTP_LIMIT;
            len = len * 10u + (uint64_t)(v.ptr[i] - '0');
        }
        if ((r->flags & MB__HF_LENGTH) && len != r->remaining) return MB_ERR_HTTP; /* conflicting lengths */
        r->flags |= MB__HF_LENGTH;
        r->remaining = len;
    } else if (mb__str_ieq(p, c, "transfer-encoding")) {
        if (!mb__str_ieq(v.ptr, v.len, "chunked")) return MB_ERR_HTTP; /* no other coding is asked for */
        r->flags |= MB__HF_CHUNKED;
    } else if (mb__str_ieq(p, c, "connection")) {
        if (mb__list_has(v, "close")) r->flags |= MB__HF_CLOSE;
    }
    return MB_OK;
}

/* A whole line is [line_start, nl) (nl at '\n'); returns its length
 * without the line end, accepting CRLF or a bare LF. */
static size_t mb__line_len(const mb_http_response *r, size_t nl) {
    size_t n = nl - r->line_start;
    if (n && r->buf[nl - 1] == '\r') n--;
    return n;
}

/* Finds the next '\n' from pos; enforces the line limit while waiting. */
static mb_status mb__next_line(mb_http_response *r, size_t *nl) {
    char *p = r->pos < r->fill ? (char *)memchr(r->buf + r->pos, '\n', r->fill - r->pos) : NULL;
    if (!p) {
        r->pos = r->fill;
        return r->fill - r->line_start > MB_HTTP_MAX_LINE ? MB_ERR_HTTP_LIMIT : MB_PENDING;
    }
    *nl = (size_t)(p - r->buf);
    r->pos = *nl + 1;
    if (*nl - r->line_start > MB_HTTP_MAX_LINE) return MB_ERR_HTTP_LIMIT;
    return MB_OK;
}

static mb_status mb__http_end_head(mb_http_response *r) {
    r->head_len = r->pos;
    r->body = r->buf + r->head_len;
    r->body_len = 0;
    if (r->status == 101 && r->upgrade) {
        r->state = MB__H_DONE;
        r->flags |= MB__HF_CLOSE; /* the connection is no longer HTTP */
        return MB_OK;
    }
    if (r->status >= 100 && r->status < 200) {
        if (r->status == 101) return MB_ERR_HTTP; /* no upgrade was asked */
        /* interim response: drop it and parse the next head in its place */
        memmove(r->buf, r->buf + r->pos, r->fill - r->pos);
        r->fill -= r->pos;
        r->pos = r->line_start = 0;
        r->head_len = 0;
        r->nheaders = 0;
        r->flags = 0;
        r->remaining = 0;
        return MB_PENDING;
    }
    if (r->status == 204 || r->status == 304) {
        r->state = MB__H_DONE;
    } else if (r->flags & MB__HF_CHUNKED) {
        if (r->flags & MB__HF_LENGTH) r->flags |= MB__HF_CLOSE; /* both framings: answer, then do not reuse */
        r->state = MB__H_CHUNK_SIZE;
        r->line_start = r->pos;
    } else if (r->flags & MB__HF_LENGTH) {
        if (r->remaining > r->cap - r->head_len) return MB_ERR_BUFFER; /* will not fit: say so now */
        r->state = r->remaining ? MB__H_BODY_LEN : MB__H_DONE;
    } else {
        r->flags |= MB__HF_CLOSE;
        r->state = MB__H_BODY_CLOSE;
    }
    return MB_OK;
}

static mb_status mb__http_run(mb_http_response *r) {
    size_t nl;
    mb_status s;
    for (;;) {
        switch (r->state) {
        case MB__H_HEAD:
            if (!(r->flags & MB__HF_STATUS)) { /* not HTTP at all (a TLS server, SSH...): say so at once */
                size_t k = r->fill - r->line_start < 5 ? r->fill - r->line_start : 5;
                if (memcmp(r->buf + r->line_start, "HTTP/", k) != 0) return MB_ERR_HTTP;
            }
            if ((s = mb__next_line(r, &nl)) != MB_OK) {
                if (s == MB_PENDING && r->fill > MB_HTTP_MAX_HEAD) return MB_ERR_HTTP_LIMIT;
                return s;
            }
            if (nl + 1 > MB_HTTP_MAX_HEAD) return MB_ERR_HTTP_LIMIT;
            {
                const char *line = r->buf + r->line_start;
                size_t n = mb__line_len(r, nl);
                r->line_start = r->pos;
                if (!(r->flags & MB__HF_STATUS)) {
                    if ((s = mb__http_status_line(r, line, n)) != MB_OK) return s;
                    r->flags |= MB__HF_STATUS;
                } else if (n == 0) {
                    if ((s = mb__http_end_head(r)) == MB_PENDING) continue;
                    if (s != MB_OK) return s;
                } else {
                    if (++r->nheaders > MB_HTTP_MAX_HEADERS) return MB_ERR_HTTP_LIMIT;
                    if ((s = mb__http_header(r, line, n)) != MB_OK) return s;
                }
            }
            break;
        case MB__H_BODY_LEN: {
            size_t avail = r->fill - r->pos;
            size_t take = (uint64_t)avail < r->remaining ? avail : (size_t)r->remaining;
            r->body_len += take;
            r->pos += take;
            r->remaining -= take;
            if (r->remaining) return MB_PENDING;
            r->state = MB__H_DONE;
            break;
        }
        case MB__H_BODY_CLOSE:
            r->body_len += r->fill - r->pos;
            r->pos = r->fill;
            return MB_PENDING;
        case MB__H_CHUNK_SIZE: {
            uint64_t size = 0;
            size_t i, n;
            if ((s = mb__next_line(r, &nl)) != MB_OK) return s;
            n = mb__line_len(r, nl);
            for (i = 0; i < n; i++) {
                char c = r->buf[r->line_start + i];
                unsigned v;
                if (c >= '0' && c <= '9') v = (unsigned)(c - '0');
                else if (c >= 'a' && c <= 'f') v = (unsigned)(c - 'a' + 10);
                else if (c >= 'A' && c <= 'F') v = (unsigned)(c - 'A' + 10);
                else break;
                if (size > ((uint64_t)MB_HTTP_MAX_CHUNK >> 4)) return MB_ERR_HTTP_LIMIT; /* before it can wrap */
                size = (size << 4) | v;
            }
            if (i == 0) return MB_ERR_HTTP;
            if (size > (uint64_t)MB_HTTP_MAX_CHUNK) return MB_ERR_HTTP_LIMIT;
            /* only a chunk extension may follow the digits */
            while (i < n && (r->buf[r->line_start + i] == ' ' || r->buf[r->line_start + i] == '\t')) i++;
            if (i < n && r->buf[r->line_start + i] != ';') return MB_ERR_HTTP;
            if (size > r->cap - r->head_len - r->body_len) return MB_ERR_BUFFER;
            r->remaining = size;
            r->line_start = r->pos;
            r->state = size ? MB__H_CHUNK_DATA : MB__H_TRAILER;
            break;
        }
        case MB__H_CHUNK_DATA: {
            size_t avail = r->fill - r->pos;
            size_t take = (uint64_t)avail < r->remaining ? avail : (size_t)r->remaining;
            char *dst = r->body + r->body_len;
            if (dst != r->buf + r->pos) memmove(dst, r->buf + r->pos, take);
            r->body_len += take;
            r->pos += take;
            r->remaining -= take;
            if (r->remaining) return MB_PENDING;
            r->line_start = r->pos;
            r->state = MB__H_CHUNK_END;
            break;
        }
        case MB__H_CHUNK_END:
            if ((s = mb__next_line(r, &nl)) != MB_OK) return s;
            if (mb__line_len(r, nl) != 0) return MB_ERR_HTTP; /* data longer than its size */
            r->line_start = r->pos;
            r->state = MB__H_CHUNK_SIZE;
            break;
        case MB__H_TRAILER:
            if ((s = mb__next_line(r, &nl)) != MB_OK) return s;
            if (mb__line_len(r, nl) == 0) {
                r->state = MB__H_DONE;
                break;
            }
            if (++r->nheaders > MB_HTTP_MAX_HEADERS) return MB_ERR_HTTP_LIMIT;
            r->line_start = r->pos;
            break;
        default: /* MB__H_DONE */
            if (r->pos < r->fill && r->status != 101) r->flags |= MB__HF_EXTRA; /* bytes after the response */
            return MB_OK;
        }
    }
}

mb_status mb_http_response_feed(mb_http_response *r, size_t n) {
    mb_status s;
    if (!r->buf || n > r->cap - r->fill) return MB_ERR_ARG;
    if (r->state == MB__H_DONE) {
        r->fill += n;
        if (n && r->status != 101) r->flags |= MB__HF_EXTRA;
        return MB_OK;
    }
    r->fill += n;
    s = mb__http_run(r);
    /* Chunked: give back the room that chunk framing took. */
    if (r->state >= MB__H_CHUNK_SIZE && r->state <= MB__H_TRAILER && s == MB_PENDING) {
        size_t end = r->head_len + r->body_len;
        size_t from = r->state == MB__H_CHUNK_DATA ? r->pos : r->line_start; /* first unconsumed byte */
        if (from > end) {
            size_t shift = from - end;
            memmove(r->buf + end, r->buf + from, r->fill - from);
            r->fill -= shift;
            r->pos -= shift;
            r->line_start = r->line_start >= shift ? r->line_start - shift : 0;
        }
    }
    return s;
}

mb_status mb_http_response_eof(mb_http_response *r) {
    if (r->state == MB__H_DONE) return MB_OK;
    if (r->state == MB__H_BODY_CLOSE) {
        r->state = MB__H_DONE;
        return MB_OK;
    }
    return r->fill == 0 ? MB_ERR_CLOSED : MB_ERR_TRUNCATED;
}

mb_status mb_http_header(const mb_http_response *r, const char *name, mb_str *value) {
    size_t i = 0;
    if (!r->head_len || !name || !value) return MB_ERR_ARG;
    /* skip the status line */
    while (i < r->head_len && r->buf[i] != '\n') i++;
    i++;
    while (i < r->head_len) {
        size_t j = i, c;
        while (j < r->head_len && r->buf[j] != '\n') j++;
        for (c = i; c < j && r->buf[c] != ':'; c++) {}
        if (c < j && mb__str_ieq(r->buf + i, c - i, name)) {
            size_t e = j;
            if (e > c && r->buf[e - 1] == '\r') e--;
            *value = mb__trim(r->buf + c + 1, e - c - 1);
            return MB_OK;
        }
        i = j + 1;
    }
    return MB_ERR_NOT_FOUND;
}

int mb_http_keep_alive(const mb_http_response *r) {
    return r->state == MB__H_DONE && !(r->flags & (MB__HF_CLOSE | MB__HF_EXTRA));
}
