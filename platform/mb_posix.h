/* mb_posix.h — POSIX sockets transport for mb.h (TCP, IPv4 and IPv6).
 *
 * Usage, in exactly one C or C++ file:
 *     #define _POSIX_C_SOURCE 200809L   (see "Feature macros" below)
 *     #define MB_IMPLEMENTATION
 *     #include "mb.h"
 *     #include "platform/mb_posix.h"
 * and include both headers plainly everywhere else.
 *
 *     mb_posix_socket sock;
 *     cfg.transport = mb_posix_transport(&sock);
 *
 * Behaviour of the transport (the mb_transport contract in mb.h):
 *  - connect: getaddrinfo with AF_UNSPEC (IPv4 and IPv6), then a
 *    non-blocking connect to each address in turn until one succeeds, all
 *    within timeout_ms; an address with another after it gets at most half
 *    the time left (a silent IPv6 route leaves IPv4 its turn). MB_ERR_DNS
 *    when the name does not resolve, MB_ERR_TIMEOUT when the time ran out,
 *    MB_ERR_CONNECT when every address refused or was unreachable.
 *    getaddrinfo itself cannot be bounded by a timeout: it waits as long as
 *    the system resolver does.
 *  - send/recv wait with poll() up to timeout_ms (MB_ERR_TIMEOUT after
 *    that). recv gives MB_ERR_CLOSED on an orderly close by the peer and
 *    MB_ERR_IO on a reset or any other error. send never raises SIGPIPE
 *    (MSG_NOSIGNAL, or SO_NOSIGPIPE where that is what the system has;
 *    on a system with neither, ignore SIGPIPE in the application).
 *  - close is idempotent.
 * Sockets are non-blocking, close-on-exec, with TCP_NODELAY (requests are
 * written in one piece; Nagle would only add latency). The last errno (or
 * getaddrinfo code for MB_ERR_DNS) is kept in mb_posix_socket.err.
 *
 * Feature macros: with a strict -std=c99 the C library hides getaddrinfo
 * and friends unless _POSIX_C_SOURCE (>= 200112L) is defined before the
 * FIRST system header of the file that holds the implementation, i.e.
 * before including mb.h. Define it at the top of that file or pass
 * -D_POSIX_C_SOURCE=200809L. With gcc's default (gnu) dialects nothing is
 * needed. This file does not define the macro itself: by the time it is
 * read, mb.h has already included system headers, which fixes the feature
 * set. With glibc, when the declarations are hidden, it stops with an
 * #error that says what to do instead of failing obscurely.
 *
 * Names: public mb_posix_, private mb__posix_. MIT License — see LICENSE. */
#ifndef MB_POSIX_H
#define MB_POSIX_H

#ifndef MB_H
#include "../mb.h" /* found next to this folder; include mb.h first to use another path */
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* One TCP connection. Owned by the caller; mb_posix_transport() sets it up
 * as "not connected". */
typedef struct mb_posix_socket {
    int fd;  /* -1 when not connected */
    int err; /* errno of the last failure (getaddrinfo code after MB_ERR_DNS) */
} mb_posix_socket;

/* A transport over *s (flags 0: plain TCP). Initializes *s; do not call it
 * again on a connected socket without closing it first. */
MB_API mb_transport mb_posix_transport(mb_posix_socket *s);

/* Platform hooks for the ws module (mb_ws_config.random, .now_ms,
 * .sleep_ms): random bytes from /dev/urandom (MB_ERR_IO when it cannot be
 * read), milliseconds on CLOCK_MONOTONIC, and a sleep across signals. */
MB_API mb_status mb_posix_random(void *out, size_t len);
MB_API uint64_t mb_posix_now_ms(void);
MB_API void mb_posix_sleep_ms(uint32_t ms);

#ifdef __cplusplus
}
#endif
#endif /* MB_POSIX_H */

/* ======================= implementation ======================= */
#if defined(MB_IMPLEMENTATION) && !defined(MB_POSIX_IMPLEMENTED)
#define MB_POSIX_IMPLEMENTED

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#if defined(__GLIBC__) && !defined(__USE_XOPEN2K)
#error "mb_posix.h: getaddrinfo is hidden by the feature macros; define _POSIX_C_SOURCE 200809L at the top of the implementing file, before any #include, or compile with -D_POSIX_C_SOURCE=200809L"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if defined(MSG_NOSIGNAL)
#define MB__POSIX_SEND_FLAGS MSG_NOSIGNAL
#else
#define MB__POSIX_SEND_FLAGS 0
#endif

/* Milliseconds on a clock that never jumps. */
static uint64_t mb__posix_now_ms(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Time left until deadline, as a poll() timeout. */
static int mb__posix_left(uint64_t deadline) {
    uint64_t now = mb__posix_now_ms();
    if (now >= deadline) return 0;
    return deadline - now > (uint64_t)INT_MAX ? INT_MAX : (int)(deadline - now);
}

/* Waits for `events` on fd until deadline, across EINTR. Returns 1 when
 * ready (or in error: the next call reports it), 0 on timeout, -1 on error. */
static int mb__posix_wait(mb_posix_socket *s, short events, uint64_t deadline) {
    for (;;) {
        struct pollfd p;
        int n;
        p.fd = s->fd;
        p.events = events;
        p.revents = 0;
        n = poll(&p, 1, mb__posix_left(deadline));
        if (n > 0) return 1;
        if (n == 0) return 0;
        if (errno != EINTR) {
            s->err = errno;
            return -1;
        }
    }
}

static void mb__posix_close(void *ctx) {
    mb_posix_socket *s = (mb_posix_socket *)ctx;
    if (s->fd >= 0) {
        (void)close(s->fd); /* POSIX leaves the fd state unspecified on EINTR; never retry */
        s->fd = -1;
    }
}

/* Non-blocking, close-on-exec, no Nagle, no SIGPIPE. */
static int mb__posix_setup(int fd) {
    int one = 1, fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) return -1;
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) return -1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, (socklen_t)sizeof one);
#if !defined(MSG_NOSIGNAL) && defined(SO_NOSIGPIPE)
    if (setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, (socklen_t)sizeof one) < 0) return -1;
#endif
    return 0;
}

/* One address: MB_OK, MB_ERR_TIMEOUT at the deadline, MB_ERR_CONNECT. */
static mb_status mb__posix_try(mb_posix_socket *s, const struct addrinfo *ai, uint64_t deadline) {
    int soerr = 0, r;
    socklen_t sl = (socklen_t)sizeof soerr;
    s->fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (s->fd < 0) {
        s->err = errno;
        return MB_ERR_CONNECT;
    }
    if (mb__posix_setup(s->fd) < 0) {
        s->err = errno;
        mb__posix_close(s);
        return MB_ERR_CONNECT;
    }
    if (connect(s->fd, ai->ai_addr, ai->ai_addrlen) == 0) return MB_OK;
    /* EINTR: the connection attempt goes on asynchronously, as EINPROGRESS */
    if (errno != EINPROGRESS && errno != EINTR) {
        s->err = errno;
        mb__posix_close(s);
        return MB_ERR_CONNECT;
    }
    r = mb__posix_wait(s, POLLOUT, deadline);
    if (r <= 0) {
        if (r == 0) s->err = ETIMEDOUT;
        mb__posix_close(s);
        return r == 0 ? MB_ERR_TIMEOUT : MB_ERR_CONNECT;
    }
    if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0) soerr = errno;
    if (soerr != 0) {
        s->err = soerr;
        mb__posix_close(s);
        return soerr == ETIMEDOUT ? MB_ERR_TIMEOUT : MB_ERR_CONNECT;
    }
    return MB_OK;
}

static mb_status mb__posix_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    mb_posix_socket *s = (mb_posix_socket *)ctx;
    struct addrinfo hints, *list = NULL, *ai;
    char service[8];
    uint64_t deadline;
    mb_status st = MB_ERR_CONNECT;
    int r;
    mb__posix_close(s);
    s->err = 0;
    if (!host || !*host || port == 0) return MB_ERR_ARG;
    (void)snprintf(service, sizeof service, "%u", (unsigned)port);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_NUMERICSERV;
    r = getaddrinfo(host, service, &hints, &list);
    if (r != 0 || !list) {
        s->err = r;
        if (list) freeaddrinfo(list);
        return MB_ERR_DNS;
    }
    deadline = mb__posix_now_ms() + timeout_ms; /* resolution time is not counted: it cannot be bounded */
    for (ai = list; ai; ai = ai->ai_next) {
        /* one that never answers (a black-holed IPv6 route) may take half
           the time left when another address follows, not all of it */
        st = mb__posix_try(s, ai, ai->ai_next ? deadline - (uint64_t)mb__posix_left(deadline) / 2u : deadline);
        /* a refused or unreachable address leaves time for the next one */
        if (st == MB_OK || (st == MB_ERR_TIMEOUT && mb__posix_left(deadline) == 0)) break;
    }
    freeaddrinfo(list);
    return st;
}

static mb_status mb__posix_send(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms) {
    mb_posix_socket *s = (mb_posix_socket *)ctx;
    uint64_t deadline = mb__posix_now_ms() + timeout_ms;
    *sent = 0;
    if (s->fd < 0) return MB_ERR_IO;
    if (len == 0) return MB_ERR_ARG;
    for (;;) {
        ssize_t n = send(s->fd, data, len, MB__POSIX_SEND_FLAGS);
        int r;
        if (n > 0) {
            *sent = (size_t)n;
            return MB_OK;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            s->err = n == 0 ? EIO : errno;
            return MB_ERR_IO; /* EPIPE, ECONNRESET, ... */
        }
        r = mb__posix_wait(s, POLLOUT, deadline);
        if (r == 0) return MB_ERR_TIMEOUT;
        if (r < 0) return MB_ERR_IO;
    }
}

static mb_status mb__posix_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    mb_posix_socket *s = (mb_posix_socket *)ctx;
    uint64_t deadline = mb__posix_now_ms() + timeout_ms;
    *got = 0;
    if (s->fd < 0) return MB_ERR_IO;
    if (cap == 0) return MB_ERR_ARG;
    for (;;) {
        ssize_t n = recv(s->fd, buf, cap, 0);
        int r;
        if (n > 0) {
            *got = (size_t)n;
            return MB_OK;
        }
        if (n == 0) return MB_ERR_CLOSED;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            s->err = errno;
            return MB_ERR_IO; /* ECONNRESET, ... */
        }
        r = mb__posix_wait(s, POLLIN, deadline);
        if (r == 0) {
            s->err = ETIMEDOUT;
            return MB_ERR_TIMEOUT;
        }
        if (r < 0) return MB_ERR_IO;
    }
}

MB_API mb_transport mb_posix_transport(mb_posix_socket *s) {
    mb_transport t;
    s->fd = -1;
    s->err = 0;
    t.ctx = s;
    t.flags = 0;
    t.connect = mb__posix_connect;
    t.send = mb__posix_send;
    t.recv = mb__posix_recv;
    t.close = mb__posix_close;
    return t;
}

MB_API mb_status mb_posix_random(void *out, size_t len) {
    unsigned char *p = (unsigned char *)out;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return MB_ERR_IO;
    while (len) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            (void)close(fd);
            return MB_ERR_IO;
        }
        p += n;
        len -= (size_t)n;
    }
    (void)close(fd);
    return MB_OK;
}

MB_API uint64_t mb_posix_now_ms(void) { return mb__posix_now_ms(); }

MB_API void mb_posix_sleep_ms(uint32_t ms) {
    struct timespec ts;
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

#ifdef __cplusplus
}
#endif
#endif /* MB_IMPLEMENTATION */
