/* Bugs in src/ that the harnesses found and reported to the lead, not
 * fixed yet. Each detector recognises one bug's inputs so that fuzzing
 * goes on past it; build with -DMB_FUZZ_NO_KNOWN_BUGS to see them fail
 * again (and delete the detector once the fix lands).
 *
 * (Fixed and removed: mb_json_parse accepted ["a":1], {"a":"b":"c"} and
 * ":{}"; fixed in d72c5df.)
 *
 * second root: the writer takes a value at depth 0 after the first one
 * (mb__w_value_start returns 1 at depth 0), so a caller that closes the
 * request body early sends a body that is not one JSON value with status
 * MB_OK: mb_request(c, "q", NULL); mb_w_object_end(w); mb_w_object_end(w);
 * mb_w_null(w); mb_w_object_begin(w); mb_w_key(w, "k");
 * mb_w_object_begin(w); mb_send() sends {"query":"q","variables":{}}null{"k":{}}
 * (mb_gql_end only checks that depth is 2). Expected MB_ERR_ARG for the
 * second top-level value. */
#ifndef MB_FUZZ_KNOWN_BUGS_H
#define MB_FUZZ_KNOWN_BUGS_H
static int known_bug_second_root(int seen) {
#if defined(MB_FUZZ_NO_KNOWN_BUGS)
    (void)seen;
    return 0;
#else
    return seen;
#endif
}
#endif
