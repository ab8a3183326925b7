/* Shared by the integration programs: a counted CHECK that prints PASS or
 * FAIL per check. The programs end with printf("%d passed, %d failed\n",
 * pass, fail); client-made ids come from mb_uuid4(mb_posix_random, ...). */
#ifndef MB_IT_H
#define MB_IT_H
#include <stdio.h>

static int pass, fail;
#define CHECK(c, what)                                                          \
    do {                                                                        \
        if (c) { pass++; printf("PASS %s\n", what); }                           \
        else { fail++; printf("FAIL %s (%s:%d)\n", what, __FILE__, __LINE__); } \
    } while (0)

#endif
