/* Every response body recorded in Hasura's fixtures (extracted by
 * tests/fixtures/extract.mjs) goes through the whole client — HTTP framing,
 * JSON, envelope — and the first error's code, message and path must come
 * out exactly as recorded. */
#include <stdlib.h>
#include "t.h"
#include "platform/mb_script.h"

static size_t slurp(const char *dir, const char *id, const char *ext, char *dst, size_t cap) {
    char path[512];
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/%s.%s", dir, id, ext);
    f = fopen(path, "rb");
    if (!f) return (size_t)-1;
    n = fread(dst, 1, cap - 1, f);
    dst[n] = '\0';
    fclose(f);
    return n;
}

void test_fixtures(const char *dir) {
    static char body[65536], resp[70000], work[160000], msg[4096], code[256], path[1024], line[1024];
    static mb_token toks[8192];
    char idx[512];
    FILE *f;
    int cases = 0;
    snprintf(idx, sizeof idx, "%s/index.tsv", dir);
    f = fopen(idx, "r");
    t_case = "fixture index";
    CHECK(f != NULL);
    if (!f) return;
    while (fgets(line, sizeof line, f)) {
        char *id = strtok(line, "\t"), *kind = strtok(NULL, "\t"), *src = strtok(NULL, "\n");
        size_t blen, n;
        mb_str parts[1];
        mb_script_conn conn;
        mb_script s;
        mb_client c;
        mb_config cfg;
        mb_result *res;
        mb_status want, got;
        if (!id || !kind || !src) continue;
        t_case = src;
        blen = slurp(dir, id, "json", body, sizeof body);
        CHECK(blen != (size_t)-1);
        if (blen == (size_t)-1) continue;
        slurp(dir, id, "msg", msg, sizeof msg);
        slurp(dir, id, "code", code, sizeof code);
        slurp(dir, id, "path", path, sizeof path);
        /* alternate the framing: Content-Length, or chunks of 100 bytes */
        if (cases % 2 == 0) {
            n = (size_t)snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                                                    "Content-Length: %zu\r\n\r\n%s", blen, body);
        } else {
            n = (size_t)snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (size_t off = 0; off < blen; off += 100) {
                size_t k = blen - off < 100 ? blen - off : 100;
                n += (size_t)snprintf(resp + n, sizeof resp - n, "%zx\r\n%.*s\r\n", k, (int)k, body + off);
            }
            n += (size_t)snprintf(resp + n, sizeof resp - n, "0\r\n\r\n");
        }
        parts[0].ptr = resp;
        parts[0].len = n;
        memset(&conn, 0, sizeof conn);
        conn.replies = parts;
        conn.num_replies = 1;
        memset(&s, 0, sizeof s);
        s.conns = &conn;
        s.num_conns = 1;
        s.max_read = 7; /* odd-sized reads cross every boundary */
        memset(&cfg, 0, sizeof cfg);
        cfg.url = "http://localhost:8080/v1/graphql";
        cfg.transport = mb_script_transport(&s);
        cfg.buf = work;
        cfg.buf_size = sizeof work;
        cfg.tokens = toks;
        cfg.max_tokens = sizeof toks / sizeof toks[0];
        CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
        got = mb_execute(&c, "query { x }", NULL, NULL, &res);
        want = strcmp(kind, "ok") == 0 ? MB_OK
             : strcmp(kind, "auth") == 0 ? MB_ERR_AUTH
             : strcmp(kind, "graphql") == 0 ? MB_ERR_GRAPHQL : MB_ERR_NO_DATA;
        CHECK_ST(got, want);
        if (want == MB_ERR_GRAPHQL || want == MB_ERR_AUTH) {
            const mb_error *e = mb_last_error(&c);
            CHECK(res->num_errors >= 1);
            CHECK(e->code.len == strlen(code) && memcmp(e->code.ptr, code, e->code.len) == 0);
            CHECK(e->message.len == strlen(msg) && memcmp(e->message.ptr, msg, e->message.len) == 0);
            CHECK(e->path.len == strlen(path) && memcmp(e->path.ptr, path, e->path.len) == 0);
            if (e->message.len != strlen(msg)) printf("  got message [%s]\n  want [%s]\n", e->message.ptr, msg);
        } else if (want == MB_OK) {
            CHECK(res->data >= 0 && res->doc.tok[res->data].type == JSMN_OBJECT);
            CHECK(res->num_errors == 0);
        }
        cases++;
    }
    fclose(f);
    t_case = "fixture count";
    CHECK(cases >= 100);
    printf("fixtures: %d recorded response bodies decoded\n", cases);
}
