/* The outbox over the scripted transport: order, persistence, full queue,
 * permanent and transient failures, backoff. */
#include "t.h"
#include "platform/mb_script.h"

#define MK(s) {s, sizeof(s) - 1}
#define OK_RESP "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{\"data\":{\"insertMessageOne\":{\"x\":true}}}"
#define DUP_RESP "HTTP/1.1 200 OK\r\nContent-Length: 34\r\n\r\n{\"data\":{\"insertMessageOne\":null}}"
#define DENIED "HTTP/1.1 200 OK\r\nContent-Length: 137\r\n\r\n{\"errors\":[{\"message\":\"check constraint of an insert/update permission has failed\",\"extensions\":{\"path\":\"$\",\"code\":\"permission-error\"}}]}"
#define DBERR "HTTP/1.1 200 OK\r\nContent-Length: 93\r\n\r\n{\"errors\":[{\"message\":\"database query error\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}]}"

static unsigned char saved[4096];
static size_t saved_len;
static int saves, fail_save, failures;
static char failed_code[64];

static mb_status save(void *u, const unsigned char *d, size_t n) {
    (void)u;
    saves++;
    if (fail_save) return MB_ERR_IO;
    memcpy(saved, d, n);
    saved_len = n;
    return MB_OK;
}
static void on_failed(void *u, const char *name, mb_status s, const mb_error *e) {
    (void)u;
    (void)name;
    (void)s;
    failures++;
    snprintf(failed_code, sizeof failed_code, "%s", e ? e->code.ptr : "(none)");
}

static void vars(mb_save_new_message_vars *v, const char *id, const char *content) {
    memset(v, 0, sizeof *v);
    v->message_id = id;
    v->thread_id = "00000000-0000-4000-b000-000000000001";
    v->role = "user";
    v->content = content;
    v->slug = id;
}

static size_t find(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0) return i;
    return (size_t)-1;
}

void test_outbox(void) {
    static unsigned char ring[2048];
    static char work[8192], tx[16384];
    static mb_token toks[128];
    const mb_op *ops[] = {mb_save_new_message_op(), mb_create_thread_op()};
    mb_outbox_config oc;
    mb_outbox box;
    mb_save_new_message_vars v;
    mb_script s;
    mb_client c;
    mb_config cfg;
    size_t sent;
    static const char *const ids[] = {"00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b",
                                      "00000000-0000-4000-8000-00000000000c"};
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 2;
    oc.save = save;
    oc.on_failed = on_failed;

    t_case = "outbox: push keeps a copy and saves";
    CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
    for (int i = 0; i < 3; i++) {
        char content[32];
        snprintf(content, sizeof content, "message %d", i); /* caller memory that goes away */
        vars(&v, ids[i], content);
        CHECK_ST(mb_save_new_message_queued(&box, &v), MB_OK);
    }
    CHECK(mb_outbox_count(&box) == 3 && saves == 3 && saved_len == box.used);

    t_case = "outbox: a reboot reloads the saved queue";
    memset(ring, 0, sizeof ring);
    memcpy(ring, saved, saved_len);
    CHECK_ST(mb_outbox_init(&box, &oc, saved_len), MB_OK);
    CHECK(mb_outbox_count(&box) == 3);

    t_case = "outbox: transport down -> kept, backoff";
    {
        static const mb_script_conn down[] = {{NULL, 0, MB_ERR_CLOSED, MB_OK, MB_ERR_CONNECT}};
        memset(&s, 0, sizeof s);
        s.conns = down;
        s.num_conns = 1;
        memset(&cfg, 0, sizeof cfg);
        cfg.url = "http://localhost:8080/v1/graphql";
        cfg.transport = mb_script_transport(&s);
        cfg.buf = work;
        cfg.buf_size = sizeof work;
        cfg.tokens = toks;
        cfg.max_tokens = 128;
        CHECK_ST(mb_client_init(&c, &cfg), MB_OK);
        CHECK_ST(mb_outbox_flush(&box, &c, 1000, &sent), MB_ERR_CONNECT);
        CHECK(sent == 0 && mb_outbox_count(&box) == 3 && box.retries == 1);
        CHECK_ST(mb_outbox_flush(&box, &c, 1500, &sent), MB_PENDING); /* within the first second of backoff */
        CHECK(s.conn == 1);
    }
    t_case = "outbox: flush in order; a duplicate's null counts as delivered";
    {
        static const mb_str replies[] = {MK(OK_RESP), MK(DUP_RESP), MK(OK_RESP)};
        static const mb_script_conn up[] = {{replies, 3, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&s, 0, sizeof s);
        s.conns = up;
        s.num_conns = 1;
        s.tx = tx;
        s.tx_cap = sizeof tx;
        saves = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 2100, &sent), MB_OK);
        CHECK(sent == 3 && mb_outbox_count(&box) == 0 && box.used == 0 && saves == 3 && saved_len == 0);
        CHECK(find(tx, s.tx_len, ids[0]) < find(tx, s.tx_len, ids[1]) && find(tx, s.tx_len, ids[1]) < find(tx, s.tx_len, ids[2]));
        CHECK(find(tx, s.tx_len, "\"content\":\"message 1\"") != (size_t)-1);
        CHECK(find(tx, s.tx_len, "\"operationName\":\"saveNewMessage\"") != (size_t)-1);
        CHECK(find(tx, s.tx_len, "onConflict") != (size_t)-1);
    }
    t_case = "outbox: a permanent failure is removed and reported; the rest goes on";
    {
        static const mb_str replies[] = {MK(DBERR), MK(DENIED), MK(OK_RESP)};
        static const mb_script_conn up[] = {{replies, 3, MB_ERR_CLOSED, MB_OK, MB_OK}};
        memset(&s, 0, sizeof s);
        s.conns = up;
        s.num_conns = 1;
        vars(&v, ids[0], "x");
        CHECK_ST(mb_save_new_message_queued(&box, &v), MB_OK);
        vars(&v, ids[1], "y");
        CHECK_ST(mb_save_new_message_queued(&box, &v), MB_OK);
        CHECK_ST(mb_outbox_flush(&box, &c, 5000, &sent), MB_ERR_GRAPHQL); /* "unexpected": transient */
        CHECK(sent == 0 && mb_outbox_count(&box) == 2 && failures == 0);
        CHECK_ST(mb_outbox_flush(&box, &c, 10000, &sent), MB_OK);
        CHECK(sent == 1 && failures == 1 && strcmp(failed_code, "permission-error") == 0 && mb_outbox_count(&box) == 0);
    }
    t_case = "outbox: full queue";
    {
        unsigned char small[300];
        mb_outbox_config sc = oc;
        mb_outbox sb;
        mb_status st;
        int n = 0;
        sc.buf = small;
        sc.cap = sizeof small;
        sc.save = NULL;
        CHECK_ST(mb_outbox_init(&sb, &sc, 0), MB_OK);
        vars(&v, ids[0], "a message that takes some room in a small queue");
        while ((st = mb_save_new_message_queued(&sb, &v)) == MB_OK) n++;
        CHECK_ST(st, MB_ERR_QUEUE_FULL);
        CHECK(n >= 1 && mb_outbox_count(&sb) == (uint32_t)n);
        CHECK_ST(mb_outbox_init(&sb, &sc, sb.used), MB_OK); /* still intact */
        CHECK(mb_outbox_count(&sb) == (uint32_t)n);
    }
    t_case = "outbox: a failing save hook queues nothing";
    CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
    fail_save = 1;
    vars(&v, ids[0], "x");
    CHECK_ST(mb_save_new_message_queued(&box, &v), MB_ERR_IO);
    CHECK(mb_outbox_count(&box) == 0 && box.used == 0);
    fail_save = 0;
    t_case = "outbox: damaged saved data is refused";
    CHECK_ST(mb_save_new_message_queued(&box, &v), MB_OK);
    memcpy(ring, saved, saved_len);
    ring[saved_len - 3] ^= 1;
    CHECK_ST(mb_outbox_init(&box, &oc, saved_len), MB_ERR_CORRUPT);
    CHECK(mb_outbox_count(&box) == 0);
    CHECK_ST(mb_outbox_init(&box, &oc, 3), MB_ERR_CORRUPT);
    t_case = "outbox: an operation this build does not know is reported";
    {
        mb_outbox_config one = oc;
        static const mb_str replies[] = {MK(OK_RESP)};
        static const mb_script_conn up[] = {{replies, 1, MB_ERR_CLOSED, MB_OK, MB_OK}};
        mb_create_thread_vars tv;
        memset(&tv, 0, sizeof tv);
        tv.thread_id = ids[0];
        tv.slug = "s";
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_create_thread_queued(&box, &tv), MB_OK);
        one.num_ops = 1; /* only saveNewMessage */
        memcpy(ring, saved, saved_len);
        CHECK_ST(mb_outbox_init(&box, &one, saved_len), MB_OK);
        memset(&s, 0, sizeof s);
        s.conns = up;
        s.num_conns = 1;
        failures = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 20000, &sent), MB_OK);
        CHECK(failures == 1 && mb_outbox_count(&box) == 0 && s.conn == 0);
    }
    t_case = "outbox: invalid UTF-8 is refused at push";
    CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
    vars(&v, ids[0], "bad \xff");
    CHECK_ST(mb_save_new_message_queued(&box, &v), MB_ERR_UTF8);
    CHECK(mb_outbox_count(&box) == 0);
}
