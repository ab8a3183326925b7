/* The POSIX transport and the whole client over real loopback sockets.
 * A small HTTP/1.1 server runs in a thread of this program, on an ephemeral
 * port of 127.0.0.1 or ::1, and misbehaves on demand (closes idle
 * connections, never answers, stops mid-body, resets). One line per check;
 * the last line is "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include "mb.h"
#include "platform/mb_posix.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>

#include "check.h"

static void check_st(mb_status got, mb_status want, const char *what) {
    if (got == want) check(1, "%s -> %s", what, mb_strerror(got));
    else check(0, "%s -> %s (%d), want %s (%d)", what, mb_strerror(got), (int)got, mb_strerror(want), (int)want);
}

static void sleep_ms(long ms) {
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static long now_ms(void) { return (long)mb__posix_now_ms(); }

/* ------------------------------------------------------------ server */

enum mode {
    ANSWER,             /* answers every request, keeps the connection */
    CLOSE_AFTER_ANSWER, /* answers, then closes as an idle-timeout would */
    SILENT,             /* reads the request, never answers */
    HALF_BODY,          /* sends a head and part of the body, then closes */
    RESET_AFTER_ANSWER, /* answers, then resets the connection (RST) */
    CHUNKED_SLOW        /* chunked answer in small pieces with pauses */
};

typedef struct server {
    enum mode mode;
    int lfd;
    uint16_t port;
    pthread_t th;
    pthread_mutex_t mu;
    int stop, accepted, requests, closed_after; /* under mu */
    char last_head[2048];                       /* under mu */
} server;

static int srv_get(server *s, const int *field) {
    int v;
    pthread_mutex_lock(&s->mu);
    v = *field;
    pthread_mutex_unlock(&s->mu);
    return v;
}

static void srv_add(server *s, int *field) {
    pthread_mutex_lock(&s->mu);
    (*field)++;
    pthread_mutex_unlock(&s->mu);
}

/* Waits until *field reaches want (or 3 s pass). */
static int srv_wait(server *s, const int *field, int want) {
    long end = now_ms() + 3000;
    while (srv_get(s, field) < want && now_ms() < end) sleep_ms(5);
    return srv_get(s, field) >= want;
}

static int send_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads one request (head + Content-Length body). 0 on success, -1 when
 * the peer closed or the server is stopping. */
static int read_request(server *s, int fd) {
    char buf[8192];
    size_t fill = 0, need = 0;
    char *end = NULL;
    for (;;) {
        struct pollfd p;
        ssize_t k;
        if (end && fill >= need) return 0;
        if (srv_get(s, &s->stop)) return -1;
        p.fd = fd;
        p.events = POLLIN;
        p.revents = 0;
        if (poll(&p, 1, 20) <= 0) continue;
        if (fill == sizeof buf - 1) return -1;
        k = recv(fd, buf + fill, sizeof buf - 1 - fill, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        fill += (size_t)k;
        buf[fill] = '\0';
        if (!end && (end = strstr(buf, "\r\n\r\n")) != NULL) {
            const char *cl = strstr(buf, "Content-Length: ");
            size_t head = (size_t)(end - buf) + 4;
            need = head + (cl ? (size_t)strtoul(cl + 16, NULL, 10) : 0);
            pthread_mutex_lock(&s->mu);
            memcpy(s->last_head, buf, head < sizeof s->last_head ? head : sizeof s->last_head - 1);
            s->last_head[head < sizeof s->last_head ? head : sizeof s->last_head - 1] = '\0';
            pthread_mutex_unlock(&s->mu);
        }
    }
}

static void respond(server *s, int fd) {
    char body[128], msg[512];
    int n = snprintf(body, sizeof body, "{\"data\":{\"n\":%d,\"conn\":%d}}", srv_get(s, &s->requests),
                     srv_get(s, &s->accepted));
    if (s->mode == CHUNKED_SLOW) {
        /* head, then the body in 3-byte chunks, each with an extension */
        int i, m = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                            "Transfer-Encoding: chunked\r\n\r\n");
        if (send_all(fd, msg, (size_t)m) < 0) return;
        for (i = 0; i < n; i += 3) {
            int len = n - i < 3 ? n - i : 3;
            m = snprintf(msg, sizeof msg, "%x;ext=1\r\n%.*s\r\n", (unsigned)len, len, body + i);
            sleep_ms(2);
            if (send_all(fd, msg, (size_t)m) < 0) return;
        }
        sleep_ms(2);
        (void)send_all(fd, "0\r\nX-Trailer: t\r\n\r\n", 19);
        return;
    }
    if (s->mode == HALF_BODY) {
        int m = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%.*s", n + 40, n / 2, body);
        (void)send_all(fd, msg, (size_t)m);
        return;
    }
    {
        int m = snprintf(msg, sizeof msg,
                         "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                         "Content-Length: %d\r\n\r\n%s",
                         n, body);
        (void)send_all(fd, msg, (size_t)m);
    }
}

static void serve(server *s, int fd) {
    while (read_request(s, fd) == 0) {
        srv_add(s, &s->requests);
        if (s->mode == SILENT) continue;
        respond(s, fd);
        if (s->mode == HALF_BODY) break;
        if (s->mode == CLOSE_AFTER_ANSWER || s->mode == RESET_AFTER_ANSWER) {
            if (s->mode == RESET_AFTER_ANSWER) {
                struct linger lg;
                lg.l_onoff = 1;
                lg.l_linger = 0; /* close() sends RST */
                (void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, (socklen_t)sizeof lg);
            }
            close(fd);
            srv_add(s, &s->closed_after);
            return;
        }
    }
    close(fd);
}

static void *srv_main(void *arg) {
    server *s = (server *)arg;
    while (!srv_get(s, &s->stop)) {
        struct pollfd p;
        int fd;
        p.fd = s->lfd;
        p.events = POLLIN;
        p.revents = 0;
        if (poll(&p, 1, 20) <= 0) continue;
        fd = accept(s->lfd, NULL, NULL);
        if (fd < 0) continue;
        srv_add(s, &s->accepted);
        serve(s, fd);
    }
    return NULL;
}

/* Binds an ephemeral port of 127.0.0.1 (v6 = 0) or ::1; -1 on failure. */
static int listen_backlog(int v6, uint16_t *port, int backlog) {
    int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_storage ss;
    socklen_t sl;
    if (fd < 0) return -1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, (socklen_t)sizeof one);
    memset(&ss, 0, sizeof ss);
    if (v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        (void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, (socklen_t)sizeof one);
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        sl = (socklen_t)sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        sl = (socklen_t)sizeof *a;
    }
    if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, backlog) != 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
}

static int listen_on(int v6, uint16_t *port) { return listen_backlog(v6, port, 8); }

static int srv_start(server *s, enum mode m, int v6) {
    memset(s, 0, sizeof *s);
    s->mode = m;
    s->lfd = listen_on(v6, &s->port);
    if (s->lfd < 0) return -1;
    pthread_mutex_init(&s->mu, NULL);
    if (pthread_create(&s->th, NULL, srv_main, s) != 0) {
        close(s->lfd);
        pthread_mutex_destroy(&s->mu);
        return -1;
    }
    return 0;
}

static void srv_stop(server *s) {
    pthread_mutex_lock(&s->mu);
    s->stop = 1;
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->th, NULL);
    close(s->lfd);
    pthread_mutex_destroy(&s->mu);
}

/* ------------------------------------------------------------ client */

static char work[16384];
static mb_token tokens[128];
static char url[128];

static mb_status client_for(mb_client *c, mb_posix_socket *sock, const char *u, uint32_t timeout_ms) {
    mb_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = u;
    cfg.jwt = "test-jwt";
    cfg.transport = mb_posix_transport(sock);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = tokens;
    cfg.max_tokens = sizeof tokens / sizeof tokens[0];
    cfg.timeout_ms = timeout_ms;
    cfg.connect_timeout_ms = timeout_ms;
    return mb_client_init(c, &cfg);
}

/* One query; *n gets data.n (the server's request counter) on success. */
static mb_status query(mb_client *c, int *n) {
    mb_result *res = NULL;
    int t;
    int32_t v = -1;
    mb_status s = mb_execute(c, "query Q { n conn }", "Q", "{\"x\": 1}", &res);
    *n = -1;
    if (s != MB_OK) return s;
    s = mb_json_find(&res->doc, res->data, "n", &t);
    if (s == MB_OK) s = mb_json_get_i32(&res->doc, t, &v);
    *n = (int)v;
    return s;
}

static void test_keepalive(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n1, n2;
    char host[64];
    if (srv_start(&s, ANSWER, 0) != 0) { check(0, "keep-alive: server start"); return; }
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)s.port);
    check_st(client_for(&c, &sock, url, 2000), MB_OK, "keep-alive: mb_client_init with the POSIX transport");
    check_st(query(&c, &n1), MB_OK, "keep-alive: first query");
    check_st(query(&c, &n2), MB_OK, "keep-alive: second query");
    check(n1 == 1 && n2 == 2, "keep-alive: answers decoded in order (n=%d, n=%d)", n1, n2);
    check(srv_get(&s, &s.accepted) == 1 && c.connects == 1,
          "keep-alive: two requests on one connection (server accepted %d, client connected %u)",
          srv_get(&s, &s.accepted), (unsigned)c.connects);
    snprintf(host, sizeof host, "\r\nHost: 127.0.0.1:%u\r\n", (unsigned)s.port);
    pthread_mutex_lock(&s.mu);
    check(strncmp(s.last_head, "POST /v1/graphql HTTP/1.1\r\n", 27) == 0 && strstr(s.last_head, host) &&
              strstr(s.last_head, "\r\nAuthorization: Bearer test-jwt\r\n"),
          "keep-alive: server saw POST /v1/graphql with Host and Authorization");
    pthread_mutex_unlock(&s.mu);
    mb_client_close(&c);
    check(sock.fd == -1, "keep-alive: mb_client_close closed the socket");
    srv_stop(&s);
}

static void test_reconnect(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n1 = -1, n2 = -1;
    if (srv_start(&s, CLOSE_AFTER_ANSWER, 0) != 0) { check(0, "reconnect: server start"); return; }
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)s.port);
    client_for(&c, &sock, url, 2000);
    check_st(query(&c, &n1), MB_OK, "reconnect: first query");
    check(srv_wait(&s, &s.closed_after, 1), "reconnect: server closed the idle kept-alive connection");
    sleep_ms(30); /* let the FIN reach the client's socket */
    check_st(query(&c, &n2), MB_OK, "reconnect: second query after the server closed the connection");
    check(n1 == 1 && n2 == 2 && srv_get(&s, &s.accepted) == 2 && c.connects == 2,
          "reconnect: transparent reconnect (n=%d,%d; server accepted %d, client connected %u, requests %u)", n1, n2,
          srv_get(&s, &s.accepted), (unsigned)c.connects, (unsigned)c.requests);
    mb_client_close(&c);
    srv_stop(&s);
}

static void test_ipv6(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n = -1;
    char host[64];
    if (srv_start(&s, ANSWER, 1) != 0) {
        printf("skip ipv6: this machine cannot listen on ::1 (%s)\n", strerror(errno));
        return;
    }
    snprintf(url, sizeof url, "http://[::1]:%u/v1/graphql", (unsigned)s.port);
    check_st(client_for(&c, &sock, url, 2000), MB_OK, "ipv6: mb_client_init with [::1]");
    check_st(query(&c, &n), MB_OK, "ipv6: query to http://[::1]:port/v1/graphql");
    check(n == 1, "ipv6: answer decoded (n=%d)", n);
    snprintf(host, sizeof host, "\r\nHost: [::1]:%u\r\n", (unsigned)s.port);
    pthread_mutex_lock(&s.mu);
    check(strstr(s.last_head, host) != NULL, "ipv6: Host header keeps the brackets");
    pthread_mutex_unlock(&s.mu);
    mb_client_close(&c);
    srv_stop(&s);
}

static void test_hostname(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n = -1;
    if (srv_start(&s, ANSWER, 0) != 0) { check(0, "localhost: server start"); return; }
    snprintf(url, sizeof url, "http://localhost:%u/v1/graphql", (unsigned)s.port);
    client_for(&c, &sock, url, 2000);
    check_st(query(&c, &n), MB_OK, "localhost: host name resolved by getaddrinfo, server on 127.0.0.1");
    mb_client_close(&c);
    srv_stop(&s);
}

static void test_chunked(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n1 = -1, n2 = -1;
    if (srv_start(&s, CHUNKED_SLOW, 0) != 0) { check(0, "chunked: server start"); return; }
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)s.port);
    client_for(&c, &sock, url, 2000);
    check_st(query(&c, &n1), MB_OK, "chunked: answer in 3-byte chunks arriving over ~40 ms");
    check_st(query(&c, &n2), MB_OK, "chunked: second query on the same connection");
    check(n1 == 1 && n2 == 2 && srv_get(&s, &s.accepted) == 1 && c.connects == 1,
          "chunked: decoded (n=%d,%d), one connection (server accepted %d, client connected %u)", n1, n2,
          srv_get(&s, &s.accepted), (unsigned)c.connects);
    mb_client_close(&c);
    srv_stop(&s);
}

static void test_refused(void) {
    uint16_t port = 0;
    int fd = listen_on(0, &port), n;
    mb_client c;
    mb_posix_socket sock;
    mb_transport t;
    if (fd < 0) { check(0, "refused: could not reserve a port"); return; }
    close(fd); /* nobody listens there now */
    t = mb_posix_transport(&sock);
    check_st(t.connect(t.ctx, "127.0.0.1", port, 1000), MB_ERR_CONNECT, "refused: transport connect to a closed port");
    check(sock.fd == -1 && sock.err == ECONNREFUSED, "refused: no socket left open, err is ECONNREFUSED (%d)",
          sock.err);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)port);
    client_for(&c, &sock, url, 1000);
    check_st(query(&c, &n), MB_ERR_CONNECT, "refused: client query");
    mb_client_close(&c);
}

/* A listener whose accept queue is full drops new SYNs: connect hangs
 * until the transport's timeout. */
static void test_connect_timeout(void) {
    uint16_t port = 0;
    int lfd = listen_backlog(0, &port, 0), i, n, hit = -1;
    mb_posix_socket held[8], sock;
    mb_client c;
    long dt = 0;
    if (lfd < 0) { check(0, "connect timeout: listen"); return; }
    for (i = 0; i < 8; i++) {
        mb_transport t = mb_posix_transport(&held[i]);
        long t0 = now_ms();
        mb_status st = t.connect(t.ctx, "127.0.0.1", port, 300);
        if (st == MB_ERR_TIMEOUT) {
            dt = now_ms() - t0;
            hit = i;
            break;
        }
        if (st != MB_OK) break;
    }
    check(hit > 0 && dt >= 290 && dt < 1500,
          "connect timeout: connect #%d to a full accept queue -> timed out after %ld ms (timeout 300)", hit + 1, dt);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)port);
    client_for(&c, &sock, url, 300);
    check_st(query(&c, &n), MB_ERR_TIMEOUT, "connect timeout: client query");
    check(sock.fd == -1, "connect timeout: no socket left open");
    for (i = 0; i < 8 && i <= hit; i++) mb__posix_close(&held[i]);
    close(lfd);
}

static void test_dns(void) {
    mb_client c;
    mb_posix_socket sock;
    mb_transport t = mb_posix_transport(&sock);
    int n;
    check_st(t.connect(t.ctx, "nonexistent.invalid", 80, 1000), MB_ERR_DNS, "dns: transport connect to nonexistent.invalid");
    client_for(&c, &sock, "http://nonexistent.invalid/", 1000);
    check_st(query(&c, &n), MB_ERR_DNS, "dns: client query to http://nonexistent.invalid/");
    mb_client_close(&c);
}

static void test_timeout(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n;
    long t0, dt;
    if (srv_start(&s, SILENT, 0) != 0) { check(0, "timeout: server start"); return; }
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)s.port);
    client_for(&c, &sock, url, 300);
    t0 = now_ms();
    check_st(query(&c, &n), MB_ERR_TIMEOUT, "timeout: server reads the request and never answers");
    dt = now_ms() - t0;
    check(dt >= 290 && dt < 1500, "timeout: returned after %ld ms (timeout 300 ms, allowed 290..1500)", dt);
    check(srv_get(&s, &s.requests) == 1, "timeout: the server did receive the request");
    mb_client_close(&c);
    srv_stop(&s);
}

static void test_truncated(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n;
    if (srv_start(&s, HALF_BODY, 0) != 0) { check(0, "truncated: server start"); return; }
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)s.port);
    client_for(&c, &sock, url, 2000);
    check_st(query(&c, &n), MB_ERR_TRUNCATED, "truncated: server closes in the middle of the body");
    check(srv_get(&s, &s.accepted) == 1, "truncated: no retry of a partly received response");
    mb_client_close(&c);
    srv_stop(&s);
}

/* Direct transport use: orderly close, recv timeout, idempotent close. */
static void test_transport(void) {
    server s;
    mb_posix_socket sock;
    mb_transport t = mb_posix_transport(&sock);
    static const char req[] = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
    char buf[256];
    size_t sent = 0, got = 0, total = 0;
    mb_status st;
    long t0;
    if (srv_start(&s, CLOSE_AFTER_ANSWER, 0) != 0) { check(0, "transport: server start"); return; }
    check_st(t.connect(t.ctx, "127.0.0.1", s.port, 1000), MB_OK, "transport: connect");
    t0 = now_ms();
    check_st(t.recv(t.ctx, buf, sizeof buf, &got, 150), MB_ERR_TIMEOUT, "transport: recv with nothing sent yet");
    check(now_ms() - t0 >= 140 && got == 0, "transport: recv waited its timeout and reported 0 bytes");
    check_st(t.send(t.ctx, req, sizeof req - 1, &sent, 1000), MB_OK, "transport: send");
    check(sent == sizeof req - 1, "transport: send moved all %zu bytes", sent);
    while ((st = t.recv(t.ctx, buf, sizeof buf, &got, 1000)) == MB_OK) total += got;
    check(st == MB_ERR_CLOSED && total > 0, "transport: recv read %zu bytes, then %s on the orderly close", total,
          mb_strerror(st));
    t.close(t.ctx);
    t.close(t.ctx);
    check(sock.fd == -1, "transport: close twice is safe");
    check_st(t.recv(t.ctx, buf, sizeof buf, &got, 10), MB_ERR_IO, "transport: recv on a closed transport");
    srv_stop(&s);
}

/* The peer resets the connection: send must report an error, and SIGPIPE
 * (left at its default action, which kills) must not be raised. */
static void test_sigpipe(void) {
    server s;
    mb_client c;
    mb_posix_socket sock;
    int n1 = -1, n2 = -1, i, errors = 0;
    mb_status st = MB_OK, last = MB_OK;
    char big[4096];
    if (srv_start(&s, RESET_AFTER_ANSWER, 0) != 0) { check(0, "reset: server start"); return; }
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/graphql", (unsigned)s.port);
    client_for(&c, &sock, url, 2000);
    check_st(query(&c, &n1), MB_OK, "reset: first query");
    check(srv_wait(&s, &s.closed_after, 1), "reset: server reset the connection");
    sleep_ms(30);
    memset(big, 'x', sizeof big);
    /* keep writing into the reset connection: the first failure is
     * ECONNRESET, the next ones EPIPE, which raises SIGPIPE without
     * MSG_NOSIGNAL */
    for (i = 0; i < 200 && errors < 3; i++) {
        size_t sent = 0;
        st = c.cfg.transport.send(c.cfg.transport.ctx, big, sizeof big, &sent, 500);
        if (st != MB_OK) {
            errors++;
            last = st;
        } else {
            sleep_ms(2);
        }
    }
    check(errors == 3 && last == MB_ERR_IO, "reset: send on the reset connection -> %s (errno %d), process alive",
          mb_strerror(last), sock.err);
    check_st(query(&c, &n2), MB_OK, "reset: next query reconnects transparently");
    check(srv_get(&s, &s.accepted) == 2 && n2 == 2, "reset: server accepted %d connections, n=%d",
          srv_get(&s, &s.accepted), n2);
    mb_client_close(&c);
    srv_stop(&s);
}

int main(void) {
    signal(SIGPIPE, SIG_DFL); /* a SIGPIPE must kill us: that is what the test looks for */
    alarm(120);               /* a hang fails the suite instead of blocking it */
    test_transport();
    test_keepalive();
    test_reconnect();
    test_chunked();
    test_ipv6();
    test_hostname();
    test_refused();
    test_dns();
    test_connect_timeout();
    test_timeout();
    test_truncated();
    test_sigpipe();
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}
