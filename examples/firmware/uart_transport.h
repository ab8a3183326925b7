/* An mb_transport over the CMSDK APB UART of the MPS2 boards (UART0 at
 * 0x40004000). Under QEMU, -serial tcp:127.0.0.1:PORT,nodelay=on makes
 * that UART a TCP connection to PORT, so "connect" only enables the UART:
 * the host and port of the URL are QEMU's business. Polled, no
 * interrupts. Timeouts are host wall-clock milliseconds (semihosting
 * SYS_ELAPSED, see sh_ms()).
 *
 * What the UART cannot tell: that the far end closed (a closed bridge is
 * silence, so a read ends with MB_ERR_TIMEOUT), and bytes sent while
 * nothing listens. What it can: a byte that arrived while the previous one
 * was still unread is lost (RX overrun), and the stream is then corrupt:
 * recv fails with MB_ERR_IO. Under QEMU the socket waits while RX is full,
 * so that only happens on real hardware, when the CPU polls too late.
 *
 * One connection per run: QEMU makes one TCP connection and the device
 * cannot open another, so a connect after a close fails (MB_ERR_CONNECT)
 * instead of talking into a link the server has already closed. */
#ifndef FW_UART_TRANSPORT_H
#define FW_UART_TRANSPORT_H
#include <stdint.h>
#include "mb.h"
#include "semihost.h"

typedef struct fw_uart {
    volatile uint32_t *base;
    size_t sent, received; /* byte counters, for the report */
    unsigned overruns;     /* reads failed on a lost byte */
    int state;             /* 0 never connected, 1 connected, 2 closed (spent) */
} fw_uart;

#define FW_UART_DATA(u) ((u)->base[0])
#define FW_UART_STATE(u) ((u)->base[1]) /* bit0 TX full, bit1 RX full, bit3 RX overrun (write 1 to clear) */
#define FW_UART_CTRL(u) ((u)->base[2])  /* bit0 TX enable, bit1 RX enable */
#define FW_UART_BAUDDIV(u) ((u)->base[4])
#define FW_UART_TX_FULL 1u
#define FW_UART_RX_FULL 2u
#define FW_UART_RX_OVERRUN 8u

/* 1 when timeout_ms has passed since start_ms (0: never) */
static int fw_uart_expired(uint32_t start_ms, uint32_t timeout_ms) {
    return timeout_ms && sh_ms() - start_ms >= timeout_ms;
}

static mb_status fw_uart_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    fw_uart *u = (fw_uart *)ctx;
    (void)host, (void)port, (void)timeout_ms;
    if (u->state == 2) return MB_ERR_CONNECT; /* the one connection of this run is gone */
    u->state = 1;
    FW_UART_BAUDDIV(u) = 16; /* must be >= 16; the rate is not emulated for sockets */
    FW_UART_CTRL(u) = 3;
    FW_UART_STATE(u) = FW_UART_RX_OVERRUN; /* a loss before this connection is not this one's */
    /* QEMU does not poll the socket until the data register is read once
     * after RX is enabled (else the first byte can take a second). Done
     * only here: mid-stream it would discard a byte. */
    (void)FW_UART_DATA(u);
    return MB_OK;
}

static mb_status fw_uart_send(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms) {
    fw_uart *u = (fw_uart *)ctx;
    const uint8_t *p = (const uint8_t *)data;
    uint32_t start = sh_ms();
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned spins = 0;
        while (FW_UART_STATE(u) & FW_UART_TX_FULL) /* a byte written while TX is full is lost */
            if ((++spins & 1023u) == 0 && fw_uart_expired(start, timeout_ms)) {
                *sent = i;
                u->sent += i;
                return i ? MB_OK : MB_ERR_TIMEOUT;
            }
        FW_UART_DATA(u) = p[i];
    }
    *sent = len;
    u->sent += len;
    return MB_OK;
}

/* 1 (and the flag cleared) when a received byte was lost */
static int fw_uart_lost(fw_uart *u, uint32_t state) {
    if (!(state & FW_UART_RX_OVERRUN)) return 0;
    FW_UART_STATE(u) = FW_UART_RX_OVERRUN;
    u->overruns++;
    return 1;
}

/* Waits for the first byte, then takes whatever else is already there. */
static mb_status fw_uart_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    fw_uart *u = (fw_uart *)ctx;
    uint8_t *p = (uint8_t *)buf;
    uint32_t start = sh_ms(), st;
    unsigned spins = 0;
    size_t n = 0;
    *got = 0;
    if (cap == 0) return MB_OK;
    while (!((st = FW_UART_STATE(u)) & FW_UART_RX_FULL)) {
        if (fw_uart_lost(u, st)) return MB_ERR_IO;
        if ((++spins & 1023u) == 0 && fw_uart_expired(start, timeout_ms)) return MB_ERR_TIMEOUT;
    }
    do {
        if (fw_uart_lost(u, st)) return MB_ERR_IO; /* what came before the loss is no use either */
        p[n++] = (uint8_t)FW_UART_DATA(u);
        /* the next byte needs a turn of QEMU's event loop: give it one */
        for (spins = 0; spins < 64 && !((st = FW_UART_STATE(u)) & FW_UART_RX_FULL); spins++) {}
    } while (n < cap && (st & FW_UART_RX_FULL));
    if (fw_uart_lost(u, st)) return MB_ERR_IO;
    *got = n;
    u->received += n;
    return MB_OK;
}

/* The connection cannot be closed from this side: QEMU owns the socket.
 * After a close the server is gone or going, so it cannot be reused. */
static void fw_uart_close(void *ctx) {
    fw_uart *u = (fw_uart *)ctx;
    if (u->state == 1) u->state = 2;
}

static mb_transport fw_uart_transport(fw_uart *u) {
    mb_transport t;
    t.ctx = u;
    t.flags = 0;
    t.connect = fw_uart_connect;
    t.send = fw_uart_send;
    t.recv = fw_uart_recv;
    t.close = fw_uart_close;
    return t;
}
#endif
