/* URL parsing and the client over the scripted transport. */
#include "t.h"
#include "platform/mb_script.h"

void test_url(void) {
    static const struct {
        const char *url, *host, *path;
        unsigned port;
        int tls, ipv6;
    } ok[] = {
        {"http://localhost:8080/v1/graphql", "localhost", "/v1/graphql", 8080, 0, 0},
        {"https://api.masterbots.ai/v1/graphql", "api.masterbots.ai", "/v1/graphql", 443, 1, 0},
        {"HTTP://Example.COM", "Example.COM", "", 80, 0, 0},
        {"http://127.0.0.1:1/x?y=1#frag", "127.0.0.1", "/x?y=1", 1, 0, 0},
        {"https://[::1]:8443/v1/graphql", "::1", "/v1/graphql", 8443, 1, 1},
        {"http://[2001:db8::1]/", "2001:db8::1", "/", 80, 0, 1},
        {"wss://h:65535/v1/graphql", "h", "/v1/graphql", 65535, 1, 0},
        {"http://h?q", "h", "?q", 80, 0, 0},
        {"ws://h:00080", "h", "", 80, 0, 0},
    };
    static const char *const bad[] = {
        "",         "localhost:8080",       "ftp://h/",        "http://",        "http:///x",
        "http://h:", "http://h:0/",         "http://h:65536/", "http://h:8x/",   "http://user:pw@h/",
        "http://[::1/", "http://[zz::1]/",  "http://[1]/",     "http://h h/",    "http://h/\x01",
        "http://h\r\nX: y/", "http://h%41/", "http://[::1]x/",
        "http://h:4294967376/", "http://h:655350/", "http://[::1]:/", "http://:80/",
    };
    mb_url u;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        t_case = ok[i].url;
        CHECK_ST(mb_url_parse(ok[i].url, &u), MB_OK);
        CHECK_STR(u.host, ok[i].host);
        CHECK_STR(u.path, ok[i].path);
        CHECK(u.port == ok[i].port && u.tls == ok[i].tls && u.ipv6 == ok[i].ipv6);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t_case = bad[i];
        CHECK_ST(mb_url_parse(bad[i], &u), MB_ERR_URL);
    }
    t_case = "host too long";
    {
        char url[400];
        memcpy(url, "http://", 7);
        memset(url + 7, 'a', MB_MAX_HOST + 1);
        url[7 + MB_MAX_HOST + 1] = '\0';
        CHECK_ST(mb_url_parse(url, &u), MB_ERR_URL);
        url[7 + MB_MAX_HOST] = '\0';
        CHECK_ST(mb_url_parse(url, &u), MB_OK);
    }
    t_case = "every status has its own message";
    for (int a = 0; a < (int)MB_STATUS_COUNT_; a++) {
        CHECK(strcmp(mb_strerror((mb_status)a), "unknown status") != 0 && mb_strerror((mb_status)a)[0]);
        for (int b = 0; b < a; b++) CHECK(strcmp(mb_strerror((mb_status)a), mb_strerror((mb_status)b)) != 0);
    }
    CHECK(strcmp(mb_strerror(MB_STATUS_COUNT_), "unknown status") == 0);
    CHECK(strcmp(mb_strerror(MB_ERR_TLS_HANDSHAKE), "TLS handshake cut") == 0);
    t_case = "env endpoints";
    CHECK(strcmp(mb_env_url(MB_ENV_PROD), "https://api.masterbots.ai/v1/graphql") == 0);
    CHECK(strcmp(mb_env_url(MB_ENV_TEST), "https://dev-api.masterbots.ai/v1/graphql") == 0);
    CHECK(strcmp(mb_env_url(MB_ENV_LOCAL), "http://localhost:8080/v1/graphql") == 0);
}

/* ---- client over the scripted transport ---- */

#define Q_CATS "query getCategories { category { categoryId name } }"
#define OK_BODY "{\"data\":{\"category\":[{\"categoryId\":1,\"name\":\"Health \\u0026 Fitness\"}]}}"
#define OK_RESP "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 71\r\n\r\n" OK_BODY
#define MK(s) {s, sizeof(s) - 1}

static char work[4096];
static mb_token toks[256];
static char tx[16384];
static char logbuf[8192];
static size_t loglen;

static void capture_log(void *user, mb_log_level lvl, const char *msg, size_t len) {
    (void)user;
    (void)lvl;
    if (len + 1 <= sizeof logbuf - loglen) {
        memcpy(logbuf + loglen, msg, len);
        loglen += len;
        logbuf[loglen++] = '\n';
    }
}

static void setup(mb_client *c, mb_script *s, const mb_script_conn *conns, size_t n, mb_config *cfg) {
    memset(s, 0, sizeof *s);
    s->conns = conns;
    s->num_conns = n;
    s->tx = tx;
    s->tx_cap = sizeof tx;
    if (!cfg->url) cfg->url = "http://localhost:8080/v1/graphql";
    cfg->transport = mb_script_transport(s);
    if (!cfg->buf) {
        cfg->buf = work;
        cfg->buf_size = sizeof work;
    }
    cfg->tokens = toks;
    cfg->max_tokens = 256;
    CHECK_ST(mb_client_init(c, cfg), MB_OK);
}

static int has(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0) return 1;
    return 0;
}

static void basic(void) {
    static const mb_str r1[] = {MK(OK_RESP)};
    static const mb_script_conn conns[] = {{r1, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_result *res;
    mb_writer *w;
    int t;
    char name[64];
    t_case = "query: request bytes and decoded answer";
    memset(&cfg, 0, sizeof cfg);
    cfg.jwt = "eyJhbGciOiJIUzI1NiJ9.e30.sig";
    cfg.role = "user";
    setup(&c, &s, conns, 1, &cfg);
    w = mb_request(&c, Q_CATS, "getCategories");
    mb_w_key(w, "limit");
    mb_w_int(w, 20);
    CHECK_ST(mb_send(&c, &res), MB_OK);
    CHECK(res->http_status == 200 && res->data >= 0);
    CHECK_ST(mb_json_find(&res->doc, res->data, "category[0].name", &t), MB_OK);
    CHECK_ST(mb_json_unescape(&res->doc, t, name, sizeof name, NULL), MB_OK);
    CHECK(strcmp(name, "Health & Fitness") == 0);
    {
        const char *body = "{\"query\":\"query getCategories { category { categoryId name } }\","
                           "\"operationName\":\"getCategories\",\"variables\":{\"limit\":20}}";
        char head[512];
        int n = snprintf(head, sizeof head,
                         "POST /v1/graphql HTTP/1.1\r\nHost: localhost:8080\r\nContent-Type: application/json\r\n"
                         "Accept: application/json\r\nConnection: keep-alive\r\nContent-Length: %zu\r\n"
                         "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig\r\nx-hasura-role: user\r\n\r\n%s",
                         strlen(body), body);
        CHECK(s.tx_len == (size_t)n && memcmp(tx, head, (size_t)n) == 0);
        if (s.tx_len != (size_t)n) printf("  sent: %.*s\n", (int)s.tx_len, tx);
    }
    CHECK(c.connects == 1 && s.conn == 1);
    CHECK(mb_last_error(&c)->message.len == 0);
}

static void keep_alive_and_reconnect(void) {
    static const mb_str two[] = {MK(OK_RESP), MK(OK_RESP)};
    static const mb_str one[] = {MK(OK_RESP)};
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_result *res;
    t_case = "two requests on one kept-alive connection";
    {
        static const mb_script_conn conns[] = {{two, 2, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 1, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, "{\"a\": [1, \"x\"]}", &res), MB_OK);
        CHECK(c.connects == 1 && s.conn == 1 && c.requests == 2);
        CHECK(has(tx, s.tx_len, "\"variables\":{\"a\": [1, \"x\"]}}"));
    }
    t_case = "reused connection closed by the server: one transparent reconnect";
    {
        static const mb_script_conn conns[] = {{one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}, {one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK(c.connects == 2 && s.conn == 2 && res->data >= 0);
    }
    t_case = "reused connection reset on send: reconnect";
    {
        static const mb_script_conn conns[] = {{one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}, {one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        mb_script_conn broken[2];
        memcpy(broken, conns, sizeof conns);
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, broken, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        broken[0].send_status = MB_ERR_IO; /* the peer reset it while idle */
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK(c.connects == 2);
    }
    t_case = "a fresh connection that closes is not retried";
    {
        static const mb_script_conn conns[] = {{NULL, 0, MB_ERR_CLOSED, MB_OK, MB_OK}, {one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_TRUNCATED);
        CHECK(s.conn == 1);
    }
    t_case = "only one reconnect";
    {
        static const mb_script_conn conns[] = {{one, 1, MB_ERR_CLOSED, MB_OK, MB_OK},
                                               {NULL, 0, MB_ERR_CLOSED, MB_OK, MB_OK},
                                               {one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 3, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_TRUNCATED);
        CHECK(s.conn == 2);
    }
    t_case = "a reused connection that times out before any byte of the answer: no resend";
    {
        /* the server has the request and may be running it: sending it
           again could apply a mutation twice */
        static const mb_script_conn conns[] = {{one, 1, MB_ERR_TIMEOUT, MB_OK, MB_OK}, {one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_TIMEOUT);
        CHECK(c.connects == 1 && s.conn == 1 && c.requests == 2 && !c.connected);
    }
    t_case = "Connection: close is honoured";
    {
        static const mb_str closing[] = {MK("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 11\r\n\r\n{\"data\":{}}")};
        static const mb_script_conn conns[] = {{closing, 1, MB_ERR_CLOSED, MB_OK, MB_OK}, {one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK(s.closes == 1);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK(c.connects == 2);
    }
    t_case = "connect failure and timeout statuses pass through";
    {
        static const mb_script_conn conns[] = {{one, 1, MB_ERR_CLOSED, MB_OK, MB_ERR_DNS},
                                               {NULL, 0, MB_ERR_TIMEOUT, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        cfg.timeout_ms = 1234;
        setup(&c, &s, conns, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_DNS);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_TIMEOUT);
        CHECK(s.last_timeout_ms == 1234);
    }
    t_case = "a failed request reports no HTTP status of the one before";
    {
        static const mb_str e500[] = {MK("HTTP/1.1 500 Oops\r\nContent-Length: 2\r\n\r\n{}")};
        static const mb_script_conn conns[] = {{e500, 1, MB_ERR_CLOSED, MB_OK, MB_OK},
                                               {one, 1, MB_ERR_CLOSED, MB_OK, MB_ERR_CONNECT}};
        mb_writer *w;
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_HTTP_STATUS);
        CHECK(res->http_status == 500);
        mb_client_close(&c);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_CONNECT); /* no response: no status */
        CHECK(res->http_status == 0);
        c.res.http_status = 500;
        w = mb_request(&c, Q_CATS, NULL);
        mb_w_key(w, "s");
        mb_w_stringn(w, "\xff", 1); /* not UTF-8: nothing is sent */
        CHECK_ST(mb_send(&c, &res), MB_ERR_UTF8);
        CHECK(res->http_status == 0);
    }
}

/* Every response split at every offset and read a byte at a time. */
static void split_everywhere(void) {
    static const char chunked[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "1C\r\n{\"data\":{\"category\":[{\"categ\r\n"
                                  "2B\r\noryId\":1,\"name\":\"Health \\u0026 Fitness\"}]}}\r\n0\r\n\r\n";
    const char *const resps[] = {OK_RESP, chunked};
    t_case = "client: responses split at every offset and read byte by byte";
    for (size_t k = 0; k < 2; k++) {
        size_t len = strlen(resps[k]);
        int ok = 1;
        for (size_t cut = 0; cut <= len && ok; cut++) {
            mb_str parts[1];
            mb_script_conn conns[1];
            mb_script s;
            mb_client c;
            mb_config cfg;
            mb_result *res;
            int t;
            parts[0].ptr = resps[k];
            parts[0].len = len;
            memset(conns, 0, sizeof conns);
            conns[0].replies = parts;
            conns[0].num_replies = 1;
            memset(&cfg, 0, sizeof cfg);
            setup(&c, &s, conns, 1, &cfg);
            s.max_read = cut == len ? 1 : (cut ? cut : len); /* cut == len: byte by byte */
            if (mb_execute(&c, Q_CATS, NULL, NULL, &res) != MB_OK ||
                mb_json_find(&res->doc, res->data, "category[0].categoryId", &t) != MB_OK) {
                ok = 0;
                printf("  response %zu, reads of %zu: failed\n", k, s.max_read);
            }
        }
        CHECK(ok);
    }
    t_case = "short writes";
    {
        static const mb_str one[] = {MK(OK_RESP)};
        static const mb_script_conn conns[] = {{one, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        mb_script s;
        mb_client c;
        mb_config cfg;
        mb_result *res;
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 1, &cfg);
        s.max_write = 1;
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
    }
}

static void failures(void) {
    static const struct {
        const char *name, *resp;
        mb_status want;
        int http;
    } cases[] = {
        {"HTTP 404 plain", "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found", MB_ERR_HTTP_STATUS, 404},
        {"HTTP 500 html", "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 13\r\n\r\n<html></html>",
         MB_ERR_HTTP_STATUS, 500},
        {"HTTP 502 empty", "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", MB_ERR_HTTP_STATUS, 502},
        {"HTTP 401 with Hasura's envelope",
         "HTTP/1.1 401 Unauthorized\r\nContent-Length: 105\r\n\r\n"
         "{\"errors\":[{\"extensions\":{\"code\":\"access-denied\",\"path\":\"$\"},\"message\":\"invalid x-hasura-admin-secret\"}]}",
         MB_ERR_AUTH, 401},
        {"HTTP 400 legacy shape", "HTTP/1.1 400 Bad Request\r\nContent-Length: 61\r\n\r\n"
                                  "{\"path\":\"$\",\"error\":\"not a valid json\",\"code\":\"invalid-json\"}",
         MB_ERR_GRAPHQL, 400},
        {"truncated body", "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"data\":", MB_ERR_TRUNCATED, 200},
        {"garbage", "\x01\x02garbage\r\n\r\n", MB_ERR_HTTP, 0},
        {"not JSON", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", MB_ERR_JSON, 200},
        {"JSON array root", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]", MB_ERR_TYPE, 200},
        {"neither data nor errors", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", MB_ERR_NO_DATA, 200},
        {"data null", "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{\"data\":null}", MB_ERR_NO_DATA, 200},
        {"oversize body", "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n{", MB_ERR_BUFFER, 200},
        {"oversize chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff1\r\n",
         MB_ERR_HTTP_LIMIT, 200},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mb_str r[1];
        mb_script_conn conns[1];
        mb_script s;
        mb_client c;
        mb_config cfg;
        mb_result *res;
        t_case = cases[i].name;
        r[0].ptr = cases[i].resp;
        r[0].len = strlen(cases[i].resp);
        memset(conns, 0, sizeof conns);
        conns[0].replies = r;
        conns[0].num_replies = 1;
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 1, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), cases[i].want);
        if (cases[i].http) CHECK(res->http_status == cases[i].http);
        CHECK(!c.connected || cases[i].want == MB_ERR_HTTP_STATUS || cases[i].want == MB_ERR_GRAPHQL ||
              cases[i].want == MB_ERR_AUTH || cases[i].want == MB_ERR_JSON || cases[i].want == MB_ERR_TYPE ||
              cases[i].want == MB_ERR_NO_DATA);
    }
    t_case = "token array too small";
    {
        static const mb_str r[] = {MK(OK_RESP)};
        static const mb_script_conn conns[] = {{r, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        mb_script s;
        mb_client c;
        mb_config cfg;
        mb_result *res;
        memset(&cfg, 0, sizeof cfg);
        setup(&c, &s, conns, 1, &cfg);
        c.cfg.max_tokens = 5;
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_TOKENS);
    }
}

static void request_limits(void) {
    static const mb_str r[] = {MK(OK_RESP)};
    static const mb_script_conn conns[] = {{r, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_result *res;
    mb_writer *w;
    static char small[300];
    char big[400];
    t_case = "request larger than the buffer: distinct status, nothing sent";
    memset(&cfg, 0, sizeof cfg);
    cfg.buf = small;
    cfg.buf_size = sizeof small;
    setup(&c, &s, conns, 1, &cfg);
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    w = mb_request(&c, Q_CATS, NULL);
    mb_w_key(w, "text");
    mb_w_string(w, big);
    CHECK_ST(mb_send(&c, &res), MB_ERR_BUFFER);
    CHECK(s.tx_len == 0 && s.conn == 0);
    t_case = "body fits but the head does not";
    w = mb_request(&c, Q_CATS, NULL);
    mb_w_key(w, "text");
    mb_w_string(w, big + 210);
    CHECK(mb_w_status(w) == MB_OK);
    CHECK_ST(mb_send(&c, &res), MB_ERR_BUFFER);
    CHECK(s.tx_len == 0);
    t_case = "invalid UTF-8 variable: nothing sent";
    w = mb_request(&c, Q_CATS, NULL);
    mb_w_key(w, "text");
    mb_w_string(w, "bad \xff");
    CHECK_ST(mb_send(&c, &res), MB_ERR_UTF8);
    CHECK(s.tx_len == 0);
    t_case = "bad variables JSON";
    CHECK_ST(mb_execute(&c, Q_CATS, NULL, "{\"a\":}", &res), MB_ERR_JSON);
    CHECK_ST(mb_execute(&c, Q_CATS, NULL, "[1]", &res), MB_ERR_JSON);
    CHECK_ST(mb_execute(&c, Q_CATS, NULL, "{\"a\":\"\x01\"}", &res), MB_ERR_JSON);
    CHECK_ST(mb_execute(&c, Q_CATS, NULL, "{\"a\":\"\xff\"}", &res), MB_ERR_UTF8);
    CHECK(s.tx_len == 0);
    t_case = "send without request";
    CHECK_ST(mb_send(&c, &res), MB_ERR_ARG);
    t_case = "the head needs its own size free after head and body (to be moved in front)";
    {
        static char exact[1024];
        mb_client c3;
        mb_config cfg3;
        mb_script s3;
        size_t req, head;
        memset(&cfg3, 0, sizeof cfg3);
        setup(&c3, &s3, conns, 1, &cfg3);
        CHECK_ST(mb_execute(&c3, Q_CATS, NULL, NULL, &res), MB_OK);
        req = s3.tx_len;
        for (head = 0; head + 4 <= req && memcmp(tx + head, "\r\n\r\n", 4) != 0; head++) {}
        head += 4;
        CHECK(head < req && req + head <= sizeof exact);
        memset(&cfg3, 0, sizeof cfg3);
        cfg3.buf = exact;
        cfg3.buf_size = req + head - 1; /* one byte short */
        setup(&c3, &s3, conns, 1, &cfg3);
        CHECK_ST(mb_execute(&c3, Q_CATS, NULL, NULL, &res), MB_ERR_BUFFER);
        CHECK(s3.tx_len == 0);
        memset(&cfg3, 0, sizeof cfg3);
        cfg3.buf = exact;
        cfg3.buf_size = req + head; /* just enough to send */
        setup(&c3, &s3, conns, 1, &cfg3);
        (void)mb_execute(&c3, Q_CATS, NULL, NULL, &res); /* the answer may or may not fit in what is left */
        CHECK(s3.tx_len == req && memcmp(tx + head, "{\"query\"", 8) == 0);
    }
    t_case = "header injection refused";
    {
        mb_client c2;
        mb_config cfg2;
        mb_script s2;
        memset(&cfg2, 0, sizeof cfg2);
        cfg2.jwt = "abc\r\nx-hasura-role: admin";
        setup(&c2, &s2, conns, 1, &cfg2);
        CHECK_ST(mb_execute(&c2, Q_CATS, NULL, NULL, &res), MB_ERR_ARG);
        CHECK(s2.tx_len == 0);
    }
}

static void config_checks(void) {
    mb_client c;
    mb_config cfg;
    mb_script s;
    t_case = "configuration";
    memset(&s, 0, sizeof s);
    memset(&cfg, 0, sizeof cfg);
    cfg.transport = mb_script_transport(&s);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = 256;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_TLS_REQUIRED); /* default env is prod: https */
    /* the README prints mb_last_error()->message.ptr after any failure */
    CHECK(mb_last_error(&c)->message.ptr && mb_last_error(&c)->code.ptr && mb_last_error(&c)->path.ptr);
    CHECK(mb_last_error(&c)->message.len == 0 && strcmp(mb_last_error(&c)->message.ptr, "") == 0);
    cfg.env = MB_ENV_LOCAL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
    CHECK(c.url.port == 8080 && strcmp(c.host, "localhost") == 0);
    cfg.url = "ws://localhost:8080/v1/graphql";
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_URL);
    cfg.url = "http://localhost:8080/v1/graphql";
    cfg.transport.flags = MB_TRANSPORT_TLS;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_URL);
    cfg.transport.flags = 0;
    cfg.url = "not a url";
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_URL);
    cfg.url = NULL;
    cfg.env = MB_ENV_LOCAL;
    cfg.buf = NULL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.buf = work;
    cfg.tokens = NULL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    cfg.tokens = toks;
    cfg.transport.recv = NULL;
    CHECK_ST(mb_client_init(&c, &cfg), MB_ERR_ARG);
    t_case = "IPv6 host header";
    {
        static const mb_str r[] = {MK(OK_RESP)};
        static const mb_script_conn conns[] = {{r, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        mb_result *res;
        memset(&cfg, 0, sizeof cfg);
        cfg.url = "http://[::1]:8080/v1/graphql";
        setup(&c, &s, conns, 1, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK(has(tx, s.tx_len, "\r\nHost: [::1]:8080\r\n"));
        CHECK(strcmp(c.host, "::1") == 0);
    }
}

static int refresh_calls;
static mb_status refresh(void *user, const char **jwt) {
    (void)user;
    refresh_calls++;
    *jwt = "fresh.token.value";
    return MB_OK;
}

static void auth(void) {
    static const mb_str expired_then_ok[] = {
        MK("HTTP/1.1 200 OK\r\nContent-Length: 106\r\n\r\n"
           "{\"errors\":[{\"extensions\":{\"code\":\"invalid-jwt\",\"path\":\"$\"},\"message\":\"Could not verify JWT: JWTExpired\"}]}"),
        MK(OK_RESP)};
    static const mb_script_conn conns[] = {{expired_then_ok, 2, MB_ERR_CLOSED, MB_OK, MB_OK}};
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_result *res;
    t_case = "expired JWT without a refresh hook";
    memset(&cfg, 0, sizeof cfg);
    cfg.jwt = "old.token.value";
    setup(&c, &s, conns, 1, &cfg);
    CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_AUTH);
    CHECK_STR(mb_last_error(&c)->code, "invalid-jwt");
    CHECK_STR(mb_last_error(&c)->message, "Could not verify JWT: JWTExpired");
    CHECK(strcmp(mb_last_error(&c)->message.ptr, "Could not verify JWT: JWTExpired") == 0); /* NUL-terminated */
    CHECK_STR(mb_last_error(&c)->path, "$");
    t_case = "an error message that cannot be decoded is kept as sent";
    {
        static char body[] = "{\"errors\":[{\"message\":\"bad \\ud83d here \\n\",\"extensions\":{\"code\":\"x\"}}]}";
        static mb_token tk[32];
        mb_result r;
        CHECK_ST(mb_gql_decode(&r, body, sizeof body - 1, tk, 32), MB_ERR_GRAPHQL);
        CHECK(strcmp(r.error.message.ptr, "bad \\ud83d here \\n") == 0);
    }
    t_case = "refresh hook: new token, one retry";
    memset(&cfg, 0, sizeof cfg);
    cfg.jwt = "old.token.value";
    cfg.refresh = refresh;
    setup(&c, &s, conns, 1, &cfg);
    {
        mb_writer *w = mb_request(&c, Q_CATS, NULL);
        mb_w_key(w, "k");
        mb_w_string(w, "v");
        CHECK_ST(mb_send(&c, &res), MB_OK);
    }
    CHECK(refresh_calls == 1 && c.requests == 2);
    {
        /* second request carries the new token and the same body */
        const char *second = NULL;
        for (size_t i = 1; i + 4 < s.tx_len; i++)
            if (memcmp(tx + i, "POST", 4) == 0) second = tx + i;
        CHECK(second && has(second, s.tx_len - (size_t)(second - tx), "Authorization: Bearer fresh.token.value\r\n"));
        CHECK(second && has(second, s.tx_len - (size_t)(second - tx), "\"variables\":{\"k\":\"v\"}}"));
    }
    t_case = "the refreshed token is refused too: one refresh, one retry, the auth error stands";
    {
        const mb_str twice[] = {expired_then_ok[0], expired_then_ok[0], expired_then_ok[1]};
        const mb_script_conn conns2[] = {{twice, 3, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        cfg.jwt = "old.token.value";
        cfg.refresh = refresh;
        refresh_calls = 0;
        setup(&c, &s, conns2, 1, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_AUTH);
        CHECK(refresh_calls == 1 && c.requests == 2);
        CHECK_STR(mb_last_error(&c)->code, "invalid-jwt");
    }
    t_case = "an auth refusal other than invalid-jwt (access-denied): no refresh, nothing resent";
    {
        static const mb_str denied[] = {
            MK("HTTP/1.1 200 OK\r\nContent-Length: 82\r\n\r\n"
               "{\"errors\":[{\"extensions\":{\"code\":\"access-denied\",\"path\":\"$\"},\"message\":\"denied\"}]}"),
            MK(OK_RESP)};
        static const mb_script_conn conns2[] = {{denied, 2, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&cfg, 0, sizeof cfg);
        cfg.jwt = "old.token.value";
        cfg.refresh = refresh;
        refresh_calls = 0;
        setup(&c, &s, conns2, 1, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_AUTH);
        CHECK(refresh_calls == 0 && c.requests == 1);
        CHECK_STR(mb_last_error(&c)->code, "access-denied");
    }
    t_case = "refresh hook, then the reconnect fails: no status of the refused answer";
    {
        static const mb_str refused[] = {
            MK("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 106\r\n\r\n"
               "{\"errors\":[{\"extensions\":{\"code\":\"invalid-jwt\",\"path\":\"$\"},\"message\":\"Could not verify JWT: JWTExpired\"}]}")};
        static const mb_script_conn conns2[] = {{refused, 1, MB_ERR_CLOSED, MB_OK, MB_OK},
                                                {NULL, 0, MB_ERR_CLOSED, MB_OK, MB_ERR_CONNECT}};
        memset(&cfg, 0, sizeof cfg);
        cfg.jwt = "old.token.value";
        cfg.refresh = refresh;
        refresh_calls = 0;
        setup(&c, &s, conns2, 2, &cfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_ERR_CONNECT);
        CHECK(res->http_status == 0 && refresh_calls == 1 && c.requests == 2);
    }
}

static void debug_redaction(void) {
    static const mb_str r[] = {MK(OK_RESP)};
    static const mb_script_conn conns[] = {{r, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_result *res;
    t_case = "debug log never sees a secret";
    memset(&cfg, 0, sizeof cfg);
    cfg.jwt = "SECRETJWT.payload.signature";
    cfg.admin_secret = "SECRETADMIN";
    cfg.debug = 1;
    cfg.log = capture_log;
    loglen = 0;
    setup(&c, &s, conns, 1, &cfg);
    CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
    CHECK(loglen > 100);
    CHECK(!has(logbuf, loglen, "SECRET"));
    CHECK(has(logbuf, loglen, "Authorization: [redacted]"));
    CHECK(has(logbuf, loglen, "x-hasura-admin-secret: [redacted]"));
    CHECK(has(logbuf, loglen, "POST /v1/graphql HTTP/1.1"));
    CHECK(has(logbuf, loglen, "HTTP/1.1 200 OK"));
    CHECK(has(s.tx ? tx : "", s.tx_len, "x-hasura-admin-secret: SECRETADMIN\r\n")); /* but it is sent */
    t_case = "debug log: extra secret headers, a server's cookie, a head of bare LF lines";
    {
        static const mb_str lf[] = {MK("HTTP/1.1 200 OK\nSet-Cookie: session=SECRETCOOKIE\nContent-Length: 71\n\n" OK_BODY)};
        static const mb_script_conn conns_lf[] = {{lf, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        static const mb_header extra[] = {{"Proxy-Authorization", "Basic SECRETPROXY"},
                                          {"x-hasura-access-key", "SECRETKEY"}, {"X-Trace", "t1"}};
        mb_config lfcfg;
        memset(&lfcfg, 0, sizeof lfcfg);
        lfcfg.headers = extra;
        lfcfg.num_headers = 3;
        lfcfg.debug = 1;
        lfcfg.log = capture_log;
        loglen = 0;
        setup(&c, &s, conns_lf, 1, &lfcfg);
        CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
        CHECK(!has(logbuf, loglen, "SECRET"));
        CHECK(has(logbuf, loglen, "\nProxy-Authorization: [redacted]\n"));
        CHECK(has(logbuf, loglen, "\nx-hasura-access-key: [redacted]\n"));
        CHECK(has(logbuf, loglen, "\nSet-Cookie: [redacted]\n"));
        CHECK(has(logbuf, loglen, "\nX-Trace: t1\n"));
        CHECK(has(logbuf, loglen, "\nContent-Length: 71\n")); /* whole: the last line was cut before */
    }
    t_case = "no log without debug";
    cfg.debug = 0;
    loglen = 0;
    setup(&c, &s, conns, 1, &cfg);
    CHECK_ST(mb_execute(&c, Q_CATS, NULL, NULL, &res), MB_OK);
    CHECK(loglen == 0);
}

/* A typed call that fails before any answer leaves no stale counts. */
static void typed_failure(void) {
    static const mb_script_conn conns[] = {{NULL, 0, MB_ERR_CLOSED, MB_OK, MB_ERR_CONNECT}};
    static mb_chatbot_list_item bots[2];
    static mb_chatbot_list_item_categories cats[2];
    static mb_chatbot_list_item_metadata meta[2];
    mb_script s;
    mb_client c;
    mb_config cfg;
    mb_get_chatbots_vars vars;
    mb_get_chatbots_data d;
    mb_get_chatbots_arrays arrays = {bots, 2, 7, cats, 2, 7, meta, 2, 7};
    mb_pool pools[3];
    t_case = "typed call refused before an answer: needed is 0, not stack garbage";
    memset(&cfg, 0, sizeof cfg);
    memset(&vars, 0, sizeof vars);
    setup(&c, &s, conns, 1, &cfg);
    CHECK_ST(mb_get_chatbots(&c, &vars, &d, &arrays), MB_ERR_CONNECT);
    CHECK(arrays.chatbot_needed == 0 && arrays.chatbot_categories_needed == 0 && arrays.chatbot_metadata_needed == 0);
    memset(pools, 0x5a, sizeof pools); /* the runtime under it, with pools as a caller leaves them */
    pools[0].base = bots;
    pools[0].cap = 2;
    pools[1].base = cats;
    pools[1].cap = 2;
    pools[2].base = meta;
    pools[2].cap = 2;
    memset(&d, 0x5a, sizeof d);
    CHECK_ST(mb_typed_execute(&c, mb_get_chatbots_op(), &vars, &d, pools, 3), MB_ERR_CONNECT);
    CHECK(pools[0].used == 0 && pools[0].needed == 0 && pools[2].used == 0 && pools[2].needed == 0);
    CHECK(d.chatbot.items == NULL && d.chatbot.len == 0); /* zeroed, as after any decode */
    arrays.chatbot_needed = arrays.chatbot_metadata_needed = 7;
    CHECK_ST(mb_get_chatbots_decode(NULL, &d, &arrays), MB_ERR_ARG); /* no result to decode */
    CHECK(arrays.chatbot_needed == 0 && arrays.chatbot_metadata_needed == 0);
}

void test_client(void) {
    typed_failure();
    basic();
    keep_alive_and_reconnect();
    split_everywhere();
    failures();
    request_limits();
    config_checks();
    auth();
    debug_redaction();
}
