/* A fault-injection transport for tests: a scripted server whose every
 * connection can misbehave on a schedule.
 *
 * Each connection answers each request burst with the next reply of its
 * list. Faults, per connection:
 *  - connect_status: connecting fails so;
 *  - cut_tx: after accepting this many request bytes, send fails with
 *    cut_status (FT_NEVER: never);
 *  - cut_rx: after delivering this many reply bytes (counted over the whole
 *    connection), recv fails with cut_status;
 *  - max_read / max_write: short reads and writes (0: unlimited);
 *  - delay_ms: how long each recv "waits" before its bytes come, on a
 *    virtual clock; a wait at or over the caller's timeout gives
 *    MB_ERR_TIMEOUT instead (slow_at: only the recv call with that index is
 *    slow, FT_NEVER: every call);
 *  - recv_error_at: the recv call with that index fails with recv_error.
 * When the replies run out, recv reports an orderly close (MB_ERR_CLOSED).
 * A hang shows up as a runaway call count: past FT_MAX_CALLS the transport
 * aborts. Nothing is allocated; include after mb.h. */
#ifndef MB_FAULT_TRANSPORT_H
#define MB_FAULT_TRANSPORT_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FT_NEVER ((size_t)-1)
#define FT_MAX_CALLS 10000000UL
#define FT_MAX_CONNS 4

typedef struct ft_conn {
    const mb_str *replies;
    size_t num_replies;
    mb_status connect_status;
    size_t cut_tx, cut_rx;
    mb_status cut_status;
    size_t max_read, max_write;
    uint32_t delay_ms;
    size_t slow_at;
    size_t recv_error_at;
    mb_status recv_error;
} ft_conn;

typedef struct ft {
    ft_conn conns[FT_MAX_CONNS];
    size_t num_conns;
    /* state */
    size_t conn, turn, rx_pos, tx_total, rx_total, recv_calls;
    int open, sending;
    unsigned long calls;
    uint64_t clock_ms;
    uint32_t last_timeout_ms;
    unsigned connects, closes;
    char tx[1 << 16]; /* every byte sent on the current connection */
    size_t tx_len;
} ft;

/* A connection that behaves: one reply per request, no faults. */
static ft_conn ft_clean(const mb_str *replies, size_t n) {
    ft_conn c;
    memset(&c, 0, sizeof c);
    c.replies = replies;
    c.num_replies = n;
    c.cut_tx = c.cut_rx = c.slow_at = c.recv_error_at = FT_NEVER;
    c.cut_status = MB_ERR_CLOSED;
    return c;
}

static void ft_tick(ft *f) {
    if (++f->calls > FT_MAX_CALLS) {
        fprintf(stderr, "fault transport: more than %lu calls: the client hangs\n", FT_MAX_CALLS);
        abort();
    }
}

static mb_status ft_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    ft *f = (ft *)ctx;
    (void)host;
    (void)port;
    ft_tick(f);
    f->last_timeout_ms = timeout_ms;
    if (f->open) {
        fprintf(stderr, "fault transport: connect while connected\n");
        abort();
    }
    if (f->conn >= f->num_conns) return MB_ERR_CONNECT;
    if (f->conns[f->conn].connect_status) {
        f->conn++;
        return f->conns[f->conn - 1].connect_status;
    }
    f->conn++;
    f->open = 1;
    f->connects++;
    f->turn = f->rx_pos = f->tx_total = f->rx_total = f->recv_calls = 0;
    f->sending = 0;
    f->tx_len = 0;
    return MB_OK;
}

static ft_conn *ft_cur(ft *f) { return f->open ? &f->conns[f->conn - 1] : NULL; }

static mb_status ft_send(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms) {
    ft *f = (ft *)ctx;
    ft_conn *c = ft_cur(f);
    size_t n = len;
    ft_tick(f);
    f->last_timeout_ms = timeout_ms;
    if (!c) return MB_ERR_IO;
    if (len == 0) {
        fprintf(stderr, "fault transport: send of 0 bytes\n");
        abort();
    }
    if (c->cut_tx != FT_NEVER && f->tx_total >= c->cut_tx) return c->cut_status;
    if (c->cut_tx != FT_NEVER && n > c->cut_tx - f->tx_total) n = c->cut_tx - f->tx_total;
    if (c->max_write && n > c->max_write) n = c->max_write;
    if (!f->sending) { /* a new request: the next reply becomes readable */
        f->sending = 1;
        f->turn++;
        f->rx_pos = 0;
    }
    if (n > sizeof f->tx - f->tx_len) return MB_ERR_IO;
    memcpy(f->tx + f->tx_len, data, n);
    f->tx_len += n;
    f->tx_total += n;
    *sent = n;
    return MB_OK;
}

static mb_status ft_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    ft *f = (ft *)ctx;
    ft_conn *c = ft_cur(f);
    size_t n, call;
    ft_tick(f);
    f->last_timeout_ms = timeout_ms;
    if (!c) return MB_ERR_IO;
    if (cap == 0) {
        fprintf(stderr, "fault transport: recv into 0 bytes\n");
        abort();
    }
    f->sending = 0;
    call = f->recv_calls++;
    if (call == c->recv_error_at) return c->recv_error;
    if (c->delay_ms && (c->slow_at == FT_NEVER || c->slow_at == call)) {
        if (c->delay_ms >= timeout_ms) {
            f->clock_ms += timeout_ms;
            return MB_ERR_TIMEOUT;
        }
        f->clock_ms += c->delay_ms;
    }
    if (c->cut_rx != FT_NEVER && f->rx_total >= c->cut_rx) return c->cut_status;
    if (f->turn == 0 || f->turn > c->num_replies || f->rx_pos >= c->replies[f->turn - 1].len) return MB_ERR_CLOSED;
    n = c->replies[f->turn - 1].len - f->rx_pos;
    if (n > cap) n = cap;
    if (c->max_read && n > c->max_read) n = c->max_read;
    if (c->cut_rx != FT_NEVER && n > c->cut_rx - f->rx_total) n = c->cut_rx - f->rx_total;
    memcpy(buf, c->replies[f->turn - 1].ptr + f->rx_pos, n);
    f->rx_pos += n;
    f->rx_total += n;
    *got = n;
    return MB_OK;
}

static void ft_close(void *ctx) {
    ft *f = (ft *)ctx;
    ft_tick(f);
    if (f->open) f->closes++;
    f->open = 0;
}

static mb_transport ft_transport(ft *f) {
    mb_transport t;
    t.ctx = f;
    t.flags = 0;
    t.connect = ft_connect;
    t.send = ft_send;
    t.recv = ft_recv;
    t.close = ft_close;
    return t;
}
#endif
