/* Linked with -Wl,--wrap=malloc,... : any allocation from the library lands
 * in the counters below. Runs requests (success, chunked, errors, auth
 * refresh, debug logging) and standalone parsing, then reports. */
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include "mb.h"
#include "platform/mb_script.h"

#include "../lib/heap_count.h"

static unsigned long log_lines;
static void on_log(void *u, mb_log_level l, const char *m, size_t n) { (void)u; (void)l; (void)m; (void)n; log_lines++; }
static mb_status refresh(void *u, const char **jwt) { (void)u; *jwt = "new.jwt.token"; return MB_OK; }

#define R(s) {s, sizeof(s) - 1}
int main(void) {
    static char work[4096];
    static mb_token toks[128];
    static const mb_str replies[] = {
        R("HTTP/1.1 200 OK\r\nContent-Length: 37\r\n\r\n{\"data\":{\"a\":[1,2.5,\"x\\u00e9\",null]}}"),
        R("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"dat\r\n6\r\na\":{}}\r\n0\r\n\r\n"),
        R("HTTP/1.1 200 OK\r\nContent-Length: 106\r\n\r\n{\"errors\":[{\"extensions\":{\"code\":\"invalid-jwt\",\"path\":\"$\"},\"message\":\"Could not verify JWT: JWTExpired\"}]}"),
        R("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"data\":{}}"),
        R("HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\noops"),
    };
    static const mb_script_conn conns[] = {{replies, 5, MB_ERR_CLOSED, MB_OK, MB_OK}};
    mb_script s = {0};
    mb_config cfg = {0};
    mb_client c;
    mb_result *res;
    mb_writer *w;
    mb_json d;
    int t, i;
    double dv;
    char out[32];
    unsigned long before = heap_calls;
    s.conns = conns;
    s.num_conns = 1;
    s.max_read = 3;
    cfg.url = "http://localhost:8080/v1/graphql";
    cfg.jwt = "old.jwt.token";
    cfg.transport = mb_script_transport(&s);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = toks;
    cfg.max_tokens = 128;
    cfg.debug = 1;
    cfg.log = on_log;
    cfg.refresh = refresh;
    if (mb_client_init(&c, &cfg) != MB_OK) return 2;
    w = mb_request(&c, "query Q($s: String) { a }", "Q");
    mb_w_key(w, "s");
    mb_w_string(w, "h\xc3\xa9 \"quoted\"");
    mb_w_key(w, "d");
    mb_w_double(w, 0.1);
    if (mb_send(&c, &res) != MB_OK) return 3;
    if (mb_json_find(&res->doc, res->data, "a[1]", &t) != MB_OK || mb_json_get_double(&res->doc, t, &dv) != MB_OK) return 4;
    if (mb_json_find(&res->doc, res->data, "a[2]", &t) != MB_OK || mb_json_unescape(&res->doc, t, out, sizeof out, NULL) != MB_OK) return 5;
    if (mb_execute(&c, "{ a }", NULL, "{\"x\":[true]}", &res) != MB_OK) return 6;
    /* invalid-jwt, the refresh hook, and the retry */
    if (mb_execute(&c, "{ a }", NULL, NULL, &res) != MB_OK) return 9;
    if (mb_execute(&c, "{ a }", NULL, NULL, &res) != MB_ERR_HTTP_STATUS) return 7;
    if (mb_json_parse(&d, "[1,{\"k\":\"v\"}]", 13, toks, 128) != MB_OK) return 8;
    {   /* the outbox: push and a flush that cannot connect */
        static unsigned char ring[1024];
        const mb_op *ops[1];
        mb_outbox_config oc = {0};
        mb_outbox box;
        mb_save_new_message_vars v = {0};
        size_t sent;
        ops[0] = mb_save_new_message_op();
        oc.buf = ring;
        oc.cap = sizeof ring;
        oc.ops = ops;
        oc.num_ops = 1;
        v.message_id = v.thread_id = v.slug = "00000000-0000-4000-8000-000000000001";
        v.role = "user";
        v.content = "queued";
        if (mb_outbox_init(&box, &oc, 0) != MB_OK || mb_save_new_message_queued(&box, &v) != MB_OK) return 10;
        if (mb_outbox_flush(&box, &c, 0, &sent) == MB_OK) return 11; /* the script has no more replies */
    }
    for (i = mb_json_first(&d, 0); i >= 0; i = mb_json_next(&d, i)) {}
    (void)mb_strerror(MB_ERR_AUTH);
    {
        unsigned long n = heap_calls - before;
        printf("%lu allocation calls from the library; %lu log lines; %u requests\n", n, log_lines, c.requests);
        return n == 0 && log_lines > 0 && c.requests >= 5 ? 0 : 1;
    }
}
