/* Unit tests of the ws module (RFC 6455 client + graphql-transport-ws)
 * over the fake server in fake_server.h. Built with small limits
 * (-DMB_WS_MAX_FRAME=2048 -DMB_WS_MAX_MESSAGE=4096) so that oversize
 * cases stay small. Prints "N passed, N failed". */
#define MB_IMPLEMENTATION
#include "mb.h"
#include "fake_server.h"

static int pass, fail;
static const char *tcase = "";
#define CHECK(c)                                                                          \
    do {                                                                                  \
        if (c) pass++;                                                                    \
        else { fail++; printf("FAIL %s:%d [%s]: %s\n", __FILE__, __LINE__, tcase, #c); } \
    } while (0)
#define CHECK_ST(e, want)                                                                              \
    do {                                                                                               \
        mb_status s_ = (e), w_ = (want);                                                               \
        if (s_ == w_) pass++;                                                                          \
        else { fail++; printf("FAIL %s:%d [%s]: %s -> %s, want %s\n", __FILE__, __LINE__, tcase, #e,    \
                              mb_strerror(s_), mb_strerror(w_)); }                                      \
    } while (0)

static char buf[8192];
static mb_token toks[256];

/* Events the callback saw. */
typedef struct ev {
    mb_sub *sub;
    mb_status st;
    int has_res;
    char text[512]; /* data (MB_OK) or the first error message */
    char code[64];  /* the first error's code */
} ev;
static ev evs[64];
static int nev;

static void on_event(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    ev *e = &evs[nev < 63 ? nev++ : 63];
    (void)user;
    e->sub = sub;
    e->st = st;
    e->has_res = res != NULL;
    e->text[0] = '\0';
    if (res && st == MB_OK) {
        mb_str v = mb_json_raw_view(&res->doc, res->data);
        snprintf(e->text, sizeof e->text, "%.*s", (int)v.len, v.ptr);
    } else if (res) {
        snprintf(e->text, sizeof e->text, "%.*s", (int)res->error.message.len, res->error.message.ptr);
        snprintf(e->code, sizeof e->code, "%.*s", (int)res->error.code.len, res->error.code.ptr);
    }
}

/* A callback that stops its subscription at once (the complete message goes
 * after what was received). */
static mb_ws *stop_ws;
static mb_status stop_st;
static void on_event_stop(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    on_event(user, sub, st, res);
    stop_st = mb_sub_stop(stop_ws, sub);
}

/* Callbacks that close the socket, or poll again (refused). */
static mb_status nested_st;
static void on_event_close(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    on_event(user, sub, st, res);
    mb_ws_close(stop_ws);
}
static void on_event_poll(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    on_event(user, sub, st, res);
    nested_st = mb_sub_poll(stop_ws, 10, on_event, NULL);
}

static const char *refresh_jwt;
static int refreshes;
static mb_status refresh(void *user, const char **jwt) {
    (void)user;
    refreshes++;
    *jwt = refresh_jwt;
    return refresh_jwt ? MB_OK : MB_ERR_AUTH;
}

static mb_ws_config config(size_t size) {
    mb_ws_config c;
    memset(&c, 0, sizeof c);
    c.url = "ws://localhost:8080/v1/graphql";
    c.jwt = "J.W.T";
    c.role = "user";
    c.transport = fake_transport(&F);
    c.buf = buf;
    c.buf_size = size;
    c.tokens = toks;
    c.max_tokens = sizeof toks / sizeof toks[0];
    c.random = fake_random;
    c.now_ms = fake_now;
    c.sleep_ms = fake_sleep;
    c.connect_timeout_ms = 3000;
    c.timeout_ms = 1000;
    return c;
}

static void reset(const char *name) {
    tcase = name;
    memset(&F, 0, sizeof F);
    F.now = 1000000;
    F.auto_ack = 1;
    nev = 0;
    refreshes = 0;
    refresh_jwt = NULL;
}

/* A ws connected and acknowledged. */
static mb_status up(mb_ws *ws, size_t size) {
    mb_ws_config c = config(size);
    mb_status s = mb_ws_init(ws, &c);
    return s == MB_OK ? mb_ws_connect(ws) : s;
}

static int last_close_code(void) {
    int i;
    for (i = F.nmsg - 1; i >= 0; i--)
        if (F.mop[i] == 8) return F.mlen[i] >= 2 ? ((unsigned char)F.msg[i][0] << 8 | (unsigned char)F.msg[i][1]) : 1005;
    return -1;
}

static void test_accept(void) {
    char out[29];
    tcase = "accept";
    mb_ws_accept("dGhlIHNhbXBsZSBub25jZQ==", out); /* RFC 6455 section 1.3 */
    CHECK(strcmp(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") == 0);
    mb_ws_accept("x3JJHMbDL1EzLkh9GBhXDw==", out);
    CHECK(strcmp(out, "HSmrc0sMlYUkAGmm5OPpG2HaGWk=") == 0);
    mb_ws_accept("AAECAwQFBgcICQoLDA0ODw==", out);
    CHECK(strcmp(out, "Bz3qJYTGdOe8gUSpLosEdiLKDrk=") == 0);

}

static void test_handshake(void) {
    mb_ws ws;
    mb_ws_config c;
    const char *k;
    char key[25] = {0};
    reset("handshake accepted");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    CHECK(strncmp(F.req, "GET /v1/graphql HTTP/1.1\r\n", 26) == 0);
    CHECK(strstr(F.req, "\r\nHost: localhost:8080\r\n") != NULL);
    CHECK(strstr(F.req, "\r\nUpgrade: websocket\r\n") != NULL);
    CHECK(strstr(F.req, "\r\nConnection: Upgrade\r\n") != NULL);
    CHECK(strstr(F.req, "\r\nSec-WebSocket-Version: 13\r\n") != NULL);
    CHECK(strstr(F.req, "\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n") != NULL);
    k = strstr(F.req, "Sec-WebSocket-Key: ");
    CHECK(k != NULL);
    if (k) {
        memcpy(key, k + 19, 24);
        CHECK(k[19 + 24] == '\r' && key[22] == '=' && key[23] == '=');
    }
    CHECK(F.nmsg == 1 && F.mop[0] == 1);
    CHECK(strcmp(F.msg[0], "{\"type\":\"connection_init\",\"payload\":{\"headers\":{\"Authorization\":\"Bearer J.W.T\","
                           "\"x-hasura-role\":\"user\"}}}") == 0);
    CHECK(F.unmasked == 0);
    CHECK(ws.connects == 1);

    reset("second key differs");
    {
        char key2[25] = {0};
        CHECK_ST(up(&ws, sizeof buf), MB_OK);
        k = strstr(F.req, "Sec-WebSocket-Key: ");
        if (k) memcpy(key2, k + 19, 24);
        F.rnd = 99;
        mb_ws_close(&ws);
        CHECK_ST(mb_ws_connect(&ws), MB_OK);
        k = strstr(F.req, "Sec-WebSocket-Key: ");
        CHECK(k && memcmp(k + 19, key2, 24) != 0);
    }

    {
        static const struct { const char *name, *fmt; mb_status want; } bad[] = {
            {"refused 403", "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n%s", MB_ERR_WS_HANDSHAKE},
            {"200 instead of 101", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}%.0s", MB_ERR_WS_HANDSHAKE},
            {"wrong Accept", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                             "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n%.0s", MB_ERR_WS_HANDSHAKE},
            {"missing subprotocol", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    "Sec-WebSocket-Accept: %s\r\n\r\n", MB_ERR_WS_HANDSHAKE},
            {"Apollo subprotocol", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n",
             MB_ERR_WS_HANDSHAKE},
            {"no Upgrade header", "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                                  "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n",
             MB_ERR_WS_HANDSHAKE},
            {"extension not asked for", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                        "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n"
                                        "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n", MB_ERR_WS_HANDSHAKE},
            {"not HTTP", "SSH-2.0-OpenSSH_9.2%.0s\r\n", MB_ERR_HTTP},
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            reset(bad[i].name);
            F.hs_fmt = bad[i].fmt;
            CHECK_ST(up(&ws, sizeof buf), bad[i].want);
            CHECK(F.closes == 1 && F.nmsg == 0); /* nothing sent after a refused upgrade */
        }
    }

    reset("upgrade then silence: no ack");
    F.auto_ack = 0;
    CHECK_ST(up(&ws, sizeof buf), MB_ERR_TIMEOUT);
    CHECK(F.closes == 1);

    reset("connection refused");
    F.connect_fail[0] = MB_ERR_CONNECT;
    CHECK_ST(up(&ws, sizeof buf), MB_ERR_CONNECT);

    reset("config");
    c = config(sizeof buf);
    c.url = "http://localhost/v1/graphql";
    CHECK_ST(mb_ws_init(&ws, &c), MB_ERR_URL);
    c.url = "wss://localhost/v1/graphql";
    CHECK_ST(mb_ws_init(&ws, &c), MB_ERR_TLS_REQUIRED);
    c.transport.flags = MB_TRANSPORT_TLS;
    CHECK_ST(mb_ws_init(&ws, &c), MB_OK);
    c.url = "ws://localhost/v1/graphql";
    CHECK_ST(mb_ws_init(&ws, &c), MB_ERR_URL);
    c = config(sizeof buf);
    c.random = NULL;
    CHECK_ST(mb_ws_init(&ws, &c), MB_ERR_ARG);
    c = config(100);
    CHECK_ST(mb_ws_init(&ws, &c), MB_ERR_ARG);
}

static const char NEXT1[] = "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":"
                            "[{\"messageId\":\"a\",\"createdAt\":\"2026-01-01T00:00:01+00:00\"},"
                            "{\"messageId\":\"b\",\"createdAt\":\"2026-01-01T00:00:02+00:00\"}]}}}";
static const char DATA1[] = "{\"messageStream\":[{\"messageId\":\"a\",\"createdAt\":\"2026-01-01T00:00:01+00:00\"},"
                            "{\"messageId\":\"b\",\"createdAt\":\"2026-01-01T00:00:02+00:00\"}]}";

/* A plain live query (no variables), started on ws. */
static mb_status live_sub(mb_ws *ws, mb_sub *s) {
    memset(s, 0, sizeof *s);
    s->query = "subscription L { category { name } }";
    return mb_sub_start(ws, s);
}

static void stream_sub(mb_sub *s) {
    memset(s, 0, sizeof *s);
    s->query = "subscription S($since: timestamptz!, $t: uuid!) { messageStream { messageId createdAt } }";
    s->variables = "{ \"t\": \"00000000-0000-4000-a000-000000000001\" }";
    mb_sub_cursor(s, "since", "createdAt", "\"2026-01-01T00:00:00Z\"");
}

/* One stream subscription, server stream = ack + ping + next, split at
 * every offset and read a byte at a time. */
static void test_splits(void) {
    unsigned char all[1024];
    size_t total = 0, cut, i;
    static const char *script[] = {"{\"type\":\"ping\",\"payload\":{\"message\":\"keepalive\"}}",
                                   "{\"type\":\"connection_ack\"}"};
    for (i = 0; i < 2; i++) total += mkframe(all + total, 1, 1, script[i], strlen(script[i]));
    total += mkframe(all + total, 1, 9, "hb", 2);
    for (cut = 0; cut <= total + 1; cut++) {
        mb_ws ws;
        mb_sub sub;
        mb_ws_config c = config(sizeof buf);
        int ok;
        reset("split at every offset");
        F.auto_ack = 0;
        memcpy(F.post, all, total);
        F.post_len = total;
        F.cut = cut; /* the head + cut bytes, then the rest */
        if (cut == total + 1) { F.max_read = 1; tcase = "1-byte reads"; }
        mb_ws_init(&ws, &c);
        stream_sub(&sub);
        CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
        F.cut = cut ? strlen("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Accept: 0123456789012345678901234567\r\n"
                             "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n") + cut - 1
                    : 0;
        ok = mb_ws_connect(&ws) == MB_OK;
        CHECK(ok);
        if (!ok) { printf("  cut %zu\n", cut); continue; }
        srv_text(&F, NEXT1);
        CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
        CHECK(nev == 1 && evs[0].st == MB_OK && evs[0].sub == &sub && strcmp(evs[0].text, DATA1) == 0);
        CHECK(fake_find(&F, "{\"type\":\"pong\"}") >= 0);
        /* the WebSocket ping "hb" got a pong frame with the same payload */
        for (ok = 0, i = 0; i < (size_t)F.nmsg; i++) ok |= F.mop[i] == 10 && F.mlen[i] == 2 && memcmp(F.msg[i], "hb", 2) == 0;
        CHECK(ok);
        CHECK(sub.cursor_len == 27 && memcmp(sub.cursor, "\"2026-01-01T00:00:02+00:00\"", 27) == 0 && sub.rows == 2);
        CHECK(F.unmasked == 0);
    }
}

static void test_fragments(void) {
    mb_ws ws;
    mb_sub sub;
    const char *m = NEXT1;
    size_t n = strlen(m);
    reset("fragmented message with a ping between fragments");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    srv_frame(&F, 0, 1, m, 10);
    srv_frame(&F, 0, 0, m + 10, 20);
    srv_frame(&F, 1, 9, "xy", 2);
    srv_frame(&F, 0, 0, m + 30, 0);
    srv_frame(&F, 1, 0, m + 30, n - 30);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(nev == 1 && evs[0].st == MB_OK && strcmp(evs[0].text, DATA1) == 0);
    CHECK(F.mop[F.nmsg - 1] == 10 || F.mop[F.nmsg - 2] == 10);

    reset("UTF-8 split across fragments is whole");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    mb_sub_start(&ws, &sub);
    {
        const char *u = "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"x\":\"\xE2\x82\xAC\"}}}";
        const char *split = strchr(u, '\xE2') + 1;
        srv_frame(&F, 0, 1, u, (size_t)(split - u));
        srv_frame(&F, 1, 0, split, strlen(split));
    }
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(nev == 1 && evs[0].st == MB_OK && strcmp(evs[0].text, "{\"x\":\"\xE2\x82\xAC\"}") == 0);
}

/* The server closes (or drops): the status and what the client sent. */
static void close_case(const char *name, int code, mb_status want) {
    mb_ws ws;
    reset(name);
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    if (code == 1006) F.drop = 1;
    else srv_close(&F, (unsigned)code);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), want);
    CHECK(ws.close_code == code);
    CHECK(F.closes == 1 && !F.open);
    if (code != 1006) CHECK(last_close_code() == code); /* echoed */
}

static void test_close_codes(void) {
    mb_ws ws;
    mb_ws_config c;
    close_case("close 4400", 4400, MB_ERR_WS_BAD_REQUEST);
    close_case("close 4403", 4403, MB_ERR_AUTH);
    close_case("close 4408", 4408, MB_ERR_WS_INIT_TIMEOUT);
    close_case("close 1000", 1000, MB_ERR_WS_CLOSED);
    close_case("close 1001", 1001, MB_ERR_WS_CLOSED);
    close_case("close 1012", 1012, MB_ERR_WS_CLOSED);
    close_case("close 1011", 1011, MB_ERR_WS_CLOSED);
    close_case("close 1014", 1014, MB_ERR_WS_CLOSED);
    close_case("close 3000", 3000, MB_ERR_WS_CLOSED);
    close_case("close 4999", 4999, MB_ERR_WS_CLOSED);
    close_case("dropped without close frame", 1006, MB_ERR_CLOSED);

    reset("close without a code");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    srv_frame(&F, 1, 8, "", 0);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_WS_CLOSED);
    CHECK(ws.close_code == 1005);

    reset("4403 without refresh hook: stays down until a new JWT");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    srv_close(&F, 4403);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_AUTH);
    {
        uint64_t t0 = F.now;
        CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_AUTH);
        CHECK(F.now - t0 == 1000); /* stopped: the poll sleeps its timeout, a loop does not spin */
    }
    CHECK(F.connects == 1);
    mb_ws_close(&ws); /* does not revive it with the refused JWT */
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_AUTH);
    CHECK(F.connects == 1);
    mb_ws_set_jwt(&ws, "NEW");
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(F.connects == 2 && fake_find(&F, "Bearer NEW") >= 0);

    reset("4403 at init: refresh hook, reconnect with the new JWT");
    c = config(sizeof buf);
    c.refresh = refresh;
    refresh_jwt = "FRESH";
    mb_ws_init(&ws, &c);
    F.auto_ack = 0;
    F.react = NULL;
    CHECK_ST(mb_ws_connect(&ws), MB_ERR_TIMEOUT); /* no ack at all: our own timeout */
    F.auto_ack = 1;
    {
        /* first connection refuses the token, the next accepts */
        static const char close4403[] = {(char)0x88, 2, 0x11, 0x33};
        memcpy(F.post, close4403, 4);
        F.post_len = 4;
        F.auto_ack = 0;
        F.now += 10000;
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_AUTH);
        CHECK(refreshes == 1);
        F.post_len = 0;
        F.auto_ack = 1;
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
        CHECK(ws.connects == 1 && fake_find(&F, "Bearer FRESH") >= 0);
        /* a refreshed token refused again: stop */
        F.auto_ack = 0;
        F.post_len = 4;
        srv_close(&F, 4403);
        refresh_jwt = "FRESH2";
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_AUTH); /* the close: refresh #2 */
        CHECK(refreshes == 2);
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_AUTH); /* refused again */
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_AUTH); /* now it stays */
        CHECK(refreshes == 2);
    }

    reset("client close handshake");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    F.react = NULL;
    mb_ws_close(&ws);
    CHECK(last_close_code() == 1000 && F.closes == 1);
}

static void bad_case(const char *name, const void *frame, size_t n, mb_status want, int code) {
    mb_ws ws;
    mb_sub sub;
    reset(name);
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    mb_sub_start(&ws, &sub);
    srv_bytes(&F, frame, n);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), want);
    CHECK(last_close_code() == code);
    CHECK(F.closes == 1);
    CHECK(nev == 0);
    CHECK(sub.state == MB_SUB_PENDING); /* resubscribed on the next connection */
}

/* A text message the client must refuse with close 4400. */
static void bad_text(const char *name, const char *json, mb_status want) {
    static unsigned char f[512];
    bad_case(name, f, mkframe(f, 1, 1, json, strlen(json)), want, 4400);
}

static void test_bad_frames(void) {
    static unsigned char big[5000];
    unsigned char f[64];
    size_t n;
    memset(big, 'a', sizeof big);
    bad_case("masked server frame", "\x81\x82\x01\x02\x03\x04zz", 8, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("reserved bits", "\xC1\x02{}", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("unknown data opcode", "\x83\x02{}", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("unknown control opcode", "\x8B\x00", 2, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("continuation without a start", "\x80\x02{}", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("new message inside a fragmented one", "\x01\x01{\x81\x01}", 6, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("fragmented ping", "\x09\x01x", 3, MB_ERR_WS_PROTOCOL, 1002);
    n = mkframe(f, 1, 9, big, 0);
    f[1] = 126; f[2] = 0; f[3] = 126; /* a 126-byte ping */
    bad_case("control frame over 125 bytes", f, 4, MB_ERR_WS_PROTOCOL, 1002);
    (void)n;
    bad_case("close with a 1-byte payload", "\x88\x01\x03", 3, MB_ERR_WS_PROTOCOL, 1002);
    /* codes no endpoint may send (RFC 6455 7.4): refused with 1002 */
    bad_case("close code 999", "\x88\x02\x03\xE7", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("close code 1004", "\x88\x02\x03\xEC", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("close code 1005 in a frame", "\x88\x02\x03\xED", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("close code 1006 in a frame", "\x88\x02\x03\xEE", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("close code 1015", "\x88\x02\x03\xF7", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("close code 2999", "\x88\x02\x0B\xB7", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("close code 5000", "\x88\x02\x13\x88", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("close reason that is not UTF-8", "\x88\x04\x03\xE8\xC3\x28", 6, MB_ERR_UTF8, 1007);
    bad_case("binary message", "\x82\x02{}", 4, MB_ERR_WS_PROTOCOL, 1003);
    bad_case("invalid UTF-8 text", "\x81\x04\"\xC3\x28\"", 6, MB_ERR_UTF8, 1007);
    bad_case("overlong UTF-8", "\x81\x04\"\xC0\xAF\"", 6, MB_ERR_UTF8, 1007);
    {   /* over the 256 tokens: the client's own limit, closed as too big (1009), not as the server's bad request */
        static char many[1400];
        static unsigned char fm[1500];
        size_t k = (size_t)snprintf(many, sizeof many, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"a\":[1");
        int j;
        for (j = 0; j < 300; j++) {
            many[k++] = ',';
            many[k++] = '1';
        }
        strcpy(many + k, "]}}}");
        bad_case("a message over the token array", fm, mkframe(fm, 1, 1, many, strlen(many)), MB_ERR_TOKENS, 1009);
    }
    bad_text("text that is not JSON", "hello", MB_ERR_JSON);
    bad_text("JSON without type", "{}", MB_ERR_WS_PROTOCOL);
    bad_text("JSON array", "[\"type\",\"ping\"]", MB_ERR_WS_PROTOCOL);
    bad_text("unknown message type", "{\"type\":\"data\"}", MB_ERR_WS_PROTOCOL);
    bad_text("next without payload", "{\"type\":\"next\",\"id\":\"1\"}", MB_ERR_WS_PROTOCOL);
    bad_text("second JSON value after the message", "{\"type\":\"pong\"} {}", MB_ERR_JSON);
    bad_case("non-minimal length", "\x81\x7e\x00\x02{}", 6, MB_ERR_WS_PROTOCOL, 1002);
    /* over MB_WS_MAX_FRAME (2048 in this build): refused from the header alone */
    bad_case("oversize frame", "\x81\x7e\x08\x01", 4, MB_ERR_BUFFER, 1009);
    bad_case("frame length 2^62", "\x81\x7f\x40\x00\x00\x00\x00\x00\x00\x00", 10, MB_ERR_BUFFER, 1009);
    {
        /* fragments that add up to more than MB_WS_MAX_MESSAGE (4096) */
        static unsigned char frags[6000];
        size_t k = 0;
        k += mkframe(frags + k, 0, 1, big, 2000);
        k += mkframe(frags + k, 0, 0, big, 2000);
        k += mkframe(frags + k, 1, 0, big, 200);
        bad_case("oversize message in fragments", frags, k, MB_ERR_BUFFER, 1009);
    }
    {
        /* a frame within the limits but larger than the work buffer */
        mb_ws ws;
        reset("frame larger than the buffer");
        CHECK_ST(up(&ws, 1024), MB_OK);
        srv_frame(&F, 1, 1, big, 1500);
        CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_BUFFER);
        CHECK(last_close_code() == 1009);
    }
    {
        /* next before connection_ack */
        mb_ws ws;
        mb_ws_config c = config(sizeof buf);
        reset("next before ack");
        F.auto_ack = 0;
        post_text(&F, NEXT1);
        mb_ws_init(&ws, &c);
        CHECK_ST(mb_ws_connect(&ws), MB_ERR_WS_PROTOCOL);
        CHECK(last_close_code() == 4400);
    }
}

static void test_garbage(void) {
    unsigned seed = 12345;
    int round;
    for (round = 0; round < 300; round++) {
        mb_ws ws;
        mb_sub sub;
        unsigned char g[300];
        size_t i, n = 1 + (size_t)(seed % 299u);
        mb_status s;
        reset("garbage");
        for (i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            g[i] = (unsigned char)(seed >> 16);
        }
        if (round % 3 == 0) g[0] = 0x81; /* a text frame of random bytes */
        CHECK_ST(up(&ws, 2048), MB_OK);
        stream_sub(&sub);
        mb_sub_start(&ws, &sub);
        srv_bytes(&F, g, n);
        F.drop = 1;
        s = mb_sub_poll(&ws, 1000, on_event, NULL);
        /* the stream ends in a drop: whatever the bytes were, the poll
           reports a failure and the socket is closed (sanitizers watch memory) */
        if (s == MB_OK) s = mb_sub_poll(&ws, 1000, on_event, NULL);
        CHECK(s != MB_OK && s != MB_PENDING);
        CHECK(F.closes == 1 && !F.open && sub.state == MB_SUB_PENDING);
        CHECK(F.unmasked == 0);
    }
}

static int registered(const mb_ws *ws, const mb_sub *sub) {
    int i, n = 0;
    for (i = 0; i < MB_WS_MAX_SUBS; i++) n += ws->subs[i] == sub;
    return n;
}

static void test_gql_flows(void) {
    mb_ws ws;
    mb_sub a, b, live;
    mb_ws_config c;
    int i, ia, ib;

    reset("ping before ack");
    F.auto_ack = 0;
    post_text(&F, "{\"type\":\"ping\",\"payload\":{\"message\":\"keepalive\"}}");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    {
        /* the ack comes only after our pong */
        int pinged = 0;
        F.auto_ack = 0;
        CHECK_ST(mb_ws_connect(&ws), MB_ERR_TIMEOUT);
        for (i = 0; i < F.nmsg; i++) pinged |= strcmp(F.msg[i], "{\"type\":\"pong\"}") == 0;
        CHECK(pinged);
        post_text(&F, "{\"type\":\"connection_ack\"}");
        F.now += 100000;
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
        CHECK(ws.connects == 1);
    }

    reset("several subscriptions on one socket");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&a);
    stream_sub(&b);
    memset(&live, 0, sizeof live);
    live.query = "subscription { category { name } }";
    CHECK_ST(mb_sub_start(&ws, &a), MB_OK);
    CHECK_ST(mb_sub_start(&ws, &b), MB_OK);
    CHECK_ST(mb_sub_start(&ws, &live), MB_OK);
    CHECK_ST(mb_sub_start(&ws, &live), MB_ERR_ARG);
    CHECK(a.id && b.id && live.id && a.id != b.id && b.id != live.id && a.id != live.id);
    ia = fake_find(&F, "\"id\":\"1\",\"type\":\"subscribe\"");
    ib = fake_find(&F, "\"id\":\"2\",\"type\":\"subscribe\"");
    CHECK(ia >= 0 && ib >= 0);
    if (ia >= 0)
        CHECK(strcmp(F.msg[ia], "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription S($since: "
                                "timestamptz!, $t: uuid!) { messageStream { messageId createdAt } }\",\"variables\":{"
                                "\"since\":\"2026-01-01T00:00:00Z\",\"t\": \"00000000-0000-4000-a000-000000000001\" }}}") == 0);
    CHECK(fake_find(&F, "\"id\":\"3\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { category { name } }\","
                        "\"variables\":{}}}") >= 0);
    srv_text(&F, "{\"type\":\"next\",\"id\":\"2\",\"payload\":{\"data\":{\"messageStream\":[{\"createdAt\":\"B\"}]}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"3\",\"payload\":{\"data\":{\"category\":[]}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[{\"createdAt\":\"A\"}]}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"99\",\"payload\":{\"data\":{}}}"); /* not ours: ignored */
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(nev == 3 && evs[0].sub == &b && evs[1].sub == &live && evs[2].sub == &a);
    CHECK(a.cursor_len == 3 && memcmp(a.cursor, "\"A\"", 3) == 0 && b.cursor_len == 3 && memcmp(b.cursor, "\"B\"", 3) == 0);
    CHECK(strcmp(evs[1].text, "{\"category\":[]}") == 0);
    {
        mb_sub d;
        stream_sub(&d);
        CHECK_ST(mb_sub_start(&ws, &d), MB_OK);
        CHECK_ST(mb_sub_start(&ws, &live), MB_ERR_ARG);
        {
            mb_sub e2;
            stream_sub(&e2);
            CHECK_ST(mb_sub_start(&ws, &e2), MB_ERR_BUFFER); /* MB_WS_MAX_SUBS = 4 */
        }
        CHECK_ST(mb_sub_stop(&ws, &d), MB_OK);
        CHECK(fake_find(&F, "{\"id\":\"4\",\"type\":\"complete\"}") >= 0 && d.state == MB_SUB_IDLE);
    }

    nev = 0;
    tcase = "error then complete";
    srv_text(&F, "{\"type\":\"error\",\"id\":\"2\",\"payload\":[{\"message\":\"field \\\"x\\\" not found\","
                 "\"extensions\":{\"path\":\"$.selectionSet.x\",\"code\":\"validation-failed\"}}]}");
    srv_text(&F, "{\"type\":\"complete\",\"id\":\"2\"}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"3\",\"payload\":{\"data\":null,\"errors\":[{\"message\":\"poll\","
                 "\"extensions\":{\"code\":\"unexpected\"}}]}}");
    srv_text(&F, "{\"type\":\"complete\",\"id\":\"1\"}");
    srv_text(&F, "{\"type\":\"error\",\"id\":\"3\",\"payload\":[{\"message\":\"Could not verify JWT: JWTExpired\","
                 "\"extensions\":{\"path\":\"$\",\"code\":\"invalid-jwt\"}}]}");
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(nev == 4);
    CHECK(evs[0].sub == &b && evs[0].st == MB_ERR_GRAPHQL && strcmp(evs[0].text, "field \"x\" not found") == 0);
    CHECK(b.state == MB_SUB_DONE);
    CHECK(evs[1].sub == &live && evs[1].st == MB_ERR_GRAPHQL && strcmp(evs[1].text, "poll") == 0);
    CHECK(evs[2].sub == &a && evs[2].st == MB_OK && !evs[2].has_res && a.state == MB_SUB_DONE);
    CHECK(evs[3].sub == &live && evs[3].st == MB_ERR_AUTH && live.state == MB_SUB_DONE);
    CHECK(strcmp(evs[0].code, "validation-failed") == 0 && strcmp(evs[3].code, "invalid-jwt") == 0);

    tcase = "start-failed: Hasura's error payload is one error object, not an array";
    nev = 0;
    stream_sub(&a);
    CHECK_ST(mb_sub_start(&ws, &a), MB_OK);
    {
        char m[256];
        snprintf(m, sizeof m, "{\"type\":\"error\",\"id\":\"%u\",\"payload\":{\"message\":\"an operation already "
                 "exists with this id: %u\",\"extensions\":{\"path\":\"$\",\"code\":\"start-failed\"}}}", (unsigned)a.id,
                 (unsigned)a.id);
        srv_text(&F, m);
        srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":[]}"); /* not ours any more: ignored */
        CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
        snprintf(m, sizeof m, "an operation already exists with this id: %u", (unsigned)a.id);
        CHECK(nev == 1 && evs[0].sub == &a && evs[0].st == MB_ERR_GRAPHQL && a.state == MB_SUB_DONE);
        CHECK(strcmp(evs[0].text, m) == 0 && strcmp(evs[0].code, "start-failed") == 0);
    }

    reset("keepalive: our ping when quiet, answer to theirs");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    i = F.nmsg;
    CHECK_ST(mb_sub_poll(&ws, MB_WS_PING_MS - 1, on_event, NULL), MB_OK);
    CHECK(F.nmsg == i);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    CHECK(F.nmsg == i + 1 && strcmp(F.msg[i], "{\"type\":\"ping\"}") == 0);
    srv_text(&F, "{\"type\":\"pong\"}");
    srv_text(&F, "{\"type\":\"ping\",\"payload\":{\"message\":\"keepalive\"}}");
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    CHECK(F.nmsg == i + 2 && strcmp(F.msg[i + 1], "{\"type\":\"pong\"}") == 0);
    tcase = "silent server: the link is declared dead";
    CHECK_ST(mb_sub_poll(&ws, MB_WS_IDLE_MS + 1000, on_event, NULL), MB_ERR_TIMEOUT);
    CHECK(F.closes == 1 && ws.close_code == 1006); /* gone without a close frame */

    reset("bad variables are refused at start");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&a);
    a.variables = "{\"t\": }";
    CHECK_ST(mb_sub_start(&ws, &a), MB_ERR_JSON);
    a.variables = "[1]";
    CHECK_ST(mb_sub_start(&ws, &a), MB_ERR_JSON);
    CHECK(!registered(&ws, &a));
    CHECK_ST(mb_sub_cursor(&a, "v", "f", "\"0123456789012345678901234567890123456789012345678\""), MB_ERR_BUFFER);

    /* the cursor goes into every subscribe as JSON text: one that is not
       JSON would make the server close 4400 at every connection, for good */
    tcase = "a cursor that is not JSON is refused at start";
    {
        static const char *const bad[] = {"2026-01-01T00:00:00Z", "\"a\tb\"", "\"x\" 1", "\"\\q\""};
        for (i = 0; i < 4; i++) {
            stream_sub(&a);
            CHECK_ST(mb_sub_cursor(&a, "since", "createdAt", bad[i]), MB_OK);
            CHECK_ST(mb_sub_start(&ws, &a), MB_ERR_JSON);
        }
        stream_sub(&b);
        b.cursor_len = 0; /* a cursor variable set by hand, without a value */
        CHECK_ST(mb_sub_start(&ws, &b), MB_ERR_JSON);
        CHECK(!registered(&ws, &a) && !registered(&ws, &b) && fake_find(&F, "\"subscribe\"") < 0);
    }
    tcase = "the cursor variable in the variables text as well is refused";
    stream_sub(&a);
    a.variables = "{\"t\": \"x\", \"since\": \"2020-01-01T00:00:00Z\"}"; /* the server would take this one: no resume */
    CHECK_ST(mb_sub_start(&ws, &a), MB_ERR_ARG);
    CHECK(!registered(&ws, &a) && fake_find(&F, "\"subscribe\"") < 0);
    stream_sub(&a);
    CHECK_ST(mb_sub_cursor(&a, "since", "createdAt", "{\"a\": [1, \"b\"]}"), MB_OK); /* any JSON value */
    CHECK_ST(mb_sub_start(&ws, &a), MB_OK);
    CHECK(a.state == MB_SUB_ACTIVE);

    reset("a subscription too big for the buffer ends; the others go on");
    {
        static char bigq[1200];
        memset(bigq, ' ', sizeof bigq - 1);
        memcpy(bigq, "subscription", 12);
        c = config(1024);
        mb_ws_init(&ws, &c);
        stream_sub(&a);
        memset(&b, 0, sizeof b);
        b.query = bigq;
        CHECK_ST(mb_sub_start(&ws, &b), MB_OK); /* pending: written at connection */
        CHECK_ST(mb_sub_start(&ws, &a), MB_OK);
        CHECK_ST(mb_ws_connect(&ws), MB_OK);
        CHECK(b.state == MB_SUB_DONE && a.state == MB_SUB_ACTIVE && !registered(&ws, &b) && registered(&ws, &a));
        CHECK(fake_find(&F, "\"type\":\"subscribe\"") >= 0 && fake_find(&F, "subscription   ") < 0);
        CHECK_ST(mb_sub_start(&ws, &b), MB_ERR_BUFFER); /* and at once when connected */
        CHECK(b.state == MB_SUB_DONE && a.state == MB_SUB_ACTIVE);
    }
}

static void test_reconnect(void) {
    mb_ws ws;
    mb_sub sub;
    mb_ws_config c;
    int i, before;
    uint64_t t0;
    reset("reconnect resumes the stream after the last row");
    c = config(sizeof buf);
    c.sleep_ms = NULL;
    mb_ws_init(&ws, &c);
    stream_sub(&sub);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK); /* pending until connected */
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(ws.connects == 1 && sub.state == MB_SUB_ACTIVE && sub.id == 1);
    srv_text(&F, NEXT1);
    F.drop = 1;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(nev == 1);
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_CLOSED);
    CHECK(sub.state == MB_SUB_PENDING && ws.close_code == 1006);
    /* backoff: without a sleep hook, polls before the delay return at once */
    t0 = F.now;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(F.connects == 1 && F.now == t0);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK); /* due within this timeout: still not early */
    CHECK(F.connects == 1 && F.now == t0);
    CHECK(ws.down_at == t0 && ws.retry_ms <= MB_WS_BACKOFF_MIN_MS &&
          ws.retry_ms >= MB_WS_BACKOFF_MIN_MS - MB_WS_BACKOFF_MIN_MS / 4); /* at most a quarter off */
    F.now = ws.down_at + ws.retry_ms - 1;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(F.connects == 1);
    F.now += 1; /* the delay is over */
    before = F.nmsg;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(F.connects == 2 && ws.connects == 2 && sub.state == MB_SUB_ACTIVE && sub.id == 2);
    i = fake_find(&F, "\"type\":\"subscribe\"");
    CHECK(i >= before);
    if (i >= 0) CHECK(strstr(F.msg[i], "\"id\":\"2\"") && strstr(F.msg[i], "\"since\":\"2026-01-01T00:00:02+00:00\""));

    reset("backoff doubles while connecting fails");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    stream_sub(&sub);
    mb_sub_start(&ws, &sub);
    for (i = 0; i < 4; i++) F.connect_fail[i] = MB_ERR_CONNECT;
    t0 = F.now;
    for (i = 0; i < 4; i++) CHECK_ST(mb_sub_poll(&ws, 5000, on_event, NULL), MB_ERR_CONNECT);
    /* waits of 250 + 500 + 1000 ms between the four attempts, each less up
       to a quarter at random */
    CHECK(F.now - t0 <= 1750 && F.now - t0 >= 1750 - (62 + 125 + 250));
    CHECK(F.now - t0 != 1750); /* the jitter is there */
    t0 = F.now;
    CHECK_ST(mb_sub_poll(&ws, 5000, on_event, NULL), MB_OK);
    /* the ack alone does not start it over: a link must last (below) */
    CHECK(F.now - t0 >= 1500 && F.connects == 5 && ws.connects == 1 && ws.backoff_ms == 16 * MB_WS_BACKOFF_MIN_MS);

    reset("close 1012 (server restart): reconnect and resubscribe");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    stream_sub(&sub);
    mb_sub_start(&ws, &sub);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    srv_close(&F, 1012);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_CLOSED);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(ws.connects == 2 && sub.state == MB_SUB_ACTIVE);

    reset("JWT expiry: drop, 4403 with the old token, refresh, resume");
    c = config(sizeof buf);
    c.refresh = refresh;
    refresh_jwt = "NEWTOKEN";
    mb_ws_init(&ws, &c);
    stream_sub(&sub);
    mb_sub_start(&ws, &sub);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    srv_text(&F, NEXT1);
    F.drop = 1;
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_CLOSED);
    F.auto_ack = 0;
    {
        static const char close4403[] = {(char)0x88, 2, 0x11, 0x33};
        memcpy(F.post, close4403, 4);
        F.post_len = 4;
    }
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_AUTH);
    CHECK(refreshes == 1);
    F.post_len = 0;
    F.auto_ack = 1;
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(ws.connects == 2 && fake_find(&F, "Bearer NEWTOKEN") >= 0);
    i = fake_find(&F, "\"type\":\"subscribe\"");
    CHECK(i >= 0 && strstr(F.msg[i], "\"since\":\"2026-01-01T00:00:02+00:00\""));
}

static void test_poll_timing(void) {
    mb_ws ws;
    mb_sub sub, live;
    uint64_t t0;
    int i;
    reset("a zero timeout still reads what is there");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    mb_sub_start(&ws, &sub);
    t0 = F.now;
    CHECK_ST(mb_sub_poll(&ws, 0, on_event, NULL), MB_OK);
    CHECK(nev == 0 && F.now - t0 <= 1);
    srv_text(&F, NEXT1);
    CHECK_ST(mb_sub_poll(&ws, 0, on_event, NULL), MB_OK);
    CHECK(nev == 1 && evs[0].st == MB_OK);

    reset("a late poll finds the server's keepalives: not dead");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    F.now += 3 * MB_WS_IDLE_MS; /* the caller was busy elsewhere */
    srv_text(&F, "{\"type\":\"ping\",\"payload\":{\"message\":\"keepalive\"}}");
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    CHECK(F.closes == 0 && fake_find(&F, "{\"type\":\"pong\"}") >= 0);
    F.now += 3 * MB_WS_IDLE_MS; /* ... and nothing at all this time */
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_TIMEOUT);

    reset("a live query is subscribed again as it was");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    memset(&live, 0, sizeof live);
    live.query = "subscription L($n: Int) { category(limit: $n) { name } }";
    live.variables = "{\"n\":3}";
    CHECK_ST(mb_sub_start(&ws, &live), MB_OK);
    srv_close(&F, 1001);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_CLOSED);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(ws.connects == 2 && live.state == MB_SUB_ACTIVE && live.id == 2);
    i = fake_find(&F, "\"id\":\"2\",\"type\":\"subscribe\"");
    CHECK(i >= 0 && strstr(F.msg[i], "\"variables\":{\"n\":3}}}") != NULL);

    reset("mb_ws_close: close 1000, then a poll reconnects");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    mb_sub_start(&ws, &live);
    srv_close(&F, 1000); /* the server's answer to our close */
    mb_ws_close(&ws);
    CHECK(last_close_code() == 1000 && F.closes == 1 && live.state == MB_SUB_PENDING);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    CHECK(F.connects == 2 && live.state == MB_SUB_ACTIVE);
    CHECK_ST(mb_sub_stop(&ws, &live), MB_OK);
    CHECK(live.state == MB_SUB_IDLE && fake_find(&F, "\"type\":\"complete\"") >= 0);
}

/* A subscription as the code generator describes one (what tools/codegen
 * emits for a subscription document): query, variables, data shape. */
typedef struct t_row {
    mb_str message_id, created_at;
} t_row;
typedef struct t_data {
    struct { t_row *items; size_t len; } message_stream;
} t_data;
typedef struct t_vars {
    const char *thread_id, *since;
} t_vars;
static const mb_field t_row_f[] = {
    {"messageId", offsetof(t_row, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(t_row, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape t_row_s = {t_row_f, 2, sizeof(t_row)};
static const mb_field t_data_f[] = {
    {"messageStream", offsetof(t_data, message_stream), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &t_row_s},
};
static const mb_shape t_data_s = {t_data_f, 1, sizeof(t_data)};
static const mb_var t_vars_f[] = {
    {"threadId", offsetof(t_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"since", offsetof(t_vars, since), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op t_op = {"subscription threadMessages($threadId: uuid!, $since: timestamptz!) { messageStream(batchSize: 10, "
                           "cursor: {initialValue: {createdAt: $since}, ordering: ASC}, where: {threadId: {_eq: $threadId}}) "
                           "{ messageId createdAt } }",
                           "threadMessages", t_vars_f, 2, &t_data_s};
static t_row t_rows[4];
static t_data t_got;
static mb_status t_decoded = MB_ERR_ARG;
static void on_typed(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    mb_pool pool;
    (void)user;
    pool.base = t_rows;
    pool.cap = 4;
    pool.used = pool.needed = 0;
    if (st == MB_OK && res) t_decoded = mb_sub_decode(sub, res, &t_got, &pool, 1);
}

static size_t t_needed;
static void on_count(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    mb_pool none = {NULL, 0, 0, 0};
    (void)user;
    if (st == MB_OK && res) t_decoded = mb_sub_decode(sub, res, &t_got, &none, 1);
    t_needed = none.needed;
}

static void test_typed(void) {
    mb_ws ws;
    mb_sub sub;
    t_vars v;
    int i;
    reset("a generated (typed) subscription: variables and decoding");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    memset(&sub, 0, sizeof sub);
    v.thread_id = "00000000-0000-4000-a000-00000000000a";
    v.since = "not sent: the cursor variable comes from the cursor";
    sub.op = &t_op;
    sub.vars = &v;
    CHECK_ST(mb_sub_cursor(&sub, "since", "createdAt", "\"2026-01-01T00:00:00Z\""), MB_OK);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    i = fake_find(&F, "\"type\":\"subscribe\"");
    CHECK(i >= 0 && strstr(F.msg[i], "\"operationName\":\"threadMessages\",\"variables\":{\"since\":\"2026-01-01T00:00:00Z\","
                                     "\"threadId\":\"00000000-0000-4000-a000-00000000000a\"}}}") != NULL);
    CHECK(i >= 0 && strstr(F.msg[i], "not sent") == NULL);
    srv_text(&F, NEXT1);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_typed, NULL), MB_OK);
    CHECK_ST(t_decoded, MB_OK);
    CHECK(t_got.message_stream.len == 2 && t_got.message_stream.items == t_rows);
    CHECK(mb_str_eq(t_rows[0].message_id, "a") && mb_str_eq(t_rows[1].message_id, "b") &&
          mb_str_eq(t_rows[1].created_at, "2026-01-01T00:00:02+00:00"));
    CHECK(sub.cursor_len == 27 && memcmp(sub.cursor, "\"2026-01-01T00:00:02+00:00\"", 27) == 0);
    {
        mb_sub plain;
        memset(&plain, 0, sizeof plain);
        CHECK_ST(mb_sub_decode(&plain, &ws.res, &t_got, NULL, 0), MB_ERR_ARG); /* no generated op */
    }
    srv_text(&F, NEXT1); /* counting only: no array (NULL, cap 0) is a pool the decoder counts into, without UB */
    CHECK_ST(mb_sub_poll(&ws, 1000, on_count, NULL), MB_OK);
    CHECK_ST(t_decoded, MB_ERR_CAPACITY);
    CHECK(t_needed == 2 && t_got.message_stream.items == NULL && t_got.message_stream.len == 0);
    sub.vars = NULL;
    mb_sub_stop(&ws, &sub);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_ERR_ARG); /* variables declared, none given */
}


/* An RNG hook that fails from its n-th call on (never when rng_left < 0). */
static int rng_left = -1;
static mb_status flaky_random(void *out, size_t len) {
    if (rng_left == 0) return MB_ERR_IO;
    if (rng_left > 0) rng_left--;
    return fake_random(out, len);
}

static int sent_count(int op) {
    int i, n = 0;
    for (i = 0; i < F.nmsg; i++) n += F.mop[i] == op;
    return n;
}

/* mb_ws_close sends one close frame and nothing after it (RFC 6455 5.5.1:
 * no data after a close; the server's close answers ours, it is not echoed). */
static void test_close_handshake(void) {
    mb_ws ws;
    mb_sub live;
    reset("mb_ws_close: one close frame, then nothing");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    CHECK_ST(live_sub(&ws, &live), MB_OK);
    srv_text(&F, "{\"type\":\"ping\",\"payload\":{\"message\":\"keepalive\"}}"); /* in flight as we close */
    srv_frame(&F, 1, 9, "hb", 2);
    srv_close(&F, 1000); /* the server's answer to our close */
    F.nmsg = 0;
    mb_ws_close(&ws);
    CHECK(sent_count(8) == 1 && last_close_code() == 1000);
    CHECK(F.nmsg == 1); /* no pong (text or frame) after the close */
    CHECK(F.closes == 1 && ws.close_code == 1000 && live.state == MB_SUB_PENDING);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    CHECK(F.connects == 2 && live.state == MB_SUB_ACTIVE);

    reset("mb_ws_close: messages in flight do not end the subscriptions");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    CHECK_ST(mb_sub_start(&ws, &live), MB_OK);
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"category\":[]}}}");
    srv_text(&F, "{\"type\":\"complete\",\"id\":\"1\"}");
    srv_close(&F, 1000);
    mb_ws_close(&ws);
    CHECK(live.state == MB_SUB_PENDING && registered(&ws, &live)); /* stays registered, as documented */
    CHECK(ws.close_code == 1000 && sent_count(8) == 1 && nev == 0);
}

/* mb_ws_close from a callback: the socket closes once the callback has
 * returned; what came after the message in hand is not delivered (its rows
 * come again on the next connection). A poll from a callback is refused. */
static void test_callback_calls(void) {
    mb_ws ws;
    mb_sub sub, live;
    reset("mb_ws_close in a callback");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    srv_text(&F, NEXT1);
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[{\"createdAt\":\"LATER\"}]}}}");
    srv_frame(&F, 1, 9, "hb", 2);
    stop_ws = &ws;
    F.nmsg = 0;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event_close, NULL), MB_OK);
    CHECK(nev == 1 && evs[0].st == MB_OK && strcmp(evs[0].text, DATA1) == 0);
    CHECK(F.nmsg == 1 && sent_count(8) == 1 && last_close_code() == 1000); /* the close, nothing after it */
    CHECK(F.closes == 1 && !F.open && ws.close_code == 1000 && sub.state == MB_SUB_PENDING && registered(&ws, &sub));
    CHECK(sub.cursor_len == 27 && memcmp(sub.cursor, "\"2026-01-01T00:00:02+00:00\"", 27) == 0); /* not LATER */
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK); /* at once, as after mb_ws_close */
    CHECK(F.connects == 2 && sub.state == MB_SUB_ACTIVE);

    reset("mb_sub_poll in a callback is refused");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    CHECK_ST(live_sub(&ws, &live), MB_OK);
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"category\":[]}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"category\":[{\"name\":\"x\"}]}}}");
    stop_ws = &ws;
    nested_st = MB_OK;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event_poll, NULL), MB_OK);
    CHECK(nev == 2 && nested_st == MB_ERR_ARG && F.closes == 0 && live.state == MB_SUB_ACTIVE);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK); /* out of the callback: fine again */
}

/* The transport or the RNG fails, or breaks its contract. */
static void test_faults(void) {
    mb_ws ws;
    mb_sub sub;
    mb_ws_config c;
    int i;

    reset("short sends are resumed");
    F.send_max = 3;
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    CHECK(fake_find(&F, "\"type\":\"subscribe\"") >= 0 && F.unmasked == 0);

    {
        static const struct { const char *name; int lie; } lies[] = {{"send reports 0 bytes", 1}, {"send reports more than asked", 2}};
        for (i = 0; i < 2; i++) {
            reset(lies[i].name);
            CHECK_ST(up(&ws, sizeof buf), MB_OK);
            stream_sub(&sub);
            F.lie_send = lies[i].lie;
            CHECK_ST(mb_sub_start(&ws, &sub), MB_ERR_IO);
            CHECK(sub.state == MB_SUB_PENDING); /* a failed send: subscribed again on the next connection */
        }
    }

    /* a send cut short leaves the server in the middle of a frame: what we
       send next would be read as its rest. The socket goes at once and the
       next poll reconnects (before, it stayed up with the subscription
       pending, the server eating our pongs as that frame's payload) */
    reset("a subscribe whose send fails: the socket goes, the next polls reconnect and subscribe");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    F.send_max = 20;              /* the subscribe goes in pieces... */
    F.fail_send = F.sends + 3;    /* ...and the third times out */
    F.fail_status = MB_ERR_TIMEOUT;
    CHECK_ST(mb_sub_start(&ws, &sub), MB_ERR_TIMEOUT);
    CHECK(sub.state == MB_SUB_PENDING && F.closes == 1 && !F.open);
    F.send_max = 0;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_IO); /* the lost socket, reported once */
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    CHECK(F.connects == 2 && ws.connects == 2 && sub.state == MB_SUB_ACTIVE);
    tcase = "mb_sub_stop whose complete fails";
    F.fail_send = F.sends + 1;
    F.fail_status = MB_ERR_IO;
    CHECK_ST(mb_sub_stop(&ws, &sub), MB_ERR_IO);
    CHECK(sub.state == MB_SUB_IDLE && F.closes == 2 && !F.open);

    reset("a connection reset: close code 1006, as for a drop");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    F.drop = 2;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_IO);
    CHECK(F.closes == 1 && ws.close_code == 1006);

    reset("the ping we send fails");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    F.fail_send = F.sends + 1;
    F.fail_status = MB_ERR_IO;
    CHECK_ST(mb_sub_poll(&ws, MB_WS_PING_MS + 10, on_event, NULL), MB_ERR_IO);
    CHECK(F.closes == 1);

    /* close_code tells how the last link ended: one that went without a
       close frame is 1006, never the code of the connection before it */
    reset("close_code after a send failure, an ack timeout, a refused upgrade");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    srv_close(&F, 1012);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_CLOSED);
    CHECK(ws.close_code == 1012);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK); /* reconnected */
    CHECK(ws.connects == 2 && ws.close_code == 1012); /* while the new link is up: the last close */
    F.fail_send = F.sends + 1; /* our ping */
    F.fail_status = MB_ERR_IO;
    CHECK_ST(mb_sub_poll(&ws, MB_WS_PING_MS + 10, on_event, NULL), MB_ERR_IO);
    CHECK(ws.close_code == 1006);
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    srv_close(&F, 1001);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_CLOSED);
    F.auto_ack = 0; /* the next connection gets no ack */
    F.now += MB_WS_BACKOFF_MAX_MS; /* each reconnect below: past the delay */
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_TIMEOUT);
    CHECK(ws.close_code == 1006);
    F.auto_ack = 1;
    F.now += MB_WS_BACKOFF_MAX_MS;
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK);
    srv_close(&F, 4400);
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_BAD_REQUEST);
    F.hs_fmt = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n%.0s";
    F.now += MB_WS_BACKOFF_MAX_MS;
    CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_ERR_WS_HANDSHAKE);
    CHECK(ws.close_code == 1006);

    reset("the pong we send fails");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    srv_frame(&F, 1, 9, "hb", 2);
    F.fail_send = F.sends + 1;
    F.fail_status = MB_ERR_TIMEOUT;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_TIMEOUT);
    CHECK(F.closes == 1 && sent_count(10) == 0);

    for (i = 1; i <= 2; i++) {
        reset(i == 1 ? "recv reports 0 bytes" : "recv reports more than the room");
        CHECK_ST(up(&ws, sizeof buf), MB_OK);
        srv_text(&F, "{\"type\":\"pong\"}");
        F.lie_recv = i;
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_IO);
        CHECK(F.closes == 1);
    }

    for (i = 1; i <= 2; i++) {
        reset(i == 1 ? "recv reports 0 bytes during the upgrade" : "recv reports too many bytes during the upgrade");
        F.lie_recv = i;
        CHECK_ST(up(&ws, sizeof buf), MB_ERR_IO);
        CHECK(F.closes == 1 && F.nmsg == 0);
    }

    reset("the upgrade request cannot be sent");
    F.fail_send = 1;
    F.fail_status = MB_ERR_IO;
    CHECK_ST(up(&ws, sizeof buf), MB_ERR_IO);
    CHECK(F.closes == 1 && F.nmsg == 0);

    reset("connection_init cannot be sent");
    F.fail_send = 2;
    F.fail_status = MB_ERR_IO;
    CHECK_ST(up(&ws, sizeof buf), MB_ERR_IO);
    CHECK(F.closes == 1 && F.nmsg == 0);

    reset("a subscribe sent at the ack fails: the connection fails, the subscription waits");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    stream_sub(&sub);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    F.fail_send = 3; /* the upgrade request, connection_init, then the subscribe */
    F.fail_status = MB_ERR_IO;
    CHECK_ST(mb_ws_connect(&ws), MB_ERR_IO);
    CHECK(sub.state == MB_SUB_PENDING && registered(&ws, &sub) && F.closes == 1);

    reset("closed during the upgrade");
    F.hs_fmt = "HTTP/1.1 101 Switching%.0s";
    F.hs_drop = 1;
    CHECK_ST(up(&ws, sizeof buf), MB_ERR_CLOSED);

    reset("RNG fails: key, mask");
    c = config(sizeof buf);
    c.random = flaky_random;
    rng_left = 0;
    mb_ws_init(&ws, &c);
    CHECK_ST(mb_ws_connect(&ws), MB_ERR_IO);
    CHECK(F.connects == 1 && F.req_len == 0); /* nothing sent without a key */
    rng_left = 1;                             /* the key, then not the mask of connection_init */
    F.now += 1000;
    CHECK_ST(mb_ws_connect(&ws), MB_ERR_IO);
    CHECK(F.connects == 2 && F.upgraded && F.nmsg == 0);
    rng_left = -1;
    CHECK_ST(mb_ws_connect(&ws), MB_OK);
    stream_sub(&sub);
    rng_left = 0;
    CHECK_ST(mb_sub_start(&ws, &sub), MB_ERR_IO);
    rng_left = -1;

    reset("a ping, then bytes that would fill the buffer: reads keep room for the pong");
    {
        static unsigned char f[1100], pad[1100];
        size_t n = 0;
        memset(pad, 'a', sizeof pad);
        CHECK_ST(up(&ws, 1024), MB_OK);
        n += mkframe(f, 1, 9, "", 0); /* an empty ping */
        n += mkframe(f + n, 1, 1, pad, 1018) - 8; /* then a frame that is not whole yet */
        srv_bytes(&F, f, n);
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
        CHECK(sent_count(10) == 1 && F.closes == 0);
        reset("a ping with a payload, then bytes that would fill the buffer");
        CHECK_ST(up(&ws, 1024), MB_OK);
        n = mkframe(f, 1, 9, "ab", 2);
        n += mkframe(f + n, 1, 1, pad, 1018) - 8;
        srv_bytes(&F, f, n);
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
        CHECK(sent_count(10) == 1 && F.closes == 0);
    }

    reset("a callback stops its subscription while a read has filled the buffer");
    {
        static char a[1000];
        static unsigned char fr[1200], pad[300];
        mb_sub live;
        size_t n, k;
        CHECK_ST(up(&ws, 1024), MB_OK);
        CHECK_ST(live_sub(&ws, &live), MB_OK);
        k = (size_t)snprintf(a, sizeof a, "{\"type\":\"next\",\"id\":\"%u\",\"payload\":{\"data\":{\"category\":[{\"name\":\"",
                             (unsigned)live.id);
        memset(a + k, 'x', 896 - k - 6);
        memcpy(a + 896 - 6, "\"}]}}}", 6);
        n = mkframe(fr, 1, 1, a, 896); /* 900 bytes: the first read (885) leaves it cut */
        memset(pad, 'b', sizeof pad);
        n += mkframe(fr + n, 1, 1, pad, 200) - 76; /* the second read fills the 1024 bytes */
        srv_bytes(&F, fr, n);
        stop_ws = &ws;
        stop_st = MB_OK;
        CHECK_ST(mb_sub_poll(&ws, 100, on_event_stop, NULL), MB_OK);
        CHECK(nev == 1 && evs[0].st == MB_OK && stop_st == MB_ERR_BUFFER && live.state == MB_SUB_IDLE);
    }

    reset("Hasura's keep-alive read with a batch of results that fills the buffer");
    {
        static char big[2100];
        mb_sub live;
        size_t n;
        CHECK_ST(up(&ws, sizeof buf), MB_OK);
        CHECK_ST(live_sub(&ws, &live), MB_OK);
        srv_text(&F, "{\"type\":\"ping\",\"payload\":{\"message\":\"keepalive\"}}");
        n = (size_t)snprintf(big, sizeof big, "{\"type\":\"next\",\"id\":\"%u\",\"payload\":{\"data\":{\"category\":[{\"name\":\"",
                             (unsigned)live.id);
        memset(big + n, 'x', 2000 - n - 6);
        strcpy(big + 2000 - 6, "\"}]}}}");
        for (i = 0; i < 5; i++) srv_text(&F, big); /* with the ping, more than the 8 KB buffer */
        nev = 0;
        for (i = 0; i < 5 && nev < 5; i++) CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
        CHECK(nev == 5 && evs[4].st == MB_OK && F.closes == 0);
        CHECK(fake_find(&F, "{\"type\":\"pong\"}") >= 0);
    }

    reset("a message that fills the buffer, the next head cut: no room to read");
    {
        static unsigned char f[1100], pad[1100];
        size_t n;
        memset(pad, 'a', sizeof pad);
        CHECK_ST(up(&ws, 1024), MB_OK);
        n = mkframe(f, 0, 1, pad, 1020);
        memcpy(f + n, "\x80\x7f\x00\x00", 4);
        srv_bytes(&F, f, n + 4);
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_BUFFER);
        CHECK(last_close_code() == 1009);
    }

    reset("connection_init does not fit the buffer");
    {
        static char jwt[700];
        memset(jwt, 'j', sizeof jwt - 1);
        c = config(512);
        c.jwt = jwt;
        mb_ws_init(&ws, &c);
        CHECK_ST(mb_ws_connect(&ws), MB_ERR_BUFFER);
        CHECK(F.upgraded && F.nmsg == 0 && F.closes == 1);
    }

    reset("the upgrade request does not fit the buffer");
    {
        static char url[700];
        memset(url, 'p', sizeof url - 1);
        memcpy(url, "ws://h/", 7);
        c = config(512);
        c.url = url;
        CHECK_ST(mb_ws_init(&ws, &c), MB_OK);
        CHECK_ST(mb_ws_connect(&ws), MB_ERR_BUFFER);
        CHECK(F.req_len == 0);
    }

    reset("an upgrade answer larger than the buffer");
    {
        static char big[1200];
        memset(big, 'x', sizeof big - 1);
        memcpy(big, "HTTP/1.1 101 Switching Protocols\r\nX-Pad: ", 41);
        F.hs_fmt = big;
        CHECK_ST(up(&ws, 512), MB_ERR_HTTP_LIMIT);
    }
}

/* Frames of 16- and 64-bit lengths from the client, frame heads from the
 * server at the edges of the length forms. */
static void test_lengths(void) {
    static char hbuf[140000], q[66000];
    mb_ws ws;
    mb_sub sub;
    mb_ws_config c;
    int before;
    reset("a subscribe message over 64 KB: the 64-bit length form");
    memset(q, ' ', sizeof q - 1);
    memcpy(q, "subscription { a }", 18);
    c = config(sizeof hbuf);
    c.buf = hbuf;
    CHECK_ST(mb_ws_init(&ws, &c), MB_OK);
    CHECK_ST(mb_ws_connect(&ws), MB_OK);
    memset(&sub, 0, sizeof sub);
    sub.query = q;
    before = F.frames;
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    CHECK(F.frames == before + 1 && F.last_len > 0xFFFF && F.last_len < sizeof q + 100 && F.unmasked == 0);
    CHECK_ST(mb_sub_stop(&ws, &sub), MB_OK); /* the fake parsed the big frame: the next one is found */
    CHECK(F.frames == before + 2 && fake_find(&F, "{\"id\":\"1\",\"type\":\"complete\"}") >= 0);

    bad_case("64-bit length with the top bit set", "\x81\x7f\x80\x00\x00\x00\x00\x00\x00\x01", 10, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("64-bit form for 16 bytes", "\x81\x7f\x00\x00\x00\x00\x00\x00\x00\x10", 10, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("64-bit form for 65535 bytes", "\x81\x7f\x00\x00\x00\x00\x00\x00\xff\xff", 10, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("64 KB: over the frame limit", "\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10, MB_ERR_BUFFER, 1009);
    bad_case("4 GB: over the frame limit", "\x81\x7f\x00\x00\x00\x01\x00\x00\x00\x00", 10, MB_ERR_BUFFER, 1009);
    bad_case("control frame with a 16-bit length", "\x89\x7e\x00\x7e", 4, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("continuation of nothing, fragmented", "\x00\x01x", 3, MB_ERR_WS_PROTOCOL, 1002);
    bad_case("opcode 3 inside a message", "\x01\x01{\x03\x01}", 6, MB_ERR_WS_PROTOCOL, 1002);
}

/* The graphql-transport-ws corners: cursors, ids, acks, variables. */
static void test_messages(void) {
    mb_ws ws;
    mb_sub sub, typed;
    mb_ws_config c;
    t_vars v;
    int i;
    static char vars[32];

    reset("batches that move no cursor");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":5}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[]}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":null}}");
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(nev == 4 && evs[0].st == MB_OK && evs[1].st == MB_OK && evs[2].st == MB_OK && evs[3].st == MB_ERR_NO_DATA);
    CHECK(sub.rows == 0 && sub.cursor_len == 22 && memcmp(sub.cursor, "\"2026-01-01T00:00:00Z\"", 22) == 0);

    nev = 0;
    tcase = "a last row without the cursor field, a cursor too long, a number";
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[{\"createdAt\":\"A\"},{\"x\":1}]}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[{\"createdAt\":"
                 "\"0123456789012345678901234567890123456789012345678\"}]}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[{\"createdAt\":12345}]}}}");
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(nev == 3 && evs[0].st == MB_ERR_NOT_FOUND && evs[1].st == MB_ERR_BUFFER && evs[2].st == MB_OK);
    CHECK(sub.cursor_len == 5 && memcmp(sub.cursor, "12345", 5) == 0 && sub.rows == 4);

    nev = 0;
    tcase = "a second ack, a message without an id, an id that is not a number";
    srv_text(&F, "{\"type\":\"connection_ack\"}");
    srv_text(&F, "{\"type\":\"next\",\"payload\":{\"data\":{}}}");
    srv_text(&F, "{\"type\":\"next\",\"id\":\"x1\",\"payload\":{\"data\":{}}}");
    srv_text(&F, "{\"type\":\"complete\",\"id\":\"7\"}");
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(nev == 0 && ws.connects == 1 && F.closes == 0 && sub.state == MB_SUB_ACTIVE);

    tcase = "a poll without a callback still moves the cursor";
    srv_text(&F, NEXT1);
    CHECK_ST(mb_sub_poll(&ws, 100, NULL, NULL), MB_OK);
    CHECK(nev == 0 && sub.rows == 6 && sub.cursor_len == 27);

    reset("empty variables, a typed operation without a cursor");
    CHECK_ST(up(&ws, sizeof buf), MB_OK);
    stream_sub(&sub);
    sub.variables = " { } ";
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    i = fake_find(&F, "\"id\":\"1\",\"type\":\"subscribe\"");
    CHECK(i >= 0 && strstr(F.msg[i], "\"variables\":{\"since\":\"2026-01-01T00:00:00Z\"}}}") != NULL);
    memset(&typed, 0, sizeof typed);
    v.thread_id = "t";
    v.since = "s";
    typed.op = &t_op;
    typed.vars = &v;
    CHECK_ST(mb_sub_start(&ws, &typed), MB_OK);
    i = fake_find(&F, "\"id\":\"2\",\"type\":\"subscribe\"");
    CHECK(i >= 0 && strstr(F.msg[i], "\"variables\":{\"threadId\":\"t\",\"since\":\"s\"}}}") != NULL);
    {
        static const mb_op none = {"subscription { a }", NULL, NULL, 0, NULL};
        mb_sub plain;
        memset(&plain, 0, sizeof plain);
        plain.op = &none; /* no variables: no struct needed */
        CHECK_ST(mb_sub_start(&ws, &plain), MB_OK);
        i = fake_find(&F, "\"id\":\"3\",\"type\":\"subscribe\"");
        CHECK(i >= 0 && strstr(F.msg[i], "{\"query\":\"subscription { a }\",\"variables\":{}}}") != NULL);
    }

    reset("variables changed to a non-object before the connection");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    memset(&sub, 0, sizeof sub);
    sub.query = "subscription { a }";
    strcpy(vars, "{\"n\":1}");
    sub.variables = vars;
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    strcpy(vars, "[1]");
    CHECK_ST(mb_ws_connect(&ws), MB_OK);
    CHECK(sub.state == MB_SUB_DONE && !registered(&ws, &sub) && fake_find(&F, "\"subscribe\"") < 0);

    tcase = "... and through mb_sub_poll, which tells the callback";
    mb_ws_close(&ws);
    strcpy(vars, "{\"n\":1}");
    CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
    strcpy(vars, "[1]");
    nev = 0;
    CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
    CHECK(sub.state == MB_SUB_DONE && !registered(&ws, &sub) && F.connects == 2);
    CHECK(nev == 1 && evs[0].sub == &sub && evs[0].st == MB_ERR_JSON && !evs[0].has_res);

    /* a stream that fits the buffer at first, until its cursor grows: at
       the next connection its subscribe no longer fits */
    reset("a subscribe that no longer fits at a reconnection is reported");
    {
        static char q[600];
        size_t p;
        uint64_t t0;
        memset(q, ' ', sizeof q - 1);
        memcpy(q, "subscription S($since: Int!) { messageStream { createdAt } }", 60);
        CHECK_ST(up(&ws, sizeof buf), MB_OK);
        memset(&sub, 0, sizeof sub);
        sub.query = q;
        CHECK_ST(mb_sub_cursor(&sub, "since", "createdAt", "1"), MB_OK);
        CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
        p = F.last_len; /* the subscribe's payload */
        reset("a subscribe that no longer fits at a reconnection is reported");
        c = config(27 + MB__WS_ROOM + p); /* the ack frame, the room for a head, the subscribe: exactly */
        CHECK_ST(mb_ws_init(&ws, &c), MB_OK);
        memset(&sub, 0, sizeof sub);
        sub.query = q;
        CHECK_ST(mb_sub_cursor(&sub, "since", "createdAt", "1"), MB_OK);
        CHECK_ST(mb_sub_start(&ws, &sub), MB_OK);
        CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_OK);
        CHECK(ws.connects == 1 && sub.state == MB_SUB_ACTIVE && nev == 0);
        srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[{\"createdAt\":123456789012}]}}}");
        srv_close(&F, 1012);
        CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_CLOSED); /* the batch, then the close */
        CHECK(nev == 1 && sub.cursor_len == 12);
        CHECK_ST(mb_sub_poll(&ws, 1000, on_event, NULL), MB_OK); /* reconnected: 11 bytes too many */
        CHECK(ws.connects == 2 && sub.state == MB_SUB_DONE && !registered(&ws, &sub));
        CHECK(nev == 2 && evs[1].sub == &sub && evs[1].st == MB_ERR_BUFFER && !evs[1].has_res);

        tcase = "mb_ws_close from that callback";
        srv_close(&F, 1012);
        CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_CLOSED);
        sub.state = MB_SUB_PENDING; /* queued by hand for the next connection, as mb_sub_start would */
        ws.subs[0] = &sub;
        stop_ws = &ws;
        nev = 0;
        F.nmsg = 0;
        t0 = F.now;
        CHECK_ST(mb_sub_poll(&ws, 60000, on_event_close, NULL), MB_OK);
        CHECK(nev == 1 && evs[0].st == MB_ERR_BUFFER && ws.connects == 3 && F.closes == 3 && !F.open);
        CHECK(sent_count(8) == 1 && last_close_code() == 1000 && F.now - t0 < 2000); /* closed at once */
    }

    reset("calls out of turn");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    mb_ws_set_jwt(&ws, "OTHER"); /* not stopped on a refused JWT: only the token changes */
    CHECK(ws.state == 0 && ws.cfg.jwt != NULL && strcmp(ws.cfg.jwt, "OTHER") == 0);
    mb_ws_close(&ws); /* not connected: nothing to send */
    CHECK(F.connects == 0 && F.closes == 0);
    CHECK_ST(mb_ws_connect(&ws), MB_OK);
    CHECK_ST(mb_ws_connect(&ws), MB_OK); /* already up */
    CHECK(F.connects == 1 && fake_find(&F, "Bearer OTHER") >= 0);
}

/* Upgrade answers the client takes, and the request line of other URLs. */
static void test_upgrade_forms(void) {
    static const struct { const char *name, *fmt; mb_status want; } forms[] = {
        {"Connection as a list", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: keep-alive,\tUpgrade \r\n"
                                 "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", MB_OK},
        {"Connection without upgrade", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
                                       "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n",
         MB_ERR_WS_HANDSHAKE},
        {"no Accept", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n"
                      "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n%.0s", MB_ERR_WS_HANDSHAKE},
    };
    static const struct { const char *url, *line, *host; } urls[] = {
        {"ws://localhost:8080", "GET / HTTP/1.1\r\n", "\r\nHost: localhost:8080\r\n"},
        {"ws://localhost:8080?x=1", "GET /?x=1 HTTP/1.1\r\n", "\r\nHost: localhost:8080\r\n"},
        {"ws://[::1]:8080/v1/graphql", "GET /v1/graphql HTTP/1.1\r\n", "\r\nHost: [::1]:8080\r\n"},
        {"ws://localhost/v1/graphql#frag", "GET /v1/graphql HTTP/1.1\r\n", "\r\nHost: localhost\r\n"},
    };
    mb_ws ws;
    mb_ws_config c;
    size_t i;
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        reset(forms[i].name);
        F.hs_fmt = forms[i].fmt;
        CHECK_ST(up(&ws, sizeof buf), forms[i].want);
    }
    for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        reset(urls[i].url);
        c = config(sizeof buf);
        c.url = urls[i].url;
        CHECK_ST(mb_ws_init(&ws, &c), MB_OK);
        CHECK_ST(mb_ws_connect(&ws), MB_OK);
        CHECK(strncmp(F.req, urls[i].line, strlen(urls[i].line)) == 0 && strstr(F.req, urls[i].host) != NULL);
    }
}

static mb_status refresh_null(void *user, const char **jwt) {
    (void)user;
    refreshes++;
    *jwt = NULL; /* says yes, gives nothing */
    return MB_OK;
}

/* A server that answers each subscribe with a message over the client's
 * token array: the same batch comes again at each connection. */
static void react_too_big(fake *f, int op, const char *p, size_t n) {
    static char big[2100];
    size_t k;
    if (op != 1 || !contains(p, n, "\"type\":\"subscribe\"")) return;
    strcpy(big, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"a\":[1");
    for (k = strlen(big); k < 2000; k += 2) memcpy(big + k, ",1", 2); /* 1000 numbers: over the 256 tokens */
    strcpy(big + k, "]}}}");
    srv_text(f, big);
}

/* The reconnect delay at its bounds. */
static void test_backoff(void) {
    mb_ws ws;
    mb_ws_config c;
    uint64_t t0;
    int i;
    reset("the backoff stops doubling at MB_WS_BACKOFF_MAX_MS");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    for (i = 0; i < 16; i++) F.connect_fail[i] = MB_ERR_CONNECT;
    for (i = 0; i < 10; i++) CHECK_ST(mb_sub_poll(&ws, 60000, on_event, NULL), MB_ERR_CONNECT);
    CHECK(ws.backoff_ms == MB_WS_BACKOFF_MAX_MS && ws.retry_ms <= MB_WS_BACKOFF_MAX_MS &&
          ws.retry_ms >= MB_WS_BACKOFF_MAX_MS - MB_WS_BACKOFF_MAX_MS / 4);

    tcase = "a poll shorter than the delay sleeps its timeout, then returns";
    t0 = F.now;
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
    CHECK(F.now == t0 + 100 && F.connects == 10);

    /* a connection that fails soon after its ack (here: a batch too big
       for the client, again and again) does not start the backoff over:
       the delays still double, no reconnect storm */
    reset("a link that fails soon after its ack: the backoff keeps doubling");
    c = config(sizeof buf);
    mb_ws_init(&ws, &c);
    {
        mb_sub sub;
        stream_sub(&sub);
        mb_sub_start(&ws, &sub);
        F.react = react_too_big;
        t0 = F.now;
        for (i = 0; i < 8; i++) CHECK_ST(mb_sub_poll(&ws, 60000, on_event, NULL), MB_ERR_TOKENS);
        CHECK(ws.connects == 8 && last_close_code() == 1009);
        /* waits of 250, 500, ... 16000 ms between the eight, less a quarter at most */
        CHECK(F.now - t0 >= (250u + 500 + 1000 + 2000 + 4000 + 8000 + 16000) * 3 / 4);
        CHECK(ws.backoff_ms == MB_WS_BACKOFF_MAX_MS);
        tcase = "a link that lived long starts the backoff over";
        F.react = NULL;
        F.now += MB_WS_BACKOFF_MAX_MS;
        CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_OK);
        CHECK(ws.connects == 9);
        for (i = 0; i < 8; i++) { /* 40 s of keep-alives */
            srv_text(&F, "{\"type\":\"ping\",\"payload\":{\"message\":\"keepalive\"}}");
            CHECK_ST(mb_sub_poll(&ws, 5000, on_event, NULL), MB_OK);
            F.now += 5000;
        }
        srv_close(&F, 1012);
        CHECK_ST(mb_sub_poll(&ws, 10, on_event, NULL), MB_ERR_WS_CLOSED);
        CHECK(ws.retry_ms <= MB_WS_BACKOFF_MIN_MS && ws.backoff_ms == 2 * MB_WS_BACKOFF_MIN_MS);
    }

    reset("a refresh hook that gives no token: stays down");
    c = config(sizeof buf);
    c.refresh = refresh_null;
    mb_ws_init(&ws, &c);
    F.auto_ack = 0;
    post_text(&F, "x");
    {
        static const char close4403[] = {(char)0x88, 2, 0x11, 0x33};
        F.post_len = 0;
        memcpy(F.post, close4403, 4);
        F.post_len = 4;
    }
    CHECK_ST(mb_ws_connect(&ws), MB_ERR_AUTH);
    CHECK(refreshes == 1);
    CHECK_ST(mb_ws_connect(&ws), MB_ERR_AUTH); /* stopped: no new connection */
    CHECK(F.connects == 1);

    reset("a refresh hook that fails: stays down");
    c = config(sizeof buf);
    c.refresh = refresh; /* refresh_jwt is NULL: it answers MB_ERR_AUTH */
    mb_ws_init(&ws, &c);
    F.auto_ack = 0;
    {
        static const char close4403[] = {(char)0x88, 2, 0x11, 0x33};
        memcpy(F.post, close4403, 4);
        F.post_len = 4;
    }
    CHECK_ST(mb_ws_connect(&ws), MB_ERR_AUTH);
    CHECK(refreshes == 1);
    CHECK_ST(mb_sub_poll(&ws, 100, on_event, NULL), MB_ERR_AUTH); /* stopped: no new connection */
    CHECK(F.connects == 1);
}

/* connection_init with no header, the admin secret alone, and all three
 * (each name after the first follows its comma; values are escaped). */
static void test_init_headers(void) {
    static const char *const want[] = {
        "{\"type\":\"connection_init\",\"payload\":{\"headers\":{}}}",
        "{\"type\":\"connection_init\",\"payload\":{\"headers\":{\"x-hasura-admin-secret\":\"s\\\"x\"}}}",
        ("{\"type\":\"connection_init\",\"payload\":{\"headers\":{\"Authorization\":\"Bearer J.W.T\",\"x-hasura-role\":"
         "\"user\",\"x-hasura-admin-secret\":\"s\\\"x\"}}}")};
    int i;
    for (i = 0; i < 3; i++) {
        mb_ws ws;
        mb_ws_config c = config(sizeof buf);
        reset("connection_init headers");
        if (i < 2) c.jwt = c.role = NULL;
        if (i > 0) c.admin_secret = "s\"x";
        CHECK_ST(mb_ws_init(&ws, &c), MB_OK);
        CHECK_ST(mb_ws_connect(&ws), MB_OK);
        CHECK(F.nmsg >= 1 && strcmp(F.msg[0], want[i]) == 0);
        mb_ws_close(&ws);
    }
}

int main(void) {
    test_accept();
    test_handshake();
    test_init_headers();
    test_splits();
    test_fragments();
    test_close_codes();
    test_bad_frames();
    test_garbage();
    test_gql_flows();
    test_reconnect();
    test_poll_timing();
    test_typed();
    test_faults();
    test_callback_calls();
    test_close_handshake();
    test_lengths();
    test_messages();
    test_upgrade_forms();
    test_backoff();
    printf("%d passed, %d failed\n", pass, fail);
    return fail != 0;
}
