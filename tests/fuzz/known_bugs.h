/* Bugs in src/ that the harnesses found and reported to the lead, not
 * fixed yet. Each detector recognises one bug's inputs so that fuzzing
 * goes on past it; build with -DMB_FUZZ_NO_KNOWN_BUGS to see them fail
 * again (and delete the detector once the fix lands).
 *
 * key chain: mb_json_parse accepts a string followed by ':' where no key
 * may stand: ["a":1], {"a":"b":"c"} (jsmn makes the string a key of the
 * string or array before it; the punctuation check only looks at objects).
 * Expected MB_ERR_JSON, got MB_OK.
 *
 * leading punctuation: mb_json_parse accepts ':' or ',' before the root
 * value: ":{}", ",[1]", " : \"a\"" (the bytes before the first token are
 * never checked). Expected MB_ERR_JSON, got MB_OK.
 *
 * second root: the writer takes a value at depth 0 after the first one
 * (mb__w_value_start returns 1 at depth 0), so a caller that closes the
 * request body early, e.g. mb_request(); mb_w_object_end(w) twice;
 * mb_w_null(w); mb_w_object_begin(w) twice, sends
 * {"query":...,"variables":{}}null{} with status MB_OK. Expected
 * MB_ERR_ARG for the second top-level value. */
#ifndef MB_FUZZ_KNOWN_BUGS_H
#define MB_FUZZ_KNOWN_BUGS_H
static int known_bug_json_accepted(const mb_json *d) {
#if defined(MB_FUZZ_NO_KNOWN_BUGS)
    (void)d;
    return 0;
#else
    size_t a = (size_t)d->tok[0].start - (d->tok[0].type == JSMN_STRING ? 1u : 0u);
    for (size_t k = 0; k < a; k++)
        if (d->js[k] != ' ' && d->js[k] != '\t' && d->js[k] != '\n' && d->js[k] != '\r') return 1;
    for (int i = 1; i < d->count; i++) {
        int p = d->tok[i].parent;
        if (p < 0) continue;
        if (d->tok[p].type == JSMN_STRING && (d->tok[p].parent < 0 || d->tok[d->tok[p].parent].type != JSMN_OBJECT))
            return 1; /* a "key" whose container is not an object */
        if (d->tok[p].type == JSMN_ARRAY && d->tok[i].type == JSMN_STRING && d->tok[i].size > 0) return 1;
    }
    return 0;
#endif
}

static int known_bug_second_root(int seen) {
#if defined(MB_FUZZ_NO_KNOWN_BUGS)
    (void)seen;
    return 0;
#else
    return seen;
#endif
}
#endif
