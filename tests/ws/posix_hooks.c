/* The POSIX hooks the ws module needs: mb_posix_random gives fresh bytes
 * each call, mb_posix_now_ms never goes back, mb_posix_sleep_ms sleeps at
 * least as long as asked. Exit 0 when all hold. */
#define _POSIX_C_SOURCE 200809L
#define MB_IMPLEMENTATION
#include <stdio.h>
#include <string.h>
#include "mb.h"
#include "platform/mb_posix.h"

int main(void) {
    unsigned char a[32], b[32];
    uint64_t t0, t1;
    int bad = 0;
    if (mb_posix_random(a, sizeof a) != MB_OK || mb_posix_random(b, sizeof b) != MB_OK) { puts("random failed"); bad++; }
    if (memcmp(a, b, sizeof a) == 0) { puts("random gave the same 32 bytes twice"); bad++; }
    t0 = mb_posix_now_ms();
    mb_posix_sleep_ms(120);
    t1 = mb_posix_now_ms();
    if (t1 < t0 + 120 || t1 > t0 + 5000) { printf("sleep 120 ms took %llu ms\n", (unsigned long long)(t1 - t0)); bad++; }
    if (t0 == 0) { puts("clock reads 0"); bad++; }
    return bad != 0;
}
