/* Consumer of the mb CMake target: the implementation and the POSIX
 * transport in one file, a client set up on http URLs. Prints one line per
 * check and "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include "mb.h"
#include "platform/mb_posix.h"

static int pass, fail;

static void check(int ok, const char *what) {
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (ok) pass++;
    else fail++;
}

int main(void) {
    static char work[4096];
    static mb_token tokens[64];
    mb_posix_socket sock;
    mb_config cfg;
    mb_client c;
    mb_status s;

    memset(&cfg, 0, sizeof cfg);
    cfg.env = MB_ENV_LOCAL;
    cfg.jwt = "jwt";
    cfg.transport = mb_posix_transport(&sock);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = tokens;
    cfg.max_tokens = sizeof tokens / sizeof tokens[0];

    s = mb_client_init(&c, &cfg);
    printf("mb_client_init(MB_ENV_LOCAL) -> %s\n", mb_strerror(s));
    check(s == MB_OK, "mb_client_init with the POSIX transport on MB_ENV_LOCAL");
    check(strcmp(c.host, "localhost") == 0 && c.url.port == 8080, "endpoint is localhost:8080");
    check(sock.fd == -1, "connects lazily: no socket yet");

    cfg.url = "http://[::1]:18080/v1/graphql";
    check(mb_client_init(&c, &cfg) == MB_OK && strcmp(c.host, "::1") == 0 && c.url.port == 18080,
          "explicit IPv6 URL");

    cfg.url = "https://api.masterbots.ai/v1/graphql";
    check(mb_client_init(&c, &cfg) == MB_ERR_TLS_REQUIRED, "https URL over plain TCP is refused");

    mb_client_close(&c);
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
