/* The SDK against the local Masterbots stack (backend/local): anonymous
 * reads over HTTP, a JWT-authenticated query and mutations over HTTPS with
 * the local CA, keep-alive on one TLS session, Hasura's auth and permission
 * refusals, the token-refresh hook, hostile strings stored and read back.
 * Environment: MB_URL, MB_HTTPS_URL, MB_CA_FILE, MB_WRONG_CA_FILE,
 * MB_JWT_ALICE, MB_JWT_BOB, MB_JWT_EXPIRED. */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "it.h"
#include "platform/mb_mbedtls.h"


static char work[200 * 1024]; /* a 64 KB message: the request is kept while its answer arrives */
static mb_token toks[4096];

#include "it_conn.h"

static mb_status open_conn(conn *k, const char *url, const char *jwt, const char *ca_file) {
    return open_conn_buf(k, url, jwt, ca_file, work, sizeof work, toks, sizeof toks / sizeof toks[0], 10000);
}

static void uuid4(char out[37]) {
    if (mb_uuid4(mb_posix_random, out) != MB_OK) exit(3);
}

static int get_int(mb_result *r, const char *path, int32_t *v) {
    int t;
    return mb_json_find(&r->doc, r->data, path, &t) == MB_OK && mb_json_get_i32(&r->doc, t, v) == MB_OK;
}

static int get_text(mb_result *r, const char *path, char *out, size_t cap) {
    int t;
    return mb_json_find(&r->doc, r->data, path, &t) == MB_OK && mb_json_unescape(&r->doc, t, out, cap, NULL) == MB_OK;
}

static int count(mb_result *r, const char *path) {
    int t;
    return mb_json_find(&r->doc, r->data, path, &t) == MB_OK ? mb_json_size(&r->doc, t) : -1;
}

static const char Q_CATEGORIES[] = "query getCategories { category(orderBy: [{order: ASC}]) { categoryId name } }";
static const char Q_CHATBOT[] = "query { chatbot(orderBy: [{order: ASC}], limit: 1) { chatbotId name } }";
static const char M_THREAD[] =
    "mutation createThread($threadId: uuid!, $chatbotId: Int!, $slug: String!, $isPublic: Boolean) {"
    " insertThreadOne(object: {threadId: $threadId, chatbotId: $chatbotId, slug: $slug, isPublic: $isPublic})"
    " { threadId slug userId } }";
static const char M_MESSAGE[] =
    "mutation saveNewMessage($object: MessageInsertInput!) { insertMessageOne(object: $object) { messageId content role } }";
static const char Q_MESSAGES[] =
    "query getMessages($threadId: uuid!) { message(where: {threadId: {_eq: $threadId}}, orderBy: [{createdAt: ASC}])"
    " { messageId content role } }";

static mb_status save_message(conn *k, const char *thread, const char *content, size_t len, mb_result **res) {
    char id[37], slug[64];
    mb_writer *w;
    uuid4(id);
    snprintf(slug, sizeof slug, "m-%s", id);
    w = mb_request(&k->c, M_MESSAGE, "saveNewMessage");
    mb_w_key(w, "object");
    mb_w_object_begin(w);
    mb_w_key(w, "messageId");
    mb_w_string(w, id);
    mb_w_key(w, "threadId");
    mb_w_string(w, thread);
    mb_w_key(w, "role");
    mb_w_string(w, "user");
    mb_w_key(w, "slug");
    mb_w_string(w, slug);
    mb_w_key(w, "content");
    mb_w_stringn(w, content, len);
    mb_w_object_end(w);
    return mb_send(&k->c, res);
}

static const char *fresh_jwt;
static int refreshes;
static mb_status refresh(void *user, const char **jwt) {
    (void)user;
    refreshes++;
    *jwt = fresh_jwt;
    return MB_OK;
}

int main(void) {
    const char *http = env("MB_URL"), *https = env("MB_HTTPS_URL"), *ca = env("MB_CA_FILE");
    const char *alice = env("MB_JWT_ALICE"), *bob = env("MB_JWT_BOB"), *expired = env("MB_JWT_EXPIRED");
    conn k;
    mb_result *res;
    mb_status s;
    int32_t chatbot_id = 0;
    char thread[37], text[4096];
    static char big[70000];

    /* anonymous over HTTP */
    CHECK(open_conn(&k, http, NULL, NULL) == MB_OK, "client for the local HTTP endpoint");
    s = mb_execute(&k.c, Q_CATEGORIES, "getCategories", NULL, &res);
    CHECK(s == MB_OK && count(res, "category") > 0, "anonymous getCategories over HTTP");
    if (s != MB_OK) printf("  %s: %s\n", mb_strerror(s), mb_last_error(&k.c)->message.ptr);
    CHECK(get_text(res, "category[0].name", text, sizeof text) && text[0], "  ...a category name decodes");
    close_conn(&k);

    /* user alice over HTTPS: a query and mutations, kept alive on one TLS session */
    CHECK(open_conn(&k, https, alice, ca) == MB_OK, "client for the local HTTPS endpoint with the local CA");
    s = mb_execute(&k.c, Q_CHATBOT, NULL, NULL, &res);
    CHECK(s == MB_OK && get_int(res, "chatbot[0].chatbotId", &chatbot_id), "JWT-authenticated query over HTTPS");
    uuid4(thread);
    {
        mb_writer *w = mb_request(&k.c, M_THREAD, "createThread");
        char slug[64];
        snprintf(slug, sizeof slug, "it-%s", thread);
        mb_w_key(w, "threadId");
        mb_w_string(w, thread);
        mb_w_key(w, "chatbotId");
        mb_w_int(w, chatbot_id);
        mb_w_key(w, "slug");
        mb_w_string(w, slug);
        mb_w_key(w, "isPublic");
        mb_w_bool(w, 0);
        s = mb_send(&k.c, &res);
        CHECK(s == MB_OK && get_text(res, "insertThreadOne.userId", text, sizeof text) &&
                  strcmp(text, "00000000-0000-4000-a000-000000000001") == 0,
              "createThread mutation over HTTPS; the owner comes from the JWT");
        if (s != MB_OK) printf("  %s: %s\n", mb_strerror(s), mb_last_error(&k.c)->message.ptr);
    }
    {
        /* strings that would break a naive JSON writer, byte for byte */
        static const char *const hostile[] = {
            "plain text",
            "quotes \" and backslashes \\ and \"} closing braces",
            "control \x01\x02\x1f tab\t newline\n return\r",
            "emoji \xf0\x9f\xa4\x96 and CJK \xe6\xbc\xa2\xe5\xad\x97 and U+2028 \xe2\x80\xa8",
            "'; DROP TABLE message; --",
            "{\"query\":\"mutation { deleteThread(where: {}) { affectedRows } }\"}",
        };
        int ok = 1;
        for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
            s = save_message(&k, thread, hostile[i], strlen(hostile[i]), &res);
            ok &= s == MB_OK && get_text(res, "insertMessageOne.content", text, sizeof text) && strcmp(text, hostile[i]) == 0;
            if (s != MB_OK) printf("  %s: %s\n", mb_strerror(s), mb_last_error(&k.c)->message.ptr);
        }
        CHECK(ok, "saveNewMessage: hostile strings come back byte for byte");
        memset(big, 'x', 65536);
        memcpy(big, "\xf0\x9f\x98\x80", 4);
        s = save_message(&k, thread, big, 65536, &res);
        {
            int t;
            mb_str v;
            CHECK(s == MB_OK && mb_json_find(&res->doc, res->data, "insertMessageOne.content", &t) == MB_OK &&
                      mb_json_get_str(&res->doc, t, &v) == MB_OK && v.len == 65536 && memcmp(v.ptr, big, 65536) == 0,
                  "a 64 KB message is stored and read back whole");
        }
        s = save_message(&k, thread, "bad \xc3\x28 utf-8", 12, &res);
        CHECK(s == MB_ERR_UTF8, "invalid UTF-8 is refused before anything is sent");
        s = mb_execute(&k.c, Q_MESSAGES, "getMessages", NULL, &res);
        CHECK(s == MB_ERR_GRAPHQL && mb_str_eq(mb_last_error(&k.c)->code, "validation-failed"),
              "a missing required variable: Hasura's validation-failed");
        {
            char vars[128];
            snprintf(vars, sizeof vars, "{\"threadId\": \"%s\"}", thread);
            s = mb_execute(&k.c, Q_MESSAGES, "getMessages", vars, &res);
            CHECK(s == MB_OK && count(res, "message") == 7, "getMessages reads the 7 messages back in order");
            CHECK(get_text(res, "message[1].content", text, sizeof text) && strcmp(text, hostile[1]) == 0,
                  "  ...the second is the quotes-and-braces one");
        }
    }
    CHECK(k.tls.stats.handshakes == 1 && k.c.connects == 1, "all of it on one kept-alive TLS session");
    printf("  %u requests, %u TLS handshakes\n", k.c.requests, k.tls.stats.handshakes);
    mb_client_close(&k.c); /* the connection drops; the next call reconnects */
    s = mb_execute(&k.c, Q_CHATBOT, NULL, NULL, &res);
    CHECK(s == MB_OK && k.tls.stats.handshakes == 2 && k.tls.stats.full == 1 && k.tls.stats.resumed == 1,
          "a reconnect resumes the TLS session: 2 handshakes, 1 full");
    printf("  resumed handshake: %zu bytes out, %zu in\n", k.tls.stats.last_hs_out, k.tls.stats.last_hs_in);
    close_conn(&k);

    /* another user may not write into alice's private thread */
    open_conn(&k, https, bob, ca);
    s = save_message(&k, thread, "intruder", 8, &res);
    CHECK(s == MB_ERR_GRAPHQL, "bob cannot post into alice's thread");
    printf("  %s: %s (%s)\n", mb_strerror(s), mb_last_error(&k.c)->message.ptr, mb_last_error(&k.c)->code.ptr);
    {
        char vars[128];
        snprintf(vars, sizeof vars, "{\"threadId\": \"%s\"}", thread);
        s = mb_execute(&k.c, Q_MESSAGES, "getMessages", vars, &res);
        CHECK(s == MB_OK && count(res, "message") == 0, "bob does not see alice's private messages");
    }
    close_conn(&k);

    /* an expired token: MB_ERR_AUTH with Hasura's code and message */
    open_conn(&k, https, expired, ca);
    s = mb_execute(&k.c, Q_CHATBOT, NULL, NULL, &res);
    CHECK(s == MB_ERR_AUTH && mb_str_eq(mb_last_error(&k.c)->code, "invalid-jwt") &&
              strstr(mb_last_error(&k.c)->message.ptr, "JWTExpired") != NULL,
          "expired JWT -> MB_ERR_AUTH, invalid-jwt, JWTExpired");
    printf("  %s: %s\n", mb_strerror(s), mb_last_error(&k.c)->message.ptr);
    /* ...and the refresh hook turns it into a success */
    fresh_jwt = alice;
    k.c.cfg.refresh = refresh;
    s = mb_execute(&k.c, Q_CHATBOT, NULL, NULL, &res);
    CHECK(s == MB_OK && refreshes == 1, "the refresh hook supplies a new JWT and the call is retried once");
    close_conn(&k);

    /* the wrong CA is refused */
    CHECK(open_conn(&k, https, alice, env("MB_WRONG_CA_FILE")) == MB_OK, "client with the wrong CA");
    s = mb_execute(&k.c, Q_CHATBOT, NULL, NULL, &res);
    CHECK(s == MB_ERR_TLS_UNTRUSTED, "the local server is refused under the wrong CA");
    close_conn(&k);

    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
