/* Minimal test harness shared by the unit test files: counts checks and
 * prints each failure with its place. */
#ifndef MB_TEST_T_H
#define MB_TEST_T_H
#include <stdio.h>
#include <string.h>
#include "mb.h"

extern int t_pass, t_fail;
extern const char *t_case; /* the running case, for failure messages */

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (cond) t_pass++;                                                            \
        else {                                                                         \
            t_fail++;                                                                  \
            printf("FAIL %s:%d [%s]: %s\n", __FILE__, __LINE__, t_case ? t_case : "", #cond); \
        }                                                                              \
    } while (0)

#define CHECK_ST(expr, want)                                                           \
    do {                                                                               \
        mb_status t_s_ = (expr), t_w_ = (want);                                        \
        if (t_s_ == t_w_) t_pass++;                                                    \
        else {                                                                         \
            t_fail++;                                                                  \
            printf("FAIL %s:%d [%s]: %s -> %s (%d), want %s (%d)\n", __FILE__, __LINE__, \
                   t_case ? t_case : "", #expr, mb_strerror(t_s_), (int)t_s_, mb_strerror(t_w_), (int)t_w_); \
        }                                                                              \
    } while (0)

/* strict JSON check through the library's own parser */
static inline int json_ok(const char *s, size_t n) {
    mb_token tk[256];
    mb_json d;
    return mb_json_parse(&d, s, n, tk, 256) == MB_OK && mb_json_check_strings(&d) == MB_OK;
}

/* view equals C string */
#define CHECK_STR(view, cstr) CHECK(mb_str_eq((view), (cstr)))

void test_write(void);
void test_json(void);
void test_http(void);
void test_url(void);
void test_client(void);
void test_typed(void);
void test_outbox(void);
void test_write_more(void);
void test_typed_more(void);
void test_outbox_more(void);
void test_outbox_generated(void);
void test_outbox_faults(void);
void test_outbox_http_auth(void);
void test_core_more(void);
void test_fixtures(const char *dir);
#endif
