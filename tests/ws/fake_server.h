/* A fake graphql-transport-ws server behind an in-memory mb_transport, for
 * the ws unit tests and the fuzz harness. The client's bytes are parsed as
 * they are sent: the upgrade request is answered (101 with the right
 * Sec-WebSocket-Accept, or a test's own response), each client frame is
 * checked for masking, unmasked and logged, and connection_init can be
 * acknowledged on its own. The test queues server bytes with srv_*(). A
 * fake clock advances by the wait whenever recv finds nothing to read. */
#ifndef FAKE_SERVER_H
#define FAKE_SERVER_H
#include <stdio.h>
#include <string.h>
#include "mb.h"

#if defined(__GNUC__) || defined(__clang__)
#define FAKE_FN static __attribute__((unused)) /* each test uses some of them */
#else
#define FAKE_FN static
#endif
#define FAKE_MSGS 256
typedef struct fake fake;
typedef void (*fake_react)(fake *f, int op, const char *p, size_t n);
struct fake {
    char rx[1 << 17];        /* server -> client, current connection */
    size_t rx_len, rx_pos;
    size_t cut;              /* no read crosses this offset (0: none) */
    size_t max_read;         /* 0: unlimited */
    int drop;                /* recv says MB_ERR_CLOSED when rx is used up (2: MB_ERR_IO, a reset) */
    mb_status connect_fail[16]; /* status of connect number i (0: OK) */
    int connects, closes, open, upgraded;
    char req[4096];          /* upgrade request of the current connection */
    size_t req_len;
    char in[1 << 17];        /* client frame bytes not yet parsed */
    size_t in_len;
    const char *hs_fmt;      /* upgrade response, %s = accept; NULL: a correct 101 */
    char post[1024];         /* server bytes sent right after each 101 head */
    size_t post_len;
    int auto_ack;            /* answer connection_init with connection_ack */
    int unmasked;            /* client frames without the mask bit */
    int nmsg;                /* client frames, all connections */
    int mop[FAKE_MSGS], mconn[FAKE_MSGS];
    char msg[FAKE_MSGS][2048];
    size_t mlen[FAKE_MSGS];
    fake_react react;
    /* faults: send number fail_send (1-based, all connections) returns
       fail_status; send_max > 0 makes short sends; lie_send/lie_recv 1:
       report 0 bytes, 2: more than asked */
    int sends, fail_send, lie_send, lie_recv;
    int hs_drop;             /* the connection drops right after the upgrade answer */
    int frames;              /* client frames parsed, logged or not (too big) */
    size_t last_len;         /* payload length of the last one */
    mb_status fail_status;
    size_t send_max;
    uint64_t now;            /* the clock */
    unsigned rnd;
};

static fake F;

FAKE_FN void srv_bytes(fake *f, const void *p, size_t n) {
    if (n > sizeof f->rx - f->rx_len) { fprintf(stderr, "fake: rx overflow\n"); return; }
    memcpy(f->rx + f->rx_len, p, n);
    f->rx_len += n;
}

/* An unmasked server frame into out (room for n + 10); returns its size. */
FAKE_FN size_t mkframe(unsigned char *out, int fin, int op, const void *p, size_t n) {
    size_t hl = 2, i;
    out[0] = (unsigned char)((fin ? 0x80 : 0) | op);
    if (n < 126) out[1] = (unsigned char)n;
    else if (n <= 0xFFFF) { out[1] = 126; out[2] = (unsigned char)(n >> 8); out[3] = (unsigned char)n; hl = 4; }
    else { out[1] = 127; for (i = 0; i < 8; i++) out[2 + i] = (unsigned char)((unsigned long long)n >> (56 - 8 * i)); hl = 10; }
    if (n) memcpy(out + hl, p, n);
    return hl + n;
}

FAKE_FN void srv_frame(fake *f, int fin, int op, const void *p, size_t n) {
    static unsigned char tmp[(1 << 17) + 10];
    if (n > sizeof tmp - 10) return;
    srv_bytes(f, tmp, mkframe(tmp, fin, op, p, n));
}

/* A text frame the server sends right after each 101 head. */
FAKE_FN void post_text(fake *f, const char *json) {
    if (strlen(json) + 10 > sizeof f->post - f->post_len) return;
    f->post_len += mkframe((unsigned char *)f->post + f->post_len, 1, 1, json, strlen(json));
}

FAKE_FN void srv_text(fake *f, const char *json) { srv_frame(f, 1, 1, json, strlen(json)); }

FAKE_FN void srv_close(fake *f, unsigned code) {
    unsigned char c[2];
    c[0] = (unsigned char)(code >> 8);
    c[1] = (unsigned char)code;
    srv_frame(f, 1, 8, c, 2);
}

FAKE_FN int contains(const char *p, size_t n, const char *s) {
    size_t k = strlen(s), i;
    for (i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0) return 1;
    return 0;
}

FAKE_FN void fake_upgrade(fake *f) {
    const char *k = strstr(f->req, "Sec-WebSocket-Key: ");
    char key[25] = {0}, acc[29], resp[1024];
    if (k) memcpy(key, k + 19, 24);
    mb_ws_accept(key, acc);
    snprintf(resp, sizeof resp,
             f->hs_fmt ? f->hs_fmt
                       : "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n",
             acc);
    srv_bytes(f, resp, strlen(resp));
    srv_bytes(f, f->post, f->post_len);
    if (f->hs_drop) f->drop = 1;
}

/* Parses whole client frames from f->in. */
FAKE_FN void fake_frames(fake *f) {
    for (;;) {
        unsigned char *p = (unsigned char *)f->in;
        size_t n = f->in_len, hl = 2, len, i;
        unsigned char mask[4] = {0, 0, 0, 0};
        int masked, op;
        if (n < 2) return;
        masked = p[1] >> 7;
        len = p[1] & 127;
        if (len == 126) hl = 4;
        if (len == 127) hl = 10;
        if (masked) hl += 4;
        if (n < hl) return;
        if (len == 126) len = (size_t)p[2] << 8 | p[3];
        else if (len == 127) { len = 0; for (i = 0; i < 8; i++) len = len << 8 | p[2 + i]; }
        if (n < hl + len) return;
        if (masked) memcpy(mask, p + hl - 4, 4);
        else f->unmasked++;
        op = p[0] & 15;
        for (i = 0; i < len; i++) p[hl + i] ^= mask[i & 3];
        f->frames++;
        f->last_len = len;
        if (f->nmsg < FAKE_MSGS && len < sizeof f->msg[0]) {
            memcpy(f->msg[f->nmsg], p + hl, len);
            f->msg[f->nmsg][len] = '\0';
            f->mlen[f->nmsg] = len;
            f->mop[f->nmsg] = op;
            f->mconn[f->nmsg] = f->connects;
            f->nmsg++;
        }
        if (f->auto_ack && op == 1 && contains((char *)p + hl, len, "\"type\":\"connection_init\""))
            srv_text(f, "{\"type\":\"connection_ack\"}");
        if (f->react) f->react(f, op, (char *)p + hl, len);
        memmove(f->in, f->in + hl + len, n - hl - len);
        f->in_len -= hl + len;
    }
}

FAKE_FN mb_status fake_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    fake *f = (fake *)ctx;
    int i = f->connects++;
    (void)host;
    (void)port;
    (void)timeout_ms;
    if (i < 16 && f->connect_fail[i]) return f->connect_fail[i];
    f->open = 1;
    f->upgraded = 0;
    f->req_len = f->in_len = f->rx_len = f->rx_pos = 0;
    f->req[0] = '\0';
    f->drop = 0;
    return MB_OK;
}

FAKE_FN mb_status fake_send(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms) {
    fake *f = (fake *)ctx;
    (void)timeout_ms;
    *sent = 0;
    if (!f->open) return MB_ERR_IO;
    if (++f->sends == f->fail_send) return f->fail_status;
    if (f->lie_send) {
        *sent = f->lie_send == 1 ? 0 : len + 1;
        return MB_OK;
    }
    if (f->send_max && len > f->send_max) len = f->send_max;
    if (!f->upgraded) {
        if (len > sizeof f->req - 1 - f->req_len) return MB_ERR_IO;
        memcpy(f->req + f->req_len, data, len);
        f->req_len += len;
        f->req[f->req_len] = '\0';
        if (strstr(f->req, "\r\n\r\n")) {
            f->upgraded = 1;
            fake_upgrade(f);
        }
    } else {
        if (len > sizeof f->in - f->in_len) return MB_ERR_IO;
        memcpy(f->in + f->in_len, data, len);
        f->in_len += len;
        fake_frames(f);
    }
    *sent = len;
    return MB_OK;
}

FAKE_FN mb_status fake_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    fake *f = (fake *)ctx;
    size_t n;
    *got = 0;
    if (!f->open) return MB_ERR_IO;
    if (f->rx_pos >= f->rx_len) {
        if (f->drop) return f->drop == 2 ? MB_ERR_IO : MB_ERR_CLOSED;
        f->now += timeout_ms ? timeout_ms : 1;
        return MB_ERR_TIMEOUT;
    }
    n = f->rx_len - f->rx_pos;
    if (f->cut > f->rx_pos && f->rx_pos + n > f->cut) n = f->cut - f->rx_pos;
    if (n > cap) n = cap;
    if (f->max_read && n > f->max_read) n = f->max_read;
    memcpy(buf, f->rx + f->rx_pos, n);
    f->rx_pos += n;
    *got = f->lie_recv ? (f->lie_recv == 1 ? 0 : cap + 1) : n;
    return MB_OK;
}

FAKE_FN void fake_close(void *ctx) {
    fake *f = (fake *)ctx;
    if (f->open) f->closes++;
    f->open = 0;
}

FAKE_FN mb_transport fake_transport(fake *f) {
    mb_transport t;
    t.ctx = f;
    t.flags = 0;
    t.connect = fake_connect;
    t.send = fake_send;
    t.recv = fake_recv;
    t.close = fake_close;
    return t;
}

FAKE_FN uint64_t fake_now(void) { return F.now; }
FAKE_FN mb_status fake_random(void *out, size_t len) {
    unsigned char *p = (unsigned char *)out;
    size_t i;
    for (i = 0; i < len; i++) p[i] = (unsigned char)(F.rnd++ * 37u + 11u);
    return MB_OK;
}
FAKE_FN void fake_sleep(uint32_t ms) { F.now += ms; }

/* The last client text message containing s (or -1). */
FAKE_FN int fake_find(const fake *f, const char *s) {
    int i;
    for (i = f->nmsg - 1; i >= 0; i--)
        if (contains(f->msg[i], f->mlen[i], s)) return i;
    return -1;
}
#endif
