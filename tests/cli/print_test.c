/* The mb command's table cells (examples/cli/print.c): cut at a character
 * boundary, never past their terminal columns (wide CJK and emoji, zero-width
 * marks) or bytes, always one line of valid UTF-8. Built with ASan+UBSan by tests/suites/52-cli. */
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
    is("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 256, 3, "\xF0\x9F\x98\x80\xE2\x80\xA6"); /* 😀😀😀 -> 😀…: 2 + 1 columns */
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

/* text_width(s) is cols */
static void width_is(const char *s, int cols) {
    int got = text_width(s);
    if (got == cols) {
        t_pass++;
    } else {
        t_fail++;
        printf("FAIL text_width(\"%s\") = %d, want %d\n", s, got, cols);
    }
}

/* columns as a terminal shows them (Unicode's East Asian Width and general
 * categories), whatever the locale */
static void test_width(void) {
    width_is("abc \xC3\xA9\xC3\xA8 \xD0\xB6", 8);                          /* ASCII, Latin, Cyrillic: one each */
    width_is("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6);                   /* 日本語 */
    width_is("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", 6);                   /* 한국어 */
    width_is("\xEF\xBC\xA1\xEF\xBD\xB6", 3);                               /* fullwidth Ａ 2, halfwidth ｶ 1 */
    width_is("\xF0\xA0\x80\x80\xF0\xBF\xBF\xBD", 4);                       /* U+20000, U+3FFFD (planes 2, 3: wide) */
    width_is("\xF0\x9F\x98\x80\xF0\x9F\x8D\xA3", 4);                       /* 😀🍣, past the BMP */
    width_is("\xE2\x98\x95\xE2\x8C\x9A", 4);                               /* ☕⌚: emoji in the BMP */
    width_is("\xF0\x9F\xAB\xA8\xF0\x9F\xAB\xA9", 4);                       /* Unicode 15 and 16 emoji */
    width_is("\xE2\x9D\xA4\xE2\x98\xBA\xE2\x80\xA6", 3);                   /* ❤☺…: text symbols, one each */
    width_is("\xE2\x9D\xA4\xEF\xB8\x8F", 1);                               /* ❤ + VS16: the selector takes none */
    width_is("\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA", 2);                       /* a flag: two regional indicators */
    width_is("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", 4);           /* 👩 ZWJ 💻: per code point */
    width_is("e\xCC\x81", 1);                                              /* e + combining acute */
    width_is("\xE3\x81\x8B\xE3\x82\x99", 2);                               /* か + U+3099 (a mark in a wide block) */
    width_is("a\xE2\x80\x8B" "b\xE2\x80\x8F", 2);                          /* zero-width space, RLM */
    width_is("\xC2\xAD", 1);                                               /* the soft hyphen: drawn */
    width_is("\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87", 4); /* नमस्ते: virama, vowel sign */
    width_is("\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA\xE0\xB8\x94\xE0\xB8\xB5", 4); /* สวัสดี */
    width_is("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", 2);                   /* 한 of conjoining jamo */
    width_is("\xEE\x80\x80\xF4\x8F\xBF\xBF", 2);                           /* private use: one */
    width_is("a\xFF\x1B", 3);                                              /* '?' and a space: one each */
    width_is(NULL, 0);
}

/* cut by columns, not code points: a wide character is whole or absent */
static void test_cell_wide(void) {
    /* 日本語のスレッド is 16 columns: 日本語の and the mark, and a space where ス did not fit */
    is("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x82\xB9\xE3\x83\xAC\xE3\x83\x83\xE3\x83\x89", 256, 10,
       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE2\x80\xA6 ");
    is("\xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98", 256, 8, "\xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98"); /* 中文标题 fits 8 */
    is("\xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98", 256, 7, "\xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE2\x80\xA6");  /* 中文标… */
    is("\xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98", 256, 6, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6 ");             /* 中文… + pad */
    /* emoji past the BMP */
    is("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 256, 6, "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80");
    is("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 256, 5, "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xE2\x80\xA6");
    is("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 256, 4, "\xF0\x9F\x98\x80\xE2\x80\xA6 ");
    is("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 256, 2, "\xE2\x80\xA6 "); /* the first fits, but the mark needs its column */
    is("\xF0\x9F\x98\x80", 256, 1, "\xE2\x80\xA6");
    /* a wide character at the edge: never half of it, a space instead */
    is("ab\xE6\x97\xA5\xE6\x9C\xAC", 256, 4, "ab\xE2\x80\xA6 ");
    is("a\xE6\x97\xA5\xE6\x9C\xAC", 256, 3, "a\xE2\x80\xA6 ");
    is("abc\xE6\x97\xA5", 256, 3, "ab\xE2\x80\xA6");
    is("abcd\xE6\x97\xA5", 256, 4, "abc\xE2\x80\xA6");
    is("\xE6\x97\xA5", 3, 1, " ");                                /* no room for the mark: only the space */
    /* cut by bytes: no padding (the columns were not the limit) */
    is("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 7, 10, "\xE6\x97\xA5\xE2\x80\xA6");
    /* combining marks: no column, and never parted from their letter */
    is("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 256, 3, "e\xCC\x81" "e\xCC\x81\xE2\x80\xA6");
    is("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 256, 3, "e\xCC\x81" "e\xCC\x81" "e\xCC\x81");
    is("abe\xCC\x81xyz", 8, 10, "ab\xE2\x80\xA6");             /* the bytes end inside e + mark: cut before it */
    is("abe\xCC\x81", 3, 10, "ab");                           /* no room for the mark either */
    is("\xCC\x81" "abc", 256, 3, "\xCC\x81" "abc");            /* a mark with no letter before it */
    is("a\xE2\x80\x8B" "b\xE2\x80\x8B", 256, 2, "a\xE2\x80\x8B" "b\xE2\x80\x8B"); /* zero-width spaces */
    is("\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87", 256, 4,
       "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87"); /* नमस्ते is 4 columns */
    /* mixed: Cafe + acute, ☕, 東京, 🍣 (15 columns) in 12 */
    is("Cafe\xCC\x81 \xE2\x98\x95 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x8D\xA3", 256, 12,
       "Cafe\xCC\x81 \xE2\x98\x95 \xE6\x9D\xB1\xE2\x80\xA6 ");
    is("Cafe\xCC\x81 \xE2\x98\x95 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x8D\xA3", 256, 15,
       "Cafe\xCC\x81 \xE2\x98\x95 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x8D\xA3");
}

/* out ends with the cut mark, or the mark and a space */
static int marked(const char *out) {
    size_t n = strlen(out);
    if (n && out[n - 1] == ' ') n--;
    return n >= 3 && !memcmp(out + n - 3, "\xE2\x80\xA6", 3);
}

/* random bytes (biased towards UTF-8 lead and continuation bytes, wide,
 * combining and zero-width characters), random caps and columns: the cell
 * is one valid line that respects both limits; when the bytes are not the
 * limit, a cut cell fills its columns exactly and an uncut one holds all */
static void test_cell_random(void) {
    static const unsigned char pick[] = {'a', ' ', '\n', 0x7F, 0xC2, 0xC3, 0xA9, 0x80, 0x9B, 0xBF, 0xE2, 0x82, 0xAC, 0xED, 0xA0,
                                         0xF0, 0x9F, 0x98, 0xF4, 0x90, 0xFF, 0xC0, 0xE0, 0x8F, 0xCC, 0x81, 0xE3, 0xE6, 0x8B};
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
        w = valid_line(out) < 0 ? -1 : text_width(out);
        if (n >= cap || w < 0 || w > cols) {
            bad++;
            printf("FAIL random case %d: cap %zu cols %d -> %zu bytes, %d columns\n", r, cap, cols, n, w);
        } else if (cols > 0 && cap > len + 4 && (marked(out) ? w != cols : w != text_width(src))) {
            bad++; /* a sanitized cell is never longer than its source, the mark and a pad take 4 bytes more */
            printf("FAIL random case %d: cols %d -> %d columns, %s\n", r, cols, w, marked(out) ? "cut" : "not cut");
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

/* print_table pads by columns: é is one, 日 two, a combining mark none */
static void test_table(void) {
    static const char *const head[] = {"A", "B"};
    static const char *const rows[] = {"\xC3\xA9\xC3\xA9", "x", "abc", "y"};
    static const char *const head2[] = {"TITLE", "BOT"};
    static const char *const rows2[] = {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "a", "Cafe\xCC\x81 \xE2\x98\x95", "b",
                                        "\xF0\x9F\x98\x80z\xE2\x80\x8B", "c", "abc", "d"};
    capture();
    print_table(head, 2, rows, 2);
    CHECK(!strcmp(captured(), "A    B\n\xC3\xA9\xC3\xA9   x\nabc  y\n"));
    capture();
    print_table(head2, 2, rows2, 4); /* 日本語 6, Café ☕ 7, 😀z + ZWSP 3, abc 3: the column is 7 */
    CHECK(!strcmp(captured(), "TITLE    BOT\n"
                              "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E   a\n"
                              "Cafe\xCC\x81 \xE2\x98\x95  b\n"
                              "\xF0\x9F\x98\x80z\xE2\x80\x8B      c\n"
                              "abc      d\n"));
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
    test_width();
    test_cell_wide();
    test_cell_random();
    test_table();
    test_text();
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
