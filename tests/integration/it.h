/* Shared by the integration programs: a counted CHECK that prints PASS or
 * FAIL per check, and random bytes for client-made ids. The programs end
 * with printf("%d passed, %d failed\n", pass, fail). */
#ifndef MB_IT_H
#define MB_IT_H
#include <stdio.h>

static int pass, fail;
#define CHECK(c, what)                                                          \
    do {                                                                        \
        if (c) { pass++; printf("PASS %s\n", what); }                           \
        else { fail++; printf("FAIL %s (%s:%d)\n", what, __FILE__, __LINE__); } \
    } while (0)

/* mb_random_fn over /dev/urandom */
static int urandom(void *ctx, unsigned char *out, size_t len) {
    FILE *f = fopen("/dev/urandom", "rb");
    size_t n = f ? fread(out, 1, len, f) : 0;
    (void)ctx;
    if (f) fclose(f);
    return n == len ? 0 : -1;
}
#endif
