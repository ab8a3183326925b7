/* The rare paths the other tests do not reach: every guard of the public
 * API given a bad argument, transports that break their contract, URL and
 * configuration edge cases, the legacy error envelope, interim and
 * bodiless HTTP responses, variables of every type, the typed decoder on
 * every scalar kind and on misplaced values, the device helpers. Each case
 * checks the documented status (and output), under ASan+UBSan.
 * Usage: edges_test */
#define MB_IMPLEMENTATION
#include <float.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_script.h"

static int pass, fail;
#define CHECK(c)                                                             \
    do {                                                                     \
        if (c) pass++;                                                       \
        else { fail++; printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } \
    } while (0)
#define CHECK_ST(e, want)                                                                                        \
    do {                                                                                                         \
        mb_status s_ = (e);                                                                                      \
        if (s_ == (want)) pass++;                                                                                \
        else { fail++; printf("FAIL %s:%d: %s -> %s, want %s\n", __FILE__, __LINE__, #e, mb_strerror(s_), mb_strerror(want)); } \
    } while (0)

static mb_token toks[256];
static char work[4096];

static void base_and_writer(void) {
    mb_writer w;
    char b[64];
    CHECK(strcmp(mb_strerror(MB_STATUS_COUNT_), "unknown status") == 0);
    CHECK(strcmp(mb_strerror((mb_status)1000), "unknown status") == 0);
    CHECK(mb_cstr(NULL).len == 0 && mb_cstr(NULL).ptr != NULL);
    CHECK(mb_str_eq(mb_cstr(""), NULL) && !mb_str_eq(mb_cstr("a"), NULL));
    mb_w_init(&w, NULL, 10);
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_w_cstr(&w, NULL);
    CHECK(w.len == 0 && w.err == MB_OK);
    mb_w_array_begin(&w);
    mb_w_key(&w, "k"); /* a key in an array */
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_w_object_begin(&w);
    mb_w_key(&w, "a");
    mb_w_key(&w, "b"); /* two keys in a row */
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_w_object_begin(&w);
    mb_w_key(&w, NULL);
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_w_double(&w, -DBL_MAX * 2);
    CHECK_ST(mb_w_status(&w), MB_ERR_RANGE);
    mb_w_init(&w, b, sizeof b);
    mb_w_raw(&w, NULL, 0);
    CHECK_ST(mb_w_status(&w), MB_ERR_JSON);
    mb_w_init(&w, b, sizeof b);
    mb_gql_begin(&w, NULL, NULL);
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    /* header lines: tokens for names, no CR/LF in values */
    mb_w_init(&w, b, sizeof b);
    mb_http_header_line(&w, "X-Ok", "v");
    CHECK(w.err == MB_OK && w.len == 9 && memcmp(b, "X-Ok: v\r\n", 9) == 0);
    mb_http_header_line(&w, "Bad Name", "v");
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_http_header_line(&w, "X", "a\nb");
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_http_header_line(&w, "X", "a\rb");
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_http_header_line(&w, "", "v");
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_http_header_line(&w, "X", NULL);
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, b, sizeof b);
    mb_http_header_line(&w, NULL, "v");
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_http_header_line(&w, "X", "v"); /* sticky */
    CHECK(w.len == 0);
}

static mb_status P(mb_json *d, const char *s) { return mb_json_parse(d, s, strlen(s), toks, 64); }

static void json_guards(void) {
    mb_json d;
    int t = -1, b;
    int32_t i32;
    int64_t i64;
    double dv;
    mb_str v;
    char out[8];
    CHECK_ST(mb_json_parse(NULL, "1", 1, toks, 4), MB_ERR_ARG);
    CHECK_ST(mb_json_parse(&d, NULL, 1, toks, 4), MB_ERR_ARG);
    CHECK_ST(mb_json_parse(&d, "1", 1, NULL, 4), MB_ERR_ARG);
    CHECK_ST(mb_json_parse(&d, "1", 1, toks, 0), MB_ERR_ARG);
    CHECK_ST(mb_json_parse(&d, "1", (size_t)INT32_MAX + 1u, toks, 4), MB_ERR_RANGE); /* refused before reading */
    CHECK_ST(mb_json_parse(&d, "[1]", 3, toks, (size_t)INT32_MAX + 5u), MB_OK);
    CHECK_ST(mb_json_parse(&d, "  ", 2, toks, 4), MB_ERR_JSON);
    CHECK_ST(mb_json_parse(&d, " -", 2, toks, 4), MB_ERR_JSON);
    CHECK_ST(P(&d, "{\"a\":[10,20,30],\"s\":\"x\\u00E9\\uD83D\\uDE00\",\"f\":1.5,\"n\":null,\"t\":true,\"e\":\"1e2\"}"), MB_OK);
    CHECK_ST(mb_json_find(&d, -1, "a", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, NULL, &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "a", NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "a[99999999999]", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "a[x]", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "a[1", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, ".a", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "a..b", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "s[0]", &t), MB_ERR_TYPE);
    CHECK_ST(mb_json_find(&d, 0, "a.b", &t), MB_ERR_TYPE);
    CHECK_ST(mb_json_find(&d, 0, "a[3]", &t), MB_ERR_NOT_FOUND);
    CHECK_ST(mb_json_find(&d, 0, "zz", &t), MB_ERR_NOT_FOUND);
    CHECK_ST(mb_json_find(&d, 0, "a[2]", &t), MB_OK);
    CHECK(mb_json_get_i32(&d, t, &i32) == MB_OK && i32 == 30);
    CHECK_ST(mb_json_get_i32(&d, t, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_get_i64(&d, t, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_get_double(&d, t, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_get_bool(&d, t, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_get_bool(&d, t, &b), MB_ERR_TYPE);
    CHECK_ST(mb_json_get_str(&d, t, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_get_str(&d, -1, &v), MB_ERR_ARG);
    CHECK_ST(mb_json_get_str(&d, t, &v), MB_ERR_TYPE);
    CHECK_ST(mb_json_unescape(&d, t, out, sizeof out, NULL), MB_ERR_TYPE);
    CHECK_ST(mb_json_unescape(&d, t, NULL, 4, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_unescape(&d, t, out, 0, NULL), MB_ERR_ARG);
    CHECK_ST(mb_json_get_i64(&d, -1, &i64), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "s", &t), MB_OK);
    CHECK_ST(mb_json_unescape(&d, t, out, sizeof out, NULL), MB_OK);
    CHECK(strcmp(out, "x\xc3\xa9\xf0\x9f\x98\x80") == 0);
    CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_ERR_TYPE);
    CHECK_ST(mb_json_find(&d, 0, "f", &t), MB_OK);
    CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_ERR_TYPE);
    CHECK(mb_json_get_double(&d, t, &dv) == MB_OK && dv == 1.5);
    CHECK_ST(mb_json_find(&d, 0, "n", &t), MB_OK);
    CHECK(mb_json_is_null(&d, t) && !mb_json_is_null(&d, -1) && !mb_json_is_null(&d, 0));
    CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_ERR_TYPE);
    CHECK_ST(mb_json_find(&d, 0, "t", &t), MB_OK);
    CHECK(mb_json_get_bool(&d, t, &b) == MB_OK && b == 1);
    CHECK_ST(mb_json_find(&d, 0, "e", &t), MB_OK);
    CHECK(mb_json_get_double(&d, t, &dv) == MB_OK && dv == 100.0);
    CHECK(mb_json_size(&d, -1) == -1 && mb_json_raw_view(&d, 99).len == 0 && mb_json_next(&d, 0) == -1);
    CHECK_ST(mb_json_check_strings(NULL), MB_OK);
    /* escapes that are not JSON */
    CHECK_ST(P(&d, "[\"\\x\"]"), MB_ERR_JSON); /* strict jsmn checks escapes itself */
    CHECK_ST(P(&d, "[\"\\u12G4\"]"), MB_ERR_JSON);
    CHECK_ST(P(&d, "[\"\\uD83D\\u0041\"]"), MB_OK);
    CHECK_ST(mb_json_check_strings(&d), MB_ERR_UTF8);
    CHECK_ST(P(&d, "[\"\\uD83Dxx\"]"), MB_OK);
    CHECK_ST(mb_json_check_strings(&d), MB_ERR_UTF8);
    CHECK_ST(P(&d, "[\"ab\\u00e9cd\"]"), MB_OK);
    CHECK_ST(mb_json_unescape(&d, 1, out, 4, NULL), MB_ERR_BUFFER); /* before the escape */
    CHECK_ST(P(&d, "[\"\\u00e9\\u00e9\\u00e9\"]"), MB_OK);
    CHECK_ST(mb_json_unescape(&d, 1, out, 5, NULL), MB_ERR_BUFFER); /* inside the escapes */
    CHECK_ST(P(&d, "[\"99999999999999999999\",\"1e999\",-1e999]"), MB_OK);
    CHECK_ST(mb_json_get_i64(&d, 1, &i64), MB_ERR_RANGE);
    CHECK_ST(mb_json_get_double(&d, 2, &dv), MB_ERR_RANGE);
    CHECK_ST(mb_json_get_double(&d, 3, &dv), MB_ERR_RANGE);
}

static mb_status feed(mb_http_response *r, char *buf, const char *s) {
    memcpy(buf, s, strlen(s));
    return mb_http_response_feed(r, strlen(s));
}

static void http_edges(void) {
    mb_http_response r;
    char buf[512], *dst;
    size_t room;
    mb_str v;
    static const char interim[] = "HTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\nHTTP/1.1 304 Not Modified\nETag: 1\n\n";
    mb_http_response_init(&r, NULL, 10);
    CHECK_ST(mb_http_response_space(&r, &dst, &room), MB_ERR_ARG);
    CHECK_ST(mb_http_response_feed(&r, 1), MB_ERR_ARG);
    mb_http_response_init(&r, buf, sizeof buf);
    CHECK_ST(mb_http_response_feed(&r, sizeof buf + 1), MB_ERR_ARG);
    CHECK_ST(mb_http_header(&r, "x", &v), MB_ERR_ARG); /* no head yet */
    memcpy(buf, interim, sizeof interim - 1);
    CHECK_ST(mb_http_response_feed(&r, sizeof interim - 1), MB_OK);
    CHECK(r.status == 304 && r.body_len == 0 && mb_http_keep_alive(&r));
    CHECK(mb_http_header(&r, "etag", &v) == MB_OK && mb_str_eq(v, "1"));
    CHECK_ST(mb_http_header(&r, "link", &v), MB_ERR_NOT_FOUND); /* the interim head is gone */
    CHECK_ST(mb_http_header(&r, NULL, &v), MB_ERR_ARG);
    CHECK_ST(mb_http_header(&r, "etag", NULL), MB_ERR_ARG);
    /* bytes after a complete 101 belong to the new protocol */
    mb_http_response_init(&r, buf, sizeof buf);
    r.upgrade = 1;
    memcpy(buf, "HTTP/1.1 101 Switching\r\n\r\n\x81", 27);
    CHECK_ST(mb_http_response_feed(&r, 27), MB_OK);
    mb_http_response_space(&r, &dst, &room);
    *dst = 'x';
    CHECK_ST(mb_http_response_feed(&r, 1), MB_OK);
    CHECK(r.head_len == 26 && r.fill == 28 && !mb_http_keep_alive(&r));
    /* a 101 nobody asked for */
    mb_http_response_init(&r, buf, sizeof buf);
    memcpy(buf, "HTTP/1.1 101 Switching\r\n\r\n", 26);
    CHECK_ST(mb_http_response_feed(&r, 26), MB_ERR_HTTP);
    /* status line shapes */
    mb_http_response_init(&r, buf, sizeof buf);
    memcpy(buf, "HTTP/1.1 099 x\r\n", 16);
    CHECK_ST(mb_http_response_feed(&r, 16), MB_ERR_HTTP);
    mb_http_response_init(&r, buf, sizeof buf);
    memcpy(buf, "HTTP/1.1 200X\r\n", 15);
    CHECK_ST(mb_http_response_feed(&r, 15), MB_ERR_HTTP);
    /* a chunk larger than the buffer is refused at its size line */
    mb_http_response_init(&r, buf, 64);
    memcpy(buf, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfff\r\n", 52);
    CHECK_ST(mb_http_response_feed(&r, 52), MB_ERR_BUFFER);
    mb_http_response_init(&r, buf, sizeof buf);
    memcpy(buf, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n", 59);
    CHECK_ST(mb_http_response_feed(&r, 59), MB_ERR_HTTP_LIMIT);
    mb_http_response_init(&r, buf, sizeof buf);
    memcpy(buf, "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", 60);
    CHECK_ST(mb_http_response_feed(&r, 60), MB_ERR_HTTP_LIMIT);
    mb_http_response_init(&r, buf, sizeof buf);
    memcpy(buf, "HTTP/1.1 200 OK\r\n \tfolded\r\n\r\n", 29);
    CHECK_ST(mb_http_response_feed(&r, 29), MB_ERR_HTTP);
    mb_http_response_init(&r, buf, sizeof buf);
    CHECK_ST(feed(&r, buf, "HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n"), MB_OK);
    CHECK(!mb_http_keep_alive(&r));
}

/* A whole answer: status line, Content-Length, body. */
static mb_str reply(char *out, size_t cap, const char *status, const char *body) {
    mb_str v;
    v.ptr = out;
    v.len = (size_t)snprintf(out, cap, "HTTP/1.1 %s\r\nContent-Length: %zu\r\n\r\n%s", status, strlen(body), body);
    return v;
}
static char r_ok[128], r_jwt[256], r_500[256], r_legacy[256];

static unsigned logs, secrets;
static void on_log(void *u, mb_log_level l, const char *m, size_t n) {
    (void)u;
    (void)l;
    logs++;
    for (size_t i = 0; i + 7 <= n; i++)
        if (memcmp(m + i, "secret-", 7) == 0) secrets++; /* a value, not the header name */
}
static mb_status refresh_fails(void *u, const char **jwt) { (void)u; (void)jwt; return MB_ERR_AUTH; }
static mb_status refresh_null(void *u, const char **jwt) { (void)u; *jwt = NULL; return MB_OK; }

/* Transports that break the contract. */
static mb_status bad_send(void *c, const void *d, size_t n, size_t *sent, uint32_t t) {
    (void)c; (void)d; (void)t;
    *sent = n + 1;
    return MB_OK;
}
static mb_status zero_recv(void *c, void *b, size_t cap, size_t *got, uint32_t t) {
    (void)c; (void)b; (void)cap; (void)t;
    *got = 0;
    return MB_OK;
}

static mb_status client_with(mb_client *c, mb_script *s, const mb_script_conn *conns, size_t n, const char *url) {
    mb_config cfg;
    memset(s, 0, sizeof *s);
    s->conns = conns;
    s->num_conns = n;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = url;
    cfg.transport = mb_script_transport(s);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = 64;
    return mb_client_init(c, &cfg);
}

static void client_edges(void) {
    mb_url u;
    mb_client c;
    mb_script s;
    mb_config cfg;
    mb_result *res;
    mb_str one[1];
    mb_script_conn conn;
    static const mb_header hdrs[] = {{"X-Trace", "1"}, {"Cookie", "secret-cookie"}};
    mb_transport good_t;
    CHECK(strcmp(mb_env_url(MB_ENV_TEST), MB_URL_TEST) == 0 && strcmp(mb_env_url(MB_ENV_LOCAL), MB_URL_LOCAL) == 0 &&
          strcmp(mb_env_url((mb_env)7), MB_URL_PROD) == 0);
    CHECK_ST(mb_url_parse(NULL, &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a", NULL), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a b/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a\x7f/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("ftp://a/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://u@a/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://[::1/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://[::g]/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://[1:2]/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a!b/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a:/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a:1x/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a:65536/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a:99999/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://a:0/", &u), MB_ERR_URL);
    CHECK_ST(mb_url_parse("http://:80/", &u), MB_ERR_URL);
    CHECK(mb_url_parse("WSS://[fe80::A:b.1]?q#f", &u) == MB_OK && u.ipv6 && u.tls && u.ws && u.port == 443 &&
          mb_str_eq(u.path, "?q"));
    CHECK(mb_url_parse("http://Host-1.example_~", &u) == MB_OK && u.path.len == 0 && u.port == 80);
    /* configuration guards */
    one[0] = reply(r_ok, sizeof r_ok, "200 OK", "{\"data\":{}}");
    memset(&conn, 0, sizeof conn);
    conn.replies = one;
    conn.num_replies = 1;
    CHECK_ST(mb_client_init(NULL, &cfg), MB_ERR_ARG);
    CHECK_ST(mb_client_init(&c, NULL), MB_ERR_ARG);
    CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
    cfg = c.cfg;
    good_t = cfg.transport;
    cfg.transport.recv = NULL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.transport.recv = zero_recv;
    cfg.transport.send = NULL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.transport.send = bad_send;
    cfg.transport.close = NULL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.transport = good_t;
    cfg.transport.connect = NULL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.transport = good_t;
    cfg.transport.recv = zero_recv;
    cfg.buf_size = 100;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.buf_size = sizeof work;
    cfg.max_tokens = 2;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.max_tokens = 64;
    cfg.num_headers = 1;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.num_headers = 0;
    cfg.url = "https://h/";
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_TLS_REQUIRED);
    cfg.url = "ws://h/";
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_URL);
    cfg.url = "http://h/";
    cfg.transport.flags = MB_TRANSPORT_TLS;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_URL);
    cfg.transport.flags = 0;
    cfg.url = "bad";
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_URL);
    /* transports that break their contract: MB_ERR_IO */
    CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
    c.cfg.transport.send = bad_send;
    CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_IO);
    CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
    c.cfg.transport.recv = zero_recv;
    CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_IO);
    /* mb_send without mb_request; variables that are not an object */
    CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
    CHECK_ST(mb_send(&c, &res), MB_ERR_ARG);
    CHECK_ST(mb_execute(&c, "{a}", NULL, "[1]", &res), MB_ERR_JSON);
    CHECK_ST(mb_execute(&c, "{a}", NULL, " ", NULL), MB_ERR_JSON);
    CHECK_ST(mb_execute(&c, "{a}", NULL, "{\"s\":\"\\ud800\"}", &res), MB_ERR_UTF8);
    CHECK_ST(mb_execute(&c, "{a}", NULL, " { } ", &res), MB_OK);
    CHECK(s.conn == 1);
    /* extra headers, debug log with redaction, a port and an empty path */
    {
        mb_config k;
        memset(&s, 0, sizeof s);
        s.conns = &conn;
        s.num_conns = 1;
        memset(&k, 0, sizeof k);
        k.url = "http://[::1]:8080";
        k.jwt = "secret-jwt";
        k.admin_secret = "secret-admin";
        k.role = "user";
        k.headers = hdrs;
        k.num_headers = 2;
        k.transport = mb_script_transport(&s);
        k.buf = work;
        k.buf_size = sizeof work;
        k.tokens = toks;
        k.max_tokens = 64;
        k.debug = 1;
        k.log = on_log;
        static char tx[2048];
        s.tx = tx;
        s.tx_cap = sizeof tx;
        CHECK_ST(mb_client_init(&c, &k), MB_OK);
        mb_client_set_jwt(&c, "secret-jwt2");
        CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_OK);
        CHECK(logs > 5 && secrets == 0);
        CHECK(s.tx_len > 0 && memcmp(tx, "POST / HTTP/1.1\r\nHost: [::1]:8080\r\n", 35) == 0);
        mb_client_set_jwt(&c, "bad\r\njwt");
        CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_ARG);
        mb_client_set_jwt(&c, "bad\njwt");
        CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_ARG);
    }
    /* refresh hooks that cannot help */
    {
        mb_str r1[1];
        r1[0] = reply(r_jwt, sizeof r_jwt, "200 OK", "{\"errors\":[{\"message\":\"x\",\"extensions\":{\"code\":\"invalid-jwt\"}}]}");
        conn.replies = r1;
        CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
        c.cfg.refresh = refresh_fails;
        CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_AUTH);
        CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
        c.cfg.refresh = refresh_null;
        CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_AUTH);
    }
    /* an error status with Hasura's envelope keeps the GraphQL status; the legacy shape */
    {
        mb_str r2[2];
        r2[0] = reply(r_500, sizeof r_500, "500 Oops", "{\"errors\":[{\"message\":\"m\",\"extensions\":{}}]}");
        r2[1] = reply(r_legacy, sizeof r_legacy, "400 Bad", "{\"path\":\"$\",\"error\":\"bad \\\"x\\\"\",\"code\":\"c\"}");
        conn.replies = r2;
        conn.num_replies = 2;
        CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
        CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_GRAPHQL);
        CHECK(res->http_status == 500 && mb_str_eq(res->error.message, "m") && res->error.code.len == 0);
        CHECK_ST(mb_execute(&c, "{a}", NULL, NULL, &res), MB_ERR_GRAPHQL);
        CHECK(res->http_status == 400 && mb_str_eq(res->error.message, "bad \"x\"") && mb_str_eq(res->error.code, "c") &&
              mb_str_eq(res->error.path, "$") && res->num_errors == 1);
    }
    {
        mb_result r;
        char body[] = "{\"errors\":\"x\"}";
        char body1[] = "{\"errors\":{\"message\":\"m\",\"extensions\":{\"code\":\"start-failed\"}}}";
        char body2[] = "{\"errors\":[],\"data\":{}}";
        char body3[] = "[1]";
        CHECK_ST(mb_gql_decode(NULL, body, 3, toks, 8), MB_ERR_ARG);
        CHECK_ST(mb_gql_decode(&r, body, sizeof body - 1, toks, 8), MB_ERR_TYPE);
        /* one error object (graphql-transport-ws's start-failed) is errors[0] */
        CHECK_ST(mb_gql_decode(&r, body1, sizeof body1 - 1, toks, 16), MB_ERR_GRAPHQL);
        CHECK(r.num_errors == 1 && r.errors == 2 && mb_str_eq(r.error.message, "m") && mb_str_eq(r.error.code, "start-failed"));
        CHECK_ST(mb_gql_decode(&r, body2, sizeof body2 - 1, toks, 8), MB_OK);
        CHECK_ST(mb_gql_decode(&r, body3, sizeof body3 - 1, toks, 8), MB_ERR_TYPE);
    }
}

/* ---- typed: a table of every scalar kind ---- */
typedef struct row {
    mb_str s;
    mb_str j;
    int32_t i;
    int64_t l;
    double d;
    int b;
    mb_numeric n;
    uint8_t i_null;
} row;
typedef struct tdata {
    struct { row *items; size_t len; } rows;
    struct { int64_t *items; size_t len; } nums;
} tdata;
static const mb_field row_f[] = {
    {"s", offsetof(row, s), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"j", offsetof(row, j), MB_NO_NULL_FLAG, MB_T_JSON, 0, 0, NULL},
    {"i", offsetof(row, i), offsetof(row, i_null), MB_T_I32, 0, 0, NULL},
    {"l", offsetof(row, l), MB_NO_NULL_FLAG, MB_T_I64, 0, 0, NULL},
    {"d", offsetof(row, d), MB_NO_NULL_FLAG, MB_T_F64, 0, 0, NULL},
    {"b", offsetof(row, b), MB_NO_NULL_FLAG, MB_T_BOOL, 0, 0, NULL},
    {"n", offsetof(row, n), MB_NO_NULL_FLAG, MB_T_NUMERIC, 0, 0, NULL},
};
static const mb_shape row_s = {row_f, 7, sizeof(row)};
static const mb_field data_f[] = {
    {"rows", offsetof(tdata, rows), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &row_s},
    {"nums", offsetof(tdata, nums), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_I64, 1, NULL},
};
static const mb_shape data_s = {data_f, 2, sizeof(tdata)};
static const mb_field bad_pool_f[] = {{"nums", 0, MB_NO_NULL_FLAG, MB_T_ARR, MB_T_I64, 5, NULL}};
static const mb_shape bad_pool_s = {bad_pool_f, 1, sizeof(tdata)};
static const mb_field bad_type_f[] = {{"nums", 0, MB_NO_NULL_FLAG, 99, 0, 0, NULL}};
static const mb_shape bad_type_s = {bad_type_f, 1, sizeof(tdata)};

typedef struct vars {
    const char *s, *j;
    int32_t i;
    int64_t l;
    double d;
    int b;
    uint8_t has_b;
} vars;
static const mb_var var_f[] = {
    {"s", offsetof(vars, s), MB_NO_NULL_FLAG, MB_T_STR}, {"j", offsetof(vars, j), MB_NO_NULL_FLAG, MB_T_JSON},
    {"i", offsetof(vars, i), MB_NO_NULL_FLAG, MB_T_I32}, {"l", offsetof(vars, l), MB_NO_NULL_FLAG, MB_T_I64},
    {"d", offsetof(vars, d), MB_NO_NULL_FLAG, MB_T_F64}, {"b", offsetof(vars, b), offsetof(vars, has_b), MB_T_BOOL},
};
static const mb_op op = {"query q { rows { s } }", "q", var_f, 6, &data_s};
static const mb_var bad_var_f[] = {{"x", 0, MB_NO_NULL_FLAG, MB_T_OBJ}};
static const mb_op bad_op = {"q", NULL, bad_var_f, 1, &data_s};

static void typed_edges(void) {
    static const char body0[] = "{\"data\":{\"rows\":[{\"s\":\"a\\\"b\",\"j\":\"txt\",\"i\":null,\"l\":\"-9007199254740993\",\"d\":2.5,"
                         "\"b\":false,\"n\":\"1.25\",\"extra\":[1,{\"x\":2}]},null,{\"j\":{\"k\":[1]}}],\"nums\":[1,2,3]}}";
    static char body_bad[] = "{\"data\":{\"rows\":[7]}}";
    mb_result r;
    tdata d;
    row rows[4];
    int64_t nums[2];
    mb_pool pools[2];
    mb_writer w;
    vars v;
    char b[256];
    pools[0].base = rows;
    pools[0].cap = 4;
    pools[1].base = nums;
    pools[1].cap = 2;
#define FRESH() (memcpy(body, body0, sizeof body0), mb_gql_decode(&r, body, sizeof body0 - 1, toks, 128))
    static char body[sizeof body0];
    CHECK_ST(FRESH(), MB_OK);
    CHECK_ST(mb_typed_decode(&r, &data_s, &d, pools, 2), MB_ERR_CAPACITY);
    CHECK(d.rows.len == 3 && d.nums.len == 2 && pools[1].needed == 3);
    CHECK(mb_str_eq(d.rows.items[0].s, "a\"b") && mb_str_eq(d.rows.items[0].j, "\"txt\"") &&
          d.rows.items[0].i_null == 1 && d.rows.items[0].l == -9007199254740993LL && d.rows.items[0].d == 2.5 &&
          d.rows.items[0].b == 0 && mb_str_eq(d.rows.items[0].n.text, "1.25") && d.rows.items[0].n.value == 1.25);
    CHECK(d.rows.items[1].s.ptr == NULL && mb_str_eq(d.rows.items[2].j, "{\"k\":[1]}"));
    CHECK_ST(mb_typed_decode(NULL, &data_s, &d, pools, 2), MB_ERR_ARG);
    CHECK_ST(mb_typed_decode(&r, NULL, &d, pools, 2), MB_ERR_ARG);
    CHECK_ST(mb_typed_decode(&r, &data_s, NULL, pools, 2), MB_ERR_ARG);
    CHECK_ST(mb_typed_decode(&r, &data_s, &d, NULL, 2), MB_ERR_ARG);
    FRESH();
    CHECK_ST(mb_typed_decode(&r, &data_s, &d, pools, 1), MB_ERR_ARG); /* a pool index past the array */
    FRESH();
    CHECK_ST(mb_typed_decode(&r, &bad_pool_s, &d, pools, 2), MB_ERR_ARG);
    FRESH();
    CHECK_ST(mb_typed_decode(&r, &bad_type_s, &d, pools, 2), MB_ERR_ARG);
    CHECK_ST(mb_gql_decode(&r, body_bad, sizeof body_bad - 1, toks, 128), MB_OK);
    CHECK_ST(mb_typed_decode(&r, &data_s, &d, pools, 2), MB_ERR_TYPE);
    /* variables of every type, an optional one left out, a bad type */
    memset(&v, 0, sizeof v);
    v.s = "x\n";
    v.j = "{\"k\":[true]}";
    v.i = -5;
    v.l = INT64_MIN;
    v.d = 0.1;
    v.b = 1;
    mb_w_init(&w, b, sizeof b);
    mb_w_object_begin(&w);
    mb_typed_write_vars(&w, &op, &v);
    mb_w_object_end(&w);
    CHECK(w.err == MB_OK && w.len > 0 &&
          strncmp(b, "{\"s\":\"x\\n\",\"j\":{\"k\":[true]},\"i\":-5,\"l\":\"-9223372036854775808\",\"d\":0.1}", w.len) == 0); /* bigint as a string: Hasura rounds numbers past 2^53 */
    v.has_b = 1;
    v.j = NULL;
    mb_w_init(&w, b, sizeof b);
    mb_w_object_begin(&w);
    mb_typed_write_vars(&w, &op, &v);
    mb_w_object_end(&w);
    CHECK(w.err == MB_OK && strstr(b, "\"j\":null") && strstr(b, "\"b\":true}"));
    mb_w_init(&w, b, sizeof b);
    mb_w_object_begin(&w);
    mb_typed_write_vars(&w, &bad_op, &v);
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    /* mb_typed_execute over the scripted transport */
    {
        static char rbuf[256];
        mb_str one[1];
        mb_script_conn conn;
        mb_script s;
        mb_client c;
        one[0] = reply(rbuf, sizeof rbuf, "200 OK", "{\"data\":{\"rows\":[],\"nums\":[4,5]}}");
        memset(&conn, 0, sizeof conn);
        conn.replies = one;
        conn.num_replies = 1;
        CHECK_ST(client_with(&c, &s, &conn, 1, "http://h/"), MB_OK);
        CHECK_ST(mb_typed_execute(&c, &op, &v, &d, pools, 2), MB_OK);
        CHECK(d.rows.len == 0 && d.nums.len == 2 && d.nums.items[1] == 5);
        CHECK_ST(mb_typed_execute(&c, &op, NULL, &d, pools, 2), MB_ERR_CONNECT); /* no second connection */
    }
}

static mb_status rng_ok(void *out, size_t len) {
    memset(out, 0xff, len);
    return MB_OK;
}
static mb_status rng_fails(void *out, size_t len) {
    (void)out;
    (void)len;
    return MB_ERR_IO;
}

static void helper_edges(void) {
    char u[37], out[64];
    int64_t e;
    CHECK(mb_uuid4(rng_ok, u) == MB_OK && strcmp(u, "ffffffff-ffff-4fff-bfff-ffffffffffff") == 0);
    CHECK_ST(mb_uuid4(rng_fails, u), MB_ERR_IO); /* the RNG's own status */
    CHECK_ST(mb_uuid4(NULL, u), MB_ERR_ARG);
    CHECK_ST(mb_time_format(-70000000000LL, out, sizeof out), MB_ERR_RANGE); /* before year 0 */
    CHECK_ST(mb_time_format(253402300800LL, out, sizeof out), MB_ERR_RANGE); /* year 10000 */
    CHECK_ST(mb_time_parse(mb_cstr("2025-03-01t08:30:00+0130"), &e), MB_OK);
    CHECK(e == 1740817800 - 5400);
    CHECK_ST(mb_time_parse(mb_cstr("2025-03-01 08:30:00.5z"), &e), MB_OK);
    CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T08:30:00+1"), &e), MB_ERR_ARG);
    CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T08:30:00x"), &e), MB_ERR_ARG);
    CHECK_ST(mb_time_parse(mb_cstr("2025-13-01T08:30:00Z"), &e), MB_ERR_RANGE);
    CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T24:30:00Z"), &e), MB_ERR_RANGE);
    CHECK_ST(mb_time_parse(mb_cstr("2025-03-0xT08:30:00Z"), &e), MB_ERR_ARG);
    CHECK_ST(mb_time_parse(mb_cstr("2025/03/01T08:30:00Z"), &e), MB_ERR_ARG);
    CHECK_ST(mb_time_parse(mb_cstr("short"), &e), MB_ERR_ARG);
    CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T08:30:00Z"), NULL), MB_ERR_ARG);
    CHECK(mb_slug("Caf\xc3\xa9 \xc3\x97 na\xc3\xafve \xe2\x82\xac ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ", NULL,
                  out, sizeof out) == MB_OK);
    CHECK(strcmp(out, "cafe-naive-abcdefghijklmnopqrstuvwxyzab") == 0); /* the first 48 bytes */
    CHECK_ST(mb_slug(NULL, NULL, out, sizeof out), MB_ERR_ARG);
    CHECK_ST(mb_slug("a", NULL, NULL, 4), MB_ERR_ARG);
    /* every limit of the timestamp's fields, and the offset forms */
    {
        static const char *const range[] = {"2025-00-01T00:00:00Z", "2025-01-00T00:00:00Z", "2025-01-32T00:00:00Z",
                                            "2025-01-01T00:60:00Z", "2025-01-01T00:00:61Z"};
        static const char *const arg[] = {"2025-01-01X00:00:00Z", "2025-01-01T00:00:00.", "2025-01-01T00:00:00+1:00",
                                          "2025-01-01T00:00:00+0", "2025-01-01T00:00:00+01:3x"};
        for (size_t i = 0; i < 5; i++) CHECK_ST(mb_time_parse(mb_cstr(range[i]), &e), MB_ERR_RANGE);
        CHECK_ST(mb_time_parse(mb_cstr(arg[0]), &e), MB_ERR_ARG);
        CHECK_ST(mb_time_parse(mb_cstr(arg[1]), &e), MB_OK); /* an empty fraction: ignored */
        CHECK_ST(mb_time_parse(mb_cstr(arg[2]), &e), MB_ERR_ARG);
        CHECK_ST(mb_time_parse(mb_cstr(arg[3]), &e), MB_ERR_ARG);
        CHECK_ST(mb_time_parse(mb_cstr(arg[4]), &e), MB_ERR_ARG);
        CHECK(mb_time_parse(mb_cstr("2025-01-01T00:00:00-05:30"), &e) == MB_OK && e == 1735689600 + 19800);
        CHECK(mb_time_format(-62167219200LL, out, sizeof out) == MB_OK && strcmp(out, "0000-01-01T00:00:00Z") == 0);
    }
    /* a word longer than 48 letters is cut; a lone 0xC3 byte; more than 7 words */
    CHECK(mb_slug("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", NULL, out, sizeof out) == MB_OK &&
          strcmp(out, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv") == 0);
    CHECK(mb_slug("x \xc3", NULL, out, sizeof out) == MB_OK && strcmp(out, "x") == 0);
    CHECK(mb_slug("one two three four five six seven eight nine", "s", out, sizeof out) == MB_OK &&
          strcmp(out, "one-two-three-four-five-six-seven-s") == 0);
    CHECK_ST(mb_slug("", "7", out, sizeof out), MB_OK);
    CHECK(strcmp(out, "7") == 0);
}

#if !defined(MB_NO_OUTBOX)
static unsigned failed_calls;
static void on_failed(void *u, const char *name, mb_status st, const mb_error *err) {
    (void)u;
    (void)err;
    if (name && st != MB_OK) failed_calls++;
}

/* The outbox's guards, its permanent and transient failures. */
static void outbox_edges(void) {
    static unsigned char qbuf[512], small[16];
    static char rb[5][256];
    static const mb_var v1[] = {{"s", 0, MB_NO_NULL_FLAG, MB_T_STR}};
    static const mb_op a = {"mutation a($s: String) { a }", "opA", v1, 1, &data_s};
    static const mb_op named_nothing = {"q", NULL, NULL, 0, &data_s};
    const mb_op *ops[] = {&a, NULL};
    const char *sv = "x";
    mb_outbox_config oc;
    mb_outbox o;
    mb_client c;
    mb_script sc;
    mb_script_conn conn;
    mb_str replies[6];
    size_t sent = 9;
    memset(&oc, 0, sizeof oc);
    oc.buf = qbuf;
    oc.cap = sizeof qbuf;
    oc.ops = ops;
    oc.num_ops = 2;
    CHECK_ST(mb_outbox_init(NULL, &oc, 0), MB_ERR_ARG);
    CHECK_ST(mb_outbox_init(&o, NULL, 0), MB_ERR_ARG);
    CHECK_ST(mb_outbox_init(&o, &oc, sizeof qbuf + 1), MB_ERR_ARG);
    oc.num_ops = 1;
    oc.ops = NULL;
    CHECK_ST(mb_outbox_init(&o, &oc, 0), MB_ERR_ARG);
    oc.ops = ops;
    oc.num_ops = 2;
    oc.cap = 8;
    CHECK_ST(mb_outbox_init(&o, &oc, 0), MB_ERR_ARG);
    oc.cap = sizeof qbuf;
    memset(qbuf, 0x5a, 32);
    CHECK_ST(mb_outbox_init(&o, &oc, 32), MB_ERR_CORRUPT);
    CHECK(mb_outbox_count(&o) == 0);
    CHECK_ST(mb_outbox_init(&o, &oc, 0), MB_OK);
    CHECK_ST(mb_outbox_push(&o, NULL, NULL), MB_ERR_ARG);
    CHECK_ST(mb_outbox_push(&o, &named_nothing, NULL), MB_ERR_ARG);
    {
        mb_outbox tiny;
        mb_outbox_config t = oc;
        t.buf = small;
        t.cap = sizeof small;
        CHECK_ST(mb_outbox_init(&tiny, &t, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&tiny, &a, &sv), MB_ERR_QUEUE_FULL);
        CHECK(mb_outbox_count(&tiny) == 0);
    }
    /* three queued: 400 (permanent); 429 (transient), then a malformed
     * answer (transient too: a proxy's page is no answer), then success */
    CHECK_ST(mb_outbox_push(&o, &a, &sv), MB_OK);
    CHECK_ST(mb_outbox_push(&o, &a, NULL), MB_OK);
    CHECK_ST(mb_outbox_push(&o, &a, &sv), MB_OK);
    CHECK(mb_outbox_count(&o) == 3);
    replies[0] = reply(rb[0], sizeof rb[0], "400 Bad Request", "nope");
    replies[1] = reply(rb[1], sizeof rb[1], "429 Too Many", "slow down");
    replies[2] = reply(rb[2], sizeof rb[2], "200 OK", "{\"data\":");
    replies[3] = reply(rb[3], sizeof rb[3], "200 OK", "{\"data\":{\"a\":1}}");
    replies[4] = replies[3];
    memset(&conn, 0, sizeof conn);
    conn.replies = replies;
    conn.num_replies = 5;
    CHECK_ST(client_with(&c, &sc, &conn, 1, "http://h/"), MB_OK);
    oc.on_failed = on_failed;
    o.cfg.on_failed = on_failed;
    CHECK_ST(mb_outbox_flush(&o, &c, 1000, &sent), MB_ERR_HTTP_STATUS); /* 400 dropped, 429 kept */
    CHECK(sent == 0 && failed_calls == 1 && mb_outbox_count(&o) == 2);
    CHECK_ST(mb_outbox_flush(&o, &c, 1001, NULL), MB_PENDING); /* backing off */
    CHECK_ST(mb_outbox_flush(&o, &c, 1000 + MB_OUTBOX_BACKOFF_MS, &sent), MB_ERR_JSON); /* kept, backing off */
    CHECK(sent == 0 && failed_calls == 1 && mb_outbox_count(&o) == 2);
    CHECK_ST(mb_outbox_flush(&o, &c, 1000 + 3 * MB_OUTBOX_BACKOFF_MS, &sent), MB_OK);
    CHECK(sent == 2 && failed_calls == 1 && mb_outbox_count(&o) == 0);
    /* an answer over the client's 64 tokens: the server applied it and a
       retry would do it again; dropped and reported, not blocking the queue */
    CHECK_ST(mb_outbox_push(&o, &a, &sv), MB_OK);
    replies[5] = reply(rb[4], sizeof rb[4], "200 OK", "{\"data\":{\"a\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                                                    "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}}");
    conn.num_replies = 6;
    CHECK_ST(mb_outbox_flush(&o, &c, 100000, &sent), MB_OK);
    CHECK(sent == 0 && failed_calls == 2 && mb_outbox_count(&o) == 0);
    /* a queue saved by a build that knew an operation this one does not */
    {
        const mb_op *none[] = {NULL};
        mb_outbox_config k = oc;
        CHECK_ST(mb_outbox_push(&o, &a, &sv), MB_OK);
        k.ops = none;
        k.num_ops = 1;
        k.on_failed = NULL;
        CHECK_ST(mb_outbox_init(&o, &k, o.used), MB_OK);
        CHECK(mb_outbox_count(&o) == 1);
        CHECK_ST(mb_outbox_flush(&o, &c, 5000, &sent), MB_OK);
        CHECK(sent == 0 && mb_outbox_count(&o) == 0 && o.failed == 1);
    }
}
#endif

#if !defined(MB_NO_WS)
static mb_status ws_rand(void *out, size_t len) {
    memset(out, 7, len);
    return MB_OK;
}
static uint64_t ws_now(void) { return 1; }

/* The ws API's guards (the protocol itself: tests/ws, suites 15 and 55). */
static void ws_edges(void) {
    static char wb[1024];
    static mb_token wt[16];
    static const mb_var sv[] = {{"s", 0, MB_NO_NULL_FLAG, MB_T_STR}};
    static const mb_op sop = {"subscription s($s: String) { a }", "s", sv, 1, &data_s};
    mb_script sc;
    mb_ws_config k, b;
    mb_ws ws;
    mb_sub subs[5], x;
    mb_result r;
    char longc[MB_WS_MAX_CURSOR + 8];
    memset(&sc, 0, sizeof sc);
    memset(&k, 0, sizeof k);
    k.url = "ws://h:1/v1/graphql";
    k.transport = mb_script_transport(&sc);
    k.buf = wb;
    k.buf_size = sizeof wb;
    k.tokens = wt;
    k.max_tokens = 16;
    k.random = ws_rand;
    k.now_ms = ws_now;
    CHECK_ST(mb_ws_init(NULL, &k), MB_ERR_ARG);
    CHECK_ST(mb_ws_init(&ws, NULL), MB_ERR_ARG);
#define WS_BAD(field, value, want) (b = k, b.field = value, mb_ws_init(&ws, &b) == (want))
    CHECK(WS_BAD(transport.connect, NULL, MB_ERR_ARG) && WS_BAD(transport.send, NULL, MB_ERR_ARG) &&
          WS_BAD(transport.recv, NULL, MB_ERR_ARG) && WS_BAD(transport.close, NULL, MB_ERR_ARG));
    CHECK(WS_BAD(random, NULL, MB_ERR_ARG) && WS_BAD(now_ms, NULL, MB_ERR_ARG) && WS_BAD(buf, NULL, MB_ERR_ARG) &&
          WS_BAD(buf_size, 100, MB_ERR_ARG) && WS_BAD(tokens, NULL, MB_ERR_ARG) && WS_BAD(max_tokens, 4, MB_ERR_ARG));
    CHECK(WS_BAD(url, "http://h/", MB_ERR_URL) && WS_BAD(url, "nope", MB_ERR_URL) &&
          WS_BAD(url, "wss://h/", MB_ERR_TLS_REQUIRED) && WS_BAD(transport.flags, MB_TRANSPORT_TLS, MB_ERR_URL));
    CHECK_ST(mb_ws_init(&ws, &k), MB_OK);
    memset(&x, 0, sizeof x);
    memset(longc, '1', sizeof longc - 1);
    longc[sizeof longc - 1] = '\0';
    CHECK_ST(mb_sub_cursor(NULL, "v", "f", "1"), MB_ERR_ARG);
    CHECK_ST(mb_sub_cursor(&x, NULL, "f", "1"), MB_ERR_ARG);
    CHECK_ST(mb_sub_cursor(&x, "v", NULL, "1"), MB_ERR_ARG);
    CHECK_ST(mb_sub_cursor(&x, "v", "f", NULL), MB_ERR_ARG);
    CHECK_ST(mb_sub_cursor(&x, "v", "f", ""), MB_ERR_ARG);
    CHECK_ST(mb_sub_cursor(&x, "v", "f", longc), MB_ERR_BUFFER);
    CHECK_ST(mb_sub_start(NULL, &x), MB_ERR_ARG);
    CHECK_ST(mb_sub_start(&ws, NULL), MB_ERR_ARG);
    CHECK_ST(mb_sub_start(&ws, &x), MB_ERR_ARG); /* no query */
    x.op = &sop;
    CHECK_ST(mb_sub_start(&ws, &x), MB_ERR_ARG); /* an operation with variables but no struct */
    memset(subs, 0, sizeof subs);
    for (int i = 0; i < 5; i++) subs[i].query = "subscription { a }";
    subs[0].variables = "[1]";
    CHECK(mb_sub_start(&ws, &subs[0]) != MB_OK); /* variables must be an object */
    subs[0].variables = NULL;
    for (int i = 0; i < MB_WS_MAX_SUBS; i++) CHECK_ST(mb_sub_start(&ws, &subs[i]), MB_OK);
    CHECK_ST(mb_sub_start(&ws, &subs[0]), MB_ERR_ARG);            /* already running */
    CHECK_ST(mb_sub_start(&ws, &subs[MB_WS_MAX_SUBS]), MB_ERR_BUFFER); /* no slot left */
    CHECK_ST(mb_sub_stop(NULL, &subs[0]), MB_ERR_ARG);
    CHECK_ST(mb_sub_stop(&ws, NULL), MB_ERR_ARG);
    CHECK_ST(mb_sub_stop(&ws, &subs[0]), MB_OK); /* pending: forgotten, nothing sent */
    CHECK(subs[0].state == MB_SUB_IDLE && sc.conn == 0);
    memset(&r, 0, sizeof r);
    CHECK_ST(mb_sub_decode(NULL, &r, &x, NULL, 0), MB_ERR_ARG);
    CHECK_ST(mb_sub_decode(&subs[1], &r, &x, NULL, 0), MB_ERR_ARG); /* no operation */
    CHECK_ST(mb_sub_decode(&x, NULL, &x, NULL, 0), MB_ERR_ARG);
    CHECK_ST(mb_sub_poll(NULL, 1, NULL, NULL), MB_ERR_ARG);
}
#endif

int main(void) {
#if !defined(MB_NO_WS)
    ws_edges();
#endif
#if !defined(MB_NO_OUTBOX)
    outbox_edges();
#endif
    base_and_writer();
    json_guards();
    http_edges();
    client_edges();
    typed_edges();
    helper_edges();
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
