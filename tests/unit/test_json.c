/* jsmn tokens -> path lookup, iteration, typed getters, unescape. */
#include "t.h"

static const char doc_text[] =
    "{\"data\":{\"chatbot\":[{\"name\":\"BlankBot\",\"chatbotId\":1,\"categories\":[]},"
    "{\"name\":\"Ana\\u00efs \\ud83e\\udd16\",\"chatbotId\":2,\"categories\":[{\"category\":{\"name\":\"Health\"}}]},"
    "{\"name\":\"C\",\"chatbotId\":3,\"categories\":[{\"category\":{\"name\":\"A\"}},{\"category\":{\"name\":\"B\\\"q\"}}],"
    "\"avatar\":null,\"isPro\":true,\"disabled\":false,\"price\":\"12.50\",\"big\":\"9007199254740993\","
    "\"f\":-1.5e2,\"neg\":-2147483648,\"over\":2147483648,\"huge\":9223372036854775808,\"frac\":1.5}]},"
    "\"a.b\":1}";

static void lookups(void) {
    mb_token tok[128];
    mb_json d;
    int t, n;
    mb_str v;
    char out[64];
    size_t len;
    t_case = "parse";
    CHECK_ST(mb_json_parse(&d, doc_text, sizeof doc_text - 1, tok, 128), MB_OK);
    t_case = "paths";
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[1].name", &t), MB_OK);
    CHECK_ST(mb_json_get_str(&d, t, &v), MB_OK);
    CHECK_STR(v, "Ana\\u00efs \\ud83e\\udd16"); /* raw view keeps escapes */
    CHECK_ST(mb_json_unescape(&d, t, out, sizeof out, &len), MB_OK);
    CHECK(strcmp(out, "Ana\xc3\xafs \xf0\x9f\xa4\x96") == 0 && len == 11);
    CHECK_ST(mb_json_unescape(&d, t, out, 11, &len), MB_ERR_BUFFER); /* no room for the NUL */
    CHECK(out[0] == '\0');
    CHECK_ST(mb_json_unescape(&d, t, out, 12, &len), MB_OK);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].categories[1].category.name", &t), MB_OK);
    CHECK_ST(mb_json_unescape(&d, t, out, sizeof out, NULL), MB_OK);
    CHECK(strcmp(out, "B\"q") == 0);
    {
        int data, bot;
        CHECK_ST(mb_json_find(&d, 0, "data", &data), MB_OK);
        CHECK_ST(mb_json_find(&d, data, "chatbot[2]", &bot), MB_OK);
        CHECK_ST(mb_json_find(&d, bot, "categories[0].category.name", &t), MB_OK);
        CHECK_STR(mb_json_raw_view(&d, t), "A");
    }
    t_case = "missing and mistyped paths";
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[3]", &t), MB_ERR_NOT_FOUND);
    CHECK_ST(mb_json_find(&d, 0, "data.nope", &t), MB_ERR_NOT_FOUND);
    CHECK_ST(mb_json_find(&d, 0, "data[0]", &t), MB_ERR_TYPE);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot.name", &t), MB_ERR_TYPE);
    CHECK_ST(mb_json_find(&d, 0, "data..x", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[x]", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[1", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, ".data", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[]", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[1x]", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[12345678901]", &t), MB_ERR_ARG); /* index past 10 digits */
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[1000000000]", &t), MB_ERR_NOT_FOUND);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2]name", &t), MB_OK); /* a key right after ']' */
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].name", &n), MB_OK);
    CHECK(t == n);
    CHECK_ST(mb_json_find(&d, 99999, "data", &t), MB_ERR_ARG);
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[0].categories[0]", &t), MB_ERR_NOT_FOUND);

    t_case = "iteration";
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot", &t), MB_OK);
    CHECK(mb_json_size(&d, t) == 3);
    n = 0;
    for (int e = mb_json_first(&d, t); e >= 0; e = mb_json_next(&d, e)) {
        int id;
        int32_t v32;
        n++;
        CHECK_ST(mb_json_find(&d, e, "chatbotId", &id), MB_OK);
        CHECK_ST(mb_json_get_i32(&d, id, &v32), MB_OK);
        CHECK(v32 == n);
    }
    CHECK(n == 3);
    n = 0;
    for (int k = mb_json_first(&d, 0); k >= 0; k = mb_json_next(&d, k)) n++;
    CHECK(n == 2); /* "data" and "a.b" */
    CHECK(mb_json_next(&d, 0) == -1); /* the root has no sibling */
    CHECK(mb_json_next(&d, -1) == -1);
    CHECK(mb_json_next(&d, d.count) == -1);
    CHECK(mb_json_next(&d, d.count - 1) == -1); /* the last value */
    CHECK_ST(mb_json_find(&d, 0, "a.b", &t), MB_ERR_NOT_FOUND); /* keys with '.' by iteration only */
    CHECK(mb_json_next(&d, 1) == d.count - 2); /* "data" -> "a.b", over data's value */
    CHECK_ST(mb_json_find(&d, 0, "data.chatbot[0].categories", &t), MB_OK);
    CHECK(mb_json_first(&d, t) == -1 && mb_json_size(&d, t) == 0);

    t_case = "typed getters";
    {
        int32_t i32;
        int64_t i64;
        double dbl;
        int b;
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].avatar", &t), MB_OK);
        CHECK(mb_json_is_null(&d, t));
        CHECK_ST(mb_json_get_str(&d, t, &v), MB_ERR_TYPE);
        CHECK_ST(mb_json_get_i32(&d, t, &i32), MB_ERR_TYPE);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].isPro", &t), MB_OK);
        CHECK_ST(mb_json_get_bool(&d, t, &b), MB_OK);
        CHECK(b == 1 && !mb_json_is_null(&d, t));
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].disabled", &t), MB_OK);
        CHECK_ST(mb_json_get_bool(&d, t, &b), MB_OK);
        CHECK(b == 0);
        CHECK_ST(mb_json_get_i32(&d, t, &i32), MB_ERR_TYPE);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].price", &t), MB_OK);
        CHECK_ST(mb_json_get_double(&d, t, &dbl), MB_OK);
        CHECK(dbl == 12.5);
        CHECK_ST(mb_json_get_bool(&d, t, &b), MB_ERR_TYPE);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].big", &t), MB_OK);
        CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_OK);
        CHECK(i64 == 9007199254740993LL);
        CHECK_ST(mb_json_get_i32(&d, t, &i32), MB_ERR_RANGE);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].f", &t), MB_OK);
        CHECK_ST(mb_json_get_double(&d, t, &dbl), MB_OK);
        CHECK(dbl == -150.0);
        CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_ERR_TYPE);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].neg", &t), MB_OK);
        CHECK_ST(mb_json_get_i32(&d, t, &i32), MB_OK);
        CHECK(i32 == INT32_MIN);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].over", &t), MB_OK);
        CHECK_ST(mb_json_get_i32(&d, t, &i32), MB_ERR_RANGE);
        CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_OK);
        CHECK(i64 == 2147483648LL);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].huge", &t), MB_OK);
        CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_ERR_RANGE);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].frac", &t), MB_OK);
        CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_ERR_TYPE);
        CHECK_ST(mb_json_find(&d, 0, "data.chatbot[2].name", &t), MB_OK);
        CHECK_ST(mb_json_get_i64(&d, t, &i64), MB_ERR_TYPE);
        CHECK_ST(mb_json_get_double(&d, t, &dbl), MB_ERR_TYPE);
    }
    t_case = "int64 extremes";
    {
        static const char txt[] = "[-9223372036854775808,9223372036854775807,-9223372036854775809,-0,\"-12\"]";
        mb_token tk[8];
        mb_json j;
        int64_t x;
        CHECK_ST(mb_json_parse(&j, txt, sizeof txt - 1, tk, 8), MB_OK);
        CHECK_ST(mb_json_get_i64(&j, 1, &x), MB_OK);
        CHECK(x == INT64_MIN);
        CHECK_ST(mb_json_get_i64(&j, 2, &x), MB_OK);
        CHECK(x == INT64_MAX);
        CHECK_ST(mb_json_get_i64(&j, 3, &x), MB_ERR_RANGE);
        CHECK_ST(mb_json_get_i64(&j, 4, &x), MB_OK);
        CHECK(x == 0);
        CHECK_ST(mb_json_get_i64(&j, 5, &x), MB_OK);
        CHECK(x == -12);
    }
}

static void strictness(void) {
    static const char *const bad[] = {"",      "{",          "{\"a\":1",  "[1,2",      "{\"a\" 1}", "{a:1}",
                                      "tru",   "01",         "1.",        "[1] [2]",   "{\"a\"}",   "nul",
                                      "[-]",   "{\"a\":1}x", "\"abc",     "[1,,2]",    "{,}",       "--1",
                                      "[1,]",  "[1 2]",      "{\"a\":1,}", "{\"a\"::1}", "[[1],,2]", "{\"a\":1 \"b\":2}",
                                      "[,1]",  "{\"a\",1}",  "[[],]",     "{\"a\":[1,]}",
                                      "[\"a\":1]", "{\"a\":\"b\":\"c\"}", "\"a\":1", ":{}", ",[1]", " : \"a\"",
                                      /* what jsmn's ':' and brackets make of misplaced separators */
                                      "[1:2]", "{1:2}", "[[]:1]", "[]:1", "[1]:]", "[1]:,]", "{\"a\"}:1", "{\"a\":{}:2}",
                                      "{\"a\":1:2}", "[{}:1]", "[\"a\" \"b\"]", "[[1,]2]", "[[1]2]", "[1]}", "[ ]:", "[],",
                                      "{\"a\" , 1}", "{\"a\":1,2}", "[[],,]", "[:]", "[,]", "{:}", "[\"a\":]", "[true:1]",
                                      "{\"a\":{\"b\"}}", "[1,[2,]]", "[1,[2],]", "[1e]", "[1.e5]", "[.5]", "[+1]", "[-01]", "[1E+]",
                                      "[1],[2]", "{},1", "\"a\",\"b\"", "1,2", "[[1]],2", "\"a\":1,\"b\":2",
                                      "[1]2", "[1]\"a\"", "{}{}", "\"a\"\"b\"", "\"\"1", "\"\",\"\"", "[][]"};
    mb_token tok[16];
    mb_json d;
    t_case = "strict JSON only";
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mb_status s = mb_json_parse(&d, bad[i], strlen(bad[i]), tok, 16);
        CHECK(s == MB_ERR_JSON);
        if (s != MB_ERR_JSON) printf("  accepted: %s\n", bad[i]);
    }
    t_case = "valid JSON in any spacing";
    {
        static const char *const good[] = {"[1,[2],3]", "[[],[]]", "{\"a\":{},\"b\":[]}", " [ 1 , [ ] , { } ] ",
                                           "{\"a\":[1,{\"b\":null}],\"c\":true}", "[-0,0.5e-3,1E+2,12.25,false]",
                                           "\"a\"", "\"\"", " \"\" ", "[\"\"]", "{\"\":\"\"}", "1", "[[[]]]", "{\"\":0}", "[ [ 1 ] , 2 ]\n", "\t{ \"a\" :\r\n1 , \"b\" : 2 }"};
        for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
            mb_status s = mb_json_parse(&d, good[i], strlen(good[i]), tok, 16);
            CHECK(s == MB_OK);
            if (s != MB_OK) printf("  refused: %s\n", good[i]);
        }
    }
    t_case = "string contents are checked when read";
    {
        static const char *const badstr[] = {"[\"\\x\"]", "[\"\\u12\"]", "[\"\\ud800\"]", "[\"\\udc00\"]",
                                             "[\"\\ud800\\u0041\"]", "[\"a\x01\"]", "[\"\xc3\x28\"]"};
        for (size_t i = 0; i < sizeof badstr / sizeof badstr[0]; i++) {
            mb_str v;
            char out[16];
            mb_status s1, s2;
            s1 = mb_json_parse(&d, badstr[i], strlen(badstr[i]), tok, 16);
            if (s1 != MB_OK) { /* jsmn itself refuses some bad escapes */
                CHECK_ST(s1, MB_ERR_JSON);
                continue;
            }
            s1 = mb_json_get_str(&d, 1, &v);
            s2 = mb_json_unescape(&d, 1, out, sizeof out, NULL);
            CHECK(s1 == MB_ERR_JSON || s1 == MB_ERR_UTF8);
            CHECK(s1 == s2);
        }
    }
    t_case = "token array too small";
    CHECK_ST(mb_json_parse(&d, "[1,2,3,4]", 9, tok, 3), MB_ERR_TOKENS);
    CHECK_ST(mb_json_parse(&d, "[1,2,3,4]", 9, tok, 5), MB_OK);
    CHECK_ST(mb_json_parse(&d, " \"s\" ", 5, tok, 1), MB_OK);
    CHECK_ST(mb_json_parse(&d, " 5\n", 3, tok, 1), MB_OK);
}

void test_json(void) {
    lookups();
    strictness();
}
