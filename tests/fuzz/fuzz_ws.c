/* libFuzzer harness for the WebSocket frame parser and the
 * graphql-transport-ws layer above it. The input is what the server sends
 * after a correct upgrade; its first byte picks the read size (1..8 bytes
 * at a time, or unlimited) so that splits are explored too. A live stream
 * subscription is registered so that "next" messages reach the cursor code.
 * The rest is the sanitizers' job.
 *   clang -fsanitize=fuzzer,address,undefined -I. -Itests/ws tests/fuzz/fuzz_ws.c */
#define MB_IMPLEMENTATION
#include "mb.h"
#include "fake_server.h"

static char wbuf[4096];
static mb_token wtok[128];
static unsigned events, act;
static mb_ws *fws;

/* What a callback may do, picked by the input: nothing, stop, stop and
 * start again, close the socket, or poll (refused). */
static void on_event(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    (void)user;
    (void)st;
    if (res && res->data >= 0) events += (unsigned)mb_json_raw_view(&res->doc, res->data).len;
    else events++;
    switch ((act + events) % 8u) {
    case 1: (void)mb_sub_stop(fws, sub); break;
    case 2: (void)mb_sub_stop(fws, sub); (void)mb_sub_start(fws, sub); break;
    case 3: mb_ws_close(fws); break;
    case 4: if (mb_sub_poll(fws, 0, on_event, NULL) != MB_ERR_ARG) __builtin_trap(); break;
    default: break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    mb_ws ws;
    mb_ws_config c;
    mb_sub sub;
    int i;
    if (size > 60000) return 0;
    memset(&F, 0, sizeof F);
    F.now = 1;
    F.auto_ack = 1;
    act = 0;
    if (size) {
        F.max_read = data[0] % 9u; /* 0: unlimited */
        act = data[0] / 9u;        /* what the callback does */
        data++;
        size--;
    }
    memset(&c, 0, sizeof c);
    c.url = "ws://127.0.0.1:1/v1/graphql";
    c.jwt = "x";
    c.transport = fake_transport(&F);
    c.buf = wbuf;
    c.buf_size = sizeof wbuf;
    c.tokens = wtok;
    c.max_tokens = sizeof wtok / sizeof wtok[0];
    c.random = fake_random;
    c.now_ms = fake_now;
    c.sleep_ms = fake_sleep;
    if (mb_ws_init(&ws, &c) != MB_OK) __builtin_trap();
    fws = &ws;
    memset(&sub, 0, sizeof sub);
    sub.query = "subscription { messageStream { createdAt } }";
    mb_sub_cursor(&sub, "since", "createdAt", "\"0\"");
    mb_sub_start(&ws, &sub);
    if (mb_ws_connect(&ws) != MB_OK) __builtin_trap(); /* the fake server always acks */
    srv_bytes(&F, data, size);
    F.drop = 1;
    /* the stream ends in a drop, so a bounded number of polls ends it (after
       a close from the callback, the next connection ends silent: idle) */
    for (i = 0; i < (1 << 20); i++)
        if (mb_sub_poll(&ws, 100, on_event, NULL) != MB_OK) break;
    if (i == (1 << 20) || F.open) __builtin_trap();
    if (F.unmasked) __builtin_trap(); /* every client frame is masked */
    return 0;
}
