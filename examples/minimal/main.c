/* The smallest useful mb program: list Masterbots categories.
 *   build/minimal [URL]        (default: the local stack, http://localhost:8080/v1/graphql)
 * MB_JWT in the environment is sent as the bearer token. */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <stdlib.h>
#include "mb.h"
#include "platform/mb_posix.h"

static const char GET_CATEGORIES[] = /* static text: stays in flash on a device */
    "query getCategories { category(orderBy: {order: ASC}) { categoryId name } }";

int main(int argc, char **argv) {
    static char work[16 * 1024];
    static mb_token tokens[1024];
    mb_posix_socket sock;
    mb_client c;
    mb_result *res;
    mb_config cfg = {0};
    mb_status s;
    int list, item;

    cfg.url = argc > 1 ? argv[1] : MB_URL_LOCAL;
    cfg.jwt = getenv("MB_JWT");
    cfg.transport = mb_posix_transport(&sock);
    cfg.buf = work;
    cfg.buf_size = sizeof work;
    cfg.tokens = tokens;
    cfg.max_tokens = sizeof tokens / sizeof tokens[0];
    if ((s = mb_client_init(&c, &cfg)) != MB_OK) {
        fprintf(stderr, "mb: %s\n", mb_strerror(s));
        return 2;
    }
    s = mb_execute(&c, GET_CATEGORIES, "getCategories", NULL, &res);
    if (s != MB_OK) {
        fprintf(stderr, "mb: %s", mb_strerror(s));
        if (mb_last_error(&c)->message.len) fprintf(stderr, ": %s (%s)", mb_last_error(&c)->message.ptr, mb_last_error(&c)->code.ptr);
        fprintf(stderr, "\n");
        mb_client_close(&c);
        return 1;
    }
    if (mb_json_find(&res->doc, res->data, "category", &list) == MB_OK) {
        for (item = mb_json_first(&res->doc, list); item >= 0; item = mb_json_next(&res->doc, item)) {
            int id_tok, name_tok;
            int32_t id = 0;
            char name[128];
            if (mb_json_find(&res->doc, item, "categoryId", &id_tok) != MB_OK ||
                mb_json_get_i32(&res->doc, id_tok, &id) != MB_OK ||
                mb_json_find(&res->doc, item, "name", &name_tok) != MB_OK ||
                mb_json_unescape(&res->doc, name_tok, name, sizeof name, NULL) != MB_OK)
                continue;
            printf("%3d  %s\n", (int)id, name);
        }
    }
    mb_client_close(&c);
    return 0;
}
