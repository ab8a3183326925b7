/* A client over the scripted transport and canned HTTP answers, shared by
 * the outbox unit tests (include after t.h and platform/mb_script.h).
 * SCRIPT_TX_CAP: bytes of the capture of what the client sent. */
#ifndef SCRIPT_TX_CAP
#define SCRIPT_TX_CAP 16384
#endif

/* An HTTP response with a correct Content-Length, into dst. */
static mb_str reply(char *dst, size_t cap, const char *status_line, const char *body) {
    mb_str v;
    int n = snprintf(dst, cap, "HTTP/1.1 %s\r\nContent-Length: %u\r\n\r\n%s", status_line, (unsigned)strlen(body), body);
    v.ptr = dst;
    v.len = n > 0 && (size_t)n < cap ? (size_t)n : 0;
    return v;
}

static size_t find(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0) return i;
    return (size_t)-1;
}

static char work[8192], tx[SCRIPT_TX_CAP];
static mb_token toks[128];

static void client(mb_client *c, mb_script *s, const mb_script_conn *conns, size_t n, size_t buf_size) {
    mb_config cfg;
    memset(s, 0, sizeof *s);
    s->conns = conns;
    s->num_conns = n;
    s->tx = tx;
    s->tx_cap = sizeof tx;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = "http://localhost:8080/v1/graphql";
    cfg.transport = mb_script_transport(s);
    cfg.buf = work;
    cfg.buf_size = buf_size;
    cfg.tokens = toks;
    cfg.max_tokens = 128;
    CHECK_ST(mb_client_init(c, &cfg), MB_OK);
}
