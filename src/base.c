/* ---- base ---- */

/* One string of NUL-separated messages in enum order: no pointer table. */
static const char mb__messages[] =
    "ok\0" /* MB_OK */
    "incomplete\0" /* MB_PENDING */
    "bad argument\0" /* MB_ERR_ARG */
    "bad URL\0" /* MB_ERR_URL */
    "buffer too small\0" /* MB_ERR_BUFFER */
    "too few tokens\0" /* MB_ERR_TOKENS */
    "array too small\0" /* MB_ERR_CAPACITY */
    "invalid UTF-8\0" /* MB_ERR_UTF8 */
    "malformed JSON\0" /* MB_ERR_JSON */
    "JSON too deep\0" /* MB_ERR_DEPTH */
    "not found\0" /* MB_ERR_NOT_FOUND */
    "wrong type\0" /* MB_ERR_TYPE */
    "out of range\0" /* MB_ERR_RANGE */
    "malformed HTTP\0" /* MB_ERR_HTTP */
    "HTTP limit\0" /* MB_ERR_HTTP_LIMIT */
    "HTTP status\0" /* MB_ERR_HTTP_STATUS */
    "response truncated\0" /* MB_ERR_TRUNCATED */
    "DNS failed\0" /* MB_ERR_DNS */
    "connect failed\0" /* MB_ERR_CONNECT */
    "timed out\0" /* MB_ERR_TIMEOUT */
    "connection closed\0" /* MB_ERR_CLOSED */
    "I/O error\0" /* MB_ERR_IO */
    "TLS required\0" /* MB_ERR_TLS_REQUIRED */
    "TLS error\0" /* MB_ERR_TLS */
    "no TLS CA\0" /* MB_ERR_TLS_NO_CA */
    "bad TLS cert or key\0" /* MB_ERR_TLS_CONFIG */
    "TLS cert untrusted\0" /* MB_ERR_TLS_UNTRUSTED */
    "TLS cert self-signed\0" /* MB_ERR_TLS_SELF_SIGNED */
    "TLS cert expired\0" /* MB_ERR_TLS_EXPIRED */
    "TLS cert host mismatch\0" /* MB_ERR_TLS_HOSTNAME */
    "TLS handshake cut\0" /* MB_ERR_TLS_HANDSHAKE */
    "WS upgrade refused\0" /* MB_ERR_WS_HANDSHAKE */
    "WS protocol error\0" /* MB_ERR_WS_PROTOCOL */
    "WS closed\0" /* MB_ERR_WS_CLOSED */
    "WS 4400 bad request\0" /* MB_ERR_WS_BAD_REQUEST */
    "WS 4408 init timeout\0" /* MB_ERR_WS_INIT_TIMEOUT */
    "outbox full\0" /* MB_ERR_QUEUE_FULL */
    "outbox corrupt\0" /* MB_ERR_CORRUPT */
    "GraphQL error\0" /* MB_ERR_GRAPHQL */
    "auth refused\0" /* MB_ERR_AUTH */
    "no data\0" /* MB_ERR_NO_DATA */
    "\0unknown status"; /* after the empty entry that ends the list */

const char *mb_strerror(mb_status s) {
    const char *p = mb__messages;
    unsigned i = (unsigned)s;
    /* the walk stops at the empty entry after the last message (a status
     * out of range, or one added without its message): "unknown status" */
    while (*p && i--)
        while (*p++) {}
    return *p ? p : p + 1;
}

mb_str mb_cstr(const char *s) {
    mb_str v;
    v.ptr = s ? s : "";
    v.len = strlen(v.ptr);
    return v;
}

static int mb__is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int mb__is_digit(char c) { return (unsigned char)c - (unsigned)'0' < 10u; }
/* Value of a hex digit, -1 for any other byte. */
static int mb__hex(char c) {
    unsigned x = (unsigned char)c;
    if (x - '0' < 10u) return (int)(x - '0');
    x |= 0x20u; /* a letter in lower case */
    return x - 'a' < 6u ? (int)(x - 'a') + 10 : -1;
}

/* Compares a view with a NUL-terminated string, ignoring ASCII case when
 * fold is set. */
static int mb__match(const char *a, size_t alen, const char *b, int fold) {
    size_t i;
    for (i = 0; i < alen; i++) {
        unsigned x = (unsigned char)a[i], d = x ^ (unsigned char)b[i];
        /* equal, or the same letter in the other case when folding */
        if (!b[i] || (d && !(fold && d == 0x20u && (x | 0x20u) - 'a' < 26u))) return 0;
    }
    return b[i] == '\0';
}

static int mb__str_ieq(const char *a, size_t alen, const char *b) { return mb__match(a, alen, b, 1); }

/* 1 + the index of the entry of `list` (NUL-separated, ending with an empty
 * entry) that matches p[0..n), 0 when none does. */
static int mb__one_of(const char *p, size_t n, const char *list, int fold) {
    int i;
    for (i = 1; *list; i++) {
        if (mb__match(p, n, list, fold)) return i;
        while (*list++) {}
    }
    return 0;
}

int mb_str_eq(mb_str a, const char *s) { return s ? mb__match(a.ptr, a.len, s, 0) : !a.len; /* NULL as "" */ }
