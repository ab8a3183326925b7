
/* ---- ws ---- */
#if !defined(MB_NO_WS)

enum { MB__WS_DOWN, MB__WS_WAIT_ACK, MB__WS_READY, MB__WS_FAILED };
#define MB__WS_ROOM 14 /* largest client frame header, kept free before each payload */

static uint32_t mb__ws_rol(uint32_t v, unsigned n) { return (v << n) | (v >> (32u - n)); }

/* Base64 (RFC 4648, padded) of the first n bytes of the big-endian words
 * in, NUL-terminated: each character takes its 6 bits straight from the
 * words (the last one can read past n: in holds a zero word after them). */
static void mb__ws_b64(const uint32_t *in, size_t n, char *out) {
    size_t j;
    unsigned r, v;
    for (j = 0; j < n * 8 || j % 24; j += 6) { /* j: the bit offset; '=' up to 4k characters */
        r = j % 32;
        v = (in[j / 32] << r | (r > 26 ? in[j / 32 + 1] >> (32 - r) : 0)) >> 26; /* across two words */
        v += 'A'; /* then moved on into a-z, 0-9, and + / */
        if (v > 'Z') v += 'a' - 'Z' - 1;
        if (v > 'z') {
            v -= 'z' + 1 - '0';
            if (v > '9') v = v > '9' + 1 ? '/' : '+';
        }
        *out++ = j < n * 8 ? (char)v : '=';
    }
    *out = '\0';
}

/* SHA-1 (FIPS 180-4) of key + GUID, base64. Always 60 bytes, so the padding
 * is fixed: 0x80 (read with the GUID, which fills the first block), then the
 * length (480 bits) at the end of the second block. */
void mb_ws_accept(const char *key, char out[29]) {
    static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11\x80\0\0";
    static const uint32_t k[] = {0x5A827999u, 0x6ED9EBA1u, 0x8F1BBCDCu, 0xCA62C1D6u};
    /* h[5]: the zero word mb__ws_b64 reads */
    uint32_t h[6] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u, 0}, v[5], w[32], f, *x;
    unsigned i, j, t;
    memset(w, 0, sizeof w);
    for (i = 0; i < 64; i++, key++) {
        if (i == 24) key = guid; /* key then GUID: one pointer, no index test per byte */
        w[i / 4] = w[i / 4] << 8 | (uint8_t)*key; /* big-endian */
    }
    w[31] = 480;
    for (x = w; x < w + 32; x += 16) { /* each block's schedule in place, 16 words */
        memcpy(v, h, sizeof v);
        for (i = 0; i < 80; i++) {
            j = i & 15;
            if (i > 15) x[j] = mb__ws_rol(x[(i + 13) & 15] ^ x[(i + 8) & 15] ^ x[(i + 2) & 15] ^ x[j], 1);
            t = i / 20;
            f = v[1] ^ v[2] ^ v[3]; /* parity; Ch in rounds 0-19, Maj in 40-59 */
            if (t == 0) f = v[3] ^ (v[1] & (v[2] ^ v[3]));
            else if (t == 2) f = v[2] ^ ((v[1] ^ v[2]) & (v[3] ^ v[2])); /* c, or d where b and c differ */
            f += mb__ws_rol(v[0], 5) + v[4] + k[t] + x[j];
            memmove(v + 1, v, 4 * sizeof *v); /* e = d, d = c, c = b, b = a */
            v[2] = mb__ws_rol(v[2], 30);
            v[0] = f;
        }
        for (i = 0; i < 5; i++) h[i] += v[i];
    }
    mb__ws_b64(h, 20, out);
}

/* A send that fails may have cut a frame short: the server would read what
 * follows as its rest. The transport is closed at once, so that the next
 * read fails and the socket is replaced (a frame never goes in part). */
static mb_status mb__ws_send(mb_ws *ws, const char *p, size_t n) {
    while (n) {
        size_t sent = 0;
        mb_status s = ws->cfg.transport.send(ws->cfg.transport.ctx, p, n, &sent, ws->cfg.timeout_ms);
        if (s == MB_OK && (sent == 0 || sent > n)) s = MB_ERR_IO; /* the transport broke its contract */
        if (s != MB_OK) {
            ws->cfg.transport.close(ws->cfg.transport.ctx);
            return s;
        }
        p += sent;
        n -= sent;
    }
    ws->last_tx = (uint32_t)ws->cfg.now_ms();
    return MB_OK;
}

/* Outgoing payloads are written after the received bytes, MB__WS_ROOM in;
 * without that room, a writer that holds nothing. */
static void mb__ws_out(mb_ws *ws, mb_writer *w) {
    size_t at = ws->fill + MB__WS_ROOM;
    if (at > ws->cfg.buf_size) at = 0;
    mb_w_init(w, ws->cfg.buf + at, at ? ws->cfg.buf_size - at : 0);
}

/* Frames and sends the writer's payload: FIN, masked with fresh random bytes. */
static mb_status mb__ws_frame(mb_ws *ws, unsigned op, mb_writer *w) {
    size_t n = w->len, c = n < 126 ? n : n <= 0xFFFFu ? 126 : 127, hl = c < 126 ? 6 : c == 126 ? 8 : 14, i, x = n;
    uint8_t *pl = (uint8_t *)w->buf, *h, *mask;
    mb_status s;
    if (!ws->state) return MB_OK; /* our close went: nothing may follow it (RFC 6455 5.5.1) */
    if (w->err != MB_OK) return w->err;
    if (w->buf == ws->cfg.buf) return MB_ERR_BUFFER; /* no room for the head */
    h = pl - hl;
    mask = pl - 4;
    h[0] = (uint8_t)(0x80u | op);
    h[1] = (uint8_t)(0x80u | c);
    for (i = hl - 5; i > 1; i--, x >>= 8) h[i] = (uint8_t)x;
    if ((s = ws->cfg.random(mask, 4)) != MB_OK) return s;
    for (i = 0; i < n; i++) pl[i] ^= mask[i & 3];
    return mb__ws_send(ws, (const char *)h, hl + n);
}

static mb_status mb__ws_ctl(mb_ws *ws, unsigned op, const void *p, size_t n) {
    mb_writer w;
    mb__ws_out(ws, &w);
    mb_w_bytes(&w, p, n);
    return mb__ws_frame(ws, op, &w);
}

/* Sends a close frame (best effort; 1005 is sent as no code) and gives back
 * the status to report. What was received is dropped: the socket is closing. */
static mb_status mb__ws_fail(mb_ws *ws, unsigned code, mb_status s) {
    uint8_t c[2];
    c[0] = (uint8_t)(code >> 8);
    c[1] = (uint8_t)code;
    ws->fill = ws->msg_len = 0;
    ws->close_code = (uint16_t)code;
    ws->no_close = 0;
    (void)mb__ws_ctl(ws, 8, c, code == 1005 ? 0 : 2);
    return s;
}

/* A server close, echoed: its code -> status; any other code (1000, 1001,
 * 1011, 1012...) is MB_ERR_WS_CLOSED. A table: smaller than a switch. */
static mb_status mb__ws_closed(mb_ws *ws, unsigned code) {
    static const uint16_t codes[] = {4400, 4403, 4408, 1002, 1003, 1007, 4401, 4409, 4429};
    static const uint8_t st[] = {MB_ERR_WS_BAD_REQUEST, MB_ERR_AUTH,        MB_ERR_WS_INIT_TIMEOUT,
                                 MB_ERR_WS_PROTOCOL,    MB_ERR_WS_PROTOCOL, MB_ERR_WS_PROTOCOL,
                                 MB_ERR_WS_PROTOCOL,    MB_ERR_WS_PROTOCOL, MB_ERR_WS_PROTOCOL};
    unsigned i;
    mb_status s = MB_ERR_WS_CLOSED;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i] == code) s = (mb_status)st[i];
    return mb__ws_fail(ws, code, s);
}

static void mb__ws_forget(mb_ws *ws, mb_sub *sub, uint8_t state) {
    unsigned i;
    for (i = 0; i < MB_WS_MAX_SUBS; i++)
        if (ws->subs[i] == sub) ws->subs[i] = NULL;
    sub->state = state;
}

/* The start of a message about operation id. */
static void mb__ws_head(mb_ws *ws, mb_writer *w, uint32_t id, const char *type) {
    mb__ws_out(ws, w);
    mb_w_cstr(w, "{\"id\":\"");
    mb_w_u64(w, id);
    mb_w_cstr(w, "\",\"type\":\"");
    mb_w_cstr(w, type);
}

/* Writes the subscribe message for sub under a new id and sends it. When
 * the message cannot be written (too big, bad variables) the subscription
 * is at fault, not the socket: it ends (MB_SUB_DONE) with that status. */
static mb_status mb__ws_subscribe(mb_ws *ws, mb_sub *sub) {
    mb_writer w;
    mb_status s;
    const mb_op *op = sub->op;
    uint32_t id = ++ws->next_id;
    mb__ws_head(ws, &w, id, "subscribe\",\"payload\":");
    mb_gql_begin(&w, op ? op->query : sub->query, op ? op->name : NULL);
    if (sub->cursor_var) {
        mb_w_key(&w, sub->cursor_var);
        mb_w_raw(&w, sub->cursor, sub->cursor_len);
    }
    if (op) { /* the typed variables one by one, less the cursor: it was written above */
        mb_op one; /* mb_typed_write_vars reads only vars and num_vars: no copy of the rest */
        unsigned i;
        one.num_vars = 1;
        for (i = op->num_vars, one.vars = op->vars; i; i--, one.vars++) /* counted: vars may be NULL */
            if (!sub->cursor_var || strcmp(one.vars->name, sub->cursor_var) != 0) mb_typed_write_vars(&w, &one, sub->vars);
    } else if (sub->variables) {
        (void)mb__gql_vars(&w, &ws->res.doc, sub->variables, ws->cfg.tokens, ws->cfg.max_tokens);
    }
    mb_gql_end(&w);
    mb_w_cstr(&w, "}");
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
    int rows = mb_json_first(d, data) + 1, el, c, q; /* the value of data's first key (0 when none: the root) */
    const mb_token *a = mb__tok(d, rows, JSMN_ARRAY);
    size_t n;
    if (!a || !a->size) return MB_OK;
    sub->rows += (uint32_t)a->size;
    for (el = mb__skip(d, rows) - 1; d->tok[el].parent != rows; el--) {} /* the last row: the last token under the array */
    if (mb_json_find(d, el, sub->cursor_field, &c) != MB_OK) return MB_ERR_NOT_FOUND;
    q = d->tok[c].type == JSMN_STRING; /* a string is kept with its quotes */
    n = (size_t)(d->tok[c].end - d->tok[c].start + 2 * q);
    if (n > MB_WS_MAX_CURSOR) return MB_ERR_BUFFER;
    memcpy(sub->cursor, d->js + d->tok[c].start - q, n);
    sub->cursor_len = (uint8_t)n;
    return MB_OK;
}

/* One graphql-transport-ws message, m[0..n), valid UTF-8. */
static mb_status mb__ws_message(mb_ws *ws, char *m, size_t n) {
    static const char types[] = "ping\0pong\0connection_ack\0complete\0next\0error\0";
    mb_json *d = &ws->res.doc;
    mb_sub *sub = NULL;
    const mb_result *res = NULL;
    mb_str type;
    int32_t id = 0;
    int t, k;
    unsigned i;
    mb_status s;
    if (!ws->state) return MB_OK; /* closing (mb_ws_close): what is still in flight is dropped */
    if ((s = mb_json_parse(d, m, n, ws->cfg.tokens, ws->cfg.max_tokens)) != MB_OK) goto bad;
    s = MB_ERR_WS_PROTOCOL;
    if (mb_json_find(d, 0, "type", &t) != MB_OK) goto bad; /* MB_ERR_TYPE for a root that is no object */
    type = mb_json_raw_view(d, t); /* matches a name only if it is that plain string */
    k = mb__one_of(type.ptr, type.len, types, 0); /* 1 ping, ..., 6 error; 0 unknown */
    if (k == 1) return mb__ws_ctl(ws, 1, "{\"type\":\"pong\"}", 15);
    if (k == 3 && ws->state == MB__WS_WAIT_ACK) {
        ws->state = MB__WS_READY;
        ws->connects++;
        ws->down_at = ws->last_rx; /* the ack: mb__ws_down sees how long the link lasted */
        ws->refreshed = 0;
        for (i = 0; i < MB_WS_MAX_SUBS; i++) {
            mb_sub *p = ws->subs[i];
            if (p && p->state == MB_SUB_PENDING && (s = mb__ws_subscribe(ws, p)) != MB_OK) {
                if (p->state != MB_SUB_DONE) return s; /* the socket failed */
                if (ws->fn) ws->fn(ws->user, p, s, NULL); /* it cannot be written: it ends, and says so */
            }
        }
    }
    if (k == 2 || k == 3) return MB_OK; /* pong, or an ack when not waiting for one */
    if (ws->state != MB__WS_READY || !k) goto bad;
    (void)mb_json_find(d, 0, "id", &t); /* without an id t stays the type's token: no number, id stays 0 */
    (void)mb_json_get_i32(d, t, &id);
    for (i = 0; i < MB_WS_MAX_SUBS; i++) /* ids are 1, 2, ... (never 0; one past INT32_MAX is not found) */
        if (ws->subs[i] && ws->subs[i]->state == MB_SUB_ACTIVE && ws->subs[i]->id == (uint32_t)id) sub = ws->subs[i];
    if (k > 4 && mb_json_find(d, 0, "payload", &t) != MB_OK) goto bad;
    if (!sub) return MB_OK; /* stopped, or not ours: nothing to deliver */
    s = MB_OK;
    if (k > 4) {
        char *b = m;
        if (k == 5) { /* next: its payload is a response */
            b += d->tok[t].start;
            n = (size_t)(d->tok[t].end - d->tok[t].start);
        } else { /* error: the payload is the errors array, or for Hasura's
                    start-failed one error object; rename its key and decode
                    the message */
            memcpy(m + d->tok[t - 1].start, "errors\" ", 8); /* "payload" becomes "errors" and a space */
        }
        s = mb_gql_decode(&ws->res, b, n, ws->cfg.tokens, ws->cfg.max_tokens);
        if (k == 6) s = s == MB_ERR_AUTH ? s : MB_ERR_GRAPHQL;
        else if (s == MB_OK && sub->cursor_field) s = mb__ws_cursor(sub, &ws->res.doc, ws->res.data);
        res = &ws->res;
    }
    if (k != 5) mb__ws_forget(ws, sub, MB_SUB_DONE); /* complete, error */
    ws->events = 1; /* a flag: the poll returns after this batch */
    if (ws->fn) ws->fn(ws->user, sub, s, res);
    return MB_OK;
bad: /* a message over our token array is too big for us (1009), not a bad request */
    return mb__ws_fail(ws, s == MB_ERR_TOKENS ? 1009 : 4400, s);
}

/* Drops n received bytes at p. */
static void mb__ws_cut(mb_ws *ws, uint8_t *p, size_t n) {
    memmove(p, p + n, ws->fill - (size_t)(p - (uint8_t *)ws->cfg.buf) - n);
    ws->fill -= n;
}

/* Parses the frames in buf: control frames are answered at once, data
 * frames are reassembled at buf[0, msg_len) and handed to the message
 * layer. MB_OK when every whole frame was used. */
static mb_status mb__ws_frames(mb_ws *ws) {
    char *buf = ws->cfg.buf;
    for (;;) {
        uint8_t *p = (uint8_t *)buf + ws->msg_len, *pl;
        size_t n = ws->fill - ws->msg_len, hl, k, i, m;
        uint32_t len, hi = 0; /* the length, the bits above its 32 */
        unsigned op, ctl, fin;
        mb_status s;
        if (n < 2 || ws->closing) return MB_OK; /* closing: the rest is dropped by the close */
        fin = p[0] >> 7;
        op = p[0] & 15u;
        ctl = op >> 3;
        len = p[1] & 127u;
        k = len < 126 ? 0 : len == 126 ? 2 : 8; /* bytes of an extended length */
        hl = 2 + k;
        if (n < hl) return MB_OK;
        for (i = 0; i < k; i++) {
            hi |= i ? len >> 24 : 0;
            len = (i ? len : 0) << 8 | p[2 + i];
        }
        /* no reserved bits or mask, the shortest length form, a known opcode;
           control frames whole and short; continuations only inside a message */
        if ((p[0] & 0x70u) || (p[1] & 0x80u) || (k == 8 && p[2] >> 7) || (k && !hi && len < (k == 2 ? 126u : 0x10000u)) ||
            (ctl ? !fin || len > 125 || op > 10 : op > 2 || (op != 0) == ws->msg_op))
            return mb__ws_fail(ws, 1002, MB_ERR_WS_PROTOCOL);
        if (hi || len > MB_WS_MAX_FRAME || (!ctl && len + ws->msg_len > MB_WS_MAX_MESSAGE) ||
            len > ws->cfg.buf_size - ws->msg_len - hl) /* can never fit */
            return mb__ws_fail(ws, 1009, MB_ERR_BUFFER);
        if (n - hl < len) return MB_OK; /* wait for the rest */
        pl = p + hl;
        m = (size_t)len;
        if (ctl) {
            if (op == 8) { /* a code that may be sent is echoed and reported; none is 1005 */
                unsigned code = m > 1 ? (unsigned)pl[0] << 8 | pl[1] : m ? 0u : 1005u;
                /* 1000-1003, 1007-1014 and 3000-4999 (RFC 6455 7.4, IANA) */
                if (m && code - 3000u >= 2000u && (code - 1000u >= 15u || !(0x7F8Fu >> (code - 1000u) & 1u)))
                    return mb__ws_fail(ws, 1002, MB_ERR_WS_PROTOCOL);
                if (m > 2 && !mb_utf8_valid((const char *)pl + 2, m - 2)) return mb__ws_fail(ws, 1007, MB_ERR_UTF8);
                return mb__ws_closed(ws, code);
            }
            if (op == 9 && (s = mb__ws_ctl(ws, 10, pl, m)) != MB_OK) return s;
            mb__ws_cut(ws, p, hl + m);
            continue;
        }
        if (op == 2) return mb__ws_fail(ws, 1003, MB_ERR_WS_PROTOCOL); /* graphql-transport-ws is text */
        if (op) ws->msg_op = 1; /* in a message */
        mb__ws_cut(ws, p, hl); /* the payload joins the message */
        ws->msg_len += m;
        if (fin) {
            m = ws->msg_len;
            if (!mb_utf8_valid(buf, m)) return mb__ws_fail(ws, 1007, MB_ERR_UTF8);
            if ((s = mb__ws_message(ws, buf, m)) != MB_OK) return s;
            mb__ws_cut(ws, (uint8_t *)buf, m);
            ws->msg_len = 0;
            ws->msg_op = 0;
        }
    }
}

/* Time left of span since `since` at now, 0 when over: wraps with the clock. */
static uint32_t mb__ws_left(uint32_t now, uint32_t since, uint32_t span) {
    uint32_t d = now - since;
    return d < span ? span - d : 0;
}

/* Receives and handles frames for span ms from t0 (MB_PENDING), until
 * events were delivered or, with until_ready, the ack came (MB_OK), or
 * a failure. Pings the server when we have been quiet. It reads at least
 * once (a zero span polls), and calls the link dead only when a read
 * found nothing: a caller that polls late is not punished for it. */
static mb_status mb__ws_pump(mb_ws *ws, uint32_t t0, uint32_t span, int until_ready) {
    mb_status s = MB_PENDING; /* the last read: none yet */
    ws->events = 0;
    for (;;) {
        uint32_t now, wait, idle, ping;
        size_t got = 0, room;
        mb_status f = mb__ws_frames(ws);
        if (f != MB_OK) return f;
        if ((ws->state == MB__WS_READY && (ws->events || until_ready)) || ws->closing) return MB_OK;
        now = (uint32_t)ws->cfg.now_ms();
        wait = mb__ws_left(now, t0, span);
        idle = mb__ws_left(now, ws->last_rx, MB_WS_IDLE_MS);
        if (s == MB_ERR_TIMEOUT && !idle) goto dropped; /* the link is dead */
        if (s != MB_PENDING && !wait) return MB_PENDING;
        if (ws->state == MB__WS_READY) {
            if (!(ping = mb__ws_left(now, ws->last_tx, MB_WS_PING_MS))) {
                if ((f = mb__ws_ctl(ws, 1, "{\"type\":\"ping\"}", 15)) != MB_OK) return f;
                ping = MB_WS_PING_MS;
            }
            if (ping < wait) wait = ping;
        }
        if (idle < wait) wait = idle;
        room = ws->cfg.buf_size - ws->fill;
        if (!room) return mb__ws_fail(ws, 1009, MB_ERR_BUFFER);
        /* reads leave room for a reply (a pong echoes up to 125 bytes) after
           what they bring, until the buffer is nearly full: a ping read with
           a batch of messages is answered before they are handled */
        if (room > 2 * (MB__WS_ROOM + 125)) room -= MB__WS_ROOM + 125;
        s = ws->cfg.transport.recv(ws->cfg.transport.ctx, ws->cfg.buf + ws->fill, room, &got, wait);
        if (s == MB_ERR_TIMEOUT) continue;
        if (s != MB_OK) {
        dropped: /* gone without a close frame: reset, closed or dead */
            ws->close_code = 1006;
            return s;
        }
        if (got == 0 || got > room) return MB_ERR_IO;
        ws->fill += got;
        ws->last_rx = (uint32_t)ws->cfg.now_ms();
    }
}

/* The socket is gone: close the transport, put live subscriptions back in
 * the queue, and plan the next attempt (a refused JWT is refreshed once). */
static void mb__ws_down(mb_ws *ws, mb_status why) {
    unsigned i;
    const char *jwt = NULL;
    uint16_t r = 0;
    uint32_t now = (uint32_t)ws->cfg.now_ms();
    /* a link that lasted starts the backoff over; one that fails soon after
       its ack (a batch over the limits, again at each connection) does not:
       no reconnect storm */
    if (ws->state == MB__WS_READY && now - ws->down_at >= MB_WS_IDLE_MS) ws->backoff_ms = MB_WS_BACKOFF_MIN_MS;
    ws->cfg.transport.close(ws->cfg.transport.ctx);
    if (ws->no_close) ws->close_code = 1006; /* a send failed, no ack, the upgrade refused... */
    ws->no_close = 0;
    ws->fill = ws->msg_len = 0;
    ws->msg_op = 0;
    for (i = 0; i < MB_WS_MAX_SUBS; i++)
        if (ws->subs[i] && ws->subs[i]->state == MB_SUB_ACTIVE) ws->subs[i]->state = MB_SUB_PENDING;
    ws->state = MB__WS_DOWN;
    ws->down_at = now;
    ws->retry_ms = 0; /* after a refresh: a fresh token, no reason to wait */
    if (why == MB_ERR_AUTH) {
        if (ws->refreshed || !ws->cfg.refresh || ws->cfg.refresh(ws->cfg.refresh_user, &jwt) != MB_OK || !jwt) {
            ws->state = MB__WS_FAILED;
            return;
        }
        ws->cfg.jwt = jwt;
        ws->refreshed = 1;
        return;
    }
    /* up to a quarter off at random, so that the devices a server restart
       dropped together do not all come back in the same instant */
    (void)ws->cfg.random(&r, sizeof r);
    ws->retry_ms = ws->backoff_ms - r % (ws->backoff_ms / 4u + 1u);
    ws->backoff_ms = ws->backoff_ms > MB_WS_BACKOFF_MAX_MS / 2 ? MB_WS_BACKOFF_MAX_MS : ws->backoff_ms * 2;
}

/* TCP (or TLS) connect, HTTP upgrade with the subprotocol checked, then
 * connection_init. */
static mb_status mb__ws_open(mb_ws *ws) {
    static const char *const hdr[] = {"\",\"Authorization\":\"Bearer ", "\",\"x-hasura-role\":\"",
                                      "\",\"x-hasura-admin-secret\":\""};
    /* the request's headers, written by http's header writer (a loop to the
       NULL: a fixed count is unrolled); the answer must repeat the first
       three (as a token of its list: mb_http_header finds names in any case) */
    static const char *const hs[] = {"Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Protocol",
                                     "graphql-transport-ws", "Sec-WebSocket-Version", "13", NULL};
    const mb_ws_config *k = &ws->cfg;
    unsigned first = 1;
    uint32_t rnd[5];
    char key[25], acc[29];
    mb_writer w;
    mb_http_response r;
    mb_str v;
    mb_status s;
    unsigned i;
    ws->no_close = 1; /* a new link: until a close frame goes or comes, it ends without one */
    if ((s = k->transport.connect(k->transport.ctx, ws->host, ws->url.port, k->connect_timeout_ms)) != MB_OK ||
        (s = k->random(rnd, 16)) != MB_OK)
        return s;
    rnd[4] = 0; /* the zero word mb__ws_b64 reads past 16 bytes */
    mb__ws_b64(rnd, 16, key);
    mb_ws_accept(key, acc);
    mb_w_init(&w, k->buf, k->buf_size);
    i = *ws->url.path.ptr == '/'; /* else empty, or a query: the '/' is ours */
    mb_w_cstr(&w, "GET /");
    mb_w_bytes(&w, ws->url.path.ptr + i, ws->url.path.len - i);
    mb_w_cstr(&w, " HTTP/1.1\r\nHost: ");
    mb_w_bytes(&w, ws->url.authority.ptr, ws->url.authority.len); /* as written: host, brackets, port */
    mb_w_cstr(&w, "\r\n");
    for (i = 0; hs[i]; i += 2) mb_http_header_line(&w, hs[i], hs[i + 1]);
    mb_http_header_line(&w, "Sec-WebSocket-Key", key);
    mb_w_cstr(&w, "\r\n");
    if ((s = w.err) != MB_OK || (s = mb__ws_send(ws, w.buf, w.len)) != MB_OK) return s;
    mb_http_response_init(&r, k->buf, k->buf_size);
    r.upgrade = 1;
    do {
        char *dst;
        size_t room, got = 0;
        if ((s = mb_http_response_space(&r, &dst, &room)) != MB_OK ||
            (s = k->transport.recv(k->transport.ctx, dst, room, &got, k->connect_timeout_ms)) != MB_OK)
            return s;
        if (got == 0 || got > room) return MB_ERR_IO; /* the transport broke its contract */
        s = mb_http_response_feed(&r, got);
        if (r.head_len && r.status != 101) return MB_ERR_WS_HANDSHAKE; /* refused: the body does not matter */
    } while (s == MB_PENDING);
    if (s != MB_OK) return s;
    for (i = 0; i < 6; i += 2)
        if (mb_http_header(&r, hs[i], &v) != MB_OK || !mb__list_has(v, hs[i + 1])) return MB_ERR_WS_HANDSHAKE;
    if (mb_http_header(&r, "Sec-WebSocket-Accept", &v) != MB_OK || !mb_str_eq(v, acc) ||
        mb_http_header(&r, "Sec-WebSocket-Extensions", &v) == MB_OK)
        return MB_ERR_WS_HANDSHAKE;
    ws->fill = r.fill - r.head_len; /* frames that came with the head */
    memmove(k->buf, k->buf + r.head_len, ws->fill);
    ws->state = MB__WS_WAIT_ACK;
    ws->last_rx = (uint32_t)k->now_ms();
    mb__ws_out(ws, &w);
    mb_w_cstr(&w, "{\"type\":\"connection_init\",\"payload\":{\"headers\":{");
    for (i = 0; i < 3; i++) {
        const char *val = i == 0 ? k->jwt : i == 1 ? k->role : k->admin_secret;
        if (!val) continue;
        mb_w_cstr(&w, hdr[i] + 2 * first); /* the previous value's closing quote and comma, after the first */
        mb_w_escaped(&w, val, strlen(val));
        first = 0;
    }
    mb_w_cstr(&w, &"\"}}}"[first]); /* closes the last value, if any */
    return mb__ws_frame(ws, 1, &w);
}

mb_status mb_ws_init(mb_ws *ws, const mb_ws_config *cfg) {
    mb_status s;
    if (!ws || !cfg) return MB_ERR_ARG;
    memset(ws, 0, sizeof *ws);
    ws->cfg = *cfg;
    if (!cfg->transport.connect || !cfg->transport.send || !cfg->transport.recv || !cfg->transport.close ||
        !cfg->random || !cfg->now_ms || !cfg->buf || cfg->buf_size < 512 || !cfg->tokens || cfg->max_tokens < 8)
        return MB_ERR_ARG;
    if (!ws->cfg.connect_timeout_ms) ws->cfg.connect_timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    if (!ws->cfg.timeout_ms) ws->cfg.timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    if ((s = mb_url_parse(cfg->url, &ws->url)) != MB_OK) return s;
    if (!ws->url.ws) return MB_ERR_URL;
    if (ws->url.tls != ((cfg->transport.flags & MB_TRANSPORT_TLS) != 0)) return ws->url.tls ? MB_ERR_TLS_REQUIRED : MB_ERR_URL;
    memcpy(ws->host, ws->url.host.ptr, ws->url.host.len);
    ws->backoff_ms = MB_WS_BACKOFF_MIN_MS;
    return MB_OK;
}

void mb_ws_set_jwt(mb_ws *ws, const char *jwt) {
    ws->cfg.jwt = jwt;
    if (ws->state == MB__WS_FAILED) { /* its retry_ms is 0: the next poll connects */
        ws->state = MB__WS_DOWN;
        ws->refreshed = 0;
    }
}

mb_status mb_ws_connect(mb_ws *ws) {
    mb_status s;
    if (ws->state == MB__WS_READY) return MB_OK;
    if (ws->state == MB__WS_FAILED) return MB_ERR_AUTH;
    s = mb__ws_open(ws);
    if (s == MB_OK) s = mb__ws_pump(ws, ws->last_rx, ws->cfg.connect_timeout_ms, 1);
    if (s == MB_PENDING) s = MB_ERR_TIMEOUT;
    if (s != MB_OK) mb__ws_down(ws, s);
    return s;
}

void mb_ws_close(mb_ws *ws) {
    /* from a callback, in the middle of the received bytes: mb_sub_poll closes after it */
    if ((ws->closing = ws->fn != NULL) != 0) return;
    if (ws->state == MB__WS_FAILED) return; /* closed already, and refused until mb_ws_set_jwt */
    if (ws->state == MB__WS_READY) { /* close 1000, then wait briefly for the server's close frame */
        (void)mb__ws_fail(ws, 1000, MB_OK);
        ws->state = MB__WS_DOWN; /* closing: the server's close is not echoed, pings not answered */
        (void)mb__ws_pump(ws, (uint32_t)ws->cfg.now_ms(), 1000, 0);
    }
    mb__ws_down(ws, MB_OK);
    ws->retry_ms = 0;
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
    unsigned i, slot = MB_WS_MAX_SUBS;
    mb_status s;
    mb_json *d;
    int t;
    if (!ws || !sub || (sub->op ? sub->op->num_vars && !sub->vars : !sub->query)) return MB_ERR_ARG;
    d = &ws->res.doc;
    if (!sub->op && sub->variables) {
        if ((s = mb__gql_vars(NULL, d, sub->variables, ws->cfg.tokens, ws->cfg.max_tokens)) != MB_OK) return s;
        /* the cursor variable twice: the server would keep one, maybe not ours */
        if (sub->cursor_var && mb_json_find(d, 0, sub->cursor_var, &t) == MB_OK) return MB_ERR_ARG;
    }
    /* the cursor is written as it is into every subscribe: one that is not
       JSON would be refused (4400) at every connection, for good */
    if (sub->cursor_var && ((s = mb_json_parse(d, sub->cursor, sub->cursor_len, ws->cfg.tokens, ws->cfg.max_tokens)) != MB_OK ||
                            (s = mb_json_check_strings(d)) != MB_OK))
        return s;
    for (i = 0; i < MB_WS_MAX_SUBS; i++) {
        if (ws->subs[i] == sub) return MB_ERR_ARG; /* already running */
        if (!ws->subs[i]) slot = i;
    }
    if (slot == MB_WS_MAX_SUBS) return MB_ERR_BUFFER;
    ws->subs[slot] = sub;
    sub->state = MB_SUB_PENDING;
    sub->rows = 0;
    /* a message that cannot be written ends it (MB_SUB_DONE); a failed send
       leaves it pending and closes the transport: the next poll finds the
       socket gone, reconnects and subscribes again */
    return ws->state == MB__WS_READY ? mb__ws_subscribe(ws, sub) : MB_OK;
}

mb_status mb_sub_stop(mb_ws *ws, mb_sub *sub) {
    mb_status s = MB_OK;
    if (!ws || !sub) return MB_ERR_ARG;
    if (sub->state == MB_SUB_ACTIVE) { /* only on a ready socket */
        mb_writer w;
        mb__ws_head(ws, &w, sub->id, "complete\"}");
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
    uint32_t now, wait;
    mb_status s;
    if (!ws || ws->fn) return MB_ERR_ARG; /* from a callback: the message in hand is not done */
    if (ws->state == MB__WS_FAILED) { /* until mb_ws_set_jwt: a poll loop waits, not spins */
        if (ws->cfg.sleep_ms) ws->cfg.sleep_ms(timeout_ms);
        return MB_ERR_AUTH;
    }
    now = (uint32_t)ws->cfg.now_ms();
    /* the reconnect delay: sleep through it, or come back later */
    if (ws->state == MB__WS_DOWN && (wait = mb__ws_left(now, ws->down_at, ws->retry_ms)) != 0) {
        if (!ws->cfg.sleep_ms) return MB_OK;
        ws->cfg.sleep_ms(wait < timeout_ms ? wait : timeout_ms);
        if (wait > timeout_ms) return MB_OK;
    }
    ws->fn = fn; /* also for a subscription the connection_ack cannot send */
    ws->user = user;
    if (ws->state != MB__WS_DOWN || (s = mb_ws_connect(ws)) == MB_OK) { /* a failed connect went down */
        s = mb__ws_pump(ws, now, timeout_ms, 0);
        if (s == MB_PENDING) s = MB_OK;
        if (s != MB_OK) mb__ws_down(ws, s);
    }
    ws->fn = NULL; /* no callback outside mb_sub_poll */
    if (ws->closing) mb_ws_close(ws); /* asked for by a callback */
    return s;
}
#endif /* MB_NO_WS */
