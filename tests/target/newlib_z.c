/* Debian's newlib for arm-none-eabi is built without C99 printf formats:
 * "%zu" prints "zu". The unit tests print size_t with %zu (correct C99), so
 * the target build links snprintf/printf through these wrappers
 * (-Wl,--wrap=...), which drop the 'z' length modifier before calling
 * newlib. On Cortex-M size_t is unsigned int, so "%u" is the same
 * conversion. Nothing else in a format is changed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* dropping %z needs size_t == unsigned int: fails to compile otherwise */
typedef char mb_size_t_is_unsigned_int[sizeof(size_t) == sizeof(unsigned int) ? 1 : -1];

int __real_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int __real_vprintf(const char *fmt, va_list ap);
int __wrap_snprintf(char *buf, size_t cap, const char *fmt, ...);
int __wrap_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int __wrap_printf(const char *fmt, ...);
int __wrap_vprintf(const char *fmt, va_list ap);

/* fmt without the 'z' of each conversion; the original when it is too long */
static const char *no_z(const char *fmt, char *out, size_t cap) {
    size_t n = 0;
    int in_conv = 0;
    for (const char *p = fmt; *p; p++) {
        if (n + 1 >= cap) return fmt;
        if (in_conv) {
            if (*p == 'z') continue;
            if ((*p >= 'a' && *p <= 'z' && *p != 'l' && *p != 'h' && *p != 'j' && *p != 't' && *p != 'L') ||
                (*p >= 'A' && *p <= 'Z' && *p != 'L') || *p == '%')
                in_conv = 0;
        } else if (*p == '%') {
            in_conv = 1;
        }
        out[n++] = *p;
    }
    out[n] = '\0';
    return out;
}

int __wrap_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap) {
    char f[1024];
    return __real_vsnprintf(buf, cap, no_z(fmt, f, sizeof f), ap);
}

int __wrap_snprintf(char *buf, size_t cap, const char *fmt, ...) {
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = __wrap_vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return r;
}

int __wrap_vprintf(const char *fmt, va_list ap) {
    char f[1024];
    return __real_vprintf(no_z(fmt, f, sizeof f), ap);
}

int __wrap_printf(const char *fmt, ...) {
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = __wrap_vprintf(fmt, ap);
    va_end(ap);
    return r;
}
