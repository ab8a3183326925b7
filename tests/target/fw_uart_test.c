/* The firmware's UART transport (examples/firmware/uart_transport.h) and
 * run time (startup.c, crt_noheap.c) on mps2-an385, linked as the firmware
 * is. Run by tests/suites/62-firmware:
 *   fw_uart_test regs      the transport against a register block in RAM:
 *                          a lost byte (RX overrun), TX stuck full, a read
 *                          with nothing coming, one connection per run
 *   fw_uart_test bridge    UART0 bridged by QEMU (-serial tcp:) to a peer
 *                          that answers "ping..." with "pong LEN\n" and 3000
 *                          bytes in three writes, then closes: the answer
 *                          over partial reads, then silence, so a read
 *                          times out, after the time asked in wall time
 *   fw_uart_test exit N    returns N (QEMU must exit with N)
 *   fw_uart_test fault     reads an unmapped address (exit 99)
 * Prints ok/FAIL lines and "N passed, N failed"; exits with the failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "semihost.h"
#include "uart_transport.h"

void fw_exit(int status) __attribute__((noreturn));
void *__wrap__sbrk(ptrdiff_t incr);
void *__wrap__sbrk(ptrdiff_t incr) {
    (void)incr;
    sh_puts("fw_uart_test: _sbrk called\n");
    fw_exit(97);
}

static int pass, fail;
static char msg[256], desc[160];
static void check(int ok, const char *what) {
    snprintf(msg, sizeof msg, "%s %s\n", ok ? "ok  " : "FAIL", what);
    sh_puts(msg);
    if (ok) pass++;
    else fail++;
}

/* host wall-clock milliseconds straight from SYS_ELAPSED (the suite checks
 * from outside that it keeps pace with the wall) */
static uint32_t wall_ms(void) {
    uint32_t t[2] = {0, 0};
    intptr_t f = sh_call(SH_TICKFREQ, NULL);
    if (f < 1000 || sh_call(SH_ELAPSED, t) != 0) return 0;
    return (uint32_t)((((uint64_t)t[1] << 32) | t[0]) / (uint64_t)(f / 1000));
}

static void regs(void) {
    static uint32_t r[8]; /* DATA, STATE, CTRL, -, BAUDDIV */
    static char buf[16];
    fw_uart u, v;
    mb_transport t;
    size_t n = 99;
    uint32_t t0, dt;
    memset(&u, 0, sizeof u);
    u.base = r;
    t = fw_uart_transport(&u);

    check(t.connect(t.ctx, "localhost", 443, 1000) == MB_OK && r[2] == 3 && r[4] == 16, "connect enables TX and RX");
    r[1] = 0;
    check(t.send(t.ctx, "abcde", 5, &n, 100) == MB_OK && n == 5 && r[0] == 'e', "send: 5 bytes out while TX is free");
    r[1] = FW_UART_TX_FULL;
    n = 99;
    t0 = wall_ms();
    check(t.send(t.ctx, "x", 1, &n, 100) == MB_ERR_TIMEOUT && n == 0, "send: TX stuck full ends in MB_ERR_TIMEOUT, 0 bytes");
    dt = wall_ms() - t0;
    check(dt >= 100 && dt < 1000, "send: ... after the 100 ms asked");

    r[1] = FW_UART_RX_FULL;
    r[0] = 'y';
    check(t.recv(t.ctx, buf, 4, &n, 100) == MB_OK && n == 4 && memcmp(buf, "yyyy", 4) == 0,
          "recv: bytes waiting come back, no more than asked");
    r[1] = FW_UART_RX_FULL | FW_UART_RX_OVERRUN;
    n = 99;
    check(t.recv(t.ctx, buf, sizeof buf, &n, 100) == MB_ERR_IO && n == 0, "recv: a lost byte (RX overrun) is MB_ERR_IO");
    check(r[1] == FW_UART_RX_OVERRUN && u.overruns == 1, "recv: ... and the overrun flag is cleared (written 1)");
    r[1] = FW_UART_RX_OVERRUN;
    check(t.recv(t.ctx, buf, sizeof buf, &n, 100) == MB_ERR_IO, "recv: a loss with nothing waiting is MB_ERR_IO too");
    r[1] = 0;
    t0 = wall_ms();
    check(t.recv(t.ctx, buf, sizeof buf, &n, 100) == MB_ERR_TIMEOUT && n == 0, "recv: nothing coming ends in MB_ERR_TIMEOUT");
    dt = wall_ms() - t0;
    check(dt >= 100 && dt < 1000, "recv: ... after the 100 ms asked");
    check(u.received == 4 && u.sent == 5, "counters: 5 bytes out, 4 in");

    t.close(t.ctx);
    check(t.connect(t.ctx, "localhost", 443, 1000) == MB_ERR_CONNECT, "connect after close: MB_ERR_CONNECT (one connection per run)");
    memset(&v, 0, sizeof v);
    v.base = r;
    t = fw_uart_transport(&v);
    t.close(t.ctx);
    check(t.connect(t.ctx, "localhost", 443, 1000) == MB_OK, "a close before any connect does not use the connection up");
}

static void bridge(void) {
    static char out[1000], in[4096];
    fw_uart u;
    mb_transport t;
    size_t n, have = 0, reads = 0, off;
    mb_status s = MB_OK;
    uint32_t t0, dt;
    int pattern_ok = 1;
    memset(&u, 0, sizeof u);
    u.base = (volatile uint32_t *)0x40004000u;
    t = fw_uart_transport(&u);
    check(t.connect(t.ctx, "localhost", 443, 1000) == MB_OK, "connect");
    memcpy(out, "ping ", 5);
    for (n = 5; n < sizeof out - 1; n++) out[n] = (char)('a' + n % 26);
    out[sizeof out - 1] = '\n';
    for (off = 0; off < sizeof out && s == MB_OK; off += n) s = t.send(t.ctx, out + off, sizeof out - off, &n, 5000);
    check(s == MB_OK && off == sizeof out && u.sent == sizeof out, "send: 1000 bytes to the peer");
    /* "pong 1000\n" and 3000 bytes of A..Z */
    while (have < 10 + 3000 && (s = t.recv(t.ctx, in + have, sizeof in - have, &n, 5000)) == MB_OK) {
        have += n;
        reads++;
    }
    check(s == MB_OK && have == 3010, "recv: the peer's 3010 bytes");
    snprintf(desc, sizeof desc, "recv: ... over %u reads (partial reads, as the contract allows)", (unsigned)reads);
    check(reads > 1, desc);
    check(memcmp(in, "pong 1000\n", 10) == 0, "the peer got the 1000 bytes whole (it says pong 1000)");
    for (off = 0; off < 3000; off++)
        if (in[10 + off] != (char)('A' + off % 26)) pattern_ok = 0;
    check(pattern_ok, "the 3000 bytes came in order, none lost");
    /* the peer has closed: the UART cannot see it, so a read waits out its timeout */
    t0 = wall_ms();
    s = t.recv(t.ctx, in, sizeof in, &n, 2000);
    dt = wall_ms() - t0;
    check(s == MB_ERR_TIMEOUT && n == 0, "recv on the closed bridge: MB_ERR_TIMEOUT");
    snprintf(desc, sizeof desc, "recv: ... after %u ms of wall time for the 2000 asked (2000..2999)", (unsigned)dt);
    check(dt >= 2000 && dt < 3000, desc); /* generous: the CPU-time clock took 4 s on a shared CPU */
    t.close(t.ctx);
    check(t.connect(t.ctx, "localhost", 443, 1000) == MB_ERR_CONNECT, "no second connection over the bridge: MB_ERR_CONNECT");
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "exit") == 0) return atoi(argv[2]);
    if (argc > 1 && strcmp(argv[1], "fault") == 0) return *(volatile int *)0xF0000000u;
    if (argc > 1 && strcmp(argv[1], "regs") == 0) regs();
    else if (argc > 1 && strcmp(argv[1], "bridge") == 0) bridge();
    else {
        sh_puts("usage: fw_uart_test regs|bridge|exit N|fault\n");
        return 2;
    }
    snprintf(msg, sizeof msg, "%d passed, %d failed\n", pass, fail);
    sh_puts(msg);
    return fail;
}
