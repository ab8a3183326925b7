
/* ---- graphql ---- */

void mb_gql_begin(mb_writer *w, const char *query, const char *operation_name) {
    mb_w_object_begin(w);
    mb_w_key(w, "query");
    if (!query) mb__w_fail(w, MB_ERR_ARG);
    mb_w_string(w, query);
    if (operation_name) {
        mb_w_key(w, "operationName");
        mb_w_string(w, operation_name);
    }
    mb_w_key(w, "variables");
    mb_w_object_begin(w);
}

mb_status mb_gql_end(mb_writer *w) {
    if (w->depth != 2) mb__w_fail(w, MB_ERR_ARG); /* after a key, the first end fails */
    mb_w_object_end(w);
    mb_w_object_end(w);
    return w->err;
}

/* Checks variables given as JSON text, an object (with the caller's
 * tokens, free until the answer), and copies its members into the open
 * variables of w; a bad one is w's error, so nothing is sent. With w NULL
 * it only checks. */
static mb_status mb__gql_vars(mb_writer *w, mb_json *d, const char *v, mb_token *tok, size_t max_tokens) {
    mb_status s = mb_json_parse(d, v, strlen(v), tok, max_tokens);
    if (s == MB_OK && tok[0].type != JSMN_OBJECT) s = MB_ERR_JSON;
    if (s == MB_OK) s = mb_json_check_strings(d);
    if (!w) return s;
    if (s != MB_OK) mb__w_fail(w, s);
    else if (tok[0].size) mb__w_members(w, v + tok[1].start - 1, (size_t)(tok[0].end - tok[1].start)); /* "key"... } */
    return s;
}

/* Hasura's authentication codes; the first, invalid-jwt (JWTExpired too),
 * is the one a token refresh can mend. */
static const char mb__auth_codes[] =
    "invalid-jwt\0invalid-headers\0access-denied\0jwt-invalid-claims\0jwt-missing-role-claims\0";

int mb_gql_is_auth_code(mb_str code) { return mb__one_of(code.ptr, code.len, mb__auth_codes, 0) != 0; }

/* Unescapes a string member of obj in place and NUL-terminates it (over
 * its closing quote) into *v; left empty for a missing member or another
 * type. */
static void mb__take_string(mb_result *res, int obj, const char *key, mb_str *v) {
    int t;
    size_t n, i;
    mb_str r;
    mb_status st;
    char *s;
    if (mb_json_find(&res->doc, obj, key, &t) != MB_OK || (st = mb_json_get_str(&res->doc, t, &r)) == MB_ERR_TYPE)
        return;
    s = res->body + (r.ptr - res->doc.js); /* r.ptr, through the writable pointer */
    /* checked first (by mb_json_get_str): an undecodable text (a lone
     * surrogate escape) stays as it was sent when that is clean UTF-8
     * text, else it is left out */
    if (st == MB_OK) {
        (void)mb__unescape(s, r.len, s, r.len, &n); /* cannot fail now: the output is never longer */
    } else {
        n = mb_utf8_valid(s, r.len) ? r.len : 0;
        for (i = 0; i < n; i++)
            if ((unsigned char)s[i] < 0x20) n = 0;
    }
    s[n] = '\0';
    v->ptr = s;
    v->len = n;
}

/* mb_gql_decode adds an auth code's 1 to MB_ERR_GRAPHQL */
typedef char mb__auth_follows_graphql[MB_ERR_AUTH == MB_ERR_GRAPHQL + 1 ? 1 : -1];

mb_status mb_gql_decode(mb_result *res, char *body, size_t len, mb_token *tokens, size_t max_tokens) {
    mb_json *d;
    int t, e = -1, x = -1;
    const char *msg = "message";
    mb_status s;
    if (!res) return MB_ERR_ARG;
    d = &res->doc;
    memset(res, 0, offsetof(mb_result, http_status)); /* the client's field stays */
    res->data = res->errors = -1;
    res->error.message.ptr = res->error.code.ptr = res->error.path.ptr = d->js = "";
    res->body = body;
    /* a NULL body or tokens: MB_ERR_ARG from the parser */
    if ((s = mb_json_parse(d, body, len, tokens, max_tokens)) != MB_OK) return s;
    if (tokens[0].type != JSMN_OBJECT) return MB_ERR_TYPE;
    if (mb_json_find(d, 0, "data", &t) == MB_OK && !mb_json_is_null(d, t)) res->data = t;
    if (mb_json_find(d, 0, "errors", &t) == MB_OK) {
        int one = tokens[t].type == JSMN_OBJECT; /* one error object: graphql-transport-ws's start-failed */
        if (!one && tokens[t].type != JSMN_ARRAY) return MB_ERR_TYPE;
        res->errors = e = t;
        res->num_errors = 1;
        if (!one) {
            res->num_errors = tokens[t].size;
            e++; /* the first error; for [] the next key or none, where no member is found */
        }
        (void)mb_json_find(d, e, "extensions", &x); /* x stays -1 when absent */
    } else if (mb_json_find(d, 0, "error", &t) == MB_OK && mb_json_find(d, 0, "code", &t) == MB_OK) {
        /* legacy/admin shape: {"path":"$","error":"...","code":"..."} */
        res->num_errors = 1;
        e = x = 0;
        msg = "error";
    }
    mb__take_string(res, e, msg, &res->error.message);
    mb__take_string(res, x, "code", &res->error.code);
    mb__take_string(res, x, "path", &res->error.path);
    if (res->num_errors > 0) return (mb_status)(MB_ERR_GRAPHQL + mb_gql_is_auth_code(res->error.code));
    return res->data >= 0 ? MB_OK : MB_ERR_NO_DATA;
}
