/* The outbox against the local server.
 *   outbox_it faults              cut the connection at every byte of a queued
 *                                 saveNewMessage's request and response, flush
 *                                 again: exactly one row each; a permanent
 *                                 failure does not block the queue
 *   outbox_it offline FILE        (server down) create nothing, queue 5 messages
 *                                 for the thread in MB_THREAD, persisted in FILE
 *   outbox_it reboot FILE         load FILE as a fresh boot would, flush, check
 *                                 the 5 arrived once, in order
 * Environment: MB_URL, MB_JWT_ALICE, MB_JWT_BOB, MB_THREAD (offline/reboot). */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "it.h"
#include "platform/mb_posix_file.h"


/* A transport that cuts the connection after a number of bytes each way. */
typedef struct fault {
    mb_transport inner;
    long cut_send, cut_recv; /* -1: never */
    size_t sent, recvd;
} fault;
static mb_status f_connect(void *ctx, const char *h, uint16_t p, uint32_t t) {
    fault *f = (fault *)ctx;
    f->sent = f->recvd = 0;
    return f->inner.connect(f->inner.ctx, h, p, t);
}
static mb_status f_send(void *ctx, const void *d, size_t n, size_t *sent, uint32_t t) {
    fault *f = (fault *)ctx;
    mb_status s;
    if (f->cut_send >= 0) {
        long room = f->cut_send - (long)f->sent;
        if (room <= 0) {
            f->inner.close(f->inner.ctx);
            return MB_ERR_IO;
        }
        if ((long)n > room) n = (size_t)room;
    }
    s = f->inner.send(f->inner.ctx, d, n, sent, t);
    if (s == MB_OK) f->sent += *sent;
    return s;
}
static mb_status f_recv(void *ctx, void *b, size_t cap, size_t *got, uint32_t t) {
    fault *f = (fault *)ctx;
    mb_status s;
    if (f->cut_recv >= 0) {
        long room = f->cut_recv - (long)f->recvd;
        if (room <= 0) {
            f->inner.close(f->inner.ctx);
            return MB_ERR_CLOSED;
        }
        if ((long)cap > room) cap = (size_t)room;
    }
    s = f->inner.recv(f->inner.ctx, b, cap, got, t);
    if (s == MB_OK) f->recvd += *got;
    return s;
}
static void f_close(void *ctx) {
    fault *f = (fault *)ctx;
    f->inner.close(f->inner.ctx);
}

static char work[2][2 * 1024 * 1024]; /* reading back ~1,000 messages at once */
static mb_token toks[2][65536];
static mb_posix_socket socks[2];
static fault flt;

static void open_client(mb_client *c, int i, const char *jwt, int faulty) {
    mb_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = getenv("MB_URL");
    cfg.jwt = jwt;
    cfg.buf = work[i];
    cfg.buf_size = sizeof work[i];
    cfg.tokens = toks[i];
    cfg.max_tokens = 65536;
    cfg.timeout_ms = cfg.connect_timeout_ms = 5000;
    cfg.transport = mb_posix_transport(&socks[i]);
    if (faulty) {
        flt.inner = cfg.transport;
        flt.cut_send = flt.cut_recv = -1;
        cfg.transport.ctx = &flt;
        cfg.transport.connect = f_connect;
        cfg.transport.send = f_send;
        cfg.transport.recv = f_recv;
        cfg.transport.close = f_close;
    }
    if (!cfg.url || mb_client_init(c, &cfg) != MB_OK) {
        fprintf(stderr, "outbox_it: MB_URL missing or bad\n");
        exit(2);
    }
}

static const mb_op *ops[2];
static int failures;
static char failed_code[64];
static void on_failed(void *u, const char *name, mb_status s, const mb_error *e) {
    (void)u;
    (void)name;
    (void)s;
    failures++;
    snprintf(failed_code, sizeof failed_code, "%s", e ? e->code.ptr : "");
}

static void push_message(mb_outbox *box, const char *thread, const char *content, char id[37]) {
    mb_save_new_message_vars v;
    char slug[64];
    memset(&v, 0, sizeof v);
    mb_uuid4(mb_posix_random, id);
    snprintf(slug, sizeof slug, "ob-%s", id);
    v.message_id = id;
    v.thread_id = thread;
    v.role = "user";
    v.content = content;
    v.slug = slug;
    if (mb_save_new_message_queued(box, &v) != MB_OK) {
        fprintf(stderr, "outbox_it: push failed\n");
        exit(3);
    }
}

/* The thread's messages, in order: their contents into out (count returned). */
static size_t read_thread(mb_client *c, const char *thread, mb_get_messages_message *msgs, size_t cap) {
    mb_get_messages_vars v;
    mb_get_messages_data d;
    mb_get_messages_arrays a = {msgs, cap, 0};
    memset(&v, 0, sizeof v);
    v.thread_id = thread;
    mb_status s = mb_get_messages(c, &v, &d, &a);
    if (s != MB_OK) {
        printf("  getMessages: %s\n", mb_strerror(s));
        return 0;
    }
    return d.message.len;
}

static void new_thread(mb_client *c, char id[37]) {
    mb_create_thread_vars v;
    mb_create_thread_data d;
    char slug[64];
    memset(&v, 0, sizeof v);
    mb_uuid4(mb_posix_random, id);
    snprintf(slug, sizeof slug, "outbox-%s", id);
    v.thread_id = id;
    v.chatbot_id = 1;
    v.slug = slug;
    if (mb_create_thread(c, &v, &d) != MB_OK) {
        fprintf(stderr, "outbox_it: createThread: %s\n", mb_last_error(c)->message.ptr);
        exit(3);
    }
}

static int faults(void) {
    static unsigned char ring[16384];
    static mb_get_messages_message msgs[4096];
    static char ids[4096][37];
    mb_outbox_config oc;
    mb_outbox box;
    mb_client good, bad;
    char thread[37], bobs[37];
    size_t req_len, resp_len, n = 0, delivered;
    uint32_t now = 0;
    int all_ok = 1, refused_cuts = 0;
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 2;
    oc.on_failed = on_failed;
    mb_outbox_init(&box, &oc, 0);
    open_client(&good, 0, getenv("MB_JWT_ALICE"), 0);
    open_client(&bad, 1, getenv("MB_JWT_ALICE"), 1);
    new_thread(&good, thread);
    /* measure one exchange */
    push_message(&box, thread, "measure", ids[n++]);
    mb_outbox_flush(&box, &bad, now, &delivered);
    req_len = flt.sent;
    resp_len = flt.recvd;
    printf("  a queued saveNewMessage: %zu request bytes, %zu response bytes\n", req_len, resp_len);
    CHECK(delivered == 1 && req_len > 200 && resp_len > 100, "one queued message delivered through the measuring transport");
    /* every cut of the request, then every cut of the response */
    for (int phase = 0; phase < 2; phase++) {
        size_t len = phase ? resp_len : req_len;
        for (size_t cut = 0; cut < len; cut++) {
            mb_status s;
            char content[64];
            snprintf(content, sizeof content, "cut %s at %zu", phase ? "response" : "request", cut);
            push_message(&box, thread, content, ids[n++]);
            flt.cut_send = phase ? -1 : (long)cut;
            flt.cut_recv = phase ? (long)cut : -1;
            s = mb_outbox_flush(&box, &bad, now, &delivered);
            if (s == MB_OK) { /* a cut after the last byte the client needed */
                all_ok &= delivered == 1;
            } else {
                refused_cuts++;
                all_ok &= mb_outbox_count(&box) == 1;
                now += MB_OUTBOX_BACKOFF_MAX_MS + 1; /* past the backoff */
                s = mb_outbox_flush(&box, &good, now, &delivered);
                all_ok &= s == MB_OK && delivered == 1 && mb_outbox_count(&box) == 0;
            }
            if (!all_ok) {
                printf("  failed at %s byte %zu: %s\n", phase ? "response" : "request", cut, mb_strerror(s));
                break;
            }
        }
    }
    printf("  %zu messages queued, %d flushes cut short and retried\n", n, refused_cuts);
    CHECK(all_ok, "every cut: the message stays queued, the next flush delivers it");
    {
        size_t got = read_thread(&good, thread, msgs, 4096), dup = 0, missing = 0;
        for (size_t i = 0; i < n; i++) {
            size_t seen = 0;
            for (size_t j = 0; j < got; j++)
                if (msgs[j].message_id.ptr && strcmp(msgs[j].message_id.ptr, ids[i]) == 0) seen++;
            if (seen == 0) missing++;
            if (seen > 1) dup++;
        }
        printf("  the server holds %zu rows for %zu queued messages (%zu missing, %zu duplicated)\n", got, n, missing, dup);
        CHECK(got == n && !missing && !dup, "exactly one row per queued message, counted through the server");
    }
    /* a permanent failure is reported and removed; the next one still goes */
    {
        mb_client bob;
        char id1[37], id2[37];
        mb_get_messages_message m[4];
        open_client(&bob, 1, getenv("MB_JWT_BOB"), 0);
        new_thread(&bob, bobs);
        push_message(&box, bobs, "alice writes into bob's thread", id1);
        push_message(&box, thread, "after the refused one", id2);
        now += MB_OUTBOX_BACKOFF_MAX_MS + 1;
        failures = 0;
        CHECK(mb_outbox_flush(&box, &good, now, &delivered) == MB_OK && delivered == 1 && failures == 1 &&
                  strcmp(failed_code, "permission-error") == 0 && mb_outbox_count(&box) == 0,
              "a permanent failure (someone else's thread) is reported with Hasura's code and does not block the queue");
        CHECK(read_thread(&bob, bobs, m, 4) == 0, "  ...and nothing reached bob's thread");
        mb_client_close(&bob);
    }
    mb_client_close(&good);
    mb_client_close(&bad);
    return 0;
}

static int offline(const char *file) {
    static unsigned char ring[8192];
    mb_outbox_config oc;
    mb_outbox box;
    mb_client c;
    size_t loaded = 0, delivered;
    char id[37];
    const char *thread = getenv("MB_THREAD");
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 2;
    oc.save = mb_posix_outbox_save;
    oc.save_user = (void *)file;
    CHECK(mb_posix_load_file(file, ring, sizeof ring, &loaded) == MB_OK && loaded == 0, "no queue file yet");
    CHECK(mb_outbox_init(&box, &oc, 0) == MB_OK, "outbox with a file behind it");
    open_client(&c, 0, getenv("MB_JWT_ALICE"), 0);
    for (int i = 0; i < 5; i++) {
        char content[32];
        snprintf(content, sizeof content, "offline %d", i);
        push_message(&box, thread, content, id);
        mb_status s = mb_outbox_flush(&box, &c, (uint32_t)i * 100000u, &delivered);
        if (i == 0) CHECK(s == MB_ERR_CONNECT && delivered == 0, "server down: flush fails with MB_ERR_CONNECT, nothing lost");
    }
    CHECK(mb_outbox_count(&box) == 5, "5 messages queued while the server is down");
    return 0;
}

static int reboot(const char *file) {
    static unsigned char ring[8192];
    static mb_get_messages_message msgs[16];
    mb_outbox_config oc;
    mb_outbox box;
    mb_client c;
    size_t loaded = 0, delivered, got;
    const char *thread = getenv("MB_THREAD");
    int in_order = 1;
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 2;
    oc.save = mb_posix_outbox_save;
    oc.save_user = (void *)file;
    CHECK(mb_posix_load_file(file, ring, sizeof ring, &loaded) == MB_OK && loaded > 0, "the queue file is there after the reboot");
    CHECK(mb_outbox_init(&box, &oc, loaded) == MB_OK && mb_outbox_count(&box) == 5, "the reloaded queue holds the 5 messages");
    open_client(&c, 0, getenv("MB_JWT_ALICE"), 0);
    CHECK(mb_outbox_flush(&box, &c, 0, &delivered) == MB_OK && delivered == 5 && mb_outbox_count(&box) == 0,
          "server back: all 5 delivered");
    got = read_thread(&c, thread, msgs, 16);
    for (size_t i = 0; i < got && i < 5; i++) {
        char want[32];
        snprintf(want, sizeof want, "offline %zu", i);
        in_order &= msgs[i].content.ptr && strcmp(msgs[i].content.ptr, want) == 0;
    }
    CHECK(got == 5 && in_order, "each arrived once, in order");
    loaded = 1;
    CHECK(mb_posix_load_file(file, ring, sizeof ring, &loaded) == MB_OK && loaded == 0, "the saved queue is empty again");
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    ops[0] = mb_save_new_message_op();
    ops[1] = mb_create_thread_op();
    if (argc == 2 && !strcmp(argv[1], "faults")) faults();
    else if (argc == 3 && !strcmp(argv[1], "offline")) offline(argv[2]);
    else if (argc == 3 && !strcmp(argv[1], "reboot")) reboot(argv[2]);
    else if (argc == 2 && !strcmp(argv[1], "thread")) {
        mb_client c;
        char id[37];
        open_client(&c, 0, getenv("MB_JWT_ALICE"), 0);
        new_thread(&c, id);
        printf("%s\n", id);
        return 0;
    } else {
        fprintf(stderr, "usage: outbox_it faults | thread | offline FILE | reboot FILE\n");
        return 2;
    }
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
