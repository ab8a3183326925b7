/* Allocation counters for a test program linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free: every call
 * from the program's own code (the library is compiled into it) adds to
 * heap_calls. Include in exactly one file of the program. */
#ifndef MB_TEST_HEAP_COUNT_H
#define MB_TEST_HEAP_COUNT_H
#include <stddef.h>

static unsigned long heap_calls;
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
void *__wrap_malloc(size_t n) { heap_calls++; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { heap_calls++; return __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { heap_calls++; return __real_realloc(p, n); }
void __wrap_free(void *p) { if (p) heap_calls++; __real_free(p); }
#endif
