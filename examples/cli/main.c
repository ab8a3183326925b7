/* mb — the Masterbots command line, over mb.h.
 *   mb [global options] COMMAND [options]      mb --help, mb COMMAND --help */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static const char USAGE[] =
    "usage: mb [global options] COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  query [FILE|-] [--var k=v ... | --vars JSON]   run any GraphQL (prints the JSON answer)\n"
    "  categories                                     list the categories\n"
    "  chatbots [--category ID] [--limit N] [--offset N]\n"
    "                                                 list chatbots\n"
    "  chatbot NAME                                   show one chatbot\n"
    "  threads [--mine] [--chatbot NAME | --category ID] [--limit N]\n"
    "                                                 list public threads (--mine: your own)\n"
    "  thread new --chatbot NAME [--public]           open a thread; prints its id and slug\n"
    "  send THREAD_ID TEXT [--role user|assistant] [--queue]\n"
    "                                                 post a message (--queue: kept in an outbox file until delivered)\n"
    "  messages THREAD_ID                             list a thread's messages\n"
    "  watch THREAD_ID [--count N]                    print each new message as it arrives (subscription)\n"
    "  token --user UUID [--role R] [--ttl S]         local stack only: mint an HS256 JWT like Masterbots\n"
    "  whoami                                         show the current identity\n"
    "\n"
    "global options:\n"
    "  --env prod|test|local   endpoint (default: local when a local stack answers, else prod)\n"
    "  --url URL               endpoint URL instead of --env\n"
    "  --jwt TOKEN             bearer token (or MB_JWT)\n"
    "  --admin-secret S        x-hasura-admin-secret (or HASURA_GRAPHQL_ADMIN_SECRET)\n"
    "  --role R                x-hasura-role\n"
    "  --ca FILE               CA certificates for https (default: the system bundle)\n"
    "  --insecure              do not verify TLS certificates (development only!)\n"
    "  --timeout MS            network timeout (default 10000)\n"
    "  --debug                 trace requests and responses on stderr, secrets redacted\n"
    "  --json                  print raw JSON (for jq)\n"
    "\n"
    "options go before or after the arguments; -- ends them (mb send ID -- '-1 is a TEXT');\n"
    "-h or --help anywhere before -- shows the command's usage; an option given twice: the last counts\n"
    "(but --vars, and --var with the same NAME: a usage error); numbers are plain digits in their range\n"
    "\n"
    "exit codes: 0 ok (an empty list too), 1 GraphQL or HTTP error, or no chatbot of that NAME (chatbot, thread new),\n"
    "            2 usage, 3 authentication, 4 network or TLS; the same with --json\n";

static char work[256 * 1024];
static mb_token tokens[16384];

int cli_usage(const char *fmt, ...) {
    va_list ap;
    fputs("mb: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n(mb --help for usage)\n", stderr);
    return EXIT_USAGE;
}

int arg_kind(const char *a, int *ended) {
    if (*ended) return ARG_POSITIONAL;
    if (!strcmp(a, "--")) {
        *ended = 1;
        return ARG_END;
    }
    return a[0] == '-' && a[1] ? ARG_OPTION : ARG_POSITIONAL; /* "-" is stdin, a value */
}

char *arg_value(int argc, char **argv, int *i) {
    return *i + 1 < argc && *argv[*i + 1] ? argv[++*i] : NULL; /* "" is no value: --jwt "$UNSET" */
}

/* Plain digits only: strtol would take " 5", "+5" and "5" of "5e3" silently,
 * and saturate what overflows. hi is small, so x never overflows. */
int parse_num(const char *flag, const char *what, const char *v, long lo, long hi, long *out) {
    const char *p = v;
    long x = 0;
    if (!v) return cli_usage("%s needs %s from %ld to %ld", flag, what, lo, hi);
    for (; *p >= '0' && *p <= '9' && x <= hi; p++) x = x * 10 + (*p - '0');
    if (p == v || *p || x < lo || x > hi) return cli_usage("%s needs %s from %ld to %ld, not '%s'", flag, what, lo, hi, v);
    *out = x;
    return 0;
}

static void on_log(void *user, mb_log_level lvl, const char *msg, size_t len) {
    (void)user;
    fprintf(stderr, "%s%.*s\n", lvl == MB_LOG_WARN ? "mb: WARNING: " : lvl == MB_LOG_ERROR ? "mb: error: " : "mb: debug: ",
            (int)len, msg);
}

int cli_fail(cli *k, mb_status s) {
    const mb_error *e = mb_last_error(&k->c);
    fprintf(stderr, "mb: %s", mb_strerror(s));
    if (e->message.len) fprintf(stderr, ": %s", e->message.ptr);
    if (e->code.len) fprintf(stderr, " (%s)", e->code.ptr);
    if (s == MB_ERR_HTTP_STATUS) fprintf(stderr, " %d", k->c.res.http_status);
    if (k->tls_used && k->tls.verify_flags) fprintf(stderr, " (verify flags 0x%x)", (unsigned)k->tls.verify_flags);
    fputc('\n', stderr);
    switch (s) {
    case MB_OK: return EXIT_OK;
    case MB_ERR_AUTH: return EXIT_AUTH;
    case MB_ERR_ARG:
    case MB_ERR_URL: return EXIT_USAGE;
    case MB_ERR_DNS:
    case MB_ERR_CONNECT:
    case MB_ERR_TIMEOUT:
    case MB_ERR_CLOSED:
    case MB_ERR_IO:
    case MB_ERR_TRUNCATED:
    case MB_ERR_HTTP:
    case MB_ERR_TLS_REQUIRED:
    case MB_ERR_TLS:
    case MB_ERR_TLS_NO_CA:
    case MB_ERR_TLS_CONFIG:
    case MB_ERR_TLS_UNTRUSTED:
    case MB_ERR_TLS_SELF_SIGNED:
    case MB_ERR_TLS_EXPIRED:
    case MB_ERR_TLS_HOSTNAME:
    case MB_ERR_TLS_HANDSHAKE:
    case MB_ERR_WS_HANDSHAKE:
    case MB_ERR_WS_CLOSED: return EXIT_NETWORK;
    default: return EXIT_GRAPHQL;
    }
}

/* Is a local stack answering on localhost:8080? A quick TCP probe. */
static int local_stack_up(void) {
    mb_posix_socket s;
    mb_transport t = mb_posix_transport(&s);
    mb_status st = t.connect(t.ctx, "localhost", 8080, 300);
    t.close(t.ctx);
    return st == MB_OK;
}

int cli_connect(cli *k) {
    mb_config cfg;
    mb_status s;
    if (k->connected) return EXIT_OK;
    memset(&cfg, 0, sizeof cfg);
    cfg.url = k->url;
    cfg.jwt = k->jwt;
    cfg.admin_secret = k->admin_secret;
    cfg.role = k->role;
    cfg.timeout_ms = cfg.connect_timeout_ms = k->timeout_ms;
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = tokens;
    cfg.max_tokens = sizeof tokens / sizeof tokens[0];
    cfg.debug = k->debug;
    cfg.log = on_log;
    cfg.transport = mb_posix_transport(&k->sock);
    if (k->jwt && k->admin_secret)
        fprintf(stderr, "mb: note: both a JWT and an admin secret (--admin-secret or HASURA_GRAPHQL_ADMIN_SECRET): "
                        "the admin secret wins and Hasura ignores the JWT\n");
    if (strncmp(k->url, "https://", 8) == 0 || strncmp(k->url, "HTTPS://", 8) == 0) {
        mb_tls_config tc;
        memset(&tc, 0, sizeof tc);
        tc.log = on_log;
        if (k->insecure) {
            fprintf(stderr, "mb: WARNING: --insecure: TLS certificates are NOT verified; anyone on the path can read and change this session\n");
            tc.insecure_no_verify_DEVELOPMENT_ONLY = 1;
        } else {
            tc.ca_file = k->ca_file ? k->ca_file : "/etc/ssl/certs/ca-certificates.crt";
        }
        s = mb_tls_init(&k->tls, mb_posix_transport(&k->sock), &tc);
        k->tls_used = 1;
        if (s != MB_OK) {
            fprintf(stderr, "mb: %s%s%s\n", mb_strerror(s), tc.ca_file ? ": " : "", tc.ca_file ? tc.ca_file : "");
            return s == MB_ERR_TLS_CONFIG && k->ca_file ? EXIT_USAGE : EXIT_NETWORK;
        }
        cfg.transport = mb_tls_transport(&k->tls);
    }
    s = mb_client_init(&k->c, &cfg);
    if (s != MB_OK) {
        fprintf(stderr, "mb: %s: %s\n", mb_strerror(s), k->url);
        return s == MB_ERR_TLS_REQUIRED ? EXIT_NETWORK : EXIT_USAGE;
    }
    k->connected = 1;
    return EXIT_OK;
}

void cli_close(cli *k) {
    mb_client_close(&k->c);
    if (k->tls_used) mb_tls_free(&k->tls);
}

/* Global options: before the command, and any the command does not claim. */
static int global_option(cli *k, int argc, char **argv, int *i) {
    const char *a = argv[*i];
#define VALUE() arg_value(argc, argv, i)
    if (!strcmp(a, "--env")) {
        const char *v = VALUE();
        if (!v) return cli_usage("--env needs prod, test or local");
        if (!strcmp(v, "prod")) k->url = mb_env_url(MB_ENV_PROD);
        else if (!strcmp(v, "test")) k->url = mb_env_url(MB_ENV_TEST);
        else if (!strcmp(v, "local")) k->url = mb_env_url(MB_ENV_LOCAL);
        else return cli_usage("--env must be prod, test or local, not '%s'", v);
        k->env_name = v;
    } else if (!strcmp(a, "--url")) {
        if (!(k->url = VALUE())) return cli_usage("--url needs a URL");
        k->env_name = NULL;
    } else if (!strcmp(a, "--jwt")) {
        if (!(k->jwt = VALUE())) return cli_usage("--jwt needs a token");
    } else if (!strcmp(a, "--admin-secret")) {
        if (!(k->admin_secret = VALUE())) return cli_usage("--admin-secret needs a value");
    } else if (!strcmp(a, "--role")) {
        if (!(k->role = VALUE())) return cli_usage("--role needs a role");
    } else if (!strcmp(a, "--ca")) {
        if (!(k->ca_file = VALUE())) return cli_usage("--ca needs a file");
    } else if (!strcmp(a, "--timeout")) {
        long ms;
        int r = parse_num("--timeout", "milliseconds", VALUE(), 1, 3600000, &ms);
        if (r) return r;
        k->timeout_ms = (uint32_t)ms;
    } else if (!strcmp(a, "--insecure")) {
        k->insecure = 1;
    } else if (!strcmp(a, "--debug")) {
        k->debug = 1;
    } else if (!strcmp(a, "--json")) {
        k->json = 1;
    } else {
        return -1; /* not a global option */
    }
#undef VALUE
    return 0;
}

int main(int argc, char **argv) {
    static cli k;
    static char *rest[256];
    int n = 0, i, r, ended = 0;
    const char *cmd = NULL;
    memset(&k, 0, sizeof k);
    k.timeout_ms = 10000;
    k.jwt = getenv("MB_JWT");
    k.admin_secret = getenv("HASURA_GRAPHQL_ADMIN_SECRET");
    k.tty = isatty(1);
    if (k.jwt && !*k.jwt) k.jwt = NULL;
    if (k.admin_secret && !*k.admin_secret) k.admin_secret = NULL;
    for (i = 1; i < argc; i++) {
        /* a command's own --role (send, token) is not the global one; after "--" nothing is an option */
        int own_role = cmd && (!strcmp(cmd, "send") || !strcmp(cmd, "token")) && !strcmp(argv[i], "--role");
        if (!ended && !own_role && (r = global_option(&k, argc, argv, &i)) >= 0) {
            if (r) return r;
            continue;
        }
        if (!cmd && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))) {
            fputs(USAGE, stdout);
            return EXIT_OK;
        }
        if (!cmd && argv[i][0] == '-') return cli_usage("unknown option '%s'", argv[i]);
        if (!cmd) {
            cmd = argv[i];
            continue;
        }
        if (!strcmp(argv[i], "--")) ended = 1; /* and the command gets it: the same rule there */
        if (n < (int)(sizeof rest / sizeof rest[0])) rest[n++] = argv[i];
        else return cli_usage("too many arguments after the command (at most %d)", n); /* never dropped unread */
    }
    if (!cmd) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    if (!k.url) {
        k.env_name = local_stack_up() ? "local" : "prod";
        k.url = mb_env_url(!strcmp(k.env_name, "local") ? MB_ENV_LOCAL : MB_ENV_PROD);
    }
    /* deliver what earlier `send --queue` runs left (quietly: it is not this command's job); not as
     * anonymous, whom the server refuses every message, and a refused one is dropped for good */
    if (strcmp(cmd, "send") && strcmp(cmd, "token") && outbox_open(&k, 0) == EXIT_OK && k.outbox_open) {
        uint32_t queued = mb_outbox_count(&k.outbox);
        if (queued && (k.jwt || k.admin_secret)) outbox_flush(&k, 0);
        else if (queued)
            fprintf(stderr, "mb: %u queued message%s in %s wait%s for a run with a JWT\n", queued, queued == 1 ? "" : "s",
                    k.outbox_path, queued == 1 ? "s" : "");
        outbox_close(&k); /* before the command: a watch may run for hours */
    }
    if (!strcmp(cmd, "query")) return cmd_query(&k, n, rest);
    if (!strcmp(cmd, "categories")) return cmd_categories(&k, n, rest);
    if (!strcmp(cmd, "chatbots")) return cmd_chatbots(&k, n, rest);
    if (!strcmp(cmd, "chatbot")) return cmd_chatbot(&k, n, rest);
    if (!strcmp(cmd, "threads")) return cmd_threads(&k, n, rest);
    if (!strcmp(cmd, "thread")) return cmd_thread(&k, n, rest);
    if (!strcmp(cmd, "send")) return cmd_send(&k, n, rest);
    if (!strcmp(cmd, "messages")) return cmd_messages(&k, n, rest);
    if (!strcmp(cmd, "watch")) return cmd_watch(&k, n, rest);
    if (!strcmp(cmd, "token")) return cmd_token(&k, n, rest);
    if (!strcmp(cmd, "whoami")) return cmd_whoami(&k, n, rest);
    return cli_usage("unknown command '%s'", cmd);
}
