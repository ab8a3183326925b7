/* The outbox at its edges: argument and record checks at boot, the 16-bit
 * record length, HTTP statuses and local failures sorted into transient and
 * permanent, the backoff ceiling, and the generated _queued operations. */
#include <stddef.h>
#include "t.h"
#include "platform/mb_script.h"

typedef struct onevar {
    const char *text;
} onevar;
static const mb_var v_text[] = {{"text", offsetof(onevar, text), MB_NO_NULL_FLAG, MB_T_STR}};
static const mb_op op_x = {"mutation x{a}", "x", NULL, 0, NULL};
static const mb_op op_big = {"mutation big($text:String!){a}", "big", v_text, 1, NULL};
static const mb_op op_noquery = {NULL, "noQuery", NULL, 0, NULL};
static const mb_op op_badname = {"mutation m{a}", "bad\xff", NULL, 0, NULL};

static int failed_n;
static mb_status failed_status;
static const mb_error *failed_err;
static char failed_name[32];
static void on_failed(void *u, const char *name, mb_status s, const mb_error *e) {
    (void)u;
    failed_n++;
    failed_status = s;
    failed_err = e;
    snprintf(failed_name, sizeof failed_name, "%s", name);
}

/* CRC-16/CCITT-FALSE, written out independently of the library. */
static unsigned crc16(const unsigned char *p, size_t n) {
    unsigned crc = 0xFFFF;
    for (size_t i = 0; i < n; i++) {
        crc ^= (unsigned)p[i] << 8;
        for (int b = 0; b < 8; b++) crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
    }
    return crc;
}

/* A record as the documented format lays it out: u16 length, u16 CRC of
 * what follows, then payload (name, NUL, variables). Returns its length. */
static size_t record(unsigned char *dst, const char *payload, size_t plen) {
    unsigned crc = crc16((const unsigned char *)payload, plen);
    size_t n = 4 + plen;
    dst[0] = (unsigned char)(n & 0xFF);
    dst[1] = (unsigned char)(n >> 8);
    dst[2] = (unsigned char)(crc & 0xFF);
    dst[3] = (unsigned char)(crc >> 8);
    memcpy(dst + 4, payload, plen);
    return n;
}

#define SCRIPT_TX_CAP 32768
#include "script_client.h"

void test_outbox_more(void) {
    static unsigned char ring[4096];
    static unsigned char huge[70000];
    static char bigtext[66000];
    static char r_ok[128], r_503[128], r_408[128], r_429[128], r_302[128], r_404[128], r_null[128];
    const mb_op *ops[] = {&op_x, &op_big, &op_noquery, &op_badname};
    mb_outbox_config oc;
    mb_outbox box;
    mb_client c;
    mb_script s;
    size_t sent = 99;
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 4;
    oc.on_failed = on_failed;

    t_case = "outbox init: arguments";
    {
        mb_outbox_config bad = oc;
        bad.buf = NULL;
        CHECK_ST(mb_outbox_init(&box, &bad, 0), MB_ERR_ARG);
        bad = oc;
        bad.cap = 15;
        CHECK_ST(mb_outbox_init(&box, &bad, 0), MB_ERR_ARG);
        bad.cap = 16; /* the smallest queue */
        CHECK_ST(mb_outbox_init(&box, &bad, 0), MB_OK);
        CHECK_ST(mb_outbox_init(&box, &oc, sizeof ring + 1), MB_ERR_ARG);
        bad = oc;
        bad.ops = NULL;
        CHECK_ST(mb_outbox_init(&box, &bad, 0), MB_ERR_ARG); /* ops counted but not given */
        bad.num_ops = 0; /* a queue that only stores: fine */
        CHECK_ST(mb_outbox_init(&box, &bad, 0), MB_OK);
        CHECK_ST(mb_outbox_init(NULL, &oc, 0), MB_ERR_ARG);
        CHECK_ST(mb_outbox_init(&box, NULL, 0), MB_ERR_ARG);
    }

    t_case = "outbox records: the test's CRC is the library's";
    {
        onevar v = {"hi"};
        size_t n;
        CHECK(crc16((const unsigned char *)"123456789", 9) == 0x29B1); /* the published check value */
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_big, &v), MB_OK);
        n = (size_t)ring[0] | (size_t)ring[1] << 8;
        CHECK(n == box.used && n == 4 + 4 + strlen("{\"text\":\"hi\"}"));
        CHECK(memcmp(ring + 4, "big\0{\"text\":\"hi\"}", n - 4) == 0);
        CHECK(crc16(ring + 4, n - 4) == ((unsigned)ring[2] | (unsigned)ring[3] << 8));
    }
    t_case = "outbox init: damaged records";
    {
        size_t n = record(ring, "x", 2); /* "x" and its NUL: the smallest record */
        CHECK(n == 6);
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_OK);
        CHECK(mb_outbox_count(&box) == 1);
        n = record(ring, "xy", 2); /* no NUL after the name */
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_ERR_CORRUPT);
        CHECK(mb_outbox_count(&box) == 0 && box.used == 0);
        n = record(ring, "x", 2);
        ring[0] = 5; /* shorter than any record */
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_ERR_CORRUPT);
        ring[0] = 7; /* longer than what was loaded */
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_ERR_CORRUPT);
        ring[0] = 6;
        ring[3] ^= 0x40; /* CRC off by one bit */
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_ERR_CORRUPT);
        n = record(ring, "x", 2);
        n += record(ring + n, "x\0{}", 4);
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_OK);
        CHECK(mb_outbox_count(&box) == 2);
        ring[n - 1] = ']'; /* the second one damaged: the first is kept */
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_ERR_CORRUPT);
        CHECK(box.used == 6 && mb_outbox_count(&box) == 1);
    }
    t_case = "outbox flush: a record without variables sends an empty object";
    {
        mb_str replies[1];
        mb_script_conn conn[1];
        size_t n = record(ring, "x", 2);
        memset(conn, 0, sizeof conn);
        replies[0] = reply(r_ok, sizeof r_ok, "200 OK", "{\"data\":{\"a\":1}}");
        conn[0].replies = replies;
        conn[0].num_replies = 1;
        CHECK_ST(mb_outbox_init(&box, &oc, n), MB_OK);
        client(&c, &s, conn, 1, sizeof work);
        CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_OK);
        CHECK(sent == 1 && mb_outbox_count(&box) == 0 && box.used == 0 && box.sent == 1);
        CHECK(find(tx, s.tx_len, "\"operationName\":\"x\",\"variables\":{}}") != (size_t)-1);
    }

    t_case = "outbox push: a record's length is 16 bits, whatever the buffer";
    {
        mb_outbox_config hc = oc;
        onevar v;
        hc.buf = huge;
        hc.cap = sizeof huge;
        memset(bigtext, 'a', sizeof bigtext - 1);
        bigtext[sizeof bigtext - 1] = '\0';
        v.text = bigtext;
        CHECK_ST(mb_outbox_init(&box, &hc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_big, &v), MB_ERR_QUEUE_FULL); /* 66 kB of 70 kB free */
        CHECK(mb_outbox_count(&box) == 0 && box.used == 0);
        bigtext[60000] = '\0';
        CHECK_ST(mb_outbox_push(&box, &op_big, &v), MB_OK);
        CHECK(mb_outbox_count(&box) == 1 && box.used == 4 + 4 + 60000 + strlen("{\"text\":\"\"}"));
        CHECK_ST(mb_outbox_push(&box, &op_big, &v), MB_ERR_QUEUE_FULL); /* now the buffer is short */
        CHECK(mb_outbox_count(&box) == 1);
        CHECK_ST(mb_outbox_init(&box, &hc, box.used), MB_OK); /* and it reads back */
        CHECK(mb_outbox_count(&box) == 1);
    }
    t_case = "outbox push: no room for even the name";
    {
        static const mb_op op_long = {"q", "abcdefghijk", NULL, 0, NULL};
        static const mb_op op_ab = {"q", "ab", NULL, 0, NULL};
        mb_outbox_config tc = oc;
        tc.cap = 16;
        CHECK_ST(mb_outbox_init(&box, &tc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_long, NULL), MB_ERR_QUEUE_FULL); /* 4 + 12 + "{}" > 16 */
        CHECK(box.used == 0);
        CHECK_ST(mb_outbox_push(&box, &op_ab, NULL), MB_OK);
        CHECK(box.used == 9 && memcmp(ring + 4, "ab\0{}", 5) == 0);
        CHECK_ST(mb_outbox_push(&box, &op_ab, NULL), MB_ERR_QUEUE_FULL); /* 7 left */
        CHECK(mb_outbox_count(&box) == 1 && box.used == 9);
        CHECK_ST(mb_outbox_push(&box, NULL, NULL), MB_ERR_ARG);
    }

    t_case = "outbox flush: HTTP 5xx, 408, 429 and 3xx are retried; other 4xx are not";
    {
        mb_str replies[7];
        mb_script_conn conn[1];
        uint32_t now = 1000;
        memset(conn, 0, sizeof conn);
        replies[0] = reply(r_503, sizeof r_503, "503 Service Unavailable", "");
        replies[1] = reply(r_408, sizeof r_408, "408 Request Timeout", "");
        replies[2] = reply(r_429, sizeof r_429, "429 Too Many Requests", "slow down");
        replies[3] = reply(r_302, sizeof r_302, "302 Found", "");
        replies[4] = reply(r_404, sizeof r_404, "404 Not Found", "{\"message\":\"nope\"}");
        replies[5] = reply(r_ok, sizeof r_ok, "200 OK", "{\"data\":{\"a\":1}}");
        conn[0].replies = replies;
        conn[0].num_replies = 6;
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, conn, 1, sizeof work);
        failed_n = 0;
        for (int i = 0; i < 4; i++) {
            CHECK_ST(mb_outbox_flush(&box, &c, now, &sent), MB_ERR_HTTP_STATUS);
            CHECK(sent == 0 && mb_outbox_count(&box) == 2 && box.retries == (uint32_t)i + 1 && failed_n == 0);
            now = box.next_ms;
        }
        CHECK(c.res.http_status == 302);
        CHECK_ST(mb_outbox_flush(&box, &c, now, &sent), MB_OK); /* 404: dropped, the next one goes */
        CHECK(sent == 1 && mb_outbox_count(&box) == 0 && box.retries == 0);
        CHECK(failed_n == 1 && failed_status == MB_ERR_HTTP_STATUS && strcmp(failed_name, "x") == 0);
        CHECK(s.turn == 6);
    }
    t_case = "outbox flush: a null row is delivered (an earlier try applied it)";
    {
        mb_str replies[1];
        mb_script_conn conn[1];
        memset(conn, 0, sizeof conn);
        replies[0] = reply(r_null, sizeof r_null, "200 OK", "{\"data\":{\"a\":null}}");
        conn[0].replies = replies;
        conn[0].num_replies = 1;
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, conn, 1, sizeof work);
        failed_n = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 0, NULL), MB_OK); /* no count asked for */
        CHECK(mb_outbox_count(&box) == 0 && box.sent == 1 && box.failed == 0 && failed_n == 0 && s.turn == 1);
    }
    t_case = "outbox flush: a request the client cannot hold is dropped, the rest goes";
    {
        mb_str replies[1];
        mb_script_conn conn[1];
        onevar v;
        memset(conn, 0, sizeof conn);
        replies[0] = reply(r_ok, sizeof r_ok, "200 OK", "{\"data\":{\"a\":1}}");
        conn[0].replies = replies;
        conn[0].num_replies = 1;
        memset(bigtext, 'b', 2000);
        bigtext[2000] = '\0';
        v.text = bigtext;
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_big, &v), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, conn, 1, 1024); /* the 2 kB variable cannot fit */
        failed_n = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_OK);
        CHECK(sent == 1 && mb_outbox_count(&box) == 0 && box.failed == 1);
        CHECK(failed_n == 1 && failed_status == MB_ERR_BUFFER && strcmp(failed_name, "big") == 0 && failed_err != NULL);
        CHECK(s.conn == 1 && s.turn == 1 && find(tx, s.tx_len, "bbbb") == (size_t)-1);
    }
    t_case = "outbox flush: operations that cannot be written are dropped unsent";
    {
        mb_script_conn conn[1];
        memset(conn, 0, sizeof conn);
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_badname, NULL), MB_OK); /* stored as bytes: not checked at push */
        CHECK_ST(mb_outbox_push(&box, &op_noquery, NULL), MB_OK);
        client(&c, &s, conn, 1, sizeof work);
        failed_n = 0;
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_ERR_TRUNCATED); /* no answer: the third one is kept */
        CHECK(failed_n == 2 && failed_status == MB_ERR_ARG && strcmp(failed_name, "noQuery") == 0);
        CHECK(box.failed == 2 && mb_outbox_count(&box) == 1 && s.conn == 1 && s.turn == 1);
        CHECK(find(tx, s.tx_len, "bad") == (size_t)-1 && find(tx, s.tx_len, "noQuery") == (size_t)-1);
    }
    t_case = "outbox flush: a name that is not UTF-8 fails as such";
    {
        mb_script_conn conn[1];
        memset(conn, 0, sizeof conn);
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_badname, NULL), MB_OK);
        client(&c, &s, conn, 1, sizeof work);
        failed_n = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_OK);
        CHECK(failed_n == 1 && failed_status == MB_ERR_UTF8 && s.conn == 0 && sent == 0);
    }

    t_case = "outbox backoff: doubles from 1 s and stops at the ceiling";
    {
        static const uint32_t want[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        uint32_t now = 5;
        int ok = 1;
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, NULL, 0, sizeof work); /* every connect fails */
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            if (mb_outbox_flush(&box, &c, now, &sent) != MB_ERR_CONNECT || box.next_ms - now != want[i]) ok = 0;
            if (mb_outbox_flush(&box, &c, box.next_ms - 1, &sent) != MB_PENDING) ok = 0;
            now = box.next_ms;
        }
        CHECK(ok);
        for (int i = 0; i < 30; i++) (void)mb_outbox_flush(&box, &c, box.next_ms, &sent); /* past the shift cap */
        CHECK(box.retries == 38 && mb_outbox_count(&box) == 1);
        now = box.next_ms;
        CHECK_ST(mb_outbox_flush(&box, &c, now, &sent), MB_ERR_CONNECT);
        CHECK(box.next_ms - now == 60000);
    }
}

/* Every generated mutation can be queued: its record names the operation
 * and carries its variables, and flush sends them with its query. */
void test_outbox_generated(void) {
    static unsigned char ring[4096];
    static char r_ok[128];
    const mb_op *ops[] = {mb_update_message_op(), mb_update_thread_visibility_op(), mb_delete_thread_op(),
                          mb_insert_preference_op(), mb_update_preference_op(), mb_follow_chatbot_op(),
                          mb_unfollow_chatbot_op()};
    static const char *const names[] = {"updateMessage", "updateThreadVisibility", "deleteThread", "insertPreference",
                                        "updatePreference", "followChatbot", "unfollowChatbot"};
    static const char *const vars_json[] = {
        "{\"messageId\":\"m1\",\"content\":\"edited\"}",
        "{\"threadId\":\"t1\",\"isPublic\":true}",
        "{\"threadId\":\"t2\",\"userId\":\"u2\"}",
        "{\"userId\":\"u1\",\"preferredTone\":\"neutral\",\"webSearch\":false}",
        "{\"userId\":\"u2\",\"preferredComplexity\":\"general\",\"preferredLength\":\"detailed\",\"preferredTone\":\"neutral\","
        "\"preferredType\":\"mix\",\"webSearch\":false,\"deepExpertise\":true}", /* every value: all required */
        "{\"followerId\":\"u3\",\"chatbotId\":42}",
        "{\"followerId\":\"u3\",\"chatbotId\":-1}",
    };
    mb_outbox_config oc;
    mb_outbox box;
    mb_client c;
    mb_script s;
    mb_str replies[7];
    mb_script_conn conn[1];
    size_t sent = 0, at = 0, pos[7];
    int ordered = 1;
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 7;
    t_case = "generated _queued operations";
    CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
    {
        mb_update_message_vars a = {"m1", "edited"};
        mb_update_thread_visibility_vars b = {"t1", 1};
        mb_delete_thread_vars d = {"t2", "u2"};
        mb_insert_preference_vars e;
        mb_update_preference_vars f;
        mb_follow_chatbot_vars g = {"u3", 42};
        mb_unfollow_chatbot_vars h = {"u3", -1};
        memset(&e, 0, sizeof e);
        e.user_id = "u1";
        e.preferred_tone = "neutral";
        e.has_preferred_tone = 1;
        e.has_web_search = 1;
        e.preferred_complexity = "not sent";
        memset(&f, 0, sizeof f);
        f.user_id = "u2";
        f.preferred_complexity = "general";
        f.preferred_length = "detailed";
        f.preferred_tone = "neutral";
        f.preferred_type = "mix";
        f.deep_expertise = 1;
        CHECK_ST(mb_update_message_queued(&box, &a), MB_OK);
        CHECK_ST(mb_update_thread_visibility_queued(&box, &b), MB_OK);
        CHECK_ST(mb_delete_thread_queued(&box, &d), MB_OK);
        CHECK_ST(mb_insert_preference_queued(&box, &e), MB_OK);
        CHECK_ST(mb_update_preference_queued(&box, &f), MB_OK);
        CHECK_ST(mb_follow_chatbot_queued(&box, &g), MB_OK);
        CHECK_ST(mb_unfollow_chatbot_queued(&box, &h), MB_OK);
    }
    CHECK(mb_outbox_count(&box) == 7);
    for (int i = 0; i < 7; i++) { /* each record: name, NUL, the variables as JSON */
        size_t n = (size_t)ring[at] | (size_t)ring[at + 1] << 8, nl = strlen(names[i]) + 1;
        CHECK(strcmp((const char *)ring + at + 4, names[i]) == 0);
        CHECK(n == 4 + nl + strlen(vars_json[i]) && memcmp(ring + at + 4 + nl, vars_json[i], n - 4 - nl) == 0);
        at += n;
    }
    CHECK(at == box.used);
    memset(conn, 0, sizeof conn);
    replies[0] = reply(r_ok, sizeof r_ok, "200 OK", "{\"data\":{\"a\":1}}");
    for (int i = 1; i < 7; i++) replies[i] = replies[0];
    conn[0].replies = replies;
    conn[0].num_replies = 7;
    client(&c, &s, conn, 1, sizeof work);
    CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_OK);
    CHECK(sent == 7 && mb_outbox_count(&box) == 0);
    for (int i = 0; i < 7; i++) { /* sent in queue order, each with its own query and variables */
        char want[320];
        snprintf(want, sizeof want, "\"operationName\":\"%s\",\"variables\":%s}", names[i], vars_json[i]);
        pos[i] = find(tx, s.tx_len, want);
        if (pos[i] == (size_t)-1 || (i && pos[i] < pos[i - 1])) ordered = 0;
        snprintf(want, sizeof want, "\"query\":\"mutation %s(", names[i]);
        CHECK(find(tx, s.tx_len, want) != (size_t)-1);
    }
    CHECK(ordered);

    t_case = "generated decoders without a client";
    {
        static char b1[] = "{\"data\":{\"insertPreferenceOne\":{\"preferenceId\":9,\"userId\":\"u1\","
                           "\"preferredTone\":\"neutral\",\"webSearch\":null,\"deepExpertise\":true}}}";
        static char b2[] = "{\"data\":{\"messageStream\":[{\"messageId\":\"m1\",\"threadId\":\"t1\",\"role\":\"user\","
                           "\"content\":\"hi\",\"createdAt\":\"2025-03-01T08:30:00+00:00\"},{\"messageId\":\"m2\"}]}}";
        mb_result res;
        mb_insert_preference_data p;
        mb_thread_messages_data m;
        mb_thread_messages_message_stream rows[1];
        mb_thread_messages_arrays arr;
        CHECK_ST(mb_gql_decode(&res, b1, sizeof b1 - 1, toks, 128), MB_OK);
        CHECK_ST(mb_insert_preference_decode(&res, &p), MB_OK);
        CHECK(p.insert_preference_one.preference_id == 9 && strcmp(p.insert_preference_one.preferred_tone.ptr, "neutral") == 0);
        CHECK(p.insert_preference_one.web_search_null == 1 && p.insert_preference_one.deep_expertise == 1);
        CHECK(p.insert_preference_one.preferred_length.ptr == NULL && !p.insert_preference_one_null);
        CHECK_ST(mb_gql_decode(&res, b2, sizeof b2 - 1, toks, 128), MB_OK);
        memset(&arr, 0, sizeof arr);
        arr.message_stream = rows;
        arr.message_stream_cap = 1;
        CHECK_ST(mb_thread_messages_decode(&res, &m, &arr), MB_ERR_CAPACITY);
        CHECK(arr.message_stream_needed == 2 && m.message_stream.len == 1 && m.message_stream.items == rows);
        CHECK(strcmp(rows[0].content.ptr, "hi") == 0 && strcmp(rows[0].created_at.ptr, "2025-03-01T08:30:00+00:00") == 0);
        CHECK(strcmp(mb_thread_messages_op()->name, "threadMessages") == 0 && mb_thread_messages_op()->num_vars == 2);
        CHECK(strncmp(mb_thread_messages_op()->query, "subscription threadMessages(", 28) == 0);
        { /* a queued message's answer: a row, or null for a duplicate (onConflict do nothing) */
            static char b3[] = "{\"data\":{\"insertMessageOne\":{\"messageId\":\"m3\",\"threadId\":\"t1\",\"role\":\"user\","
                               "\"content\":\"later\",\"slug\":null,\"createdAt\":\"2025-03-01T08:00:00+00:00\"}}}";
            static char b4[] = "{\"data\":{\"insertMessageOne\":null}}";
            mb_save_new_message_at_data a;
            CHECK_ST(mb_gql_decode(&res, b3, sizeof b3 - 1, toks, 128), MB_OK);
            CHECK_ST(mb_save_new_message_at_decode(&res, &a), MB_OK);
            CHECK(!a.insert_message_one_null && strcmp(a.insert_message_one.created_at.ptr, "2025-03-01T08:00:00+00:00") == 0);
            CHECK(strcmp(a.insert_message_one.content.ptr, "later") == 0 && a.insert_message_one.slug.ptr == NULL);
            CHECK_ST(mb_gql_decode(&res, b4, sizeof b4 - 1, toks, 128), MB_OK);
            CHECK_ST(mb_save_new_message_at_decode(&res, &a), MB_OK);
            CHECK(a.insert_message_one_null == 1);
        }
    }
    t_case = "generated insertPreference over the client";
    {
        static char r_pref[256];
        mb_insert_preference_vars e;
        mb_insert_preference_data p;
        memset(conn, 0, sizeof conn);
        replies[0] = reply(r_pref, sizeof r_pref, "200 OK",
                           "{\"data\":{\"insertPreferenceOne\":{\"preferenceId\":3,\"userId\":\"u9\",\"webSearch\":true}}}");
        conn[0].replies = replies;
        conn[0].num_replies = 1;
        client(&c, &s, conn, 1, sizeof work);
        memset(&e, 0, sizeof e);
        e.user_id = "u9";
        e.web_search = 1;
        e.has_web_search = 1;
        CHECK_ST(mb_insert_preference(&c, &e, &p), MB_OK);
        CHECK(find(tx, s.tx_len, "\"operationName\":\"insertPreference\",\"variables\":{\"userId\":\"u9\",\"webSearch\":true}}")
              != (size_t)-1);
        CHECK(p.insert_preference_one.preference_id == 3 && strcmp(p.insert_preference_one.user_id.ptr, "u9") == 0);
        CHECK(p.insert_preference_one.web_search == 1 && !p.insert_preference_one.web_search_null);
    }
}
