/* The typed runtime's less travelled paths: arrays of every scalar type,
 * malformed descriptors, values of the wrong type or out of range, every
 * variable type, and the edges of the device helpers. */
#include <math.h>
#include <stddef.h>
#include "t.h"

typedef struct scalars {
    struct { int32_t *items; size_t len; } ints;
    struct { int64_t *items; size_t len; } longs;
    struct { double *items; size_t len; } reals;
    struct { int *items; size_t len; } flags;
    struct { mb_numeric *items; size_t len; } nums;
} scalars;
static const mb_field f_scalars[] = {
    {"ints", offsetof(scalars, ints), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_I32, 0, NULL},
    {"longs", offsetof(scalars, longs), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_I64, 1, NULL},
    {"reals", offsetof(scalars, reals), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_F64, 2, NULL},
    {"flags", offsetof(scalars, flags), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_BOOL, 3, NULL},
    {"nums", offsetof(scalars, nums), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_NUMERIC, 4, NULL},
};
static const mb_shape s_scalars = {f_scalars, 5, sizeof(scalars)};

/* An array field whose element type has no size: a broken descriptor. */
typedef struct nested {
    struct { void *items; size_t len; } rows;
} nested;
static const mb_field f_nested[] = {{"rows", 0, MB_NO_NULL_FLAG, MB_T_ARR, MB_T_ARR, 0, NULL}};
static const mb_shape s_nested = {f_nested, 1, sizeof(nested)};
static const mb_field f_objnoshape[] = {{"rows", 0, MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, NULL}};
static const mb_shape s_objnoshape = {f_objnoshape, 1, sizeof(nested)};

/* One scalar of each type, for values of the wrong type. */
typedef struct one {
    int32_t i;
    int64_t l;
    int b;
    double d;
    mb_numeric n;
} one;
static const mb_field f_one[] = {
    {"i", offsetof(one, i), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"l", offsetof(one, l), MB_NO_NULL_FLAG, MB_T_I64, 0, 0, NULL},
    {"b", offsetof(one, b), MB_NO_NULL_FLAG, MB_T_BOOL, 0, 0, NULL},
    {"d", offsetof(one, d), MB_NO_NULL_FLAG, MB_T_F64, 0, 0, NULL},
    {"n", offsetof(one, n), MB_NO_NULL_FLAG, MB_T_NUMERIC, 0, 0, NULL},
};
static const mb_shape s_one = {f_one, 5, sizeof(one)};
static const mb_field f_badtype[] = {{"x", 0, MB_NO_NULL_FLAG, 99, 0, 0, NULL}};
static const mb_shape s_badtype = {f_badtype, 1, sizeof(int64_t)};

/* Variables of every type, two of them optional. */
typedef struct allvars {
    const char *s;
    const char *j;
    int32_t i;
    int64_t l;
    double d;
    int b;
    const char *opt;
    uint8_t has_opt;
    int32_t opt_i;
    uint8_t has_opt_i;
} allvars;
static const mb_var v_all[] = {
    {"s", offsetof(allvars, s), MB_NO_NULL_FLAG, MB_T_STR},
    {"j", offsetof(allvars, j), MB_NO_NULL_FLAG, MB_T_JSON},
    {"i", offsetof(allvars, i), MB_NO_NULL_FLAG, MB_T_I32},
    {"l", offsetof(allvars, l), MB_NO_NULL_FLAG, MB_T_I64},
    {"d", offsetof(allvars, d), MB_NO_NULL_FLAG, MB_T_F64},
    {"b", offsetof(allvars, b), MB_NO_NULL_FLAG, MB_T_BOOL},
    {"opt", offsetof(allvars, opt), offsetof(allvars, has_opt), MB_T_STR},
    {"optI", offsetof(allvars, opt_i), offsetof(allvars, has_opt_i), MB_T_I32},
};
static const mb_op op_all = {"q", "all", v_all, 8, NULL};
static const mb_var v_bad[] = {{"o", 0, MB_NO_NULL_FLAG, MB_T_OBJ}};
static const mb_op op_bad = {"q", "bad", v_bad, 1, NULL};

static mb_status rng_ff(void *out, size_t len) {
    memset(out, 0xFF, len);
    return MB_OK;
}
static mb_status rng_00(void *out, size_t len) {
    memset(out, 0, len);
    return MB_OK;
}

/* Decodes body (copied: decoding writes into it) into data with shape. */
static mb_status decode_into(const char *text, const mb_shape *sh, void *data, mb_pool *pools, size_t num_pools) {
    static char body[1024];
    static mb_token tk[128];
    static mb_result res;
    size_t n = strlen(text);
    mb_status s;
    if (n >= sizeof body) return MB_ERR_BUFFER;
    memcpy(body, text, n + 1);
    s = mb_gql_decode(&res, body, n, tk, 128);
    if (s != MB_OK) return s;
    return mb_typed_decode(&res, sh, data, pools, num_pools);
}

static int64_t parse(const char *iso, mb_status *st) {
    int64_t e = -12345;
    *st = mb_time_parse(mb_cstr(iso), &e);
    return e;
}

void test_typed_more(void) {
    t_case = "typed decode: arrays of every scalar type";
    {
        int32_t ints[4];
        int64_t longs[2];
        double reals[2];
        int flags[3];
        mb_numeric nums[2];
        mb_pool p[5];
        scalars d;
        memset(ints, 0x55, sizeof ints);
        p[0].base = ints; p[0].cap = 4;
        p[1].base = longs; p[1].cap = 2;
        p[2].base = reals; p[2].cap = 2;
        p[3].base = flags; p[3].cap = 3;
        p[4].base = nums; p[4].cap = 2;
        CHECK_ST(decode_into("{\"data\":{\"ints\":[1,-2,null,2147483647],\"longs\":[\"9007199254740993\",-9223372036854775808],"
                             "\"reals\":[0.5,-1e3],\"flags\":[true,false,null],\"nums\":[\"12.50\",7]}}",
                             &s_scalars, &d, p, 5),
                 MB_OK);
        CHECK(d.ints.items == ints && d.ints.len == 4);
        CHECK(ints[0] == 1 && ints[1] == -2 && ints[2] == 0 && ints[3] == 2147483647); /* null: zeroed */
        CHECK(d.longs.len == 2 && longs[0] == 9007199254740993LL && longs[1] == INT64_MIN);
        CHECK(d.reals.len == 2 && reals[0] == 0.5 && reals[1] == -1000.0);
        CHECK(d.flags.len == 3 && flags[0] == 1 && flags[1] == 0 && flags[2] == 0);
        CHECK(d.nums.len == 2 && mb_str_eq(nums[0].text, "12.50") && nums[0].value == 12.5);
        CHECK(mb_str_eq(nums[1].text, "7") && nums[1].value == 7.0);

        t_case = "typed decode: a scalar array over its pool";
        p[0].cap = 2;
        CHECK_ST(decode_into("{\"data\":{\"ints\":[7,8,9],\"longs\":[],\"reals\":[],\"flags\":[],\"nums\":[]}}", &s_scalars,
                             &d, p, 5),
                 MB_ERR_CAPACITY);
        CHECK(d.ints.len == 2 && ints[0] == 7 && ints[1] == 8 && p[0].needed == 3 && d.longs.len == 0);

        t_case = "typed decode: a wrong element type in a scalar array";
        p[0].cap = 4;
        CHECK_ST(decode_into("{\"data\":{\"ints\":[1,\"x\"]}}", &s_scalars, &d, p, 5), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"flags\":[1]}}", &s_scalars, &d, p, 5), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"ints\":[2147483648]}}", &s_scalars, &d, p, 5), MB_ERR_RANGE);
    }
    t_case = "typed decode: an array of an element type without a size";
    {
        nested d;
        char space[64];
        mb_pool p[1];
        p[0].base = space;
        p[0].cap = 4;
        CHECK_ST(decode_into("{\"data\":{\"rows\":[]}}", &s_nested, &d, p, 1), MB_ERR_ARG);
        CHECK_ST(decode_into("{\"data\":{\"rows\":[{}]}}", &s_objnoshape, &d, p, 1), MB_ERR_ARG);
        CHECK_ST(decode_into("{\"data\":{}}", &s_nested, &d, p, 1), MB_OK); /* absent: never looked at */
        CHECK(d.rows.items == NULL && d.rows.len == 0);
    }
    t_case = "typed decode: scalars of the wrong type or out of range";
    {
        one d;
        CHECK_ST(decode_into("{\"data\":{\"i\":-2147483648,\"l\":\"-42\",\"b\":false,\"d\":1e-3,\"n\":\"1e2\"}}", &s_one, &d,
                             NULL, 0),
                 MB_OK);
        CHECK(d.i == INT32_MIN && d.l == -42 && d.b == 0 && d.d == 0.001 && d.n.value == 100.0 && mb_str_eq(d.n.text, "1e2"));
        CHECK_ST(decode_into("{\"data\":{\"i\":-2147483649}}", &s_one, &d, NULL, 0), MB_ERR_RANGE);
        CHECK_ST(decode_into("{\"data\":{\"i\":1.5}}", &s_one, &d, NULL, 0), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"i\":\"12\"}}", &s_one, &d, NULL, 0), MB_OK); /* numbers as strings too */
        CHECK(d.i == 12);
        CHECK_ST(decode_into("{\"data\":{\"i\":true}}", &s_one, &d, NULL, 0), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"l\":9223372036854775808}}", &s_one, &d, NULL, 0), MB_ERR_RANGE);
        CHECK_ST(decode_into("{\"data\":{\"l\":true}}", &s_one, &d, NULL, 0), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"b\":\"true\"}}", &s_one, &d, NULL, 0), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"d\":[]}}", &s_one, &d, NULL, 0), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"n\":{}}}", &s_one, &d, NULL, 0), MB_ERR_TYPE);
        CHECK_ST(decode_into("{\"data\":{\"x\":1}}", &s_badtype, &d, NULL, 0), MB_ERR_ARG); /* unknown field type */
        CHECK_ST(decode_into("{\"data\":{\"x\":null}}", &s_badtype, &d, NULL, 0), MB_OK);  /* null: not decoded */
    }
    t_case = "typed decode: a null object where the data should be";
    {
        one d;
        CHECK_ST(decode_into("{\"data\":null}", &s_one, &d, NULL, 0), MB_ERR_NO_DATA);
        CHECK_ST(decode_into("{\"data\":[1]}", &s_one, &d, NULL, 0), MB_ERR_TYPE);
    }

    t_case = "typed variables: every type, optional ones given or not";
    {
        char buf[256];
        mb_writer w;
        allvars v;
        memset(&v, 0, sizeof v);
        v.s = "a\"b";
        v.j = "{\"k\":[1]}";
        v.i = -7;
        v.l = INT64_MAX;
        v.d = 0.25;
        v.b = 1;
        v.opt = "not sent";
        v.opt_i = 5;
        v.has_opt_i = 1;
        mb_w_init(&w, buf, sizeof buf);
        mb_w_object_begin(&w);
        mb_typed_write_vars(&w, &op_all, &v);
        mb_w_object_end(&w);
        CHECK_ST(mb_w_status(&w), MB_OK);
        buf[w.len < sizeof buf ? w.len : sizeof buf - 1] = '\0';
        CHECK(strcmp(buf, "{\"s\":\"a\\\"b\",\"j\":{\"k\":[1]},\"i\":-7,\"l\":\"9223372036854775807\",\"d\":0.25,\"b\":true,"
                          "\"optI\":5}") == 0);
        CHECK(json_ok(buf, w.len));

        t_case = "typed variables: a bigint is a string, exact past 2^53 (Hasura rounds a number through a double)";
        {
            static const struct { int64_t l; const char *text; } big[] = {
                {9007199254740993LL, "\"l\":\"9007199254740993\","}, {0, "\"l\":\"0\","}, {-42, "\"l\":\"-42\","},
                {INT64_MIN, "\"l\":\"-9223372036854775808\","},
            };
            for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
                v.l = big[i].l;
                mb_w_init(&w, buf, sizeof buf);
                mb_w_object_begin(&w);
                mb_typed_write_vars(&w, &op_all, &v);
                mb_w_object_end(&w);
                CHECK_ST(mb_w_status(&w), MB_OK);
                buf[w.len < sizeof buf ? w.len : sizeof buf - 1] = '\0';
                CHECK(strstr(buf, big[i].text) != NULL);
            }
            v.l = INT64_MAX;
        }

        t_case = "typed variables: NULL strings and JSON are null";
        v.s = NULL;
        v.j = NULL;
        v.has_opt = 1;
        v.opt = NULL;
        v.has_opt_i = 0;
        mb_w_init(&w, buf, sizeof buf);
        mb_w_object_begin(&w);
        mb_typed_write_vars(&w, &op_all, &v);
        mb_w_object_end(&w);
        CHECK_ST(mb_w_status(&w), MB_OK);
        buf[w.len < sizeof buf ? w.len : sizeof buf - 1] = '\0';
        CHECK(strcmp(buf, "{\"s\":null,\"j\":null,\"i\":-7,\"l\":\"9223372036854775807\",\"d\":0.25,\"b\":true,\"opt\":null}") == 0);

        t_case = "typed variables: a jsonb text that is one JSON value goes as it is";
        {
            static const char *const good[] = {"0", "-1.5e+3", "true", "null", "\"\"", "\"\\u00e9\\ud83d\\ude00\"",
                                               " [ ] ", "{}", "[1,[2,{\"a\":[]}],\"x\"]", "{\"k\" : {\"k\":null} }",
                                               "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"};
            for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
                char want[128];
                v.j = good[i];
                mb_w_init(&w, buf, sizeof buf);
                mb_w_object_begin(&w);
                mb_typed_write_vars(&w, &op_all, &v);
                mb_w_object_end(&w);
                CHECK_ST(mb_w_status(&w), MB_OK);
                buf[w.len < sizeof buf ? w.len : sizeof buf - 1] = '\0';
                snprintf(want, sizeof want, "\"j\":%s,", good[i]);
                CHECK(strstr(buf, want) != NULL);
            }
        }
        t_case = "typed variables: a jsonb text that is not one JSON value is refused, nothing written";
        {
            static const struct { const char *text; mb_status st; } bad[] = {
                {"", MB_ERR_JSON}, {" ", MB_ERR_JSON}, {"1,\"userId\":\"x\"", MB_ERR_JSON}, {"{}}", MB_ERR_JSON},
                {"[1,]", MB_ERR_JSON}, {"[1 2]", MB_ERR_JSON}, {"{\"a\"}", MB_ERR_JSON}, {"{\"a\":}", MB_ERR_JSON},
                {"{a:1}", MB_ERR_JSON}, {"{\"a\":1,}", MB_ERR_JSON}, {"[}", MB_ERR_JSON}, {"{]", MB_ERR_JSON},
                {"tru", MB_ERR_JSON}, {"01", MB_ERR_JSON}, {"\"abc", MB_ERR_JSON}, {"\"a\\\"", MB_ERR_JSON},
                {"\"\\x\"", MB_ERR_JSON}, {"\"\x01\"", MB_ERR_JSON}, {"\"\xff\"", MB_ERR_UTF8},
                {"\"\\ud800\"", MB_ERR_UTF8}, {"[1]]", MB_ERR_JSON}, {"1 2", MB_ERR_JSON}, {"[", MB_ERR_JSON},
                {"{\"a\":1 \"b\":2}", MB_ERR_JSON}, {"[1:2]", MB_ERR_JSON}, {"{\"a\",1}", MB_ERR_JSON},
                {"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", MB_ERR_DEPTH},
            };
            for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                v.j = bad[i].text;
                mb_w_init(&w, buf, sizeof buf);
                mb_w_object_begin(&w);
                mb_typed_write_vars(&w, &op_all, &v);
                mb_w_object_end(&w);
                CHECK_ST(mb_w_status(&w), bad[i].st);
            }
            v.j = NULL;
        }

        t_case = "typed variables: a NaN or a type variables cannot have";
        v.d = NAN;
        mb_w_init(&w, buf, sizeof buf);
        mb_w_object_begin(&w);
        mb_typed_write_vars(&w, &op_all, &v);
        CHECK_ST(mb_w_status(&w), MB_ERR_RANGE);
        mb_w_init(&w, buf, sizeof buf);
        mb_w_object_begin(&w);
        mb_typed_write_vars(&w, &op_bad, &v);
        CHECK_ST(mb_w_status(&w), MB_ERR_ARG);
        mb_w_init(&w, buf, 4); /* already out of room: the first error stays */
        mb_w_object_begin(&w);
        mb_w_key(&w, "long key");
        mb_typed_write_vars(&w, &op_bad, &v);
        CHECK_ST(mb_w_status(&w), MB_ERR_BUFFER);
    }

    t_case = "uuid4: version and variant bits over any random bytes";
    {
        char u[37];
        CHECK_ST(mb_uuid4(rng_ff, NULL), MB_ERR_ARG);
        CHECK_ST(mb_uuid4(rng_ff, u), MB_OK);
        CHECK(strcmp(u, "ffffffff-ffff-4fff-bfff-ffffffffffff") == 0);
        CHECK_ST(mb_uuid4(rng_00, u), MB_OK);
        CHECK(strcmp(u, "00000000-0000-4000-8000-000000000000") == 0);
    }
    t_case = "time: year 0 and the ends of the range";
    {
        char out[32];
        mb_status st;
        int64_t e = parse("0000-01-01T00:00:00Z", &st);
        CHECK_ST(st, MB_OK);
        CHECK(e == -62167219200LL); /* 719528 days before 1970 */
        CHECK_ST(mb_time_format(e, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "0000-01-01T00:00:00Z") == 0);
        e = parse("0000-02-29T12:00:00Z", &st); /* year 0 is a leap year */
        CHECK_ST(st, MB_OK);
        CHECK_ST(mb_time_format(e, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "0000-02-29T12:00:00Z") == 0);
        CHECK_ST(mb_time_format(-62167219201LL, out, sizeof out), MB_ERR_RANGE); /* year -1 */
        e = parse("9999-12-31T23:59:59Z", &st);
        CHECK_ST(st, MB_OK);
        CHECK_ST(mb_time_format(e, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "9999-12-31T23:59:59Z") == 0);
        CHECK_ST(mb_time_format(e + 1, out, sizeof out), MB_ERR_RANGE);
        /* the extremes of int64: no signed overflow on the way to RANGE (UBSan) */
        CHECK_ST(mb_time_format(INT64_MIN, out, sizeof out), MB_ERR_RANGE);
        CHECK_ST(mb_time_format(INT64_MIN + 86399, out, sizeof out), MB_ERR_RANGE);
        CHECK_ST(mb_time_format(INT64_MAX, out, sizeof out), MB_ERR_RANGE);
    }
    t_case = "time parse: malformed input";
    {
        mb_str none = {NULL, 0};
        int64_t e = 1;
        mb_status st;
        CHECK_ST(mb_time_parse(none, &e), MB_ERR_ARG);
        CHECK(e == 1);
        e = parse("2025-03-01T14:00:00+05:30", &st);
        CHECK_ST(st, MB_OK);
        CHECK(e == 1740817800);
        e = parse("2025-03-01T08:30:00z", &st);
        CHECK_ST(st, MB_OK);
        CHECK(e == 1740817800);
        (void)parse("2025-03-01T14:00:00+05301", &st); /* a fifth offset digit */
        CHECK_ST(st, MB_ERR_ARG);
        (void)parse("2025-03-01T14:00:00+053", &st);
        CHECK_ST(st, MB_ERR_ARG);
        (void)parse("2025-03-01X14:00:00Z", &st);
        CHECK_ST(st, MB_ERR_ARG);
        (void)parse("2025-03-01T14:00:0aZ", &st);
        CHECK_ST(st, MB_ERR_ARG);
        (void)parse("2025-03-00T00:00:00Z", &st);
        CHECK_ST(st, MB_ERR_RANGE);
        (void)parse("2025-03-01T24:00:00Z", &st);
        CHECK_ST(st, MB_ERR_RANGE);
    }
    t_case = "time parse: days past the end of their month, offsets out of range";
    {
        static const char *const bad[] = {"2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-02-30T00:00:00Z",
                                           "2025-04-31T00:00:00Z", "2025-06-31T00:00:00Z", "2025-09-31T00:00:00Z",
                                           "2025-11-31T00:00:00Z", "2025-01-32T00:00:00Z", "2025-03-01T00:00:00+24:00",
                                           "2025-03-01T00:00:00-05:60"};
        static const char *const good[] = {"2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2025-01-31T00:00:00Z",
                                            "2025-03-31T00:00:00Z", "2025-05-31T00:00:00Z", "2025-07-31T00:00:00Z",
                                            "2025-08-31T00:00:00Z", "2025-10-31T00:00:00Z", "2025-12-31T00:00:00Z",
                                            "2025-04-30T00:00:00Z", "2025-03-01T00:00:00-23:59"};
        mb_status st;
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            (void)parse(bad[i], &st);
            CHECK_ST(st, MB_ERR_RANGE);
        }
        for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
            (void)parse(good[i], &st);
            CHECK_ST(st, MB_OK);
        }
    }
    t_case = "slug: ASCII symbols between letters and digits split words";
    {
        char out[80];
        CHECK_ST(mb_slug("snake_case[brackets]{braces}~tilde:colon@at", NULL, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "snake-case-brackets-braces-tilde-colon") == 0); /* "at": a stop word */
        CHECK_ST(mb_slug("x9_y", "1", out, sizeof out), MB_OK);
        CHECK(strcmp(out, "x9-y-1") == 0);
    }
    t_case = "slug: a lead byte without its continuation is dropped";
    {
        char out[80];
        CHECK_ST(mb_slug("caf\xc3" "Au lait", NULL, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "cafau-lait") == 0);
        CHECK_ST(mb_slug("lait \xc3", NULL, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "lait") == 0);
        CHECK_ST(mb_slug(NULL, NULL, out, sizeof out), MB_ERR_ARG);
        CHECK_ST(mb_slug("x", NULL, NULL, 8), MB_ERR_ARG);
    }
    t_case = "slug: a 48-letter word is kept whole";
    {
        char out[80];
        const char *w48 = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv";
        CHECK_ST(mb_slug(w48, NULL, out, sizeof out), MB_OK);
        CHECK(strlen(out) == 48 && memcmp(out, w48, 48) == 0);
    }
}
