/* Proves the exit-status path the target tests rely on:
 *   exit_probe N      returns N from main (QEMU must exit with N)
 *   exit_probe fault  reads an unmapped address (the fault handler exits 99) */
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "fault") == 0) return *(volatile int *)0xF0000000u;
    return argc > 1 ? atoi(argv[1]) : 0;
}
