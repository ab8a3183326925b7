
/* ---- client ---- */

const char *mb_env_url(mb_env env) {
    switch (env) {
    case MB_ENV_TEST: return MB_URL_TEST;
    case MB_ENV_LOCAL: return MB_URL_LOCAL;
    case MB_ENV_PROD: break;
    }
    return MB_URL_PROD;
}

static int mb__prefix_i(const char *s, const char *pre) {
    for (; *pre; s++, pre++)
        if (mb__lower(*s) != *pre) return 0;
    return 1;
}

static int mb__is_alnum(char c) { return mb__is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int mb__is_hex(char c) { return mb__is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

mb_status mb_url_parse(const char *url, mb_url *u) {
    const char *p, *a, *ae, *h, *he;
    if (!url || !u) return MB_ERR_URL;
    memset(u, 0, sizeof *u);
    for (p = url; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p == 0x7f) return MB_ERR_URL;
    if (mb__prefix_i(url, "https://")) { u->tls = 1; p = url + 8; }
    else if (mb__prefix_i(url, "http://")) { p = url + 7; }
    else if (mb__prefix_i(url, "wss://")) { u->tls = u->ws = 1; p = url + 6; }
    else if (mb__prefix_i(url, "ws://")) { u->ws = 1; p = url + 5; }
    else return MB_ERR_URL;
    a = p;
    ae = a + strcspn(a, "/?#");
    if (memchr(a, '@', (size_t)(ae - a))) return MB_ERR_URL; /* no user info: it would leak into logs */
    if (*a == '[') {
        int colons = 0;
        h = a + 1;
        he = (const char *)memchr(h, ']', (size_t)(ae - h));
        if (!he) return MB_ERR_URL;
        for (p = h; p < he; p++) {
            if (*p == ':') colons++;
            else if (!mb__is_hex(*p) && *p != '.') return MB_ERR_URL;
        }
        if (colons < 2) return MB_ERR_URL;
        u->ipv6 = 1;
        p = he + 1;
    } else {
        h = a;
        for (p = a; p < ae && *p != ':'; p++)
            if (!mb__is_alnum(*p) && *p != '-' && *p != '.' && *p != '_' && *p != '~') return MB_ERR_URL;
        he = p;
    }
    if (he == h || (size_t)(he - h) > MB_MAX_HOST) return MB_ERR_URL;
    u->host.ptr = h;
    u->host.len = (size_t)(he - h);
    if (p < ae) {
        uint32_t port = 0;
        if (*p++ != ':' || p == ae) return MB_ERR_URL;
        for (; p < ae; p++) {
            if (!mb__is_digit(*p) || port > 6553u) return MB_ERR_URL;
            port = port * 10u + (uint32_t)(*p - '0');
        }
        if (port == 0 || port > 65535u) return MB_ERR_URL;
        u->port = (uint16_t)port;
    } else {
        u->port = u->tls ? 443 : 80;
        u->default_port = 1;
    }
    u->path.ptr = ae;
    u->path.len = strcspn(ae, "#");
    return MB_OK;
}

enum { MB__C_IDLE, MB__C_BUILDING };

#if !defined(MB_NO_LOG)
static void mb__log(const mb_client *c, mb_log_level lvl, const char *msg, size_t len) {
    if (c->cfg.log && (lvl <= MB_LOG_WARN || c->cfg.debug)) c->cfg.log(c->cfg.log_user, lvl, msg, len);
}

/* Logs a request head line by line; secrets never reach the hook. */
static void mb__log_head(const mb_client *c, const char *p, size_t n) {
    static const char *const secret[] = {"authorization", "x-hasura-admin-secret", "cookie"};
    size_t i = 0;
    if (!c->cfg.log || !c->cfg.debug) return;
    while (i < n) {
        size_t j = i, colon;
        int hidden = 0;
        while (j < n && p[j] != '\r' && p[j] != '\n') j++;
        for (colon = i; colon < j && p[colon] != ':'; colon++) {}
        for (size_t k = 0; k < sizeof secret / sizeof secret[0]; k++)
            if (colon < j && mb__str_ieq(p + i, colon - i, secret[k])) hidden = 1;
        if (j > i) {
            if (hidden) {
                char line[64];
                size_t nl = colon - i < 40 ? colon - i : 40;
                memcpy(line, p + i, nl);
                memcpy(line + nl, ": [redacted]", 12);
                mb__log(c, MB_LOG_DEBUG, line, nl + 12);
            } else {
                mb__log(c, MB_LOG_DEBUG, p + i, j - i);
            }
        }
        while (j < n && (p[j] == '\r' || p[j] == '\n')) j++;
        i = j;
    }
}
#define MB__LOG_HEAD(c, p, n) mb__log_head((c), (p), (n))
#else
#define MB__LOG_HEAD(c, p, n) ((void)0)
#endif

mb_status mb_client_init(mb_client *c, const mb_config *cfg) {
    mb_status s;
    if (!c || !cfg) return MB_ERR_ARG;
    memset(c, 0, sizeof *c);
    c->cfg = *cfg;
    if (!cfg->transport.connect || !cfg->transport.send || !cfg->transport.recv || !cfg->transport.close)
        return MB_ERR_ARG;
    if (!cfg->buf || cfg->buf_size < 256 || !cfg->tokens || cfg->max_tokens < 4) return MB_ERR_ARG;
    if (cfg->num_headers && !cfg->headers) return MB_ERR_ARG;
    if (!c->cfg.url) c->cfg.url = mb_env_url(cfg->env);
    if (!c->cfg.connect_timeout_ms) c->cfg.connect_timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    if (!c->cfg.timeout_ms) c->cfg.timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    s = mb_url_parse(c->cfg.url, &c->url);
    if (s != MB_OK) return s;
    if (c->url.ws) return MB_ERR_URL; /* the HTTP client takes http(s) URLs */
    if (c->url.tls && !(cfg->transport.flags & MB_TRANSPORT_TLS)) return MB_ERR_TLS_REQUIRED;
    if (!c->url.tls && (cfg->transport.flags & MB_TRANSPORT_TLS)) return MB_ERR_URL; /* http URL over TLS */
    memcpy(c->host, c->url.host.ptr, c->url.host.len);
    c->host[c->url.host.len] = '\0';
    return MB_OK;
}

void mb_client_set_jwt(mb_client *c, const char *jwt) { c->cfg.jwt = jwt; }

void mb_client_close(mb_client *c) {
    if (c->connected) c->cfg.transport.close(c->cfg.transport.ctx);
    c->connected = 0;
}

const mb_error *mb_last_error(const mb_client *c) { return &c->res.error; }

mb_writer *mb_request(mb_client *c, const char *query, const char *operation_name) {
    mb_w_init(&c->w, c->cfg.buf, c->cfg.buf_size);
    mb_gql_begin(&c->w, query, operation_name);
    c->state = MB__C_BUILDING;
    c->req_len = 0;
    return &c->w;
}

/* "Name: prefix value\r\n", refusing CR/LF in the value. */
static void mb__w_header(mb_writer *w, const char *name, const char *prefix, const char *value) {
    const char *p;
    for (p = value; *p; p++)
        if (*p == '\r' || *p == '\n') { mb__w_fail(w, MB_ERR_ARG); return; }
    mb_w_cstr(w, name);
    mb_w_bytes(w, ": ", 2);
    mb_w_cstr(w, prefix);
    mb_w_cstr(w, value);
    mb_w_bytes(w, "\r\n", 2);
}

/* The body is at buf[0, blen): writes the head after it, then swaps the
 * two so the request reads head + body from buf[0]. Nothing is sent when
 * it does not fit. */
static mb_status mb__finish_request(mb_client *c, size_t blen, size_t *head_len) {
    mb_writer h;
    size_t i;
    const mb_config *k = &c->cfg;
    mb_w_init(&h, k->buf + blen, k->buf_size - blen);
    mb_w_bytes(&h, "POST ", 5);
    if (c->url.path.len == 0 || c->url.path.ptr[0] != '/') mb_w_bytes(&h, "/", 1);
    mb_w_bytes(&h, c->url.path.ptr, c->url.path.len);
    mb_w_cstr(&h, " HTTP/1.1\r\nHost: ");
    if (c->url.ipv6) mb_w_bytes(&h, "[", 1);
    mb_w_cstr(&h, c->host);
    if (c->url.ipv6) mb_w_bytes(&h, "]", 1);
    if (!c->url.default_port) {
        mb_w_bytes(&h, ":", 1);
        mb_w_u64(&h, c->url.port);
    }
    mb_w_cstr(&h, "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                  "Cache-Control: no-cache\r\nConnection: keep-alive\r\nUser-Agent: mb/" MB_VERSION
                  "\r\nContent-Length: ");
    mb_w_u64(&h, blen);
    mb_w_bytes(&h, "\r\n", 2);
    if (k->jwt) mb__w_header(&h, "Authorization", "Bearer ", k->jwt);
    if (k->admin_secret) mb__w_header(&h, "x-hasura-admin-secret", "", k->admin_secret);
    if (k->role) mb__w_header(&h, "x-hasura-role", "", k->role);
    for (i = 0; i < k->num_headers; i++) mb_http_header_line(&h, k->headers[i].name, k->headers[i].value);
    mb_w_bytes(&h, "\r\n", 2);
    if (h.err != MB_OK) return h.err;
    /* [body][head] -> [head][body]: park the head at the end of the buffer,
     * slide the body up, bring the head to the front. The room this needs is
     * room the response needs anyway. */
    if (k->buf_size - blen - h.len < h.len) return MB_ERR_BUFFER;
    memmove(k->buf + k->buf_size - h.len, k->buf + blen, h.len);
    memmove(k->buf + h.len, k->buf, blen);
    memcpy(k->buf, k->buf + k->buf_size - h.len, h.len);
    *head_len = h.len;
    c->req_len = blen + h.len;
    MB__LOG_HEAD(c, k->buf, h.len);
    MB__LOG(c, MB_LOG_DEBUG, k->buf + h.len, blen);
    return MB_OK;
}

static mb_status mb__send_all(mb_client *c) {
    size_t off = 0;
    while (off < c->req_len) {
        size_t n = 0;
        mb_status s = c->cfg.transport.send(c->cfg.transport.ctx, c->cfg.buf + off, c->req_len - off, &n,
                                            c->cfg.timeout_ms);
        if (s != MB_OK) return s;
        if (n == 0 || n > c->req_len - off) return MB_ERR_IO; /* transport broke its contract */
        off += n;
    }
    return MB_OK;
}

static mb_status mb__receive(mb_client *c) {
    for (;;) {
        char *dst;
        size_t room, got = 0;
        mb_status s = mb_http_response_space(&c->http, &dst, &room);
        if (s != MB_OK) return s;
        s = c->cfg.transport.recv(c->cfg.transport.ctx, dst, room, &got, c->cfg.timeout_ms);
        if (s == MB_ERR_CLOSED) return mb_http_response_eof(&c->http);
        if (s != MB_OK) return s;
        if (got == 0 || got > room) return MB_ERR_IO;
        s = mb_http_response_feed(&c->http, got);
        if (s != MB_PENDING) return s;
    }
}

/* Connect if needed, send, receive. A reused connection that fails before
 * the first response byte is reopened once: servers close idle keep-alive
 * connections at any time. */
static mb_status mb__roundtrip(mb_client *c) {
    int attempt;
    mb_status s = MB_ERR_IO;
    for (attempt = 0; attempt < 2; attempt++) {
        int fresh = 0;
        if (!c->connected) {
            s = c->cfg.transport.connect(c->cfg.transport.ctx, c->host, c->url.port, c->cfg.connect_timeout_ms);
            if (s != MB_OK) {
                c->cfg.transport.close(c->cfg.transport.ctx);
                return s;
            }
            c->connected = 1;
            c->connects++;
            fresh = 1;
        }
        mb_http_response_init(&c->http, c->cfg.buf + c->req_len, c->cfg.buf_size - c->req_len);
        s = mb__send_all(c);
        if (s == MB_OK) s = mb__receive(c);
        if (s == MB_OK) {
            if (!mb_http_keep_alive(&c->http)) mb_client_close(c);
            return MB_OK;
        }
        mb_client_close(c);
        if (fresh || !(s == MB_ERR_CLOSED || s == MB_ERR_IO) || c->http.fill != 0) break;
        MB__LOGS(c, MB_LOG_INFO, "kept-alive connection was closed; reconnecting");
    }
    return s == MB_ERR_CLOSED ? MB_ERR_TRUNCATED : s;
}

static mb_status mb__decode(mb_client *c) {
    mb_status s;
    c->res.http_status = c->http.status;
    MB__LOG(c, MB_LOG_DEBUG, c->http.buf, c->http.head_len ? c->http.head_len - 2 : 0);
    MB__LOG(c, MB_LOG_DEBUG, c->http.body, c->http.body_len);
    s = mb_gql_decode(&c->res, c->http.body, c->http.body_len, c->cfg.tokens, c->cfg.max_tokens);
    if (c->http.status < 200 || c->http.status > 299) {
        /* Hasura explains most refusals in its envelope; keep that status */
        if (s == MB_ERR_GRAPHQL || s == MB_ERR_AUTH) return s;
        return MB_ERR_HTTP_STATUS;
    }
    return s;
}

mb_status mb_send(mb_client *c, mb_result **out) {
    mb_status s;
    size_t blen, hlen = 0;
    int refreshed = 0;
    if (out) *out = &c->res;
    mb_gql_decode(&c->res, NULL, 0, NULL, 0); /* clears the previous result */
    if (c->state != MB__C_BUILDING) return MB_ERR_ARG;
    c->state = MB__C_IDLE;
    s = mb_gql_end(&c->w);
    if (s != MB_OK) return s;
    blen = c->w.len;
    s = mb__finish_request(c, blen, &hlen);
    while (s == MB_OK) {
        c->requests++;
        s = mb__roundtrip(c);
        c->res.http_status = c->http.status;
        if (s != MB_OK) break;
        s = mb__decode(c);
        if (s == MB_ERR_AUTH && !refreshed && c->cfg.refresh && mb_str_eq(c->res.error.code, "invalid-jwt")) {
            const char *jwt = NULL;
            refreshed = 1;
            if (c->cfg.refresh(c->cfg.refresh_user, &jwt) != MB_OK || !jwt) break;
            c->cfg.jwt = jwt;
            /* the body is still in place after the head: rebuild the head */
            memmove(c->cfg.buf, c->cfg.buf + hlen, blen);
            s = mb__finish_request(c, blen, &hlen);
            continue;
        }
        break;
    }
    return s;
}

/* Copies the members of a JSON object text ("{...}", checked by the caller)
 * into the open variables object of w. */
static void mb__w_members(mb_writer *w, const char *obj, size_t len) {
    const char *p = obj + 1, *e = obj + len - 1;
    while (p < e && mb__is_ws(*p)) p++;
    if (p < e) {
        mb_w_bytes(w, p, (size_t)(e - p));
        w->first &= ~(1u << (w->depth - 1)); /* the container is no longer empty */
    }
}

mb_status mb_execute(mb_client *c, const char *query, const char *operation_name, const char *variables_json,
                     mb_result **res) {
    mb_writer *w = mb_request(c, query, operation_name);
    if (variables_json) {
        size_t n = strlen(variables_json);
        const char *p = variables_json, *e = p + n;
        while (p < e && mb__is_ws(*p)) p++;
        while (e > p && mb__is_ws(e[-1])) e--;
        /* strict check with the response's token array, free until the answer */
        mb_status s = p < e && *p == '{' ? mb_json_parse(&c->res.doc, p, (size_t)(e - p), c->cfg.tokens,
                                                         c->cfg.max_tokens)
                                         : MB_ERR_JSON;
        if (s == MB_OK) s = mb_json_check_strings(&c->res.doc);
        if (s != MB_OK) {
            c->state = MB__C_IDLE;
            if (res) *res = &c->res;
            return s;
        }
        mb__w_members(w, p, (size_t)(e - p));
    }
    return mb_send(c, res);
}
