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

/* The length of the UTF-8 sequence at s (1..4), or 0 when it is not a
 * valid one: a stray continuation byte, an overlong form, a surrogate, past
 * U+10FFFF, or cut short (the NUL is not a continuation byte). */
static size_t utf8_seq(const unsigned char *s) {
    unsigned char c = s[0];
    size_t n, i;
    if (c < 0x80u) return 1;
    if (c < 0xC2u || c > 0xF4u) return 0;
    n = c < 0xE0u ? 2 : c < 0xF0u ? 3 : 4;
    for (i = 1; i < n; i++)
        if ((s[i] & 0xC0u) != 0x80u) return 0;
    /* the second byte's range is narrower after E0, ED, F0 and F4 */
    if ((c == 0xE0u && s[1] < 0xA0u) || (c == 0xEDu && s[1] > 0x9Fu) || (c == 0xF0u && s[1] < 0x90u) ||
        (c == 0xF4u && s[1] > 0x8Fu))
        return 0;
    return n;
}

const char *cell(char *dst, size_t cap, const char *src, int cols) {
    static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026: one column, as every code point here */
    const unsigned char *p = (const unsigned char *)(src ? src : "");
    size_t o = 0;
    int w = 0;
    if (!cap) return dst;
    while (*p) {
        size_t n = utf8_seq(p), k = n; /* bytes read, bytes written */
        const char *put = (const char *)p;
        if (!n) {
            put = "?";
            n = k = 1;
        } else if (*p < 0x20u || *p == 0x7Fu || (*p == 0xC2u && p[1] < 0xA0u)) { /* C0, DEL, C1 */
            put = " ";
            k = 1;
        }
        if (w == cols || o + k >= cap) break;
        memcpy(dst + o, put, k);
        o += k;
        p += n;
        w++;
    }
    dst[o] = '\0';
    if (*p && cols > 0 && cap >= sizeof ELLIPSIS) { /* cut: the last whole characters make room for the mark */
        while (w > cols - 1 || o + sizeof ELLIPSIS > cap) {
            do o--;
            while (((unsigned char)dst[o] & 0xC0u) == 0x80u);
            w--;
        }
        memcpy(dst + o, ELLIPSIS, sizeof ELLIPSIS);
    }
    return dst;
}

void print_text(const char *s) {
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = utf8_seq(p);
        if (*p == '\n' || *p == '\t' || (*p == '\r' && p[1] == '\n')) {
            putchar(*p);
        } else if (!n || *p < 0x20u || *p == 0x7Fu || (*p == 0xC2u && p[1] < 0xA0u)) {
            putchar('?'); /* a control (ESC starts terminal commands), or not UTF-8 */
            if (!n) n = 1;
        } else {
            fwrite(p, 1, n, stdout);
        }
        p += n;
    }
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
