/* Shared by the fuzz harnesses: a failed property stops the run with a
 * message (libFuzzer then saves the input as a crash artifact). */
#ifndef MB_FUZZ_COMMON_H
#define MB_FUZZ_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_FAIL(msg)                                                       \
    do {                                                                     \
        fprintf(stderr, "property failed: %s (%s:%d)\n", msg, __FILE__, __LINE__); \
        abort();                                                             \
    } while (0)
#define FUZZ_FAILF(fmt, a, b)                                                \
    do {                                                                     \
        fprintf(stderr, "property failed: " fmt " (%s:%d)\n", a, b, __FILE__, __LINE__); \
        abort();                                                             \
    } while (0)

/* A small deterministic byte source over the input, for harnesses that
 * read the input as a program (a byte past the end reads as 0). */
typedef struct fuzz_in {
    const unsigned char *p;
    size_t n, i;
} fuzz_in;
static unsigned fuzz_u8(fuzz_in *in) { return in->i < in->n ? in->p[in->i++] : 0u; }
static size_t fuzz_left(const fuzz_in *in) { return in->n - in->i; }
#endif
