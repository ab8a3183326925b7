/* A bare-metal Masterbots device on QEMU's mps2-an385 (Cortex-M3): mb.h over
 * TLS (mbedTLS, static pool) over the board's UART, which QEMU bridges to
 * the server's HTTPS port. It runs a JWT-authenticated query (getChatbots)
 * and a mutation (createThread) and prints the results over semihosting.
 *
 *   fw.elf URL CA_FILE JWT_FILE     (semihosting arguments; the files are
 *                                    read from the host over semihosting)
 * Exit status: 0 when both operations succeeded, 1 on bad arguments,
 * 2..5 at the failing step (TLS setup, client, query, mutation), 97 if
 * anything touched the heap, 99 on a CPU fault. See README.md.
 *
 * FW_TLS_POOL_SIZE (bytes, default 48 KB) sizes mbedTLS's static pool;
 * the run prints how much of it was used. 0 builds without the pool, so
 * mbedTLS falls back to the C heap and the heap guard stops the run. */
#define MB_IMPLEMENTATION
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mb.h"
#include "platform/mb_mbedtls.h"
#include "semihost.h"
#include "uart_transport.h"

/* ---- no heap: any attempt to grow it ends the run loudly ----
 * Linked with -Wl,--wrap=_sbrk, so newlib's malloc lands here. */
void fw_exit(int status) __attribute__((noreturn)); /* crt_noheap.c */
size_t fw_stack_peak(void);                          /* crt_noheap.c */
void *__wrap__sbrk(ptrdiff_t incr);
void *__wrap__sbrk(ptrdiff_t incr) {
    static char msg[128];
    snprintf(msg, sizeof msg, "fw: FATAL: _sbrk(%ld) called from %p: the firmware must not use the heap\n", (long)incr,
             __builtin_return_address(0));
    sh_puts(msg);
    fw_exit(97);
}

static char line[768];
static void say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sh_puts(line);
}

/* ---- entropy: TEST ONLY ----
 * QEMU's mps2-an385 has no TRNG. This splitmix64 stream seeded from the
 * host clock is predictable and MUST NOT be used on a real device, where
 * the entropy callback reads the MCU's hardware RNG. The run says so at
 * boot, so a log of it is never mistaken for a secure device's. */
static uint64_t test_rng_state;
static uint64_t splitmix64(void) {
    uint64_t z = (test_rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static int test_entropy_NOT_RANDOM(void *ctx, unsigned char *out, size_t len, size_t *produced) {
    (void)ctx;
    for (size_t i = 0; i < len; i++) out[i] = (unsigned char)splitmix64();
    *produced = len;
    return 0;
}
static mb_status test_rng_NOT_RANDOM(void *out, size_t len) {
    size_t n;
    return test_entropy_NOT_RANDOM(NULL, (unsigned char *)out, len, &n) == 0 ? MB_OK : MB_ERR_IO;
}

/* ---- memory: everything static ---- */
#ifndef FW_TLS_POOL_SIZE
#define FW_TLS_POOL_SIZE (48 * 1024) /* every mbedTLS allocation: the run prints its high-water mark */
#endif
static unsigned char tls_pool[FW_TLS_POOL_SIZE > 0 ? FW_TLS_POOL_SIZE : 1];
static char work[24 * 1024];              /* the request and its response, both at once */
static mb_token toks[1536];
static char ca_pem[8192], jwt[2048];
static fw_uart uart = {.base = (volatile uint32_t *)0x40004000u};
static mb_tls tls;
static mb_client client;
static mb_chatbot_list_item bots[8];
static mb_chatbot_list_item_categories cats[32];
static mb_chatbot_list_item_metadata meta[16];

/* ---- the TLS pool's use, seen at every mbedTLS allocation ----
 * Linked with -Wl,--wrap=mbedtls_calloc. The pool's allocator is first fit
 * from the bottom, so the highest byte it handed out is about the size the
 * pool needs. A failed allocation is counted and named: mbedTLS reports it
 * as the step it broke (in the certificate check, as an untrusted chain). */
void *__real_mbedtls_calloc(size_t n, size_t size);
void *__wrap_mbedtls_calloc(size_t n, size_t size);
static size_t pool_high, pool_failed, pool_failed_size;
void *__wrap_mbedtls_calloc(size_t n, size_t size) {
    unsigned char *p = (unsigned char *)__real_mbedtls_calloc(n, size);
    if (!p && n && size) {
        pool_failed++;
        pool_failed_size = n * size;
    } else if (p >= tls_pool && p < tls_pool + sizeof tls_pool && (size_t)(p - tls_pool) + n * size > pool_high) {
        pool_high = (size_t)(p - tls_pool) + n * size;
    }
    return p;
}

/* a failure, with mbedTLS's own code and a word when the pool ran out */
static void say_failure(const char *what, mb_status s) {
    const mb_error *e = mb_last_error(&client);
    say("fw: %s: %s (%.*s)\n", what, mb_strerror(s), (int)e->message.len, e->message.len ? e->message.ptr : "");
    if (tls.last_error) say("fw: mbedTLS error -0x%04X, verify flags 0x%X\n", (unsigned)-tls.last_error, (unsigned)tls.verify_flags);
    if (pool_failed)
        say("fw: the TLS pool (%u bytes) ran out: %u allocation(s) failed, the last of %u bytes, so the error above "
            "may name another cause; raise FW_TLS_POOL_SIZE (high-water %u)\n",
            (unsigned)sizeof tls_pool, (unsigned)pool_failed, (unsigned)pool_failed_size, (unsigned)pool_high);
}

int main(int argc, char **argv) {
    mb_tls_config tc;
    mb_config cfg;
    mb_status s;
    long n;
    if (argc != 4) {
        sh_puts("usage: fw.elf URL CA_FILE JWT_FILE (semihosting arguments)\n");
        return 1;
    }
    if (sh_read_file(argv[2], ca_pem, sizeof ca_pem) <= 0) { say("fw: cannot read the CA file %s\n", argv[2]); return 1; }
    n = sh_read_file(argv[3], jwt, sizeof jwt);
    if (n <= 0) { say("fw: cannot read the JWT file %s\n", argv[3]); return 1; }
    while (n > 0 && (jwt[n - 1] == '\n' || jwt[n - 1] == '\r')) jwt[--n] = '\0';
    test_rng_state = (uint64_t)sh_time() << 32 ^ sh_clock_cs();
    say("fw: mps2-an385, mb %s, host time %lu (time(), as the certificate check reads it)\n", MB_VERSION,
        (unsigned long)time(NULL));
    say("fw: WARNING: TLS entropy is test_entropy_NOT_RANDOM, a predictable stream seeded from the host clock: "
        "emulator only, not a secure device\n");

    if (FW_TLS_POOL_SIZE > 0) mb_tls_static_pool(tls_pool, sizeof tls_pool);
    memset(&tc, 0, sizeof tc);
    tc.ca_pem = (const unsigned char *)ca_pem;
    tc.ca_len = strlen(ca_pem) + 1;
    tc.entropy = test_entropy_NOT_RANDOM;
    s = mb_tls_init(&tls, fw_uart_transport(&uart), &tc);
    if (s != MB_OK) { say_failure("mb_tls_init", s); return 2; }

    memset(&cfg, 0, sizeof cfg);
    cfg.url = argv[1];
    cfg.jwt = jwt;
    cfg.transport = mb_tls_transport(&tls);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = sizeof toks / sizeof toks[0];
    cfg.timeout_ms = cfg.connect_timeout_ms = 20000;
    s = mb_client_init(&client, &cfg);
    if (s != MB_OK) { say_failure("mb_client_init", s); return 3; }

    /* 1. the query, as the JWT's user */
    {
        mb_get_chatbots_vars v;
        mb_get_chatbots_data d;
        mb_get_chatbots_arrays a = {bots, 8, 0, cats, 32, 0, meta, 16, 0};
        memset(&v, 0, sizeof v);
        v.limit = 3;
        v.has_limit = 1;
        s = mb_get_chatbots(&client, &v, &d, &a);
        if (s != MB_OK) { say_failure("getChatbots", s); return 4; }
        say("fw: TLS handshakes %u (full %u), %u bytes in, %u bytes out during the handshake\n",
            (unsigned)tls.stats.handshakes, (unsigned)tls.stats.full, (unsigned)tls.stats.last_hs_in, (unsigned)tls.stats.last_hs_out);
        say("query getChatbots: %u chatbots\n", (unsigned)d.chatbot.len);
        for (size_t i = 0; i < d.chatbot.len; i++)
            say("  chatbot %ld %.*s (%u categories)\n", (long)bots[i].chatbot_id, (int)bots[i].name.len, bots[i].name.ptr,
                (unsigned)bots[i].categories.len);
        if (d.chatbot.len == 0) { say("fw: getChatbots returned no chatbot\n"); return 4; }
    }
    /* 2. the mutation: a thread owned by the JWT's user */
    {
        static char id[37], slug[64];
        mb_create_thread_vars v;
        mb_create_thread_data d;
        if (mb_uuid4(test_rng_NOT_RANDOM, id) != MB_OK) return 5;
        snprintf(slug, sizeof slug, "firmware-%.8s", id);
        memset(&v, 0, sizeof v);
        v.thread_id = id;
        v.chatbot_id = bots[0].chatbot_id;
        v.slug = slug;
        v.is_public = 0;
        v.has_is_public = 1;
        s = mb_create_thread(&client, &v, &d);
        if (s != MB_OK || d.insert_thread_one_null) {
            say_failure("createThread", s);
            return 5;
        }
        say("mutation createThread: threadId %.*s slug %.*s userId %.*s\n", (int)d.insert_thread_one.thread_id.len,
            d.insert_thread_one.thread_id.ptr, (int)d.insert_thread_one.slug.len, d.insert_thread_one.slug.ptr,
            (int)d.insert_thread_one.user_id.len, d.insert_thread_one.user_id.ptr);
    }
    say("fw: %u requests on %u connection(s), %u TLS handshake(s); UART %u bytes out, %u bytes in; heap never used\n",
        (unsigned)client.requests, (unsigned)client.connects, (unsigned)tls.stats.handshakes, (unsigned)uart.sent,
        (unsigned)uart.received);
    mb_client_close(&client);
    mb_tls_free(&tls);
    say("fw: TLS pool high-water %u of %u bytes\n", (unsigned)pool_high, (unsigned)sizeof tls_pool);
    say("fw: stack peak %u bytes (the whole run: mbedTLS handshake, mb, printing)\n", (unsigned)fw_stack_peak());
    return 0;
}
