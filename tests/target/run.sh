#!/usr/bin/env bash
# Builds the unit tests (tests/unit/*.c, as they are) for Cortex-M3 and runs
# them under QEMU mps2-an385 with semihosting: printf goes to stdout, the
# fixture files are read from the host through semihosting, and main's
# return value is QEMU's exit status.
#
# Usage: tests/target/run.sh [-O1|-Os|-O2] [build-only]
#   prints the tests' output; exits with their status (0: all passed).
# Also builds build/target/exit_probe.elf (see exit_probe.c).
set -euo pipefail
cd "$(dirname "$0")/../.."
opt=${1:--O1}
case "$opt" in -O0|-O1|-O2|-Os) ;; *) echo "run.sh: optimisation must be -O0, -O1, -O2 or -Os, not '$opt'" >&2; exit 2 ;; esac
out=build/target
mkdir -p "$out/inc"
cp /usr/include/jsmn.h "$out/inc/jsmn.h"   # alone: -I/usr/include would pull in glibc
CC=arm-none-eabi-gcc
ARCH="-mcpu=cortex-m3 -mthumb"
WARN="-std=c99 -Wall -Wextra -Wconversion -Wshadow -Wpedantic -Werror"
BOARD="examples/firmware/startup.c -T examples/firmware/mps2.ld --specs=rdimon.specs -Wl,--gc-sections"
WRAP="-Wl,--wrap=snprintf,--wrap=vsnprintf,--wrap=printf,--wrap=vprintf"
elf=$out/test_unit$opt.elf
$CC $ARCH $WARN $opt -g -ffunction-sections -fdata-sections -isystem "$out/inc" -I. -Itests/unit $BOARD $WRAP \
  tests/target/newlib_z.c tests/unit/*.c -lm -o "$elf"
$CC $ARCH $WARN -O1 $BOARD tests/target/exit_probe.c -o "$out/exit_probe.elf"
[ "${2:-}" = build-only ] && exit 0
[ -f build/fixtures/index.tsv ] || make -s build/fixtures/index.tsv
exec timeout 300 qemu-system-arm -M mps2-an385 -display none -monitor none -serial none \
  -semihosting-config enable=on,target=native,arg=test_unit,arg=build/fixtures -kernel "$elf"
