
/* ---- outbox ---- */
#if !defined(MB_NO_OUTBOX)

static uint16_t mb__crc16(const unsigned char *p, size_t n) { /* CRC-16/CCITT-FALSE */
    uint16_t crc = 0xFFFFu;
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int i = 0; i < 8; i++) crc = (uint16_t)(crc & 0x8000u ? ((unsigned)crc << 1) ^ 0x1021u : (unsigned)crc << 1);
    }
    return crc;
}

static size_t mb__rec_len(const unsigned char *r) { return (size_t)r[0] | (size_t)r[1] << 8; }

mb_status mb_outbox_init(mb_outbox *o, const mb_outbox_config *cfg, size_t loaded) {
    size_t off = 0;
    if (!o || !cfg || !cfg->buf || cfg->cap < 16 || loaded > cfg->cap || (cfg->num_ops && !cfg->ops)) return MB_ERR_ARG;
    memset(o, 0, sizeof *o);
    o->cfg = *cfg;
    while (off < loaded) { /* every record must be whole and check out */
        const unsigned char *r = cfg->buf + off;
        size_t n = loaded - off >= 4 ? mb__rec_len(r) : 0;
        if (n < 6 || n > loaded - off || !memchr(r + 4, '\0', n - 4) ||
            mb__crc16(r + 4, n - 4) != (uint16_t)(r[2] | r[3] << 8))
            break; /* power lost in a save that was not atomic: keep the whole records before it */
        off += n;
        o->count++;
    }
    o->used = off;
    return off == loaded ? MB_OK : MB_ERR_CORRUPT;
}

uint32_t mb_outbox_count(const mb_outbox *o) { return o->count; }

static mb_status mb__outbox_save(mb_outbox *o) {
    return o->cfg.save ? o->cfg.save(o->cfg.save_user, o->cfg.buf, o->used) : MB_OK;
}

mb_status mb_outbox_push(mb_outbox *o, const mb_op *op, const void *vars) {
    size_t name_len, room;
    mb_writer w;
    unsigned char *r = o->cfg.buf + o->used;
    mb_status s;
    uint16_t crc;
    if (!op || !op->name) return MB_ERR_ARG;
    name_len = strlen(op->name) + 1;
    room = o->cfg.cap - o->used;
    if (room > 0xFFFFu) room = 0xFFFFu; /* a record's length is 16 bits */
    if (room < 4 + name_len + 2) return MB_ERR_QUEUE_FULL;
    memcpy(r + 4, op->name, name_len);
    mb_w_init(&w, (char *)r + 4 + name_len, room - 4 - name_len);
    mb_w_object_begin(&w);
    if (vars) mb_typed_write_vars(&w, op, vars);
    mb_w_object_end(&w);
    if (w.err == MB_ERR_BUFFER) return MB_ERR_QUEUE_FULL;
    if (w.err != MB_OK) return w.err; /* e.g. a variable that is not UTF-8 */
    room = 4 + name_len + w.len;
    crc = mb__crc16(r + 4, room - 4);
    r[0] = (unsigned char)(room & 0xFFu);
    r[1] = (unsigned char)(room >> 8);
    r[2] = (unsigned char)(crc & 0xFFu);
    r[3] = (unsigned char)(crc >> 8);
    o->used += room;
    o->count++;
    s = mb__outbox_save(o);
    if (s != MB_OK) { /* not persisted: not queued either */
        o->used -= room;
        o->count--;
    }
    return s;
}

/* A failure that a retry cannot fix; `sent`: the request went to the
 * transport (a local status from there on is the transport's or the
 * answer's, not the operation's). */
static int mb__permanent(mb_status s, const mb_result *res, int sent) {
    static const char *const transient_codes[] = {"unexpected", "postgres-error", "postgres-max-connections-error",
                                                  "concurrent-update", "connection-not-established", "busy", "timeout"};
    if (s == MB_ERR_GRAPHQL) {
        for (size_t i = 0; i < sizeof transient_codes / sizeof transient_codes[0]; i++)
            if (mb_str_eq(res->error.code, transient_codes[i])) return 0;
        return 1;
    }
    /* an error page too big for the buffer (a CDN's 502 is kilobytes): its
     * status says what it is */
    if (s == MB_ERR_BUFFER && res->http_status > 299) s = MB_ERR_HTTP_STATUS;
    /* a 4xx is about the request, but 408 and 429 (later), 401 and 407:
     * credentials (a gateway's, a proxy's) to renew, as Hasura's own auth
     * errors are. Bit k of the mask: status 400 + k is kept */
    if (s == MB_ERR_HTTP_STATUS) {
        unsigned k = (unsigned)res->http_status - 400u;
        return k < 100 && !(k < 32 && (0x20000182ul >> k & 1u));
    }
    /* not sent: the request cannot be written (a variable or a name that is
     * not UTF-8, no query, too big for the buffer): never better */
    if (!sent) return 1;
    /* a 2xx answer too big for the buffer or the tokens: of an applied
     * mutation, which a retry would apply again. Kept: an answer that is
     * not JSON (MB_ERR_JSON: a proxy's or captive portal's page), and a
     * transport's failure whatever its status (the mbedTLS adapter gives
     * MB_ERR_ARG when its pool cannot hold the host name) */
    return (s == MB_ERR_BUFFER || s == MB_ERR_TOKENS) && res->http_status >= 200;
}

static void mb__outbox_pop(mb_outbox *o) {
    size_t n = mb__rec_len(o->cfg.buf);
    memmove(o->cfg.buf, o->cfg.buf + n, o->used - n);
    o->used -= n;
    o->count--;
}

mb_status mb_outbox_flush(mb_outbox *o, mb_client *c, uint32_t now_ms, size_t *sent) {
    size_t delivered = 0;
    mb_status s = MB_OK;
    if (sent) *sent = 0;
    /* backing off while next_ms is 1..MAX ahead: more than that, the clock
     * was set back or the wait passed half the 32-bit range */
    if (o->retries && o->next_ms - now_ms - 1u < MB_OUTBOX_BACKOFF_MAX_MS) return MB_PENDING;
    while (o->count) {
        const unsigned char *r = o->cfg.buf;
        size_t n = mb__rec_len(r), name_len = strlen((const char *)r + 4) + 1;
        const char *vars = (const char *)r + 4 + name_len;
        size_t vlen = n - 4 - name_len;
        const mb_op *op = NULL;
        mb_result *res;
        uint32_t tries = 0;
        mb_writer *w;
        for (size_t i = 0; i < o->cfg.num_ops; i++)
            if (o->cfg.ops[i] && strcmp(o->cfg.ops[i]->name, (const char *)r + 4) == 0) op = o->cfg.ops[i];
        if (!op) {
            s = MB_ERR_ARG; /* queued by a build that knew an operation this one does not */
            res = NULL;
        } else {
            w = mb_request(c, op->query, op->name);
            if (vlen >= 2) mb__w_members(w, vars + 1, vlen - 2); /* an object mb_writer wrote at push */
            tries = c->requests;
            s = mb_send(c, &res);
        }
        /* MB_ERR_NO_DATA (neither data nor errors) is not Hasura's: a duplicate's
         * answer is data with a null row. Kept, like a page that is not JSON */
        if (s == MB_OK || (res && mb__permanent(s, res, c->requests != tries)) || !op) {
            if (s != MB_OK) {
                o->failed++;
                if (o->cfg.on_failed)
                    o->cfg.on_failed(o->cfg.failed_user, (const char *)r + 4, s, op ? mb_last_error(c) : NULL);
            } else {
                o->sent++;
                delivered++;
            }
            mb__outbox_pop(o);
            (void)mb__outbox_save(o); /* a failed save only means a resend: idempotent */
            o->retries = 0;
            continue;
        }
        /* transient: keep it, back off, stop here to keep the order */
        {
            /* doubled up to the max, never past it: no shift can overflow */
            uint32_t delay = MB_OUTBOX_BACKOFF_MS;
            for (uint32_t i = 0; i < o->retries && delay < MB_OUTBOX_BACKOFF_MAX_MS; i++) delay <<= 1;
            o->retries++;
            o->next_ms = now_ms + (delay < MB_OUTBOX_BACKOFF_MAX_MS ? delay : MB_OUTBOX_BACKOFF_MAX_MS);
        }
        break;
    }
    if (sent) *sent = delivered;
    return o->count ? s : MB_OK;
}
#endif /* MB_NO_OUTBOX */
