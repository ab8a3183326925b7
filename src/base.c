/* ---- base ---- */

/* One string of NUL-separated messages in enum order: no pointer table. */
static const char mb__messages[] =
    "ok\0" /* MB_OK */
    "incomplete\0" /* MB_PENDING */
    "bad argument\0" /* MB_ERR_ARG */
    "bad URL\0" /* MB_ERR_URL */
    "buffer too small\0" /* MB_ERR_BUFFER */
    "too few JSON tokens\0" /* MB_ERR_TOKENS */
    "caller array too small\0" /* MB_ERR_CAPACITY */
    "invalid UTF-8\0" /* MB_ERR_UTF8 */
    "malformed JSON\0" /* MB_ERR_JSON */
    "JSON too deep\0" /* MB_ERR_DEPTH */
    "JSON path not found\0" /* MB_ERR_NOT_FOUND */
    "wrong JSON type\0" /* MB_ERR_TYPE */
    "number out of range\0" /* MB_ERR_RANGE */
    "malformed HTTP\0" /* MB_ERR_HTTP */
    "HTTP limit exceeded\0" /* MB_ERR_HTTP_LIMIT */
    "HTTP error status\0" /* MB_ERR_HTTP_STATUS */
    "response truncated\0" /* MB_ERR_TRUNCATED */
    "DNS lookup failed\0" /* MB_ERR_DNS */
    "connect failed\0" /* MB_ERR_CONNECT */
    "timed out\0" /* MB_ERR_TIMEOUT */
    "connection closed\0" /* MB_ERR_CLOSED */
    "I/O error\0" /* MB_ERR_IO */
    "https needs TLS transport\0" /* MB_ERR_TLS_REQUIRED */
    "TLS error\0" /* MB_ERR_TLS */
    "no TLS CA configured\0" /* MB_ERR_TLS_NO_CA */
    "bad TLS cert or key\0" /* MB_ERR_TLS_CONFIG */
    "TLS cert untrusted\0" /* MB_ERR_TLS_UNTRUSTED */
    "TLS cert self-signed\0" /* MB_ERR_TLS_SELF_SIGNED */
    "TLS cert expired\0" /* MB_ERR_TLS_EXPIRED */
    "TLS cert host mismatch\0" /* MB_ERR_TLS_HOSTNAME */
    "TLS handshake cut\0" /* MB_ERR_TLS_HANDSHAKE */
    "WebSocket upgrade refused\0" /* MB_ERR_WS_HANDSHAKE */
    "WebSocket protocol error\0" /* MB_ERR_WS_PROTOCOL */
    "WebSocket closed by server\0" /* MB_ERR_WS_CLOSED */
    "WebSocket message refused (4400)\0" /* MB_ERR_WS_BAD_REQUEST */
    "WebSocket init timed out (4408)\0" /* MB_ERR_WS_INIT_TIMEOUT */
    "outbox full\0" /* MB_ERR_QUEUE_FULL */
    "outbox data corrupt\0" /* MB_ERR_CORRUPT */
    "GraphQL error\0" /* MB_ERR_GRAPHQL */
    "auth refused\0" /* MB_ERR_AUTH */
    "no data in response\0" /* MB_ERR_NO_DATA */;

const char *mb_strerror(mb_status s) {
    const char *p = mb__messages;
    unsigned i = (unsigned)s;
    if (i >= (unsigned)MB_STATUS_COUNT_) return "unknown status";
    while (i--) {
        p += strlen(p) + 1;
        if (!*p) return "unknown status"; /* a status added without its message */
    }
    return p;
}

mb_str mb_cstr(const char *s) {
    mb_str v;
    v.ptr = s ? s : "";
    v.len = s ? strlen(s) : 0;
    return v;
}

int mb_str_eq(mb_str a, const char *s) {
    size_t n = s ? strlen(s) : 0;
    return a.len == n && (n == 0 || memcmp(a.ptr, s, n) == 0);
}

static char mb__lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* ASCII case-insensitive compare of a view with a NUL-terminated string. */
static int mb__str_ieq(const char *a, size_t alen, const char *b) {
    size_t i;
    for (i = 0; i < alen; i++)
        if (b[i] == '\0' || mb__lower(a[i]) != mb__lower(b[i])) return 0;
    return b[i] == '\0';
}
