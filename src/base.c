/* ---- base ---- */

const char *mb_strerror(mb_status s) {
    switch (s) {
    case MB_OK: return "ok";
    case MB_PENDING: return "incomplete: more input needed";
    case MB_ERR_ARG: return "invalid argument or call out of order";
    case MB_ERR_URL: return "malformed or unsupported URL";
    case MB_ERR_BUFFER: return "work buffer too small";
    case MB_ERR_TOKENS: return "token array too small for the JSON";
    case MB_ERR_UTF8: return "string is not valid UTF-8";
    case MB_ERR_JSON: return "malformed JSON";
    case MB_ERR_DEPTH: return "JSON nested too deeply";
    case MB_ERR_NOT_FOUND: return "JSON path not found";
    case MB_ERR_TYPE: return "JSON value has the wrong type";
    case MB_ERR_RANGE: return "number out of range";
    case MB_ERR_HTTP: return "malformed HTTP response";
    case MB_ERR_HTTP_LIMIT: return "HTTP response over a configured limit";
    case MB_ERR_HTTP_STATUS: return "HTTP error status";
    case MB_ERR_TRUNCATED: return "connection closed before the response was complete";
    case MB_ERR_DNS: return "host name lookup failed";
    case MB_ERR_CONNECT: return "connection failed";
    case MB_ERR_TIMEOUT: return "timed out";
    case MB_ERR_CLOSED: return "connection closed by peer";
    case MB_ERR_IO: return "transport I/O error";
    case MB_ERR_TLS_REQUIRED: return "https URL needs a TLS transport";
    case MB_ERR_TLS: return "TLS failure";
    case MB_ERR_GRAPHQL: return "GraphQL error";
    case MB_ERR_AUTH: return "authentication or authorization refused";
    case MB_ERR_NO_DATA: return "response has no data";
    case MB_STATUS_COUNT_: break;
    }
    return "unknown status";
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
