/* Building a getMessages request (HTTP head + GraphQL JSON body with
 * variables), two ways, each side in the same process:
 *   bench_mb_request        mb_request + mb_typed_write_vars + the head
 *                           mb_send would write (mb_gql_end, mb__finish_request)
 *   bench_snprintf_request  the usual hand assembly: snprintf of the body
 *                           (the query pre-escaped by hand, variables
 *                           trusted, no escaping), then snprintf of the head
 * Both produce the same bytes (checked at start).
 * Usage: request cg REPS | request wall REPS */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mb.h"

static char mbbuf[8192], body[4096], req[8192];
static mb_client client;
static const char JWT[] = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTQwMDAtYTAwMC0wMDAwMDAwMDAwMDEi"
                          "LCJodHRwczovL2hhc3VyYS5pby9qd3QvY2xhaW1zIjp7IngtaGFzdXJhLWFsbG93ZWQtcm9sZXMiOlsidXNlciJdLCJ4"
                          "LWhhc3VyYS1kZWZhdWx0LXJvbGUiOiJ1c2VyIn19.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";
static const char THREAD[] = "6e8fb9c1-4292-49f4-8982-3e0f05bd606e";
static volatile size_t sink;

__attribute__((noinline)) size_t bench_mb_request(void);
__attribute__((noinline)) size_t bench_snprintf_request(void);

size_t bench_mb_request(void) {
    mb_get_messages_vars v;
    mb_writer *w;
    memset(&v, 0, sizeof v);
    v.thread_id = THREAD;
    v.limit = 100;
    v.has_limit = 1;
    w = mb_request(&client, mb_get_messages_op()->query, mb_get_messages_op()->name);
    mb_typed_write_vars(w, mb_get_messages_op(), &v);
    if (mb_gql_end(w) != MB_OK || mb__finish_request(&client, w->len) != MB_OK) exit(4);
    return client.req_len;
}

/* the query as a C string literal escaped for JSON by hand, once */
static char query_escaped[2048];

size_t bench_snprintf_request(void) {
    int b = snprintf(body, sizeof body, "{\"query\":\"%s\",\"operationName\":\"%s\",\"variables\":{\"threadId\":\"%s\",\"limit\":%d}}",
                     query_escaped, "getMessages", THREAD, 100);
    int h = snprintf(req, sizeof req,
                     "POST /v1/graphql HTTP/1.1\r\nHost: localhost:8080\r\nContent-Type: application/json\r\n"
                     "Accept: application/json\r\nConnection: keep-alive\r\n"
                     "Content-Length: %d\r\nAuthorization: Bearer %s\r\n\r\n%s",
                     b, JWT, body);
    return (size_t)h;
}

static mb_status no_connect(void *c, const char *h, uint16_t p, uint32_t t) { (void)c, (void)h, (void)p, (void)t; return MB_ERR_CONNECT; }
static mb_status no_send(void *c, const void *d, size_t n, size_t *s, uint32_t t) { (void)c, (void)d, (void)n, (void)t; *s = 0; return MB_ERR_CONNECT; }
static mb_status no_recv(void *c, void *d, size_t n, size_t *g, uint32_t t) { (void)c, (void)d, (void)n, (void)t; *g = 0; return MB_ERR_CONNECT; }
static void no_close(void *c) { (void)c; }
static mb_token no_tokens[4];

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    mb_config cfg;
    int reps = argc > 2 ? atoi(argv[2]) : 0;
    const char *q = mb_get_messages_op()->query;
    size_t n = 0;
    if (argc != 3 || reps <= 0 || (strcmp(argv[1], "cg") != 0 && strcmp(argv[1], "wall") != 0)) {
        fprintf(stderr, "usage: request cg|wall REPS\n");
        return 2;
    }
    for (; *q; q++) { /* JSON-escape the constant query once, as a hand-written client would in its source */
        if (*q == '"' || *q == '\\') query_escaped[n++] = '\\';
        query_escaped[n++] = *q;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.url = "http://localhost:8080/v1/graphql";
    cfg.jwt = JWT;
    cfg.transport.connect = no_connect; /* nothing is sent */
    cfg.transport.send = no_send;
    cfg.transport.recv = no_recv;
    cfg.transport.close = no_close;
    cfg.buf = mbbuf;
    cfg.buf_size = sizeof mbbuf;
    cfg.tokens = no_tokens; /* nothing is decoded */
    cfg.max_tokens = 4;
    if (mb_client_init(&client, &cfg) != MB_OK) { fprintf(stderr, "request: mb_client_init failed\n"); return 3; }
    {
        size_t a = bench_mb_request(), b = bench_snprintf_request();
        if (a != b || memcmp(mbbuf, req, a) != 0) {
            fprintf(stderr, "request: the two requests differ:\n%.*s\n---\n%.*s\n", (int)a, mbbuf, (int)b, req);
            return 5;
        }
    }
    if (strcmp(argv[1], "cg") == 0) {
        for (int r = 0; r < reps; r++) sink += bench_mb_request() + bench_snprintf_request();
        printf("request: %d repeats of each\n", reps);
    } else {
        double best[2] = {1e30, 1e30};
        for (int round = 0; round < 101; round++) {
            double t0 = now_ns(), t1, t2;
            for (int r = 0; r < reps; r++) sink += bench_mb_request();
            t1 = now_ns();
            for (int r = 0; r < reps; r++) sink += bench_snprintf_request();
            t2 = now_ns();
            if ((t1 - t0) / reps < best[0]) best[0] = (t1 - t0) / reps;
            if ((t2 - t1) / reps < best[1]) best[1] = (t2 - t1) / reps;
        }
        printf("mb %.0f\nsnprintf %.0f\n", best[0], best[1]);
    }
    return 0;
}
