/* The soak client (run by tools/soak.sh against the local stack):
 *  A. OPS sequential getChatbotCount calls over one kept-alive HTTP
 *     connection; every answer must be the first one's count;
 *  B. EVENTS messages inserted into a thread (batches of 10) while a
 *     graphql-transport-ws stream subscription receives them; each must
 *     arrive exactly once, in order.
 * Halfway through each phase the client asks for a server restart (writes
 * MARKDIR/restart-http or restart-ws) and carries on; tools/soak.sh
 * restarts the stack and writes MARKDIR/up-http or up-ws. Failures between
 * the request and the first success after "up" are the outage; any other
 * failure counts; the last quarter of each phase waits for "up", so it
 * always runs on the new connection. The resident set size is sampled along the way and must
 * stay flat. Ends with "N passed, N failed".
 * Usage: soak_client OPS EVENTS MARKDIR
 * Environment: MB_URL, MB_WS_URL, MB_JWT_ALICE. */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mb.h"
#include "platform/mb_posix.h"

static int pass, fail;
#define CHECK(c, ...)                                       \
    do {                                                    \
        if (c) { pass++; printf("PASS "); }                 \
        else { fail++; printf("FAIL "); }                   \
        printf(__VA_ARGS__);                                \
        printf("\n");                                       \
    } while (0)

static char work[64 * 1024], wbuf[64 * 1024];
static mb_token toks[4096], wtoks[4096];
static const char *markdir;

static long rss_kb(void) {
    long pages = 0, res = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &pages, &res) != 2) res = -1;
    fclose(f);
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static void mark(const char *name) {
    char p[4096];
    FILE *f;
    snprintf(p, sizeof p, "%s/%s", markdir, name);
    f = fopen(p, "w");
    if (f) fclose(f);
}

static int marked(const char *name) {
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", markdir, name);
    return access(p, F_OK) == 0;
}

/* Failure bookkeeping around one restart. */
typedef struct window {
    int asked, over; /* restart asked for; first success after "up" seen */
    unsigned long outage, real;
} window;

static void outcome(window *w, int ok, const char *up) {
    if (ok) {
        if (w->asked && !w->over && marked(up)) w->over = 1;
    } else if (w->asked && !w->over) {
        w->outage++;
        mb_posix_sleep_ms(20); /* refused connections fail fast: do not spin */
    } else {
        w->real++;
    }
}

static mb_posix_socket hsock;
static mb_client hc;

static void http_client(const char *url, const char *jwt) {
    mb_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = url;
    cfg.jwt = jwt;
    cfg.transport = mb_posix_transport(&hsock);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = sizeof toks / sizeof toks[0];
    cfg.timeout_ms = cfg.connect_timeout_ms = 5000;
    if (mb_client_init(&hc, &cfg) != MB_OK) exit(2);
}

static void phase_http(unsigned long ops) {
    window w = {0, 0, 0, 0};
    int32_t first = -1;
    unsigned long wrong = 0;
    long rss_early = 0, rss_max = 0, rss;
    for (unsigned long i = 0; i < ops; i++) {
        mb_get_chatbot_count_data d;
        mb_status s;
        if (i == ops / 2) {
            mark("restart-http");
            w.asked = 1;
        }
        if (i == ops * 3 / 4) /* the last quarter runs after the restart, whatever the timing */
            for (int k = 0; k < 1200 && !marked("up-http"); k++) mb_posix_sleep_ms(100);
        s = mb_get_chatbot_count(&hc, &d);
        if (s == MB_OK) {
            if (first < 0) first = d.chatbot_aggregate.aggregate.count;
            if (d.chatbot_aggregate.aggregate.count != first) wrong++;
        }
        outcome(&w, s == MB_OK, "up-http");
        if (i == ops / 10) rss_early = rss_kb();
        if (i % (ops / 20 ? ops / 20 : 1) == 0 || i == ops - 1) {
            rss = rss_kb();
            if (i >= ops / 10 && rss > rss_max) rss_max = rss;
            printf("  http %7lu ops: rss %ld KB, %u connections, outage failures %lu, other failures %lu\n", i + 1, rss,
                   hc.connects, w.outage, w.real);
            fflush(stdout);
        }
    }
    CHECK(w.asked && w.over, "http: the server restarted halfway and the client reconnected (%u connections)", hc.connects);
    CHECK(w.real == 0 && wrong == 0, "http: %lu operations, zero failures outside the restart (%lu), zero wrong answers (%lu); %lu failed while the server was down",
          ops, w.real, wrong, w.outage);
    if (rss_max < rss_early) rss_max = rss_early;
    CHECK(rss_early > 0 && rss_max - rss_early <= 256, "http: memory flat: rss %ld KB after 10%%, at most %ld KB after", rss_early, rss_max);
}

/* ---- phase B: a stream subscription over ws ---- */
static mb_posix_socket wsock;
static mb_ws ws;
static mb_sub sub;
static char thread[37], vars[128];
static unsigned long got, bad_order, sent;

static void on_event(void *user, mb_sub *s, mb_status st, const mb_result *res) {
    int rows, el, t;
    char text[64], want[64];
    (void)user;
    (void)s;
    if (st != MB_OK || !res) return;
    if (mb_json_find(&res->doc, res->data, "messageStream", &rows) != MB_OK) return;
    for (el = mb_json_first(&res->doc, rows); el >= 0; el = mb_json_next(&res->doc, el)) {
        snprintf(want, sizeof want, "soak-%lu", got);
        if (mb_json_find(&res->doc, el, "content", &t) != MB_OK ||
            mb_json_unescape(&res->doc, t, text, sizeof text, NULL) != MB_OK || strcmp(text, want) != 0)
            bad_order++;
        got++;
    }
}

/* Message k, retried with the same id until stored: a retry that finds it
 * stored already (the answer was lost) is a uniqueness violation. */
static int insert(unsigned long k, window *w) {
    mb_save_new_message_vars v;
    mb_save_new_message_data d;
    char id[37], content[64], slug[64];
    uint64_t end = mb_posix_now_ms() + 60000;
    int tries = 0;
    mb_uuid4(mb_posix_random, id);
    snprintf(content, sizeof content, "soak-%lu", k);
    snprintf(slug, sizeof slug, "soak-%s", id);
    memset(&v, 0, sizeof v);
    v.message_id = id;
    v.thread_id = thread;
    v.role = "user";
    v.content = content;
    v.slug = slug;
    while (mb_posix_now_ms() < end) {
        mb_status s = mb_save_new_message(&hc, &v, &d);
        if (s == MB_OK || (tries > 0 && s == MB_ERR_GRAPHQL && mb_str_eq(mb_last_error(&hc)->code, "constraint-violation"))) {
            outcome(w, 1, "up-ws");
            return 1;
        }
        tries++;
        outcome(w, 0, "up-ws");
    }
    return 0;
}

static void phase_ws(const char *ws_url, const char *jwt, unsigned long events) {
    window w = {0, 0, 0, 0};
    mb_ws_config c;
    mb_get_chatbots_vars cv;
    mb_get_chatbots_data cd;
    static mb_chatbot_list_item bots[1];
    static mb_chatbot_list_item_categories cats[16];
    static mb_chatbot_list_item_metadata metas[16];
    mb_get_chatbots_arrays ca;
    mb_create_thread_vars tv;
    mb_create_thread_data td;
    char slug[64];
    mb_status s;
    long rss_early = 0, rss_max = 0, rss;
    unsigned long stalls = 0;
    memset(&cv, 0, sizeof cv);
    cv.limit = 1;
    cv.has_limit = 1;
    memset(&ca, 0, sizeof ca);
    ca.chatbot = bots;
    ca.chatbot_cap = 1;
    ca.chatbot_categories = cats;
    ca.chatbot_categories_cap = 16;
    ca.chatbot_metadata = metas;
    ca.chatbot_metadata_cap = 16;
    s = mb_get_chatbots(&hc, &cv, &cd, &ca);
    mb_uuid4(mb_posix_random, thread);
    snprintf(slug, sizeof slug, "soak-%s", thread);
    memset(&tv, 0, sizeof tv);
    tv.thread_id = thread;
    tv.chatbot_id = s == MB_OK && cd.chatbot.len ? cd.chatbot.items[0].chatbot_id : 0;
    tv.slug = slug;
    s = mb_create_thread(&hc, &tv, &td);
    CHECK(s == MB_OK, "ws: a thread for the stream (%s)", mb_strerror(s));
    if (s != MB_OK) return;
    memset(&c, 0, sizeof c);
    c.url = ws_url;
    c.jwt = jwt;
    c.transport = mb_posix_transport(&wsock);
    c.buf = wbuf;
    c.buf_size = sizeof wbuf;
    c.tokens = wtoks;
    c.max_tokens = sizeof wtoks / sizeof wtoks[0];
    c.random = mb_posix_random;
    c.now_ms = mb_posix_now_ms;
    c.sleep_ms = mb_posix_sleep_ms;
    c.timeout_ms = c.connect_timeout_ms = 5000;
    snprintf(vars, sizeof vars, "{\"threadId\":\"%s\"}", thread);
    memset(&sub, 0, sizeof sub);
    sub.query = MB_SUB_THREAD_MESSAGES;
    sub.variables = vars;
    mb_sub_cursor(&sub, "since", "createdAt", "\"1970-01-01T00:00:00Z\"");
    s = mb_ws_init(&ws, &c);
    if (s == MB_OK) s = mb_sub_start(&ws, &sub);
    if (s == MB_OK) s = mb_ws_connect(&ws);
    CHECK(s == MB_OK, "ws: upgrade, connection_init, ack, subscribe (%s)", mb_strerror(s));
    if (s != MB_OK) return;
    while (sent < events) {
        uint64_t end;
        if (sent >= events / 2 && !w.asked) {
            mark("restart-ws");
            w.asked = 1;
        }
        if (sent >= events * 3 / 4) /* the last quarter runs after the restart */
            for (int k = 0; k < 600 && !marked("up-ws"); k++) mb_sub_poll(&ws, 200, on_event, NULL);
        for (int b = 0; b < 10 && sent < events; b++) {
            if (!insert(sent, &w)) break;
            sent++;
        }
        end = mb_posix_now_ms() + 30000;
        while (got < sent && mb_posix_now_ms() < end) {
            s = mb_sub_poll(&ws, 200, on_event, NULL);
            if (s != MB_OK) printf("  ws poll: %s (the socket goes down once for the restart)\n", mb_strerror(s));
        }
        if (got < sent) stalls++;
        rss = rss_kb();
        if (!rss_early && sent >= events / 10) rss_early = rss;
        else if (rss_early && rss > rss_max) rss_max = rss;
        if (sent % 100 == 0 || sent == events) {
            printf("  ws %5lu sent, %5lu received: rss %ld KB, %u ws connections\n", sent, got, rss, ws.connects);
            fflush(stdout);
        }
    }
    for (uint64_t end = mb_posix_now_ms() + 2000; mb_posix_now_ms() < end;) mb_sub_poll(&ws, 200, on_event, NULL);
    CHECK(w.asked && w.over && ws.connects >= 2, "ws: the server restarted halfway; the socket came back (%u connections)",
          ws.connects);
    CHECK(sent == events && got == events && bad_order == 0 && stalls == 0,
          "ws: %lu events sent, %lu received exactly once and in order (%lu out of order, %lu waits timed out)", sent, got,
          bad_order, stalls);
    CHECK(w.real == 0, "ws: zero insert failures outside the restart (%lu; %lu while the server was down)", w.real,
          w.outage);
    if (rss_max < rss_early) rss_max = rss_early;
    CHECK(rss_early > 0 && rss_max - rss_early <= 256, "ws: memory flat: rss %ld KB after 10%%, at most %ld KB after", rss_early, rss_max);
    mb_ws_close(&ws);
}

int main(int argc, char **argv) {
    const char *url = getenv("MB_URL"), *ws_url = getenv("MB_WS_URL"), *jwt = getenv("MB_JWT_ALICE");
    unsigned long ops, events;
    if (argc != 4 || !url || !ws_url || !jwt) {
        fprintf(stderr, "usage: soak_client OPS EVENTS MARKDIR (MB_URL, MB_WS_URL, MB_JWT_ALICE)\n");
        return 2;
    }
    ops = strtoul(argv[1], NULL, 10);
    events = strtoul(argv[2], NULL, 10);
    markdir = argv[3];
    http_client(url, jwt);
    if (ops) phase_http(ops);
    if (events) phase_ws(ws_url, jwt, events);
    mb_client_close(&hc);
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
