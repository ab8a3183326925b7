/* mb_mbedtls.h — TLS for mb.h through mbedTLS, over any other mb transport.
 *
 * Usage, in exactly one C or C++ file:
 *     #define MB_IMPLEMENTATION
 *     #include "mb.h"
 *     #include "platform/mb_posix.h"      (or your UART / lwIP transport)
 *     #include "platform/mb_mbedtls.h"
 *
 *     mb_posix_socket sock;
 *     static mb_tls tls;
 *     mb_tls_config tc = {0};
 *     tc.ca_pem = ca; tc.ca_len = strlen(ca) + 1;   (PEM with its NUL, or DER)
 *     mb_tls_init(&tls, mb_posix_transport(&sock), &tc);
 *     cfg.transport = mb_tls_transport(&tls);      (flags MB_TRANSPORT_TLS)
 *     ...
 *     mb_tls_free(&tls);
 *
 * Security: the peer's chain is always verified (MBEDTLS_SSL_VERIFY_REQUIRED)
 * and so is the host name; SNI carries the host name. An IP-literal host is
 * matched against the certificate's iPAddress entries (mbedTLS 2.28 cannot)
 * and is not sent as SNI (RFC 6066 forbids it). Without a CA, init fails
 * with MB_ERR_TLS_NO_CA: there is no silent fallback. The only way around
 * verification is insecure_no_verify_DEVELOPMENT_ONLY, which logs a
 * warning at every connect.
 *
 * Resumption: the session of the last handshake is kept and offered on the
 * next connect to the same host and port (session tickets, or the server's
 * session cache), so a reconnect skips the certificate exchange; another
 * host or port gets a full handshake. mb_tls.stats counts handshakes.
 *
 * Time: the connect timeout bounds each wait of the handshake, and the I/O
 * timeout each wait of a read or write (the transport has no clock).
 * Certificate dates are checked against time() (MBEDTLS_HAVE_TIME_DATE,
 * required unless MB_TLS_NO_CERT_TIME_CHECK): a device whose clock is not
 * set refuses every certificate with MB_ERR_TLS_EXPIRED.
 *
 * Memory: mbedTLS allocates its contexts and record buffers through
 * mbedtls_calloc. Built with MBEDTLS_MEMORY_BUFFER_ALLOC_C (and
 * MBEDTLS_PLATFORM_MEMORY), mb_tls_static_pool() hands it a static arena so
 * TLS never touches the heap; see docs/TLS.md for the RAM a Masterbots
 * exchange needs.
 *
 * Versions: mbedTLS 2.28 (Debian 12) and the 3.x API, chosen by
 * MBEDTLS_VERSION_NUMBER; docs/TLS.md lists the differences.
 * Names: public mb_tls_, private mb__tls_. MIT License — see LICENSE. */
#ifndef MB_MBEDTLS_H
#define MB_MBEDTLS_H

#ifndef MB_H
#include "../mb.h"
#endif

#include <mbedtls/version.h>
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <mbedtls/build_info.h>
#elif defined(MBEDTLS_CONFIG_FILE)
#include MBEDTLS_CONFIG_FILE /* e.g. platform/mbedtls/mb_mbedtls_config.h */
#else
#include <mbedtls/config.h>
#endif
/* Without MBEDTLS_HAVE_TIME_DATE mbedTLS skips the certificates' validity
 * dates, so an expired server certificate (whose key may long since have
 * leaked) would pass. A device without a clock says so by name. */
#if !defined(MBEDTLS_HAVE_TIME_DATE) && !defined(MB_TLS_NO_CERT_TIME_CHECK)
#error "mb_mbedtls.h: mbedTLS is built without MBEDTLS_HAVE_TIME_DATE and would accept expired certificates; give it a clock, or define MB_TLS_NO_CERT_TIME_CHECK to accept that"
#endif
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
#include <psa/crypto.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Fills out[0..len) with entropy; returns 0 on success. The platform's
 * hardware RNG on a device; NULL uses mbedTLS' platform sources. */
typedef int (*mb_tls_entropy_fn)(void *ctx, unsigned char *out, size_t len, size_t *produced);

typedef struct mb_tls_config {
    const unsigned char *ca_pem; /* trust anchors: PEM (include the NUL in ca_len) or DER */
    size_t ca_len;
    const char *ca_file;         /* and/or a PEM/DER file (needs MBEDTLS_FS_IO: POSIX) */
    const unsigned char *client_cert; /* optional, for mutual TLS: PEM or DER */
    size_t client_cert_len;
    const unsigned char *client_key;
    size_t client_key_len;
    mb_tls_entropy_fn entropy;
    void *entropy_ctx;
    mb_log_fn log; /* the insecure mode's warning at every connect */
    void *log_user;
    /* Skips certificate and host verification. For development against a
     * server whose CA you cannot get; never in production. Warns at every
     * connect. */
    int insecure_no_verify_DEVELOPMENT_ONLY;
} mb_tls_config;

typedef struct mb_tls_stats {
    uint32_t handshakes;   /* completed handshakes */
    uint32_t full;         /* ...of which verified a certificate chain (in insecure mode every
                              handshake counts here, verified or not, resumed or not) */
    uint32_t resumed;      /* ...of which resumed an earlier session */
    size_t last_hs_out;    /* bytes sent during the last handshake */
    size_t last_hs_in;     /* bytes received during the last handshake */
} mb_tls_stats;

typedef struct mb_tls {
    mb_transport inner;
    mb_tls_stats stats;
    uint32_t verify_flags; /* mbedTLS X.509 flags of the last failed verification */
    int last_error;        /* last mbedTLS error code (negative), 0 if none */
    /* private */
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_x509_crt ca, cert;
    mbedtls_pk_context key;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ssl_session session;
    mb_log_fn log;
    void *log_user;
    mb_status io_status;
    uint32_t timeout_ms;
    size_t io_in, io_out;
    unsigned char ip[16];
    char host[256];        /* the host (no final dot) and port of the last connect, and so of the saved session */
    uint16_t port;
    uint8_t ip_len, have_session, connected, insecure, initialized, full_seen, leaf_self_signed;
} mb_tls;

/* Parses the trust anchors and credentials and seeds the DRBG. Statuses:
 * MB_ERR_TLS_NO_CA (none given and not insecure), MB_ERR_TLS_CONFIG (a PEM/
 * DER that does not parse, a client certificate without its key, a key that
 * is not the certificate's), MB_ERR_TLS. Call
 * mb_tls_free() afterwards in every case. */
MB_API mb_status mb_tls_init(mb_tls *t, mb_transport inner, const mb_tls_config *cfg);
/* The transport to give mb_config (flags MB_TRANSPORT_TLS). */
MB_API mb_transport mb_tls_transport(mb_tls *t);
/* Forgets the saved session: the next connect does a full handshake. */
MB_API void mb_tls_forget_session(mb_tls *t);
/* Releases everything mbedTLS holds. */
MB_API void mb_tls_free(mb_tls *t);
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
/* Makes every mbedTLS allocation come from buf (call before mb_tls_init). */
MB_API void mb_tls_static_pool(unsigned char *buf, size_t len);
#endif

#ifdef __cplusplus
}
#endif
#endif /* MB_MBEDTLS_H */

/* ======================= implementation ======================= */
#if defined(MB_IMPLEMENTATION) && !defined(MB_MBEDTLS_IMPLEMENTED)
#define MB_MBEDTLS_IMPLEMENTED
#include <limits.h>
#include <string.h>
#include <mbedtls/asn1.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#include <mbedtls/memory_buffer_alloc.h>
#endif

/* The values of MBEDTLS_ERR_NET_SEND/RECV_FAILED, without needing
 * net_sockets.h (absent from bare-metal builds). */
#define MB__TLS_ERR_SEND (-0x004E)
#define MB__TLS_ERR_RECV (-0x004C)

static void mb__tls_log(const mb_tls *t, mb_log_level lvl, const char *msg) {
    if (t->log) t->log(t->log_user, lvl, msg, strlen(msg));
}

/* Parses an IPv4 dotted quad or an IPv6 literal (without brackets) into
 * out; returns its length (4 or 16), 0 for a host name. No libc needed.
 * An IPv4 part with a leading zero is no address here: inet_aton, and so
 * getaddrinfo, reads 010 as octal 8, and the certificate must be checked
 * for the address connected to; checked as a name, it fails closed. */
static uint8_t mb__tls_parse_ip(const char *s, unsigned char *out) {
    size_t n = strlen(s), i;
    int dots = 0, colons = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '.') dots++;
        else if (s[i] == ':') colons++;
    }
    if (colons == 0) {
        unsigned v = 0, part = 0, digits = 0;
        if (dots != 3) return 0;
        for (i = 0; i <= n; i++) {
            if (i == n || s[i] == '.') {
                if (!digits || v > 255) return 0;
                out[part++] = (unsigned char)v;
                v = digits = 0;
            } else if (s[i] >= '0' && s[i] <= '9' && digits < 3 && !(digits == 1 && v == 0)) {
                v = v * 10u + (unsigned)(s[i] - '0');
                digits++;
            } else {
                return 0;
            }
        }
        return 4;
    } else {
        unsigned short words[8];
        int nw = 0, gap = -1;
        const char *p = s, *e = s + n;
        if (colons < 2 || dots) return 0; /* embedded IPv4 forms are not used for servers here */
        if (p[0] == ':') {
            if (p[1] != ':') return 0;
            p++;
        }
        while (p < e) {
            unsigned v = 0, digits = 0;
            if (*p == ':') {
                if (gap >= 0) return 0;
                gap = nw;
                p++;
                continue;
            }
            while (p < e && *p != ':') {
                char c = *p++;
                unsigned d;
                if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
                else if (c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
                else if (c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
                else return 0;
                if (++digits > 4) return 0;
                v = (v << 4) | d;
            }
            if (nw == 8) return 0;
            words[nw++] = (unsigned short)v;
            if (p < e) { /* at ':' */
                p++;
                if (p == e) return 0; /* trailing single ':' */
            }
        }
        if (gap < 0 && nw != 8) return 0;
        if (gap >= 0 && nw == 8) return 0;
        memset(out, 0, 16);
        for (i = 0; i < (size_t)nw; i++) {
            size_t pos = gap >= 0 && (int)i >= gap ? i + (size_t)(8 - nw) : i;
            out[2 * pos] = (unsigned char)(words[i] >> 8);
            out[2 * pos + 1] = (unsigned char)(words[i] & 0xff);
        }
        return 16;
    }
}

/* 1 when the certificate's subjectAltName holds iPAddress == ip. Walks the
 * DER of the extensions: mbedTLS 2.28 does not keep iPAddress entries.
 * (v3_ext, issuer_raw and subject_raw are public fields in 2.28 and 3.x.) */
static int mb__tls_cert_has_ip(const mbedtls_x509_crt *crt, const unsigned char *ip, size_t ip_len) {
    unsigned char *p = crt->v3_ext.p, *end;
    size_t len;
    if (!p || crt->v3_ext.len == 0) return 0;
    end = p + crt->v3_ext.len;
    /* v3_ext may start at the [3] wrapper or at the SEQUENCE inside it */
    if (*p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3)) {
        if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3)) return 0;
        end = p + len;
    }
    if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) return 0;
    end = p + len;
    while (p < end) {
        unsigned char *ext_end, *q;
        mbedtls_asn1_buf oid;
        if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) return 0;
        ext_end = p + len;
        q = p;
        p = ext_end;
        if (mbedtls_asn1_get_tag(&q, ext_end, &oid.len, MBEDTLS_ASN1_OID)) return 0;
        oid.p = q;
        q += oid.len;
        if (MBEDTLS_OID_CMP(MBEDTLS_OID_SUBJECT_ALT_NAME, &oid) != 0) continue;
        if (q < ext_end && *q == MBEDTLS_ASN1_BOOLEAN) { /* critical flag */
            int crit;
            if (mbedtls_asn1_get_bool(&q, ext_end, &crit)) return 0;
        }
        if (mbedtls_asn1_get_tag(&q, ext_end, &len, MBEDTLS_ASN1_OCTET_STRING)) return 0;
        if (mbedtls_asn1_get_tag(&q, ext_end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) return 0;
        {
            unsigned char *names_end = q + len;
            while (q < names_end) {
                unsigned char tag = *q++;
                if (mbedtls_asn1_get_len(&q, names_end, &len)) return 0;
                if (tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7) && len == ip_len && memcmp(q, ip, ip_len) == 0) return 1;
                q += len;
            }
        }
        return 0;
    }
    return 0;
}

/* Runs for each certificate of the chain: counts full handshakes, checks an
 * IP-literal host, and marks a self-signed leaf. */
static int mb__tls_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags) {
    mb_tls *t = (mb_tls *)ctx;
    if (depth != 0) return 0;
    t->full_seen = 1;
    t->leaf_self_signed = !crt->next && crt->issuer_raw.len == crt->subject_raw.len &&
                          memcmp(crt->issuer_raw.p, crt->subject_raw.p, crt->subject_raw.len) == 0;
    if (t->ip_len && !mb__tls_cert_has_ip(crt, t->ip, t->ip_len)) *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    return 0;
}

/* BIO callbacks: the inner transport's statuses become mbedTLS codes; the
 * precise status is kept in io_status. */
static int mb__tls_bio_send(void *ctx, const unsigned char *buf, size_t len) {
    mb_tls *t = (mb_tls *)ctx;
    size_t n = 0;
    mb_status s;
    if (len > (size_t)INT_MAX) len = (size_t)INT_MAX;
    s = t->inner.send(t->inner.ctx, buf, len, &n, t->timeout_ms);
    if (s == MB_OK && n > 0 && n <= len) {
        t->io_out += n;
        return (int)n;
    }
    t->io_status = s == MB_OK ? MB_ERR_IO : s;
    return s == MB_ERR_TIMEOUT ? MBEDTLS_ERR_SSL_TIMEOUT : MB__TLS_ERR_SEND;
}

static int mb__tls_bio_recv(void *ctx, unsigned char *buf, size_t len, uint32_t timeout_ms) {
    mb_tls *t = (mb_tls *)ctx;
    size_t n = 0;
    mb_status s;
    (void)timeout_ms; /* ours is t->timeout_ms */
    if (len > (size_t)INT_MAX) len = (size_t)INT_MAX;
    s = t->inner.recv(t->inner.ctx, buf, len, &n, t->timeout_ms);
    if (s == MB_OK && n > 0 && n <= len) {
        t->io_in += n;
        return (int)n;
    }
    t->io_status = s == MB_OK ? MB_ERR_IO : s;
    if (s == MB_ERR_CLOSED) return 0; /* EOF */
    return s == MB_ERR_TIMEOUT ? MBEDTLS_ERR_SSL_TIMEOUT : MB__TLS_ERR_RECV;
}

static mb_status mb__tls_parse_crt(mbedtls_x509_crt *crt, const unsigned char *p, size_t len) {
    if (!p || !len) return MB_ERR_TLS_CONFIG;
    return mbedtls_x509_crt_parse(crt, p, len) == 0 ? MB_OK : MB_ERR_TLS_CONFIG;
}

mb_status mb_tls_init(mb_tls *t, mb_transport inner, const mb_tls_config *cfg) {
    static const unsigned char pers[] = "mb.h tls";
    int r;
    memset(t, 0, sizeof *t);
    mbedtls_ssl_init(&t->ssl);
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_x509_crt_init(&t->ca);
    mbedtls_x509_crt_init(&t->cert);
    mbedtls_pk_init(&t->key);
    mbedtls_entropy_init(&t->entropy);
    mbedtls_ctr_drbg_init(&t->drbg);
    mbedtls_ssl_session_init(&t->session);
    t->initialized = 1;
    t->inner = inner;
    if (!cfg || !inner.connect || !inner.send || !inner.recv || !inner.close) return MB_ERR_ARG;
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
    if (psa_crypto_init() != PSA_SUCCESS) return MB_ERR_TLS; /* 3.x: X.509 and TLS 1.3 go through PSA: first */
#endif
    t->log = cfg->log;
    t->log_user = cfg->log_user;
    t->insecure = cfg->insecure_no_verify_DEVELOPMENT_ONLY != 0;
    if (cfg->ca_pem && cfg->ca_len && mb__tls_parse_crt(&t->ca, cfg->ca_pem, cfg->ca_len) != MB_OK)
        return MB_ERR_TLS_CONFIG;
    if (cfg->ca_file) {
#if defined(MBEDTLS_FS_IO)
        if (mbedtls_x509_crt_parse_file(&t->ca, cfg->ca_file) != 0) return MB_ERR_TLS_CONFIG;
#else
        return MB_ERR_TLS_CONFIG; /* no file system in this mbedTLS build */
#endif
    }
    if (!t->ca.raw.len && !t->insecure) return MB_ERR_TLS_NO_CA; /* never a silent fallback */
    /* seeded before the client key: 3.x parses it with this RNG */
    if (cfg->entropy) {
        r = mbedtls_entropy_add_source(&t->entropy, cfg->entropy, cfg->entropy_ctx, 32, MBEDTLS_ENTROPY_SOURCE_STRONG);
        if (r != 0) return MB_ERR_TLS;
    }
    r = mbedtls_ctr_drbg_seed(&t->drbg, mbedtls_entropy_func, &t->entropy, pers, sizeof pers - 1);
    if (r != 0) {
        t->last_error = r;
        return MB_ERR_TLS;
    }
    if (cfg->client_cert || cfg->client_key) {
        if (mb__tls_parse_crt(&t->cert, cfg->client_cert, cfg->client_cert_len) != MB_OK) return MB_ERR_TLS_CONFIG;
        if (!cfg->client_key || !cfg->client_key_len) return MB_ERR_TLS_CONFIG;
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        r = mbedtls_pk_parse_key(&t->key, cfg->client_key, cfg->client_key_len, NULL, 0, mbedtls_ctr_drbg_random,
                                 &t->drbg);
#else
        r = mbedtls_pk_parse_key(&t->key, cfg->client_key, cfg->client_key_len, NULL, 0);
#endif
        if (r != 0) return MB_ERR_TLS_CONFIG;
        /* a key of another pair would only fail the handshake, as MB_ERR_TLS */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        r = mbedtls_pk_check_pair(&t->cert.pk, &t->key, mbedtls_ctr_drbg_random, &t->drbg);
#else
        r = mbedtls_pk_check_pair(&t->cert.pk, &t->key);
#endif
        if (r != 0) return MB_ERR_TLS_CONFIG;
    }
    r = mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT);
    if (r != 0) return MB_ERR_TLS;
#if MBEDTLS_VERSION_NUMBER >= 0x03020000 /* 3.0 and 3.1 have only the older call */
    mbedtls_ssl_conf_min_tls_version(&t->conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
    mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
#endif
    mbedtls_ssl_conf_rng(&t->conf, mbedtls_ctr_drbg_random, &t->drbg);
    mbedtls_ssl_conf_authmode(&t->conf, t->insecure ? MBEDTLS_SSL_VERIFY_NONE : MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&t->conf, &t->ca, NULL);
    mbedtls_ssl_conf_verify(&t->conf, mb__tls_verify, t);
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
    mbedtls_ssl_conf_session_tickets(&t->conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED)
    /* 3.6.1+: a TLS 1.3 ticket arrives after the handshake and is dropped
       unless signalled; mb__tls_recv keeps it */
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(&t->conf,
                                                             MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
#endif
    if (cfg->client_cert && mbedtls_ssl_conf_own_cert(&t->conf, &t->cert, &t->key) != 0) return MB_ERR_TLS_CONFIG;
    if (mbedtls_ssl_setup(&t->ssl, &t->conf) != 0) return MB_ERR_TLS;
    mbedtls_ssl_set_bio(&t->ssl, t, mb__tls_bio_send, NULL, mb__tls_bio_recv);
    return MB_OK;
}

#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
void mb_tls_static_pool(unsigned char *buf, size_t len) { mbedtls_memory_buffer_alloc_init(buf, len); }
#endif

/* A failed handshake's status: the most specific reason first. */
static mb_status mb__tls_hs_status(mb_tls *t, int r) {
    if (r == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        uint32_t f = mbedtls_ssl_get_verify_result(&t->ssl);
        t->verify_flags = f;
        if ((f & MBEDTLS_X509_BADCERT_NOT_TRUSTED) && t->leaf_self_signed) return MB_ERR_TLS_SELF_SIGNED;
        if (f & MBEDTLS_X509_BADCERT_NOT_TRUSTED) return MB_ERR_TLS_UNTRUSTED;
        if (f & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE)) return MB_ERR_TLS_EXPIRED;
        if (f & MBEDTLS_X509_BADCERT_CN_MISMATCH) return MB_ERR_TLS_HOSTNAME;
        return MB_ERR_TLS_UNTRUSTED;
    }
    if (r == MBEDTLS_ERR_SSL_TIMEOUT) return MB_ERR_TIMEOUT;
    if (r == MBEDTLS_ERR_SSL_CONN_EOF || r == MB__TLS_ERR_RECV || r == MB__TLS_ERR_SEND ||
        r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
        return t->io_status == MB_ERR_TIMEOUT ? MB_ERR_TIMEOUT : MB_ERR_TLS_HANDSHAKE;
    return MB_ERR_TLS;
}

/* Keeps the connection's session for the next connect to this host. */
static void mb__tls_keep_session(mb_tls *t) {
    mbedtls_ssl_session_free(&t->session);
    mbedtls_ssl_session_init(&t->session);
    t->have_session = mbedtls_ssl_get_session(&t->ssl, &t->session) == 0;
}

static mb_status mb__tls_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms) {
    mb_tls *t = (mb_tls *)ctx;
    mb_status s;
    int r;
    size_t host_len;
    if (!t->initialized || !host || (host_len = strlen(host)) >= sizeof t->host) return MB_ERR_ARG;
    t->connected = 0;
    t->last_error = 0;
    t->verify_flags = 0;
    if (mbedtls_ssl_session_reset(&t->ssl) != 0) return MB_ERR_TLS;
    /* "name." is name, absolute: certificates and SNI name it without the dot */
    if (host_len > 1 && host[host_len - 1] == '.') host_len--;
    /* a session resumes only with the server it was made with (RFC 6066 s3):
       resuming skips the certificate, so offered to another host or port it
       would let in any server that can resume it (one sharing the ticket
       key, as behind one TLS terminator) unverified */
    if (t->have_session && (port != t->port || strncmp(host, t->host, host_len) != 0 || t->host[host_len]))
        mb_tls_forget_session(t);
    memcpy(t->host, host, host_len);
    t->host[host_len] = '\0';
    t->port = port;
    t->ip_len = mb__tls_parse_ip(t->host, t->ip);
    /* a name: SNI + verification; an IP literal: neither SNI nor CN, our check */
    if (mbedtls_ssl_set_hostname(&t->ssl, t->ip_len ? NULL : t->host) != 0) return MB_ERR_ARG;
    if (t->insecure) mb__tls_log(t, MB_LOG_WARN, "mb: TLS verification is OFF (insecure_no_verify_DEVELOPMENT_ONLY)");
    if (t->have_session && mbedtls_ssl_set_session(&t->ssl, &t->session) != 0) mb_tls_forget_session(t);
    s = t->inner.connect(t->inner.ctx, host, port, timeout_ms);
    if (s != MB_OK) return s;
    t->timeout_ms = timeout_ms;
    t->io_status = MB_OK;
    t->io_in = t->io_out = 0;
    t->full_seen = t->leaf_self_signed = 0;
    do {
        r = mbedtls_ssl_handshake(&t->ssl);
    } while (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE);
    t->stats.last_hs_in = t->io_in;
    t->stats.last_hs_out = t->io_out;
    if (r != 0) {
        t->last_error = r;
        s = mb__tls_hs_status(t, r);
        if (s != MB_ERR_TLS_HANDSHAKE && s != MB_ERR_TIMEOUT) mb_tls_forget_session(t);
        t->inner.close(t->inner.ctx);
        return s;
    }
    t->stats.handshakes++;
    if (t->full_seen || t->insecure) t->stats.full++;
    else t->stats.resumed++;
    mb__tls_keep_session(t);
    t->connected = 1;
    return MB_OK;
}

static mb_status mb__tls_io_status(mb_tls *t, int r) {
    t->last_error = r;
    if (r == MBEDTLS_ERR_SSL_TIMEOUT) return MB_ERR_TIMEOUT;
    /* only close_notify is an orderly close: a connection cut without it
       (anyone on the path can) would make a body that the close delimits
       look complete, so it is a failure, and retried as one when nothing
       had come back yet */
    if (r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) return MB_ERR_CLOSED;
    if (r == MBEDTLS_ERR_SSL_CONN_EOF) return MB_ERR_IO;
    if (r == MB__TLS_ERR_RECV || r == MB__TLS_ERR_SEND)
        return t->io_status != MB_OK ? t->io_status : MB_ERR_IO;
    return MB_ERR_TLS;
}

static mb_status mb__tls_send(void *ctx, const void *data, size_t len, size_t *sent, uint32_t timeout_ms) {
    mb_tls *t = (mb_tls *)ctx;
    int r;
    if (!t->connected) return MB_ERR_IO;
    t->timeout_ms = timeout_ms;
    do {
        r = mbedtls_ssl_write(&t->ssl, (const unsigned char *)data, len);
    } while (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (r > 0) {
        *sent = (size_t)r;
        return MB_OK;
    }
    return mb__tls_io_status(t, r);
}

static mb_status mb__tls_recv(void *ctx, void *buf, size_t cap, size_t *got, uint32_t timeout_ms) {
    mb_tls *t = (mb_tls *)ctx;
    int r;
    if (!t->connected) return MB_ERR_IO;
    t->timeout_ms = timeout_ms;
    for (;;) {
        r = mbedtls_ssl_read(&t->ssl, (unsigned char *)buf, cap);
        if (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
        /* TLS 1.3: the session to resume is the one with this ticket */
        if (r == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
            mb__tls_keep_session(t);
            continue;
        }
#endif
        break;
    }
    if (r > 0) {
        *got = (size_t)r;
        return MB_OK;
    }
    if (r == 0) r = MBEDTLS_ERR_SSL_CONN_EOF; /* mbedtls_ssl_read's 0: closed without close_notify */
    return mb__tls_io_status(t, r);
}

static void mb__tls_close(void *ctx) {
    mb_tls *t = (mb_tls *)ctx;
    if (t->connected) {
        t->timeout_ms = 200; /* a courtesy close_notify: never wait long for it */
        (void)mbedtls_ssl_close_notify(&t->ssl);
    }
    t->connected = 0;
    t->inner.close(t->inner.ctx);
}

mb_transport mb_tls_transport(mb_tls *t) {
    mb_transport tr;
    tr.ctx = t;
    tr.flags = MB_TRANSPORT_TLS;
    tr.connect = mb__tls_connect;
    tr.send = mb__tls_send;
    tr.recv = mb__tls_recv;
    tr.close = mb__tls_close;
    return tr;
}

void mb_tls_forget_session(mb_tls *t) {
    mbedtls_ssl_session_free(&t->session);
    mbedtls_ssl_session_init(&t->session);
    t->have_session = 0;
}

void mb_tls_free(mb_tls *t) {
    if (!t->initialized) return;
    if (t->connected) mb__tls_close(t);
    mbedtls_ssl_session_free(&t->session);
    mbedtls_ssl_free(&t->ssl);
    mbedtls_ssl_config_free(&t->conf);
    mbedtls_x509_crt_free(&t->ca);
    mbedtls_x509_crt_free(&t->cert);
    mbedtls_pk_free(&t->key);
    mbedtls_ctr_drbg_free(&t->drbg);
    mbedtls_entropy_free(&t->entropy);
    t->initialized = 0;
}
#endif
