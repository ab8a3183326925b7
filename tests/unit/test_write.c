/* The bounded writer and the JSON value writer. */
#include <math.h>
#include <stdlib.h>
#include "t.h"

static int eq(const mb_writer *w, const char *want) {
    size_t n = strlen(want);
    int ok = w->err == MB_OK && w->len == n && memcmp(w->buf, want, n) == 0;
    if (!ok) printf("  got  [%.*s] (%s)\n  want [%s]\n", (int)w->len, w->buf, mb_strerror(w->err), want);
    return ok;
}

static void escaping(void) {
    char buf[256];
    mb_writer w;
    t_case = "escaping";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_string(&w, "a\"b\\c\n\r\t\b\f\x01\x1f\x7f/");
    CHECK(eq(&w, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\x7f/\""));

    t_case = "NUL inside a length-delimited string";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_stringn(&w, "x\0y", 3);
    CHECK(eq(&w, "\"x\\u0000y\""));

    t_case = "closing a JSON string early is impossible";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_object_begin(&w);
    mb_w_key(&w, "k\"}");
    mb_w_string(&w, "\"},\"admin\":true,\"x\":\"");
    mb_w_object_end(&w);
    CHECK(eq(&w, "{\"k\\\"}\":\"\\\"},\\\"admin\\\":true,\\\"x\\\":\\\"\"}"));
    CHECK(json_ok(buf, w.len));

    t_case = "UTF-8 passes through";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_string(&w, "h\xc3\xa9llo \xf0\x9f\xa4\x96 \xe2\x80\xa8");
    CHECK(eq(&w, "\"h\xc3\xa9llo \xf0\x9f\xa4\x96 \xe2\x80\xa8\""));
}

static void bad_utf8(void) {
    static const char *const bad[] = {
        "\xc3",             /* truncated */
        "\xc0\xaf",         /* overlong '/' */
        "\xe0\x80\xaf",     /* overlong */
        "\xed\xa0\x80",     /* surrogate D800 */
        "\xf4\x90\x80\x80", /* > U+10FFFF */
        "\xff",             /* never valid */
        "\x80",             /* lone continuation */
        "ok\xe2\x82",       /* truncated at the end */
    };
    char buf[64];
    mb_writer w;
    t_case = "invalid UTF-8 is refused, nothing written";
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mb_w_init(&w, buf, sizeof buf);
        mb_w_string(&w, bad[i]);
        CHECK_ST(mb_w_status(&w), MB_ERR_UTF8);
        mb_w_null(&w); /* sticky: later calls do nothing */
        CHECK_ST(mb_w_status(&w), MB_ERR_UTF8);
        CHECK(!mb_utf8_valid(bad[i], strlen(bad[i])));
    }
    CHECK(mb_utf8_valid("\xf4\x8f\xbf\xbf", 4)); /* U+10FFFF */
    CHECK(mb_utf8_valid("\xef\xbf\xbf", 3));     /* U+FFFF */
}

static void structure(void) {
    char buf[512];
    mb_writer w;
    t_case = "objects, arrays, every scalar";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_object_begin(&w);
    mb_w_key(&w, "s");
    mb_w_string(&w, "x");
    mb_w_key(&w, "i32");
    mb_w_int(&w, INT32_MIN);
    mb_w_key(&w, "i64max");
    mb_w_int(&w, INT64_MAX);
    mb_w_key(&w, "i64min");
    mb_w_int(&w, INT64_MIN);
    mb_w_key(&w, "t");
    mb_w_bool(&w, 1);
    mb_w_key(&w, "f");
    mb_w_bool(&w, 0);
    mb_w_key(&w, "n");
    mb_w_null(&w);
    mb_w_key(&w, "nul");
    mb_w_string(&w, NULL);
    mb_w_key(&w, "a");
    mb_w_array_begin(&w);
    mb_w_int(&w, 1);
    mb_w_array_begin(&w);
    mb_w_array_end(&w);
    mb_w_object_begin(&w);
    mb_w_object_end(&w);
    {
        const char *raw = " {\"r\": [1, 2.5e3, \"\\u00e9\"]} ";
        mb_w_raw(&w, raw, strlen(raw));
    }
    mb_w_array_end(&w);
    mb_w_object_end(&w);
    CHECK(eq(&w, "{\"s\":\"x\",\"i32\":-2147483648,\"i64max\":9223372036854775807,"
                 "\"i64min\":-9223372036854775808,\"t\":true,\"f\":false,\"n\":null,\"nul\":null,"
                 "\"a\":[1,[],{}, {\"r\": [1, 2.5e3, \"\\u00e9\"]} ]}"));
    CHECK(json_ok(buf, w.len));

    t_case = "misuse is reported";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_object_begin(&w);
    mb_w_int(&w, 1); /* value without key */
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, buf, sizeof buf);
    mb_w_array_begin(&w);
    mb_w_key(&w, "k"); /* key in an array */
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, buf, sizeof buf);
    mb_w_array_begin(&w);
    mb_w_object_end(&w); /* mismatched close */
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, buf, sizeof buf);
    mb_w_object_begin(&w);
    mb_w_key(&w, "k");
    mb_w_object_end(&w); /* key without value */
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);

    t_case = "one top-level value only";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_object_begin(&w);
    mb_w_object_end(&w);
    mb_w_null(&w); /* a second value after the first */
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
    mb_w_init(&w, buf, sizeof buf);
    mb_gql_begin(&w, "q", NULL);
    mb_w_object_end(&w);
    mb_w_object_end(&w);
    mb_w_null(&w);
    mb_w_object_begin(&w);
    CHECK_ST(mb_gql_end(&w), MB_ERR_ARG);

    t_case = "depth limit";
    mb_w_init(&w, buf, sizeof buf);
    for (int i = 0; i <= MB_JSON_MAX_DEPTH; i++) mb_w_array_begin(&w);
    CHECK_ST(mb_w_status(&w), MB_ERR_DEPTH);

    t_case = "raw JSON: written as given; mb_json_parse is the strict check";
    {
        static const char *const bad[] = {"", "{", "[1,]", "{\"a\" 1}", "{a:1}", "01", "1.", "-", "tru",
                                          "\"\\x\"", "\"\x01\"", "[1] [2]", "nulll", "1e", "+1",
                                          "{\"a\":1,}", "[\"a\",]"};
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            CHECK(!json_ok(bad[i], strlen(bad[i])));
            if (json_ok(bad[i], strlen(bad[i]))) printf("  accepted: %s\n", bad[i]);
        }
        static const char *const good[] = {"0", "-0.5e-3", "\"\\ud83e\\udd16\"", "[]", "{}", " [ true , null ] ",
                                           "{\"a\":{\"b\":[1,{\"c\":\"\\\"\"}]}}"};
        for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) CHECK(json_ok(good[i], strlen(good[i])));
        mb_w_init(&w, buf, sizeof buf);
        mb_w_raw(&w, "", 0);
        CHECK_ST(mb_w_status(&w), MB_ERR_JSON);
    }
}

static void overflow(void) {
    char buf[16];
    mb_writer w;
    t_case = "overflow is sticky, never truncates silently";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_string(&w, "0123456789");
    CHECK_ST(mb_w_status(&w), MB_OK);
    mb_w_init(&w, buf, sizeof buf);
    mb_w_string(&w, "0123456789abcdef");
    CHECK_ST(mb_w_status(&w), MB_ERR_BUFFER);
    mb_w_bytes(&w, "x", 1);
    CHECK_ST(mb_w_status(&w), MB_ERR_BUFFER);
    /* an exact fit is fine */
    mb_w_init(&w, buf, 4);
    mb_w_bytes(&w, "abcd", 4);
    CHECK_ST(mb_w_status(&w), MB_OK);
    mb_w_bytes(&w, "", 0);
    CHECK_ST(mb_w_status(&w), MB_OK);
    mb_w_init(&w, NULL, 10);
    CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
}

static void doubles(void) {
    static const double v[] = {0.0, -0.0, 1.0, 0.1, -2.5, 1e300, 5e-324, 123456789.125, 3.141592653589793, 1e21,
                               -1.7976931348623157e308};
    char buf[64];
    mb_writer w;
    t_case = "doubles round-trip";
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        mb_w_init(&w, buf, sizeof buf - 1);
        mb_w_double(&w, v[i]);
        CHECK_ST(mb_w_status(&w), MB_OK);
        buf[w.len] = '\0';
        CHECK(json_ok(buf, w.len));
        CHECK(strtod(buf, NULL) == v[i]);
    }
    t_case = "NaN and infinity are not JSON";
    mb_w_init(&w, buf, sizeof buf);
    mb_w_double(&w, NAN);
    CHECK_ST(mb_w_status(&w), MB_ERR_RANGE);
    mb_w_init(&w, buf, sizeof buf);
    mb_w_double(&w, -INFINITY);
    CHECK_ST(mb_w_status(&w), MB_ERR_RANGE);
}

static void graphql_body(void) {
    char buf[256];
    mb_writer w;
    t_case = "request body";
    mb_w_init(&w, buf, sizeof buf);
    mb_gql_begin(&w, "query Q($id: Int!) {\n  chatbot(where: {chatbotId: {_eq: $id}}) { name }\n}", "Q");
    mb_w_key(&w, "id");
    mb_w_int(&w, 7);
    CHECK_ST(mb_gql_end(&w), MB_OK);
    CHECK(eq(&w, "{\"query\":\"query Q($id: Int!) {\\n  chatbot(where: {chatbotId: {_eq: $id}}) { name }\\n}\","
                 "\"operationName\":\"Q\",\"variables\":{\"id\":7}}"));
    mb_w_init(&w, buf, sizeof buf);
    mb_gql_begin(&w, "{ a }", NULL);
    CHECK_ST(mb_gql_end(&w), MB_OK);
    CHECK(eq(&w, "{\"query\":\"{ a }\",\"variables\":{}}"));
    t_case = "unbalanced variables";
    mb_w_init(&w, buf, sizeof buf);
    mb_gql_begin(&w, "{ a }", NULL);
    mb_w_key(&w, "x");
    mb_w_array_begin(&w);
    CHECK_ST(mb_gql_end(&w), MB_ERR_ARG);
}

void test_write(void) {
    escaping();
    bad_utf8();
    structure();
    overflow();
    doubles();
    graphql_body();
}
