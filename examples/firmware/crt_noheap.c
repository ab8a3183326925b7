/* The firmware's C runtime start, instead of newlib rdimon's: rdimon's
 * start-up opens stdin/stdout/stderr as FILEs, which takes their glue from
 * the heap. This one zeroes .bss, takes argv from the semihosting command
 * line into a static buffer, runs main and hands its status to the host
 * (SYS_EXIT_EXTENDED: QEMU exits with it). Nothing here allocates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include "semihost.h"

extern uint32_t __bss_start__, __bss_end__, _estack;
int main(int argc, char **argv);
void _start(void);

__attribute__((noreturn)) void fw_exit(int status) {
    uintptr_t block[2] = {0x20026 /* ADP_Stopped_ApplicationExit */, (uintptr_t)status};
    sh_call(0x20 /* SYS_EXIT_EXTENDED */, block);
    for (;;) {}
}

/* newlib's abort()/_exit land here too */
void _exit(int status) { fw_exit(status); }

/* time() for mbedTLS's certificate validity check: the host's clock */
int _gettimeofday(struct timeval *tv, void *tz) {
    (void)tz;
    if (tv) {
        tv->tv_sec = (time_t)sh_time();
        tv->tv_usec = 0;
    }
    return 0;
}

/* newlib's gmtime() keeps its result in memory it allocates: ours is static */
struct tm *gmtime(const time_t *t) {
    static struct tm tm;
    return gmtime_r(t, &tm);
}

/* Stack high-water mark: the 64 KB below the start-up frame are painted
 * with a pattern; fw_stack_peak() finds the deepest word that changed. */
#define FW_PAINT 0xA5C3E1F7u
#define FW_PAINT_WORDS (64u * 1024u / 4u)
static uint32_t *paint_lo;

static void fw_stack_paint(void) {
    uint32_t *p = (uint32_t *)__builtin_frame_address(0) - 64; /* keep clear of this frame */
    paint_lo = p - FW_PAINT_WORDS;
    if (paint_lo < &__bss_end__) paint_lo = &__bss_end__;
    for (uint32_t *q = paint_lo; q < p; q++) *(volatile uint32_t *)q = FW_PAINT;
}

size_t fw_stack_peak(void) {
    uint32_t *p = paint_lo;
    while (*p == FW_PAINT) p++;
    return (size_t)((uintptr_t)&_estack - (uintptr_t)p);
}

void _start(void) {
    static char cmdline[1024];
    static char *argv[16];
    uintptr_t arg[2] = {(uintptr_t)cmdline, sizeof cmdline - 1};
    int argc = 0;
    for (uint32_t *p = &__bss_start__; p < &__bss_end__; p++) *p = 0;
    fw_stack_paint();
    if (sh_call(0x15 /* SYS_GET_CMDLINE */, arg) == 0) {
        char *s = cmdline;
        cmdline[arg[1]] = '\0';
        while (*s && argc < 15) {
            while (*s == ' ') *s++ = '\0';
            if (!*s) break;
            argv[argc++] = s;
            while (*s && *s != ' ') s++;
        }
    }
    argv[argc] = NULL;
    fw_exit(main(argc, argv));
}
