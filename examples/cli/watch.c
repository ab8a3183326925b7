/* mb watch THREAD_ID: new messages, live, through a subscription. */
#include <string.h>
#include "cli.h"

int cmd_watch(cli *k, int argc, char **argv) {
    (void)k;
    if (wants_help(argc, argv, "usage: mb watch THREAD_ID [--count N]\n  prints each new message of the thread as it arrives\n"))
        return EXIT_OK;
    fprintf(stderr, "mb: watch: subscriptions are not in this build yet\n");
    return EXIT_GRAPHQL;
}
