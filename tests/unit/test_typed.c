/* The typed runtime with hand-written descriptors (the generator's output is
 * tested against the local server), and the device helpers. */
#include <stddef.h>
#include "t.h"

typedef struct cat {
    int32_t category_id;
    struct {
        mb_str name;
    } category;
} cat;
typedef struct bot {
    mb_str name;
    int32_t chatbot_id;
    uint8_t chatbot_id_null;
    mb_str avatar;
    int is_pro;
    mb_numeric price;
    mb_str metadata;
    struct {
        cat *items;
        size_t len;
    } categories;
    struct {
        mb_str *items;
        size_t len;
    } tags;
} bot;
typedef struct data {
    struct {
        bot *items;
        size_t len;
    } chatbot;
    struct {
        struct {
            int32_t count;
        } aggregate;
    } chatbot_aggregate;
} data;

static const mb_field f_catname[] = {{"name", offsetof(cat, category.name) - offsetof(cat, category), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL}};
static const mb_shape s_catname = {f_catname, 1, sizeof(((cat *)0)->category)};
static const mb_field f_cat[] = {
    {"categoryId", offsetof(cat, category_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"category", offsetof(cat, category), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &s_catname},
};
static const mb_shape s_cat = {f_cat, 2, sizeof(cat)};
static const mb_field f_bot[] = {
    {"name", offsetof(bot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"chatbotId", offsetof(bot, chatbot_id), offsetof(bot, chatbot_id_null), MB_T_I32, 0, 0, NULL},
    {"avatar", offsetof(bot, avatar), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isPro", offsetof(bot, is_pro), MB_NO_NULL_FLAG, MB_T_BOOL, 0, 0, NULL},
    {"price", offsetof(bot, price), MB_NO_NULL_FLAG, MB_T_NUMERIC, 0, 0, NULL},
    {"metadata", offsetof(bot, metadata), MB_NO_NULL_FLAG, MB_T_JSON, 0, 0, NULL},
    /* pools count from the first below chatbot's own (pool 0): 1 and 2 */
    {"categories", offsetof(bot, categories), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &s_cat},
    {"tags", offsetof(bot, tags), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_STR, 1, NULL},
};
static const mb_shape s_bot = {f_bot, 8, sizeof(bot)};
static const mb_field f_agg[] = {{"count", 0, MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL}};
static const mb_shape s_agg = {f_agg, 1, sizeof(int32_t)};
static const mb_field f_aggr[] = {{"aggregate", 0, MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &s_agg}};
static const mb_shape s_aggr = {f_aggr, 1, sizeof(((data *)0)->chatbot_aggregate)};
static const mb_field f_data[] = {
    {"chatbot", offsetof(data, chatbot), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &s_bot},
    {"chatbotAggregate", offsetof(data, chatbot_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &s_aggr},
};
static const mb_shape s_data = {f_data, 2, sizeof(data)};

static const char body_text[] =
    "{\"data\":{\"chatbot\":["
    "{\"name\":\"Ana\\u00efs \\\"A\\\" \\ud83e\\udd16\",\"chatbotId\":1,\"avatar\":null,\"isPro\":true,\"price\":\"12.50\","
    "\"metadata\":{\"k\":[1,2]},\"categories\":[{\"categoryId\":3,\"category\":{\"name\":\"Health\"}},"
    "{\"categoryId\":4,\"category\":{\"name\":\"Tech\"}}],\"tags\":[\"x\",\"y\"]},"
    /* keys out of order and one the selection did not ask for */
    "{\"extra\":{\"deep\":[1,{\"a\":2}]},\"categories\":[],\"tags\":[],\"chatbotId\":null,\"name\":\"B\","
    "\"isPro\":false,\"price\":3,\"metadata\":\"s\",\"avatar\":\"https://x/a.png\"},"
    "{\"name\":\"C\",\"chatbotId\":3,\"avatar\":null,\"isPro\":false,\"price\":\"0\",\"metadata\":null,"
    "\"categories\":[{\"categoryId\":5,\"category\":{\"name\":\"Law\"}}],\"tags\":null}"
    "],\"chatbotAggregate\":{\"aggregate\":{\"count\":42}}}}";

void test_typed(void) {
    static char body[sizeof body_text];
    static mb_token tk[256];
    mb_result res;
    data d;
    bot bots[3];
    cat cats[3];
    mb_str tags[2];
    mb_pool pools[3];
    t_case = "typed decode";
    memcpy(body, body_text, sizeof body_text);
    CHECK_ST(mb_gql_decode(&res, body, sizeof body_text - 1, tk, 256), MB_OK);
    pools[0].base = bots; pools[0].cap = 3;
    pools[1].base = cats; pools[1].cap = 3;
    pools[2].base = tags; pools[2].cap = 2;
    CHECK_ST(mb_typed_decode(&res, &s_data, &d, pools, 3), MB_OK);
    CHECK(d.chatbot.len == 3 && d.chatbot.items == bots);
    CHECK(strcmp(bots[0].name.ptr, "Ana\xc3\xafs \"A\" \xf0\x9f\xa4\x96") == 0 && bots[0].name.len == 15);
    CHECK(bots[0].chatbot_id == 1 && !bots[0].chatbot_id_null && bots[0].avatar.ptr == NULL && bots[0].is_pro == 1);
    CHECK(mb_str_eq(bots[0].price.text, "12.50") && bots[0].price.value == 12.5);
    CHECK(mb_str_eq(bots[0].metadata, "{\"k\":[1,2]}"));
    CHECK(bots[0].categories.len == 2 && bots[0].categories.items == cats);
    CHECK(cats[1].category_id == 4 && strcmp(cats[1].category.name.ptr, "Tech") == 0);
    CHECK(bots[0].tags.len == 2 && strcmp(bots[0].tags.items[1].ptr, "y") == 0);
    t_case = "typed decode: order, unknown keys, nulls";
    CHECK(strcmp(bots[1].name.ptr, "B") == 0 && bots[1].chatbot_id_null == 1 && strcmp(bots[1].avatar.ptr, "https://x/a.png") == 0);
    CHECK(bots[1].categories.len == 0 && bots[1].categories.items == NULL && bots[1].tags.len == 0);
    CHECK(mb_str_eq(bots[1].metadata, "\"s\"") && bots[1].price.value == 3.0);
    CHECK(bots[2].categories.len == 1 && bots[2].categories.items == cats + 2 && strcmp(cats[2].category.name.ptr, "Law") == 0);
    CHECK(bots[2].tags.items == NULL && bots[2].metadata.ptr == NULL);
    CHECK(d.chatbot_aggregate.aggregate.count == 42);
    CHECK(pools[0].needed == 3 && pools[1].needed == 3 && pools[2].needed == 2);

    t_case = "typed decode: arrays larger than the caller's";
    memcpy(body, body_text, sizeof body_text);
    CHECK_ST(mb_gql_decode(&res, body, sizeof body_text - 1, tk, 256), MB_OK);
    pools[0].cap = 2;
    pools[1].cap = 1;
    CHECK_ST(mb_typed_decode(&res, &s_data, &d, pools, 3), MB_ERR_CAPACITY);
    CHECK(d.chatbot.len == 2 && pools[0].used == 2 && pools[0].needed == 3);
    CHECK(pools[1].used == 1 && pools[1].needed == 2 && bots[0].categories.len == 1 && bots[1].categories.len == 0);
    CHECK(d.chatbot_aggregate.aggregate.count == 42); /* what follows the array is still decoded */

    t_case = "typed decode: wrong types";
    {
        static char b2[] = "{\"data\":{\"chatbot\":[{\"name\":5}]}}";
        pools[0].cap = 3;
        CHECK_ST(mb_gql_decode(&res, b2, sizeof b2 - 1, tk, 256), MB_OK);
        CHECK_ST(mb_typed_decode(&res, &s_data, &d, pools, 3), MB_ERR_TYPE);
    }
    {
        static char b3[] = "{\"data\":{\"chatbot\":{}}}";
        CHECK_ST(mb_gql_decode(&res, b3, sizeof b3 - 1, tk, 256), MB_OK);
        CHECK_ST(mb_typed_decode(&res, &s_data, &d, pools, 3), MB_ERR_TYPE);
    }

    t_case = "typed decode: a field left out (@include/@skip) reads as null, not as 0";
    {
        static char b4[] = "{\"data\":{\"chatbot\":[{\"name\":\"D\"},{\"chatbotId\":0,\"name\":\"E\"}]}}";
        CHECK_ST(mb_gql_decode(&res, b4, sizeof b4 - 1, tk, 256), MB_OK);
        CHECK_ST(mb_typed_decode(&res, &s_data, &d, pools, 3), MB_OK);
        CHECK(d.chatbot.len == 2 && bots[0].chatbot_id_null == 1 && bots[0].chatbot_id == 0);
        CHECK(bots[1].chatbot_id_null == 0 && bots[1].chatbot_id == 0 && strcmp(bots[1].name.ptr, "E") == 0);
    }

    t_case = "uuid4";
    {
        char u[37];
        CHECK_ST(mb_uuid4(NULL, u), MB_ERR_ARG);
    }
    t_case = "time format and parse";
    {
        char out[32];
        int64_t e;
        CHECK_ST(mb_time_format(0, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "1970-01-01T00:00:00Z") == 0);
        CHECK_ST(mb_time_format(1740817800, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "2025-03-01T08:30:00Z") == 0);
        CHECK_ST(mb_time_format(951782400, out, sizeof out), MB_OK); /* leap day 2000 */
        CHECK(strcmp(out, "2000-02-29T00:00:00Z") == 0);
        CHECK_ST(mb_time_format(-1, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "1969-12-31T23:59:59Z") == 0);
        CHECK_ST(mb_time_format(0, out, 20), MB_ERR_BUFFER);
        CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T08:30:00.123456+00:00"), &e), MB_OK);
        CHECK(e == 1740817800);
        CHECK_ST(mb_time_parse(mb_cstr("2025-03-01 10:30:00+02"), &e), MB_OK);
        CHECK(e == 1740817800);
        CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T03:00:00-0530"), &e), MB_OK);
        CHECK(e == 1740817800);
        CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T08:30:00Z"), &e), MB_OK);
        CHECK(e == 1740817800);
        CHECK_ST(mb_time_parse(mb_cstr("2000-02-29T00:00:00"), &e), MB_OK);
        CHECK(e == 951782400);
        CHECK_ST(mb_time_parse(mb_cstr("2025-13-01T00:00:00Z"), &e), MB_ERR_RANGE);
        CHECK_ST(mb_time_parse(mb_cstr("2025-03-01"), &e), MB_ERR_ARG);
        CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T08:30:00+5"), &e), MB_ERR_ARG);
        CHECK_ST(mb_time_parse(mb_cstr("2025-03-01T08:30:00Zjunk"), &e), MB_ERR_ARG);
    }
    t_case = "slugs";
    {
        char out[80];
        CHECK_ST(mb_slug("What is the best way to learn C on a microcontroller?", "3", out, sizeof out), MB_OK);
        CHECK(strcmp(out, "best-way-learn-c-microcontro-3") == 0); /* the first 48 characters only */
        CHECK_ST(mb_slug("Crème brûlée: ¿cómo hacerla en casa, paso a paso?", NULL, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "creme-brulee-como-hacerla-en-casa-paso") == 0);
        CHECK_ST(mb_slug("one two three four five six seven eight nine", NULL, out, sizeof out), MB_OK);
        CHECK(strcmp(out, "one-two-three-four-five-six-seven") == 0);
        CHECK_ST(mb_slug("\xf0\x9f\xa4\x96!!! ...", "abc", out, sizeof out), MB_OK);
        CHECK(strcmp(out, "abc") == 0);
        CHECK_ST(mb_slug("a very long sentence indeed", NULL, out, 8), MB_ERR_BUFFER);
    }
}
