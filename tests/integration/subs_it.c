/* Live subscriptions against the local stack (backend/local): a thread's
 * messages as a graphql-transport-ws stream over ws:// and wss://, inserted
 * by another client through HTTP mutations; each must arrive once, in
 * order, within the server's refetch interval. Then a server restart in the
 * middle of the stream, a JWT that expires on the open socket (dropped,
 * refresh hook, resume), and the close codes 4400, 4403, 4408 and 1006.
 * Environment: MB_URL, MB_HTTPS_URL (localhost), MB_CA_FILE, MB_JWT_ALICE,
 * MB_RESTART_CMD (restarts the server), MB_SHORT_TOKEN_CMD (prints a JWT
 * for alice that expires in a few seconds), MB_REFETCH_MS. */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "platform/mb_mbedtls.h"
#include "it.h"

static const char *env(const char *k) {
    const char *v = getenv(k);
    if (!v || !*v) { fprintf(stderr, "subs_it: %s is not set\n", k); exit(2); }
    return v;
}

/* ---- the writer: an HTTP client as alice ---- */
static char hwork[32 * 1024];
static mb_token htoks[1024];
static mb_posix_socket hsock;
static mb_client http;

static const char Q_CHATBOT[] = "query { chatbot(orderBy: [{order: ASC}], limit: 1) { chatbotId } }";
static const char M_THREAD[] =
    "mutation createThread($threadId: uuid!, $chatbotId: Int!, $slug: String!) {"
    " insertThreadOne(object: {threadId: $threadId, chatbotId: $chatbotId, slug: $slug, isPublic: false}) { threadId } }";
static const char M_MESSAGE[] = "mutation saveNewMessage($object: MessageInsertInput!) { insertMessageOne(object: $object) { messageId } }";

static void uuid4(char out[37]) {
    unsigned char b[16];
    if (mb_posix_random(b, 16) != MB_OK) exit(3);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
             b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static int new_thread(char thread[37]) {
    mb_result *res;
    mb_writer *w;
    int t;
    int32_t bot = 0;
    char slug[64];
    if (mb_execute(&http, Q_CHATBOT, NULL, NULL, &res) != MB_OK ||
        mb_json_find(&res->doc, res->data, "chatbot[0].chatbotId", &t) != MB_OK || mb_json_get_i32(&res->doc, t, &bot) != MB_OK)
        return 0;
    uuid4(thread);
    snprintf(slug, sizeof slug, "subs-%s", thread);
    w = mb_request(&http, M_THREAD, "createThread");
    mb_w_key(w, "threadId");
    mb_w_string(w, thread);
    mb_w_key(w, "chatbotId");
    mb_w_int(w, bot);
    mb_w_key(w, "slug");
    mb_w_string(w, slug);
    return mb_send(&http, &res) == MB_OK;
}

/* Inserted messages and when their insert began. */
#define MAXMSG 128
static char sent_content[MAXMSG][32];
static uint64_t sent_at[MAXMSG];
static int nsent;

static mb_status insert(const char *thread, const char *prefix) {
    char id[37], slug[64];
    mb_result *res;
    mb_writer *w;
    mb_status s;
    if (nsent >= MAXMSG) return MB_ERR_BUFFER;
    snprintf(sent_content[nsent], sizeof sent_content[0], "%s-%d", prefix, nsent);
    uuid4(id);
    snprintf(slug, sizeof slug, "m-%s", id);
    sent_at[nsent] = mb_posix_now_ms();
    w = mb_request(&http, M_MESSAGE, "saveNewMessage");
    mb_w_key(w, "object");
    mb_w_object_begin(w);
    mb_w_key(w, "messageId");
    mb_w_string(w, id);
    mb_w_key(w, "threadId");
    mb_w_string(w, thread);
    mb_w_key(w, "role");
    mb_w_string(w, "user");
    mb_w_key(w, "slug");
    mb_w_string(w, slug);
    mb_w_key(w, "content");
    mb_w_string(w, sent_content[nsent]);
    mb_w_object_end(w);
    s = mb_send(&http, &res);
    if (s == MB_OK) nsent++;
    else printf("  insert: %s %s\n", mb_strerror(s), mb_last_error(&http)->message.ptr);
    return s;
}

/* ---- the reader: rows as they arrive ---- */
static char got_content[MAXMSG][32];
static uint64_t got_at[MAXMSG];
static uint32_t got_conn[MAXMSG]; /* the socket it came on (mb_ws.connects) */
static const mb_ws *cur_ws;
static int ngot, nerrors, overflow;

/* The subscription as tools/codegen describes one: over wss the rows are
 * decoded by the typed layer, over ws by path lookups. */
typedef struct t_row {
    mb_str message_id, content, role, created_at;
} t_row;
typedef struct t_data {
    struct { t_row *items; size_t len; } message_stream;
} t_data;
typedef struct t_vars {
    const char *thread_id, *since;
} t_vars;
static const mb_field t_row_f[] = {
    {"messageId", offsetof(t_row, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(t_row, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"role", offsetof(t_row, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(t_row, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape t_row_s = {t_row_f, 4, sizeof(t_row)};
static const mb_field t_data_f[] = {
    {"messageStream", offsetof(t_data, message_stream), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &t_row_s},
};
static const mb_shape t_data_s = {t_data_f, 1, sizeof(t_data)};
static const mb_var t_vars_f[] = {
    {"threadId", offsetof(t_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"since", offsetof(t_vars, since), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op thread_op = {MB_SUB_THREAD_MESSAGES, "threadMessages", t_vars_f, 2, &t_data_s};
static t_vars tvars;
static int typed_batches;

/* A live query on the same socket as the stream: its whole result again
 * whenever it changes. */
static const char LIVE_Q[] = "subscription threadLive($threadId: uuid!) { message(where: {threadId: {_eq: $threadId}}, "
                             "orderBy: {createdAt: ASC}) { content } }";
static mb_sub live;
static int live_results, live_rows;
static char live_last[32];

static void on_event(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    int rows, el, t;
    (void)user;
    if (st != MB_OK || !res) {
        nerrors++;
        printf("  event: %s %s\n", mb_strerror(st), res ? res->error.message.ptr : "(complete)");
        return;
    }
    if (sub == &live) {
        live_results++;
        live_rows = -1;
        if (mb_json_find(&res->doc, res->data, "message", &rows) == MB_OK) {
            live_rows = mb_json_size(&res->doc, rows);
            live_last[0] = '\0';
            for (el = mb_json_first(&res->doc, rows); el >= 0; el = mb_json_next(&res->doc, el))
                if (mb_json_find(&res->doc, el, "content", &t) != MB_OK ||
                    mb_json_unescape(&res->doc, t, live_last, sizeof live_last, NULL) != MB_OK)
                    nerrors++;
        }
        return;
    }
    if (sub->op) {
        static t_row items[16];
        t_data d;
        mb_pool pool;
        size_t i;
        pool.base = items;
        pool.cap = 16;
        pool.used = pool.needed = 0;
        if (mb_sub_decode(sub, res, &d, &pool, 1) != MB_OK) { nerrors++; return; }
        typed_batches++;
        for (i = 0; i < d.message_stream.len; i++) {
            const t_row *r = &d.message_stream.items[i];
            if (ngot >= MAXMSG) { overflow++; continue; }
            if (r->content.len >= sizeof got_content[0] || !mb_str_eq(r->role, "user") || r->message_id.len != 36) nerrors++;
            else snprintf(got_content[ngot], sizeof got_content[0], "%s", r->content.ptr);
            got_conn[ngot] = cur_ws ? cur_ws->connects : 0;
            got_at[ngot++] = mb_posix_now_ms();
        }
        return;
    }
    if (mb_json_find(&res->doc, res->data, "messageStream", &rows) != MB_OK) { nerrors++; return; }
    for (el = mb_json_first(&res->doc, rows); el >= 0; el = mb_json_next(&res->doc, el)) {
        if (ngot >= MAXMSG) { overflow++; continue; }
        if (mb_json_find(&res->doc, el, "content", &t) != MB_OK ||
            mb_json_unescape(&res->doc, t, got_content[ngot], sizeof got_content[0], NULL) != MB_OK)
            nerrors++;
        got_conn[ngot] = cur_ws ? cur_ws->connects : 0;
        got_at[ngot++] = mb_posix_now_ms();
    }
}

/* Every message sent so far arrived exactly once, in order. */
static int all_once_in_order(void) {
    int i;
    if (ngot != nsent || overflow) return 0;
    for (i = 0; i < nsent; i++)
        if (strcmp(got_content[i], sent_content[i]) != 0) return 0;
    return 1;
}

/* ---- the ws side ---- */
static char wbuf[32 * 1024];
static mb_token wtoks[1024];
static mb_posix_socket wsock;
static mb_tls wtls;
static int wtls_on;

static const char *short_cmd, *alice;
static int refreshes;
static mb_status refresh(void *user, const char **jwt) {
    (void)user;
    refreshes++;
    *jwt = alice;
    return MB_OK;
}

static mb_status ws_open(mb_ws *ws, const char *url, const char *jwt, const char *ca) {
    mb_ws_config c;
    memset(&c, 0, sizeof c);
    c.url = url;
    c.jwt = jwt;
    c.role = "user";
    c.buf = wbuf;
    c.buf_size = sizeof wbuf;
    c.tokens = wtoks;
    c.max_tokens = sizeof wtoks / sizeof wtoks[0];
    c.random = mb_posix_random;
    c.now_ms = mb_posix_now_ms;
    c.sleep_ms = mb_posix_sleep_ms;
    c.connect_timeout_ms = 8000;
    c.timeout_ms = 5000;
    c.refresh = refresh;
    if (wtls_on) mb_tls_free(&wtls);
    wtls_on = 0;
    if (strncmp(url, "wss:", 4) == 0) {
        mb_tls_config tc;
        mb_status s;
        memset(&tc, 0, sizeof tc);
        tc.ca_file = ca;
        if ((s = mb_tls_init(&wtls, mb_posix_transport(&wsock), &tc)) != MB_OK) return s;
        wtls_on = 1;
        c.transport = mb_tls_transport(&wtls);
    } else {
        c.transport = mb_posix_transport(&wsock);
    }
    return mb_ws_init(ws, &c);
}

/* Polls until n rows have arrived or max_ms passed; records poll statuses. */
static mb_status statuses[32];
static int nstatus;
static void wait_rows(mb_ws *ws, int n, uint32_t max_ms) {
    uint64_t end = mb_posix_now_ms() + max_ms;
    cur_ws = ws;
    while (ngot < n && mb_posix_now_ms() < end) {
        mb_status s = mb_sub_poll(ws, 200, on_event, NULL);
        if (s != MB_OK && nstatus < 32) {
            statuses[nstatus++] = s;
            printf("  poll: %s (close code %u)\n", mb_strerror(s), (unsigned)ws->close_code);
        }
    }
}

static int saw_status(mb_status s) {
    int i;
    for (i = 0; i < nstatus; i++)
        if (statuses[i] == s) return 1;
    return 0;
}

static uint32_t max_latency(int from) {
    uint32_t m = 0;
    int i;
    for (i = from; i < ngot && i < nsent; i++) {
        uint64_t d = got_at[i] > sent_at[i] ? got_at[i] - sent_at[i] : 0;
        if (d > m) m = (uint32_t)d;
    }
    return m;
}

/* A thread's stream: one at a time (latency), then a burst (batches). */
static void stream_case(const char *label, const char *url, const char *ca, uint32_t refetch_ms, mb_ws *ws, mb_sub *sub,
                        char *thread, char *vars, size_t vars_cap, int typed) {
    char what[160];
    int i, ok = 1;
    mb_status s;
    nsent = ngot = nerrors = overflow = nstatus = 0;
    snprintf(what, sizeof what, "%s: a new thread for alice", label);
    CHECK(new_thread(thread), what);
    snprintf(vars, vars_cap, "{\"threadId\":\"%s\"}", thread);
    memset(sub, 0, sizeof *sub);
    if (typed) {
        tvars.thread_id = thread;
        sub->op = &thread_op;
        sub->vars = &tvars;
    } else {
        sub->query = MB_SUB_THREAD_MESSAGES;
        sub->variables = vars;
    }
    mb_sub_cursor(sub, "since", "createdAt", "\"1970-01-01T00:00:00Z\"");
    s = ws_open(ws, url, alice, ca);
    if (s == MB_OK) s = mb_sub_start(ws, sub);
    if (s == MB_OK) s = mb_ws_connect(ws);
    snprintf(what, sizeof what, "%s: upgrade, connection_init, ack, subscribe", label);
    CHECK(s == MB_OK && sub->state == MB_SUB_ACTIVE, what);
    if (s != MB_OK) { printf("  %s\n", mb_strerror(s)); return; }
    mb_sub_poll(ws, 300, on_event, NULL); /* the stream starts: nothing yet */
    for (i = 0; i < 12; i++) {
        if (insert(thread, "one") != MB_OK) ok = 0;
        wait_rows(ws, nsent, refetch_ms + 2000);
    }
    snprintf(what, sizeof what, "%s: 12 messages inserted one at a time arrive once, in order", label);
    CHECK(ok && all_once_in_order() && nerrors == 0, what);
    printf("  %s: max latency %u ms (insert start to arrival), refetch interval %u ms\n", label, max_latency(0), refetch_ms);
    snprintf(what, sizeof what, "%s: each within the refetch interval", label);
    CHECK(max_latency(0) <= refetch_ms, what);
    {
        int from = nsent;
        for (i = 0; i < 25; i++)
            if (insert(thread, "burst") != MB_OK) ok = 0;
        wait_rows(ws, nsent, refetch_ms + 5000);
        snprintf(what, sizeof what, "%s: a burst of 25 (batches of 10) arrives once, in order", label);
        CHECK(ok && all_once_in_order() && nerrors == 0, what);
        if (ngot == nsent)
            printf("  %s: burst of 25 inserted in %u ms, last row %u ms after its insert began\n", label,
                   (unsigned)(sent_at[nsent - 1] - sent_at[from]), (unsigned)(got_at[ngot - 1] - sent_at[nsent - 1]));
        snprintf(what, sizeof what, "%s: the burst's last row within the refetch interval of its insert", label);
        CHECK(ngot == nsent && got_at[ngot - 1] - sent_at[nsent - 1] <= refetch_ms, what);
    }
}

/* ---- a transport wrapper that tampers with the first frame ---- */
enum { T_SWALLOW = 1, T_CORRUPT = 2 };
typedef struct tamper {
    mb_transport inner;
    int mode, upgraded, frames;
} tamper;
static tamper tw;
static mb_status t_connect(void *ctx, const char *h, uint16_t p, uint32_t ms) {
    (void)ctx;
    tw.upgraded = tw.frames = 0;
    return tw.inner.connect(tw.inner.ctx, h, p, ms);
}
static mb_status t_send(void *ctx, const void *d, size_t n, size_t *sent, uint32_t ms) {
    static unsigned char copy[4096];
    (void)ctx;
    if (!tw.upgraded) {
        tw.upgraded = n >= 4 && memcmp((const char *)d + n - 4, "\r\n\r\n", 4) == 0;
        return tw.inner.send(tw.inner.ctx, d, n, sent, ms);
    }
    if (tw.frames++ == 0 && n <= sizeof copy) {
        size_t hl = (((const unsigned char *)d)[1] & 127) == 126 ? 8 : 6;
        if (tw.mode == T_SWALLOW) { *sent = n; return MB_OK; }
        memcpy(copy, d, n);
        copy[hl] ^= 0x5a; /* '{' becomes '!': still text, no longer JSON */
        return tw.inner.send(tw.inner.ctx, copy, n, sent, ms);
    }
    return tw.inner.send(tw.inner.ctx, d, n, sent, ms);
}
static mb_status t_recv(void *ctx, void *b, size_t cap, size_t *got, uint32_t ms) {
    (void)ctx;
    return tw.inner.recv(tw.inner.ctx, b, cap, got, ms);
}
static void t_close(void *ctx) {
    (void)ctx;
    tw.inner.close(tw.inner.ctx);
}

static mb_status tampered_connect(mb_ws *ws, const char *url, int mode) {
    mb_transport w;
    mb_status s;
    memset(&tw, 0, sizeof tw);
    tw.mode = mode;
    tw.inner = mb_posix_transport(&wsock);
    w.ctx = NULL;
    w.flags = 0;
    w.connect = t_connect;
    w.send = t_send;
    w.recv = t_recv;
    w.close = t_close;
    s = ws_open(ws, url, alice, NULL);
    if (s != MB_OK) return s;
    ws->cfg.transport = w;
    return mb_ws_connect(ws);
}

#define CHECK_ST_OK(e, what) CHECK((e) == MB_OK, what)

static void to_ws(const char *in, const char *scheme, char *out, size_t cap) {
    const char *rest = strstr(in, "://");
    snprintf(out, cap, "%s%s", scheme, rest ? rest : in);
}

int main(void) {
    const char *http_url = env("MB_URL"), *https_url = env("MB_HTTPS_URL"), *ca = env("MB_CA_FILE");
    const char *restart = env("MB_RESTART_CMD");
    uint32_t refetch = (uint32_t)atoi(env("MB_REFETCH_MS"));
    char ws_url[256], wss_url[256], thread[37], vars[128];
    static mb_ws ws;
    static mb_sub sub;
    mb_config hc;
    mb_status s;
    alice = env("MB_JWT_ALICE");
    short_cmd = env("MB_SHORT_TOKEN_CMD");
    to_ws(http_url, "ws", ws_url, sizeof ws_url);
    to_ws(https_url, "wss", wss_url, sizeof wss_url);

    memset(&hc, 0, sizeof hc);
    hc.url = http_url;
    hc.jwt = alice;
    hc.transport = mb_posix_transport(&hsock);
    hc.buf = hwork;
    hc.buf_size = sizeof hwork;
    hc.tokens = htoks;
    hc.max_tokens = sizeof htoks / sizeof htoks[0];
    CHECK(mb_client_init(&http, &hc) == MB_OK, "HTTP client (the writer) for alice");

    /* over wss first, then ws, whose socket then lives through a restart */
    stream_case("wss", wss_url, ca, refetch, &ws, &sub, thread, vars, sizeof vars, 1);
    CHECK(typed_batches > 0, "wss: rows decoded by the typed layer (a generated operation's descriptors)");
    CHECK(wtls_on && wtls.stats.handshakes >= 1, "wss: the stream ran over TLS with the local CA");
    mb_ws_close(&ws);
    stream_case("ws", ws_url, NULL, refetch, &ws, &sub, thread, vars, sizeof vars, 0);

    {
        /* a second subscription on the same socket: a live query of the
           same thread; then stopped while the stream goes on */
        int i, ok = 1, results;
        uint64_t end;
        memset(&live, 0, sizeof live);
        live.query = LIVE_Q;
        live.variables = vars;
        s = mb_sub_start(&ws, &live);
        CHECK(s == MB_OK && live.state == MB_SUB_ACTIVE && live.id != sub.id, "two subscriptions on one socket (ids differ)");
        for (end = mb_posix_now_ms() + refetch + 2000; live_results == 0 && mb_posix_now_ms() < end;)
            mb_sub_poll(&ws, 100, on_event, NULL);
        CHECK(live_results >= 1 && live_rows == nsent, "live query: the first result at once, with every message so far");
        for (i = 0; i < 2; i++)
            if (insert(thread, "both") != MB_OK) ok = 0;
        for (end = mb_posix_now_ms() + refetch + 2000;
             (ngot < nsent || live_rows != nsent) && mb_posix_now_ms() < end;)
            mb_sub_poll(&ws, 100, on_event, NULL);
        CHECK(ok && all_once_in_order() && live_rows == nsent && strcmp(live_last, sent_content[nsent - 1]) == 0,
              "both subscriptions see the new messages (stream: the rows; live query: the whole list)");
        CHECK_ST_OK(mb_sub_stop(&ws, &live), "mb_sub_stop sends complete for the live query");
        results = live_results;
        if (insert(thread, "stream-only") != MB_OK) ok = 0;
        wait_rows(&ws, nsent, refetch + 2000);
        for (end = mb_posix_now_ms() + refetch + 200; mb_posix_now_ms() < end;) mb_sub_poll(&ws, 100, on_event, NULL);
        CHECK(ok && all_once_in_order() && live_results == results && nerrors == 0,
              "after complete: the stream goes on, the live query is silent");
    }

    {
        /* server restart in the middle of the stream: rows inserted just
           before the stop and while the client has not reconnected yet */
        uint32_t before = ws.connects;
        int i, ok = 1;
        nstatus = 0;
        for (i = 0; i < 3; i++)
            if (insert(thread, "before-restart") != MB_OK) ok = 0;
        printf("  restarting the server...\n");
        CHECK(system(restart) == 0, "restart: server stopped by pid and started again");
        for (i = 0; i < 4; i++)
            if (insert(thread, "after-restart") != MB_OK) ok = 0;
        wait_rows(&ws, nsent, 20000);
        CHECK(ok && ws.connects == before + 1, "restart: the client reconnected once and subscribed again");
        CHECK(saw_status(MB_ERR_WS_CLOSED) || saw_status(MB_ERR_CLOSED), "restart: the poll reported the close (1012 or a drop)");
        printf("  restart: last close code %u, %u connections\n", (unsigned)ws.close_code, (unsigned)ws.connects);
        for (i = nsent - 7; i < ngot && i < nsent; i++)
            printf("  restart: %s arrived on socket %u\n", got_content[i], (unsigned)got_conn[i]);
        CHECK(all_once_in_order() && nerrors == 0, "restart: every message once, in order (no loss, no duplicate)");
        for (i = 0; i < 3; i++)
            if (insert(thread, "after-resume") != MB_OK) ok = 0;
        wait_rows(&ws, nsent, refetch + 2000);
        CHECK(ok && all_once_in_order() && max_latency(nsent - 3) <= refetch, "restart: the resumed stream keeps up");
        mb_ws_close(&ws);
    }

    {
        /* a JWT that expires on the open socket: the server drops it (1006);
           the old token is refused (4403), the refresh hook gives a new one */
        char shortjwt[2048] = "";
        FILE *p = popen(short_cmd, "r");
        uint64_t end;
        int i, ok = 1;
        if (p) {
            if (!fgets(shortjwt, sizeof shortjwt, p)) shortjwt[0] = '\0';
            pclose(p);
        }
        shortjwt[strcspn(shortjwt, "\r\n")] = '\0';
        CHECK(shortjwt[0] != '\0', "expiry: a short-lived token for alice");
        nstatus = 0;
        refreshes = 0;
        s = ws_open(&ws, ws_url, shortjwt, NULL);
        mb_sub_stop(&ws, &sub);
        sub.state = MB_SUB_IDLE;
        if (s == MB_OK) s = mb_sub_start(&ws, &sub); /* cursor: the last row seen above */
        if (s == MB_OK) s = mb_ws_connect(&ws);
        CHECK(s == MB_OK, "expiry: connected with the short-lived token");
        for (i = 0; i < 2; i++)
            if (insert(thread, "before-expiry") != MB_OK) ok = 0;
        wait_rows(&ws, nsent, refetch + 2000);
        CHECK(ok && all_once_in_order(), "expiry: rows arrive before the token expires (resumed from the cursor)");
        end = mb_posix_now_ms() + 15000;
        while (!saw_status(MB_ERR_CLOSED) && mb_posix_now_ms() < end) {
            s = mb_sub_poll(&ws, 200, on_event, NULL);
            if (s != MB_OK && nstatus < 32) statuses[nstatus++] = s;
        }
        CHECK(saw_status(MB_ERR_CLOSED) && ws.close_code == 1006, "close 1006 (JWT exp, no close frame) -> MB_ERR_CLOSED");
        for (i = 0; i < 3; i++)
            if (insert(thread, "after-expiry") != MB_OK) ok = 0;
        wait_rows(&ws, nsent, 10000);
        CHECK(refreshes == 1 && saw_status(MB_ERR_AUTH), "expiry: the old token got 4403 (MB_ERR_AUTH), the refresh hook was called once");
        CHECK(ok && all_once_in_order() && nerrors == 0, "expiry: resumed with the new token, every message once, in order");
        printf("  %d messages in all over this thread\n", nsent);
        mb_ws_close(&ws);
    }

    /* close codes from the real server */
    s = ws_open(&ws, ws_url, "not-a-jwt", NULL);
    ws.cfg.refresh = NULL;
    if (s == MB_OK) s = mb_ws_connect(&ws);
    CHECK(s == MB_ERR_AUTH && ws.close_code == 4403, "close 4403 (token refused at connection_init) -> MB_ERR_AUTH");
    CHECK(mb_sub_poll(&ws, 10, on_event, NULL) == MB_ERR_AUTH, "  ...and it stays down without a refresh hook");
    s = tampered_connect(&ws, ws_url, T_CORRUPT);
    CHECK(s == MB_ERR_WS_BAD_REQUEST && ws.close_code == 4400, "close 4400 (a message that is not JSON) -> MB_ERR_WS_BAD_REQUEST");
    s = tampered_connect(&ws, ws_url, T_SWALLOW);
    CHECK(s == MB_ERR_WS_INIT_TIMEOUT && ws.close_code == 4408, "close 4408 (no connection_init in time) -> MB_ERR_WS_INIT_TIMEOUT");
    printf("  (4408 status: %s, code %u)\n", mb_strerror(s), (unsigned)ws.close_code);

    mb_client_close(&http);
    if (wtls_on) mb_tls_free(&wtls);
    printf("%d passed, %d failed\n", pass, fail);
    return fail != 0;
}
