/* Realistic Masterbots answers, generated: what the local server returns for
 * getChatbots (n chatbots with categories and metadata), getMessages (n
 * chat messages: markdown with escapes and non-ASCII text) and getThreads
 * (n threads, each with its chatbot and its first two messages, plus the
 * aggregate). Deterministic, so every run decodes the same bytes. */
#ifndef BENCH_BODIES_H
#define BENCH_BODIES_H
#include <stdio.h>
#include <string.h>

typedef struct { char *p; size_t n, cap; } bench_buf;

static void bb_put(bench_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void bb_put(bench_buf *b, const char *fmt, ...) {
    va_list ap;
    int k;
    va_start(ap, fmt);
    k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= b->cap - b->n) { fprintf(stderr, "bench: body buffer too small\n"); exit(3); }
    b->n += (size_t)k;
}

static void bb_uuid(bench_buf *b, unsigned a, unsigned c) {
    bb_put(b, "\"%08x-%04x-4%03x-a%03x-%012x\"", a * 2654435761u, c & 0xffff, a & 0xfff, c & 0xfff, a * 40503u + c);
}
static void bb_time(bench_buf *b, unsigned i) {
    bb_put(b, "\"2026-%02u-%02uT%02u:%02u:%02u.%06u+00:00\"", 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i * 7) % 60, i * 1031u % 1000000u);
}

/* the text of message i: a few markdown paragraphs, quotes, a code span,
 * newlines and non-ASCII characters, as the assistant writes them */
static void bb_content(bench_buf *b, unsigned i) {
    static const char *const para[] = {
        "Here is a plan for your week:\\n\\n1. **Monday**: 30 minutes of cardio \\u2014 keep your heart rate at 60-70%.\\n",
        "2. *Tuesday*: strength training; rest 90 s between sets.\\n3. Drink water: at least 2 litres a day.\\n",
        "You asked \\\"why\\\": because recovery is when muscles grow. Caf\\u00e9 latte counts as fluid, too.\\n",
        "```js\\nconst total = items.reduce((a, b) => a + b.price, 0);\\n```\\nThis sums the prices in one pass.\\n",
        "R\\u00e9sum\\u00e9: invest early, diversify, and keep fees below 0.5% \\u2014 compounding does the rest.\\n",
    };
    unsigned k = 1 + i % 4, j;
    bb_put(b, "\"");
    for (j = 0; j < k; j++) bb_put(b, "%s", para[(i + j) % 5]);
    bb_put(b, "\"");
}

static void body_chatbots(bench_buf *b, unsigned n) {
    unsigned i;
    b->n = 0;
    bb_put(b, "{\"data\":{\"chatbot\":[");
    for (i = 0; i < n; i++) {
        bb_put(b, "%s{\"chatbotId\":%u,\"name\":\"Bot%u\",\"description\":\"Expert in topic %u: answers questions, "
                  "explains \\\"why\\\", cites sources \\u2014 and more.\",\"avatar\":%s,\"isPro\":%s,\"disabled\":false,"
                  "\"order\":%u,\"categories\":[{\"categoryId\":%u,\"category\":{\"name\":\"Category %u\"}},"
                  "{\"categoryId\":%u,\"category\":{\"name\":\"Category %u\"}}],\"metadata\":[{\"domainName\":\"domain-%u\"}]}",
               i ? "," : "", i + 1, i + 1, i, i % 3 ? "null" : "\"https://robohash.org/x.png\"", i % 2 ? "true" : "false",
               i, i % 7 + 1, i % 7 + 1, i % 5 + 1, i % 5 + 1, i % 4);
    }
    bb_put(b, "]}}");
}

static void bb_message(bench_buf *b, unsigned i, int full) {
    bb_put(b, "{\"messageId\":");
    bb_uuid(b, i, 7);
    if (full) { bb_put(b, ",\"threadId\":"); bb_uuid(b, 1, 3); }
    bb_put(b, ",\"role\":\"%s\",\"content\":", i % 2 ? "assistant" : "user");
    bb_content(b, i);
    if (full) bb_put(b, ",\"slug\":\"message-%u\"", i);
    bb_put(b, ",\"createdAt\":");
    bb_time(b, i);
    if (full)
        bb_put(b, ",\"model\":\"%s\",\"examples\":null,\"thinking\":%s}", i % 3 ? "OPENAI" : "ANTHROPIC",
               i % 4 == 1 ? "\"The user wants a schedule; keep it short.\"" : "null");
    else
        bb_put(b, "}");
}

static void body_messages(bench_buf *b, unsigned n) {
    unsigned i;
    b->n = 0;
    bb_put(b, "{\"data\":{\"message\":[");
    for (i = 0; i < n; i++) {
        if (i) bb_put(b, ",");
        bb_message(b, i, 1);
    }
    bb_put(b, "]}}");
}

static void body_threads(bench_buf *b, unsigned n) {
    unsigned i;
    b->n = 0;
    bb_put(b, "{\"data\":{\"thread\":[");
    for (i = 0; i < n; i++) {
        bb_put(b, "%s{\"threadId\":", i ? "," : "");
        bb_uuid(b, i, 1);
        bb_put(b, ",\"slug\":\"thread-%u-plan\",\"isPublic\":%s,\"isApproved\":%s,\"createdAt\":", i, i % 2 ? "true" : "false",
               i % 3 ? "true" : "null");
        bb_time(b, i);
        bb_put(b, ",\"updatedAt\":");
        bb_time(b, i + 5);
        bb_put(b, ",\"userId\":\"00000000-0000-4000-a000-00000000000%u\",\"chatbot\":{\"chatbotId\":%u,\"name\":\"Bot%u\"},"
                  "\"messages\":[", 1 + i % 3, 1 + i % 9, 1 + i % 9);
        bb_message(b, 2 * i, 0);
        bb_put(b, ",");
        bb_message(b, 2 * i + 1, 0);
        bb_put(b, "]}");
    }
    bb_put(b, "],\"threadAggregate\":{\"aggregate\":{\"count\":%u}}}}", n);
}
#endif
