/* Every generated Masterbots operation against the local server, as the role
 * that runs it in the web app, checking decoded values: unicode, nulls,
 * empty arrays, arrays larger than the caller's.
 * The local server narrows anonymous and user reads of threads and messages
 * to what they may see; Masterbots' own backend does not (its thread and
 * message select filters are {}: privacy is the where of each operation, as
 * in the web app). Carol, a moderator, reads with filter {} here too, so the
 * checks made as carol see what any role sees on the real backend.
 * Environment: MB_URL, MB_JWT_ALICE, MB_JWT_BOB, MB_JWT_CAROL (moderator),
 * HASURA_GRAPHQL_ADMIN_SECRET (from tests/suites/50-integration). */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "it.h"

#define ALICE "00000000-0000-4000-a000-000000000001"
#define BOB "00000000-0000-4000-a000-000000000002"
#define CAROL "00000000-0000-4000-a000-000000000003"
#define LONELY "mb-it chatbot without a category"

static char work[5][64 * 1024]; /* one per client: results are views into it */
static mb_token toks[5][4096];
static mb_posix_socket socks[5];
static int nclients;

static void open_with(mb_client *c, const char *jwt, const char *admin_secret) {
    mb_config cfg;
    int i = nclients++;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = getenv("MB_URL");
    cfg.jwt = jwt;
    cfg.admin_secret = admin_secret;
    cfg.transport = mb_posix_transport(&socks[i]);
    cfg.buf = work[i];
    cfg.buf_size = sizeof work[i];
    cfg.tokens = toks[i];
    cfg.max_tokens = sizeof toks[i] / sizeof toks[i][0];
    if (!cfg.url || mb_client_init(c, &cfg) != MB_OK) {
        fprintf(stderr, "ops_it: MB_URL missing or bad\n");
        exit(2);
    }
}

static void open_as(mb_client *c, const char *jwt) { open_with(c, jwt, NULL); }

/* A raw operation as admin (fixtures the roles cannot write); 1 when it went through. */
static int admin_run(mb_client *admin, const char *query, const char *vars_json) {
    mb_result *res;
    mb_status s = mb_execute(admin, query, NULL, vars_json, &res);
    if (s != MB_OK) printf("  -> admin: %s: %s\n", mb_strerror(s), mb_last_error(admin)->message.ptr);
    return s == MB_OK;
}

static void explain(mb_client *c, mb_status s) {
    if (s != MB_OK) printf("  -> %s: %s (%s)\n", mb_strerror(s), mb_last_error(c)->message.ptr, mb_last_error(c)->code.ptr);
}

/* Every generated operation: an optional variable (has_ flag) without a
 * default is never the value of a boolean-expression operator (`_eq:$x`,
 * `_in:[$x]`, ...). Left out it is null, and Hasura refuses null there
 * ("unexpected null value"); tools/codegen refuses to generate one, this
 * reads what the build holds. 1 when none. */
static int no_null_filters(void) {
    static const mb_op *(*const ops[])(void) = {
        mb_get_categories_op, mb_get_chatbots_op, mb_get_chatbots_by_category_op, mb_get_chatbot_op, mb_get_chatbot_count_op,
        mb_get_models_op, mb_get_threads_op, mb_get_threads_by_chatbot_op, mb_get_browse_threads_op,
        mb_get_browse_threads_by_chatbot_op, mb_get_browse_threads_by_category_op, mb_get_browse_threads_by_user_op,
        mb_get_thread_op, mb_get_messages_op, mb_create_thread_op, mb_save_new_message_op, mb_save_new_message_at_op,
        mb_update_message_op, mb_update_thread_visibility_op, mb_delete_thread_op, mb_thread_messages_op,
        mb_get_user_by_slug_op, mb_get_preference_op, mb_insert_preference_op, mb_update_preference_op,
        mb_follow_chatbot_op, mb_unfollow_chatbot_op};
    int ok = 1;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        const mb_op *op = ops[i]();
        const char *body = strchr(op->query, '{'); /* after the variable definitions */
        for (uint16_t j = 0; body && j < op->num_vars; j++) {
            char def[80], use[80];
            const char *d, *u;
            size_t n;
            if (op->vars[j].has_offset == MB_NO_NULL_FLAG) continue; /* required */
            n = (size_t)snprintf(def, sizeof def, "$%s:", op->vars[j].name);
            d = strstr(op->query, def);
            if (!d || d > body) { ok = 0; continue; }
            d += n;
            while (*d && *d != '$' && *d != ')' && *d != '=') d++;
            if (*d == '=') continue; /* a default: left out, it takes that */
            snprintf(use, sizeof use, "$%s", op->vars[j].name);
            for (u = strstr(body, use); u; u = strstr(u + 1, use)) {
                const char *b = u;
                char c = u[strlen(use)];
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') continue;
                while (b > body && (b[-1] == '[' || b[-1] == ' ' || b[-1] == ',')) b--; /* _in:[$x] */
                if (b > body && b[-1] == ':') {
                    const char *k = b - 1;
                    while (k > body && ((k[-1] >= 'A' && k[-1] <= 'Z') || (k[-1] >= 'a' && k[-1] <= 'z') || k[-1] == '_')) k--;
                    if (*k == '_') { /* an operator: _eq, _in, _isNull, ... */
                        printf("  -> %s: $%s is optional without a default and compared at %.20s\n", op->name, op->vars[j].name, k);
                        ok = 0;
                    }
                }
            }
        }
    }
    return ok;
}

/* A request as the operations were written before (an optional filter or
 * insert value as a nullable variable, left out): Hasura refuses it. 1 when
 * the server answers with a validation error about the null. */
static int refused_as_null(mb_client *c, const char *query, const char *vars_json) {
    mb_result *res;
    mb_status s = mb_execute(c, query, NULL, vars_json, &res);
    const mb_error *e = mb_last_error(c);
    int ok = s == MB_ERR_GRAPHQL && e->code.ptr && strcmp(e->code.ptr, "validation-failed") == 0 && e->message.ptr &&
             strstr(e->message.ptr, "null") != NULL; /* "unexpected null value for type ...", "... but found null" (an enum) */
    printf("  -> %s: %s (%s)\n", mb_strerror(s), e->message.ptr ? e->message.ptr : "", e->code.ptr ? e->code.ptr : "");
    return ok;
}

int main(void) {
    mb_client anon, alice, bob, carol, admin;
    mb_status s;
    char thread_id[37], msg_id[37], slug[96];
    int32_t chatbot_id = 0, total = 0;
    const char *chatbot_name = NULL;
    static char name_copy[128];

    CHECK(no_null_filters(), "no generated request leaves an optional variable without a default in a comparison "
                             "(Hasura refuses the null it is when left out)");
    open_as(&anon, NULL);
    open_with(&admin, NULL, getenv("HASURA_GRAPHQL_ADMIN_SECRET"));
    open_as(&carol, getenv("MB_JWT_CAROL"));
    /* Masterbots can have a chatbot in no category (chatbot_category is a separate table);
     * the listing and the count must include it. Removed again at the end. */
    CHECK(admin_run(&admin, "mutation($n:String!){deleteChatbot(where:{name:{_eq:$n}}){affectedRows}}", "{\"n\":\"" LONELY "\"}") &&
              admin_run(&admin, "mutation($n:String!){insertChatbotOne(object:{name:$n,createdBy:\"mb-it\"}){chatbotId}}",
                        "{\"n\":\"" LONELY "\"}"),
          "(setup, admin) a chatbot without a category");

    /* getCategories: nested arrays in two pools */
    {
        static mb_get_categories_category cats[64];
        static mb_get_categories_category_chatbots links[512];
        mb_get_categories_data d;
        mb_get_categories_arrays a = {cats, 64, 0, links, 512, 0};
        size_t links_seen = 0;
        s = mb_get_categories(&anon, &d, &a);
        explain(&anon, s);
        CHECK(s == MB_OK && d.category.len > 0 && d.category.len == a.category_needed, "getCategories (anonymous)");
        for (size_t i = 0; i < d.category.len; i++) links_seen += d.category.items[i].chatbots.len;
        CHECK(links_seen == a.category_chatbots_needed && links_seen > 0, "  ...every category's chatbots land in the shared pool");
        CHECK(d.category.len && d.category.items[0].name.ptr && strlen(d.category.items[0].name.ptr) == d.category.items[0].name.len,
              "  ...names are NUL-terminated views");
        /* arrays larger than the caller's */
        a.category_cap = 2;
        s = mb_get_categories(&anon, &d, &a);
        CHECK(s == MB_ERR_CAPACITY && d.category.len == 2 && a.category_needed > 2, "  ...too small an array: MB_ERR_CAPACITY, filled to capacity, needed counted");
    }
    /* getChatbots / getChatbotCount */
    {
        static mb_chatbot_list_item bots[20];
        static mb_chatbot_list_item_categories cats[100];
        static mb_chatbot_list_item_metadata meta[100];
        mb_get_chatbots_data d;
        mb_get_chatbots_vars v;
        mb_get_chatbots_arrays a = {bots, 20, 0, cats, 100, 0, meta, 100, 0};
        mb_get_chatbot_count_data cnt;
        memset(&v, 0, sizeof v);
        v.limit = 5;
        v.has_limit = 1;
        s = mb_get_chatbots(&anon, &v, &d, &a);
        explain(&anon, s);
        CHECK(s == MB_OK && d.chatbot.len == 5, "getChatbots(limit 5)");
        if (d.chatbot.len) {
            chatbot_id = d.chatbot.items[0].chatbot_id;
            snprintf(name_copy, sizeof name_copy, "%s", d.chatbot.items[0].name.ptr);
            chatbot_name = name_copy;
            CHECK(d.chatbot.items[0].categories.len > 0 && d.chatbot.items[0].categories.items[0].category.name.ptr,
                  "  ...with its categories");
        }
        v.offset = 5;
        v.has_offset = 1;
        s = mb_get_chatbots(&anon, &v, &d, &a);
        CHECK(s == MB_OK && d.chatbot.len > 0 && d.chatbot.items[0].chatbot_id != chatbot_id, "getChatbots(offset 5): the next page");
        s = mb_get_chatbot_count(&anon, &cnt);
        total = cnt.chatbot_aggregate.aggregate.count;
        CHECK(s == MB_OK && total >= 6, "getChatbotCount");
        memset(&v, 0, sizeof v);
        v.limit = 1000;
        v.has_limit = 1;
        a.chatbot_cap = 20;
        s = mb_get_chatbots(&anon, &v, &d, &a);
        CHECK((total > 20 ? s == MB_ERR_CAPACITY : s == MB_OK) && a.chatbot_needed == (size_t)total,
              "getChatbots: all of them counted against the aggregate, a chatbot in no category too");
    }
    /* getChatbot by name, with prompts and enum prompts */
    {
        static mb_get_chatbot_chatbot bot[1];
        static mb_get_chatbot_chatbot_categories cats[16];
        static mb_get_chatbot_chatbot_prompts prompts[64];
        mb_get_chatbot_data d;
        mb_get_chatbot_vars v = {chatbot_name};
        mb_get_chatbot_arrays a = {bot, 1, 0, cats, 16, 0, prompts, 64, 0};
        s = mb_get_chatbot(&anon, &v, &d, &a);
        explain(&anon, s);
        CHECK(s == MB_OK && d.chatbot.len == 1 && strcmp(d.chatbot.items[0].name.ptr, chatbot_name) == 0, "getChatbot(name)");
        v.name = "no such chatbot";
        s = mb_get_chatbot(&anon, &v, &d, &a);
        CHECK(s == MB_OK && d.chatbot.len == 0 && d.chatbot.items == NULL, "getChatbot of an unknown name: an empty array");
    }
    /* getModels: a model's enum name is what createThread's $model takes, upper-cased */
    static char model_token[64];
    {
        static mb_get_models_models models[32];
        mb_get_models_data d;
        mb_get_models_arrays a = {models, 32, 0};
        s = mb_get_models(&anon, &d, &a);
        CHECK(s == MB_OK && d.models.len > 0 && d.models.items[0].model.ptr, "getModels");
        for (size_t i = 0; i < d.models.len && !model_token[0]; i++) {
            const char *n = models[i].model_data.name.ptr;
            if (!models[i].enabled || !n || strlen(n) >= sizeof model_token) continue;
            for (size_t k = 0; n[k]; k++) model_token[k] = (char)(n[k] >= 'a' && n[k] <= 'z' ? n[k] - 'a' + 'A' : n[k]);
        }
        CHECK(model_token[0] != 0, "  ...with the enum name behind each model (model_data.name)");
    }

    /* alice: createThread, saveNewMessage (unicode), getThread, getMessages, updateMessage, visibility */
    open_as(&alice, getenv("MB_JWT_ALICE"));
    /* what the split operations and the defaults avoid: the earlier documents, sent by hand */
    CHECK(refused_as_null(&anon, "query getChatbots($limit: Int, $categoryId: Int) { chatbot(limit: $limit, "
                                 "where: {_or: [{categories: {categoryId: {_eq: $categoryId}}}, "
                                 "{chatbotId: {_lt: $categoryId, _gt: $categoryId}}]}) { chatbotId } }",
                          "{\"limit\":1}"),
          "the earlier getChatbots with categoryId left out: refused (validation-failed, unexpected null value)");
    CHECK(refused_as_null(&anon, "query getBrowseThreads($chatbotName: String) { thread(where: {isPublic: {_eq: true}, "
                                 "chatbot: {name: {_eq: $chatbotName}}}) { threadId } }",
                          "{}"),
          "the earlier getBrowseThreads with chatbotName left out: refused");
    {
        char id[37], vj[200];
        mb_uuid4(mb_posix_random, id);
        snprintf(vj, sizeof vj, "{\"threadId\":\"%s\",\"chatbotId\":%d,\"slug\":\"mb-it-null-%s\"}", id, (int)chatbot_id, id);
        CHECK(refused_as_null(&alice, "mutation createThread($threadId: uuid!, $chatbotId: Int!, $slug: String!, "
                                      "$model: ModelsEnumEnum) { insertThreadOne(object: {threadId: $threadId, "
                                      "chatbotId: $chatbotId, slug: $slug, model: $model}) { threadId } }",
                              vj),
              "the earlier createThread with model left out: refused (thread.model is NOT NULL; its default is not used)");
    }
    mb_uuid4(mb_posix_random, thread_id);
    {
        mb_create_thread_vars v;
        mb_create_thread_data d;
        memset(&v, 0, sizeof v);
        v.thread_id = thread_id;
        v.chatbot_id = chatbot_id;
        mb_slug("How do I keep a sourdough starter alive?", thread_id + 24, slug, sizeof slug);
        v.slug = slug;
        s = mb_create_thread(&alice, &v, &d);
        explain(&alice, s);
        CHECK(s == MB_OK && strcmp(d.insert_thread_one.thread_id.ptr, thread_id) == 0 &&
                  strcmp(d.insert_thread_one.user_id.ptr, ALICE) == 0 && d.insert_thread_one.is_public == 0 &&
                  !d.insert_thread_one.is_public_null,
              "createThread (user): owner from the JWT; isPublic left out is false (the column's default), not null");
    }
    {
        /* a thread on a model picked from getModels */
        static mb_get_thread_thread th[1];
        static mb_get_thread_thread_messages msgs[1];
        mb_get_thread_data gd;
        mb_get_thread_arrays ga = {th, 1, 0, msgs, 1, 0};
        mb_get_thread_vars gv;
        mb_create_thread_vars v;
        mb_create_thread_data d;
        mb_delete_thread_vars dv;
        mb_delete_thread_data dd;
        char id[37], mslug[96];
        memset(&v, 0, sizeof v);
        mb_uuid4(mb_posix_random, id);
        mb_slug("Which model answers this?", id + 24, mslug, sizeof mslug);
        v.thread_id = id;
        v.chatbot_id = chatbot_id;
        v.slug = mslug;
        v.model = model_token;
        v.has_model = 1;
        s = mb_create_thread(&alice, &v, &d);
        explain(&alice, s);
        gv.thread_id = id;
        if (s == MB_OK) s = mb_get_thread(&alice, &gv, &gd, &ga);
        CHECK(s == MB_OK && gd.thread.len == 1 && strcmp(th[0].model.ptr, model_token) == 0,
              "createThread with a model from getModels (its model_data.name, upper-cased)");
        dv.thread_id = id;
        dv.user_id = ALICE;
        s = mb_delete_thread(&alice, &dv, &dd);
        CHECK(s == MB_OK && dd.delete_thread.affected_rows == 1, "  ...deleted again");
    }
    {
        static mb_get_thread_thread th[1];
        static mb_get_thread_thread_messages msgs[4];
        mb_get_thread_data d;
        mb_get_thread_vars v = {thread_id};
        mb_get_thread_arrays a = {th, 1, 0, msgs, 4, 0};
        s = mb_get_thread(&alice, &v, &d, &a);
        CHECK(s == MB_OK && d.thread.len == 1 && d.thread.items[0].messages.len == 0 && d.thread.items[0].messages.items == NULL &&
                  d.thread.items[0].metadata.ptr == NULL && d.thread.items[0].chatbot.chatbot_id == chatbot_id,
              "getThread: a new thread has no messages (empty array) and null metadata");
        CHECK(s == MB_OK && d.thread.len == 1 && th[0].model.ptr && strcmp(th[0].model.ptr, "OPENAI") == 0,
              "  ...createThread with model left out: OPENAI (thread.model DEFAULT 'openAi'; Hasura would insert null, NOT NULL)");
        s = mb_get_thread(&anon, &v, &d, &a);
        CHECK(s == MB_OK && d.thread.len == 0, "getThread as anonymous: a private thread is invisible");
    }
    {
        static const char *const texts[] = {"Hello \xf0\x9f\x91\x8b \xe2\x80\x94 \"quoted\" \\ back\\slash\nline two",
                                            "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7",
                                            "third"};
        int ok = 1;
        for (int i = 0; i < 3; i++) {
            mb_save_new_message_vars v;
            mb_save_new_message_data d;
            char id[37], mslug[64];
            memset(&v, 0, sizeof v);
            mb_uuid4(mb_posix_random, id);
            if (i == 0) memcpy(msg_id, id, sizeof id);
            snprintf(mslug, sizeof mslug, "m-%s", id);
            v.message_id = id;
            v.thread_id = thread_id;
            v.role = i == 1 ? "assistant" : "user";
            v.content = texts[i];
            v.slug = mslug;
            s = mb_save_new_message(&alice, &v, &d);
            explain(&alice, s);
            ok &= s == MB_OK && strcmp(d.insert_message_one.content.ptr, texts[i]) == 0 && strcmp(d.insert_message_one.role.ptr, v.role) == 0;
        }
        CHECK(ok, "saveNewMessage x3: unicode, quotes, newlines come back exactly");
        {
            /* composed earlier (the outbox): saveNewMessageAt keeps that time; saveNewMessage is now() */
            mb_save_new_message_at_vars v;
            mb_save_new_message_at_data d;
            char id[37], mslug[64];
            int64_t t = 0;
            memset(&v, 0, sizeof v);
            mb_uuid4(mb_posix_random, id);
            snprintf(mslug, sizeof mslug, "m-%s", id);
            v.message_id = id;
            v.thread_id = thread_id;
            v.role = "user";
            v.content = "composed offline";
            v.slug = mslug;
            v.created_at = "2001-02-03T04:05:06Z";
            s = mb_save_new_message_at(&alice, &v, &d);
            explain(&alice, s);
            CHECK(s == MB_OK && mb_time_parse(d.insert_message_one.created_at, &t) == MB_OK && t == 981173106,
                  "saveNewMessageAt: created at the given time (a queued message keeps its composing time)");
            {
                char vj[64];
                snprintf(vj, sizeof vj, "{\"m\":\"%s\"}", id);
                CHECK(admin_run(&admin, "mutation($m:uuid!){deleteMessage(where:{messageId:{_eq:$m}}){affectedRows}}", vj),
                      "(cleanup, admin) that message, for the counts below");
            }
        }
        {
            static mb_get_messages_message msgs[2];
            mb_get_messages_data d;
            mb_get_messages_vars v;
            mb_get_messages_arrays a = {msgs, 2, 0};
            int64_t t0 = 0;
            memset(&v, 0, sizeof v);
            v.thread_id = thread_id;
            s = mb_get_messages(&alice, &v, &d, &a);
            CHECK(s == MB_ERR_CAPACITY && d.message.len == 2 && a.message_needed == 3, "getMessages into 2 slots: 3 needed");
            CHECK(strcmp(msgs[1].content.ptr, texts[1]) == 0 && msgs[0].thinking.ptr == NULL && msgs[0].examples.ptr == NULL,
                  "  ...in order; null text and jsonb give NULL views");
            CHECK(mb_time_parse(msgs[0].created_at, &t0) == MB_OK && t0 > 1700000000, "  ...createdAt parses to epoch time");
            v.offset = 2;
            v.has_offset = 1;
            s = mb_get_messages(&alice, &v, &d, &a);
            CHECK(s == MB_OK && d.message.len == 1 && strcmp(msgs[0].content.ptr, "third") == 0, "getMessages(offset 2): paged");
        }
    }
    {
        mb_update_message_vars v = {msg_id, "edited \xe2\x9c\x8f"};
        mb_update_message_data d;
        static mb_update_message_update_message_returning ret[2];
        mb_update_message_arrays a = {ret, 2, 0};
        s = mb_update_message(&alice, &v, &d, &a);
        CHECK(s == MB_OK && d.update_message.affected_rows == 1 && strcmp(ret[0].content.ptr, "edited \xe2\x9c\x8f") == 0, "updateMessage (owner)");
    }
    {
        static mb_own_thread ths[50];
        static mb_own_thread_messages m2[100];
        mb_get_threads_data d;
        mb_get_threads_vars v;
        mb_get_threads_arrays a = {ths, 50, 0, m2, 100, 0};
        memset(&v, 0, sizeof v);
        v.user_id = ALICE;
        v.limit = 50;
        v.has_limit = 1;
        s = mb_get_threads(&alice, &v, &d, &a);
        explain(&alice, s);
        CHECK(s == MB_OK && d.thread.len >= 1 && d.thread_aggregate.aggregate.count >= (int32_t)d.thread.len &&
                  strcmp(d.thread.items[0].thread_id.ptr, thread_id) == 0 && d.thread.items[0].messages.len == 2,
              "getThreads(mine): newest first, two messages each, with the aggregate count");
        /* the web app lists a user's own threads with getThreads and everyone else's with
         * getBrowseThreads: without a userId, Masterbots' backend would answer with every
         * user's threads, private and unapproved ones included */
        int32_t mine = d.thread_aggregate.aggregate.count;
        memset(&v, 0, sizeof v);
        s = mb_get_threads(&carol, &v, &d, &a);
        CHECK(s == MB_ERR_GRAPHQL && d.thread.len == 0, "getThreads without a userId: refused, never every user's threads");
        {
            /* the web app's getThreads({userId, chatbotName}) */
            static mb_own_thread bths[50];
            static mb_own_thread_messages bm[100];
            mb_get_threads_by_chatbot_data bd;
            mb_get_threads_by_chatbot_vars bv;
            mb_get_threads_by_chatbot_arrays ba = {bths, 50, 0, bm, 100, 0};
            int ok, found = 0;
            memset(&bv, 0, sizeof bv);
            bv.user_id = ALICE;
            bv.chatbot_name = chatbot_name;
            s = mb_get_threads_by_chatbot(&alice, &bv, &bd, &ba);
            explain(&alice, s);
            ok = s == MB_OK && bd.thread.len >= 1 && bd.thread_aggregate.aggregate.count == (int32_t)bd.thread.len;
            for (size_t i = 0; i < bd.thread.len; i++) {
                ok &= strcmp(bths[i].chatbot.name.ptr, chatbot_name) == 0 && strcmp(bths[i].user_id.ptr, ALICE) == 0;
                found |= strcmp(bths[i].thread_id.ptr, thread_id) == 0;
            }
            CHECK(ok && found, "getThreadsByChatbot: one user's threads with one chatbot (the new private one too), counted");
            CHECK(s == MB_OK && mine >= bd.thread_aggregate.aggregate.count,
                  "  ...getThreads, the same without the filter, lists at least as many");
        }
    }
    open_as(&bob, getenv("MB_JWT_BOB"));
    {
        mb_update_thread_visibility_vars v = {thread_id, 1};
        mb_update_thread_visibility_data d;
        static mb_update_thread_visibility_update_thread_returning r[1];
        mb_update_thread_visibility_arrays a = {r, 1, 0};
        s = mb_update_thread_visibility(&bob, &v, &d, &a);
        CHECK(s == MB_OK && d.update_thread.affected_rows == 0, "updateThreadVisibility by another user: no row changes");
        s = mb_update_thread_visibility(&alice, &v, &d, &a);
        CHECK(s == MB_OK && d.update_thread.affected_rows == 1 && r[0].is_public == 1, "updateThreadVisibility by the owner");
    }
    {
        static mb_browse_thread ths[20];
        static mb_browse_thread_messages m2[40];
        mb_get_browse_threads_data d;
        mb_get_browse_threads_vars v;
        mb_get_browse_threads_arrays a = {ths, 20, 0, m2, 40, 0};
        memset(&v, 0, sizeof v);
        s = mb_get_browse_threads(&anon, &v, &d, &a);
        explain(&anon, s);
        CHECK((s == MB_OK || s == MB_ERR_CAPACITY) && d.thread_aggregate.aggregate.count >= 0 && a.thread_needed == (size_t)d.thread_aggregate.aggregate.count,
              "getBrowseThreads (anonymous): the public, approved feed");
        /* as carol (moderator): her reads are not narrowed, as nobody's are on Masterbots' backend */
        s = mb_get_browse_threads(&carol, &v, &d, &a);
        {
            int ok = s == MB_OK || s == MB_ERR_CAPACITY;
            for (size_t i = 0; i < d.thread.len; i++) ok &= strcmp(ths[i].thread_id.ptr, "00000000-0000-4000-b000-000000000003") != 0 &&
                                                             strcmp(ths[i].thread_id.ptr, "00000000-0000-4000-b000-000000000007") != 0;
            CHECK(ok && a.thread_needed == (size_t)d.thread_aggregate.aggregate.count,
                  "getBrowseThreads as a role whose reads are not narrowed: still no private or unapproved thread");
        }
        {
            int32_t all = d.thread_aggregate.aggregate.count;
            static mb_browse_thread uths[20];
            static mb_browse_thread_messages um[40];
            mb_get_browse_threads_by_user_data ud;
            mb_get_browse_threads_by_user_vars uv;
            mb_get_browse_threads_by_user_arrays ua = {uths, 20, 0, um, 40, 0};
            static mb_browse_thread cths[20];
            static mb_browse_thread_messages cm[40];
            mb_get_browse_threads_by_chatbot_data cd;
            mb_get_browse_threads_by_chatbot_vars cv;
            mb_get_browse_threads_by_chatbot_arrays ca = {cths, 20, 0, cm, 40, 0};
            memset(&uv, 0, sizeof uv);
            uv.user_id = BOB; /* bob: one public approved thread, one public pending, one private */
            s = mb_get_browse_threads_by_user(&carol, &uv, &ud, &ua);
            explain(&carol, s);
            CHECK(s == MB_OK && ud.thread.len == 1 && ud.thread_aggregate.aggregate.count == 1 &&
                      strcmp(uths[0].thread_id.ptr, "00000000-0000-4000-b000-000000000004") == 0 && strcmp(uths[0].user.slug.ptr, "bob") == 0,
                  "getBrowseThreadsByUser: a user's public, approved threads only (the web app's profile of someone else)");
            memset(&cv, 0, sizeof cv);
            cv.chatbot_name = "HealthBot"; /* alice's two public threads; her private ones are with TechBot */
            s = mb_get_browse_threads_by_chatbot(&carol, &cv, &cd, &ca);
            explain(&carol, s);
            {
                int ok = s == MB_OK && cd.thread.len >= 2 && cd.thread_aggregate.aggregate.count == (int32_t)cd.thread.len;
                for (size_t i = 0; i < cd.thread.len; i++) ok &= strcmp(cths[i].chatbot.name.ptr, "HealthBot") == 0;
                CHECK(ok, "getBrowseThreadsByChatbot: that chatbot's public threads");
                CHECK(ok && all > cd.thread_aggregate.aggregate.count,
                      "  ...getBrowseThreads, the filter unset as an operation of its own, lists more (every chatbot's)");
            }
            cv.chatbot_name = "TechBot";
            s = mb_get_browse_threads_by_chatbot(&carol, &cv, &cd, &ca);
            {
                int ok = s == MB_OK;
                for (size_t i = 0; i < cd.thread.len; i++) ok &= strcmp(cths[i].thread_id.ptr, "00000000-0000-4000-b000-000000000002") != 0;
                CHECK(ok, "  ...not a private one");
            }
        }
        {
            /* category: the threads of the chatbots getChatbots lists in it */
            static mb_chatbot_list_item bots[64];
            static mb_chatbot_list_item_categories cats[256];
            static mb_chatbot_list_item_metadata meta[256];
            mb_get_chatbots_by_category_arrays ca = {bots, 64, 0, cats, 256, 0, meta, 256, 0};
            mb_get_chatbots_by_category_vars cv;
            mb_get_chatbots_by_category_data cd;
            static mb_browse_thread kths[20];
            static mb_browse_thread_messages km[40];
            mb_get_browse_threads_by_category_data kd;
            mb_get_browse_threads_by_category_vars kv;
            mb_get_browse_threads_by_category_arrays ka = {kths, 20, 0, km, 40, 0};
            int ok;
            memset(&cv, 0, sizeof cv);
            cv.category_id = 1;
            s = mb_get_chatbots_by_category(&anon, &cv, &cd, &ca);
            explain(&anon, s);
            ok = s == MB_OK && cd.chatbot.len > 0 && (int32_t)cd.chatbot.len < total;
            for (size_t i = 0; i < cd.chatbot.len; i++) {
                int in = 0;
                for (size_t j = 0; j < bots[i].categories.len; j++) in |= bots[i].categories.items[j].category_id == 1;
                ok &= in;
            }
            CHECK(ok, "getChatbotsByCategory: only that category's chatbots (getChatbots, unfiltered, is its own operation)");
            memset(&kv, 0, sizeof kv);
            kv.category_id = 1;
            s = mb_get_browse_threads_by_category(&carol, &kv, &kd, &ka);
            explain(&carol, s);
            ok &= s == MB_OK && kd.thread.len > 0 && kd.thread_aggregate.aggregate.count == (int32_t)kd.thread.len;
            for (size_t i = 0; ok && i < kd.thread.len; i++) {
                int in = 0;
                for (size_t j = 0; j < cd.chatbot.len; j++) in |= bots[j].chatbot_id == kths[i].chatbot.chatbot_id;
                ok &= in;
            }
            CHECK(ok, "getBrowseThreadsByCategory: only threads of that category's chatbots");
        }
    }
    /* users, preferences, following */
    {
        static mb_get_user_by_slug_user u[1];
        static mb_get_user_by_slug_user_threads th[20];
        mb_get_user_by_slug_data d;
        mb_get_user_by_slug_vars v = {"alice"};
        mb_get_user_by_slug_arrays a = {u, 1, 0, th, 20, 0};
        s = mb_get_user_by_slug(&anon, &v, &d, &a);
        explain(&anon, s);
        CHECK(s == MB_OK && d.user.len == 1 && strcmp(u[0].user_id.ptr, ALICE) == 0 && strcmp(u[0].username.ptr, "alice") == 0,
              "getUserBySlug (anonymous)");
        v.slug = "bob";
        s = mb_get_user_by_slug(&alice, &v, &d, &a);
        CHECK(s == MB_OK && d.user.len == 0,
              "getUserBySlug with a user JWT: someone else's profile is not there (a user reads its own row only; the web app asks anonymously)");
    }
    {
        static mb_get_preference_preference p[4];
        mb_get_preference_data d;
        mb_get_preference_vars v = {ALICE};
        mb_get_preference_arrays a = {p, 4, 0};
        mb_update_preference_vars uv;
        mb_update_preference_data ud;
        static mb_update_preference_update_preference_returning ur[4];
        mb_update_preference_arrays ua = {ur, 4, 0};
        s = mb_get_preference(&alice, &v, &d, &a);
        explain(&alice, s);
        if (s == MB_OK && d.preference.len == 0) {
            mb_insert_preference_vars iv;
            mb_insert_preference_data id;
            memset(&iv, 0, sizeof iv);
            iv.user_id = ALICE;
            s = mb_insert_preference(&alice, &iv, &id);
            explain(&alice, s);
            CHECK(s == MB_OK && strcmp(id.insert_preference_one.user_id.ptr, ALICE) == 0, "insertPreference");
        } else {
            CHECK(s == MB_OK, "getPreference");
        }
        /* every value is sent (Hasura would null one left out of _set): read, change one, send back */
        s = mb_get_preference(&alice, &v, &d, &a);
        CHECK(s == MB_OK && d.preference.len == 1, "getPreference before updatePreference");
        if (d.preference.len != 1) {
            printf("%d passed, %d failed\n", pass, fail);
            return 1;
        }
        {
            static char tone[64], cx[64]; /* p[] are views into the client's buffer, which the next call reuses */
            snprintf(tone, sizeof tone, "%s", p[0].preferred_tone.ptr ? p[0].preferred_tone.ptr : "");
            snprintf(cx, sizeof cx, "%s", p[0].preferred_complexity.ptr ? p[0].preferred_complexity.ptr : "");
            memset(&uv, 0, sizeof uv);
            uv.user_id = ALICE;
            uv.preferred_tone = tone;
            uv.preferred_complexity = cx;
            uv.deep_expertise = p[0].deep_expertise;
            uv.web_search = 1;
        }
        uv.preferred_length = "concise";
        uv.preferred_type = "bullet_points";
        s = mb_update_preference(&alice, &uv, &ud, &ua);
        explain(&alice, s);
        CHECK(s == MB_OK && ud.update_preference.affected_rows == 1 && ur[0].web_search == 1 && !ur[0].web_search_null &&
                  strcmp(ur[0].preferred_length.ptr, "concise") == 0 && strcmp(ur[0].preferred_type.ptr, "bullet_points") == 0 &&
                  strcmp(ur[0].preferred_tone.ptr, uv.preferred_tone) == 0 &&
                  strcmp(ur[0].preferred_complexity.ptr, uv.preferred_complexity) == 0 && !ur[0].deep_expertise_null,
              "updatePreference: every value as given (the ones read first kept), none nulled");
        s = mb_get_preference(&alice, &v, &d, &a);
        CHECK(s == MB_OK && d.preference.len >= 1 && p[0].web_search == 1 && strcmp(p[0].preferred_length.ptr, "concise") == 0,
              "getPreference reads it back");
        uv.preferred_length = "detailed";
        uv.preferred_type = "mix";
        uv.web_search = 0;
        mb_update_preference(&alice, &uv, &ud, &ua); /* as the seed has them */
    }
    {
        /* carol has no preference: the web app inserts one with its defaults */
        static mb_get_preference_preference p[4];
        mb_get_preference_data d;
        mb_get_preference_vars v = {CAROL};
        mb_get_preference_arrays a = {p, 4, 0};
        mb_insert_preference_vars iv;
        mb_insert_preference_data id;
        CHECK(admin_run(&admin, "mutation($u:uuid!){deletePreference(where:{userId:{_eq:$u}}){affectedRows}}",
                        "{\"u\":\"" CAROL "\"}"),
              "(setup, admin) carol without a preference");
        memset(&iv, 0, sizeof iv);
        iv.user_id = CAROL;
        s = mb_insert_preference(&carol, &iv, &id);
        explain(&carol, s);
        CHECK(s == MB_OK && id.insert_preference_one.preferred_complexity.ptr &&
                  strcmp(id.insert_preference_one.preferred_complexity.ptr, "general") == 0 &&
                  strcmp(id.insert_preference_one.preferred_length.ptr, "detailed") == 0 &&
                  strcmp(id.insert_preference_one.preferred_tone.ptr, "neutral") == 0 &&
                  strcmp(id.insert_preference_one.preferred_type.ptr, "mix") == 0 && id.insert_preference_one.web_search == 0 &&
                  id.insert_preference_one.deep_expertise == 0,
              "insertPreference with only a userId: the web app's defaults (general, detailed, neutral, mix, no web search)");
        s = mb_get_preference(&carol, &v, &d, &a);
        CHECK(s == MB_OK && d.preference.len == 1, "  ...getPreference finds it");
    }
    {
        mb_follow_chatbot_vars fv = {ALICE, chatbot_id};
        mb_follow_chatbot_data fd;
        mb_unfollow_chatbot_vars uv = {ALICE, chatbot_id};
        mb_unfollow_chatbot_data ud;
        mb_unfollow_chatbot(&alice, &uv, &ud); /* a clean start */
        s = mb_follow_chatbot(&alice, &fv, &fd);
        explain(&alice, s);
        CHECK(s == MB_OK && fd.insert_social_following_one.followee_id_chatbot == chatbot_id &&
                  strcmp(fd.insert_social_following_one.chatbot.name.ptr, chatbot_name) == 0,
              "followChatbot");
        s = mb_follow_chatbot(&alice, &fv, &fd);
        CHECK(s == MB_OK && fd.insert_social_following_one.followee_id_chatbot == chatbot_id,
              "followChatbot again (a retry, a second tap): still following");
        s = mb_unfollow_chatbot(&alice, &uv, &ud);
        CHECK(s == MB_OK && ud.delete_social_following.affected_rows == 1,
              "unfollowChatbot: one follow to remove (following twice made no second row)");
        fv.follower_id = "00000000-0000-4000-a000-000000000002";
        s = mb_follow_chatbot(&alice, &fv, &fd);
        CHECK(s == MB_ERR_GRAPHQL, "following on behalf of someone else is refused");
    }
    {
        mb_delete_thread_vars v = {thread_id, BOB};
        mb_delete_thread_data d;
        s = mb_delete_thread(&bob, &v, &d);
        CHECK(s == MB_OK && d.delete_thread.affected_rows == 0, "deleteThread by another user: nothing deleted");
        v.user_id = CAROL; /* a moderator may delete any thread; deleteThread deletes her own only */
        s = mb_delete_thread(&carol, &v, &d);
        explain(&carol, s);
        CHECK(s == MB_OK && d.delete_thread.affected_rows == 0, "deleteThread by a moderator of someone else's thread: nothing deleted");
        v.user_id = ALICE;
        s = mb_delete_thread(&alice, &v, &d);
        CHECK(s == MB_OK && d.delete_thread.affected_rows == 1, "deleteThread by the owner");
    }
    CHECK(admin_run(&admin, "mutation($n:String!){deleteChatbot(where:{name:{_eq:$n}}){affectedRows}}", "{\"n\":\"" LONELY "\"}"),
          "(cleanup, admin) the chatbot without a category");
    mb_client_close(&anon);
    mb_client_close(&alice);
    mb_client_close(&bob);
    mb_client_close(&carol);
    mb_client_close(&admin);
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
