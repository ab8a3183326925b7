/* Shared by the integration programs that talk HTTP and HTTPS: a client over
 * the POSIX socket, or over TLS with a CA file for https URLs, on the
 * caller's buffers. Include after mb.h, mb_posix.h and mb_mbedtls.h. */
#ifndef MB_IT_CONN_H
#define MB_IT_CONN_H
#include <stdlib.h>
#include <string.h>

typedef struct conn {
    mb_posix_socket sock;
    mb_tls tls;
    int tls_on;
    mb_client c;
} conn;

/* The value of an environment variable the program needs (exit 2 without). */
static const char *env(const char *k) {
    const char *v = getenv(k);
    if (!v || !*v) { fprintf(stderr, "%s is not set\n", k); exit(2); }
    return v;
}

/* https URLs get TLS with ca_file; http URLs the plain socket. */
static mb_status open_conn_buf(conn *k, const char *url, const char *jwt, const char *ca_file, char *buf, size_t cap,
                               mb_token *tokens, size_t ntoks, uint32_t timeout_ms) {
    mb_config cfg;
    memset(k, 0, sizeof *k);
    memset(&cfg, 0, sizeof cfg);
    cfg.url = url;
    cfg.jwt = jwt;
    cfg.buf = buf;
    cfg.buf_size = cap;
    cfg.tokens = tokens;
    cfg.max_tokens = ntoks;
    cfg.timeout_ms = cfg.connect_timeout_ms = timeout_ms;
    if (strncmp(url, "https:", 6) == 0) {
        mb_tls_config tc;
        mb_status s;
        memset(&tc, 0, sizeof tc);
        tc.ca_file = ca_file;
        k->tls_on = 1;
        s = mb_tls_init(&k->tls, mb_posix_transport(&k->sock), &tc);
        if (s != MB_OK) return s;
        cfg.transport = mb_tls_transport(&k->tls);
    } else {
        cfg.transport = mb_posix_transport(&k->sock);
    }
    return mb_client_init(&k->c, &cfg);
}

static void close_conn(conn *k) {
    mb_client_close(&k->c);
    if (k->tls_on) mb_tls_free(&k->tls);
}
#endif
