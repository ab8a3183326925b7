/* The outbox where a device loses power and network at any moment: a save
 * cut at every byte, answers that are no answer, error pages too big for
 * the buffer, a transport failing with MB_ERR_ARG, a clock that jumps. */
#include "t.h"
#include "platform/mb_script.h"

static const mb_op op_x = {"mutation x{a}", "x", NULL, 0, NULL};

static unsigned char image[4096]; /* what the save hook last wrote */
static size_t image_len;
static mb_status save(void *u, const unsigned char *d, size_t n) {
    (void)u;
    memcpy(image, d, n);
    image_len = n;
    return MB_OK;
}
static int failed_n;
static mb_status failed_status;
static void on_failed(void *u, const char *name, mb_status s, const mb_error *e) {
    (void)u;
    (void)name;
    (void)e;
    failed_n++;
    failed_status = s;
}

#include "script_client.h"

static void msg(mb_save_new_message_vars *v, const char *id, const char *content) {
    memset(v, 0, sizeof *v);
    v->message_id = id;
    v->thread_id = "00000000-0000-4000-b000-000000000001";
    v->role = "user";
    v->content = content;
    v->slug = id;
}

void test_outbox_faults(void) {
    static unsigned char ring[4096];
    static char r_ok[128];
    static const char *const ids[] = {"00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2",
                                      "00000000-0000-4000-8000-0000000000a3"};
    const mb_op *ops[] = {mb_save_new_message_op(), &op_x};
    mb_outbox_config oc;
    mb_outbox box;
    mb_save_new_message_vars v;
    mb_client c;
    mb_script s;
    size_t bounds[4] = {0, 0, 0, 0}, sent = 0;
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 2;
    oc.save = save;
    oc.on_failed = on_failed;

    t_case = "outbox init: power lost at every byte of a save that appends";
    CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
    for (int i = 0; i < 3; i++) {
        msg(&v, ids[i], "composed offline");
        CHECK_ST(mb_save_new_message_queued(&box, &v), MB_OK);
        bounds[i + 1] = image_len;
    }
    {
        static unsigned char saved[4096];
        size_t total = image_len;
        int ok = 1;
        memcpy(saved, image, total);
        for (size_t cut = 0; cut <= total; cut++) {
            /* the storage holds the first `cut` bytes: a tail written in
               place, or a length stored before the data it counts */
            uint32_t whole = 0;
            mb_status st;
            while (whole < 3 && bounds[whole + 1] <= cut) whole++;
            memset(ring, 0, sizeof ring);
            memcpy(ring, saved, cut);
            st = mb_outbox_init(&box, &oc, cut);
            if (st != (cut == bounds[whole] ? MB_OK : MB_ERR_CORRUPT) || mb_outbox_count(&box) != whole ||
                box.used != bounds[whole]) {
                printf("  cut at %zu of %zu: %s, %u records kept, want %u\n", cut, total, mb_strerror(st),
                       (unsigned)mb_outbox_count(&box), (unsigned)whole);
                ok = 0;
                break;
            }
        }
        CHECK(ok);

        t_case = "outbox init: a record's header written before its data (erased flash after it)";
        memcpy(ring, saved, total);
        memset(ring + bounds[2] + 4, 0xFF, total - bounds[2] - 4);
        CHECK_ST(mb_outbox_init(&box, &oc, total), MB_ERR_CORRUPT);
        CHECK(mb_outbox_count(&box) == 2 && box.used == bounds[2]);

        t_case = "outbox: the records kept after a torn save are delivered, and the next save is whole";
        {
            mb_str replies[2];
            mb_script_conn conn[1];
            memset(conn, 0, sizeof conn);
            replies[0] = reply(r_ok, sizeof r_ok, "200 OK", "{\"data\":{\"insertMessageOne\":null}}");
            replies[1] = replies[0];
            conn[0].replies = replies;
            conn[0].num_replies = 2;
            msg(&v, ids[2], "composed again after the reboot");
            CHECK_ST(mb_save_new_message_queued(&box, &v), MB_OK);
            CHECK(mb_outbox_count(&box) == 3 && image_len == box.used);
            memcpy(ring, image, image_len);
            CHECK_ST(mb_outbox_init(&box, &oc, image_len), MB_OK); /* the saved queue checks out */
            CHECK(mb_outbox_count(&box) == 3);
            client(&c, &s, conn, 1, sizeof work);
            failed_n = 0;
            CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_ERR_CONNECT); /* two answers for three */
            CHECK(sent == 2 && mb_outbox_count(&box) == 1 && failed_n == 0);
            CHECK(find(tx, s.tx_len, ids[0]) < find(tx, s.tx_len, ids[1]));
            CHECK(find(tx, s.tx_len, "composed again") != (size_t)-1);
        }
    }

    t_case = "outbox flush: an answer with neither data nor errors is no delivery";
    {
        static char r_empty[128], r_null[128], r_ok2[128];
        mb_str replies[3];
        mb_script_conn conn[1];
        memset(conn, 0, sizeof conn);
        replies[0] = reply(r_empty, sizeof r_empty, "200 OK", "{}"); /* a proxy's, or another service's, JSON */
        replies[1] = reply(r_null, sizeof r_null, "200 OK", "{\"data\":null}");
        replies[2] = reply(r_ok2, sizeof r_ok2, "200 OK", "{\"data\":{\"a\":1}}");
        conn[0].replies = replies;
        conn[0].num_replies = 3;
        oc.save = NULL;
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, conn, 1, sizeof work);
        failed_n = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_ERR_NO_DATA);
        CHECK(sent == 0 && mb_outbox_count(&box) == 1 && box.sent == 0 && failed_n == 0 && box.retries == 1);
        CHECK_ST(mb_outbox_flush(&box, &c, box.next_ms, &sent), MB_ERR_NO_DATA);
        CHECK(sent == 0 && mb_outbox_count(&box) == 1 && failed_n == 0);
        CHECK_ST(mb_outbox_flush(&box, &c, box.next_ms, &sent), MB_OK);
        CHECK(sent == 1 && mb_outbox_count(&box) == 0 && failed_n == 0 && s.turn == 3);
    }

    t_case = "outbox flush: an error page too big for the buffer is sorted by its HTTP status";
    {
        static char page[3001], r_big[4096];
        mb_str replies[3];
        mb_script_conn conn[3];
        memset(page, 'x', sizeof page - 1);
        memset(conn, 0, sizeof conn);
        /* a CDN's 502 page is several kB: over what a small client holds */
        replies[0] = reply(r_big, sizeof r_big, "502 Bad Gateway", page);
        conn[0].replies = &replies[0];
        conn[0].num_replies = 1;
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, conn, 1, 1024);
        failed_n = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_ERR_BUFFER);
        CHECK(c.res.http_status == 502);
        CHECK(sent == 0 && mb_outbox_count(&box) == 2 && failed_n == 0 && box.retries == 1);
    }
    {
        static char page[3001];
        static char r_404[4096], r_200[4096];
        mb_str replies[2];
        mb_script_conn conn[2];
        memset(page, 'x', sizeof page - 1);
        memset(conn, 0, sizeof conn);
        replies[0] = reply(r_404, sizeof r_404, "404 Not Found", page); /* a client error stays permanent */
        replies[1] = reply(r_200, sizeof r_200, "200 OK", page);        /* as does a 2xx answer that cannot fit */
        conn[0].replies = &replies[0];
        conn[0].num_replies = 1;
        conn[1].replies = &replies[1];
        conn[1].num_replies = 1;
        client(&c, &s, conn, 2, 1024);
        failed_n = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, box.next_ms, &sent), MB_OK);
        CHECK(sent == 0 && mb_outbox_count(&box) == 0 && failed_n == 2 && failed_status == MB_ERR_BUFFER);
    }

    t_case = "outbox flush: MB_ERR_ARG from the transport is not the operation's fault";
    {
        /* e.g. the mbedTLS adapter when its static pool cannot hold the host name */
        static const mb_script_conn refused[] = {{NULL, 0, MB_ERR_CLOSED, MB_OK, MB_ERR_ARG},
                                                 {NULL, 0, MB_ERR_CLOSED, MB_OK, MB_ERR_BUFFER}};
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, refused, 2, sizeof work);
        failed_n = 0;
        CHECK_ST(mb_outbox_flush(&box, &c, 0, &sent), MB_ERR_ARG);
        CHECK(sent == 0 && mb_outbox_count(&box) == 2 && failed_n == 0 && box.retries == 1);
        /* nor a transport's MB_ERR_BUFFER before any answer */
        CHECK_ST(mb_outbox_flush(&box, &c, box.next_ms, &sent), MB_ERR_BUFFER);
        CHECK(sent == 0 && mb_outbox_count(&box) == 2 && failed_n == 0 && box.retries == 2);
    }

    t_case = "outbox backoff: a clock that jumped back, or a wait past 2^31 ms, does not stall the queue";
    {
        uint32_t t0 = 1000, later;
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        client(&c, &s, NULL, 0, sizeof work); /* every connect fails */
        CHECK_ST(mb_outbox_flush(&box, &c, t0, &sent), MB_ERR_CONNECT);
        CHECK(box.next_ms == t0 + MB_OUTBOX_BACKOFF_MS && c.requests == 1);
        CHECK_ST(mb_outbox_flush(&box, &c, t0 + MB_OUTBOX_BACKOFF_MS - 1, &sent), MB_PENDING); /* still waiting */
        CHECK(c.requests == 1); /* not tried */
        /* no flush for 25 days (a device that sleeps until there is news) */
        later = t0 + 0x80000000u + 5000u;
        CHECK_ST(mb_outbox_flush(&box, &c, later, &sent), MB_ERR_CONNECT);
        CHECK(c.requests == 2 && box.next_ms == later + 2 * MB_OUTBOX_BACKOFF_MS);
        /* the clock set back an hour (an RTC corrected): not an hour more of waiting */
        CHECK_ST(mb_outbox_flush(&box, &c, later - 3600000u, &sent), MB_ERR_CONNECT);
        CHECK(c.requests == 3);
        /* across the 32-bit wrap, the delay still holds */
        CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
        CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
        CHECK_ST(mb_outbox_flush(&box, &c, 0xFFFFFF00u, &sent), MB_ERR_CONNECT);
        CHECK_ST(mb_outbox_flush(&box, &c, 0x100u, &sent), MB_PENDING);
        CHECK_ST(mb_outbox_flush(&box, &c, 0xFFFFFF00u + MB_OUTBOX_BACKOFF_MS, &sent), MB_ERR_CONNECT);
        CHECK(c.requests == 5);
    }
}

/* A bare HTTP 401 or 407 (a gateway or a proxy that wants credentials) is
 * no verdict on the operation: kept, as Hasura's own auth errors are. */
void test_outbox_http_auth(void) {
    static unsigned char ring[512];
    static char r401[128], r407[128], r403[128], r451[128], rok[128];
    const mb_op *ops[] = {&op_x};
    mb_outbox_config oc;
    mb_outbox box;
    mb_client c;
    mb_script s;
    mb_str replies[5];
    mb_script_conn conn[1];
    size_t sent = 0;
    uint32_t now = 0;
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 1;
    oc.on_failed = on_failed;
    t_case = "outbox flush: HTTP 401 and 407 are kept, 403 and 451 are not";
    memset(conn, 0, sizeof conn);
    replies[0] = reply(r401, sizeof r401, "401 Unauthorized", "");
    replies[1] = reply(r407, sizeof r407, "407 Proxy Authentication Required", "");
    replies[2] = reply(r403, sizeof r403, "403 Forbidden", "");
    replies[3] = reply(r451, sizeof r451, "451 Unavailable For Legal Reasons", "");
    replies[4] = reply(rok, sizeof rok, "200 OK", "{\"data\":{\"a\":1}}");
    conn[0].replies = replies;
    conn[0].num_replies = 5;
    CHECK_ST(mb_outbox_init(&box, &oc, 0), MB_OK);
    CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
    CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
    CHECK_ST(mb_outbox_push(&box, &op_x, NULL), MB_OK);
    client(&c, &s, conn, 1, sizeof work);
    failed_n = 0;
    for (int i = 0; i < 2; i++) {
        CHECK_ST(mb_outbox_flush(&box, &c, now, &sent), MB_ERR_HTTP_STATUS);
        CHECK(sent == 0 && mb_outbox_count(&box) == 3 && failed_n == 0);
        now = box.next_ms;
    }
    CHECK_ST(mb_outbox_flush(&box, &c, now, &sent), MB_OK); /* 403, 451: dropped, reported; the last goes */
    CHECK(sent == 1 && failed_n == 2 && failed_status == MB_ERR_HTTP_STATUS && mb_outbox_count(&box) == 0);
}
