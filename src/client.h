
/* ---- client: configuration, endpoints, auth headers, execute ---- */

/* Endpoints as Masterbots' mb-env names them. The zero value is PROD, as
 * createMbClient defaults to 'prod'. */
typedef enum mb_env { MB_ENV_PROD = 0, MB_ENV_TEST, MB_ENV_LOCAL } mb_env;
#define MB_URL_PROD "https://api.masterbots.ai/v1/graphql"
#define MB_URL_TEST "https://dev-api.masterbots.ai/v1/graphql"
#define MB_URL_LOCAL "http://localhost:8080/v1/graphql"
MB_API const char *mb_env_url(mb_env env);

/* A parsed URL: views into the caller's string. */
typedef struct mb_url {
    mb_str authority; /* host[:port] as written, brackets included: the Host header */
    mb_str host;   /* without brackets for IPv6 literals */
    mb_str path;   /* from the first '/' (or '?') up to any '#'; may be empty */
    uint16_t port; /* explicit or the scheme's default */
    uint8_t tls;   /* https or wss */
    uint8_t ws;    /* ws or wss */
    uint8_t ipv6;  /* host was a bracketed literal */
    uint8_t default_port;
} mb_url;
/* http, https, ws, wss; host names, IPv4 and [IPv6] literals; ports
 * 1-65535. No user info, spaces or control characters: MB_ERR_URL. */
MB_API mb_status mb_url_parse(const char *url, mb_url *out);

typedef struct mb_header {
    const char *name;
    const char *value;
} mb_header;

/* Called when Hasura refuses the JWT (invalid-jwt, JWTExpired included):
 * set *jwt to a fresh token and return MB_OK, and the request is sent once
 * more. The token becomes the client's JWT, as with mb_client_set_jwt():
 * the string must stay valid until it is replaced. The request still
 * waits in the client's buffer: the hook must not use this client (use
 * another one, with its own buffer, to fetch the token). */
typedef mb_status (*mb_refresh_fn)(void *user, const char **jwt);

/* Everything a client needs. Strings are borrowed: they must outlive the
 * client. Zero values give the defaults. */
typedef struct mb_config {
    mb_env env;               /* used when url is NULL */
    const char *url;          /* explicit endpoint instead of env */
    const char *jwt;          /* Authorization: Bearer <jwt> */
    const char *admin_secret; /* x-hasura-admin-secret */
    const char *role;         /* x-hasura-role */
    const mb_header *headers; /* extra request headers */
    size_t num_headers;
    uint32_t connect_timeout_ms; /* 0: MB_DEFAULT_TIMEOUT_MS */
    uint32_t timeout_ms;         /* per send/receive wait; 0: MB_DEFAULT_TIMEOUT_MS */
    mb_transport transport;
    char *buf;                /* work buffer: the request, and the response after it
                                 (the request stays there for a resend) */
    size_t buf_size;
    mb_token *tokens;         /* JSON tokens of the response */
    size_t max_tokens;
    int debug;                /* trace requests/responses to log (redacted) */
    mb_log_fn log;
    void *log_user;
    mb_refresh_fn refresh;
    void *refresh_user;
} mb_config;

typedef struct mb_client {
    /* small fields first: Thumb reaches them with 16-bit instructions */
    uint8_t connected;
    uint32_t requests, connects; /* counters for tests and diagnostics */
    size_t req_len;   /* request bytes kept at the start of buf */
    mb_config cfg;
    mb_http_response http;
    mb_writer w;
    mb_url url;
    mb_result res;
    char host[MB_MAX_HOST + 1]; /* NUL-terminated copy for the transport */
} mb_client;

/* Validates the configuration and parses the URL; connects lazily.
 * MB_ERR_ARG for a missing transport function, buffer or token array, a
 * buf_size under 256 or max_tokens under 4; MB_ERR_URL for a bad URL, a
 * ws(s) URL, or an http URL over a TLS transport; MB_ERR_TLS_REQUIRED for
 * an https URL over a plain one. */
MB_API mb_status mb_client_init(mb_client *c, const mb_config *cfg);
/* Replaces the JWT for the following requests (NULL removes it). */
MB_API void mb_client_set_jwt(mb_client *c, const char *jwt);
/* Starts a request; returns the writer, positioned inside "variables":{ ,
 * for the caller's mb_w_key()/value calls. Never NULL. */
MB_API mb_writer *mb_request(mb_client *c, const char *query, const char *operation_name);
/* Sends the request begun with mb_request() and decodes the answer into
 * *res (valid until the next request on this client). On a kept-alive
 * connection that turns out closed before any response byte (an interim
 * 1xx counts as one), reconnects once and sends the request again.
 * Status: MB_OK, MB_ERR_GRAPHQL/MB_ERR_AUTH (see res->error),
 * MB_ERR_HTTP_STATUS, or a transport/parse status. */
MB_API mb_status mb_send(mb_client *c, mb_result **res);
/* mb_request + variables from a JSON object text (validated; NULL for none)
 * + mb_send. */
MB_API mb_status mb_execute(mb_client *c, const char *query, const char *operation_name, const char *variables_json,
                            mb_result **res);
/* The first GraphQL error of the last response (empty views if none). */
MB_API const mb_error *mb_last_error(const mb_client *c);
/* Closes the connection (a later request reconnects). */
MB_API void mb_client_close(mb_client *c);
