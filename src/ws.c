
/* ---- ws ---- */
#if !defined(MB_NO_WS)

enum { MB__WS_DOWN, MB__WS_WAIT_ACK, MB__WS_READY, MB__WS_FAILED };
#define MB__WS_ROOM 14 /* largest client frame header, kept free before each payload */

/* SHA-1 (FIPS 180-4) of one short message: only the handshake uses it. */
static uint32_t mb__ws_rol(uint32_t v, unsigned n) { return (v << n) | (v >> (32u - n)); }

static void mb__ws_sha1_block(uint32_t h[5], const uint8_t *p) {
    uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], t, f, k;
    unsigned i;
    for (i = 0; i < 80; i++) {
        if (i < 16) {
            w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
        } else {
            t = w[(i + 13) & 15] ^ w[(i + 8) & 15] ^ w[(i + 2) & 15] ^ w[i & 15];
            w[i & 15] = mb__ws_rol(t, 1);
        }
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999u; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1u; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDCu; }
        else { f = b ^ c ^ d; k = 0xCA62C1D6u; }
        t = mb__ws_rol(a, 5) + f + e + k + w[i & 15];
        e = d;
        d = c;
        c = mb__ws_rol(b, 30);
        b = a;
        a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

/* Base64 (RFC 4648, padded) of n bytes into out, NUL-terminated. */
static void mb__ws_b64(const uint8_t *in, size_t n, char *out) {
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;
    for (i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0u);
        *out++ = t[v >> 18];
        *out++ = t[(v >> 12) & 63];
        *out++ = i + 1 < n ? t[(v >> 6) & 63] : '=';
        *out++ = i + 2 < n ? t[v & 63] : '=';
    }
    *out = '\0';
}

/* SHA-1 of key + GUID: always 60 bytes, so the padding is fixed (0x80,
 * then the length, 480 bits, at the end of the second block). */
void mb_ws_accept(const char *key, char out[29]) {
    uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
    uint8_t m[128], d[20];
    unsigned i;
    memset(m, 0, sizeof m);
    memcpy(m, key, 24);
    memcpy(m + 24, "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", 36);
    m[60] = 0x80;
    m[126] = 0x01;
    m[127] = 0xE0;
    mb__ws_sha1_block(h, m);
    mb__ws_sha1_block(h, m + 64);
    for (i = 0; i < 20; i++) d[i] = (uint8_t)(h[i >> 2] >> (24 - 8 * (i & 3)));
    mb__ws_b64(d, 20, out);
}

mb_status mb_ws_parse_head(const uint8_t *p, size_t n, mb_ws_head *h) {
    size_t need = 2, i;
    uint64_t len;
    if (n < 2) return MB_PENDING;
    h->fin = (uint8_t)(p[0] >> 7);
    h->rsv = (uint8_t)((p[0] >> 4) & 7);
    h->opcode = (uint8_t)(p[0] & 15);
    h->masked = (uint8_t)(p[1] >> 7);
    len = p[1] & 127u;
    if (len == 126) need = 4;
    else if (len == 127) need = 10;
    if (h->masked) need += 4;
    if (n < need) return MB_PENDING;
    if (len >= 126) {
        size_t k = len == 126 ? 2 : 8;
        for (len = 0, i = 0; i < k; i++) len = len << 8 | p[2 + i];
        /* the shortest form is required, and the top bit must be 0 */
        if ((k == 2 && len < 126) || (k == 8 && (len <= 0xFFFFu || len >> 63))) return MB_ERR_WS_PROTOCOL;
    }
    h->head_len = need;
    h->len = len;
    return MB_OK;
}

static mb_status mb__ws_send(mb_ws *ws, const char *p, size_t n) {
    while (n) {
        size_t sent = 0;
        mb_status s = ws->cfg.transport.send(ws->cfg.transport.ctx, p, n, &sent, ws->cfg.timeout_ms);
        if (s != MB_OK) return s;
        if (sent == 0 || sent > n) return MB_ERR_IO;
        p += sent;
        n -= sent;
    }
    ws->last_tx = ws->cfg.now_ms();
    return MB_OK;
}

/* Outgoing payloads are written after the received bytes, MB__WS_ROOM in. */
static void mb__ws_out(mb_ws *ws, mb_writer *w) {
    size_t at = ws->fill + MB__WS_ROOM;
    if (at > ws->cfg.buf_size) { /* no room after what was received: an error, never a frame before buf */
        mb_w_init(w, ws->cfg.buf, 0);
        mb__w_fail(w, MB_ERR_BUFFER);
    } else {
        mb_w_init(w, ws->cfg.buf + at, ws->cfg.buf_size - at);
    }
}

/* Frames and sends the writer's payload: FIN, masked with fresh random bytes. */
static mb_status mb__ws_frame(mb_ws *ws, unsigned op, mb_writer *w) {
    size_t n = w->len, hl = n < 126 ? 6 : n <= 0xFFFFu ? 8 : 14, i;
    uint8_t *pl, *h, *mask;
    mb_status s;
    if (w->err != MB_OK) return w->err;
    pl = (uint8_t *)w->buf;
    if ((size_t)(w->buf - ws->cfg.buf) < hl) return MB_ERR_BUFFER; /* the head goes in front of the payload */
    h = pl - hl;
    mask = pl - 4;
    h[0] = (uint8_t)(0x80u | op);
    h[1] = (uint8_t)(0x80u | (hl == 6 ? n : hl == 8 ? 126u : 127u));
    for (i = 2; i < hl - 4; i++) h[i] = (uint8_t)((uint64_t)n >> (8 * (hl - 5 - i)));
    if ((s = ws->cfg.random(mask, 4)) != MB_OK) return s;
    for (i = 0; i < n; i++) pl[i] ^= mask[i & 3];
    return mb__ws_send(ws, (const char *)h, hl + n);
}

static mb_status mb__ws_text(mb_ws *ws, const char *json) {
    mb_writer w;
    mb__ws_out(ws, &w);
    mb_w_cstr(&w, json);
    return mb__ws_frame(ws, 1, &w);
}

/* Sends a close frame (best effort) and gives back the status to report.
 * What was received is dropped: the socket is closing. */
static mb_status mb__ws_fail(mb_ws *ws, unsigned code, mb_status s) {
    mb_writer w;
    uint8_t c[2];
    ws->fill = ws->msg_len = 0;
    c[0] = (uint8_t)(code >> 8);
    c[1] = (uint8_t)code;
    ws->close_code = (uint16_t)code;
    mb__ws_out(ws, &w);
    mb_w_bytes(&w, c, 2);
    (void)mb__ws_frame(ws, 8, &w);
    return s;
}

/* Close code -> status; any other code (1000, 1001, 1011, 1012...) is
 * MB_ERR_WS_CLOSED. A table: smaller than a switch on Cortex-M. */
static mb_status mb__ws_close_status(unsigned code) {
    static const uint16_t codes[] = {4400, 4403, 4408, 1006, 1002, 1003, 1007, 4401, 4409, 4429};
    static const uint8_t st[] = {MB_ERR_WS_BAD_REQUEST, MB_ERR_AUTH, MB_ERR_WS_INIT_TIMEOUT, MB_ERR_CLOSED};
    unsigned i;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i] == code) return i < 4 ? (mb_status)st[i] : MB_ERR_WS_PROTOCOL;
    return MB_ERR_WS_CLOSED;
}

static void mb__ws_forget(mb_ws *ws, mb_sub *sub, uint8_t state) {
    unsigned i;
    for (i = 0; i < MB_WS_MAX_SUBS; i++)
        if (ws->subs[i] == sub) ws->subs[i] = NULL;
    sub->state = state;
}

/* The members of sub's variables object, [*p, *e), checked as mb_execute
 * checks them. */
static mb_status mb__ws_vars(mb_ws *ws, const mb_sub *sub, const char **p, const char **e) {
    mb_json *d = &ws->res.doc;
    mb_status s = mb_json_parse(d, sub->variables, strlen(sub->variables), ws->cfg.tokens, ws->cfg.max_tokens);
    if (s == MB_OK) s = mb_json_check_strings(d);
    if (s == MB_OK && d->tok[0].type != JSMN_OBJECT) s = MB_ERR_JSON;
    *p = sub->variables + d->tok[0].start + 1;
    *e = sub->variables + d->tok[0].end - 1;
    while (*p < *e && mb__is_ws(**p)) ++*p;
    return s;
}

/* Writes the subscribe message for sub under a new id and sends it. When
 * the message cannot be written (too big, bad variables) the subscription
 * is at fault, not the socket: it ends (MB_SUB_DONE) with that status. */
static mb_status mb__ws_subscribe(mb_ws *ws, mb_sub *sub) {
    mb_writer w;
    mb_status s;
    uint32_t id = ++ws->next_id;
    mb__ws_out(ws, &w);
    mb_w_cstr(&w, "{\"id\":\"");
    mb_w_u64(&w, id);
    mb_w_cstr(&w, "\",\"type\":\"subscribe\",\"payload\":");
    mb_gql_begin(&w, sub->op ? sub->op->query : sub->query, sub->op ? sub->op->name : NULL);
    if (sub->cursor_var) {
        mb_w_key(&w, sub->cursor_var);
        mb_w_raw(&w, sub->cursor, sub->cursor_len);
    }
    if (sub->op) { /* the typed variables, less the cursor: it was written above */
        mb_var keep[MB_WS_MAX_VARS];
        mb_op op = *sub->op;
        uint16_t i, n = 0;
        for (i = 0; i < op.num_vars; i++) {
            if (sub->cursor_var && strcmp(op.vars[i].name, sub->cursor_var) == 0) continue;
            if (n == MB_WS_MAX_VARS) { mb__w_fail(&w, MB_ERR_BUFFER); break; }
            keep[n++] = op.vars[i];
        }
        op.vars = keep;
        op.num_vars = n;
        mb_typed_write_vars(&w, &op, sub->vars);
    } else if (sub->variables) {
        const char *p, *e;
        if ((s = mb__ws_vars(ws, sub, &p, &e)) != MB_OK) mb__w_fail(&w, s);
        else mb__w_members(&w, p, (size_t)(e - p));
    }
    mb_gql_end(&w);
    mb_w_bytes(&w, "}", 1);
    if (w.err != MB_OK) {
        mb__ws_forget(ws, sub, MB_SUB_DONE);
        return w.err;
    }
    s = mb__ws_frame(ws, 1, &w);
    if (s == MB_OK) {
        sub->id = id;
        sub->state = MB_SUB_ACTIVE;
    }
    return s;
}

/* After a stream batch: keep the cursor field of its last row. */
static mb_status mb__ws_cursor(mb_sub *sub, const mb_json *d, int data) {
    int rows = mb_json_first(d, data), el, next, c;
    size_t a, n;
    if (rows < 0 || rows + 1 >= d->count || d->tok[rows + 1].type != JSMN_ARRAY) return MB_OK;
    rows++;
    el = mb_json_first(d, rows);
    if (el < 0) return MB_OK;
    sub->rows += (uint32_t)d->tok[rows].size;
    while ((next = mb_json_next(d, el)) >= 0) el = next;
    if (mb_json_find(d, el, sub->cursor_field, &c) != MB_OK) return MB_ERR_NOT_FOUND;
    a = mb__outer_start(&d->tok[c]);
    n = mb__outer_end(&d->tok[c]) - a;
    if (n > MB_WS_MAX_CURSOR) return MB_ERR_BUFFER;
    memcpy(sub->cursor, d->js + a, n);
    sub->cursor_len = (uint8_t)n;
    return MB_OK;
}

/* One graphql-transport-ws message, m[0..n), valid UTF-8. */
static mb_status mb__ws_message(mb_ws *ws, char *m, size_t n, mb_sub_fn fn, void *user, int *events) {
    mb_json *d = &ws->res.doc;
    mb_sub *sub = NULL;
    mb_str type, v;
    mb_status s;
    int t;
    unsigned i;
    s = mb_json_parse(d, m, n, ws->cfg.tokens, ws->cfg.max_tokens);
    if (s != MB_OK) return mb__ws_fail(ws, 4400, s);
    if (d->tok[0].type != JSMN_OBJECT || mb_json_find(d, 0, "type", &t) != MB_OK || mb_json_get_str(d, t, &type) != MB_OK)
        return mb__ws_fail(ws, 4400, MB_ERR_WS_PROTOCOL);
    if (mb_str_eq(type, "ping")) return mb__ws_text(ws, "{\"type\":\"pong\"}");
    if (mb_str_eq(type, "pong")) return MB_OK;
    if (mb_str_eq(type, "connection_ack")) {
        if (ws->state != MB__WS_WAIT_ACK) return MB_OK;
        ws->state = MB__WS_READY;
        ws->connects++;
        ws->backoff_ms = MB_WS_BACKOFF_MIN_MS;
        ws->refreshed = 0;
        for (i = 0; i < MB_WS_MAX_SUBS; i++) {
            mb_sub *p = ws->subs[i];
            if (p && p->state == MB_SUB_PENDING && (s = mb__ws_subscribe(ws, p)) != MB_OK && p->state != MB_SUB_DONE)
                return s; /* the socket failed */
        }
        return MB_OK;
    }
    if (ws->state != MB__WS_READY) return mb__ws_fail(ws, 4400, MB_ERR_WS_PROTOCOL);
    if (mb_json_find(d, 0, "id", &t) == MB_OK && mb_json_get_str(d, t, &v) == MB_OK && v.len && v.len < 10) {
        uint32_t id = 0;
        for (i = 0; i < v.len && id != UINT32_MAX; i++)
            id = mb__is_digit(v.ptr[i]) ? id * 10u + (uint32_t)(v.ptr[i] - '0') : UINT32_MAX;
        for (i = 0; i < MB_WS_MAX_SUBS; i++) /* ids are 1, 2, ...: never 0 or UINT32_MAX */
            if (ws->subs[i] && ws->subs[i]->state == MB_SUB_ACTIVE && ws->subs[i]->id == id) sub = ws->subs[i];
    }
    if (mb_str_eq(type, "complete")) {
        if (sub) {
            mb__ws_forget(ws, sub, MB_SUB_DONE);
            (*events)++;
            if (fn) fn(user, sub, MB_OK, NULL);
        }
        return MB_OK;
    }
    if (!mb_str_eq(type, "next") && !mb_str_eq(type, "error")) return mb__ws_fail(ws, 4400, MB_ERR_WS_PROTOCOL);
    if (mb_json_find(d, 0, "payload", &t) != MB_OK) return mb__ws_fail(ws, 4400, MB_ERR_WS_PROTOCOL);
    if (!sub) return MB_OK; /* stopped, or not ours: nothing to deliver */
    if (type.ptr[0] == 'n') {
        v = mb_json_raw_view(d, t);
        s = mb_gql_decode(&ws->res, m + d->tok[t].start, v.len, ws->cfg.tokens, ws->cfg.max_tokens);
        if (s == MB_OK && sub->cursor_field) s = mb__ws_cursor(sub, &ws->res.doc, ws->res.data);
    } else {
        /* the payload is the errors array: rename its key and decode the message */
        memcpy(m + d->tok[t - 1].start - 1, " \"errors\"", 9);
        s = mb_gql_decode(&ws->res, m, n, ws->cfg.tokens, ws->cfg.max_tokens);
        if (s != MB_ERR_AUTH) s = MB_ERR_GRAPHQL;
        mb__ws_forget(ws, sub, MB_SUB_DONE);
    }
    (*events)++;
    if (fn) fn(user, sub, s, &ws->res);
    return MB_OK;
}

/* Parses the frames in buf: control frames are answered at once, data
 * frames are reassembled at buf[0, msg_len) and handed to the message
 * layer. MB_OK when every whole frame was used. */
static mb_status mb__ws_frames(mb_ws *ws, mb_sub_fn fn, void *user, int *events) {
    for (;;) {
        uint8_t *p = (uint8_t *)ws->cfg.buf + ws->msg_len;
        size_t n = ws->fill - ws->msg_len, len, room = ws->cfg.buf_size - ws->msg_len;
        mb_ws_head h;
        mb_status s = mb_ws_parse_head(p, n, &h);
        if (s == MB_PENDING) return room < MB__WS_ROOM ? mb__ws_fail(ws, 1009, MB_ERR_BUFFER) : MB_OK;
        if (s != MB_OK || h.rsv || h.masked) return mb__ws_fail(ws, 1002, MB_ERR_WS_PROTOCOL);
        if (h.opcode >= 8) {
            if (!h.fin || h.len > 125 || h.opcode > 10) return mb__ws_fail(ws, 1002, MB_ERR_WS_PROTOCOL);
        } else if (h.opcode > 2 || (h.opcode == 0) != (ws->msg_op != 0)) {
            return mb__ws_fail(ws, 1002, MB_ERR_WS_PROTOCOL);
        } else if (h.len > MB_WS_MAX_FRAME || h.len + ws->msg_len > MB_WS_MAX_MESSAGE) {
            return mb__ws_fail(ws, 1009, MB_ERR_BUFFER);
        }
        if (h.len > room - h.head_len) return mb__ws_fail(ws, 1009, MB_ERR_BUFFER); /* can never fit */
        if (n - h.head_len < h.len) return MB_OK;                                  /* wait for the rest */
        len = (size_t)h.len;
        if (h.opcode >= 8) {
            const uint8_t *pl = p + h.head_len;
            if (h.opcode == 8) { /* echo the code, report it */
                unsigned code = len >= 2 ? (unsigned)pl[0] << 8 | pl[1] : 1005u;
                mb_writer w;
                if (len == 1) return mb__ws_fail(ws, 1002, MB_ERR_WS_PROTOCOL);
                ws->close_code = (uint16_t)code;
                mb__ws_out(ws, &w);
                mb_w_bytes(&w, pl, len < 2 ? len : 2);
                (void)mb__ws_frame(ws, 8, &w);
                return mb__ws_close_status(code);
            }
            if (h.opcode == 9) {
                mb_writer w;
                mb__ws_out(ws, &w);
                mb_w_bytes(&w, pl, len);
                if ((s = mb__ws_frame(ws, 10, &w)) != MB_OK) return s;
            }
            memmove(p, p + h.head_len + len, n - h.head_len - len);
            ws->fill -= h.head_len + len;
            continue;
        }
        if (h.opcode) ws->msg_op = h.opcode;
        memmove(p, p + h.head_len, n - h.head_len); /* payload joins the message */
        ws->fill -= h.head_len;
        ws->msg_len += len;
        if (h.fin) {
            size_t m = ws->msg_len;
            if (ws->msg_op != 1) return mb__ws_fail(ws, 1003, MB_ERR_WS_PROTOCOL); /* graphql-transport-ws is text */
            if (!mb_utf8_valid(ws->cfg.buf, m)) return mb__ws_fail(ws, 1007, MB_ERR_UTF8);
            ws->msg_op = 0;
            s = mb__ws_message(ws, ws->cfg.buf, m, fn, user, events);
            if (s != MB_OK) return s;
            memmove(ws->cfg.buf, ws->cfg.buf + m, ws->fill - m);
            ws->fill -= m;
            ws->msg_len = 0;
        }
    }
}

/* Receives and handles frames until the deadline (MB_PENDING), until
 * events were delivered or, with until_ready, the ack came (MB_OK), or
 * a failure. Pings the server when we have been quiet. It reads at least
 * once (a zero timeout polls), and calls the link dead only when a read
 * found nothing: a caller that polls late is not punished for it. */
static mb_status mb__ws_pump(mb_ws *ws, uint64_t deadline, mb_sub_fn fn, void *user, int until_ready) {
    int events = 0, read = 0, empty = 0;
    for (;;) {
        uint64_t now, until;
        size_t got = 0;
        mb_status s = mb__ws_frames(ws, fn, user, &events);
        if (s != MB_OK) return s;
        if (ws->state == MB__WS_READY && (events || until_ready)) return MB_OK;
        now = ws->cfg.now_ms();
        if (ws->state == MB__WS_WAIT_ACK && now >= ws->ack_by) return MB_ERR_TIMEOUT;
        if (empty && now - ws->last_rx >= MB_WS_IDLE_MS) return MB_ERR_TIMEOUT;
        if (read && now >= deadline) return MB_PENDING;
        if (ws->state == MB__WS_READY && now - ws->last_tx >= MB_WS_PING_MS) {
            if ((s = mb__ws_text(ws, "{\"type\":\"ping\"}")) != MB_OK) return s;
            now = ws->cfg.now_ms();
        }
        until = deadline;
        if (ws->last_rx + MB_WS_IDLE_MS < until) until = ws->last_rx + MB_WS_IDLE_MS;
        if (ws->state == MB__WS_READY && ws->last_tx + MB_WS_PING_MS < until) until = ws->last_tx + MB_WS_PING_MS;
        if (ws->fill >= ws->cfg.buf_size) return mb__ws_fail(ws, 1009, MB_ERR_BUFFER);
        s = ws->cfg.transport.recv(ws->cfg.transport.ctx, ws->cfg.buf + ws->fill, ws->cfg.buf_size - ws->fill, &got,
                                   until > now ? (uint32_t)(until - now > 0x7FFFFFFFu ? 0x7FFFFFFFu : until - now) : 0);
        read = 1;
        empty = s == MB_ERR_TIMEOUT;
        if (empty) continue;
        if (s == MB_ERR_CLOSED) ws->close_code = 1006;
        if (s != MB_OK) return s;
        if (got == 0 || got > ws->cfg.buf_size - ws->fill) return MB_ERR_IO;
        ws->fill += got;
        ws->last_rx = ws->cfg.now_ms();
    }
}

/* The socket is gone: close the transport, put live subscriptions back in
 * the queue, and plan the next attempt (a refused JWT is refreshed once). */
static void mb__ws_down(mb_ws *ws, mb_status why) {
    unsigned i;
    uint64_t now = ws->cfg.now_ms();
    const char *jwt = NULL;
    uint16_t r;
    ws->cfg.transport.close(ws->cfg.transport.ctx);
    ws->fill = ws->msg_len = 0;
    ws->msg_op = 0;
    for (i = 0; i < MB_WS_MAX_SUBS; i++)
        if (ws->subs[i] && ws->subs[i]->state == MB_SUB_ACTIVE) ws->subs[i]->state = MB_SUB_PENDING;
    ws->state = MB__WS_DOWN;
    if (why == MB_ERR_AUTH) {
        if (ws->refreshed || !ws->cfg.refresh || ws->cfg.refresh(ws->cfg.refresh_user, &jwt) != MB_OK || !jwt) {
            ws->state = MB__WS_FAILED;
            return;
        }
        ws->cfg.jwt = jwt;
        ws->refreshed = 1;
        ws->retry_at = now; /* a fresh token: no reason to wait */
        return;
    }
    /* up to a quarter off at random, so that the devices a server restart
       dropped together do not all come back in the same instant */
    ws->retry_at = now + ws->backoff_ms;
    if (ws->cfg.random(&r, sizeof r) == MB_OK) ws->retry_at -= r % (ws->backoff_ms / 4u + 1u);
    ws->backoff_ms = ws->backoff_ms > MB_WS_BACKOFF_MAX_MS / 2 ? MB_WS_BACKOFF_MAX_MS : ws->backoff_ms * 2;
}

static void mb__ws_header(mb_writer *w, const char *name, const char *prefix, const char *value, int *n) {
    if (!value) return;
    mb_w_cstr(w, (*n)++ ? ",\"" : "\"");
    mb_w_cstr(w, name);
    mb_w_cstr(w, "\":\"");
    mb_w_cstr(w, prefix);
    mb_w_escaped(w, value, strlen(value));
    mb_w_cstr(w, "\"");
}

/* TCP (or TLS) connect, HTTP upgrade with the subprotocol checked, then
 * connection_init. */
static mb_status mb__ws_open(mb_ws *ws) {
    const mb_ws_config *k = &ws->cfg;
    uint8_t rnd[16];
    char key[25], acc[29];
    mb_writer w;
    mb_http_response r;
    mb_str v;
    mb_status s;
    int n = 0;
    ws->fill = ws->msg_len = 0;
    s = k->transport.connect(k->transport.ctx, ws->host, ws->url.port, k->connect_timeout_ms);
    if (s != MB_OK) return s;
    if ((s = k->random(rnd, sizeof rnd)) != MB_OK) return s;
    mb__ws_b64(rnd, sizeof rnd, key);
    mb_ws_accept(key, acc);
    mb_w_init(&w, k->buf, k->buf_size);
    mb_w_cstr(&w, "GET ");
    if (ws->url.path.len == 0 || ws->url.path.ptr[0] != '/') mb_w_bytes(&w, "/", 1);
    mb_w_bytes(&w, ws->url.path.ptr, ws->url.path.len);
    mb_w_cstr(&w, " HTTP/1.1\r\nHost: ");
    mb_w_cstr(&w, ws->url.ipv6 ? "[" : "");
    mb_w_cstr(&w, ws->host);
    mb_w_cstr(&w, ws->url.ipv6 ? "]" : "");
    if (!ws->url.default_port) {
        mb_w_bytes(&w, ":", 1);
        mb_w_u64(&w, ws->url.port);
    }
    mb_w_cstr(&w, "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Protocol: graphql-transport-ws\r\nUser-Agent: mb/" MB_VERSION "\r\nSec-WebSocket-Key: ");
    mb_w_cstr(&w, key);
    mb_w_cstr(&w, "\r\n\r\n");
    if (w.err != MB_OK) return w.err;
    if ((s = mb__ws_send(ws, w.buf, w.len)) != MB_OK) return s;
    mb_http_response_init(&r, k->buf, k->buf_size);
    r.upgrade = 1;
    do {
        char *dst;
        size_t room, got = 0;
        if ((s = mb_http_response_space(&r, &dst, &room)) != MB_OK) return s;
        s = k->transport.recv(k->transport.ctx, dst, room, &got, k->connect_timeout_ms);
        if (s == MB_ERR_CLOSED) return mb_http_response_eof(&r) == MB_OK ? MB_ERR_WS_HANDSHAKE : MB_ERR_CLOSED;
        if (s != MB_OK) return s;
        if (got == 0 || got > room) return MB_ERR_IO;
        s = mb_http_response_feed(&r, got);
        if (r.head_len && r.status != 101) return MB_ERR_WS_HANDSHAKE; /* refused: the body does not matter */
    } while (s == MB_PENDING);
    if (s != MB_OK) return s;
    if (mb_http_header(&r, "upgrade", &v) != MB_OK || !mb__str_ieq(v.ptr, v.len, "websocket") ||
        mb_http_header(&r, "connection", &v) != MB_OK || !mb__list_has(v, "upgrade") ||
        mb_http_header(&r, "sec-websocket-accept", &v) != MB_OK || !mb_str_eq(v, acc) ||
        mb_http_header(&r, "sec-websocket-protocol", &v) != MB_OK || !mb_str_eq(v, "graphql-transport-ws") ||
        mb_http_header(&r, "sec-websocket-extensions", &v) == MB_OK)
        return MB_ERR_WS_HANDSHAKE;
    ws->fill = r.fill - r.head_len; /* frames that came with the head */
    memmove(k->buf, k->buf + r.head_len, ws->fill);
    ws->state = MB__WS_WAIT_ACK;
    ws->last_rx = k->now_ms();
    ws->ack_by = ws->last_rx + k->connect_timeout_ms;
    mb__ws_out(ws, &w);
    mb_w_cstr(&w, "{\"type\":\"connection_init\",\"payload\":{\"headers\":{");
    mb__ws_header(&w, "Authorization", "Bearer ", k->jwt, &n);
    mb__ws_header(&w, "x-hasura-role", "", k->role, &n);
    mb__ws_header(&w, "x-hasura-admin-secret", "", k->admin_secret, &n);
    mb_w_cstr(&w, "}}}");
    return mb__ws_frame(ws, 1, &w);
}

mb_status mb_ws_init(mb_ws *ws, const mb_ws_config *cfg) {
    mb_status s;
    if (!ws || !cfg) return MB_ERR_ARG;
    memset(ws, 0, sizeof *ws);
    ws->cfg = *cfg;
    if (!cfg->transport.connect || !cfg->transport.send || !cfg->transport.recv || !cfg->transport.close ||
        !cfg->random || !cfg->now_ms || !cfg->buf || cfg->buf_size < 512 || !cfg->tokens || cfg->max_tokens < 8 ||
        cfg->buf_size > (size_t)INT_MAX)
        return MB_ERR_ARG;
    if (!ws->cfg.connect_timeout_ms) ws->cfg.connect_timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    if (!ws->cfg.timeout_ms) ws->cfg.timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    if ((s = mb_url_parse(cfg->url, &ws->url)) != MB_OK) return s;
    if (!ws->url.ws || (!ws->url.tls && (cfg->transport.flags & MB_TRANSPORT_TLS))) return MB_ERR_URL;
    if (ws->url.tls && !(cfg->transport.flags & MB_TRANSPORT_TLS)) return MB_ERR_TLS_REQUIRED;
    memcpy(ws->host, ws->url.host.ptr, ws->url.host.len);
    ws->backoff_ms = MB_WS_BACKOFF_MIN_MS;
    return MB_OK;
}

void mb_ws_set_jwt(mb_ws *ws, const char *jwt) {
    ws->cfg.jwt = jwt;
    if (ws->state == MB__WS_FAILED) {
        ws->state = MB__WS_DOWN;
        ws->refreshed = 0;
        ws->retry_at = 0;
    }
}

mb_status mb_ws_connect(mb_ws *ws) {
    mb_status s;
    if (ws->state == MB__WS_READY) return MB_OK;
    if (ws->state == MB__WS_FAILED) return MB_ERR_AUTH;
    s = mb__ws_open(ws);
    if (s == MB_OK) s = mb__ws_pump(ws, ws->ack_by, NULL, NULL, 1);
    if (s == MB_PENDING) s = MB_ERR_TIMEOUT;
    if (s != MB_OK) mb__ws_down(ws, s);
    return s;
}

void mb_ws_close(mb_ws *ws) {
    if (ws->state == MB__WS_READY || ws->state == MB__WS_WAIT_ACK) {
        ws->close_code = 1000;
        if (mb__ws_fail(ws, 1000, MB_OK) == MB_OK) /* wait briefly for the server's close frame */
            (void)mb__ws_pump(ws, ws->cfg.now_ms() + 1000, NULL, NULL, 0);
    }
    mb__ws_down(ws, MB_OK);
    ws->retry_at = 0;
    ws->backoff_ms = MB_WS_BACKOFF_MIN_MS;
}

mb_status mb_sub_cursor(mb_sub *sub, const char *cursor_var, const char *cursor_field, const char *initial_json) {
    size_t n = initial_json ? strlen(initial_json) : 0;
    if (!sub || !cursor_var || !cursor_field || !n) return MB_ERR_ARG;
    if (n > MB_WS_MAX_CURSOR) return MB_ERR_BUFFER;
    sub->cursor_var = cursor_var;
    sub->cursor_field = cursor_field;
    memcpy(sub->cursor, initial_json, n);
    sub->cursor_len = (uint8_t)n;
    return MB_OK;
}

mb_status mb_sub_start(mb_ws *ws, mb_sub *sub) {
    unsigned i, freeslot = MB_WS_MAX_SUBS;
    const char *p, *e;
    mb_status s = MB_OK;
    if (!ws || !sub || (sub->op ? sub->op->num_vars && !sub->vars : !sub->query)) return MB_ERR_ARG;
    if (!sub->op && sub->variables && (s = mb__ws_vars(ws, sub, &p, &e)) != MB_OK) return s;
    for (i = 0; i < MB_WS_MAX_SUBS; i++) {
        if (ws->subs[i] == sub) return MB_ERR_ARG; /* already running */
        if (!ws->subs[i]) freeslot = i;
    }
    if (freeslot == MB_WS_MAX_SUBS) return MB_ERR_BUFFER;
    ws->subs[freeslot] = sub;
    sub->state = MB_SUB_PENDING;
    sub->rows = 0;
    /* a message that cannot be written ends it (MB_SUB_DONE); a failed send
       leaves it pending: the next poll notices the broken socket, reconnects
       and subscribes again */
    if (ws->state == MB__WS_READY) s = mb__ws_subscribe(ws, sub);
    return s;
}

mb_status mb_sub_stop(mb_ws *ws, mb_sub *sub) {
    mb_status s = MB_OK;
    if (!ws || !sub) return MB_ERR_ARG;
    if (sub->state == MB_SUB_ACTIVE && ws->state == MB__WS_READY) {
        mb_writer w;
        mb__ws_out(ws, &w);
        mb_w_cstr(&w, "{\"id\":\"");
        mb_w_u64(&w, sub->id);
        mb_w_cstr(&w, "\",\"type\":\"complete\"}");
        s = mb__ws_frame(ws, 1, &w);
    }
    mb__ws_forget(ws, sub, MB_SUB_IDLE);
    return s;
}

mb_status mb_sub_decode(const mb_sub *sub, const mb_result *res, void *data, mb_pool *pools, size_t num_pools) {
    if (!sub || !sub->op || !res) return MB_ERR_ARG;
    return mb_typed_decode(res, sub->op->data, data, pools, num_pools);
}

mb_status mb_sub_poll(mb_ws *ws, uint32_t timeout_ms, mb_sub_fn fn, void *user) {
    uint64_t now, deadline;
    mb_status s;
    if (!ws) return MB_ERR_ARG;
    if (ws->state == MB__WS_FAILED) return MB_ERR_AUTH;
    now = ws->cfg.now_ms();
    deadline = now + timeout_ms;
    if (ws->state == MB__WS_DOWN) {
        if (now < ws->retry_at) { /* the reconnect delay: sleep through it, or come back later */
            uint64_t until = ws->retry_at < deadline ? ws->retry_at : deadline;
            if (!ws->cfg.sleep_ms) return MB_OK;
            ws->cfg.sleep_ms((uint32_t)(until - now));
            if (until < ws->retry_at) return MB_OK;
        }
        if ((s = mb_ws_connect(ws)) != MB_OK) return s;
    }
    s = mb__ws_pump(ws, deadline, fn, user, 0);
    if (s == MB_PENDING) return MB_OK;
    if (s != MB_OK) mb__ws_down(ws, s);
    return s;
}
#endif /* MB_NO_WS */
