/* Unit tests: one binary, every layer. Built with ASan+UBSan by the suite. */
#define MB_IMPLEMENTATION
#include "t.h"
#include "platform/mb_script.h"

int t_pass, t_fail;
const char *t_case;

int main(int argc, char **argv) {
    test_write();
    test_json();
    test_http();
    test_url();
    test_client();
    test_typed();
    test_outbox();
    test_write_more();
    test_typed_more();
    test_outbox_more();
    test_outbox_generated();
    test_outbox_faults();
    test_outbox_http_auth();
    test_core_more();
    if (argc > 1) test_fixtures(argv[1]);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
