/* Typed C for your own Hasura: code generated from tests/codegen/own.graphql
 * decodes a canned answer (aliases, nulls, numeric, jsonb, scalar lists). */
#define MB_IMPLEMENTATION
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
    /* text outside ASCII in a document is kept as its UTF-8 bytes */
    T(strstr(mb_kitchen_op()->query, "{_eq:\"K\xc3\xbc" "che \xe2\x80\x93 1\"}") != NULL);
    printf("%d passed, %d failed\n", fails ? 0 : 1, fails ? 1 : 0);
    return fails != 0;
}
