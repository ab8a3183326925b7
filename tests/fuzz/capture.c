/* Records real exchanges with the local server: every generated Masterbots
 * operation, run as the role it is meant for, its raw HTTP answer (head and
 * body, as received) written to OUTDIR/<operationName>.http and its request
 * to OUTDIR/<operationName>.req. The fuzz seeds and the fault-injection
 * recordings come from these files.
 * Usage: capture OUTDIR   (environment: MB_URL, MB_JWT_ALICE, MB_USER_ALICE,
 * HASURA_GRAPHQL_ADMIN_SECRET) */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_posix.h"

static char work[256 * 1024];
/* Everything received, before the decoder unescapes error fields in place. */
static char rx[256 * 1024];
static size_t rx_len;
static mb_transport inner;

static mb_status tee_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    mb_status s = inner.recv(ctx, buf, cap, got, timeout_ms);
    if (s == MB_OK && *got <= sizeof rx - rx_len) {
        memcpy(rx + rx_len, buf, *got);
        rx_len += *got;
    }
    return s;
}
static mb_token toks[8192];

/* The values later steps need, found in earlier answers. */
static char chatbot_name[128], chatbot_id[16], thread_id[40] = "00000000-0000-4000-a000-00000000fe01",
                                                message_id[40] = "00000000-0000-4000-a000-00000000fe02", user_slug[128];

typedef struct step {
    const mb_op *(*op)(void);
    int admin;        /* admin secret instead of alice's token */
    const char *vars; /* printf format over the values above, in the order given by `args` */
    const char *args; /* letters: n chatbot name, c chatbot id, t thread, m message, s slug, u alice */
    const char *find; /* after the call: path of a value to keep, and where (letter) */
    const char *label; /* file name instead of the operation's, with query/jwt below */
    const char *query;
    const char *jwt;
} step;

static const char *value(char k) {
    switch (k) {
    case 'n': return chatbot_name;
    case 'c': return chatbot_id;
    case 't': return thread_id;
    case 'm': return message_id;
    case 's': return user_slug;
    default: return getenv("MB_USER_ALICE");
    }
}

static char *slot(char k, size_t *cap) {
    *cap = 128;
    switch (k) {
    case 'n': return chatbot_name;
    case 'c': *cap = sizeof chatbot_id; return chatbot_id;
    case 's': return user_slug;
    default: return NULL;
    }
}

static const step steps[] = {
    {mb_get_categories_op, 0, "{}", "", NULL, NULL, NULL, NULL},
    {mb_get_chatbots_op, 0, "{\"limit\":3}", "", "n:chatbot[0].name", NULL, NULL, NULL},
    {mb_get_chatbots_op, 0, "{\"limit\":1}", "", "c:chatbot[0].chatbotId", NULL, NULL, NULL},
    {mb_get_chatbot_op, 0, "{\"name\":\"%s\"}", "n", NULL, NULL, NULL, NULL},
    {mb_get_chatbot_count_op, 0, "{}", "", NULL, NULL, NULL, NULL},
    {mb_get_models_op, 0, "{}", "", NULL, NULL, NULL, NULL},
    {mb_get_browse_threads_op, 0, "{\"limit\":3}", "", NULL, NULL, NULL, NULL},
    {mb_get_chatbots_by_category_op, 0, "{\"categoryId\":1,\"limit\":3}", "", NULL, NULL, NULL, NULL},
    {mb_get_browse_threads_by_chatbot_op, 0, "{\"chatbotName\":\"%s\",\"limit\":3}", "n", NULL, NULL, NULL, NULL},
    {mb_get_browse_threads_by_category_op, 0, "{\"categoryId\":1,\"limit\":3}", "", NULL, NULL, NULL, NULL},
    {mb_get_browse_threads_by_user_op, 0, "{\"userId\":\"%s\",\"limit\":3}", "u", NULL, NULL, NULL, NULL},
    {mb_create_thread_op, 0, "{\"threadId\":\"%s\",\"chatbotId\":%s,\"slug\":\"fz-%s\",\"isPublic\":true}", "tct", NULL, NULL, NULL, NULL},
    {mb_save_new_message_op, 0,
     "{\"messageId\":\"%s\",\"threadId\":\"%s\",\"role\":\"user\",\"content\":\"caf\\u00e9 \\\"q\\\" \\\\ \\ud83d\\ude00\","
     "\"slug\":\"fz-m-%s\"}",
     "mtm", NULL, NULL, NULL, NULL},
    {mb_save_new_message_at_op, 0,
     "{\"messageId\":\"00000000-0000-4000-a000-00000000fe03\",\"threadId\":\"%s\",\"role\":\"user\","
     "\"content\":\"composed offline\",\"slug\":\"fz-m-at\",\"createdAt\":\"2026-11-27T08:30:00.5+01:00\"}",
     "t", NULL, NULL, NULL, NULL},
    {mb_update_message_op, 0, "{\"messageId\":\"%s\",\"content\":\"edited\\n\\t\"}", "m", NULL, NULL, NULL, NULL},
    {mb_update_thread_visibility_op, 0, "{\"threadId\":\"%s\",\"isPublic\":false}", "t", NULL, NULL, NULL, NULL},
    {mb_get_thread_op, 0, "{\"threadId\":\"%s\"}", "t", NULL, NULL, NULL, NULL},
    {mb_get_messages_op, 0, "{\"threadId\":\"%s\",\"limit\":5}", "t", NULL, NULL, NULL, NULL},
    {mb_get_threads_op, 0, "{\"userId\":\"%s\",\"limit\":3}", "u", NULL, NULL, NULL, NULL},
    {mb_get_threads_by_chatbot_op, 0, "{\"userId\":\"%s\",\"chatbotName\":\"%s\",\"limit\":3}", "un", NULL, NULL, NULL, NULL},
    {mb_follow_chatbot_op, 0, "{\"followerId\":\"%s\",\"chatbotId\":%s}", "uc", NULL, NULL, NULL, NULL},
    {mb_unfollow_chatbot_op, 0, "{\"followerId\":\"%s\",\"chatbotId\":%s}", "uc", NULL, NULL, NULL, NULL},
    {mb_get_preference_op, 0, "{\"userId\":\"%s\"}", "u", NULL, NULL, NULL, NULL},
    {mb_insert_preference_op, 0, "{\"userId\":\"%s\",\"preferredComplexity\":\"general\",\"preferredLength\":\"detailed\","
     "\"preferredTone\":\"neutral\",\"preferredType\":\"mixed\"}", "u", NULL, NULL, NULL, NULL},
    {mb_update_preference_op, 0, "{\"userId\":\"%s\",\"preferredComplexity\":\"general\",\"preferredLength\":\"detailed\","
     "\"preferredTone\":\"neutral\",\"preferredType\":\"mix\",\"webSearch\":false,\"deepExpertise\":false}", "u", NULL, NULL, NULL, NULL},
    {mb_delete_thread_op, 0, "{\"threadId\":\"%s\",\"userId\":\"%s\"}", "tu", NULL, NULL, NULL, NULL},
    {NULL, 1, NULL, NULL, "s:user[0].slug", NULL, NULL, NULL}, /* a slug to look up, as admin */
    {mb_get_user_by_slug_op, 0, "{\"slug\":\"%s\"}", "s", NULL, NULL, NULL, NULL},
    /* refusals: Hasura's envelopes for a bad token and a bad document */
    {NULL, 0, "{}", "", NULL, "invalidJwt", "query getCategories { category { name } }", "not.a.jwt"},
    {NULL, 0, "{}", "", NULL, "validationFailed", "query nope { noSuchField }", NULL},
};

static void save(const char *dir, const char *name, const char *ext, const char *p, size_t n) {
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext);
    f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n) { fprintf(stderr, "capture: cannot write %s\n", path); exit(2); }
    fclose(f);
}

int main(int argc, char **argv) {
    const char *url = getenv("MB_URL"), *jwt = getenv("MB_JWT_ALICE"), *secret = getenv("HASURA_GRAPHQL_ADMIN_SECRET");
    int bad = 0;
    if (argc != 2 || !url || !jwt || !secret || !getenv("MB_USER_ALICE")) {
        fprintf(stderr, "usage: capture OUTDIR (MB_URL, MB_JWT_ALICE, MB_USER_ALICE, HASURA_GRAPHQL_ADMIN_SECRET)\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        const step *s = &steps[i];
        mb_posix_socket sock;
        mb_config cfg;
        mb_client c;
        mb_result *res;
        mb_status st;
        char vars[1024];
        const char *a[3] = {"", "", ""};
        const char *query = s->op ? s->op()->query
                            : s->query ? s->query : "query { user(limit: 1, where: {slug: {_isNull: false}}) { slug } }";
        const char *name = s->op ? s->op()->name : s->label;
        for (size_t k = 0; s->args && s->args[k] && k < 3; k++) a[k] = value(s->args[k]);
        snprintf(vars, sizeof vars, s->vars ? s->vars : "{}", a[0], a[1], a[2]);
        memset(&cfg, 0, sizeof cfg);
        cfg.url = url;
        if (s->label) cfg.jwt = s->jwt ? s->jwt : jwt;
        else if (s->op && !s->admin) cfg.jwt = jwt;
        else cfg.admin_secret = secret;
        inner = mb_posix_transport(&sock);
        cfg.transport = inner;
        cfg.transport.recv = tee_recv;
        rx_len = 0;
        cfg.buf = work;
        cfg.buf_size = sizeof work;
        cfg.tokens = toks;
        cfg.max_tokens = sizeof toks / sizeof toks[0];
        if (mb_client_init(&c, &cfg) != MB_OK) return 3;
        st = mb_execute(&c, query, s->label ? NULL : name, vars, &res);
        if (name) {
            char fname[96];
            snprintf(fname, sizeof fname, "%02zu-%s", i, name);
            save(argv[1], fname, "http", rx, rx_len);
            save(argv[1], fname, "req", work, c.req_len);
        }
        if (st != MB_OK) { /* a GraphQL error is a recording too (insertPreference: the row exists) */
            fprintf(stderr, "capture: %s: %s: %.*s\n", name ? name : "lookup", mb_strerror(st),
                    (int)res->error.message.len, res->error.message.ptr);
            if (st != MB_ERR_GRAPHQL && !(s->label && st == MB_ERR_AUTH)) bad = 1;
        } else if (s->find) {
            int t;
            size_t cap, n = 0;
            char *dst = slot(s->find[0], &cap);
            if (mb_json_find(&res->doc, res->data, s->find + 2, &t) != MB_OK) {
                fprintf(stderr, "capture: %s has no %s\n", name ? name : "lookup", s->find + 2);
                bad = 1;
            } else if (res->doc.tok[t].type == JSMN_STRING) {
                mb_json_unescape(&res->doc, t, dst, cap, &n);
            } else {
                mb_str v = mb_json_raw_view(&res->doc, t);
                snprintf(dst, cap, "%.*s", (int)v.len, v.ptr);
            }
        }
        mb_client_close(&c);
    }
    return bad;
}
