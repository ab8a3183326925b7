/* ---- base: views, status codes, transport contract, logging, options ---- */

/* Compile-time limits. Override any of them with -D or before the include. */
#ifndef MB_MAX_HOST
#define MB_MAX_HOST 255 /* longest host name kept from a URL */
#endif
#ifndef MB_HTTP_MAX_HEADERS
#define MB_HTTP_MAX_HEADERS 48 /* response header lines accepted */
#endif
#ifndef MB_HTTP_MAX_LINE
#define MB_HTTP_MAX_LINE 4096 /* longest response status/header line */
#endif
#ifndef MB_HTTP_MAX_HEAD
#define MB_HTTP_MAX_HEAD 16384 /* whole response head, all lines */
#endif
#ifndef MB_HTTP_MAX_CHUNK
#define MB_HTTP_MAX_CHUNK 0x7fffffffUL /* largest chunk-size accepted */
#endif
#ifndef MB_JSON_MAX_DEPTH
#define MB_JSON_MAX_DEPTH 32 /* nesting of the variables writer, and of a jsonb variable's text */
#endif
#if MB_JSON_MAX_DEPTH > 32
#error "MB_JSON_MAX_DEPTH is at most 32 (one bit per level)"
#endif
#ifndef MB_DEFAULT_TIMEOUT_MS
#define MB_DEFAULT_TIMEOUT_MS 10000
#endif

/* A view of bytes owned by someone else: not NUL-terminated. */
typedef struct mb_str {
    const char *ptr;
    size_t len;
} mb_str;

/* One status enum for the whole SDK. 0 is success; every other value is a
 * distinct failure with a message from mb_strerror(). */
typedef enum mb_status {
    MB_OK = 0,
    MB_PENDING,              /* incremental parser: more input needed */
    MB_ERR_ARG,              /* invalid argument or call out of order */
    MB_ERR_URL,              /* malformed or unsupported URL */
    MB_ERR_BUFFER,           /* work buffer too small: nothing was sent / kept */
    MB_ERR_TOKENS,           /* token array too small for the response */
    MB_ERR_CAPACITY,         /* a caller array is too small: filled to capacity, rest counted */
    MB_ERR_UTF8,             /* string value is not valid UTF-8 */
    MB_ERR_JSON,             /* malformed JSON */
    MB_ERR_DEPTH,            /* JSON nesting deeper than MB_JSON_MAX_DEPTH */
    MB_ERR_NOT_FOUND,        /* JSON path does not exist */
    MB_ERR_TYPE,             /* JSON value has another type */
    MB_ERR_RANGE,            /* number does not fit the requested type */
    MB_ERR_HTTP,             /* malformed HTTP response */
    MB_ERR_HTTP_LIMIT,       /* response head/header/chunk over a limit */
    MB_ERR_HTTP_STATUS,      /* HTTP status other than 2xx */
    MB_ERR_TRUNCATED,        /* connection ended inside the response */
    MB_ERR_DNS,              /* host name did not resolve */
    MB_ERR_CONNECT,          /* could not connect */
    MB_ERR_TIMEOUT,          /* no progress within the timeout */
    MB_ERR_CLOSED,           /* peer closed the connection */
    MB_ERR_IO,               /* transport send/receive failed */
    MB_ERR_TLS_REQUIRED,     /* https URL but the transport is not TLS */
    MB_ERR_TLS,              /* TLS failure (protocol, record, alert) */
    MB_ERR_TLS_NO_CA,        /* no trust anchor configured: refuses to connect */
    MB_ERR_TLS_CONFIG,       /* CA, certificate or key does not parse */
    MB_ERR_TLS_UNTRUSTED,    /* server certificate not signed by a trusted CA */
    MB_ERR_TLS_SELF_SIGNED,  /* server presented a self-signed certificate */
    MB_ERR_TLS_EXPIRED,      /* server certificate expired or not yet valid */
    MB_ERR_TLS_HOSTNAME,     /* server certificate is for another host name */
    MB_ERR_TLS_HANDSHAKE,    /* connection lost during the TLS handshake */
    MB_ERR_WS_HANDSHAKE,     /* WebSocket upgrade refused or not graphql-transport-ws */
    MB_ERR_WS_PROTOCOL,      /* WebSocket or graphql-transport-ws protocol violation */
    MB_ERR_WS_CLOSED,        /* server closed the socket (1000, 1001, 1012...): reconnect */
    MB_ERR_WS_BAD_REQUEST,   /* close 4400: the server refused a message */
    MB_ERR_WS_INIT_TIMEOUT,  /* close 4408: connection_init came too late */
    MB_ERR_QUEUE_FULL,       /* outbox: no room for the operation; nothing was dropped */
    MB_ERR_CORRUPT,          /* outbox: persisted data failed its checks */
    MB_ERR_GRAPHQL,          /* the response carries errors[] */
    MB_ERR_AUTH,             /* Hasura authentication/authorization error */
    MB_ERR_NO_DATA,          /* response has neither data nor errors */
    MB_STATUS_COUNT_         /* not a status: number of statuses */
} mb_status;

/* Human-readable text for any status; never NULL. */
MB_API const char *mb_strerror(mb_status s);

/* Transport contract. Every call returns a status; bytes moved are reported
 * separately, so 0 never means two things:
 *  - send: MB_OK with *sent >= 1 (short writes allowed), MB_ERR_TIMEOUT, or
 *    another error.
 *  - recv: MB_OK with *got >= 1, MB_ERR_CLOSED on an orderly close by the
 *    peer, MB_ERR_TIMEOUT when nothing arrived in time, or another error.
 *  - connect: resolves and connects host:port within timeout_ms.
 *  - close: always safe, also when not connected; after it (and before a
 *    connect) send and recv fail at once with an error other than
 *    MB_ERR_TIMEOUT (MB_ERR_IO, as both adapters do): a subscription
 *    closed after a failed send reconnects on that error.
 * host is NUL-terminated; IPv6 literals come without brackets. */
#define MB_TRANSPORT_TLS 1u /* the transport encrypts (https/wss) */
typedef struct mb_transport {
    void *ctx;
    unsigned flags;
    mb_status (*connect)(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms);
    mb_status (*send)(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms);
    mb_status (*recv)(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms);
    void (*close)(void *ctx);
} mb_transport;

/* Log hook. Heads are logged a line at a time, and the values of
 * Authorization, Proxy-Authorization, x-hasura-admin-secret,
 * x-hasura-access-key, Cookie and Set-Cookie (in either head, any case) are
 * replaced by "[redacted]" before the hook sees them. Bodies are logged as
 * they are: variables the caller sends reach the hook. */
typedef enum mb_log_level { MB_LOG_ERROR = 0, MB_LOG_WARN, MB_LOG_INFO, MB_LOG_DEBUG } mb_log_level;
typedef void (*mb_log_fn)(void *user, mb_log_level level, const char *msg, size_t len);

/* A view of a NUL-terminated string (len 0 for NULL). */
MB_API mb_str mb_cstr(const char *s);
/* 1 when the view equals the NUL-terminated string s. */
MB_API int mb_str_eq(mb_str a, const char *s);
