/* The POSIX transport's connect over a name with two addresses, the first
 * of which never answers (a black-holed IPv6 route, say): the next one must
 * still get its turn within the timeout. getaddrinfo is replaced here (this
 * program's definition wins over the C library's) so the name "two.test"
 * gives two loopback addresses: a listener whose accept queue is full,
 * which drops new SYNs, then one that accepts. The last line is
 * "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include "mb.h"
#include "platform/mb_posix.h"

#include <arpa/inet.h>
#include <stdarg.h>

#include "check.h"

static uint16_t ports[2]; /* the black hole, then the listener that accepts */
static int naddr;         /* how many of them "two.test" gives */
static struct sockaddr_in sa[2];
static struct addrinfo ai[2];

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res) {
    int i;
    (void)service;
    (void)hints;
    if (!node || strcmp(node, "two.test") != 0) return EAI_NONAME;
    memset(ai, 0, sizeof ai);
    for (i = 0; i < naddr; i++) {
        memset(&sa[i], 0, sizeof sa[i]);
        sa[i].sin_family = AF_INET;
        sa[i].sin_port = htons(ports[i]);
        sa[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ai[i].ai_family = AF_INET;
        ai[i].ai_socktype = SOCK_STREAM;
        ai[i].ai_protocol = IPPROTO_TCP;
        ai[i].ai_addrlen = (socklen_t)sizeof sa[i];
        ai[i].ai_addr = (struct sockaddr *)&sa[i];
        ai[i].ai_next = i + 1 < naddr ? &ai[i + 1] : NULL;
    }
    *res = ai;
    return 0;
}

void freeaddrinfo(struct addrinfo *res) { (void)res; }

static int listen_loopback(uint16_t *port, int backlog) {
    struct sockaddr_in a;
    socklen_t sl = (socklen_t)sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sl) != 0 || listen(fd, backlog) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &sl) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

int main(void) {
    mb_posix_socket held[8], sock;
    mb_transport t;
    int hole = listen_loopback(&ports[0], 0), open_fd = listen_loopback(&ports[1], 8), i, full = 0;
    uint64_t t0, dt;
    mb_status st;
    if (hole < 0 || open_fd < 0) {
        check(0, "listen on loopback");
        return 1;
    }
    /* fill the first listener's accept queue (never accepted): from then on
       its SYNs are dropped and a connect to it hangs */
    naddr = 1;
    for (i = 0; i < 8 && !full; i++) {
        t = mb_posix_transport(&held[i]);
        full = t.connect(t.ctx, "two.test", 1, 200) == MB_ERR_TIMEOUT;
    }
    check(full, "the first address stops answering after %d connections", i - 1);
    t = mb_posix_transport(&sock);
    t0 = mb_posix_now_ms();
    st = t.connect(t.ctx, "two.test", 1, 600);
    dt = mb_posix_now_ms() - t0;
    check(st == MB_ERR_TIMEOUT && dt >= 590, "one address that never answers: %s after %u ms (all of 600)",
          mb_strerror(st), (unsigned)dt);
    naddr = 2;
    t0 = mb_posix_now_ms();
    st = t.connect(t.ctx, "two.test", 1, 600);
    dt = mb_posix_now_ms() - t0;
    check(st == MB_OK && dt >= 290 && dt < 600,
          "then a second address: %s after %u ms (the first got half of 600, the second the rest)", mb_strerror(st),
          (unsigned)dt);
    t.close(t.ctx);
    for (int k = 0; k < i; k++) mb__posix_close(&held[k]);
    close(hole);
    close(open_fd);
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}
