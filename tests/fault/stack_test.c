/* Stack high-water mark of the SDK's main paths, measured by painting: a
 * probe function paints a large region below the caller's frame with a
 * pattern, the operation runs from that caller, and the same probe then
 * finds the lowest byte the operation overwrote. Build with -O2 (and
 * without sanitizers, which change frames). Measured on the host (x86-64):
 * a Cortex-M build differs; docs/SIZE.md has the static per-function
 * figures (-fstack-usage).
 * Link with -Wl,-z,now: a lazily bound libc call costs the dynamic linker
 * about 3 KB of stack the first time, which is not the SDK's.
 * Usage: stack_test RECORDINGS_DIR [BUDGET_BYTES]  (fails over the budget) */
#define MB_IMPLEMENTATION
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "fault_transport.h"
#include "fake_server.h"

static void unused_helpers(void) { (void)fake_find; (void)srv_close; (void)post_text; }

#define PAINT (256 * 1024)
#define PATTERN 0xA5

/* One function for both jobs, so the array sits at the same place; the
 * scan reads what the operation left in memory it does not own, on purpose. */
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
static __attribute__((noinline)) size_t probe(int paint) {
    volatile unsigned char a[PAINT];
    size_t i = 0;
    if (paint) {
        for (i = 0; i < PAINT; i++) a[i] = PATTERN;
        return 0;
    }
    while (i < PAINT && a[i] == PATTERN) i++;
    return PAINT - i;
}

static char work[32 * 1024];
static mb_token toks[2048];
static char recs[4][8192];
static size_t rec_len[4];
static ft F2;
static mb_str reply;

/* The recording of operation `op` ("NN-op.http": its number changes when
 * tests/fault/record.sh captures more operations). */
static void load(const char *dir, const char *op, int slot) {
    char p[4096], want[128];
    FILE *f = NULL;
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t wl = (size_t)snprintf(want, sizeof want, "-%s.http", op);
    while (d && !f && (e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > wl && strcmp(e->d_name + l - wl, want) == 0) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            f = fopen(p, "rb");
        }
    }
    if (d) closedir(d);
    if (!f) { printf("stack_test: no recording of %s in %s\n", op, dir); exit(2); }
    rec_len[slot] = fread(recs[slot], 1, sizeof recs[slot], f);
    if (!feof(f)) { printf("stack_test: the recording of %s is over %zu bytes\n", op, sizeof recs[slot]); exit(2); }
    fclose(f);
}

static mb_client c;
static mb_status st;

static void client_for(int slot) {
    mb_config cfg;
    memset(&F2, 0, sizeof F2);
    reply.ptr = recs[slot];
    reply.len = rec_len[slot];
    F2.conns[0] = ft_clean(&reply, 1);
    F2.num_conns = 1;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = "http://127.0.0.1:8080/v1/graphql";
    cfg.jwt = "x";
    cfg.transport = ft_transport(&F2);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = sizeof toks / sizeof toks[0];
    mb_client_init(&c, &cfg);
}

static __attribute__((noinline)) void op_execute(void) {
    mb_result *res;
    st = mb_execute(&c, "query getCategories { category { name } }", "getCategories", "{\"a\":[1,{\"b\":\"c\"}]}", &res);
}

static mb_own_thread threads[16];
static mb_own_thread_messages tmsgs[64];
static __attribute__((noinline)) void op_typed(void) {
    mb_get_threads_vars v;
    mb_get_threads_data out;
    mb_get_threads_arrays a;
    memset(&v, 0, sizeof v);
    memset(&a, 0, sizeof a);
    v.limit = 3;
    v.has_limit = 1;
    a.thread = threads;
    a.thread_cap = 16;
    a.thread_messages = tmsgs;
    a.thread_messages_cap = 64;
    st = mb_get_threads(&c, &v, &out, &a);
}

static char body[8192];
static __attribute__((noinline)) void op_decode(void) {
    mb_result r;
    st = mb_gql_decode(&r, body, strlen(body), toks, sizeof toks / sizeof toks[0]);
}

static mb_ws ws;
static mb_sub sub;
static char wbuf[8192];
static unsigned events;
static void on_event(void *u, mb_sub *s, mb_status e, const mb_result *r) {
    (void)u;
    (void)s;
    (void)e;
    (void)r;
    events++;
}
static __attribute__((noinline)) void op_ws(void) {
    mb_ws_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = "ws://127.0.0.1:1/v1/graphql";
    cfg.jwt = "x";
    cfg.transport = fake_transport(&F);
    cfg.buf = wbuf;
    cfg.buf_size = sizeof wbuf;
    cfg.tokens = toks;
    cfg.max_tokens = 256;
    cfg.random = fake_random;
    cfg.now_ms = fake_now;
    cfg.sleep_ms = fake_sleep;
    if (mb_ws_init(&ws, &cfg) != MB_OK) { st = MB_ERR_ARG; return; }
    memset(&sub, 0, sizeof sub);
    sub.query = "subscription { messageStream { createdAt } }";
    mb_sub_cursor(&sub, "since", "createdAt", "\"0\"");
    mb_sub_start(&ws, &sub);
    st = mb_ws_connect(&ws);
    if (st == MB_OK) st = mb_sub_poll(&ws, 100, on_event, NULL);
}

/* The method's own check: a frame of known size must measure as such. */
static __attribute__((noinline)) void op_control(void) {
    volatile char a[10000];
    for (size_t i = 0; i < sizeof a; i++) a[i] = (char)i;
    st = a[9999] == (char)9999 ? MB_OK : MB_ERR_ARG;
}

static size_t measure(void (*op)(void)) {
    probe(1);
    op();
    return probe(0);
}

int main(int argc, char **argv) {
    size_t budget = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 0, worst = 0, n;
    int fails = 0, passes = 0;
    (void)unused_helpers;
    if (argc < 2) { printf("usage: stack_test RECORDINGS_DIR [BUDGET_BYTES]\n"); return 2; }
    load(argv[1], "getCategories", 0);
    load(argv[1], "getThreads", 1);
    {
        const char *sep = strstr(recs[1], "\r\n\r\n");
        snprintf(body, sizeof body, "%.*s", (int)(rec_len[1] - (size_t)(sep + 4 - recs[1])), sep + 4);
    }
#define ROW(label, setup, fn)                                                                          \
    do {                                                                                               \
        setup;                                                                                         \
        n = measure(fn);                                                                               \
        if (n > worst) worst = n;                                                                      \
        if (st != MB_OK || n == 0 || n >= PAINT || (budget && n > budget)) {                          \
            fails++;                                                                                   \
            printf("FAIL %-58s %6zu bytes (%s)\n", label, n, mb_strerror(st));                        \
        } else {                                                                                       \
            passes++;                                                                                  \
            printf("PASS %-58s %6zu bytes\n", label, n);                                               \
        }                                                                                              \
    } while (0)
    n = measure(op_control);
    if (n < 10000 || n > 10000 + 512) {
        fails++;
        printf("FAIL control: a 10000-byte frame measures %zu bytes\n", n);
    } else {
        passes++;
        printf("PASS control: a 10000-byte frame measures %zu bytes\n", n);
    }
    ROW("mb_execute: getCategories, request to decoded answer", client_for(0), op_execute);
    ROW("mb_get_threads: typed request and decode", client_for(1), op_typed);
    ROW("mb_gql_decode: getThreads body", (void)0, op_decode);
    ROW("ws: upgrade, connection_init/ack, subscribe, one poll", (memset(&F, 0, sizeof F), F.now = 1, F.auto_ack = 1),
        op_ws);
    printf("stack high-water mark: %zu bytes (budget %zu)\n", worst, budget);
    printf("%d passed, %d failed\n", passes, fails);
    return fails ? 1 : 0;
}
