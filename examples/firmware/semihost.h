/* ARM semihosting calls used by the firmware, made directly (bkpt 0xAB) so
 * that printing and reading host files never goes through newlib's stdio,
 * which would allocate buffers from the heap. QEMU implements them with
 * -semihosting-config enable=on,target=native. */
#ifndef FW_SEMIHOST_H
#define FW_SEMIHOST_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { SH_OPEN = 0x01, SH_CLOSE = 0x02, SH_WRITE0 = 0x04, SH_WRITE = 0x05, SH_READ = 0x06,
       SH_FLEN = 0x0C, SH_CLOCK = 0x10, SH_TIME = 0x11, SH_ELAPSED = 0x30, SH_TICKFREQ = 0x31 };

static inline intptr_t sh_call(int op, const void *arg) {
    register intptr_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

/* seconds since 1970 from the host clock */
static inline int64_t sh_time(void) { return (int64_t)(uint32_t)sh_call(SH_TIME, NULL); }
/* centiseconds "since the program started": QEMU answers with its own CPU
 * time (clock()), which runs slower than the wall, several times slower when
 * the host is busy; use it for a seed, not for timeouts */
static inline uint32_t sh_clock_cs(void) { return (uint32_t)sh_call(SH_CLOCK, NULL); }

/* milliseconds of the host's monotonic wall clock (SYS_ELAPSED ticks at
 * SYS_TICKFREQ), for timeouts; SYS_CLOCK's centiseconds where the host
 * lacks the two calls. Wraps after 49 days: compare differences. */
static inline uint32_t sh_ms(void) {
    static intptr_t per_ms = 0; /* ticks per millisecond; -1: no SYS_ELAPSED */
    uint32_t t[2] = {0, 0};     /* 64-bit tick count, low word first */
    if (per_ms == 0) {
        intptr_t f = sh_call(SH_TICKFREQ, NULL);
        per_ms = f >= 1000 && sh_call(SH_ELAPSED, t) == 0 ? f / 1000 : -1;
    }
    if (per_ms > 0 && sh_call(SH_ELAPSED, t) == 0)
        return (uint32_t)((((uint64_t)t[1] << 32) | t[0]) / (uint64_t)per_ms);
    return sh_clock_cs() * 10u;
}

/* writes s to the host's standard output (":tt" opened for writing) */
static inline void sh_puts(const char *s) {
    static intptr_t out = -1;
    if (out < 0) {
        uintptr_t a[3] = {(uintptr_t)":tt", 4 /* "w" */, 3};
        out = sh_call(SH_OPEN, a);
    }
    uintptr_t w[3] = {(uintptr_t)out, (uintptr_t)s, strlen(s)};
    sh_call(SH_WRITE, w);
}

/* reads a whole host file into buf (NUL-terminated); its length, or -1 */
static inline long sh_read_file(const char *path, char *buf, size_t cap) {
    uintptr_t o[3] = {(uintptr_t)path, 1 /* "rb" */, strlen(path)};
    intptr_t h = sh_call(SH_OPEN, o), len;
    if (h < 0) return -1;
    len = sh_call(SH_FLEN, &h);
    if (len < 0 || (size_t)len >= cap) { sh_call(SH_CLOSE, &h); return -1; }
    uintptr_t r[3] = {(uintptr_t)h, (uintptr_t)buf, (uintptr_t)len};
    if (sh_call(SH_READ, r) != 0) len = -1; /* returns the bytes NOT read */
    sh_call(SH_CLOSE, &h);
    if (len >= 0) buf[len] = '\0';
    return len;
}
#endif
