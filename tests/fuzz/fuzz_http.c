/* libFuzzer harness for the HTTP response parser (status line, headers,
 * Content-Length, chunked bodies decoded in place, 1xx, upgrade, close-
 * delimited bodies). The first input byte picks the buffer size, the piece
 * size and the upgrade flag; the rest is what the server sends.
 *
 * Properties checked beyond the sanitizers:
 *  - every view the parser gives (body, head, header values) lies inside
 *    the bytes received;
 *  - the result does not depend on how the stream is split: fed whole and
 *    fed in pieces, the same input ends in the same success/failure, with
 *    the same status, body bytes and keep-alive answer;
 *  - a Content-Length body has exactly that length.
 *   clang -fsanitize=fuzzer,address,undefined -I. tests/fuzz/fuzz_http.c */
#define MB_IMPLEMENTATION
#include "mb.h"
#include "fuzz_common.h"

typedef struct outcome {
    mb_status st;
    int status, keep, all; /* all: every input byte reached the parser */
    size_t body_len, head_len;
    char *body;
} outcome;

static void check_views(const mb_http_response *r, const char *buf, size_t cap) {
    static const char *const names[] = {"content-length", "transfer-encoding", "connection", "x-missing", "date"};
    if (r->head_len > r->fill || r->fill > cap) FUZZ_FAIL("head or fill outside the buffer");
    if (r->body < buf || r->body + r->body_len > buf + r->fill) FUZZ_FAIL("body outside the received bytes");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        mb_str v;
        if (mb_http_header(r, names[i], &v) == MB_OK &&
            (v.ptr < buf || v.ptr + v.len > buf + r->head_len))
            FUZZ_FAIL("header value outside the head");
    }
}

/* Feeds data[0..n) in pieces of `piece` bytes (0: as much as fits). */
static outcome run(const uint8_t *data, size_t n, char *buf, size_t cap, size_t piece, int upgrade) {
    mb_http_response r;
    outcome o;
    size_t off = 0;
    mb_http_response_init(&r, buf, cap);
    r.upgrade = (uint8_t)upgrade;
    o.st = MB_PENDING;
    while (off < n) {
        char *dst;
        size_t room, k;
        mb_status s = mb_http_response_space(&r, &dst, &room);
        if (s != MB_OK) {
            if (o.st == MB_PENDING) o.st = s;
            break;
        }
        k = n - off < room ? n - off : room;
        if (piece && k > piece) k = piece;
        memcpy(dst, data + off, k);
        off += k;
        s = mb_http_response_feed(&r, k);
        if (o.st == MB_PENDING) o.st = s;
        else if (s != MB_OK) FUZZ_FAIL("feeding after completion failed");
        if (s != MB_OK && s != MB_PENDING) break;
    }
    if (o.st == MB_PENDING) o.st = mb_http_response_eof(&r);
    else if (o.st == MB_OK && mb_http_response_eof(&r) != MB_OK) FUZZ_FAIL("eof after completion failed");
    if (o.st == MB_OK) {
        mb_str cl;
        check_views(&r, buf, cap);
        if (r.status < 100 || r.status > 999) FUZZ_FAIL("status out of range");
        if (r.status != 101 && mb_http_header(&r, "transfer-encoding", &cl) != MB_OK &&
            mb_http_header(&r, "content-length", &cl) == MB_OK && r.status != 204 && r.status != 304) {
            uint64_t want = 0;
            for (size_t i = 0; i < cl.len; i++) want = want * 10u + (uint64_t)(cl.ptr[i] - '0');
            if (want != r.body_len) FUZZ_FAIL("body length differs from Content-Length");
        }
    }
    o.all = off == n;
    o.status = r.status;
    o.keep = mb_http_keep_alive(&r);
    o.body = r.body;
    o.body_len = r.body_len;
    o.head_len = r.head_len;
    return o;
}

static char whole_buf[1 << 16], piece_buf[1 << 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const size_t caps[] = {64, 300, 4096, sizeof whole_buf};
    size_t cap, piece;
    int upgrade;
    outcome a, b;
    if (size < 1 || size > sizeof whole_buf) return 0;
    cap = caps[data[0] & 3u];
    piece = (size_t)((data[0] >> 2) & 7u); /* 0: all at once, else 1..7 bytes */
    upgrade = (data[0] >> 5) & 1;
    data++;
    size--;
    a = run(data, size, whole_buf, cap, 0, upgrade);
    b = run(data, size, piece_buf, cap, piece ? piece : 1, upgrade);
    /* Splitting the stream must not change the answer. Error codes may
     * differ (a limit noticed while waiting vs. on a whole line), success
     * may not. */
    if ((a.st == MB_OK) != (b.st == MB_OK)) FUZZ_FAILF("split changes success: whole %d, pieces %d", a.st, b.st);
    if (a.st == MB_OK) {
        if (a.status != b.status || a.body_len != b.body_len || a.head_len != b.head_len)
            FUZZ_FAIL("split changes the response");
        /* bytes after a response count against reuse only once received
         * (chunk framing freed room when fed in pieces) */
        if (a.all && b.all && a.keep != b.keep) FUZZ_FAIL("split changes keep-alive");
        if (a.body_len && memcmp(a.body, b.body, a.body_len) != 0) FUZZ_FAIL("split changes the body bytes");
    }
    return 0;
}
