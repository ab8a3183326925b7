/* Proves the firmware's heap guard can fail: linked like the firmware
 * (crt_noheap.c, -Wl,--wrap=_sbrk), this calls malloc, which must end the
 * run with status 97 and a message instead of returning memory. */
#include <stdlib.h>
#include "semihost.h"

void fw_exit(int status) __attribute__((noreturn));
void *__wrap__sbrk(ptrdiff_t incr);
void *__wrap__sbrk(ptrdiff_t incr) {
    (void)incr;
    sh_puts("heap_probe: _sbrk called\n");
    fw_exit(97);
}

int main(void) {
    volatile char *p = malloc(16);
    if (p) p[0] = 1;
    sh_puts("heap_probe: malloc returned without the guard\n");
    return 0;
}
