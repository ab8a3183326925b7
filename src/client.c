
/* ---- client ---- */

const char *mb_env_url(mb_env env) {
    /* one array, no pointer table: each URL starts after the previous NUL */
    static const char url[] = MB_URL_PROD "\0" MB_URL_TEST "\0" MB_URL_LOCAL;
    static const uint8_t at[] = {0, sizeof MB_URL_PROD, sizeof MB_URL_PROD + sizeof MB_URL_TEST};
    return url + at[(unsigned)env < 3u ? env : 0];
}

mb_status mb_url_parse(const char *url, mb_url *u) {
    const char *p, *h, *he, *ae;
    int i;
    if (!url || !u) return MB_ERR_URL;
    memset(u, 0, sizeof *u);
    for (p = url; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f) return MB_ERR_URL;
    p = strstr(url, "://");
    i = p ? mb__one_of(url, (size_t)(p - url), "http\0https\0ws\0wss\0", 1) : 0;
    if (!i--) return MB_ERR_URL;
    u->tls = (uint8_t)(i & 1);
    u->ws = (uint8_t)(i >> 1);
    h = p += 3;
    ae = p + strcspn(p, "/?#");
    u->authority.ptr = p;
    u->authority.len = (size_t)(ae - p);
    if (*p == '[') { /* IPv6 literal: hex digits, '.' and at least two ':' */
        int colons = 0;
        for (h = ++p; p < ae && *p != ']'; p++) {
            if (*p == ':') colons++;
            else if (mb__hex(*p) < 0 && *p != '.') return MB_ERR_URL;
        }
        if (p == ae || colons < 2) return MB_ERR_URL;
        he = p++;
        u->ipv6 = 1;
    } else { /* no user info either: it would leak into logs */
        for (; p < ae && *p != ':'; p++) { /* letters, digits, "-._~" */
            char ch = *p;
            if (!mb__is_digit(ch) && (unsigned)((ch | 0x20) - 'a') >= 26u && ch != '-' && ch != '.' && ch != '_' &&
                ch != '~')
                return MB_ERR_URL;
        }
        he = p;
    }
    if ((size_t)(he - h) - 1 >= MB_MAX_HOST) return MB_ERR_URL; /* empty wraps */
    u->host.ptr = h;
    u->host.len = (size_t)(he - h);
    u->port = u->tls ? 443 : 80;
    u->default_port = p == ae;
    if (p < ae) {
        uint32_t port = 0;
        if (*p++ != ':') return MB_ERR_URL;
        for (; p < ae; p++) { /* checked at every digit: it cannot wrap */
            if (!mb__is_digit(*p)) return MB_ERR_URL;
            port = port * 10u + (uint32_t)(*p - '0');
            if (port > 65535u) return MB_ERR_URL;
        }
        if (port == 0) return MB_ERR_URL; /* "h:" too */
        u->port = (uint16_t)port;
    }
    u->path.ptr = ae;
    u->path.len = strcspn(ae, &"/?#"[2]); /* "#", sharing the literal above */
    return MB_OK;
}

/* Headers whose values the log never sees; the first two are written from
 * here too (the match is case-insensitive). x-hasura-access-key is the
 * admin secret's old name, set-cookie a server's session. */
static const char mb__secret_headers[] =
    "Authorization\0x-hasura-admin-secret\0cookie\0set-cookie\0proxy-authorization\0x-hasura-access-key\0";

#if !defined(MB_NO_LOG)
static void mb__log(const mb_client *c, mb_log_level lvl, const char *msg, size_t len) {
    if (c->cfg.log && c->cfg.debug) c->cfg.log(c->cfg.log_user, lvl, msg, len); /* traces only */
}

/* Logs a whole request or response head (ours, or one the parser took in
 * whole: it ends with an empty line) line by line; secret values never
 * reach the hook. Lines end with LF (CR LF in ours). */
static void mb__log_head(const mb_client *c, const char *p, size_t n) {
    const char *e = p + n, *nl;
    if (!c->cfg.log || !c->cfg.debug) return; /* no scan of every head when nothing is traced */
    for (;; p = nl + 1) {
        const char *colon, *msg = p;
        size_t k, len;
        char line[40];
        nl = (const char *)memchr(p, '\n', (size_t)(e - p)); /* found: the empty line comes last */
        len = (size_t)(nl - p) - (nl > p && nl[-1] == '\r');
        if (!len) break;
        colon = (const char *)memchr(p, ':', len);
        k = colon ? (size_t)(colon - p) : 0; /* 0 matches no name */
        if (mb__one_of(p, k, mb__secret_headers, 1)) { /* k is the length of one of those names: it fits */
            memcpy(line, p, k);
            strcpy(line + k, ": [redacted]");
            msg = line;
            len = k + 12;
        }
        mb__log(c, MB_LOG_DEBUG, msg, len);
    }
}
#define MB__LOG_HEAD(c, p, n) mb__log_head((c), (p), (n))
#else
#define MB__LOG_HEAD(c, p, n) ((void)0)
#endif

mb_status mb_client_init(mb_client *c, const mb_config *cfg) {
    mb_status s;
    const mb_transport *t;
    if (!c || !cfg) return MB_ERR_ARG;
    memset(c, 0, sizeof *c);
    mb_gql_decode(&c->res, NULL, 0, NULL, 0); /* mb_last_error: empty views, never NULL */
    c->cfg = *cfg;
    t = &cfg->transport;
    if (!t->connect || !t->send || !t->recv || !t->close || !cfg->buf || cfg->buf_size < 256 || !cfg->tokens ||
        cfg->max_tokens < 4 || (cfg->num_headers && !cfg->headers))
        return MB_ERR_ARG;
    if (!cfg->url) c->cfg.url = mb_env_url(cfg->env);
    if (!cfg->connect_timeout_ms) c->cfg.connect_timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    if (!cfg->timeout_ms) c->cfg.timeout_ms = MB_DEFAULT_TIMEOUT_MS;
    s = mb_url_parse(c->cfg.url, &c->url);
    if (s != MB_OK) return s;
    if (c->url.ws) return MB_ERR_URL; /* the HTTP client takes http(s) URLs */
    if (c->url.tls != !!(t->flags & MB_TRANSPORT_TLS)) return c->url.tls ? MB_ERR_TLS_REQUIRED : MB_ERR_URL;
    memcpy(c->host, c->url.host.ptr, c->url.host.len);
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
    return &c->w;
}

/* The body is at buf[0, blen): writes the head after it, then rotates the
 * two so the request reads head + body from buf[0]. Nothing is sent when
 * it does not fit. */
static mb_status mb__finish_request(mb_client *c, size_t blen) {
    mb_writer h;
    size_t i;
    const mb_config *k = &c->cfg;
    char *b = k->buf;
    size_t half = (k->buf_size - blen) / 2;
    /* the last half of the room after the body: the body can then slide up
       by the head's length without reaching it (the room this needs is room
       the response needs anyway); a head that does not fit is MB_ERR_BUFFER
       and nothing is sent */
    mb_w_init(&h, b + k->buf_size - half, half);
    mb_w_cstr(&h, "POST /");
    i = c->url.path.ptr[0] == '/'; /* or the path is empty, or a query: the URL string goes on */
    mb_w_bytes(&h, c->url.path.ptr + i, c->url.path.len - i);
    mb_w_cstr(&h, " HTTP/1.1\r\nHost: ");
    mb_w_bytes(&h, c->url.authority.ptr, c->url.authority.len);
    mb_w_cstr(&h, "\r\nContent-Type: application/json\r\nAccept: application/json\r\nConnection: keep-alive\r\n"
                  "Content-Length: ");
    mb_w_u64(&h, blen);
    mb_w_cstr(&h, "\r\n");
    if (k->jwt) mb__w_header(&h, mb__secret_headers, ": Bearer ", k->jwt);
    if (k->admin_secret) mb__w_header(&h, mb__secret_headers + sizeof "Authorization", ": ", k->admin_secret);
    if (k->role) mb__w_header(&h, "x-hasura-role", ": ", k->role);
    for (i = 0; i < k->num_headers; i++) mb_http_header_line(&h, k->headers[i].name, k->headers[i].value);
    mb_w_cstr(&h, "\r\n");
    /* [body]..[head] -> [head][body]: slide the body up, bring the head to
     * the front */
    if (h.err != MB_OK) return h.err;
    memmove(b + h.len, b, blen);
    memcpy(b, h.buf, h.len);
    c->req_len = blen + h.len;
    MB__LOG_HEAD(c, b, h.len);
    MB__LOG(c, MB_LOG_DEBUG, b + h.len, blen);
    return MB_OK;
}

/* Connects if needed, sends, receives. A reused connection that fails
 * before the first response byte is reopened once: servers close idle
 * keep-alive connections at any time. */
static mb_status mb__roundtrip(mb_client *c) {
    const mb_transport *t = &c->cfg.transport;
    int final = 0; /* a fresh connection, or one that has answered: no resend */
    mb_status s;
    for (;;) {
        size_t off = 0, n;
        char *dst;
        /* first: a failed (re)connect leaves no status of an answer before */
        mb_http_response_init(&c->http, c->cfg.buf + c->req_len, c->cfg.buf_size - c->req_len);
        if (!c->connected) {
            c->connected = 1; /* a failed connect is closed too */
            s = t->connect(t->ctx, c->host, c->url.port, c->cfg.connect_timeout_ms);
            if (s != MB_OK) {
                mb_client_close(c);
                return s;
            }
            final = 1;
            c->connects++;
        }
        do { /* a transport reporting nothing or more than asked broke its contract */
            n = 0;
            s = t->send(t->ctx, c->cfg.buf + off, c->req_len - off, &n, c->cfg.timeout_ms);
            if (s == MB_OK && n - 1 >= c->req_len - off) s = MB_ERR_IO; /* n == 0 wraps */
            off += n;
        } while (s == MB_OK && off < c->req_len);
        while (s == MB_OK) {
            size_t room;
            if ((s = mb_http_response_space(&c->http, &dst, &room)) != MB_OK) break;
            n = 0;
            s = t->recv(t->ctx, dst, room, &n, c->cfg.timeout_ms);
            if (s == MB_ERR_CLOSED) s = mb_http_response_eof(&c->http);
            else if (s == MB_OK) {
                /* any byte, even of an interim 1xx the parser drops: the
                   server has the request, a resend could run it twice */
                final = 1;
                s = n - 1 >= room ? MB_ERR_IO : mb_http_response_feed(&c->http, n);
            }
            if (s != MB_PENDING) break;
            s = MB_OK;
        }
        if (s == MB_OK && mb_http_keep_alive(&c->http)) return MB_OK;
        mb_client_close(c);
        if (s == MB_OK || final || (s != MB_ERR_CLOSED && s != MB_ERR_IO)) break;
        MB__LOGS(c, MB_LOG_INFO, "reconnecting"); /* the kept-alive connection was closed */
    }
    return s == MB_ERR_CLOSED ? MB_ERR_TRUNCATED : s;
}

mb_status mb_send(mb_client *c, mb_result **out) {
    mb_status s;
    size_t blen;
    const char *jwt = NULL; /* set once refreshed */
    if (out) *out = &c->res;
    s = mb_gql_end(&c->w); /* MB_ERR_ARG with no mb_request since init */
    c->w.err = MB_ERR_ARG;  /* spent: a second mb_send is out of order */
    blen = c->w.len;
    for (;;) {
        /* no answer yet: clears the previous result, and before a retry the
           refused one (its views are into bytes the retry overwrites) */
        mb_gql_decode(&c->res, NULL, 0, NULL, 0);
        c->res.http_status = 0;
        if (s == MB_OK) s = mb__finish_request(c, blen);
        if (s != MB_OK) return s;
        c->requests++;
        s = mb__roundtrip(c);
        c->res.http_status = c->http.status;
        if (s != MB_OK) return s;
        MB__LOG_HEAD(c, c->http.buf, c->http.head_len);
        MB__LOG(c, MB_LOG_DEBUG, c->http.body, c->http.body_len);
        s = mb_gql_decode(&c->res, c->http.body, c->http.body_len, c->cfg.tokens, c->cfg.max_tokens);
        /* Hasura explains most refusals in its envelope: keep that status */
        if (c->http.status > 299 && s != MB_ERR_GRAPHQL && s != MB_ERR_AUTH) /* 1xx never ends a response */
            return MB_ERR_HTTP_STATUS;
        if (s != MB_ERR_AUTH || jwt || !c->cfg.refresh || !mb_str_eq(c->res.error.code, mb__auth_codes) /* invalid-jwt */ ||
            c->cfg.refresh(c->cfg.refresh_user, &jwt) != MB_OK || !jwt)
            return s;
        c->cfg.jwt = jwt;
        /* the body is still in place after the head: send it with a new head */
        memmove(c->cfg.buf, c->cfg.buf + c->req_len - blen, blen);
        s = MB_OK;
    }
}

mb_status mb_execute(mb_client *c, const char *query, const char *operation_name, const char *variables_json,
                     mb_result **res) {
    mb_writer *w = mb_request(c, query, operation_name);
    if (variables_json) (void)mb__gql_vars(w, &c->res.doc, variables_json, c->cfg.tokens, c->cfg.max_tokens);
    return mb_send(c, res);
}
