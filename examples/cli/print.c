/* Output: aligned tables for people, raw JSON for programs. */
#include <string.h>
#include "cli.h"
#include "width.h"

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

/* The code point of the valid n-byte sequence at s. */
static uint32_t utf8_cp(const unsigned char *s, size_t n) {
    uint32_t cp = n == 1 ? s[0] : n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
    for (size_t i = 1; i < n; i++) cp = cp << 6 | (s[i] & 0x3Fu);
    return cp;
}

/* Columns come from our own table of Unicode ranges (width.h, written by
 * tools/width-table.mjs), not from wcwidth(): that one depends on the
 * user's locale (under the C locale, the default of a fresh machine, cron
 * and CI, it knows nothing past ASCII) and on the C library's Unicode
 * version, and the same text must make the same table on every machine.
 * Each code point counts on its own, as wcwidth() and most terminals do. */
static int in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid][0]) hi = mid;
        else if (cp > r[mid][1]) lo = mid + 1;
        else return 1;
    }
    return 0;
}

static int cp_width(uint32_t cp) {
    if (cp < 0x300u) return 1; /* Latin-1 and Latin Extended: no mark, nothing wide */
    if (in_ranges(cp, ZERO_WIDTH, sizeof ZERO_WIDTH / sizeof ZERO_WIDTH[0])) return 0;
    return in_ranges(cp, WIDE, sizeof WIDE / sizeof WIDE[0]) ? 2 : 1;
}

/* One character of the source as a cell shows it: its n bytes become the k
 * bytes at put, cols columns wide. A control becomes a space (a cell is one
 * line, and ESC would command the terminal); what is not UTF-8, a '?'. */
typedef struct glyph {
    const char *put;
    size_t n, k;
    int cols;
} glyph;

static glyph next_glyph(const unsigned char *p) {
    glyph g;
    g.put = (const char *)p;
    g.n = g.k = utf8_seq(p);
    g.cols = 1;
    if (!g.n) {
        g.put = "?";
        g.n = g.k = 1;
    } else if (*p < 0x20u || *p == 0x7Fu || (*p == 0xC2u && p[1] < 0xA0u)) { /* C0, DEL, C1 */
        g.put = " ";
        g.k = 1;
    } else {
        g.cols = cp_width(utf8_cp(p, g.n));
    }
    return g;
}

/* A character with the zero-width ones after it (combining marks,
 * joiners): a cut goes before or after them all, never between. */
static glyph next_cluster(const unsigned char *p) {
    glyph c = next_glyph(p), g;
    while (p[c.n] && (g = next_glyph(p + c.n)).cols == 0) {
        c.n += g.n;
        c.k += g.k;
    }
    return c;
}

int text_width(const char *s) {
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    int w = 0;
    while (*p) {
        glyph g = next_glyph(p);
        w += g.cols;
        p += g.n;
    }
    return w;
}

const char *cell(char *dst, size_t cap, const char *src, int cols) {
    static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026: one column */
    const unsigned char *p = (const unsigned char *)(src ? src : "");
    size_t o = 0, mark_o = 0; /* mark_o, mark_w: the last cut with room for the ellipsis after it */
    int w = 0, mark_w = 0, by_cols = 0;
    if (!cap) return dst;
    while (*p) {
        glyph c = next_cluster(p);
        if (w + c.cols > cols || o + c.k >= cap) {
            by_cols = w + c.cols > cols;
            break;
        }
        for (const unsigned char *q = p; q < p + c.n;) {
            glyph g = next_glyph(q);
            memcpy(dst + o, g.put, g.k);
            o += g.k;
            q += g.n;
        }
        p += c.n;
        w += c.cols;
        if (w < cols && o + sizeof ELLIPSIS <= cap) {
            mark_o = o;
            mark_w = w;
        }
    }
    if (*p && cols > 0 && cap >= sizeof ELLIPSIS) { /* cut: the mark after the last whole characters that leave room */
        memcpy(dst + mark_o, ELLIPSIS, sizeof ELLIPSIS - 1);
        o = mark_o + sizeof ELLIPSIS - 1;
        w = mark_w + 1;
    }
    /* cut at its columns, a cell fills them: a space where a wide character did not fit */
    while (by_cols && w < cols && o + 1 < cap) {
        dst[o++] = ' ';
        w++;
    }
    dst[o] = '\0';
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
    for (int c = 0; c < ncols; c++) w[c] = text_width(headers[c]);
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < ncols; c++) {
            int x = text_width(cells[r * ncols + c]);
            if (x > w[c]) w[c] = x;
        }
    for (int r = -1; r < nrows; r++) {
        for (int c = 0; c < ncols; c++) {
            const char *s = r < 0 ? headers[c] : cells[r * ncols + c];
            if (c == ncols - 1) fputs(s, stdout);
            else printf("%s%*s", s, w[c] - text_width(s) + 2, "");
        }
        putchar('\n');
    }
}

void print_json_view(mb_str raw) {
    fwrite(raw.ptr, 1, raw.len, stdout);
    putchar('\n');
}

/* -h anywhere before "--": after it, "-h" is a TEXT or a NAME */
int wants_help(int argc, char **argv, const char *usage) {
    for (int i = 0; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            return 1;
        }
    return 0;
}
