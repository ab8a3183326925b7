/* Heap used by mbedTLS (Debian 2.28, linked statically with calloc/free
 * wrapped) for one verified HTTPS session to a test peer: the peak during
 * the handshake and the exchange, and what stays allocated while a kept-alive
 * session is idle. The RAM figure for a device's static pool.
 * Usage: tls_heap PKI_DIR PORT */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "platform/mb_mbedtls.h"

static size_t cur, peak, calls;
void *__real_calloc(size_t n, size_t m);
void __real_free(void *p);
void *__wrap_calloc(size_t n, size_t m);
void __wrap_free(void *p);
void *__wrap_calloc(size_t n, size_t m) {
    size_t sz = n * m;
    size_t *p = (size_t *)__real_calloc(1, sz + sizeof(size_t) * 2);
    if (!p) return NULL;
    p[0] = sz;
    cur += sz;
    calls++;
    if (cur > peak) peak = cur;
    return p + 2;
}
void __wrap_free(void *q) {
    if (!q) return;
    size_t *p = (size_t *)q - 2;
    cur -= p[0];
    __real_free(p);
}

int main(int argc, char **argv) {
    static char work[16384], url[128], path[512];
    static mb_token toks[256];
    static mb_posix_socket sock;
    static mb_tls tls;
    mb_tls_config tc = {0};
    mb_config cfg = {0};
    mb_client c;
    mb_result *res;
    size_t after_init, idle;
    if (argc != 3) return 2;
    snprintf(path, sizeof path, "%s/ca.crt", argv[1]);
    snprintf(url, sizeof url, "https://localhost:%s/v1/graphql", argv[2]);
    tc.ca_file = path;
    if (mb_tls_init(&tls, mb_posix_transport(&sock), &tc) != MB_OK) return 3;
    after_init = cur;
    cfg.url = url;
    cfg.transport = mb_tls_transport(&tls);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = 256;
    if (mb_client_init(&c, &cfg) != MB_OK || mb_execute(&c, "query { tls }", NULL, NULL, &res) != MB_OK) return 4;
    idle = cur;
    mb_client_close(&c);
    mb_tls_free(&tls);
    printf("mbedTLS %s, IN/OUT content length %d/%d\n", MBEDTLS_VERSION_STRING, MBEDTLS_SSL_IN_CONTENT_LEN,
           MBEDTLS_SSL_OUT_CONTENT_LEN);
    printf("heap after init (CA parsed, DRBG seeded): %zu bytes\n", after_init);
    printf("heap peak over handshake + one query:      %zu bytes\n", peak);
    printf("heap held by an idle kept-alive session:   %zu bytes\n", idle);
    printf("heap after free: %zu bytes (%zu allocations in all)\n", cur, calls);
    return cur == 0 ? 0 : 1;
}
