/* An mb_transport over the CMSDK APB UART of the MPS2 boards (UART0 at
 * 0x40004000). Under QEMU, -serial tcp:127.0.0.1:PORT,nodelay=on makes
 * that UART a TCP connection to PORT, so "connect" only enables the UART:
 * the host and port of the URL are QEMU's business. Polled, no
 * interrupts. Timeouts use the semihosting clock (10 ms resolution). */
#ifndef FW_UART_TRANSPORT_H
#define FW_UART_TRANSPORT_H
#include <stdint.h>
#include "mb.h"
#include "semihost.h"

typedef struct fw_uart {
    volatile uint32_t *base;
    size_t sent, received; /* byte counters, for the report */
} fw_uart;

#define FW_UART_DATA(u) ((u)->base[0])
#define FW_UART_STATE(u) ((u)->base[1]) /* bit0 TX full, bit1 RX full */
#define FW_UART_CTRL(u) ((u)->base[2])  /* bit0 TX enable, bit1 RX enable */
#define FW_UART_BAUDDIV(u) ((u)->base[4])

/* 1 when timeout_ms has passed since start_cs (0: never) */
static int fw_uart_expired(uint32_t start_cs, uint32_t timeout_ms) {
    return timeout_ms && (sh_clock_cs() - start_cs) * 10u >= timeout_ms;
}

static mb_status fw_uart_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    fw_uart *u = (fw_uart *)ctx;
    (void)host, (void)port, (void)timeout_ms;
    FW_UART_BAUDDIV(u) = 16; /* must be >= 16; the rate is not emulated for sockets */
    FW_UART_CTRL(u) = 3;
    /* QEMU does not poll the socket until the data register is read once
     * after RX is enabled (else the first byte can take a second). Done
     * only here: mid-stream it would discard a byte. */
    (void)FW_UART_DATA(u);
    return MB_OK;
}

static mb_status fw_uart_send(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms) {
    fw_uart *u = (fw_uart *)ctx;
    const uint8_t *p = (const uint8_t *)data;
    uint32_t start = sh_clock_cs();
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned spins = 0;
        while (FW_UART_STATE(u) & 1u) /* a byte written while TX is full is lost */
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

/* Waits for the first byte, then takes whatever else is already there. */
static mb_status fw_uart_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    fw_uart *u = (fw_uart *)ctx;
    uint8_t *p = (uint8_t *)buf;
    uint32_t start = sh_clock_cs();
    unsigned spins = 0;
    size_t n = 0;
    *got = 0;
    if (cap == 0) return MB_OK;
    while (!(FW_UART_STATE(u) & 2u))
        if ((++spins & 1023u) == 0 && fw_uart_expired(start, timeout_ms)) return MB_ERR_TIMEOUT;
    do {
        p[n++] = (uint8_t)FW_UART_DATA(u);
        /* the next byte needs a turn of QEMU's event loop: give it one */
        for (spins = 0; spins < 64 && !(FW_UART_STATE(u) & 2u); spins++) {}
    } while (n < cap && (FW_UART_STATE(u) & 2u));
    *got = n;
    u->received += n;
    return MB_OK;
}

/* The connection cannot be closed from this side: QEMU owns the socket. */
static void fw_uart_close(void *ctx) { (void)ctx; }

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
