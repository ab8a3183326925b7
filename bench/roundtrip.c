/* A full round trip to the local server over one kept-alive HTTP
 * connection, the same getChatbots query (20 chatbots) both ways, each side
 * in the same process:
 *   bench_rt_mb    mb_get_chatbots: request, HTTP, decode into structs
 *                  (platform/mb_posix.h socket)
 *   bench_rt_curl  libcurl (one easy handle, so the connection is reused)
 *                  posting the same body, then cJSON parse + extract
 * Plain HTTP on loopback: TLS would measure mbedTLS against OpenSSL.
 * Usage: roundtrip cg|wall URL JWT N   (N round trips per side) */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include "mb.h"
#include "platform/mb_posix.h"

static char work[64 * 1024], body[8192], auth[4096];
static mb_token toks[4096];
static mb_posix_socket sock;
static mb_client client;
static CURL *curl;
static struct { char *p; size_t n, cap; } got;
static char gotbuf[256 * 1024];
static volatile long sink;
static mb_chatbot_list_item bots[32];
static mb_chatbot_list_item_categories cats[128];
static mb_chatbot_list_item_metadata meta[64];

__attribute__((noinline)) long bench_rt_mb(void);
__attribute__((noinline)) long bench_rt_curl(void);

long bench_rt_mb(void) {
    mb_get_chatbots_vars v;
    mb_get_chatbots_data d;
    mb_get_chatbots_arrays a = {bots, 32, 0, cats, 128, 0, meta, 64, 0};
    mb_status s;
    memset(&v, 0, sizeof v);
    v.limit = 20;
    v.has_limit = 1;
    s = mb_get_chatbots(&client, &v, &d, &a);
    if (s != MB_OK) { fprintf(stderr, "roundtrip: mb: %s\n", mb_strerror(s)); exit(4); }
    return (long)d.chatbot.len + bots[0].chatbot_id;
}

static size_t on_data(char *p, size_t size, size_t n, void *u) {
    (void)u;
    if (got.n + size * n > got.cap) return 0;
    memcpy(got.p + got.n, p, size * n);
    got.n += size * n;
    return size * n;
}

static long cj_str(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? (long)strlen(v->valuestring) : 0;
}
static long cj_int(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

long bench_rt_curl(void) {
    cJSON *root, *e, *x;
    long k = 0, code = 0;
    got.n = 0;
    if (curl_easy_perform(curl) != CURLE_OK) { fprintf(stderr, "roundtrip: curl failed\n"); exit(5); }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    root = cJSON_ParseWithLength(got.p, got.n);
    if (code != 200 || !root) { fprintf(stderr, "roundtrip: curl: HTTP %ld, %zu bytes\n", code, got.n); exit(5); }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "data"), "chatbot")) {
        k += cj_int(e, "chatbotId") + cj_str(e, "name") + cj_str(e, "description") + cj_str(e, "avatar") +
             cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "isPro")) + cj_int(e, "order");
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "categories"))
            k += cj_int(x, "categoryId") + cj_str(cJSON_GetObjectItemCaseSensitive(x, "category"), "name");
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "metadata")) k += cj_str(x, "domainName");
    }
    cJSON_Delete(root);
    return k;
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    mb_config cfg;
    struct curl_slist *hdr = NULL;
    mb_writer w;
    int n;
    if (argc != 5 || (n = atoi(argv[4])) <= 0 || (strcmp(argv[1], "cg") != 0 && strcmp(argv[1], "wall") != 0)) {
        fprintf(stderr, "usage: roundtrip cg|wall URL JWT N\n");
        return 2;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.url = argv[2];
    cfg.jwt = argv[3];
    cfg.transport = mb_posix_transport(&sock);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = sizeof toks / sizeof toks[0];
    if (mb_client_init(&client, &cfg) != MB_OK) { fprintf(stderr, "roundtrip: bad URL\n"); return 2; }

    /* the very same JSON body for curl, built once */
    {
        mb_get_chatbots_vars v;
        memset(&v, 0, sizeof v);
        v.limit = 20;
        v.has_limit = 1;
        mb_w_init(&w, body, sizeof body - 1);
        mb_gql_begin(&w, mb_get_chatbots_op()->query, mb_get_chatbots_op()->name);
        mb_typed_write_vars(&w, mb_get_chatbots_op(), &v);
        if (mb_gql_end(&w) != MB_OK) return 3;
        body[w.len] = '\0';
    }
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", argv[3]);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl = curl_easy_init();
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    hdr = curl_slist_append(hdr, auth);
    got.p = gotbuf;
    got.cap = sizeof gotbuf;
    curl_easy_setopt(curl, CURLOPT_URL, argv[2]);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)w.len);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);

    /* both connections opened and checked before anything is measured */
    sink += bench_rt_mb() + bench_rt_curl();
    if (strcmp(argv[1], "cg") == 0) {
        for (int i = 0; i < n; i++) sink += bench_rt_mb() + bench_rt_curl();
        printf("roundtrip: %d of each, %u connection(s) for mb\n", n, (unsigned)client.connects);
    } else {
        double t[2] = {0, 0};
        for (int i = 0; i < n; i++) {
            double t0 = now_ns(), t1, t2;
            sink += bench_rt_mb();
            t1 = now_ns();
            sink += bench_rt_curl();
            t2 = now_ns();
            t[0] += t1 - t0;
            t[1] += t2 - t1;
        }
        printf("mb %.0f\ncurl %.0f\n", t[0] / n, t[1] / n);
    }
    if (client.connects != 1) { fprintf(stderr, "roundtrip: mb reconnected (%u connects): keep-alive broken\n", (unsigned)client.connects); return 6; }
    mb_client_close(&client);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return 0;
}
