/* JWTs: reading a token's Hasura claims (for whoami and --mine; the server
 * verifies it), and minting a local-stack token the way Masterbots signs. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mbedtls/md.h>
#include "cli.h"

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static size_t b64url_encode(const unsigned char *in, size_t n, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0u) | (i + 2 < n ? in[i + 2] : 0u);
        out[o++] = B64URL[(v >> 18) & 63];
        out[o++] = B64URL[(v >> 12) & 63];
        if (i + 1 < n) out[o++] = B64URL[(v >> 6) & 63];
        if (i + 2 < n) out[o++] = B64URL[v & 63];
    }
    out[o] = '\0';
    return o;
}

static int b64url_decode(const char *in, size_t n, char *out, size_t cap, size_t *len) {
    unsigned v = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = strchr(B64URL, in[i]);
        if (!p || !in[i]) return -1;
        v = v << 6 | (unsigned)(p - B64URL);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o + 1 >= cap) return -1;
            out[o++] = (char)((v >> bits) & 0xFFu);
        }
    }
    out[o] = '\0';
    *len = o;
    return 0;
}

int jwt_claims(const char *jwt, char *user_id, size_t uid_cap, char *role, size_t role_cap, long long *exp) {
    static char payload[4096];
    static mb_token t[256];
    const char *a = strchr(jwt, '.'), *b = a ? strchr(a + 1, '.') : NULL;
    size_t n;
    mb_json d;
    int k, claims = -1, v;
    int64_t e;
    user_id[0] = role[0] = '\0';
    *exp = 0;
    if (!b || b64url_decode(a + 1, (size_t)(b - a - 1), payload, sizeof payload, &n)) return -1;
    if (mb_json_parse(&d, payload, n, t, 256) != MB_OK || d.tok[0].type != JSMN_OBJECT) return -1;
    /* the namespace key holds '.' and '/': found by iteration, not by path */
    for (k = mb_json_first(&d, 0); k >= 0; k = mb_json_next(&d, k))
        if (mb_str_eq(mb_json_raw_view(&d, k), "https://hasura.io/jwt/claims")) claims = k + 1;
    if (claims < 0) return -1;
    if (mb_json_find(&d, claims, "x-hasura-user-id", &v) == MB_OK) mb_json_unescape(&d, v, user_id, uid_cap, NULL);
    if (mb_json_find(&d, claims, "x-hasura-default-role", &v) == MB_OK) mb_json_unescape(&d, v, role, role_cap, NULL);
    if (mb_json_find(&d, 0, "exp", &v) == MB_OK && mb_json_get_i64(&d, v, &e) == MB_OK) *exp = e;
    return 0;
}

int jwt_mint(const char *key, const char *user_id, const char *role, long ttl, char *out, size_t cap) {
    static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    char payload[1024];
    unsigned char mac[32];
    long long iat = (long long)time(NULL);
    size_t o;
    int n;
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    for (const char *p = user_id; *p; p++)
        if (!strchr("0123456789abcdefABCDEF-", *p)) return -1;
    if (strlen(user_id) != 36) return -1;
    /* claim order as Masterbots' getToken() */
    n = snprintf(payload, sizeof payload,
                 "{\"https://hasura.io/jwt/claims\":{\"x-hasura-allowed-roles\":[\"user\",\"anonymous\",\"moderator\"],"
                 "\"x-hasura-default-role\":\"%s\",\"x-hasura-user-id\":\"%s\"},"
                 "\"user\":{\"role\":\"%s\",\"account\":\"%s\",\"sessionId\":\"unset\"},"
                 "\"exp\":%lld,\"iat\":%lld,\"nbf\":%lld}",
                 role, user_id, role, user_id, iat + ttl, iat, iat - 1);
    if (n <= 0 || (size_t)n >= sizeof payload || cap < 4 * (sizeof header + (size_t)n + 32) / 3 + 8) return -1;
    o = b64url_encode((const unsigned char *)header, sizeof header - 1, out);
    out[o++] = '.';
    o += b64url_encode((const unsigned char *)payload, (size_t)n, out + o);
    if (!md || mbedtls_md_hmac(md, (const unsigned char *)key, strlen(key), (const unsigned char *)out, o, mac)) return -1;
    out[o++] = '.';
    b64url_encode(mac, sizeof mac, out + o);
    return 0;
}
