/* Linked into a test binary with -Wl,--wrap=malloc,--wrap=calloc,
 * --wrap=realloc,--wrap=free: every allocation call made from the
 * program's own code (the library is compiled into it) is counted with the
 * address it was called from. At exit the callers go to the file named by
 * MB_HEAP_LOG, one "return-address main-address" line each, and
 * tools/memcheck.sh names the calling functions with addr2line: any mb_
 * function among them means the library touched the heap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv);
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

#define MAX_CALLERS 256
static uintptr_t callers[MAX_CALLERS];
static unsigned long counts[MAX_CALLERS];
static int registered;

static void report(void) {
    const char *path = getenv("MB_HEAP_LOG");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (!f) return;
    for (int i = 0; i < MAX_CALLERS && callers[i]; i++)
        fprintf(f, "%lx %lx %lu\n", (unsigned long)callers[i], (unsigned long)(uintptr_t)&main, counts[i]);
    fclose(f);
}

static void note(void *ret) {
    uintptr_t a = (uintptr_t)ret;
    if (!registered) {
        registered = 1;
        atexit(report);
    }
    for (int i = 0; i < MAX_CALLERS; i++) {
        if (callers[i] == a || callers[i] == 0) {
            callers[i] = a;
            counts[i]++;
            return;
        }
    }
}

void *__wrap_malloc(size_t n) { note(__builtin_return_address(0)); return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { note(__builtin_return_address(0)); return __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { note(__builtin_return_address(0)); return __real_realloc(p, n); }
void __wrap_free(void *p) {
    if (p) note(__builtin_return_address(0));
    __real_free(p);
}
