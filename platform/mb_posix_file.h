/* mb_posix_file.h — keeping an outbox in a file on POSIX systems.
 *
 *     static unsigned char ring[8192];
 *     size_t loaded = 0;
 *     mb_posix_load_file("/var/lib/bot/outbox", ring, sizeof ring, &loaded);
 *     cfg.buf = ring; cfg.cap = sizeof ring;
 *     cfg.save = mb_posix_outbox_save; cfg.save_user = (void *)"/var/lib/bot/outbox";
 *     mb_outbox_init(&box, &cfg, loaded);
 *
 * Saving is atomic: the data goes to PATH.tmp, is fsync'ed, and renamed over
 * PATH (then the folder is fsync'ed), so a power cut leaves the old queue or
 * the new one, never a mix. One writer per path: processes sharing a queue
 * file hold a lock from load to their last save (PATH.tmp is shared too,
 * and each save replaces the whole queue). Include after mb.h; the
 * implementation comes with MB_IMPLEMENTATION. Needs _POSIX_C_SOURCE >= 200809L under -std=c99. */
#ifndef MB_POSIX_FILE_H
#define MB_POSIX_FILE_H
#ifdef __cplusplus
extern "C" {
#endif
/* Writes data to path atomically. MB_ERR_ARG for a NULL path or one over
 * 4,091 bytes (PATH.tmp must fit 4 KB); MB_ERR_IO on any other failure. */
MB_API mb_status mb_posix_save_file(const char *path, const unsigned char *data, size_t len);
/* Reads path into buf; a missing file gives *len = 0 and MB_OK. A file
 * larger than cap: MB_ERR_BUFFER. */
MB_API mb_status mb_posix_load_file(const char *path, unsigned char *buf, size_t cap, size_t *len);
/* The outbox save hook: user is the path (const char *). */
MB_API mb_status mb_posix_outbox_save(void *user, const unsigned char *data, size_t len);
#ifdef __cplusplus
}
#endif
#endif /* MB_POSIX_FILE_H */

#if defined(MB_IMPLEMENTATION) && !defined(MB_POSIX_FILE_IMPLEMENTED)
#define MB_POSIX_FILE_IMPLEMENTED
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

mb_status mb_posix_save_file(const char *path, const unsigned char *data, size_t len) {
    char tmp[4096], dir[4096];
    const char *slash;
    int fd, ok;
    size_t off = 0;
    if (!path || strlen(path) + 5 > sizeof tmp) return MB_ERR_ARG;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return MB_ERR_IO;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        off += (size_t)n;
    }
    ok = off == len && fsync(fd) == 0;
    if (close(fd) != 0) ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return MB_ERR_IO;
    }
    /* the rename itself must reach the disk */
    slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
    fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    return MB_OK;
}

mb_status mb_posix_load_file(const char *path, unsigned char *buf, size_t cap, size_t *len) {
    int fd;
    size_t off = 0;
    *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? MB_OK : MB_ERR_IO;
    for (;;) {
        ssize_t n;
        unsigned char extra;
        if (off == cap) { /* full: is there more? */
            do n = read(fd, &extra, 1);
            while (n < 0 && errno == EINTR);
            close(fd);
            return n == 0 ? (*len = off, MB_OK) : n < 0 ? MB_ERR_IO : MB_ERR_BUFFER;
        }
        n = read(fd, buf + off, cap - off);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            close(fd);
            return MB_ERR_IO;
        }
        if (n == 0) break;
        off += (size_t)n;
    }
    close(fd);
    *len = off;
    return MB_OK;
}

mb_status mb_posix_outbox_save(void *user, const unsigned char *data, size_t len) {
    return mb_posix_save_file((const char *)user, data, len);
}
#endif
