/* The mb command: shared declarations. A thin program over mb.h; the SDK
 * does the work, this only parses flags and prints. */
#ifndef MB_CLI_H
#define MB_CLI_H
#include <stdio.h>
#include "mb.h"
#include "platform/mb_posix.h"
#include "platform/mb_mbedtls.h"
#include "platform/mb_posix_file.h"

/* Exit codes (README: CLI reference) */
enum { EXIT_OK = 0, EXIT_GRAPHQL = 1, EXIT_USAGE = 2, EXIT_AUTH = 3, EXIT_NETWORK = 4 };

typedef struct cli {
    const char *url;         /* endpoint */
    const char *env_name;    /* prod, test, local, or NULL with --url */
    const char *jwt;
    const char *admin_secret;
    const char *role;
    const char *ca_file;
    int insecure, debug, json, tty;
    uint32_t timeout_ms;
    /* connection */
    mb_posix_socket sock;
    mb_tls tls;
    int tls_used;
    mb_client c;
    int connected;
    /* the outbox of `mb send --queue` */
    mb_outbox outbox;
    int outbox_open, outbox_lock; /* outbox_lock: the lock file's descriptor while open */
    char outbox_path[1024];
} cli;

/* main.c */
int cli_connect(cli *k);            /* 0 or an exit code (message printed) */
void cli_close(cli *k);
int cli_fail(cli *k, mb_status s);  /* prints the error, returns its exit code */
int cli_usage(const char *fmt, ...);
/* Every command reads its arguments the same way: "--" ends the options
 * (what follows is positional, even "-h" or "--json"); before it, an
 * argument that starts with '-' is an option, but "-" alone (stdin). */
enum { ARG_POSITIONAL, ARG_OPTION, ARG_END };
int arg_kind(const char *a, int *ended); /* ARG_END: the "--", to skip */
/* The value after the option at argv[*i] (and *i moves to it), or NULL
 * when there is none or it is "" (an unset variable) */
char *arg_value(int argc, char **argv, int *i);
/* *out = v, a number lo..hi in plain digits; 0, or a usage error naming
 * flag and what it needs ("a number", "milliseconds") */
int parse_num(const char *flag, const char *what, const char *v, long lo, long hi, long *out);

/* outbox.c: `send --queue` and delivery of what earlier runs queued */
/* 0 or an exit code; holds the queue's lock until outbox_close. Without
 * to_queue and no queue file: 0, and nothing opened */
int outbox_open(cli *k, int to_queue);
int outbox_flush(cli *k, int loud); /* tries to deliver; 0 unless loud and it failed */
void outbox_close(cli *k);          /* saved already: lets other runs at the queue */

/* commands.c: each returns an exit code */
int cmd_query(cli *k, int argc, char **argv);
int cmd_categories(cli *k, int argc, char **argv);
int cmd_chatbots(cli *k, int argc, char **argv);
int cmd_chatbot(cli *k, int argc, char **argv);
int cmd_threads(cli *k, int argc, char **argv);
int cmd_thread(cli *k, int argc, char **argv);
int cmd_send(cli *k, int argc, char **argv);
int cmd_messages(cli *k, int argc, char **argv);
int cmd_watch(cli *k, int argc, char **argv);
int cmd_token(cli *k, int argc, char **argv);
int cmd_whoami(cli *k, int argc, char **argv);

/* jwt.c */
/* The claims of a JWT (not verified: the server does that): user id, role,
 * expiry. 0 on success. */
int jwt_claims(const char *jwt, char *user_id, size_t uid_cap, char *role, size_t role_cap, long long *exp);
/* Signs an HS256 token the way Masterbots does; 0 on success. */
int jwt_mint(const char *key, const char *user_id, const char *role, long ttl, char *out, size_t cap);

/* print.c */
/* Copies src (NULL: "") into a table cell of at most cols terminal columns
 * (text_width) and cap bytes with the NUL. Text that does not fit is cut
 * after a whole character, with its combining marks, and ends with "\u2026"
 * (an ellipsis), then a space when a wide character did not fit in the last
 * column; control characters become spaces and bytes that are not UTF-8
 * become '?', so a cell is one line of valid UTF-8. Returns dst. */
const char *cell(char *dst, size_t cap, const char *src, int cols);
/* Prints text from the server for people: lines and tabs as they are,
 * other controls (an ESC would command the terminal) and bytes that are not
 * UTF-8 as '?'. */
void print_text(const char *s);
/* The terminal columns of s as a cell shows it: two for East Asian wide
 * characters and most emoji, none for combining marks and zero-width ones,
 * one for the rest (a control or a byte that is not UTF-8 too). */
int text_width(const char *s);
void print_table(const char *const *headers, int ncols, const char *const *cells, int nrows);
void print_json_view(mb_str raw);
int wants_help(int argc, char **argv, const char *usage);
#endif
