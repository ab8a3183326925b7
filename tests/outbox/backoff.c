/* The outbox's backoff with the timing a device sets at build time
 * (-DMB_OUTBOX_BACKOFF_MS=... -DMB_OUTBOX_BACKOFF_MAX_MS=...): each wait is
 * MB_OUTBOX_BACKOFF_MS doubled per failure up to the max, exactly, for 40
 * failures in a row; built with UBSan, so a shift that overflows fails. */
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_script.h"

int main(void) {
    static const mb_op op = {"mutation x{a}", "x", NULL, 0, NULL};
    static unsigned char ring[256];
    static char work[1024];
    static mb_token toks[16];
    const mb_op *ops[1];
    mb_outbox_config oc;
    mb_outbox box;
    mb_config cfg;
    mb_client c;
    mb_script s;
    uint32_t now = 0;
    int pass = 0, fail = 0;
    ops[0] = &op;
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 1;
    memset(&s, 0, sizeof s); /* no connection: every connect fails */
    memset(&cfg, 0, sizeof cfg);
    cfg.url = "http://localhost:8080/v1/graphql";
    cfg.transport = mb_script_transport(&s);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = 16;
    if (mb_client_init(&c, &cfg) != MB_OK || mb_outbox_init(&box, &oc, 0) != MB_OK || mb_outbox_push(&box, &op, NULL) != MB_OK) {
        printf("setup failed\n0 passed, 1 failed\n");
        return 1;
    }
    for (unsigned k = 0; k < 40; k++) {
        unsigned long long want = (unsigned long long)MB_OUTBOX_BACKOFF_MS << k;
        mb_status st = mb_outbox_flush(&box, &c, now, NULL);
        if (want > MB_OUTBOX_BACKOFF_MAX_MS) want = MB_OUTBOX_BACKOFF_MAX_MS;
        if (st != MB_ERR_CONNECT || box.next_ms - now != want) {
            printf("FAIL failure %u: %s, waits %lu ms, want %llu\n", k + 1, mb_strerror(st), (unsigned long)(box.next_ms - now), want);
            fail++;
        } else {
            pass++;
        }
        if (mb_outbox_flush(&box, &c, box.next_ms - 1u, NULL) != MB_PENDING) {
            printf("FAIL failure %u: not waiting a millisecond before the end of its wait\n", k + 1);
            fail++;
        }
        now = box.next_ms; /* wraps past 2^32 on the way: the waits still hold */
    }
    printf("backoff %lu ms doubling to %lu ms: %d of 40 waits right\n", (unsigned long)MB_OUTBOX_BACKOFF_MS,
           (unsigned long)MB_OUTBOX_BACKOFF_MAX_MS, pass);
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
