/* The CLI's outbox: `mb send --queue` keeps a message in a file until it is
 * delivered, and every later run tries to deliver what is queued. The SDK's
 * outbox does the work; this only picks the file and reports. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

static unsigned char ring[64 * 1024];

static void on_failed(void *user, const char *name, mb_status s, const mb_error *e) {
    (void)user;
    fprintf(stderr, "mb: a queued %s was refused and dropped: %s%s%s\n", name, mb_strerror(s),
            e && e->message.len ? ": " : "", e && e->message.len ? e->message.ptr : "");
}

/* FNV-1a of the endpoint and the JWT's user id: the default outbox file is
 * one per server and user, so a run as someone else, or against another
 * server, never sends (and, refused, drops) what this user queued there. */
static uint32_t identity_hash(const cli *k) {
    char uid[256], role[64];
    long long exp;
    uint32_t h = 2166136261u;
    const char *parts[3];
    uid[0] = '\0';
    if (k->jwt) (void)jwt_claims(k->jwt, uid, sizeof uid, role, sizeof role, &exp); /* "" when none */
    parts[0] = k->url;
    parts[1] = "\n";
    parts[2] = uid;
    for (int i = 0; i < 3; i++)
        for (const unsigned char *c = (const unsigned char *)parts[i]; *c; c++) h = (h ^ *c) * 16777619u;
    return h;
}

/* One run at a time on a queue: each loads it, changes it and saves it
 * whole, so two at once (two `send --queue` in a script) each saved the
 * queue without what the other had queued. Held until outbox_close. */
static int lock(cli *k) {
    char path[sizeof k->outbox_path + 8];
    struct flock fl;
    int fd, err;
    snprintf(path, sizeof path, "%s.lock", k->outbox_path);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    while (fd >= 0 && fcntl(fd, F_SETLKW, &fl) != 0) {
        if (errno == EINTR) continue;
        err = errno;
        close(fd);
        fd = -1;
        errno = err;
    }
    if (fd < 0) fprintf(stderr, "mb: cannot lock the outbox (%s): %s\n", path, strerror(errno));
    return fd;
}

int outbox_open(cli *k, int to_queue) {
    static const mb_op *ops[3];
    const char *p = getenv("MB_OUTBOX"), *home = getenv("HOME");
    mb_outbox_config oc;
    size_t loaded = 0;
    mb_status s;
    int n, fd;
    if (k->outbox_open) return EXIT_OK;
    if (p && *p) n = snprintf(k->outbox_path, sizeof k->outbox_path, "%s", p);
    else n = snprintf(k->outbox_path, sizeof k->outbox_path, "%s/.mb_outbox-%08x", home && *home ? home : ".",
                      (unsigned)identity_hash(k));
    if (n < 0 || (size_t)n >= sizeof k->outbox_path) { /* cut, it would name another file */
        fprintf(stderr, "mb: the outbox path (MB_OUTBOX, or $HOME/.mb_outbox-*) is over %zu bytes\n", sizeof k->outbox_path - 1);
        return EXIT_USAGE;
    }
    if (!to_queue && access(k->outbox_path, F_OK) != 0 && errno == ENOENT) return EXIT_OK; /* nothing queued */
    if ((fd = lock(k)) < 0) return EXIT_USAGE;
    ops[0] = mb_save_new_message_op();
    ops[1] = mb_save_new_message_at_op(); /* what send --queue queues */
    ops[2] = mb_create_thread_op();
    memset(&oc, 0, sizeof oc);
    oc.buf = ring;
    oc.cap = sizeof ring;
    oc.ops = ops;
    oc.num_ops = 3;
    oc.save = mb_posix_outbox_save;
    oc.save_user = k->outbox_path;
    oc.on_failed = on_failed;
    s = mb_posix_load_file(k->outbox_path, ring, sizeof ring, &loaded);
    if (s == MB_OK) s = mb_outbox_init(&k->outbox, &oc, loaded);
    if (s != MB_OK) {
        fprintf(stderr, "mb: outbox %s: %s\n", k->outbox_path, mb_strerror(s));
        close(fd);
        return EXIT_USAGE;
    }
    k->outbox_lock = fd;
    k->outbox_open = 1;
    return EXIT_OK;
}

void outbox_close(cli *k) {
    if (!k->outbox_open) return;
    close(k->outbox_lock); /* and the lock with it */
    k->outbox_open = 0;
}

int outbox_flush(cli *k, int loud) {
    size_t sent = 0;
    mb_status s;
    struct timespec ts;
    uint32_t failed = k->outbox.failed; /* refused ones are dropped: on_failed said so, flush still ends MB_OK */
    int rc = cli_connect(k);
    if (rc) return loud ? rc : EXIT_OK;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    /* each run starts afresh: no backoff carried between runs */
    s = mb_outbox_flush(&k->outbox, &k->c, (uint32_t)ts.tv_sec * 1000u, &sent);
    if (sent && !loud) fprintf(stderr, "mb: delivered %zu queued message%s\n", sent, sent == 1 ? "" : "s");
    if (s != MB_OK && s != MB_PENDING) {
        uint32_t left = mb_outbox_count(&k->outbox);
        fprintf(stderr, "mb: %u message%s stay%s queued in %s (%s); the next run tries again\n", left, left == 1 ? "" : "s",
                left == 1 ? "s" : "", k->outbox_path, mb_strerror(s));
        return loud ? EXIT_NETWORK : EXIT_OK;
    }
    if (loud && k->outbox.failed != failed) return EXIT_GRAPHQL;
    if (loud) printf("delivered\n");
    return EXIT_OK;
}
