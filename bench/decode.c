/* Decoding a getChatbots answer of 20 chatbots, three ways, for callgrind:
 *   bench/decode MODE REPEAT
 *   MODE 0: baseline (copy the body only), 1: bare jsmn tokenization (the
 *   floor), 2: mb_gql_decode + the generated typed decoder, 3: mb_gql_decode
 *   + one mb_json_find path lookup per field.
 * Each repeat copies the body afresh (decoders unescape in place), so the
 * baseline is subtracted from the others. */
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"

static char body[64 * 1024], work[64 * 1024];
static size_t body_len;
static mb_token toks[4096];
static jsmntok_t raw_toks[4096];

static void make_body(void) {
    size_t n = 0;
    n += (size_t)snprintf(body + n, sizeof body - n, "{\"data\":{\"chatbot\":[");
    for (int i = 0; i < 20; i++) {
        n += (size_t)snprintf(body + n, sizeof body - n,
                              "%s{\"chatbotId\":%d,\"name\":\"Bot%d\",\"description\":\"Expert in topic %d: answers "
                              "questions, explains \\\"why\\\", cites sources \\u2014 and more.\",\"avatar\":%s,"
                              "\"isPro\":%s,\"disabled\":false,\"order\":%d,\"categories\":[{\"categoryId\":%d,"
                              "\"category\":{\"name\":\"Category %d\"}},{\"categoryId\":%d,\"category\":{\"name\":"
                              "\"Category %d\"}}],\"metadata\":[{\"domainName\":\"domain-%d\"}]}",
                              i ? "," : "", i + 1, i + 1, i, i % 3 ? "null" : "\"https://robohash.org/x.png\"",
                              i % 2 ? "true" : "false", i, i % 7 + 1, i % 7 + 1, i % 5 + 1, i % 5 + 1, i % 4);
    }
    n += (size_t)snprintf(body + n, sizeof body - n, "]}}");
    body_len = n;
}

static const char *const fields[] = {"chatbotId", "name", "description", "avatar", "isPro", "disabled", "order"};

int main(int argc, char **argv) {
    int mode = argc > 1 ? atoi(argv[1]) : 0, reps = argc > 2 ? atoi(argv[2]) : 100;
    long sink = 0;
    make_body();
    for (int r = 0; r < reps; r++) {
        memcpy(work, body, body_len);
        if (mode == 1) {
            jsmn_parser p;
            jsmn_init(&p);
            sink += jsmn_parse(&p, work, body_len, raw_toks, 4096);
        } else if (mode == 2) {
            static mb_get_chatbots_chatbot bots[20];
            static mb_get_chatbots_chatbot_categories cats[64];
            static mb_get_chatbots_chatbot_metadata meta[32];
            mb_get_chatbots_arrays a = {bots, 20, 0, cats, 64, 0, meta, 32, 0};
            mb_get_chatbots_data d;
            mb_result res;
            if (mb_gql_decode(&res, work, body_len, toks, 4096) != MB_OK || mb_get_chatbots_decode(&res, &d, &a) != MB_OK) return 1;
            sink += (long)d.chatbot.len + bots[19].chatbot_id + (long)bots[19].name.len;
        } else if (mode == 3) {
            mb_result res;
            char path[96];
            if (mb_gql_decode(&res, work, body_len, toks, 4096) != MB_OK) return 1;
            for (int i = 0; i < 20; i++) {
                int t;
                int32_t v;
                mb_str s;
                for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
                    snprintf(path, sizeof path, "chatbot[%d].%s", i, fields[f]);
                    if (mb_json_find(&res.doc, res.data, path, &t) != MB_OK) return 2;
                    if (f == 0 || f == 6) { if (mb_json_get_i32(&res.doc, t, &v) == MB_OK) sink += v; }
                    else if (mb_json_get_str(&res.doc, t, &s) == MB_OK) sink += (long)s.len;
                }
                for (int c = 0; c < 2; c++) {
                    snprintf(path, sizeof path, "chatbot[%d].categories[%d].categoryId", i, c);
                    if (mb_json_find(&res.doc, res.data, path, &t) == MB_OK && mb_json_get_i32(&res.doc, t, &v) == MB_OK) sink += v;
                    snprintf(path, sizeof path, "chatbot[%d].categories[%d].category.name", i, c);
                    if (mb_json_find(&res.doc, res.data, path, &t) == MB_OK && mb_json_get_str(&res.doc, t, &s) == MB_OK) sink += (long)s.len;
                }
                snprintf(path, sizeof path, "chatbot[%d].metadata[0].domainName", i);
                if (mb_json_find(&res.doc, res.data, path, &t) == MB_OK && mb_json_get_str(&res.doc, t, &s) == MB_OK) sink += (long)s.len;
            }
        }
    }
    printf("mode %d: %d repeats, %zu-byte body, checksum %ld\n", mode, reps, body_len, sink);
    return 0;
}
