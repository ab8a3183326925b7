/* Edge branches of the core: transports that break their contract, the
 * refresh hook refusing, request targets without a path, HTTP head limits,
 * JSON grammar corners and strings met twice after an in-place decode. */
#include "t.h"
#include "platform/mb_script.h"

#define OK_BODY "{\"data\":{\"a\":1}}"
#define OK_RESP "HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n" OK_BODY

static char work[4096];
static mb_token toks[128];

/* A transport whose counts are set by the test, to break the contract. */
typedef struct liar {
    size_t sent_extra; /* send reports len + this (0: honest) */
    int sent_zero;     /* send reports 0 bytes with MB_OK */
    int got_mode;      /* recv: 0 honest, 1 reports 0 bytes, 2 reports more than room */
    const char *reply;
    size_t pos;
} liar;

static mb_status l_connect(void *ctx, const char *h, uint16_t p, uint32_t t) {
    (void)ctx; (void)h; (void)p; (void)t;
    return MB_OK;
}
static mb_status l_send(void *ctx, const void *d, size_t len, size_t *sent, uint32_t t) {
    liar *l = (liar *)ctx;
    (void)d; (void)t;
    *sent = l->sent_zero ? 0 : len + l->sent_extra;
    return MB_OK;
}
static mb_status l_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t t) {
    liar *l = (liar *)ctx;
    size_t n = strlen(l->reply + l->pos);
    (void)t;
    if (l->got_mode == 1) { *got = 0; return MB_OK; }
    if (l->got_mode == 2) { *got = cap + 1; return MB_OK; }
    if (!n) return MB_ERR_CLOSED;
    if (n > cap) n = cap;
    memcpy(buf, l->reply + l->pos, n);
    l->pos += n;
    *got = n;
    return MB_OK;
}
static void l_close(void *ctx) { (void)ctx; }

/* A configuration over this file's buffers. */
static void base_cfg(mb_config *cfg, const char *url, mb_transport t) {
    memset(cfg, 0, sizeof *cfg);
    cfg->url = url;
    cfg->transport = t;
    cfg->buf = work;
    cfg->buf_size = sizeof work;
    cfg->tokens = toks;
    cfg->max_tokens = 128;
}

/* A script over the given connections, capturing what is sent into tx. */
static void base_script(mb_script *s, const mb_script_conn *conns, size_t n, char *tx, size_t tx_cap) {
    memset(s, 0, sizeof *s);
    s->conns = conns;
    s->num_conns = n;
    s->tx = tx;
    s->tx_cap = tx_cap;
}

static mb_status liar_send(liar *l) {
    mb_client c;
    mb_config cfg;
    mb_transport t = {0, 0, l_connect, l_send, l_recv, l_close};
    t.ctx = l;
    base_cfg(&cfg, "http://h/v1/graphql", t);
    if (mb_client_init(&c, &cfg) != MB_OK) return MB_ERR_ARG;
    mb_request(&c, "{a}", NULL);
    return mb_send(&c, NULL); /* no result pointer wanted */
}

static void contract(void) {
    liar l;
    t_case = "a transport that breaks its contract gets MB_ERR_IO";
    memset(&l, 0, sizeof l);
    l.reply = OK_RESP;
    CHECK_ST(liar_send(&l), MB_OK); /* honest: works, without a result pointer */
    memset(&l, 0, sizeof l);
    l.reply = OK_RESP;
    l.sent_zero = 1;
    CHECK_ST(liar_send(&l), MB_ERR_IO);
    l.sent_zero = 0;
    l.sent_extra = 1;
    CHECK_ST(liar_send(&l), MB_ERR_IO);
    l.sent_extra = 0;
    l.got_mode = 1;
    CHECK_ST(liar_send(&l), MB_ERR_IO);
    l.got_mode = 2;
    CHECK_ST(liar_send(&l), MB_ERR_IO);
}

static int refresh_calls, refresh_ok;
/* Refuses (round 0) or says MB_OK without a token (round 1). */
static mb_status refuse(void *user, const char **jwt) {
    (void)user;
    refresh_calls++;
    *jwt = NULL;
    return refresh_ok ? MB_OK : MB_ERR_AUTH;
}

static void client_edges(void) {
    static const char expired[] = "HTTP/1.1 200 OK\r\nContent-Length: 95\r\n\r\n"
                                  "{\"errors\":[{\"message\":\"Could not verify JWT: JWTExpired\","
                                  "\"extensions\":{\"code\":\"invalid-jwt\"}}]}";
    static const mb_str r_exp[] = {{expired, sizeof expired - 1}};
    static const mb_str r_ok[] = {{OK_RESP, sizeof OK_RESP - 1}};
    static const mb_str r_part[] = {{OK_RESP, sizeof OK_RESP - 1}, {"HTTP/1.1 200", 12}};
    static const mb_script_conn c_exp[] = {{r_exp, 1, MB_OK, MB_OK, MB_OK}};
    static const mb_script_conn c_ok[] = {{r_ok, 1, MB_OK, MB_OK, MB_OK}};
    static const mb_script_conn c_part[] = {{r_part, 2, MB_OK, MB_OK, MB_OK}, {r_ok, 1, MB_OK, MB_OK, MB_OK}};
    static const mb_str r_interim[] = {{OK_RESP, sizeof OK_RESP - 1}, {"HTTP/1.1 102 Processing\r\n\r\n", 27}};
    /* after the 102: closed (round 0) or reset (round 1) */
    static const mb_script_conn c_interim[2][2] = {
        {{r_interim, 2, MB_ERR_CLOSED, MB_OK, MB_OK}, {r_ok, 1, MB_OK, MB_OK, MB_OK}},
        {{r_interim, 2, MB_ERR_IO, MB_OK, MB_OK}, {r_ok, 1, MB_OK, MB_OK, MB_OK}}};
    static char tx[2048];
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_result *res;
    int round;

    t_case = "the refresh hook refuses, or gives no token: the auth error stands";
    for (round = 0; round < 2; round++) {
        base_script(&s, c_exp, 1, NULL, 0);
        base_cfg(&cfg, "http://h/v1/graphql", mb_script_transport(&s));
        cfg.jwt = "old";
        cfg.refresh = refuse;
        refresh_ok = round;
        refresh_calls = 0;
        CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
        mb_request(&c, "{a}", NULL);
        CHECK_ST(mb_send(&c, &res), MB_ERR_AUTH);
        CHECK(refresh_calls == 1 && s.conn == 1); /* asked once, nothing resent */
        CHECK_STR(res->error.code, "invalid-jwt");
    }

    t_case = "a URL without a path: the request target is / plus the query";
    base_script(&s, c_ok, 1, tx, sizeof tx);
    base_cfg(&cfg, "http://[::1]:8080?x=1", mb_script_transport(&s));
    CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
    mb_request(&c, "{a}", NULL);
    CHECK_ST(mb_send(&c, &res), MB_OK);
    CHECK(s.tx_len > 40 && memcmp(tx, "POST /?x=1 HTTP/1.1\r\nHost: [::1]:8080\r\n", 39) == 0);

    t_case = "a kept-alive connection closed after part of the answer: no resend";
    base_script(&s, c_part, 2, NULL, 0);
    base_cfg(&cfg, "http://h/v1/graphql", mb_script_transport(&s));
    CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
    mb_request(&c, "{a}", NULL);
    CHECK_ST(mb_send(&c, &res), MB_OK);
    mb_request(&c, "{a}", NULL);
    CHECK_ST(mb_send(&c, &res), MB_ERR_TRUNCATED); /* the server may have acted on it */
    CHECK(s.conn == 1);

    /* a 1xx is consumed whole, leaving the buffer empty: the server had the
       request all the same (a mutation must not run twice) */
    t_case = "a kept-alive connection lost after an interim 1xx: no resend";
    for (round = 0; round < 2; round++) {
        base_script(&s, c_interim[round], 2, NULL, 0);
        base_cfg(&cfg, "http://h/v1/graphql", mb_script_transport(&s));
        CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
        mb_request(&c, "mutation { a }", NULL);
        CHECK_ST(mb_send(&c, &res), MB_OK);
        mb_request(&c, "mutation { a }", NULL);
        CHECK_ST(mb_send(&c, &res), round ? MB_ERR_IO : MB_ERR_TRUNCATED);
        CHECK(s.conn == 1 && c.requests == 2);
    }
}

static int renewals;
/* Gives a token `renewals` characters long: 0 gives "new". */
static mb_status renew(void *user, const char **jwt) {
    static char token[1024];
    (void)user;
    memset(token, 'j', sizeof token - 1);
    *jwt = renewals ? token + sizeof token - 1 - renewals : "new";
    return MB_OK;
}

/* A refresh whose retry fails leaves no trace of the refused answer: its
 * views point into bytes the retry overwrites (printing its message read
 * past the work buffer), and its HTTP status is not the retry's (the
 * outbox takes a 2xx with MB_ERR_BUFFER for an applied mutation). */
static void refresh_retry_fails(void) {
    static const char expired[] = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 95\r\n\r\n"
                                  "{\"errors\":[{\"message\":\"Could not verify JWT: JWTExpired\","
                                  "\"extensions\":{\"code\":\"invalid-jwt\"}}]}";
    static char flood[sizeof work + 100]; /* a body delimited by the close, longer than the buffer */
    static const mb_str r_exp[] = {{expired, sizeof expired - 1}};
    static const mb_str r_flood[] = {{flood, sizeof flood}};
    static const mb_script_conn conns[] = {{r_exp, 1, MB_OK, MB_OK, MB_OK}, {r_flood, 1, MB_OK, MB_OK, MB_OK}};
    static char value[2900];
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_result *res;
    memcpy(flood, "HTTP/1.1 200 OK\r\n\r\n", 19);
    memset(flood + 19, 'x', sizeof flood - 19);
    memset(value, 'v', sizeof value - 1);
    t_case = "refresh, then the retry's answer overflows the buffer: no stale error";
    base_script(&s, conns, 2, NULL, 0);
    base_cfg(&cfg, "http://h/v1/graphql", mb_script_transport(&s));
    cfg.jwt = "old";
    cfg.refresh = renew;
    renewals = 0;
    CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
    mb_request(&c, "{a}", NULL);
    CHECK_ST(mb_send(&c, &res), MB_ERR_BUFFER);
    CHECK(s.conn == 2 && c.requests == 2 && res->http_status == 200);
    CHECK(res->num_errors == 0 && res->errors < 0 && res->error.message.len == 0 && !res->error.message.ptr[0] &&
          res->error.code.len == 0);

    t_case = "refresh, then the retry cannot be written: no status, no error";
    base_script(&s, conns, 2, NULL, 0);
    base_cfg(&cfg, "http://h/v1/graphql", mb_script_transport(&s));
    cfg.jwt = "old";
    cfg.refresh = renew;
    renewals = 1000; /* the new head no longer fits beside the body */
    CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
    mb_w_key(mb_request(&c, "{a}", NULL), "v");
    mb_w_string(&c.w, value);
    CHECK_ST(mb_send(&c, &res), MB_ERR_BUFFER);
    CHECK(s.conn == 1 && c.requests == 1 && res->http_status == 0 && res->num_errors == 0 &&
          res->error.code.len == 0);

    t_case = "mb_send twice for one mb_request: the second is refused";
    CHECK_ST(mb_send(&c, &res), MB_ERR_ARG);
    CHECK(c.requests == 1);
}

static char big[24000];

static void head_limits(void) {
    mb_http_response r;
    size_t n = 0, i;
    char *dst;
    size_t room;
    t_case = "a head over MB_HTTP_MAX_HEAD, complete or still coming";
    n += (size_t)sprintf(big, "HTTP/1.1 200 OK\r\n");
    for (i = 0; i < 5; i++) {
        n += (size_t)sprintf(big + n, "X-Pad-%u: ", (unsigned)i);
        memset(big + n, 'a', 3900);
        n += 3900;
        memcpy(big + n, "\r\n", 2);
        n += 2;
    }
    mb_http_response_init(&r, big, sizeof big);
    CHECK_ST(mb_http_response_feed(&r, n), MB_ERR_HTTP_LIMIT); /* the fifth line ends past the limit */
    mb_http_response_init(&r, big, sizeof big);
    CHECK_ST(mb_http_response_feed(&r, n - 2), MB_ERR_HTTP_LIMIT); /* no line end yet, already too long */
    t_case = "the parser's space after a limit error";
    CHECK_ST(mb_http_response_space(&r, &dst, &room), MB_OK);
}

static void json_corners(void) {
    static const char *const bad[] = {
        "{}\0", "[1:2]", "\"a\":1", "[\"a\":1]", "{\"a\":1 \"b\":2}", "[1,]", "{\"a\"}", "[,1]", "{:1}",
    };
    static const size_t bad_len[] = {3, 5, 5, 7, 13, 4, 5, 4, 4};
    mb_json d;
    int b;
    char buf[64];
    size_t n;
    mb_str v;
    t_case = "JSON grammar corners are refused";
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (mb_json_parse(&d, bad[i], bad_len[i], toks, 128) != MB_ERR_JSON) {
            printf("  accepted: %.*s\n", (int)bad_len[i], bad[i]);
            CHECK(0);
        } else {
            CHECK(1);
        }
    }
    t_case = "getters on a NULL document or without an out pointer";
    CHECK_ST(mb_json_get_bool(NULL, 0, &b), MB_ERR_ARG);
    CHECK_ST(mb_json_parse(&d, "[true]", 6, toks, 128), MB_OK);
    CHECK_ST(mb_json_get_bool(&d, 1, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_unescape(&d, 1, NULL, 4, &n), MB_ERR_ARG);
    CHECK_ST(mb_json_unescape(&d, 1, buf, 0, &n), MB_ERR_ARG);
    CHECK_ST(mb_json_unescape(&d, 9, buf, sizeof buf, &n), MB_ERR_ARG); /* no such token */
    t_case = "a token capacity beyond jsmn's unsigned int is clamped, not wrapped";
    CHECK_ST(mb_json_parse(&d, "[1]", 3, toks, SIZE_MAX), MB_OK);
    CHECK(d.count == 2);

    t_case = "a string decoded in place is not decoded a second time as JSON";
    {
        /* each decodes to text that is no longer a valid JSON string body */
        static const char *const src[] = {"[\"a\\\\\"]", "[\"\\\\u12\"]", "[\"\\\\uZZZZ\"]", "[\"\\\\q\"]",
                                          "[\"\\\\\\u0000\"]"};
        for (size_t i = 0; i < sizeof src / sizeof src[0]; i++) {
            size_t len = strlen(src[i]);
            memcpy(buf, src[i], len);
            CHECK_ST(mb_json_parse(&d, buf, len, toks, 128), MB_OK);
            CHECK_ST(mb_json_unescape(&d, 1, buf + 2, (size_t)(d.tok[1].end - d.tok[1].start) + 1, &n), MB_OK);
            /* the token still spans the old length: the text now holds a lone backslash */
            CHECK_ST(mb_json_get_str(&d, 1, &v), MB_ERR_JSON);
        }
    }
}

/* Header names fold ASCII letters only: '^' and '~' are 0x20 apart too. */
static void fold_corners(void) {
    static const char head[] = "HTTP/1.1 200 OK\r\nx^: 1\r\nContent-Length: 0\r\n\r\n";
    static char hb[256];
    mb_http_response r;
    char *dst;
    size_t room;
    mb_str v;
    t_case = "header names: only letters fold, not two symbols 0x20 apart";
    mb_http_response_init(&r, hb, sizeof hb);
    CHECK_ST(mb_http_response_space(&r, &dst, &room), MB_OK);
    memcpy(dst, head, sizeof head - 1);
    CHECK_ST(mb_http_response_feed(&r, sizeof head - 1), MB_OK);
    CHECK_ST(mb_http_header(&r, "X^", &v), MB_OK);
    CHECK_ST(mb_http_header(&r, "x~", &v), MB_ERR_NOT_FOUND);
}

void test_core_more(void) {
    fold_corners();
    contract();
    client_edges();
    refresh_retry_fails();
    head_limits();
    json_corners();
}
