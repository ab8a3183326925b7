/* Decoding realistic Masterbots answers three ways, each side in the same
 * process (callgrind counts each function separately, the wall clock times
 * them interleaved):
 *   bench_jsmn   bare jsmn tokenization, as mb configures it (the floor)
 *   bench_mb     mb_gql_decode (envelope) + the generated typed decoder
 *   bench_cjson  cJSON_ParseWithLength + extracting the same fields + delete
 * Usage: decode cg OP REPS         for callgrind --toggle-collect=bench_*
 *        decode wall OP REPS       prints nanoseconds per decode
 *        decode scale BYTES REPS   getMessages sized to about BYTES (callgrind)
 *        decode size OP            prints the body's size
 * OP: chatbots (20 chatbots), messages (100 messages), threads (20 threads).
 * The body is copied afresh before each decode (mb unescapes in place); the
 * copy is outside the measured functions. */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>
#include "mb.h"
#include "bodies.h"

#define MAX_BODY (1536 * 1024)
#define MAX_TOK 131072
static char body[MAX_BODY], work[MAX_BODY];
static bench_buf bb = {body, 0, sizeof body};
static mb_token toks[MAX_TOK];
static jsmntok_t raw[MAX_TOK];
static enum { CHATBOTS, MESSAGES, THREADS } op;
static volatile long sink;

static mb_chatbot_list_item bots[64];
static mb_chatbot_list_item_categories cats[256];
static mb_chatbot_list_item_metadata meta[128];
static mb_get_messages_message msgs[8192];
static mb_own_thread threads[64];
static mb_own_thread_messages tmsgs[256];

__attribute__((noinline)) long bench_jsmn(char *s, size_t n);
__attribute__((noinline)) long bench_mb(char *s, size_t n);
__attribute__((noinline)) long bench_cjson(char *s, size_t n);

long bench_jsmn(char *s, size_t n) {
    jsmn_parser p;
    jsmn_init(&p);
    return jsmn_parse(&p, s, n, raw, MAX_TOK);
}

long bench_mb(char *s, size_t n) {
    mb_result res;
    long k = 0;
    if (mb_gql_decode(&res, s, n, toks, MAX_TOK) != MB_OK) exit(4);
    if (op == CHATBOTS) {
        mb_get_chatbots_data d;
        mb_get_chatbots_arrays a = {bots, 64, 0, cats, 256, 0, meta, 128, 0};
        if (mb_get_chatbots_decode(&res, &d, &a) != MB_OK) exit(5);
        k = (long)d.chatbot.len + bots[d.chatbot.len - 1].chatbot_id + (long)bots[0].description.len;
    } else if (op == MESSAGES) {
        mb_get_messages_data d;
        mb_get_messages_arrays a = {msgs, 8192, 0};
        if (mb_get_messages_decode(&res, &d, &a) != MB_OK) exit(5);
        k = (long)d.message.len + (long)msgs[d.message.len - 1].content.len;
    } else {
        mb_get_threads_data d;
        mb_get_threads_arrays a = {threads, 64, 0, tmsgs, 256, 0};
        if (mb_get_threads_decode(&res, &d, &a) != MB_OK) exit(5);
        k = (long)d.thread.len + d.thread_aggregate.aggregate.count + (long)tmsgs[0].content.len;
    }
    return k;
}

/* cJSON: what an application does with it, field by field */
static long cj_str(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? (long)strlen(v->valuestring) : 0;
}
static long cj_int(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}
static long cj_bool(const cJSON *o, const char *k) { return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, k)); }

long bench_cjson(char *s, size_t n) {
    cJSON *root = cJSON_ParseWithLength(s, n), *data, *arr, *e, *x, *y;
    long k = 0;
    if (!root) exit(6);
    data = cJSON_GetObjectItemCaseSensitive(root, "data");
    if (op == CHATBOTS) {
        arr = cJSON_GetObjectItemCaseSensitive(data, "chatbot");
        cJSON_ArrayForEach(e, arr) {
            k += cj_int(e, "chatbotId") + cj_str(e, "name") + cj_str(e, "description") + cj_str(e, "avatar") +
                 cj_bool(e, "isPro") + cj_bool(e, "disabled") + cj_int(e, "order");
            cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "categories"))
                k += cj_int(x, "categoryId") + cj_str(cJSON_GetObjectItemCaseSensitive(x, "category"), "name");
            cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "metadata")) k += cj_str(x, "domainName");
        }
    } else if (op == MESSAGES) {
        arr = cJSON_GetObjectItemCaseSensitive(data, "message");
        cJSON_ArrayForEach(e, arr)
            k += cj_str(e, "messageId") + cj_str(e, "threadId") + cj_str(e, "role") + cj_str(e, "content") +
                 cj_str(e, "slug") + cj_str(e, "createdAt") + cj_str(e, "model") + cj_str(e, "examples") +
                 cj_str(e, "thinking");
    } else {
        arr = cJSON_GetObjectItemCaseSensitive(data, "thread");
        cJSON_ArrayForEach(e, arr) {
            k += cj_str(e, "threadId") + cj_str(e, "slug") + cj_bool(e, "isPublic") + cj_bool(e, "isApproved") +
                 cj_str(e, "createdAt") + cj_str(e, "updatedAt") + cj_str(e, "userId");
            y = cJSON_GetObjectItemCaseSensitive(e, "chatbot");
            k += cj_int(y, "chatbotId") + cj_str(y, "name");
            cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "messages"))
                k += cj_str(x, "messageId") + cj_str(x, "role") + cj_str(x, "content") + cj_str(x, "createdAt");
        }
        y = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(data, "threadAggregate"), "aggregate");
        k += cj_int(y, "count");
    }
    cJSON_Delete(root);
    return k;
}

static long (*const decoders[3])(char *, size_t) = {bench_jsmn, bench_mb, bench_cjson};
static const char *const decoder_names[3] = {"jsmn", "mb", "cjson"};

static long run(int d) {
    memcpy(work, body, bb.n);
    return decoders[d](work, bb.n);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void usage(void) {
    fprintf(stderr, "usage: decode cg|wall OP REPS | decode scale BYTES REPS | decode size OP  (OP: chatbots, messages, threads)\n");
    exit(2);
}

static void make(const char *name) {
    if (strcmp(name, "chatbots") == 0) { op = CHATBOTS; body_chatbots(&bb, 20); }
    else if (strcmp(name, "messages") == 0) { op = MESSAGES; body_messages(&bb, 100); }
    else if (strcmp(name, "threads") == 0) { op = THREADS; body_threads(&bb, 20); }
    else usage();
}

int main(int argc, char **argv) {
    int reps, r, d;
    if (argc < 3) usage();
    if (strcmp(argv[1], "size") == 0) {
        make(argv[2]);
        printf("%zu\n", bb.n);
        return 0;
    }
    if (argc != 4 || (reps = atoi(argv[3])) <= 0) usage();
    if (strcmp(argv[1], "scale") == 0) {
        /* getMessages grown message by message until it reaches BYTES */
        size_t want = (size_t)atol(argv[2]);
        unsigned n = 1;
        op = MESSAGES;
        if (want < 256 || want > MAX_BODY - 4096) usage();
        for (body_messages(&bb, n); bb.n < want; body_messages(&bb, ++n)) {}
        if (n > 8192) usage();
        for (r = 0; r < reps; r++) for (d = 0; d < 3; d++) sink += run(d);
        printf("scale: %zu bytes, %u messages\n", bb.n, n);
        return 0;
    }
    make(argv[2]);
    if (strcmp(argv[1], "cg") == 0) {
        for (r = 0; r < reps; r++) for (d = 0; d < 3; d++) sink += run(d);
        printf("%s: %zu bytes, %d repeats of each decoder\n", argv[2], bb.n, reps);
    } else if (strcmp(argv[1], "wall") == 0) {
        /* rounds of reps decodes per decoder, interleaved; best round */
        double best[3] = {1e30, 1e30, 1e30};
        for (int round = 0; round < 101; round++)
            for (d = 0; d < 3; d++) {
                double t0 = now_ns(), t;
                for (r = 0; r < reps; r++) sink += run(d);
                t = (now_ns() - t0) / reps;
                if (t < best[d]) best[d] = t;
            }
        for (d = 0; d < 3; d++) printf("%s %.0f\n", decoder_names[d], best[d]);
    } else {
        usage();
    }
    return 0;
}
