/* The mb command's table cells (examples/cli/print.c): cut at a character
 * boundary, never past their columns or bytes, always one line of valid
 * UTF-8. Built with ASan+UBSan by tests/suites/52-cli. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "examples/cli/cli.h"

static int t_pass, t_fail;

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (cond) t_pass++;                                               \
        else {                                                            \
            t_fail++;                                                     \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);        \
        }                                                                 \
    } while (0)

/* cell(src, cols) with cap bytes equals want */
static void is(const char *src, size_t cap, int cols, const char *want) {
    char out[512];
    memset(out, 'Z', sizeof out);
    cell(out, cap, src, cols);
    if (!strcmp(out, want)) {
        t_pass++;
    } else {
        t_fail++;
        printf("FAIL cell(\"%s\", cap %zu, cols %d) = \"%s\", want \"%s\"\n", src ? src : "(null)", cap, cols, out, want);
    }
}

/* An independent check (Unicode Table 3-7), one code point at a time:
 * returns the code points of s, or -1 when s is not UTF-8 or holds a C0
 * control, DEL or a C1 control. */
static int valid_line(const char *str) {
    const unsigned char *s = (const unsigned char *)str;
    int n = 0;
    while (*s) {
        unsigned long cp;
        int more;
        if (*s < 0x80) cp = *s, more = 0;
        else if ((*s & 0xE0) == 0xC0) cp = *s & 0x1Fu, more = 1;
        else if ((*s & 0xF0) == 0xE0) cp = *s & 0x0Fu, more = 2;
        else if ((*s & 0xF8) == 0xF0) cp = *s & 0x07u, more = 3;
        else return -1;
        for (int i = 1; i <= more; i++) {
            if ((s[i] & 0xC0) != 0x80) return -1;
            cp = cp << 6 | (s[i] & 0x3Fu);
        }
        if ((more == 1 && cp < 0x80) || (more == 2 && cp < 0x800) || (more == 3 && cp < 0x10000)) return -1;
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return -1;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return -1;
        s += more + 1;
        n++;
    }
    return n;
}

static void test_cell(void) {
    /* fits: as it is */
    is("abc", 256, 10, "abc");
    is("abcde", 256, 5, "abcde");
    is("", 256, 5, "");
    is(NULL, 256, 5, "");
    /* cut: the last column is the mark */
    is("abcdef", 256, 5, "abcd\xE2\x80\xA6");
    is("x\xC3\xA9\xC3\xA9\xC3\xA9", 256, 3, "x\xC3\xA9\xE2\x80\xA6");      /* xééé -> xé… */
    is("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 256, 2, "\xF0\x9F\x98\x80\xE2\x80\xA6"); /* 😀😀😀 -> 😀… */
    /* the bytes run out before the columns: cut at a whole character */
    is("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 8, 10, "\xC3\xA9\xC3\xA9\xE2\x80\xA6"); /* éé… in 7 + NUL */
    is("\xC3\xA9\xC3\xA9\xC3\xA9", 7, 10, "\xC3\xA9\xC3\xA9\xC3\xA9");                         /* exactly fits */
    is("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 7, 10, "\xE2\x82\xAC\xE2\x80\xA6");             /* €€€ in 7: €… */
    is("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 6, 10, "\xE2\x80\xA6");                         /* in 6: only … */
    /* no room for the mark (under 4 bytes, or no column): cut at a character, unmarked */
    is("abc", 3, 10, "ab");
    is("\xC3\xA9\xC3\xA9", 3, 10, "\xC3\xA9");
    is("abc", 256, 0, "");
    is("abc", 1, 10, "");
    /* one line: controls become spaces (the old newline/tab rule, and ESC, DEL, C1 too) */
    is("a\tb\nc\r", 256, 10, "a b c ");
    is("\x1B[31mred", 256, 20, " [31mred");
    is("a\x7F" "b\xC2\x9B" "c", 256, 20, "a b c");
    is("\xC2\xA0nbsp", 256, 20, "\xC2\xA0nbsp"); /* U+00A0 is not C1 */
    /* not UTF-8: '?' per byte, never passed through */
    is("a\xFF" "b", 256, 10, "a?b");
    is("ab\xC3", 256, 10, "ab?");                     /* cut short at the end */
    is("\xC3(x", 256, 10, "?(x");                    /* lead byte without its continuation */
    is("\xC0\xAF", 256, 10, "??");                   /* overlong '/' */
    is("\xE0\x80\xAF", 256, 10, "???");              /* overlong, 3 bytes */
    is("\xED\xA0\x80", 256, 10, "???");              /* a surrogate */
    is("\xF4\x90\x80\x80", 256, 10, "????");         /* past U+10FFFF */
    is("\x80\xBF", 256, 10, "??");                   /* stray continuation bytes */
    is("\xEF\xBF\xBF\xF4\x8F\xBF\xBF", 256, 10, "\xEF\xBF\xBF\xF4\x8F\xBF\xBF"); /* U+FFFF, U+10FFFF: fine */
}

/* random bytes (biased towards UTF-8 lead and continuation bytes), random
 * caps and columns: the cell is one valid line that respects both limits */
static void test_cell_random(void) {
    static const unsigned char pick[] = {'a', ' ', '\n', 0x7F, 0xC2, 0xC3, 0xA9, 0x80, 0x9B, 0xBF, 0xE2, 0x82,
                                         0xAC, 0xED, 0xA0, 0xF0, 0x9F, 0x98, 0xF4, 0x90, 0xFF, 0xC0, 0xE0, 0x8F};
    char src[64], out[80];
    int bad = 0;
    srand(52);
    for (int r = 0; r < 200000 && bad < 5; r++) {
        size_t len = (size_t)(rand() % 40), cap = (size_t)(rand() % 70) + 1, n;
        int cols = rand() % 30, w;
        for (size_t i = 0; i < len; i++) src[i] = (char)pick[rand() % (int)sizeof pick];
        src[len] = '\0';
        memset(out, 'Z', sizeof out);
        cell(out, cap, src, cols);
        n = strlen(out);
        w = valid_line(out);
        if (n >= cap || w < 0 || w > cols) {
            bad++;
            printf("FAIL random case %d: cap %zu cols %d -> %zu bytes, %d columns\n", r, cap, cols, n, w);
        }
        for (size_t i = cap; i < sizeof out; i++)
            if (out[i] != 'Z') { /* nothing written past cap */
                bad++;
                printf("FAIL random case %d: byte %zu written, cap %zu\n", r, i, cap);
                break;
            }
    }
    CHECK(bad == 0);
}

/* what stdout received while the capture was on */
static FILE *capture_file;
static int capture_fd;
static void capture(void) {
    fflush(stdout);
    capture_file = tmpfile();
    capture_fd = dup(1);
    dup2(fileno(capture_file), 1);
}
static const char *captured(void) {
    static char got[512];
    size_t n;
    fflush(stdout);
    dup2(capture_fd, 1);
    close(capture_fd);
    rewind(capture_file);
    n = fread(got, 1, sizeof got - 1, capture_file);
    got[n] = '\0';
    fclose(capture_file);
    return got;
}

/* print_table pads by code points: é is one column */
static void test_table(void) {
    static const char *const head[] = {"A", "B"};
    static const char *const rows[] = {"\xC3\xA9\xC3\xA9", "x", "abc", "y"};
    capture();
    print_table(head, 2, rows, 2);
    CHECK(!strcmp(captured(), "A    B\n\xC3\xA9\xC3\xA9   x\nabc  y\n"));
}

/* print_text: lines, tabs, CRLF and UTF-8 as they are; other controls and
 * what is not UTF-8 as '?' */
static void text_is(const char *src, const char *want) {
    const char *got;
    capture();
    print_text(src);
    got = captured();
    if (!strcmp(got, want)) {
        t_pass++;
    } else {
        t_fail++;
        printf("FAIL print_text(\"%s\") = \"%s\", want \"%s\"\n", src, got, want);
    }
}

static void test_text(void) {
    text_is("a\nb\tc\r\nd \xC3\xA9 \xF0\x9F\x98\x80", "a\nb\tc\r\nd \xC3\xA9 \xF0\x9F\x98\x80");
    text_is("\x1B[2J\x1B]0;t\x07", "?[2J?]0;t?");
    text_is("over\rwrite", "over?write"); /* a lone CR would overwrite the line */
    text_is("a\x7F\xC2\x9B\xC2\xA0", "a??\xC2\xA0");
    text_is("\xFF\xC3(\xED\xA0\x80", "?" "?(???"); /* split: ??( is a trigraph */
    text_is("end\xC3", "end?");
}

int main(void) {
    test_cell();
    test_cell_random();
    test_table();
    test_text();
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
