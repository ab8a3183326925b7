
/* ---- outbox: mutations kept through network drops, applied exactly once ----
 * A bounded FIFO of serialized operations in a caller buffer. push copies
 * the operation's name and its variables (as JSON) into the buffer, so they
 * no longer depend on caller memory, and calls the save hook (flash, FRAM, a
 * file) with the whole queue. flush sends in order while the transport
 * works:
 *  - success, or a null row (it already existed: the operation was
 *    applied by an earlier try whose answer was lost) — removed;
 *  - a permanent failure (validation, permission, constraint, bad data) —
 *    removed and reported to on_failed with Hasura's code and message;
 *  - a transient failure (network, TLS, timeout, HTTP 3xx/5xx/401/407/408/429,
 *    Hasura's unexpected/postgres errors, authentication to renew, an
 *    answer that is not Hasura's) — kept; flush stops there and backs off
 *    before the next try.
 * Exactly once needs idempotent operations: inserts carry a client-made
 * primary key (mb_uuid4) and onConflict on it with empty updateColumns, as
 * the generated createThread and saveNewMessage do; updates set values and
 * deletes go by key. Record format: u16 length, u16 CRC-16, name, NUL, JSON
 * variables; the buffer holds records back to back from offset 0. */
#if !defined(MB_NO_OUTBOX)
#ifndef MB_OUTBOX_BACKOFF_MS
#define MB_OUTBOX_BACKOFF_MS 1000u /* first retry delay; doubles up to the max */
#endif
#ifndef MB_OUTBOX_BACKOFF_MAX_MS
#define MB_OUTBOX_BACKOFF_MAX_MS 60000u
#endif
/* now_ms is a wrapping 32-bit clock: a wait must be under half its range */
#if (MB_OUTBOX_BACKOFF_MS) < 1 || (MB_OUTBOX_BACKOFF_MS) > (MB_OUTBOX_BACKOFF_MAX_MS) || \
    (MB_OUTBOX_BACKOFF_MAX_MS) > 0x7FFFFFFF
#error "MB_OUTBOX_BACKOFF_MS must be 1..MB_OUTBOX_BACKOFF_MAX_MS, and MB_OUTBOX_BACKOFF_MAX_MS under 2^31"
#endif

typedef struct mb_outbox_config {
    unsigned char *buf; /* the queue, and what load() filled at boot */
    size_t cap;
    const mb_op *const *ops; /* operations flush can send, found by name */
    size_t num_ops;
    /* optional: called with the whole queue after every change */
    mb_status (*save)(void *user, const unsigned char *data, size_t len);
    void *save_user;
    /* optional: a removed operation's permanent failure; err is the
     * client's last error (empty views for a failure that is not
     * GraphQL's), NULL for an operation this build does not know
     * (status MB_ERR_ARG). It may push; it must not flush this outbox */
    void (*on_failed)(void *user, const char *op_name, mb_status status, const mb_error *err);
    void *failed_user;
} mb_outbox_config;

typedef struct mb_outbox {
    mb_outbox_config cfg;
    size_t used;      /* bytes of records */
    uint32_t count;   /* records */
    uint32_t retries; /* consecutive transient failures */
    uint32_t next_ms; /* no send before this time (backoff) */
    uint32_t sent, failed; /* totals, for diagnostics */
} mb_outbox;

/* Starts an outbox over cfg->buf whose first `loaded` bytes hold a queue
 * saved earlier (0 for an empty one). MB_ERR_CORRUPT when they do not check
 * out: the queue then holds the whole records before the first damaged one
 * (a save cut by a power loss damages its end), and nothing of the damaged
 * one or after it is sent; the outbox is usable either way. MB_ERR_ARG for
 * no buffer, a cap under 16, loaded over cap, or num_ops without ops. */
MB_API mb_status mb_outbox_init(mb_outbox *o, const mb_outbox_config *cfg, size_t loaded);
/* Queues op with the variables struct described by op->vars (as for
 * mb_typed_execute). MB_ERR_QUEUE_FULL when it does not fit: nothing is
 * queued and nothing dropped. A failing save hook: its status, and the
 * operation is not queued. */
MB_API mb_status mb_outbox_push(mb_outbox *o, const mb_op *op, const void *vars);
/* Sends what is queued, oldest first, at time now_ms (a millisecond clock
 * that may wrap at 2^32; a wait ends early rather than late when the clock
 * is set back or a flush comes 2^31 ms after the last).
 * MB_OK when the queue is empty; MB_PENDING while backing off; else the
 * transient status that stopped it. *sent (optional) counts deliveries. */
MB_API mb_status mb_outbox_flush(mb_outbox *o, mb_client *c, uint32_t now_ms, size_t *sent);
MB_API uint32_t mb_outbox_count(const mb_outbox *o);
#endif /* MB_NO_OUTBOX */
