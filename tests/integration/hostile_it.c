/* Hostile values end to end against the local stack: every string of the
 * matrix below is stored as a message's content through a mutation (the
 * generated mb_save_new_message for C strings, and mb_request +
 * mb_w_stringn for any bytes, NUL included), read back from the mutation's
 * answer and again with mb_get_messages, and must come back byte for byte,
 * or be refused with a clear status: MB_ERR_UTF8 before anything is sent
 * for invalid UTF-8, a GraphQL error from the server for what PostgreSQL
 * text cannot hold (NUL). SQL- and GraphQL-looking payloads must stay data:
 * found again by an exact-match filter, and the thread and table intact.
 * Also: a lone surrogate escape (\ud83d) coming from the server, and
 * CR/LF in header values. Runs over HTTP and HTTPS.
 * Environment: MB_URL, MB_HTTPS_URL, MB_CA_FILE, MB_JWT_ALICE. */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "platform/mb_mbedtls.h"

static int pass, fail;
#define CHECK(c, ...)                                                                   \
    do {                                                                                \
        if (c) pass++;                                                                  \
        else {                                                                          \
            fail++;                                                                     \
            printf("FAIL ");                                                            \
            printf(__VA_ARGS__);                                                        \
            printf(" (%s:%d)\n", __FILE__, __LINE__);                                   \
        }                                                                               \
    } while (0)

enum { WANT_SAME, WANT_UTF8, WANT_SAME_OR_REFUSED };
typedef struct hv {
    const char *label;
    const char *s;
    size_t len; /* 0: strlen */
    int want;
} hv;

#define S(label, s, want) {label, s, sizeof(s) - 1, want}
static const hv matrix[] = {
    S("empty", "", WANT_SAME),
    S("quote", "\"", WANT_SAME),
    S("backslash", "\\", WANT_SAME),
    S("quote-brace", "\"}", WANT_SAME),
    S("escaped quote-brace", "\\\"}", WANT_SAME),
    S("closing everything", "\"}]}}]}", WANT_SAME),
    S("literal escapes", "\\u0000 \\n \\\" \\ud83d", WANT_SAME),
    S("control characters", "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15"
                            "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f", WANT_SAME),
    S("CRLF header-looking", "a\r\nX-Injected: 1\r\n\r\n", WANT_SAME),
    S("NUL inside", "a\0b", WANT_SAME_OR_REFUSED),
    S("NUL only", "\0", WANT_SAME_OR_REFUSED),
    S("emoji", "\xf0\x9f\x98\x80", WANT_SAME),
    S("ZWJ sequence", "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", WANT_SAME),
    S("flag", "\xf0\x9f\x87\xba\xf0\x9f\x87\xa6", WANT_SAME),
    S("first astral U+10000", "\xf0\x90\x80\x80", WANT_SAME),
    S("last code point U+10FFFF", "\xf4\x8f\xbf\xbf", WANT_SAME),
    S("below surrogates U+D7FF", "\xed\x9f\xbf", WANT_SAME),
    S("above surrogates U+E000", "\xee\x80\x80", WANT_SAME),
    S("noncharacter U+FFFF", "\xef\xbf\xbf", WANT_SAME),
    S("BOM U+FEFF", "\xef\xbb\xbf", WANT_SAME),
    S("line separators U+2028 U+2029", "\xe2\x80\xa8\xe2\x80\xa9", WANT_SAME),
    S("combining marks", "e\xcc\x81\xcc\x81\xcc\x81", WANT_SAME),
    S("CESU-8 surrogate pair", "\xed\xa0\xbd\xed\xb8\x80", WANT_UTF8),
    S("lone surrogate bytes", "\xed\xa0\xbd", WANT_UTF8),
    S("lone continuation byte", "a\x80", WANT_UTF8),
    S("overlong slash", "\xc0\xaf", WANT_UTF8),
    S("overlong NUL", "\xc0\x80", WANT_UTF8),
    S("truncated sequence", "\xe2\x82", WANT_UTF8),
    S("above U+10FFFF", "\xf4\x90\x80\x80", WANT_UTF8),
    S("invalid bytes FE FF", "\xfe\xff", WANT_UTF8),
    S("Latin-1 byte", "caf\xe9", WANT_UTF8),
    S("SQL quote", "'; DROP TABLE message; --", WANT_SAME),
    S("SQL tautology", "1' OR '1'='1", WANT_SAME),
    S("SQL dollar quote", "$$; SELECT pg_sleep(5); $$", WANT_SAME),
    S("SQL escape string", "E'\\x00' || chr(0)", WANT_SAME),
    S("GraphQL mutation", "mutation { deleteThread(where: {}) { affectedRows } }", WANT_SAME),
    S("GraphQL variable", "$threadId", WANT_SAME),
    S("GraphQL introspection", "{ __schema { types { name } } } __typename", WANT_SAME),
    S("JSON body", "{\"query\":\"mutation { deleteMessage(where: {}) { affectedRows } }\",\"variables\":{}}", WANT_SAME),
    S("JSON member injection", "\",\"role\":\"admin\",\"x\":\"", WANT_SAME),
    S("path syntax", "a.b[0].c", WANT_SAME),
};
#define NM (sizeof matrix / sizeof matrix[0])

/* 64 KB values, filled at run time. */
static char big_x[65536], big_emoji[65536], big_quotes[65536], big_ctrl[65536], big_bad[65536];
static const hv bigs[] = {
    {"64 KB of x", big_x, sizeof big_x, WANT_SAME},
    {"64 KB of emoji", big_emoji, sizeof big_emoji, WANT_SAME},
    {"64 KB of quotes and backslashes", big_quotes, sizeof big_quotes, WANT_SAME},
    {"64 KB of control characters", big_ctrl, sizeof big_ctrl, WANT_SAME},
    {"64 KB ending in a cut sequence", big_bad, sizeof big_bad, WANT_UTF8},
};
#define NB (sizeof bigs / sizeof bigs[0])

static char work[4 * 1024 * 1024]; /* 64 KB of \u0001 escapes is 384 KB each way */
static mb_token toks[16384];
static char text[70000];

#include "it_conn.h"

static mb_status open_conn(conn *k, const char *url, const char *jwt, const char *ca_file) {
    return open_conn_buf(k, url, jwt, ca_file, work, sizeof work, toks, sizeof toks / sizeof toks[0], 20000);
}

static void uuid(char out[37]) {
    if (mb_uuid4(mb_posix_random, out) != MB_OK) exit(3);
}

/* What each stored message must read back as. */
typedef struct stored {
    char id[37];
    const hv *v;
} stored;
static stored kept[256];
static size_t nkept;

static const char M_SAVE[] =
    "mutation saveNewMessage($messageId: uuid!, $threadId: uuid!, $role: String!, $content: String!, $slug: String!) "
    "{ insertMessageOne(object: {messageId: $messageId, threadId: $threadId, role: $role, content: $content, "
    "slug: $slug}) { messageId content } }";

/* mb_request + mb_w_stringn: any bytes, NUL included. */
static mb_status save_raw(conn *k, const char *thread, const hv *v, const char *id, mb_result **res) {
    char slug[64];
    mb_writer *w = mb_request(&k->c, M_SAVE, "saveNewMessage");
    snprintf(slug, sizeof slug, "hz-%s", id);
    mb_w_key(w, "messageId");
    mb_w_string(w, id);
    mb_w_key(w, "threadId");
    mb_w_string(w, thread);
    mb_w_key(w, "role");
    mb_w_string(w, "user");
    mb_w_key(w, "content");
    mb_w_stringn(w, v->s, v->len);
    mb_w_key(w, "slug");
    mb_w_string(w, slug);
    return mb_send(&k->c, res);
}

static int same_bytes(mb_str got, const hv *v) { return got.ptr && got.len == v->len && memcmp(got.ptr, v->s, v->len) == 0; }

static void store(conn *k, const char *thread, const hv *v, const char *how) {
    mb_result *res;
    mb_status s;
    char id[37];
    uint32_t before = k->c.requests;
    int has_nul = memchr(v->s, '\0', v->len) != NULL;
    uuid(id);
    if (how[0] == 't') { /* the generated operation: C strings only */
        mb_save_new_message_vars vars;
        mb_save_new_message_data out;
        char slug[64];
        if (has_nul) return;
        memset(&vars, 0, sizeof vars);
        snprintf(slug, sizeof slug, "hz-%s", id);
        vars.message_id = id;
        vars.thread_id = thread;
        vars.role = "user";
        vars.content = v->s;
        vars.slug = slug;
        s = mb_save_new_message(&k->c, &vars, &out);
        if (s == MB_OK)
            CHECK(same_bytes(out.insert_message_one.content, v), "%s (%s): the mutation's answer differs", v->label, how);
    } else {
        s = save_raw(k, thread, v, id, &res);
        if (s == MB_OK) {
            mb_save_new_message_data out;
            CHECK(mb_save_new_message_decode(res, &out) == MB_OK && same_bytes(out.insert_message_one.content, v),
                  "%s (%s): the mutation's answer differs", v->label, how);
        }
    }
    switch (v->want) {
    case WANT_SAME:
        CHECK(s == MB_OK, "%s (%s): stored with %s (%s)", v->label, how, mb_strerror(s), mb_last_error(&k->c)->message.ptr);
        break;
    case WANT_UTF8:
        CHECK(s == MB_ERR_UTF8 && k->c.requests == before, "%s (%s): %s, %u requests sent; want invalid UTF-8, none sent",
              v->label, how, mb_strerror(s), (unsigned)(k->c.requests - before));
        break;
    default:
        CHECK(s == MB_OK || (s == MB_ERR_GRAPHQL && mb_last_error(&k->c)->message.len > 0),
              "%s (%s): %s; want stored or a GraphQL error that says why", v->label, how, mb_strerror(s));
        if (s != MB_OK) printf("  %s (%s) refused by the server: %s: %s\n", v->label, how, mb_last_error(&k->c)->code.ptr,
                               mb_last_error(&k->c)->message.ptr);
    }
    if (s == MB_OK && nkept < sizeof kept / sizeof kept[0]) {
        memcpy(kept[nkept].id, id, sizeof id);
        kept[nkept].v = v;
        nkept++;
    }
}

static mb_get_messages_message msgs[256];

/* Every stored message, read back with the generated getMessages. */
static void read_back(conn *k, const char *thread) {
    mb_get_messages_vars vars;
    mb_get_messages_data out;
    mb_get_messages_arrays arr;
    mb_status s;
    size_t found = 0;
    memset(&vars, 0, sizeof vars);
    vars.thread_id = thread;
    memset(&arr, 0, sizeof arr);
    arr.message = msgs;
    arr.message_cap = sizeof msgs / sizeof msgs[0];
    s = mb_get_messages(&k->c, &vars, &out, &arr);
    CHECK(s == MB_OK, "getMessages: %s (%s)", mb_strerror(s), mb_last_error(&k->c)->message.ptr);
    if (s != MB_OK) return;
    for (size_t i = 0; i < nkept; i++) {
        int ok = 0;
        for (size_t j = 0; j < out.message.len; j++)
            if (mb_str_eq(out.message.items[j].message_id, kept[i].id)) {
                ok = same_bytes(out.message.items[j].content, kept[i].v);
                found++;
            }
        CHECK(ok, "%s: read back with getMessages differs or is missing", kept[i].v->label);
    }
    CHECK(found == nkept && out.message.len == nkept, "getMessages: %zu rows, %zu stored", out.message.len, nkept);
}

static const char Q_EXACT[] =
    "query exact($threadId: uuid!, $c: String!) { message(where: {threadId: {_eq: $threadId}, content: {_eq: $c}}) "
    "{ messageId content } }";

/* SQL- and GraphQL-looking payloads: an exact-match filter finds exactly
 * the rows that hold them. */
static void still_data(conn *k, const char *thread, const hv *v) {
    mb_writer *w;
    mb_result *res;
    mb_status s;
    int t, n = -1;
    size_t want = 0;
    for (size_t i = 0; i < nkept; i++) want += kept[i].v == v;
    w = mb_request(&k->c, Q_EXACT, "exact");
    mb_w_key(w, "threadId");
    mb_w_string(w, thread);
    mb_w_key(w, "c");
    mb_w_stringn(w, v->s, v->len);
    s = mb_send(&k->c, &res);
    if (s == MB_OK && mb_json_find(&res->doc, res->data, "message", &t) == MB_OK) n = mb_json_size(&res->doc, t);
    CHECK(s == MB_OK && n == (int)want, "%s: an exact filter finds %d rows, %zu stored (%s)", v->label, n, want,
          mb_strerror(s));
}

static void run(const char *url, const char *jwt, const char *ca, const char *scheme) {
    conn k;
    mb_status s;
    mb_get_chatbots_vars cv;
    mb_get_chatbots_data cd;
    mb_chatbot_list_item bots[1];
    mb_chatbot_list_item_categories cats[16];
    mb_chatbot_list_item_metadata metas[16];
    mb_get_chatbots_arrays ca_;
    mb_create_thread_vars tv;
    mb_create_thread_data td;
    char thread[37], slug[64];
    nkept = 0;
    CHECK(open_conn(&k, url, jwt, ca) == MB_OK, "%s client", scheme);
    memset(&cv, 0, sizeof cv);
    cv.limit = 1;
    cv.has_limit = 1;
    memset(&ca_, 0, sizeof ca_);
    ca_.chatbot = bots;
    ca_.chatbot_cap = 1;
    ca_.chatbot_categories = cats;
    ca_.chatbot_categories_cap = 16;
    ca_.chatbot_metadata = metas;
    ca_.chatbot_metadata_cap = 16;
    s = mb_get_chatbots(&k.c, &cv, &cd, &ca_);
    CHECK(s == MB_OK && cd.chatbot.len == 1, "%s: a chatbot for the thread (%s)", scheme, mb_strerror(s));
    if (s != MB_OK || cd.chatbot.len != 1) { close_conn(&k); return; }
    uuid(thread);
    snprintf(slug, sizeof slug, "hostile-%s", thread);
    memset(&tv, 0, sizeof tv);
    tv.thread_id = thread;
    tv.chatbot_id = cd.chatbot.items[0].chatbot_id;
    tv.slug = slug;
    s = mb_create_thread(&k.c, &tv, &td);
    CHECK(s == MB_OK, "%s: createThread (%s)", scheme, mb_strerror(s));
    if (s != MB_OK) { close_conn(&k); return; }

    {
        int f0 = fail;
        for (size_t i = 0; i < NM; i++) {
            store(&k, thread, &matrix[i], "typed");
            store(&k, thread, &matrix[i], "writer");
        }
        for (size_t i = 0; i < NB; i++) store(&k, thread, &bigs[i], "writer");
        printf("%s %s: %zu hostile values stored twice, %zu 64 KB values, %zu rows kept\n", fail == f0 ? "PASS" : "FAIL",
               scheme, NM, NB, nkept);
    }
    read_back(&k, thread);
    for (size_t i = 0; i < NM; i++)
        if (strncmp(matrix[i].label, "SQL", 3) == 0 || strncmp(matrix[i].label, "GraphQL", 7) == 0 ||
            strncmp(matrix[i].label, "JSON", 4) == 0)
            still_data(&k, thread, &matrix[i]);
    {   /* the thread survived every payload */
        mb_get_thread_vars gv;
        mb_get_thread_data gd;
        mb_get_thread_arrays ga;
        static mb_get_thread_thread tbuf[2];
        static mb_get_thread_thread_messages mbuf[256];
        memset(&gv, 0, sizeof gv);
        memset(&ga, 0, sizeof ga);
        gv.thread_id = thread;
        ga.thread = tbuf;
        ga.thread_cap = 2;
        ga.thread_messages = mbuf;
        ga.thread_messages_cap = 256;
        s = mb_get_thread(&k.c, &gv, &gd, &ga);
        CHECK(s == MB_OK && gd.thread.len == 1 && ga.thread_messages_needed == nkept,
              "%s: the thread and its %zu messages are intact (%s, %zu)", scheme, nkept, mb_strerror(s),
              ga.thread_messages_needed);
    }
    close_conn(&k);
}

static int contains(mb_str h, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= h.len; i++)
        if (memcmp(h.ptr + i, needle, n) == 0) return 1;
    return 0;
}

/* A lone surrogate escape from the server: the server echoes an unknown
 * variable's name in its message ("unexpected variables in variableValues:
 * \ud83d"). The name is written as raw bytes, past the writer's checks
 * (mb_execute refuses such variables text itself). The decoder must not
 * hand the lone surrogate on as text. */
static void lone_surrogate(const char *url) {
    conn k;
    mb_writer *w;
    mb_result *res;
    mb_status s;
    int t = -1;
    mb_str raw = {"", 0};
    static const char member[] = "\"\\ud83d\":1";
    CHECK(open_conn(&k, url, NULL, NULL) == MB_OK, "client for the lone surrogate");
    s = mb_execute(&k.c, "query q { category { name } }", "q", "{\"\\ud83d\":1}", &res);
    CHECK(s == MB_ERR_UTF8 && k.c.requests == 0, "mb_execute refuses variables with a lone surrogate: %s",
          mb_strerror(s));
    w = mb_request(&k.c, "query q { category { name } }", "q");
    mb_w_bytes(w, member, sizeof member - 1);
    s = mb_send(&k.c, &res);
    if (res->errors >= 0) mb_json_find(&res->doc, res->errors, "[0].message", &t);
    if (t >= 0) raw = mb_json_raw_view(&res->doc, t);
    printf("  the server answered %s, code %s\n", mb_strerror(s), res->error.code.ptr);
    CHECK(s == MB_ERR_GRAPHQL && mb_str_eq(res->error.code, "validation-failed"),
          "an unknown variable named \\ud83d: Hasura's validation-failed (%s)", mb_strerror(s));
    CHECK(mb_utf8_valid(res->error.message.ptr, res->error.message.len),
          "the error message handed to the caller is valid UTF-8");
    if (contains(raw, "\\ud83d")) {
        size_t n;
        CHECK(mb_json_unescape(&res->doc, t, text, sizeof text, &n) == MB_ERR_UTF8,
              "the server's \\ud83d (lone surrogate) reads as MB_ERR_UTF8, never as text");
        printf("  the caller gets code %s and a %zu-byte message\n", res->error.code.ptr, res->error.message.len);
    } else {
        CHECK(0, "the server no longer echoes the variable name: this check lost its input");
    }
    close_conn(&k);
}

/* CR/LF in a header value would inject a header: refused, nothing sent. */
static void header_injection(const char *url) {
    conn k;
    mb_result *res;
    mb_status s;
    CHECK(open_conn(&k, url, "x\r\nX-Injected: 1", NULL) == MB_OK, "client with a hostile token");
    s = mb_execute(&k.c, "{ category { name } }", NULL, NULL, &res);
    CHECK(s == MB_ERR_ARG && k.c.requests == 0, "CR/LF in the JWT: %s, %u requests sent", mb_strerror(s), k.c.requests);
    close_conn(&k);
}

int main(void) {
    const char *http = env("MB_URL"), *https = env("MB_HTTPS_URL"), *ca = env("MB_CA_FILE"), *alice = env("MB_JWT_ALICE");
    memset(big_x, 'x', sizeof big_x);
    for (size_t i = 0; i < sizeof big_emoji; i += 4) memcpy(big_emoji + i, "\xf0\x9f\xa4\x96", 4);
    for (size_t i = 0; i < sizeof big_quotes; i++) big_quotes[i] = "\"\\}"[i % 3];
    for (size_t i = 0; i < sizeof big_ctrl; i++) big_ctrl[i] = (char)(1 + i % 31);
    memset(big_bad, 'y', sizeof big_bad);
    big_bad[sizeof big_bad - 1] = (char)0xe2;
    run(http, alice, NULL, "http");
    run(https, alice, ca, "https");
    lone_surrogate(http);
    header_injection(http);
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
