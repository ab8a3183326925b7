/* libFuzzer harness for the GraphQL envelope and error decoding
 * (mb_gql_decode), alone and behind the whole client: byte 0 picks the
 * token array size and the mode; in client mode the rest is the server's
 * raw HTTP answer, delivered by the scripted transport a few bytes at a
 * time, to a request sent with mb_execute.
 *
 * Properties checked beyond the sanitizers:
 *  - the status agrees with the result: MB_OK has data and no errors,
 *    MB_ERR_GRAPHQL/MB_ERR_AUTH have errors, MB_ERR_AUTH iff the first
 *    error's code is one of Hasura's auth codes;
 *  - the error fields are NUL-terminated UTF-8 inside the body (they are
 *    unescaped in place), and data names a token of the document;
 *  - the client ends every exchange (the script is finite) with a status
 *    from the documented set.
 *   clang -fsanitize=fuzzer,address,undefined -I. tests/fuzz/fuzz_gql.c */
#define MB_IMPLEMENTATION
#include "mb.h"
#include "platform/mb_script.h"
#include "fuzz_common.h"

static char work[1 << 16];
static mb_token toks[2048];

static void check_field(mb_str v, const char *lo, const char *hi) {
    if (!v.ptr) FUZZ_FAIL("error field with a NULL pointer");
    if (v.len == 0) return;
    if (v.ptr < lo || v.ptr + v.len >= hi) FUZZ_FAIL("error field outside the body");
    if (v.ptr[v.len] != '\0') FUZZ_FAIL("error field not NUL-terminated");
    if (!mb_utf8_valid(v.ptr, v.len)) FUZZ_FAIL("error field is not UTF-8");
}

static void check_result(const mb_result *r, mb_status s, const char *lo, const char *hi) {
    switch (s) {
    case MB_OK:
        if (r->data < 0 || r->num_errors != 0) FUZZ_FAIL("MB_OK without data or with errors");
        break;
    case MB_ERR_GRAPHQL:
    case MB_ERR_AUTH:
        if (r->num_errors <= 0) FUZZ_FAIL("error status without errors");
        if ((s == MB_ERR_AUTH) != mb_gql_is_auth_code(r->error.code)) FUZZ_FAIL("auth status and code disagree");
        break;
    case MB_ERR_NO_DATA:
        if (r->data >= 0 || r->num_errors != 0) FUZZ_FAIL("MB_ERR_NO_DATA with data or errors");
        break;
    case MB_ERR_TOKENS: case MB_ERR_JSON: case MB_ERR_TYPE: case MB_ERR_UTF8: break;
    default: FUZZ_FAILF("unexpected decode status %d (%s)", (int)s, mb_strerror(s));
    }
    if (r->data >= r->doc.count) FUZZ_FAIL("data token outside the document");
    check_field(r->error.message, lo, hi);
    check_field(r->error.code, lo, hi);
    check_field(r->error.path, lo, hi);
}

/* The body gets exactly its bytes, so AddressSanitizer sees a read past it. */
static void decode_only(const uint8_t *data, size_t size, size_t max_tokens) {
    mb_result r;
    mb_status s;
    char *b = (char *)malloc(size ? size : 1);
    if (!b) abort();
    memcpy(b, data, size);
    s = mb_gql_decode(&r, b, size, toks, max_tokens);
    check_result(&r, s, b, b + size);
    free(b);
}

/* The debug log sees request and response heads line by line (through the
 * redaction) and the bodies: every byte it is given must be readable (ASan
 * checks the sum's reads) and no line longer than the work buffer. */
static size_t log_bytes;
static void on_log(void *user, mb_log_level lvl, const char *msg, size_t len) {
    (void)user;
    if (lvl != MB_LOG_DEBUG && lvl != MB_LOG_INFO) FUZZ_FAIL("log level");
    if (len > sizeof work) FUZZ_FAIL("log line longer than the buffer");
    for (size_t i = 0; i < len; i++) log_bytes += (unsigned char)msg[i];
}

static void through_client(const uint8_t *data, size_t size, size_t max_tokens, size_t max_read) {
    mb_str reply;
    mb_script_conn conn;
    mb_script sc;
    mb_config cfg;
    mb_client c;
    mb_result *res;
    mb_status s;
    reply.ptr = (const char *)data;
    reply.len = size;
    memset(&conn, 0, sizeof conn);
    conn.replies = &reply;
    conn.num_replies = 1;
    memset(&sc, 0, sizeof sc);
    sc.conns = &conn;
    sc.num_conns = 1;
    sc.max_read = max_read;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = "http://127.0.0.1:8080/v1/graphql";
    cfg.transport = mb_script_transport(&sc);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = max_tokens;
    cfg.debug = 1;
    cfg.log = on_log;
    cfg.jwt = "header.payload.signature";
    if (mb_client_init(&c, &cfg) != MB_OK) FUZZ_FAIL("client init");
    for (int round = 0; round < 2; round++) { /* the second reuses a kept-alive connection or finds none */
        s = mb_execute(&c, "query q($x: String) { a }", "q", "{\"x\":\"y\"}", &res);
        switch (s) {
        case MB_OK: case MB_ERR_GRAPHQL: case MB_ERR_AUTH: case MB_ERR_NO_DATA:
            check_result(res, s, work, work + sizeof work);
            break;
        case MB_ERR_HTTP_STATUS: case MB_ERR_TOKENS: case MB_ERR_JSON: case MB_ERR_TYPE: case MB_ERR_UTF8:
        case MB_ERR_HTTP: case MB_ERR_HTTP_LIMIT: case MB_ERR_BUFFER: case MB_ERR_TRUNCATED: case MB_ERR_CONNECT:
            break;
        default: FUZZ_FAILF("unexpected client status %d (%s)", (int)s, mb_strerror(s));
        }
    }
    mb_client_close(&c);
    if (sc.open) FUZZ_FAIL("connection left open");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const size_t ntok[] = {4, 16, 256, 2048};
    size_t max_tokens;
    if (size < 1 || size > sizeof work) return 0;
    max_tokens = ntok[data[0] & 3u];
    if (data[0] & 4u) through_client(data + 1, size - 1, max_tokens, (size_t)(data[0] >> 3) & 7u);
    else decode_only(data + 1, size - 1, max_tokens);
    return 0;
}
