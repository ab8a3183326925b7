/* libFuzzer harness for the generated typed decoders: byte 0 picks one of
 * the 20 Masterbots operations, byte 1 the capacity of its arrays; the rest
 * is a response body, decoded with mb_gql_decode and then with the
 * operation's generated mb_<op>_decode (arrays struct filled from pools).
 *
 * Properties checked beyond the sanitizers, by walking the decoded struct
 * with the operation's own shape tables:
 *  - every string is NUL-terminated UTF-8 inside the response buffer, every
 *    JSON/numeric view inside it;
 *  - every array points into its own pool, within the capacity given;
 *  - pools: used <= cap, needed >= used, and MB_ERR_CAPACITY exactly when a
 *    pool needed more than it had (on an otherwise clean decode);
 *  - the status is one of the documented ones.
 *   clang -fsanitize=fuzzer,address,undefined -I. tests/fuzz/fuzz_typed.c */
#define MB_IMPLEMENTATION
#include <stddef.h>
#include "mb.h"
#include "fuzz_common.h"

#define MAX_POOLS 8
#define POOL_BYTES (64 * 1024)

/* One adapter per operation: the generated decode with its arrays struct,
 * which is a run of {T *items; size_t cap, needed;} triples. */
typedef struct triple {
    void *items;
    size_t cap, needed;
} triple;

#define DEC3(n)                                                                                 \
    static mb_status dec_##n(mb_result *r, void *out, triple *t, size_t k) {                   \
        mb_##n##_arrays a;                                                                      \
        mb_status s;                                                                            \
        if (sizeof a != k * sizeof(triple)) FUZZ_FAIL("arrays struct is not a run of triples"); \
        memcpy(&a, t, sizeof a);                                                                \
        s = mb_##n##_decode(r, (mb_##n##_data *)out, &a);                                       \
        memcpy(t, &a, sizeof a);                                                                \
        return s;                                                                               \
    }
#define DEC2(n)                                                                   \
    static mb_status dec_##n(mb_result *r, void *out, triple *t, size_t k) {     \
        (void)t;                                                                  \
        if (k != 0) FUZZ_FAIL("an operation without arrays has pools");          \
        return mb_##n##_decode(r, (mb_##n##_data *)out);                          \
    }
DEC3(get_categories)
DEC3(get_chatbots)
DEC3(get_chatbot)
DEC2(get_chatbot_count)
DEC3(get_models)
DEC3(get_threads)
DEC3(get_browse_threads)
DEC3(get_thread)
DEC3(get_messages)
DEC2(create_thread)
DEC2(save_new_message)
DEC3(update_message)
DEC3(update_thread_visibility)
DEC2(delete_thread)
DEC3(get_user_by_slug)
DEC3(get_preference)
DEC2(insert_preference)
DEC3(update_preference)
DEC2(follow_chatbot)
DEC2(unfollow_chatbot)
DEC3(get_chatbots_by_category)
DEC3(get_threads_by_chatbot)
DEC3(get_browse_threads_by_chatbot)
DEC3(get_browse_threads_by_category)
DEC3(get_browse_threads_by_user)
DEC2(save_new_message_at)

typedef struct opdef {
    const mb_op *(*op)(void);
    mb_status (*dec)(mb_result *, void *, triple *, size_t);
} opdef;
#define OP(n) {mb_##n##_op, dec_##n}
static const opdef ops[] = {
    OP(get_categories), OP(get_chatbots), OP(get_chatbot), OP(get_chatbot_count), OP(get_models),
    OP(get_threads), OP(get_browse_threads), OP(get_thread), OP(get_messages), OP(create_thread),
    OP(save_new_message), OP(update_message), OP(update_thread_visibility), OP(delete_thread),
    OP(get_user_by_slug), OP(get_preference), OP(insert_preference), OP(update_preference),
    OP(follow_chatbot), OP(unfollow_chatbot),
    /* the filtered variants, after the 20 the seeds number */
    OP(get_chatbots_by_category), OP(get_threads_by_chatbot), OP(get_browse_threads_by_chatbot),
    OP(get_browse_threads_by_category), OP(get_browse_threads_by_user), OP(save_new_message_at),
};

static union { long double ld; void *vp; uint64_t u; char b[16384]; } out;
static union { long double ld; void *vp; uint64_t u; char b[POOL_BYTES]; } pool_mem[MAX_POOLS];
static size_t esz[MAX_POOLS];
static size_t npools;
static char body[1 << 16];
static mb_token toks[4096];
static const char *lo, *hi; /* the response buffer */

static size_t type_size(uint8_t type, const mb_shape *sh) {
    switch (type) {
    case MB_T_STR: case MB_T_JSON: return sizeof(mb_str);
    case MB_T_I32: return sizeof(int32_t);
    case MB_T_I64: return sizeof(int64_t);
    case MB_T_F64: return sizeof(double);
    case MB_T_BOOL: return sizeof(int);
    case MB_T_NUMERIC: return sizeof(mb_numeric);
    default: return sh ? sh->size : 0;
    }
}

/* Element size of every pool, from the shape tables. A field's pool index
 * counts from base, the first pool of its subtree (src/typed.h). */
static void pools_of(const mb_shape *sh, size_t base) {
    for (uint16_t i = 0; i < sh->count; i++) {
        const mb_field *f = &sh->fields[i];
        size_t at = base + f->pool;
        if (f->type == MB_T_ARR) {
            if (at >= MAX_POOLS) FUZZ_FAIL("too many pools for the harness");
            esz[at] = type_size(f->elem, f->shape);
            if (at + 1u > npools) npools = at + 1u;
        }
        if (f->shape) pools_of(f->shape, at + (f->type == MB_T_ARR));
    }
}

static void check_view(mb_str v, int nul) {
    if (!v.ptr) {
        if (v.len) FUZZ_FAIL("NULL view with a length");
        return;
    }
    if (v.ptr < lo || v.ptr + v.len > hi) FUZZ_FAIL("view outside the response buffer");
    if (nul && (v.ptr + v.len >= hi || v.ptr[v.len] != '\0')) FUZZ_FAIL("string not NUL-terminated");
    if (nul && !mb_utf8_valid(v.ptr, v.len)) FUZZ_FAIL("string is not UTF-8");
}

static void walk_value(uint8_t type, const mb_shape *sh, const char *p, size_t base);

static void walk_object(const mb_shape *sh, const char *p, size_t base) {
    for (uint16_t i = 0; i < sh->count; i++) {
        const mb_field *f = &sh->fields[i];
        const char *m = p + f->offset;
        if (f->offset + type_size(f->type == MB_T_ARR ? MB_T_JSON : f->type, f->shape) > sh->size)
            FUZZ_FAIL("field outside its struct");
        if (f->type == MB_T_ARR) {
            void *items;
            size_t len;
            size_t at = base + f->pool;
            const char *mem = pool_mem[at].b;
            memcpy(&items, m, sizeof items);
            memcpy(&len, m + sizeof items, sizeof len);
            if (!len) {
                if (items) FUZZ_FAIL("empty array with items");
                continue;
            }
            if ((const char *)items < mem || (const char *)items + len * esz[at] > mem + POOL_BYTES)
                FUZZ_FAIL("array outside its pool");
            for (size_t k = 0; k < len; k++) walk_value(f->elem, f->shape, (const char *)items + k * esz[at], at + 1);
        } else {
            walk_value(f->type, f->shape, m, base + f->pool);
        }
    }
}

static void walk_value(uint8_t type, const mb_shape *sh, const char *p, size_t base) {
    mb_str v;
    switch (type) {
    case MB_T_STR: memcpy(&v, p, sizeof v); check_view(v, 1); break;
    case MB_T_JSON: memcpy(&v, p, sizeof v); check_view(v, 0); break;
    case MB_T_NUMERIC: {
        mb_numeric n;
        memcpy(&n, p, sizeof n);
        check_view(n.text, 0);
        break;
    }
    case MB_T_BOOL: {
        int b;
        memcpy(&b, p, sizeof b);
        if (b != 0 && b != 1) FUZZ_FAIL("bool is neither 0 nor 1");
        break;
    }
    case MB_T_OBJ: walk_object(sh, p, base); break;
    default: break;
    }
}

static void check_after(const mb_result *rp, mb_status s, const mb_shape *sh, const triple *t);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const size_t caps[] = {0, 1, 3, 1000};
    const opdef *od;
    const mb_shape *sh;
    triple t[MAX_POOLS];
    mb_result r;
    mb_status s, sg;
    if (size < 2 || size >= sizeof body) return 0;
    od = &ops[data[0] % (sizeof ops / sizeof ops[0])];
    sh = od->op()->data;
    if (sh->size > sizeof out.b) FUZZ_FAIL("result struct larger than the harness's");
    npools = 0;
    memset(esz, 0, sizeof esz);
    pools_of(sh, 0);
    for (size_t i = 0; i < npools; i++) {
        size_t cap = caps[(data[1] >> (2 * (i % 4))) & 3u];
        if (!esz[i]) FUZZ_FAIL("pool without an element size");
        if (cap > POOL_BYTES / esz[i]) cap = POOL_BYTES / esz[i];
        t[i].items = pool_mem[i].b;
        t[i].cap = cap;
        t[i].needed = 12345; /* must be overwritten */
    }
    /* The body and the tokens get exactly the memory they need, so that
     * AddressSanitizer sees any read past the document or its tokens. */
    memcpy(body, data + 2, size - 2);
    sg = mb_gql_decode(&r, body, size - 2, toks, sizeof toks / sizeof toks[0]);
    {
        size_t nt = r.doc.count > 0 ? (size_t)r.doc.count : 1;
        char *b = (char *)malloc(size - 2 + 1);
        mb_token *tk = (mb_token *)malloc(nt * sizeof *tk);
        if (!b || !tk) abort();
        memcpy(b, data + 2, size - 2);
        b[size - 2] = '\0';
        lo = b;
        hi = b + size - 2 + 1;
        sg = mb_gql_decode(&r, b, size - 2, tk, nt);
        s = od->dec(&r, out.b, t, npools);
        check_after(&r, s, sh, t);
        free(tk);
        free(b);
    }
    (void)sg;
    return 0;
}

static void check_after(const mb_result *rp, mb_status s, const mb_shape *sh, const triple *t) {
    mb_result r = *rp;
    int over = 0;
    switch (s) {
    case MB_OK: case MB_ERR_CAPACITY:
        walk_object(sh, out.b, 0);
        break;
    case MB_ERR_NO_DATA:
        if (r.data >= 0) FUZZ_FAIL("MB_ERR_NO_DATA with data");
        break;
    case MB_ERR_TYPE: case MB_ERR_UTF8: case MB_ERR_JSON: case MB_ERR_RANGE: break;
    default: FUZZ_FAILF("unexpected status %d (%s)", (int)s, mb_strerror(s));
    }
    if (r.data < 0 && s != MB_ERR_NO_DATA) FUZZ_FAIL("decoded without data");
    for (size_t i = 0; i < npools; i++) {
        if (s == MB_ERR_NO_DATA) break;
        if (t[i].needed == 12345) FUZZ_FAIL("needed not filled in");
        if (t[i].needed > t[i].cap) over = 1;
    }
    if (s == MB_OK && over) FUZZ_FAIL("MB_OK although a pool was too small");
    if (s == MB_ERR_CAPACITY && !over) FUZZ_FAIL("MB_ERR_CAPACITY with every pool large enough");
}
