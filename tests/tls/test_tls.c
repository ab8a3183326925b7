/* The mbedTLS adapter over POSIX sockets against tests/tls/servers.mjs:
 * verified HTTPS, keep-alive on one session, resumption on reconnect, IP
 * literals, and a distinct status for each refusal.
 * Usage: test_tls PKI_DIR PORTS_JSON */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "platform/mb_mbedtls.h"
#include "../integration/it.h"

static const char *pki;
static unsigned char ca_pem[8192], ca_der[4096], cl_crt[8192], cl_key[8192], other_key[8192];
static size_t ca_pem_len, ca_der_len, cl_crt_len, cl_key_len, other_key_len;
static char work[16384];
static mb_token toks[256];
static int warnings;

static size_t load(const char *name, unsigned char *buf, size_t cap, int nul) {
    char path[512];
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/%s", pki, name);
    f = fopen(path, "rb");
    if (!f) { printf("cannot open %s\n", path); exit(2); }
    n = fread(buf, 1, cap - 1, f);
    fclose(f);
    if (nul) buf[n++] = '\0'; /* mbedTLS wants PEM with its NUL counted */
    return n;
}

static void on_log(void *u, mb_log_level l, const char *m, size_t n) {
    (void)u;
    (void)n;
    if (l == MB_LOG_WARN && strstr(m, "insecure")) warnings++;
}

typedef struct session {
    mb_posix_socket sock;
    mb_tls tls;
    mb_client c;
    mb_status init;
} session;

/* Sets up TLS (tc may be NULL: the test CA) and a client for url. */
static mb_status open_session(session *s, const char *url, const mb_tls_config *tc, uint32_t timeout_ms) {
    mb_tls_config def;
    mb_config cfg;
    memset(&def, 0, sizeof def);
    def.ca_pem = ca_pem;
    def.ca_len = ca_pem_len;
    s->init = mb_tls_init(&s->tls, mb_posix_transport(&s->sock), tc ? tc : &def);
    if (s->init != MB_OK) return s->init;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = url;
    cfg.jwt = "header.payload.signature";
    cfg.transport = mb_tls_transport(&s->tls);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = 256;
    cfg.timeout_ms = cfg.connect_timeout_ms = timeout_ms;
    return mb_client_init(&s->c, &cfg);
}

/* POSIX sockets that resolve an absolute name ("localhost.") as a resolver
 * does: this machine's hosts file knows only "localhost". */
static mb_status (*posix_connect)(void *, const char *, uint16_t, uint32_t);
static mb_status abs_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    char h[256];
    size_t n = strlen(host);
    if (n > 1 && n < sizeof h && host[n - 1] == '.') {
        memcpy(h, host, n - 1);
        h[n - 1] = '\0';
        host = h;
    }
    return posix_connect(ctx, host, port, timeout_ms);
}

static void close_session(session *s) {
    mb_client_close(&s->c);
    mb_tls_free(&s->tls);
}

static mb_status query(session *s, mb_result **res) { return mb_execute(&s->c, "query { tls }", NULL, NULL, res); }

/* Another client for url over s's TLS transport, and so its saved session;
 * s's own client must be closed first (one connection per mb_tls). */
static mb_status other_client(session *s, mb_client *c, const char *u) {
    mb_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = u;
    cfg.transport = mb_tls_transport(&s->tls);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = 256;
    cfg.timeout_ms = cfg.connect_timeout_ms = 5000;
    return mb_client_init(c, &cfg);
}

static int field_is(mb_result *res, const char *path, const char *want) {
    int t;
    if (mb_json_find(&res->doc, res->data, path, &t) != MB_OK) return 0;
    return mb_str_eq(mb_json_raw_view(&res->doc, t), want);
}

static int port_of(const char *json, const char *name) {
    static mb_token pt[64];
    mb_json d;
    int t;
    int32_t v = 0;
    if (mb_json_parse(&d, json, strlen(json), pt, 64) != MB_OK || mb_json_find(&d, 0, name, &t) != MB_OK ||
        mb_json_get_i32(&d, t, &v) != MB_OK)
        return 0;
    return (int)v;
}

static void url(char *out, size_t cap, const char *host, int port) {
    snprintf(out, cap, "https://%s:%d/v1/graphql", host, port);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One handshake against a peer that must be refused with `want`. */
static void refused(const char *what, const char *host, int port, mb_status want) {
    session s;
    mb_result *res;
    char u[128];
    mb_status got;
    url(u, sizeof u, host, port);
    if (open_session(&s, u, NULL, 3000) != MB_OK) {
        CHECK(0, what);
        close_session(&s);
        return;
    }
    got = query(&s, &res);
    if (got != want) printf("  %s: got %s (mbedTLS -0x%04x, flags 0x%x)\n", what, mb_strerror(got), (unsigned)-s.tls.last_error, (unsigned)s.tls.verify_flags);
    CHECK(got == want && s.tls.stats.handshakes == 0, what);
    close_session(&s);
}

int main(int argc, char **argv) {
    const char *ports;
    char u[128];
    session s;
    mb_result *res;
    if (argc != 3) { fprintf(stderr, "usage: test_tls PKI_DIR PORTS_JSON\n"); return 2; }
    pki = argv[1];
    ports = argv[2];
    ca_pem_len = load("ca.crt", ca_pem, sizeof ca_pem, 1);
    ca_der_len = load("ca.der", ca_der, sizeof ca_der, 0);
    cl_crt_len = load("client.crt", cl_crt, sizeof cl_crt, 1);
    cl_key_len = load("client.key", cl_key, sizeof cl_key, 1);
    other_key_len = load("otherhost.key", other_key, sizeof other_key, 1); /* a valid key of another pair */

    /* verified HTTPS, keep-alive on one TLS session */
    url(u, sizeof u, "localhost", port_of(ports, "good"));
    CHECK(open_session(&s, u, NULL, 5000) == MB_OK, "init with a PEM CA");
    {
        int ok = 1;
        double t0 = now_s();
        ok &= query(&s, &res) == MB_OK;
        printf("  full handshake + first query: %.1f ms\n", (now_s() - t0) * 1e3);
        for (int i = 1; i < 12; i++) ok &= query(&s, &res) == MB_OK && field_is(res, "auth", "bearer");
        CHECK(ok, "12 JWT-authenticated queries over HTTPS");
    }
    CHECK(s.tls.stats.handshakes == 1 && s.tls.stats.full == 1 && s.c.connects == 1,
          "keep-alive: 12 calls, 1 TCP connection, 1 full handshake");
    printf("  full handshake: %zu bytes out, %zu bytes in\n", s.tls.stats.last_hs_out, s.tls.stats.last_hs_in);
    mb_client_close(&s.c); /* drop the connection: the next call reconnects */
    {
        double t0 = now_s();
        mb_status st = query(&s, &res);
        printf("  resumed handshake + query: %.1f ms\n", (now_s() - t0) * 1e3);
        CHECK(st == MB_OK && field_is(res, "tls.resumed", "true"), "reconnect resumes the session (server agrees)");
    }
    CHECK(s.tls.stats.handshakes == 2 && s.tls.stats.full == 1 && s.tls.stats.resumed == 1,
          "reconnect: 2 handshakes, still 1 full");
    printf("  resumed handshake: %zu bytes out, %zu bytes in\n", s.tls.stats.last_hs_out, s.tls.stats.last_hs_in);
    mb_tls_forget_session(&s.tls);
    mb_client_close(&s.c);
    CHECK(query(&s, &res) == MB_OK && field_is(res, "tls.resumed", "false") && s.tls.stats.full == 2,
          "after forgetting the session: a full handshake again");
    close_session(&s);

    /* IP literals: the server certificate names 127.0.0.1 and ::1 only as iPAddress */
    url(u, sizeof u, "127.0.0.1", port_of(ports, "good"));
    CHECK(open_session(&s, u, NULL, 5000) == MB_OK && query(&s, &res) == MB_OK, "https://127.0.0.1 verifies against the IP SAN");
    CHECK(field_is(res, "tls.sni", "null"), "  ...and sends no SNI");
    close_session(&s);
    url(u, sizeof u, "[::1]", port_of(ports, "good6"));
    CHECK(open_session(&s, u, NULL, 5000) == MB_OK && query(&s, &res) == MB_OK, "https://[::1] verifies against the IP SAN");
    close_session(&s);

    /* a saved session belongs to the host and port it was made with: offered
       elsewhere, a server that can resume it (here: one sharing the ticket
       keys, as behind one TLS terminator) would skip certificate checks */
    {
        mb_client c2;
        mb_status st;
        url(u, sizeof u, "localhost", port_of(ports, "shared"));
        CHECK(open_session(&s, u, NULL, 5000) == MB_OK && query(&s, &res) == MB_OK && s.tls.stats.full == 1,
              "shared ticket keys: full handshake with the server for localhost");
        mb_client_close(&s.c);
        url(u, sizeof u, "localhost", port_of(ports, "sharedother"));
        st = other_client(&s, &c2, u);
        if (st == MB_OK) st = mb_execute(&c2, "query { tls }", NULL, NULL, &res);
        if (st != MB_ERR_TLS_HOSTNAME) printf("  got %s, %u resumed\n", mb_strerror(st), (unsigned)s.tls.stats.resumed);
        CHECK(st == MB_ERR_TLS_HOSTNAME && s.tls.stats.resumed == 0,
              "the session is not offered to another port: its server (certificate for other.example) is refused");
        mb_client_close(&c2);
        close_session(&s);

        url(u, sizeof u, "localhost", port_of(ports, "good"));
        CHECK(open_session(&s, u, NULL, 5000) == MB_OK && query(&s, &res) == MB_OK, "a session with localhost");
        mb_client_close(&s.c);
        url(u, sizeof u, "127.0.0.1", port_of(ports, "good"));
        st = other_client(&s, &c2, u);
        if (st == MB_OK) st = mb_execute(&c2, "query { tls }", NULL, NULL, &res);
        CHECK(st == MB_OK && field_is(res, "tls.resumed", "false") && s.tls.stats.full == 2 && s.tls.stats.resumed == 0,
              "not offered to another host name on the same port: a full handshake");
        mb_client_close(&c2);
        st = other_client(&s, &c2, u);
        if (st == MB_OK) st = mb_execute(&c2, "query { tls }", NULL, NULL, &res);
        CHECK(st == MB_OK && field_is(res, "tls.resumed", "true") && s.tls.stats.resumed == 1,
              "...and that host's own session resumes");
        mb_client_close(&c2);
        close_session(&s);
    }

    /* the end of a body that only the end of the stream delimits: close_notify
       ends it, a TCP close without it (anyone on the path can cut) does not */
    url(u, sizeof u, "localhost", port_of(ports, "eofnotify"));
    CHECK(open_session(&s, u, NULL, 5000) == MB_OK && query(&s, &res) == MB_OK && field_is(res, "tls.ended", "close_notify"),
          "close-delimited body ended by close_notify -> MB_OK");
    close_session(&s);
    {
        mb_status st;
        url(u, sizeof u, "localhost", port_of(ports, "eofcut"));
        open_session(&s, u, NULL, 5000);
        st = query(&s, &res);
        if (st != MB_ERR_IO) printf("  got %s (mbedTLS -0x%04x)\n", mb_strerror(st), (unsigned)-s.tls.last_error);
        CHECK(st == MB_ERR_IO && s.tls.last_error == MBEDTLS_ERR_SSL_CONN_EOF,
              "close-delimited body cut without close_notify -> MB_ERR_IO, not a complete answer");
        close_session(&s);
    }

    /* an absolute name: verified and sent as SNI without its final dot */
    {
        mb_tls_config tc;
        mb_config cfg;
        mb_transport posix_abs = mb_posix_transport(&s.sock);
        mb_status st;
        memset(&tc, 0, sizeof tc);
        tc.ca_pem = ca_pem;
        tc.ca_len = ca_pem_len;
        posix_connect = posix_abs.connect;
        posix_abs.connect = abs_connect;
        url(u, sizeof u, "localhost.", port_of(ports, "good"));
        st = mb_tls_init(&s.tls, posix_abs, &tc);
        memset(&cfg, 0, sizeof cfg);
        cfg.url = u;
        cfg.transport = mb_tls_transport(&s.tls);
        cfg.buf = work;
        cfg.buf_size = sizeof work;
        cfg.tokens = toks;
        cfg.max_tokens = 256;
        cfg.timeout_ms = cfg.connect_timeout_ms = 5000;
        if (st == MB_OK) st = mb_client_init(&s.c, &cfg);
        if (st == MB_OK) st = query(&s, &res);
        if (st != MB_OK) printf("  got %s (flags 0x%x)\n", mb_strerror(st), (unsigned)s.tls.verify_flags);
        CHECK(st == MB_OK && field_is(res, "tls.sni", "localhost"), "https://localhost.: verified as localhost, SNI localhost");
        close_session(&s);
    }

    /* refusals, each with its own status */
    refused("certificate from an unknown CA -> MB_ERR_TLS_UNTRUSTED", "localhost", port_of(ports, "untrusted"), MB_ERR_TLS_UNTRUSTED);
    refused("certificate for another host -> MB_ERR_TLS_HOSTNAME", "localhost", port_of(ports, "otherhost"), MB_ERR_TLS_HOSTNAME);
    refused("IP literal not in the certificate -> MB_ERR_TLS_HOSTNAME", "127.0.0.1", port_of(ports, "otherhost"), MB_ERR_TLS_HOSTNAME);
    /* inet_aton (getaddrinfo) reads 010 as octal: 127.0.0.010 is 127.0.0.8,
       whose server has a certificate for 127.0.0.10 only */
    refused("127.0.0.010 (127.0.0.8) is not checked as 127.0.0.10 -> MB_ERR_TLS_HOSTNAME", "127.0.0.010", port_of(ports, "ip8"), MB_ERR_TLS_HOSTNAME);
    refused("expired certificate -> MB_ERR_TLS_EXPIRED", "localhost", port_of(ports, "expired"), MB_ERR_TLS_EXPIRED);
    refused("self-signed certificate -> MB_ERR_TLS_SELF_SIGNED", "localhost", port_of(ports, "selfsigned"), MB_ERR_TLS_SELF_SIGNED);
    refused("server closes mid-handshake -> MB_ERR_TLS_HANDSHAKE", "localhost", port_of(ports, "cut"), MB_ERR_TLS_HANDSHAKE);
    {
        double t0 = now_s(), dt;
        url(u, sizeof u, "localhost", port_of(ports, "silent"));
        open_session(&s, u, NULL, 300);
        CHECK(query(&s, &res) == MB_ERR_TIMEOUT, "silent server: the handshake times out");
        dt = now_s() - t0;
        CHECK(dt < 3.0, "  ...within the timeout (generous guard)");
        close_session(&s);
    }
    {
        mb_tls_config tc;
        memset(&tc, 0, sizeof tc);
        CHECK(open_session(&s, "https://localhost:1/", &tc, 1000) == MB_ERR_TLS_NO_CA, "no CA configured -> MB_ERR_TLS_NO_CA");
        mb_tls_free(&s.tls);
        tc.ca_pem = (const unsigned char *)"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
        tc.ca_len = strlen((const char *)tc.ca_pem) + 1;
        CHECK(open_session(&s, "https://localhost:1/", &tc, 1000) == MB_ERR_TLS_CONFIG, "unparsable CA -> MB_ERR_TLS_CONFIG");
        mb_tls_free(&s.tls);
        tc.ca_pem = ca_der;
        tc.ca_len = ca_der_len;
        url(u, sizeof u, "localhost", port_of(ports, "good"));
        CHECK(open_session(&s, u, &tc, 5000) == MB_OK && query(&s, &res) == MB_OK, "CA given as DER");
        close_session(&s);
        memset(&tc, 0, sizeof tc);
        {
            char path[512];
            snprintf(path, sizeof path, "%s/ca.crt", pki);
            tc.ca_file = path;
            CHECK(open_session(&s, u, &tc, 5000) == MB_OK && query(&s, &res) == MB_OK, "CA read from a file");
            close_session(&s);
            tc.ca_file = "/nonexistent/ca.crt";
            CHECK(open_session(&s, u, &tc, 5000) == MB_ERR_TLS_CONFIG, "missing CA file -> MB_ERR_TLS_CONFIG");
            mb_tls_free(&s.tls);
        }
    }
    /* mutual TLS */
    {
        mb_tls_config tc;
        mb_status st;
        url(u, sizeof u, "localhost", port_of(ports, "mtls"));
        open_session(&s, u, NULL, 3000);
        st = query(&s, &res);
        CHECK(st == MB_ERR_TLS || st == MB_ERR_TLS_HANDSHAKE || st == MB_ERR_CLOSED || st == MB_ERR_TRUNCATED,
              "mutual TLS without a client certificate is refused");
        close_session(&s);
        memset(&tc, 0, sizeof tc);
        tc.ca_pem = ca_pem;
        tc.ca_len = ca_pem_len;
        tc.client_cert = cl_crt;
        tc.client_cert_len = cl_crt_len;
        tc.client_key = cl_key;
        tc.client_key_len = cl_key_len;
        CHECK(open_session(&s, u, &tc, 5000) == MB_OK && query(&s, &res) == MB_OK && field_is(res, "tls.client", "client"),
              "mutual TLS with a client certificate");
        close_session(&s);
        tc.client_key = NULL;
        CHECK(open_session(&s, u, &tc, 5000) == MB_ERR_TLS_CONFIG, "client certificate without its key -> MB_ERR_TLS_CONFIG");
        mb_tls_free(&s.tls);
        tc.client_key = other_key;
        tc.client_key_len = other_key_len;
        CHECK(open_session(&s, u, &tc, 5000) == MB_ERR_TLS_CONFIG,
              "client certificate with a key of another pair -> MB_ERR_TLS_CONFIG at init");
        mb_tls_free(&s.tls);
    }
    /* development-only insecure mode: works, and warns at every connect */
    {
        mb_tls_config tc;
        memset(&tc, 0, sizeof tc);
        tc.insecure_no_verify_DEVELOPMENT_ONLY = 1;
        tc.log = on_log;
        url(u, sizeof u, "localhost", port_of(ports, "selfsigned"));
        warnings = 0;
        CHECK(open_session(&s, u, &tc, 5000) == MB_OK && query(&s, &res) == MB_OK, "insecure mode reaches a self-signed server");
        mb_client_close(&s.c);
        CHECK(query(&s, &res) == MB_OK && warnings == 2, "insecure mode warns at every connect");
        close_session(&s);
    }
    /* connect/close cycles: ASan's leak check runs at exit */
    {
        int ok = 1;
        url(u, sizeof u, "localhost", port_of(ports, "good"));
        for (int i = 0; i < 20; i++) {
            ok &= open_session(&s, u, NULL, 5000) == MB_OK && query(&s, &res) == MB_OK;
            close_session(&s);
        }
        CHECK(ok, "20 cycles of init, connect, query, close, free");
    }
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
