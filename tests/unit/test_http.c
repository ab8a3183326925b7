/* The incremental HTTP/1.1 response parser. */
#include "t.h"

#define BODY "{\"data\":{\"category\":[{\"name\":\"Health\"}]}}"

static const char resp_len[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Type: application/json; charset=utf-8\r\n"
                               "content-length: 41\r\n"
                               "\r\n" BODY;

static const char resp_chunked[] = "HTTP/1.1 200 OK\r\n"
                                   "Transfer-Encoding: chunked\r\n"
                                   "X-Request-Id: 1\r\n"
                                   "\r\n"
                                   "a;name=value\r\n{\"data\":{\"\r\n"
                                   "1E\r\ncategory\":[{\"name\":\"Health\"}]}\r\n"
                                   "1\r\n}\r\n"
                                   "0\r\nX-Trailer: t\r\n\r\n";

static const char resp_continue[] = "HTTP/1.1 100 Continue\r\n\r\n"
                                    "HTTP/1.1 102 Processing\r\nX: y\r\n\r\n"
                                    "HTTP/1.1 200 OK\nContent-Length: 41\n\n" BODY; /* bare LF lines too */

static char buf[4096];

/* Feeds `len` bytes in pieces: first `split` bytes, then the rest in
 * pieces of at most `step`. Returns the final status. */
static mb_status feed(mb_http_response *r, const char *src, size_t len, size_t split, size_t step, size_t cap) {
    size_t off = 0;
    mb_status s = MB_PENDING;
    mb_http_response_init(r, buf, cap);
    while (off < len && s == MB_PENDING) {
        char *dst;
        size_t room, n = off == 0 && split ? split : step;
        mb_status sp = mb_http_response_space(r, &dst, &room);
        if (sp != MB_OK) return sp;
        if (n > len - off) n = len - off;
        if (n > room) n = room;
        memcpy(dst, src + off, n);
        off += n;
        s = mb_http_response_feed(r, n);
    }
    return s;
}

static int body_is(const mb_http_response *r, const char *want) {
    return r->body_len == strlen(want) && memcmp(r->body, want, r->body_len) == 0;
}

static void every_split(const char *name, const char *resp, size_t len) {
    mb_http_response r;
    int ok = 1;
    t_case = name;
    for (size_t split = 1; split < len; split++) {
        mb_status s = feed(&r, resp, len, split, len, sizeof buf);
        if (s != MB_OK || r.status != 200 || !body_is(&r, BODY) || !mb_http_keep_alive(&r)) {
            ok = 0;
            printf("  split at %zu: %s\n", split, mb_strerror(s));
            break;
        }
    }
    CHECK(ok);
    CHECK_ST(feed(&r, resp, len, 0, 1, sizeof buf), MB_OK); /* one byte at a time */
    CHECK(body_is(&r, BODY));
    CHECK_ST(feed(&r, resp, len, 0, 3, sizeof buf), MB_OK);
    CHECK(body_is(&r, BODY));
}

static void good(void) {
    mb_http_response r;
    mb_str v;
    every_split("content-length, split anywhere", resp_len, sizeof resp_len - 1);
    every_split("chunked, split anywhere", resp_chunked, sizeof resp_chunked - 1);
    every_split("1xx skipped, split anywhere", resp_continue, sizeof resp_continue - 1);

    t_case = "headers";
    CHECK_ST(feed(&r, resp_len, sizeof resp_len - 1, 0, 64, sizeof buf), MB_OK);
    CHECK_ST(mb_http_header(&r, "Content-Type", &v), MB_OK);
    CHECK_STR(v, "application/json; charset=utf-8");
    CHECK_ST(mb_http_header(&r, "CONTENT-LENGTH", &v), MB_OK);
    CHECK_STR(v, "41");
    CHECK_ST(mb_http_header(&r, "x-missing", &v), MB_ERR_NOT_FOUND);

    t_case = "chunked body fits a buffer just big enough";
    {
        /* head 64 bytes, decoded body 41: chunk framing is reclaimed as it is read */
        size_t cap = 64 + 41 + 20;
        CHECK_ST(feed(&r, resp_chunked, sizeof resp_chunked - 1, 0, 1, cap), MB_OK);
        CHECK(body_is(&r, BODY));
    }

    t_case = "Connection: close and HTTP/1.0";
    {
        static const char c1[] = "HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 2\r\n\r\n{}";
        static const char c2[] = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        CHECK_ST(feed(&r, c1, sizeof c1 - 1, 0, 100, sizeof buf), MB_OK);
        CHECK(!mb_http_keep_alive(&r));
        CHECK_ST(feed(&r, c2, sizeof c2 - 1, 0, 100, sizeof buf), MB_OK);
        CHECK(!mb_http_keep_alive(&r));
    }
    t_case = "body delimited by close";
    {
        static const char c[] = "HTTP/1.1 200 OK\r\n\r\n{\"data\":1}";
        CHECK_ST(feed(&r, c, sizeof c - 1, 0, 5, sizeof buf), MB_PENDING);
        CHECK_ST(mb_http_response_eof(&r), MB_OK);
        CHECK(body_is(&r, "{\"data\":1}") && !mb_http_keep_alive(&r));
    }
    t_case = "101 with upgrade asked: complete, next protocol's bytes kept";
    {
        static const char c[] = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x02hi";
        mb_http_response_init(&r, buf, sizeof buf);
        r.upgrade = 1;
        memcpy(buf, c, sizeof c - 1);
        CHECK_ST(mb_http_response_feed(&r, sizeof c - 1), MB_OK);
        CHECK(r.status == 101 && r.head_len == sizeof c - 1 - 4 && r.fill == sizeof c - 1 && !mb_http_keep_alive(&r));
        CHECK(memcmp(buf + r.head_len, "\x81\x02hi", 4) == 0);
    }
    t_case = "204 has no body";
    {
        static const char c[] = "HTTP/1.1 204 No Content\r\n\r\n";
        CHECK_ST(feed(&r, c, sizeof c - 1, 0, 100, sizeof buf), MB_OK);
        CHECK(r.body_len == 0 && mb_http_keep_alive(&r));
    }
    t_case = "bytes after the response forbid reuse";
    {
        static const char c[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}junk";
        CHECK_ST(feed(&r, c, sizeof c - 1, 0, 100, sizeof buf), MB_OK);
        CHECK(body_is(&r, "{}") && !mb_http_keep_alive(&r));
    }
    t_case = "error statuses parse";
    {
        static const char c[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\n\r\nbusy!";
        CHECK_ST(feed(&r, c, sizeof c - 1, 0, 7, sizeof buf), MB_OK);
        CHECK(r.status == 503 && body_is(&r, "busy!"));
    }
}

static void bad(void) {
    static const struct {
        const char *name, *text;
        mb_status want;
    } cases[] = {
        {"garbage", "SSH-2.0-OpenSSH\r\n\r\n", MB_ERR_HTTP},
        {"TLS answer on a plain port", "\x16\x03\x03\x01\x02", MB_ERR_HTTP},
        {"not HTTP, no line end yet", "<html>", MB_ERR_HTTP},
        {"bad status", "HTTP/1.1 2x0 OK\r\n\r\n", MB_ERR_HTTP},
        {"HTTP/2 preface", "HTTP/2 200\r\n\r\n", MB_ERR_HTTP},
        {"status with a non-digit", "HTTP/1.1 9#9 OK\r\n\r\n", MB_ERR_HTTP},
        {"version with a non-digit", "HTTP/1.# 200 OK\r\n\r\n", MB_ERR_HTTP},
        {"status below 100", "HTTP/1.1 099 OK\r\n\r\n", MB_ERR_HTTP},
        {"status without its space", "HTTP/1.1 200OK\r\n\r\n", MB_ERR_HTTP},
        {"bare CR after the status", "HTTP/1.1 200\rX\r\n\r\n", MB_ERR_HTTP},
        {"header without colon", "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", MB_ERR_HTTP},
        {"obsolete folding", "HTTP/1.1 200 OK\r\nA: b\r\n  folded\r\n\r\n", MB_ERR_HTTP},
        {"bad content-length", "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", MB_ERR_HTTP},
        {"negative content-length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", MB_ERR_HTTP},
        {"conflicting content-length", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
         MB_ERR_HTTP},
        {"content-length overflow", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
         MB_ERR_HTTP_LIMIT},
        {"body larger than the buffer", "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", MB_ERR_BUFFER},
        {"unknown transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", MB_ERR_HTTP},
        {"chunk size wraps", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff1\r\n",
         MB_ERR_HTTP_LIMIT},
        {"chunk size 2^64", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n",
         MB_ERR_HTTP_LIMIT},
        {"chunk bigger than the buffer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n",
         MB_ERR_BUFFER},
        {"chunk size not hex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", MB_ERR_HTTP},
        {"chunk longer than its size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
         MB_ERR_HTTP},
        {"101 without upgrade", "HTTP/1.1 101 Switching Protocols\r\n\r\n", MB_ERR_HTTP},
    };
    mb_http_response r;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strlen(cases[i].text);
        t_case = cases[i].name;
        CHECK_ST(feed(&r, cases[i].text, len, 0, len, sizeof buf), cases[i].want);
        CHECK_ST(feed(&r, cases[i].text, len, 0, 1, sizeof buf), cases[i].want);
    }

    t_case = "too many headers";
    {
        static char big[8192];
        size_t n = 0;
        n += (size_t)snprintf(big + n, sizeof big - n, "HTTP/1.1 200 OK\r\n");
        for (int i = 0; i <= MB_HTTP_MAX_HEADERS; i++) n += (size_t)snprintf(big + n, sizeof big - n, "X-%d: v\r\n", i);
        n += (size_t)snprintf(big + n, sizeof big - n, "\r\n");
        CHECK_ST(feed(&r, big, n, 0, n, sizeof buf), MB_ERR_HTTP_LIMIT);
    }
    t_case = "header line too long";
    {
        static char big[MB_HTTP_MAX_LINE + 64];
        size_t n = (size_t)snprintf(big, sizeof big, "HTTP/1.1 200 OK\r\nX: ");
        memset(big + n, 'a', MB_HTTP_MAX_LINE);
        n += MB_HTTP_MAX_LINE;
        /* refused before the line even ends */
        mb_http_response_init(&r, big, sizeof big);
        r.fill = 0;
        CHECK_ST(mb_http_response_feed(&r, n), MB_ERR_HTTP_LIMIT);
    }
    t_case = "head larger than the buffer";
    {
        static const char c[] = "HTTP/1.1 200 OK\r\nX-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
        CHECK_ST(feed(&r, c, sizeof c - 1, 0, 4, 32), MB_ERR_HTTP_LIMIT);
    }
    t_case = "truncated";
    {
        static const char *const cut[] = {
            "HTTP/1.1 200 OK\r\nContent-Le",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"da",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n",
        };
        for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
            size_t len = strlen(cut[i]);
            CHECK_ST(feed(&r, cut[i], len, 0, 2, sizeof buf), MB_PENDING);
            CHECK_ST(mb_http_response_eof(&r), MB_ERR_TRUNCATED);
        }
        mb_http_response_init(&r, buf, sizeof buf);
        CHECK_ST(mb_http_response_eof(&r), MB_ERR_CLOSED); /* nothing at all arrived */
    }
}

void test_http(void) {
    good();
    bad();
}
