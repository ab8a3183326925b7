
/* ---- http: HTTP/1.1 request head writer and incremental response parser ---- */

/* Writes one "Name: value\r\n" line. Names must be tokens and values must
 * not hold CR, LF or NUL (header injection): MB_ERR_ARG otherwise. */
MB_API void mb_http_header_line(mb_writer *w, const char *name, const char *value);

/* Incremental response parser over a caller buffer. Feed it the stream in
 * pieces of any size (one byte works): receive into the space that
 * mb_http_response_space() gives, then call mb_http_response_feed() with the
 * count. Chunked bodies are decoded in place; 1xx responses are skipped.
 * When complete, the body is at r->body (r->body_len bytes) inside buf, and
 * the head at buf[0 .. r->head_len). The buffer holds the head and the body;
 * a chunked body also needs room after its data for the longest framing line
 * still to come, whole (3 bytes for the last chunk's "0\r\n", more with chunk
 * extensions or trailers): a chunked body that fills the buffer exactly is
 * MB_ERR_BUFFER where the same body with Content-Length fits. */
typedef struct mb_http_response {
    int status;        /* e.g. 200 */
    char *body;        /* decoded body (valid once complete) */
    size_t body_len;
    size_t head_len;   /* final head, status line to the empty line */
    /* parser state: private; an interim (1xx) response clears the fields
       up to upgrade */
    size_t pos;
    size_t remaining; /* Content-Length or chunk bytes still to come */
    unsigned nheaders;
    uint8_t state, flags;
    uint8_t upgrade; /* set by the caller before feeding: accept "101 Switching
                        Protocols" as a complete response; the bytes after its
                        head (the new protocol's) stay at buf[head_len, fill) */
    char *buf;
    size_t cap, fill;
} mb_http_response;

MB_API void mb_http_response_init(mb_http_response *r, char *buf, size_t cap);
/* Where the next bytes go. MB_ERR_BUFFER when the buffer is full, or
 * MB_ERR_HTTP_LIMIT when it fills before the head has ended. */
MB_API mb_status mb_http_response_space(mb_http_response *r, char **dst, size_t *room);
/* n bytes were written at the space: MB_OK when the response is complete,
 * MB_PENDING when more is needed, or an error (MB_ERR_HTTP,
 * MB_ERR_HTTP_LIMIT, MB_ERR_BUFFER). */
MB_API mb_status mb_http_response_feed(mb_http_response *r, size_t n);
/* The peer closed: completes a body delimited by the close, otherwise
 * MB_ERR_TRUNCATED (MB_ERR_CLOSED when no byte is held: none arrived, or
 * only interim 1xx responses, which are dropped). */
MB_API mb_status mb_http_response_eof(mb_http_response *r);
/* Value of the first header with this name (case-insensitive), trimmed. */
MB_API mb_status mb_http_header(const mb_http_response *r, const char *name, mb_str *value);
/* 1 when the connection may carry another request. */
MB_API int mb_http_keep_alive(const mb_http_response *r);
