/* mb watch THREAD_ID: new messages, live, through a graphql-transport-ws
 * subscription (a messageStream from "now", resumed after its cursor when
 * the socket is re-established). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "cli.h"

static volatile sig_atomic_t stop;
static void on_signal(int sig) {
    (void)sig;
    stop = 1;
}

/* the socket's buffer: a message's text, unescaped, is never longer */
enum { WATCH_BUF = 256 * 1024 };

typedef struct watch {
    long printed, want;
    int json;
    mb_status err;  /* an error that ended the subscription */
    mb_status lost; /* why it ended without the server: not sendable again at a reconnect */
} watch;

static void on_event(void *user, mb_sub *sub, mb_status s, const mb_result *res) {
    watch *w = (watch *)user;
    int list, m;
    if (!res) { /* it ended: completed by the server (MB_OK), or its subscribe could not be sent again at a reconnect */
        if (s != MB_OK) {
            fprintf(stderr, "mb: watch: the subscription ended: %s\n", mb_strerror(s));
            w->lost = s;
        }
        return;
    }
    if (s != MB_OK) {
        fprintf(stderr, "mb: watch: %s: %s (%s)\n", mb_strerror(s), res->error.message.ptr, res->error.code.ptr);
        if (sub->state == MB_SUB_DONE) w->err = s; /* an error message, not a live query's poll error */
        return;
    }
    if (mb_json_find(&res->doc, res->data, "messageStream", &list) != MB_OK) return;
    for (m = mb_json_first(&res->doc, list); m >= 0 && (!w->want || w->printed < w->want); m = mb_json_next(&res->doc, m)) {
        static char content[WATCH_BUF];
        char role[32], at[40];
        int t;
        if (w->json) {
            print_json_view(mb_json_raw_view(&res->doc, m));
        } else {
            content[0] = role[0] = at[0] = '\0';
            if (mb_json_find(&res->doc, m, "content", &t) == MB_OK) mb_json_unescape(&res->doc, t, content, sizeof content, NULL);
            if (mb_json_find(&res->doc, m, "role", &t) == MB_OK) mb_json_unescape(&res->doc, t, role, sizeof role, NULL);
            if (mb_json_find(&res->doc, m, "createdAt", &t) == MB_OK) mb_json_unescape(&res->doc, t, at, sizeof at, NULL);
            printf("[%.19s] %-9s ", at, role);
            print_text(content);
            putchar('\n');
        }
        fflush(stdout);
        w->printed++;
    }
}

int cmd_watch(cli *k, int argc, char **argv) {
    static char buf[WATCH_BUF], url[512], vars[128], since[48];
    static mb_token toks[8192];
    static mb_ws ws;
    static mb_sub sub;
    static mb_posix_socket sock;
    static mb_tls tls;
    mb_ws_config wc;
    mb_status s;
    watch w = {0, 0, 0, MB_OK, MB_OK};
    const char *thread = NULL;
    int use_tls = 0, n, ended = 0;
    char quoted[64];
    if (wants_help(argc, argv, "usage: mb watch THREAD_ID [--count N]\n"
                               "  prints each new message of the thread as it arrives (a subscription);\n"
                               "  --count N: stop after N messages (else until Ctrl-C)\n"))
        return EXIT_OK;
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_END) continue;
        if (kind == ARG_OPTION && !strcmp(argv[i], "--count")) {
            if ((n = parse_num("--count", "a number", arg_value(argc, argv, &i), 1, 1000000, &w.want))) return n;
        } else if (kind == ARG_OPTION) {
            return cli_usage("watch: unknown option '%s'", argv[i]);
        } else if (!thread) {
            thread = argv[i];
        } else {
            return cli_usage("watch takes one THREAD_ID, not '%s' too", argv[i]);
        }
    }
    if (!thread) return cli_usage("watch needs a THREAD_ID");
    w.json = k->json;
    /* the subscription endpoint is the HTTP one with ws:// or wss:// (any
     * case, as the HTTP client takes it); a URL that does not fit is refused,
     * never cut */
    if (!strncasecmp(k->url, "https://", 8)) {
        n = snprintf(url, sizeof url, "wss://%s", k->url + 8);
        use_tls = 1;
    } else if (!strncasecmp(k->url, "http://", 7)) {
        n = snprintf(url, sizeof url, "ws://%s", k->url + 7);
    } else {
        return cli_usage("watch: the endpoint must be http(s)://");
    }
    if (n < 0 || (size_t)n >= sizeof url) return cli_usage("watch: the endpoint URL is over %zu bytes", sizeof url + 1); /* ws:// is 2 shorter */
    {   /* escaped, and refused when too long: never cut */
        mb_writer vw;
        mb_w_init(&vw, vars, sizeof vars - 1);
        mb_w_object_begin(&vw);
        mb_w_key(&vw, "threadId");
        mb_w_string(&vw, thread);
        mb_w_object_end(&vw);
        if (vw.err != MB_OK) return cli_usage("watch: THREAD_ID: %s", mb_strerror(vw.err));
        vars[vw.len] = '\0';
    }
    /* only what arrives from now on: the stream starts after the newest
     * message the server has (its clock, not ours) */
    {
        static const char LAST[] = "query lastMessage($threadId: uuid!) { message(where: {threadId: {_eq: $threadId}}, "
                                   "orderBy: [{createdAt: DESC}], limit: 1) { createdAt } }";
        mb_result *res;
        int t, rc = cli_connect(k);
        if (rc) return rc;
        s = mb_execute(&k->c, LAST, "lastMessage", vars, &res);
        if (s != MB_OK) return cli_fail(k, s);
        if (mb_json_find(&res->doc, res->data, "message[0].createdAt", &t) != MB_OK ||
            mb_json_unescape(&res->doc, t, since, sizeof since, NULL) != MB_OK)
            snprintf(since, sizeof since, "1970-01-01T00:00:00Z");
        mb_client_close(&k->c);
    }
    memset(&wc, 0, sizeof wc);
    wc.url = url;
    wc.jwt = k->jwt;
    wc.role = k->role;
    wc.admin_secret = k->admin_secret;
    wc.buf = buf;
    wc.buf_size = sizeof buf;
    wc.tokens = toks;
    wc.max_tokens = sizeof toks / sizeof toks[0];
    wc.random = mb_posix_random;
    wc.now_ms = mb_posix_now_ms;
    wc.sleep_ms = mb_posix_sleep_ms;
    wc.connect_timeout_ms = wc.timeout_ms = k->timeout_ms;
    wc.transport = mb_posix_transport(&sock);
    if (use_tls) {
        mb_tls_config tc;
        memset(&tc, 0, sizeof tc);
        if (k->insecure) {
            fprintf(stderr, "mb: WARNING: --insecure: TLS certificates are NOT verified\n");
            tc.insecure_no_verify_DEVELOPMENT_ONLY = 1;
        } else {
            tc.ca_file = k->ca_file ? k->ca_file : "/etc/ssl/certs/ca-certificates.crt";
        }
        if ((s = mb_tls_init(&tls, mb_posix_transport(&sock), &tc)) != MB_OK) { /* as cli_connect says it */
            fprintf(stderr, "mb: %s%s%s\n", mb_strerror(s), tc.ca_file ? ": " : "", tc.ca_file ? tc.ca_file : "");
            mb_tls_free(&tls);
            return s == MB_ERR_TLS_CONFIG && k->ca_file ? EXIT_USAGE : EXIT_NETWORK;
        }
        wc.transport = mb_tls_transport(&tls);
    }
    if ((s = mb_ws_init(&ws, &wc)) != MB_OK) {
        fprintf(stderr, "mb: watch: %s: %s\n", mb_strerror(s), url);
        if (use_tls) mb_tls_free(&tls);
        return EXIT_USAGE;
    }
    snprintf(quoted, sizeof quoted, "\"%s\"", since);
    sub.query = MB_SUB_THREAD_MESSAGES;
    sub.variables = vars;
    if ((s = mb_sub_cursor(&sub, "since", "createdAt", quoted)) != MB_OK || (s = mb_sub_start(&ws, &sub)) != MB_OK) {
        fprintf(stderr, "mb: watch: cannot start the subscription: %s\n", mb_strerror(s));
        if (use_tls) mb_tls_free(&tls);
        return EXIT_USAGE;
    }
    if ((s = mb_ws_connect(&ws)) != MB_OK) {
        int rc = s == MB_ERR_AUTH ? EXIT_AUTH : EXIT_NETWORK;
        fprintf(stderr, "mb: watch: %s\n", mb_strerror(s));
        if (use_tls) mb_tls_free(&tls);
        return rc;
    }
    if (k->tty) fprintf(stderr, "mb: watching thread %s (Ctrl-C to stop)\n", thread);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    while (!stop && (!w.want || w.printed < w.want) && sub.state != MB_SUB_DONE) {
        s = mb_sub_poll(&ws, 500, on_event, &w);
        if (s == MB_ERR_AUTH) {
            fprintf(stderr, "mb: watch: %s\n", mb_strerror(s));
            break;
        }
        if (s != MB_OK && s != MB_PENDING) fprintf(stderr, "mb: watch: %s; reconnecting\n", mb_strerror(s));
    }
    mb_ws_close(&ws);
    if (use_tls) mb_tls_free(&tls);
    if (w.err != MB_OK) s = w.err; /* the server ended it with an error */
    return s == MB_ERR_AUTH ? EXIT_AUTH : w.err != MB_OK ? EXIT_GRAPHQL : w.lost != MB_OK ? EXIT_NETWORK : EXIT_OK;
}
