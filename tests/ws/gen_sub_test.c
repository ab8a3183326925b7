/* What tools/codegen makes of a subscription document
 * (tests/ws/thread_messages.graphql) plugs into mb_sub unchanged: the
 * generated operation gives the query, its variables struct is written by
 * the typed layer (less the cursor variable), and the generated decoder
 * reads each batch. Built by tests/suites/15-ws against mb.h with the
 * generated module appended; runs over the fake server. */
#define MB_IMPLEMENTATION
#include "mb.h"
#include "fake_server.h"

static int pass, fail;
#define CHECK(c)                                                                  \
    do {                                                                          \
        if (c) pass++;                                                            \
        else { fail++; printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); }      \
    } while (0)

static char buf[8192];
static mb_token toks[256];
static mb_thread_messages_message_stream rows[8];
static mb_thread_messages_data data;
static mb_status decoded = MB_ERR_ARG;

static void on_event(void *user, mb_sub *sub, mb_status st, const mb_result *res) {
    mb_thread_messages_arrays a;
    (void)user;
    (void)sub;
    a.message_stream = rows;
    a.message_stream_cap = 8;
    /* the result lives in our buffer: the generated decoder unescapes in place */
    if (st == MB_OK && res) decoded = mb_thread_messages_decode((mb_result *)(uintptr_t)res, &data, &a);
}

int main(void) {
    mb_ws ws;
    mb_ws_config c;
    mb_sub sub;
    mb_thread_messages_vars vars;
    int i;
    memset(&F, 0, sizeof F);
    F.now = 1;
    F.auto_ack = 1;
    memset(&c, 0, sizeof c);
    c.url = "ws://localhost/v1/graphql";
    c.jwt = "J";
    c.transport = fake_transport(&F);
    c.buf = buf;
    c.buf_size = sizeof buf;
    c.tokens = toks;
    c.max_tokens = 256;
    c.random = fake_random;
    c.now_ms = fake_now;
    c.sleep_ms = fake_sleep;
    CHECK(mb_ws_init(&ws, &c) == MB_OK);
    memset(&sub, 0, sizeof sub);
    vars.thread_id = "00000000-0000-4000-a000-0000000000aa";
    vars.since = "unused: the cursor variable is the SDK's";
    sub.op = mb_thread_messages_op();
    sub.vars = &vars;
    CHECK(mb_sub_cursor(&sub, "since", "createdAt", "\"2026-01-01T00:00:00Z\"") == MB_OK);
    CHECK(mb_sub_start(&ws, &sub) == MB_OK);
    CHECK(mb_ws_connect(&ws) == MB_OK && sub.state == MB_SUB_ACTIVE);
    i = fake_find(&F, "\"type\":\"subscribe\"");
    CHECK(i >= 0 && strstr(F.msg[i], "\"query\":\"subscription threadMessages(") != NULL);
    CHECK(i >= 0 && strstr(F.msg[i], "\"operationName\":\"threadMessages\",\"variables\":{\"since\":\"2026-01-01T00:00:00Z\","
                                     "\"threadId\":\"00000000-0000-4000-a000-0000000000aa\"}") != NULL);
    srv_text(&F, "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messageStream\":[{\"messageId\":\"m1\","
                 "\"content\":\"hello \\\"there\\\"\",\"role\":\"user\",\"createdAt\":\"2026-01-01T00:00:05+00:00\"}]}}}");
    CHECK(mb_sub_poll(&ws, 1000, on_event, NULL) == MB_OK);
    CHECK(decoded == MB_OK && data.message_stream.len == 1);
    CHECK(mb_str_eq(rows[0].content, "hello \"there\"") && mb_str_eq(rows[0].created_at, "2026-01-01T00:00:05+00:00"));
    CHECK(sub.cursor_len == 27 && memcmp(sub.cursor, "\"2026-01-01T00:00:05+00:00\"", 27) == 0);
    printf("%d passed, %d failed\n", pass, fail);
    return fail != 0;
}
