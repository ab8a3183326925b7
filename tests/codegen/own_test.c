/* Typed C for your own Hasura: code generated from tests/codegen/own.graphql
 * decodes a canned answer (aliases, nulls, numeric, jsonb, scalar lists). */
#define MB_IMPLEMENTATION
#include <errno.h> /* its errno macro must not meet a member errno */
#if !defined(__cplusplus)
#include <complex.h> /* nor its complex */
#endif
#include <stdio.h>
#include <string.h>
#include "mb.h"
#include "own_gen.h"
#include "own_gen.c"

int main(void) {
    static char body[] =
        "{\"data\":{\"device\":[{\"id\":\"9007199254740993\",\"label\":\"k\\u00fcche\",\"firmware\":null,\"battery\":\"87.5\","
        "\"online\":true,\"config\":{\"led\":[1,2]},\"readings\":[{\"at\":\"2025-01-01T00:00:00+00:00\",\"value\":21.5}],"
        "\"tags\":[\"a\",\"b\"],\"owner\":null,\"__typename\":\"device\"}]}}";
    static mb_token toks[128];
    mb_result res;
    mb_devices_data d;
    mb_devices_device dev[2];
    mb_devices_device_readings rd[4];
    mb_str tags[4];
    mb_devices_arrays a = {dev, 2, 0, rd, 4, 0, tags, 4, 0};
    int fails = 0;
#define T(c) do { if (!(c)) { printf("FAIL %s\n", #c); fails++; } } while (0)
    T(mb_gql_decode(&res, body, sizeof body - 1, toks, 128) == MB_OK);
    T(mb_devices_decode(&res, &d, &a) == MB_OK);
    T(d.device.len == 1 && dev[0].id == 9007199254740993LL);
    T(strcmp(dev[0].label.ptr, "k\xc3\xbc" "che") == 0 && dev[0].firmware.ptr == NULL);
    T(dev[0].battery.value == 87.5 && mb_str_eq(dev[0].battery.text, "87.5") && !dev[0].battery_null);
    T(dev[0].online == 1 && mb_str_eq(dev[0].config, "{\"led\":[1,2]}"));
    T(dev[0].readings.len == 1 && rd[0].value == 21.5 && mb_str_eq(rd[0].at, "2025-01-01T00:00:00+00:00"));
    T(dev[0].tags.len == 2 && strcmp(dev[0].tags.items[1].ptr, "b") == 0);
    T(dev[0].owner_null == 1 && strcmp(dev[0].__typename.ptr, "device") == 0);
    T(strstr(mb_devices_op()->query, "query devices($name:String!$limit:Int){device(") == mb_devices_op()->query);
    { /* a timetz variable is text, JSON-escaped, as a timetz result is */
        char out[128];
        mb_writer w;
        mb_seen_vars sv;
        memset(&sv, 0, sizeof sv);
        sv.at = "12:30:00+02";
        mb_w_init(&w, out, sizeof out);
        mb_w_object_begin(&w);
        mb_typed_write_vars(&w, mb_seen_op(), &sv);
        mb_w_object_end(&w);
        T(mb_w_status(&w) == MB_OK && w.len < sizeof out);
        out[w.len < sizeof out ? w.len : 0] = '\0';
        T(strcmp(out, "{\"at\":\"12:30:00+02\"}") == 0);
        if (strcmp(out, "{\"at\":\"12:30:00+02\"}") != 0) printf("  wrote %s\n", out);
    }
    { /* a bigint variable is a string, exact past 2^53 (Hasura reads a number through a double) */
        char out[128];
        mb_writer w;
        mb_by_id_vars bv;
        bv.id = 9007199254740993LL;
        mb_w_init(&w, out, sizeof out);
        mb_w_object_begin(&w);
        mb_typed_write_vars(&w, mb_by_id_op(), &bv);
        mb_w_object_end(&w);
        T(mb_w_status(&w) == MB_OK && w.len < sizeof out);
        out[w.len < sizeof out ? w.len : 0] = '\0';
        T(strcmp(out, "{\"id\":\"9007199254740993\"}") == 0);
    }
    { /* a float4 variable is a double, as a float4 result is */
        char out[64];
        mb_writer w;
        mb_warm_vars wv;
        wv.above = 21.5;
        mb_w_init(&w, out, sizeof out);
        mb_w_object_begin(&w);
        mb_typed_write_vars(&w, mb_warm_op(), &wv);
        mb_w_object_end(&w);
        T(mb_w_status(&w) == MB_OK && w.len < sizeof out);
        out[w.len < sizeof out ? w.len : 0] = '\0';
        T(strcmp(out, "{\"above\":21.5}") == 0);
    }
    { /* a field selected twice (here once through a fragment) gets the union of its selections, as GraphQL merges them */
        static char mbody[] = "{\"data\":{\"device\":[{\"id\":1,\"owner\":{\"email\":\"e@x\",\"name\":\"Ann\"},"
                              "\"readings\":[{\"at\":\"2025-01-01T00:00:00Z\",\"value\":2.5}]}]}}";
        mb_merged_data md;
        mb_merged_device mdev[1];
        mb_merged_device_readings mrd[1];
        mb_merged_arrays ma = {mdev, 1, 0, mrd, 1, 0};
        T(mb_gql_decode(&res, mbody, sizeof mbody - 1, toks, 128) == MB_OK);
        T(mb_merged_decode(&res, &md, &ma) == MB_OK);
        T(md.device.len == 1 && strcmp(mdev[0].owner.email.ptr, "e@x") == 0 && strcmp(mdev[0].owner.name.ptr, "Ann") == 0);
        T(mdev[0].readings.len == 1 && strcmp(mrd[0].at.ptr, "2025-01-01T00:00:00Z") == 0 && mrd[0].value == 2.5);
    }
    { /* a fragment selected alone is one type in every operation; its table
         * fits a list at the root (cards) and an object after other lists
         * (cardsAfterLists), whose readings go to the pool after tags */
        static char cbody[] = "{\"data\":{\"device\":[{\"id\":1,\"readings\":[{\"value\":1.5},{\"value\":2.5}],"
                              "\"owner\":{\"email\":\"a@x\"}},{\"id\":2,\"readings\":[],\"owner\":null}]}}";
        static char kbody[] = "{\"data\":{\"device\":[{\"tags\":[\"t1\",\"t2\",\"t3\"]}],"
                              "\"device_by_pk\":{\"id\":7,\"readings\":[{\"value\":9.5}],\"owner\":{\"email\":\"b@x\"}}}}";
        mb_cards_data cd;
        mb_cards_after_lists_data kd;
        mb_device_card cards[2];
        mb_device_card_readings crd[3], krd[1];
        mb_cards_after_lists_device kdev[1];
        mb_str ktags[3];
        mb_cards_arrays ca = {cards, 2, 0, crd, 3, 0};
        mb_cards_after_lists_arrays ka = {kdev, 1, 0, ktags, 3, 0, krd, 1, 0};
        const mb_device_card *one = &kd.device_by_pk; /* the same type: no cast */
        const mb_owner_card *owner = &cards[0].owner;
        T(mb_gql_decode(&res, cbody, sizeof cbody - 1, toks, 128) == MB_OK);
        T(mb_cards_decode(&res, &cd, &ca) == MB_OK);
        T(cd.device.len == 2 && cd.device.items == cards && cards[0].id == 1 && cards[1].id == 2);
        T(cards[0].readings.len == 2 && cards[0].readings.items == crd && crd[1].value == 2.5 && ca.device_readings_needed == 2);
        T(strcmp(owner->email.ptr, "a@x") == 0 && cards[1].owner_null == 1 && cards[1].readings.len == 0);
        T(mb_gql_decode(&res, kbody, sizeof kbody - 1, toks, 128) == MB_OK);
        T(mb_cards_after_lists_decode(&res, &kd, &ka) == MB_OK);
        T(kd.device.len == 1 && kdev[0].tags.len == 3 && kdev[0].tags.items == ktags && strcmp(ktags[2].ptr, "t3") == 0);
        T(one->id == 7 && one->readings.len == 1 && one->readings.items == krd && krd[0].value == 9.5);
        T(ka.device_by_pk_readings_needed == 1 && ka.device_tags_needed == 3 && strcmp(one->owner.email.ptr, "b@x") == 0);
        ka.device_by_pk_readings_cap = 0; /* the fragment's list counts in its own pool */
        T(mb_cards_after_lists_decode(&res, &kd, &ka) == MB_ERR_CAPACITY && ka.device_by_pk_readings_needed == 1 && ka.device_tags_needed == 3);
    }
    { /* columns named namespace, operator, unix, errno, complex: members with a '_' (C++ keywords, GNU-mode,
         * <errno.h> and <complex.h> macros) */
        static char kbody[] = "{\"data\":{\"device\":[{\"namespace\":\"ns\",\"operator\":\"op\",\"unix\":1700000000,\"errno\":5,\"complex\":true}]}}";
        mb_keywords_data kd;
        mb_keywords_device kdev[1];
        mb_keywords_arrays ka = {kdev, 1, 0};
        T(mb_gql_decode(&res, kbody, sizeof kbody - 1, toks, 128) == MB_OK);
        T(mb_keywords_decode(&res, &kd, &ka) == MB_OK && kd.device.len == 1);
        T(strcmp(kdev[0].namespace_.ptr, "ns") == 0 && strcmp(kdev[0].operator_.ptr, "op") == 0);
        T(kdev[0].unix_ == 1700000000 && kdev[0].errno_ == 5 && !kdev[0].errno__null && kdev[0].complex_ == 1);
    }
    { /* fields under @include/@skip have flags whatever their type; left out they read as null, as does a
         * null list (tags), and a list that is there, empty or not, is not null */
        static char ibody[] = "{\"data\":{\"device\":[{\"id\":1,\"boots\":3,\"tags\":null},"
                              "{\"id\":2,\"online\":false,\"readings\":[],\"tags\":[]}]}}";
        mb_maybe_data md;
        mb_maybe_device mdev[2];
        mb_maybe_device_readings mrd[1];
        mb_str mtags[1];
        mb_maybe_arrays ma = {mdev, 2, 0, mrd, 1, 0, mtags, 1, 0};
        T(mb_gql_decode(&res, ibody, sizeof ibody - 1, toks, 128) == MB_OK);
        T(mb_maybe_decode(&res, &md, &ma) == MB_OK && md.device.len == 2);
        T(mdev[0].online_null == 1 && mdev[0].boots == 3 && !mdev[0].boots_null && mdev[0].readings_null == 1);
        T(mdev[0].tags_null == 1 && mdev[0].tags.len == 0);
        T(mdev[1].online == 0 && !mdev[1].online_null && mdev[1].boots_null == 1 && !mdev[1].readings_null);
        T(mdev[1].readings.len == 0 && !mdev[1].tags_null && mdev[1].tags.len == 0);
    }
    { /* introspection (__type) decodes as any object */
        static char tbody[] = "{\"data\":{\"__type\":{\"name\":\"device\",\"fields\":[{\"name\":\"id\",\"type\":{\"kind\":\"NON_NULL\","
                              "\"name\":null,\"ofType\":{\"name\":\"bigint\"}}},{\"name\":\"firmware\",\"type\":{\"kind\":\"SCALAR\","
                              "\"name\":\"String\",\"ofType\":null}}]}}}";
        mb_columns_data td;
        mb_columns___type_fields tf[2];
        mb_columns_arrays ta = {tf, 2, 0};
        T(mb_gql_decode(&res, tbody, sizeof tbody - 1, toks, 128) == MB_OK);
        T(mb_columns_decode(&res, &td, &ta) == MB_OK && !td.__type_null && strcmp(td.__type.name.ptr, "device") == 0);
        T(td.__type.fields.len == 2 && strcmp(tf[0].type.of_type.name.ptr, "bigint") == 0 && tf[1].type.of_type_null == 1);
    }
    /* "??!" stays as it is (a trigraph to C99); a text past C99's 4095-byte literal is whole, NUL-terminated */
    T(strstr(mb_puzzled_op()->query, "{_eq:\"what?" "?!\"}") != NULL);
    {
        static const char head[] = "query longQuery{device(where:{name:{_eq:\"\"\"line 00: K\xc3\xbc" "che \xe2\x80\x93 it's ?" "?! a back\\slash";
        static const char tail[] = "line 63: K\xc3\xbc" "che \xe2\x80\x93 it's ?" "?! a back\\slash and \"quotes\" ........\"\"\"}}){id}}";
        const char *q = mb_long_query_op()->query;
        size_t n = strlen(q);
        T(n > 4095 && strncmp(q, head, sizeof head - 1) == 0);
        T(strcmp(q + n - (sizeof tail - 1), tail) == 0);
    }
    /* text outside ASCII in a document is kept as its UTF-8 bytes */
    T(strstr(mb_kitchen_op()->query, "{_eq:\"K\xc3\xbc" "che \xe2\x80\x93 1\"}") != NULL);
    printf("%d passed, %d failed\n", fails ? 0 : 1, fails ? 1 : 0);
    return fails != 0;
}
