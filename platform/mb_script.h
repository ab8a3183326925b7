/* mb_script.h — a scripted in-memory transport for tests.
 *
 * A script is a list of connections; each connect() opens the next one.
 * Each connection holds the replies the "server" gives, one per request:
 * reply i becomes readable once the client has started its (i+1)-th send
 * burst on that connection. When the readable bytes run out, recv returns
 * the connection's `end` status (MB_ERR_CLOSED when left 0). max_read and
 * max_write cap the bytes moved per call (1 = a byte at a time). Every byte
 * sent is copied to tx when given. Include after mb.h; the implementation
 * comes with MB_IMPLEMENTATION. */
#ifndef MB_SCRIPT_H
#define MB_SCRIPT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mb_script_conn {
    const mb_str *replies;
    size_t num_replies;
    mb_status end;            /* after the available bytes; 0 means MB_ERR_CLOSED */
    mb_status send_status;    /* non-zero: every send on this connection fails so */
    mb_status connect_status; /* non-zero: connecting to this connection fails so */
} mb_script_conn;

typedef struct mb_script {
    const mb_script_conn *conns;
    size_t num_conns;
    size_t max_read, max_write; /* 0: unlimited */
    char *tx;                   /* optional capture of everything sent */
    size_t tx_cap, tx_len;
    /* state, readable by tests */
    size_t conn;      /* connections opened so far */
    size_t turn;      /* send bursts on the current connection */
    size_t rx_pos;    /* bytes of the current reply delivered */
    int open, sending;
    unsigned closes;
    uint32_t last_timeout_ms;
} mb_script;

mb_transport mb_script_transport(mb_script *s);

#ifdef __cplusplus
}
#endif
#endif /* MB_SCRIPT_H */

#if defined(MB_IMPLEMENTATION) && !defined(MB_SCRIPT_IMPLEMENTED)
#define MB_SCRIPT_IMPLEMENTED
#include <string.h>

static mb_status mb__script_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    mb_script *s = (mb_script *)ctx;
    const mb_script_conn *c;
    (void)host;
    (void)port;
    s->last_timeout_ms = timeout_ms;
    if (s->conn >= s->num_conns) return MB_ERR_CONNECT;
    c = &s->conns[s->conn++];
    if (c->connect_status) return c->connect_status;
    s->open = 1;
    s->turn = 0;
    s->rx_pos = 0;
    s->sending = 0;
    return MB_OK;
}

static const mb_script_conn *mb__script_cur(mb_script *s) { return s->open ? &s->conns[s->conn - 1] : NULL; }

static mb_status mb__script_send(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms) {
    mb_script *s = (mb_script *)ctx;
    const mb_script_conn *c = mb__script_cur(s);
    size_t n = len;
    s->last_timeout_ms = timeout_ms;
    if (!c) return MB_ERR_IO;
    if (c->send_status) return c->send_status;
    if (!s->sending) { /* a new burst: the next reply becomes readable */
        s->sending = 1;
        s->turn++;
        s->rx_pos = 0;
    }
    if (s->max_write && n > s->max_write) n = s->max_write;
    if (s->tx) {
        if (n > s->tx_cap - s->tx_len) return MB_ERR_IO; /* the test's capture is too small */
        memcpy(s->tx + s->tx_len, data, n);
        s->tx_len += n;
    }
    *sent = n;
    return MB_OK;
}

static mb_status mb__script_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    mb_script *s = (mb_script *)ctx;
    const mb_script_conn *c = mb__script_cur(s);
    size_t n;
    s->last_timeout_ms = timeout_ms;
    if (!c) return MB_ERR_IO;
    s->sending = 0;
    if (s->turn == 0 || s->turn > c->num_replies || s->rx_pos >= c->replies[s->turn - 1].len)
        return c->end ? c->end : MB_ERR_CLOSED;
    n = c->replies[s->turn - 1].len - s->rx_pos;
    if (n > cap) n = cap;
    if (s->max_read && n > s->max_read) n = s->max_read;
    memcpy(buf, c->replies[s->turn - 1].ptr + s->rx_pos, n);
    s->rx_pos += n;
    *got = n;
    return MB_OK;
}

static void mb__script_close(void *ctx) {
    mb_script *s = (mb_script *)ctx;
    if (s->open) s->closes++;
    s->open = 0;
}

mb_transport mb_script_transport(mb_script *s) {
    mb_transport t;
    t.ctx = s;
    t.flags = 0;
    t.connect = mb__script_connect;
    t.send = mb__script_send;
    t.recv = mb__script_recv;
    t.close = mb__script_close;
    return t;
}
#endif
