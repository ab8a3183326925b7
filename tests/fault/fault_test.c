/* Fault injection over recorded exchanges (tests/fault/recordings: the
 * local server's real answers to every Masterbots operation, a GraphQL
 * error, an auth refusal), each also re-encoded chunked (1-byte chunks, and
 * 29-byte chunks with extensions and a trailer). For every exchange:
 *  - the response cut at every byte offset (orderly close, I/O error,
 *    timeout in turn), and the request cut at every byte offset;
 *  - short reads and short writes of many sizes;
 *  - delays under the timeout, a stall over it at each read, an error at
 *    each read, connect failures;
 *  - keep-alive: the server closing the idle connection, or failing the
 *    send, before the second request (one reconnect), or cutting the second
 *    answer (no retry);
 *  - every work-buffer size from too small to enough.
 * Every case must end in the recording's own result (status, HTTP status,
 * body bytes, error fields, and every value the operation's typed decoder
 * reads) or in a clean failure status; never a crash (ASan+UBSan), a hang
 * (the transport counts calls) or other data. After each failure the same
 * client must succeed on a fresh connection. Nothing may touch the heap.
 * Usage: fault_test RECORDINGS_DIR [MAX_RECORDINGS]  (a few under valgrind) */
#define _DEFAULT_SOURCE /* scandir */
#define MB_IMPLEMENTATION
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mb.h"
#include "fault_transport.h"

/* ---- allocation counters (linked with -Wl,--wrap=malloc,...) ---- */
#include "../lib/heap_count.h"

static unsigned long pass, fail, cases;
static const char *cur_name, *cur_variant;

#define EXPECT(cond, ...)                                                              \
    do {                                                                               \
        if (cond) pass++;                                                              \
        else {                                                                         \
            fail++;                                                                    \
            if (fail <= 60) {                                                          \
                printf("FAIL %s (%s): ", cur_name, cur_variant);                       \
                printf(__VA_ARGS__);                                                   \
                printf(" (%s:%d)\n", __FILE__, __LINE__);                              \
            }                                                                          \
        }                                                                              \
    } while (0)

/* ---- the recordings and their chunked twins ---- */
#define MAX_RECS 40
typedef struct rec {
    char name[64];
    char raw[8192];
    size_t len;
    char ch1[32768], ch29[12288];
    size_t ch1_len, ch29_len;
    int op; /* index in ops[], or -1 */
} rec;
static rec recs[MAX_RECS];
static size_t num_recs;

static const char *const op_names[] = {
    "getCategories", "getChatbots", "getChatbot", "getChatbotCount", "getModels", "getThreads", "getBrowseThreads",
    "getThread", "getMessages", "createThread", "saveNewMessage", "updateMessage", "updateThreadVisibility",
    "deleteThread", "getUserBySlug", "getPreference", "insertPreference", "updatePreference", "followChatbot",
    "unfollowChatbot"};
static const mb_op *(*const op_fns[])(void) = {
    mb_get_categories_op, mb_get_chatbots_op, mb_get_chatbot_op, mb_get_chatbot_count_op, mb_get_models_op,
    mb_get_threads_op, mb_get_browse_threads_op, mb_get_thread_op, mb_get_messages_op, mb_create_thread_op,
    mb_save_new_message_op, mb_update_message_op, mb_update_thread_visibility_op, mb_delete_thread_op,
    mb_get_user_by_slug_op, mb_get_preference_op, mb_insert_preference_op, mb_update_preference_op,
    mb_follow_chatbot_op, mb_unfollow_chatbot_op};

/* Same head without Content-Length, plus Transfer-Encoding: chunked; the
 * body in chunks of `size` (odd sizes get an extension and a trailer). */
static size_t rechunk(const rec *r, size_t size, char *out, size_t cap) {
    const char *sep = strstr(r->raw, "\r\n\r\n");
    const char *cl = strstr(r->raw, "Content-Length:");
    size_t head, body, o = 0, i;
    if (!sep || !cl || cl > sep) return 0;
    head = (size_t)(sep - r->raw) + 4;
    body = r->len - head;
    {
        const char *eol = strstr(cl, "\r\n");
        size_t a = (size_t)(cl - r->raw), b = (size_t)(eol + 2 - r->raw);
        o = (size_t)snprintf(out, cap, "%.*sTransfer-Encoding: chunked\r\n%.*s", (int)a, r->raw, (int)(head - b),
                             r->raw + b);
    }
    for (i = 0; i < body; i += size) {
        size_t n = body - i < size ? body - i : size;
        if (o + n + 32 > cap) return 0;
        o += (size_t)snprintf(out + o, cap - o, "%zx%s\r\n", n, size % 2 && size > 1 ? ";x=y" : "");
        memcpy(out + o, r->raw + head + i, n);
        o += n;
        memcpy(out + o, "\r\n", 2);
        o += 2;
    }
    o += (size_t)snprintf(out + o, cap - o, size % 2 && size > 1 ? "0\r\nX-Trailer: 1\r\n\r\n" : "0\r\n\r\n");
    return o;
}

static int load(const char *dir) {
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) return 0;
    for (int i = 0; i < n; i++) {
        const char *fn = names[i]->d_name;
        size_t l = strlen(fn);
        if (l > 5 && strcmp(fn + l - 5, ".http") == 0 && num_recs < MAX_RECS && l < sizeof recs[0].name) {
            rec *r = &recs[num_recs];
            char path[4096];
            FILE *f;
            snprintf(path, sizeof path, "%s/%s", dir, fn);
            f = fopen(path, "rb");
            if (f) {
                r->len = fread(r->raw, 1, sizeof r->raw - 1, f);
                fclose(f);
                memcpy(r->name, fn, l - 5);
                r->op = -1;
                for (size_t k = 0; k < sizeof op_names / sizeof op_names[0]; k++) {
                    const char *dash = strchr(r->name, '-');
                    if (dash && strcmp(dash + 1, op_names[k]) == 0) r->op = (int)k;
                }
                r->ch1_len = rechunk(r, 1, r->ch1, sizeof r->ch1);
                r->ch29_len = rechunk(r, 29, r->ch29, sizeof r->ch29);
                num_recs++;
            }
        }
        free(names[i]);
    }
    free(names);
    return (int)num_recs;
}

/* ---- one exchange and what it gave ---- */
typedef struct outcome {
    mb_status st;
    int http_status;
    size_t body_len;
    char body[8192];
    char msg[512], code[64];
    mb_status typed_st;
    uint64_t digest;
} outcome;

static char work[24 * 1024];
static mb_token toks[2048];

/* FNV-1a over every value the typed decoder produced (not the pointers). */
static uint64_t fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}
static size_t tsize(uint8_t t, const mb_shape *sh) {
    switch (t) {
    case MB_T_STR: case MB_T_JSON: return sizeof(mb_str);
    case MB_T_I32: return 4;
    case MB_T_I64: return 8;
    case MB_T_F64: return sizeof(double);
    case MB_T_BOOL: return sizeof(int);
    case MB_T_NUMERIC: return sizeof(mb_numeric);
    default: return sh ? sh->size : 0;
    }
}
static uint64_t digest_value(uint64_t h, uint8_t t, const mb_shape *sh, const char *p);
static uint64_t digest_object(uint64_t h, const mb_shape *sh, const char *p) {
    for (uint16_t i = 0; i < sh->count; i++) {
        const mb_field *f = &sh->fields[i];
        h = fnv(h, f->name, strlen(f->name));
        if (f->null_offset != MB_NO_NULL_FLAG) h = fnv(h, p + f->null_offset, 1);
        if (f->type == MB_T_ARR) {
            const char *items;
            size_t len, es = tsize(f->elem, f->shape);
            memcpy(&items, p + f->offset, sizeof items);
            memcpy(&len, p + f->offset + sizeof items, sizeof len);
            h = fnv(h, &len, sizeof len);
            for (size_t k = 0; k < len; k++) h = digest_value(h, f->elem, f->shape, items + k * es);
        } else {
            h = digest_value(h, f->type, f->shape, p + f->offset);
        }
    }
    return h;
}
static uint64_t digest_value(uint64_t h, uint8_t t, const mb_shape *sh, const char *p) {
    mb_str v;
    switch (t) {
    case MB_T_STR: case MB_T_JSON:
        memcpy(&v, p, sizeof v);
        h = fnv(h, &v.len, sizeof v.len);
        return v.ptr ? fnv(h, v.ptr, v.len) : fnv(h, "\xff", 1);
    case MB_T_NUMERIC: {
        mb_numeric n;
        memcpy(&n, p, sizeof n);
        return fnv(fnv(h, n.text.ptr, n.text.len), &n.value, sizeof n.value);
    }
    case MB_T_OBJ: return digest_object(h, sh, p);
    default: return fnv(h, p, tsize(t, sh));
    }
}

static union { long double ld; void *vp; uint64_t u; char b[8192]; } tdata;
static union { long double ld; void *vp; uint64_t u; char b[8][32768]; } tpools;

static void typed(const mb_op *op, mb_result *res, outcome *o) {
    mb_pool pools[8];
    for (int i = 0; i < 8; i++) {
        pools[i].base = tpools.b[i];
        pools[i].cap = 32768 / 512; /* every element of these operations fits 512 bytes */
    }
    o->typed_st = mb_typed_decode(res, op->data, tdata.b, pools, 8);
    o->digest = o->typed_st == MB_OK ? digest_object(14695981039346656037ULL, op->data, tdata.b) : 0;
}

static void record(mb_client *c, mb_status st, mb_result *res, const rec *r, outcome *o) {
    memset(o, 0, sizeof *o);
    o->st = st;
    o->http_status = res->http_status;
    if (st == MB_OK || st == MB_ERR_GRAPHQL || st == MB_ERR_AUTH) {
        o->body_len = c->http.body_len < sizeof o->body ? c->http.body_len : sizeof o->body;
        memcpy(o->body, c->http.body, o->body_len);
        snprintf(o->msg, sizeof o->msg, "%.*s", (int)res->error.message.len, res->error.message.ptr);
        snprintf(o->code, sizeof o->code, "%.*s", (int)res->error.code.len, res->error.code.ptr);
        if (r->op >= 0 && st == MB_OK) typed(op_fns[r->op](), res, o);
    }
}

static int same(const outcome *a, const outcome *b) {
    return a->st == b->st && a->http_status == b->http_status && a->body_len == b->body_len &&
           memcmp(a->body, b->body, a->body_len) == 0 && strcmp(a->msg, b->msg) == 0 && strcmp(a->code, b->code) == 0 &&
           a->typed_st == b->typed_st && a->digest == b->digest;
}

static mb_status run_req(mb_client *c, const rec *r, mb_result **res) {
    const mb_op *op = r->op >= 0 ? op_fns[r->op]() : NULL;
    return mb_execute(c, op ? op->query : "query q { a }", op ? op->name : NULL, "{\"k\":\"v\"}", res);
}

static void init_client(mb_client *c, ft *f, size_t buf_size) {
    mb_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = "http://127.0.0.1:8080/v1/graphql";
    cfg.jwt = "test.jwt.token";
    cfg.transport = ft_transport(f);
    cfg.buf = work;
    cfg.buf_size = buf_size;
    cfg.tokens = toks;
    cfg.max_tokens = sizeof toks / sizeof toks[0];
    cfg.timeout_ms = 500;
    cfg.connect_timeout_ms = 700;
    if (mb_client_init(c, &cfg) != MB_OK) {
        printf("client init failed\n");
        exit(2);
    }
}

static ft F;
static mb_str reply[2];
static outcome ref, got;
static size_t req_len, n_reads;

static int clean_status(mb_status s) {
    switch (s) {
    case MB_ERR_TRUNCATED: case MB_ERR_IO: case MB_ERR_TIMEOUT: case MB_ERR_CLOSED: case MB_ERR_CONNECT:
    case MB_ERR_DNS: case MB_ERR_BUFFER: case MB_ERR_HTTP_LIMIT: case MB_ERR_TLS: return 1;
    default: return 0;
    }
}

/* One faulted exchange on conns[0], then a clean one on conns[1]. */
static void fault_case(const rec *r, const ft_conn *c0, mb_status want, const char *what, size_t at) {
    mb_client c;
    mb_result *res;
    mb_status s;
    memset(&F, 0, sizeof F);
    F.conns[0] = *c0;
    F.conns[1] = ft_clean(reply, 1);
    F.num_conns = 2;
    init_client(&c, &F, sizeof work);
    cases++;
    s = run_req(&c, r, &res);
    record(&c, s, res, r, &got);
    if (want == MB_OK) EXPECT(same(&got, &ref), "%s at %zu: %s, not the recording's result", what, at, mb_strerror(s));
    else if (want == MB_STATUS_COUNT_) EXPECT(s != MB_OK && clean_status(s), "%s at %zu: %s", what, at, mb_strerror(s));
    else EXPECT(s == want, "%s at %zu: %s, want %s", what, at, mb_strerror(s), mb_strerror(want));
    EXPECT(F.open == c.connected, "%s at %zu: client and transport disagree on the connection", what, at);
    if (s != MB_OK && s != MB_ERR_GRAPHQL && s != MB_ERR_AUTH)
        EXPECT(!F.open, "%s at %zu: connection left open after %s", what, at, mb_strerror(s));
    EXPECT(F.last_timeout_ms == 500 || F.last_timeout_ms == 700, "%s: timeout %u not passed on", what, F.last_timeout_ms);
    /* the same client recovers on a fresh connection */
    if (s != ref.st || !c.connected) { /* a kept-alive connection would meet conns[0]'s fault again */
        mb_status s2 = run_req(&c, r, &res);
        record(&c, s2, res, r, &got);
        EXPECT(same(&got, &ref), "%s at %zu: no recovery after %s (%s)", what, at, mb_strerror(s), mb_strerror(s2));
    }
    mb_client_close(&c);
}

static void run_variant(const rec *r, const char *raw, size_t len, const char *variant, const outcome *plain) {
    ft_conn k;
    mb_client c;
    mb_result *res;
    mb_status s;
    static const mb_status cuts[] = {MB_ERR_CLOSED, MB_ERR_IO, MB_ERR_TIMEOUT};
    cur_variant = variant;
    reply[0].ptr = raw;
    reply[0].len = len;
    reply[1] = reply[0];
    /* baseline: a clean exchange */
    memset(&F, 0, sizeof F);
    F.conns[0] = ft_clean(reply, 2);
    F.num_conns = 1;
    init_client(&c, &F, sizeof work);
    s = run_req(&c, r, &res);
    record(&c, s, res, r, &ref);
    req_len = F.tx_len;
    n_reads = F.recv_calls;
    cases++;
    EXPECT(s == MB_OK || s == MB_ERR_GRAPHQL || s == MB_ERR_AUTH, "baseline: %s", mb_strerror(s));
    EXPECT(r->op < 0 || s != MB_OK || ref.typed_st == MB_OK, "baseline typed decode: %s", mb_strerror(ref.typed_st));
    if (plain) EXPECT(same(&ref, plain), "chunked answer decodes differently from the plain one");
    /* keep-alive: the second request on the same connection, same result */
    s = run_req(&c, r, &res);
    record(&c, s, res, r, &got);
    cases++;
    EXPECT(same(&got, &ref) && F.connects == 1, "keep-alive second request: %s, %u connects", mb_strerror(s), F.connects);
    mb_client_close(&c);

    /* the response cut at every byte */
    for (size_t at = 0; at < len; at++) {
        k = ft_clean(reply, 1);
        k.cut_rx = at;
        k.cut_status = cuts[at % 3];
        fault_case(r, &k, at == 0 && k.cut_status == MB_ERR_CLOSED ? MB_ERR_TRUNCATED : MB_STATUS_COUNT_, "response cut",
                   at);
    }
    /* the request cut at every byte */
    for (size_t at = 0; at < req_len; at++) {
        k = ft_clean(reply, 1);
        k.cut_tx = at;
        k.cut_status = cuts[at % 3];
        fault_case(r, &k, k.cut_status == MB_ERR_CLOSED ? MB_ERR_TRUNCATED : k.cut_status, "request cut", at);
    }
    /* short reads and writes */
    {
        static const size_t reads[] = {1, 2, 3, 5, 8, 13, 64, 1000}, writes[] = {0, 1, 3, 64};
        for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++)
            for (size_t j = 0; j < sizeof writes / sizeof writes[0]; j++) {
                k = ft_clean(reply, 1);
                k.max_read = reads[i];
                k.max_write = writes[j];
                fault_case(r, &k, MB_OK, "short reads/writes", reads[i] * 10000 + writes[j]);
            }
    }
    /* delays: under the timeout on every read (3-byte reads), over it at each read */
    k = ft_clean(reply, 1);
    k.max_read = 3;
    k.delay_ms = 499;
    fault_case(r, &k, MB_OK, "499 ms before every read", 0);
    for (size_t at = 0; at < n_reads + 1; at++) {
        k = ft_clean(reply, 1);
        k.delay_ms = 500;
        k.slow_at = at;
        fault_case(r, &k, at < n_reads ? MB_ERR_TIMEOUT : MB_OK, "stall at read", at);
    }
    /* an error at each read */
    for (size_t at = 0; at < n_reads + 1; at++) {
        k = ft_clean(reply, 1);
        k.recv_error_at = at;
        k.recv_error = at % 2 ? MB_ERR_TLS : MB_ERR_IO;
        fault_case(r, &k, at < n_reads ? k.recv_error : MB_OK, "error at read", at);
    }
    /* connect failures */
    {
        static const mb_status cs[] = {MB_ERR_CONNECT, MB_ERR_DNS, MB_ERR_TIMEOUT};
        for (size_t i = 0; i < 3; i++) {
            k = ft_clean(reply, 1);
            k.connect_status = cs[i];
            fault_case(r, &k, cs[i], "connect fails", i);
        }
    }
    /* keep-alive faults on the second request */
    {
        ft_conn k0 = ft_clean(reply, 1); /* the server then closes the idle connection */
        memset(&F, 0, sizeof F);
        F.conns[0] = k0;
        F.conns[1] = ft_clean(reply, 1);
        F.num_conns = 2;
        init_client(&c, &F, sizeof work);
        run_req(&c, r, &res);
        s = run_req(&c, r, &res);
        record(&c, s, res, r, &got);
        cases++;
        EXPECT(same(&got, &ref) && F.connects == 2, "idle close: %s, %u connects", mb_strerror(s), F.connects);
        mb_client_close(&c);

        k0 = ft_clean(reply, 2); /* the send of the second request fails */
        k0.cut_tx = req_len;
        k0.cut_status = MB_ERR_IO;
        memset(&F, 0, sizeof F);
        F.conns[0] = k0;
        F.conns[1] = ft_clean(reply, 1);
        F.num_conns = 2;
        init_client(&c, &F, sizeof work);
        run_req(&c, r, &res);
        s = run_req(&c, r, &res);
        record(&c, s, res, r, &got);
        cases++;
        EXPECT(same(&got, &ref) && F.connects == 2, "send fails on reuse: %s, %u connects", mb_strerror(s), F.connects);
        mb_client_close(&c);

        for (size_t at = 1; at < len; at += 1 + at / 8) { /* the second answer cut: no retry */
            k0 = ft_clean(reply, 2);
            k0.cut_rx = len + at;
            k0.cut_status = MB_ERR_CLOSED;
            memset(&F, 0, sizeof F);
            F.conns[0] = k0;
            F.conns[1] = ft_clean(reply, 1);
            F.num_conns = 2;
            init_client(&c, &F, sizeof work);
            run_req(&c, r, &res);
            s = run_req(&c, r, &res);
            cases++;
            EXPECT(s == MB_ERR_TRUNCATED && F.connects == 1, "second answer cut at %zu: %s, %u connects", at,
                   mb_strerror(s), F.connects);
            mb_client_close(&c);
        }
    }
    /* every work-buffer size: too small is MB_ERR_BUFFER/limit, enough is the same result */
    for (size_t size = 256; size <= req_len + len + 64; size += 1 + size / 64) {
        memset(&F, 0, sizeof F);
        F.conns[0] = ft_clean(reply, 1);
        F.num_conns = 1;
        init_client(&c, &F, size);
        s = run_req(&c, r, &res);
        record(&c, s, res, r, &got);
        cases++;
        if (s == MB_OK || s == MB_ERR_GRAPHQL || s == MB_ERR_AUTH)
            EXPECT(same(&got, &ref), "buffer of %zu: %s with other data", size, mb_strerror(s));
        else
            EXPECT(s == MB_ERR_BUFFER || s == MB_ERR_HTTP_LIMIT, "buffer of %zu: %s", size, mb_strerror(s));
        if (size >= req_len + len) EXPECT(s == ref.st, "buffer of %zu holds it all: %s", size, mb_strerror(s));
        mb_client_close(&c);
    }
}

int main(int argc, char **argv) {
    static outcome plain;
    unsigned long heap_before;
    if (argc != 2 && argc != 3) {
        printf("usage: fault_test RECORDINGS_DIR [MAX_RECORDINGS]\n");
        return 2;
    }
    if (load(argv[1]) == 0) {
        printf("fault_test: no recordings in %s\n0 passed, 1 failed\n", argv[1]);
        return 1;
    }
    if (argc == 3 && (size_t)atoi(argv[2]) < num_recs) num_recs = (size_t)atoi(argv[2]);
    heap_before = heap_calls;
    for (size_t i = 0; i < num_recs; i++) {
        rec *r = &recs[i];
        unsigned long f0 = fail, c0 = cases;
        cur_name = r->name;
        run_variant(r, r->raw, r->len, "plain", NULL);
        plain = ref;
        EXPECT(r->ch1_len && r->ch29_len, "the recording could not be re-encoded chunked");
        if (r->ch1_len) run_variant(r, r->ch1, r->ch1_len, "chunked 1", &plain);
        if (r->ch29_len) run_variant(r, r->ch29, r->ch29_len, "chunked 29", &plain);
        printf("%s %s: %lu fault cases (%s)\n", fail == f0 ? "PASS" : "FAIL", r->name, cases - c0,
               mb_strerror(plain.st));
    }
    cur_name = "all";
    cur_variant = "heap";
    EXPECT(heap_calls == heap_before, "%lu heap calls during the fault cases", heap_calls - heap_before);
    printf("%zu recordings, %lu fault cases, %lu checks; heap calls during the cases: %lu\n", num_recs, cases,
           pass + fail, heap_calls - heap_before);
    printf("%lu passed, %lu failed\n", pass, fail);
    return fail ? 1 : 0;
}
