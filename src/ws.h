
/* ---- ws: RFC 6455 client and graphql-transport-ws subscriptions ----
 * One socket (mb_ws) carries several subscriptions (mb_sub), each with its
 * own id. Everything lives in the caller's buffer: received frames are
 * reassembled at its start, outgoing frames are written after the received
 * bytes. No threads: mb_sub_poll() waits, answers pings, keeps the socket
 * alive, delivers results to a callback, and reconnects with backoff,
 * resubscribing each live subscription (a stream resumes after the cursor
 * of the last row delivered). See docs/SUBSCRIPTIONS.md. */
#if !defined(MB_NO_WS)
#ifndef MB_WS_MAX_FRAME
#define MB_WS_MAX_FRAME 0x100000UL /* largest frame payload accepted */
#endif
#ifndef MB_WS_MAX_MESSAGE
#define MB_WS_MAX_MESSAGE 0x100000UL /* largest reassembled message (the buffer bounds it too) */
#endif
#ifndef MB_WS_MAX_SUBS
#define MB_WS_MAX_SUBS 4 /* subscriptions on one socket */
#endif
#ifndef MB_WS_MAX_CURSOR
#define MB_WS_MAX_CURSOR 48 /* stream cursor value kept, as JSON text */
#endif
#if MB_WS_MAX_CURSOR > 255
#error "MB_WS_MAX_CURSOR is at most 255 (its length is kept in a byte)"
#endif
#ifndef MB_WS_PING_MS
#define MB_WS_PING_MS 10000 /* our ping after this long without sending */
#endif
#ifndef MB_WS_IDLE_MS
#define MB_WS_IDLE_MS 30000 /* nothing received for this long: the link is dead */
#endif
#ifndef MB_WS_BACKOFF_MIN_MS
#define MB_WS_BACKOFF_MIN_MS 250 /* first reconnect delay; doubles per failure (a link shorter than MB_WS_IDLE_MS too) */
#endif
#ifndef MB_WS_BACKOFF_MAX_MS
#define MB_WS_BACKOFF_MAX_MS 30000
#endif

/* Sec-WebSocket-Accept for a 24-character key: 28 characters + NUL. */
MB_API void mb_ws_accept(const char *key, char out[29]);

struct mb_sub;
/* Called by mb_sub_poll for each event of a subscription:
 *  - MB_OK, res: a "next" with data (res->data). A stream's cursor has
 *    already moved past its rows.
 *  - MB_ERR_GRAPHQL/MB_ERR_AUTH, res: errors (res->error). After an
 *    "error" message the subscription is over (sub->state MB_SUB_DONE); a
 *    "next" carrying errors (live-query poll error) keeps it going.
 *  - MB_OK, res NULL: the server completed it (MB_SUB_DONE).
 *  - another status, res NULL: its subscribe could not be written at a
 *    (re)connection (MB_ERR_BUFFER: over the buffer, e.g. a cursor grown
 *    since; MB_ERR_JSON: variables no longer an object): it is over
 *    (MB_SUB_DONE). Only through mb_sub_poll: mb_ws_connect has no callback.
 *  - another status, res: a "next" that could not be read (MB_ERR_NO_DATA,
 *    MB_ERR_TYPE, MB_ERR_TOKENS), or a stream's whose cursor could not move
 *    (MB_ERR_NOT_FOUND: the last row lacks cursor_field; MB_ERR_BUFFER: a
 *    cursor over MB_WS_MAX_CURSOR): those rows come again after a
 *    reconnect. The subscription keeps going.
 * res and every view in it are valid only during the call: read it with
 * the json layer, or decode a generated operation's result with
 * mb_sub_decode() (the typed layer; it unescapes in place).
 * The callback may call mb_sub_stop() and mb_sub_start() (res is then no
 * longer valid) and mb_ws_close(); mb_sub_poll() is refused (MB_ERR_ARG). */
typedef void (*mb_sub_fn)(void *user, struct mb_sub *sub, mb_status status, const mb_result *res);

enum { MB_SUB_IDLE = 0, MB_SUB_PENDING, MB_SUB_ACTIVE, MB_SUB_DONE };

/* One subscription. Owned by the caller; strings are borrowed and must
 * outlive it. */
typedef struct mb_sub {
    uint8_t state, cursor_len;
    uint32_t id;   /* operation id on the current socket */
    uint32_t rows; /* stream rows delivered so far */
    const char *query;
    const char *variables; /* JSON object text, or NULL */
    const mb_op *op;       /* or a generated operation (its query and name)... */
    const void *vars;      /* ...and its variables struct, written by the typed layer */
    const char *cursor_var;   /* stream: the variable that carries the cursor */
    const char *cursor_field; /* stream: path of the cursor in each row, e.g. "createdAt" */
    void *user;    /* free for the caller */
    char cursor[MB_WS_MAX_CURSOR + 1]; /* JSON value of the last row seen */
} mb_sub;

typedef struct mb_ws_config {
    const char *url;          /* ws://host[:port]/v1/graphql or wss:// (TLS transport) */
    const char *jwt;          /* connection_init headers.Authorization: Bearer <jwt> */
    const char *role;         /* headers.x-hasura-role */
    const char *admin_secret; /* headers.x-hasura-admin-secret */
    mb_transport transport;
    char *buf;                /* work buffer: largest message + largest message sent */
    size_t buf_size;
    mb_token *tokens;
    size_t max_tokens;
    /* Required platform hooks: random bytes (Sec-WebSocket-Key, masks;
     * MB_OK on success) and a monotonic clock. sleep_ms is optional: it
     * lets mb_sub_poll wait out a reconnect delay instead of returning. */
    mb_random_fn random;
    uint64_t (*now_ms)(void);
    void (*sleep_ms)(uint32_t ms);
    uint32_t connect_timeout_ms; /* connect, upgrade and connection_ack; 0: MB_DEFAULT_TIMEOUT_MS */
    uint32_t timeout_ms;         /* per send; 0: MB_DEFAULT_TIMEOUT_MS */
    mb_refresh_fn refresh;       /* asked for a new JWT when the server refuses it (4403) */
    void *refresh_user;
} mb_ws_config;

/* The fields used most come first: short offsets make smaller code. */
typedef struct mb_ws {
    uint8_t state, msg_op, refreshed; /* msg_op: 1 inside a fragmented message (text only) */
    uint8_t closing;     /* mb_ws_close was called from a callback: the poll closes after it */
    uint8_t no_close;    /* the link of the last attempt saw no close frame (yet) */
    uint16_t close_code; /* last close: the server's code, the one we sent (1002, 1009, 4400...), 1006 when the link went without one (closed, reset, silent past MB_WS_IDLE_MS, a failed send, no ack, a refused upgrade); 0 none */
    size_t fill;    /* bytes received into buf */
    size_t msg_len; /* bytes of the message being reassembled at buf[0] */
    uint32_t last_rx, last_tx; /* the clock, truncated: differences wrap correctly */
    int events;        /* set when this poll delivered an event */
    mb_ws_config cfg;
    uint32_t next_id, backoff_ms;
    uint32_t down_at, retry_ms; /* reconnect retry_ms after down_at */
    mb_sub_fn fn;      /* the callback of this poll */
    void *user;
    mb_sub *subs[MB_WS_MAX_SUBS];
    uint32_t connects; /* successful connection_acks, for tests and diagnostics */
    mb_url url;
    mb_result res;
    char host[MB_MAX_HOST + 1];
} mb_ws;

/* Validates the configuration and parses the URL (ws or wss); connects on
 * the first mb_sub_poll (or mb_ws_connect). MB_ERR_ARG for a missing hook,
 * buffer or token array, a buf_size under 512 or max_tokens under 8;
 * MB_ERR_URL for a bad URL, an http(s) URL, or a ws URL over a TLS
 * transport; MB_ERR_TLS_REQUIRED for a wss URL over a plain one. */
MB_API mb_status mb_ws_init(mb_ws *ws, const mb_ws_config *cfg);
/* Connects now: upgrade, connection_init, waits for connection_ack
 * (answering pings), then subscribes every pending subscription. */
MB_API mb_status mb_ws_connect(mb_ws *ws);
/* Replaces the JWT for the next connection_init; revives a socket that
 * stopped on MB_ERR_AUTH. */
MB_API void mb_ws_set_jwt(mb_ws *ws, const char *jwt);
/* Sends close 1000, waits briefly for the server's close, closes the
 * transport. Subscriptions stay registered: a later poll reconnects. From
 * a callback, the close is done when it returns: nothing more of what was
 * received is delivered (those rows come again on the next connection). */
MB_API void mb_ws_close(mb_ws *ws);

/* A stream subscription resumes from its cursor: the variable cursor_var
 * (do not put it in variables) is set to initial_json (a JSON value, e.g.
 * "\"2026-01-01T00:00:00Z\"", quotes included) and, after each batch, to
 * the cursor_field of the last row. Call before mb_sub_start, which checks
 * it. MB_ERR_BUFFER when longer than MB_WS_MAX_CURSOR. */
MB_API mb_status mb_sub_cursor(mb_sub *sub, const char *cursor_var, const char *cursor_field, const char *initial_json);
/* Registers a subscription (sub's query and variables, or op and vars, set
 * by the caller) and subscribes at once when the socket is ready, else on
 * connection. MB_ERR_JSON for variables that are not a JSON object or a
 * cursor that is not a JSON value, MB_ERR_ARG for variables that hold the
 * cursor variable too, MB_ERR_BUFFER when MB_WS_MAX_SUBS are in use. A
 * subscribe message that does not fit the buffer ends the subscription
 * (MB_SUB_DONE; at a connection, an event tells the callback). */
MB_API mb_status mb_sub_start(mb_ws *ws, mb_sub *sub);
/* Sends complete (when subscribed) and forgets the subscription. */
MB_API mb_status mb_sub_stop(mb_ws *ws, mb_sub *sub);
/* Runs the socket for up to timeout_ms: (re)connects when due, receives,
 * answers pings, pings when idle, calls fn for each event. Returns after
 * the first batch of events or at the timeout with MB_OK; when the socket
 * goes down it returns the reason once (close 1000/1001/1012...:
 * MB_ERR_WS_CLOSED, 4400: MB_ERR_WS_BAD_REQUEST, 4403: MB_ERR_AUTH, 4408:
 * MB_ERR_WS_INIT_TIMEOUT, dropped without a close frame (1006):
 * MB_ERR_CLOSED, or MB_ERR_IO for a reset or a TLS connection cut without
 * close_notify, silence: MB_ERR_TIMEOUT, ...) and reconnects on a later
 * poll after the backoff. MB_ERR_AUTH stays until mb_ws_set_jwt when the
 * refresh hook cannot give a token the server accepts. */
MB_API mb_status mb_sub_poll(mb_ws *ws, uint32_t timeout_ms, mb_sub_fn fn, void *user);

/* Decodes a result of sub (made from a generated operation: sub->op) into
 * its data struct and pools, as the operation's own decoder would; only
 * inside the callback. MB_ERR_ARG when sub has no op. */
MB_API mb_status mb_sub_decode(const mb_sub *sub, const mb_result *res, void *data, mb_pool *pools, size_t num_pools);

/* New messages of a thread, oldest first, as a stream from a createdAt
 * cursor: variables {"threadId": "<uuid>"}, cursor variable "since",
 * cursor field "createdAt". */
#define MB_SUB_THREAD_MESSAGES                                                                                    \
    "subscription threadMessages($threadId: uuid!, $since: timestamptz!) { messageStream(batchSize: 10, cursor: " \
    "{initialValue: {createdAt: $since}, ordering: ASC}, where: {threadId: {_eq: $threadId}}) { messageId "       \
    "content role createdAt } }"
#endif /* MB_NO_WS */
