/* Output: aligned tables for people, raw JSON for programs. */
#include <string.h>
#include "cli.h"

/* Display width of UTF-8 text: one column per code point (good enough for
 * the Latin, Cyrillic and CJK-free names of the catalogue). */
static int width(const char *s) {
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0u) != 0x80u) w++;
    return w;
}

void print_table(const char *const *headers, int ncols, const char *const *cells, int nrows) {
    int w[16] = {0};
    if (ncols > 16) ncols = 16;
    for (int c = 0; c < ncols; c++) w[c] = width(headers[c]);
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < ncols; c++) {
            int x = width(cells[r * ncols + c]);
            if (x > w[c]) w[c] = x;
        }
    for (int r = -1; r < nrows; r++) {
        for (int c = 0; c < ncols; c++) {
            const char *s = r < 0 ? headers[c] : cells[r * ncols + c];
            if (c == ncols - 1) fputs(s, stdout);
            else printf("%s%*s", s, w[c] - width(s) + 2, "");
        }
        putchar('\n');
    }
}

void print_json_view(mb_str raw) {
    fwrite(raw.ptr, 1, raw.len, stdout);
    putchar('\n');
}

int wants_help(int argc, char **argv, const char *usage) {
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            return 1;
        }
    return 0;
}
