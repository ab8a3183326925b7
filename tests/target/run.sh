#!/usr/bin/env bash
# Builds the unit tests (tests/unit/*.c, as they are) for Cortex-M3 and runs
# them under QEMU mps2-an385 with semihosting: printf goes to stdout, the
# fixture files are read from the host through semihosting, and main's
# return value is QEMU's exit status.
#
# Usage: tests/target/run.sh [-O1|-Os|-O2] [m3|m4f] [unit|ws] [build-only]
#   unit: tests/unit/*.c (default); ws: tests/ws/ws_test.c, the
#   subscriptions module over its fake server, with its small limits.
#   m3: Cortex-M3, soft float, on mps2-an385 (default);
#   m4f: Cortex-M4 with its FPU (hard-float ABI) on mps2-an386.
#   prints the tests' output; exits with their status (0: all passed).
# Also builds build/target/exit_probe-<cpu>.elf (see exit_probe.c).
set -euo pipefail
cd "$(dirname "$0")/../.."
opt=-O1 cpu=m3 prog=unit build_only=0
for a in "$@"; do
  case "$a" in
    -O0|-O1|-O2|-Os) opt=$a ;;
    m3|m4f) cpu=$a ;;
    unit|ws) prog=$a ;;
    build-only) build_only=1 ;;
    *) echo "run.sh: unknown argument '$a' (-O0/-O1/-O2/-Os, m3/m4f, unit/ws, build-only)" >&2; exit 2 ;;
  esac
done
out=build/target
mkdir -p "$out/inc"
cp /usr/include/jsmn.h "$out/inc/jsmn.h"   # alone: -I/usr/include would pull in glibc
CC=arm-none-eabi-gcc
case $cpu in
  m3)  ARCH="-mcpu=cortex-m3 -mthumb"; machine=mps2-an385 ;;
  m4f) ARCH="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"; machine=mps2-an386 ;;
esac
WARN="-std=c99 -Wall -Wextra -Wconversion -Wshadow -Wpedantic -Werror"
BOARD="examples/firmware/startup.c -T examples/firmware/mps2.ld --specs=rdimon.specs -Wl,--gc-sections"
WRAP="-Wl,--wrap=snprintf,--wrap=vsnprintf,--wrap=printf,--wrap=vprintf"
if [ "$prog" = unit ]; then
  elf=$out/test_unit-$cpu$opt.elf
  $CC $ARCH $WARN $opt -g -ffunction-sections -fdata-sections -isystem "$out/inc" -I. -Itests/unit $BOARD $WRAP \
    tests/target/newlib_z.c tests/unit/*.c -lm -o "$elf"
  args="arg=test_unit,arg=build/fixtures"
else
  elf=$out/ws_test-$cpu$opt.elf
  $CC $ARCH $WARN $opt -g -ffunction-sections -fdata-sections -DMB_WS_MAX_FRAME=2048 -DMB_WS_MAX_MESSAGE=4096 \
    -isystem "$out/inc" -I. -Itests/ws $BOARD $WRAP tests/target/newlib_z.c tests/ws/ws_test.c -lm -o "$elf"
  args="arg=ws_test"
fi
$CC $ARCH $WARN -O1 $BOARD tests/target/exit_probe.c -o "$out/exit_probe-$cpu.elf"
[ "$build_only" -eq 1 ] && exit 0
[ "$prog" = ws ] || [ -f build/fixtures/index.tsv ] || make -s build/fixtures/index.tsv
exec timeout 300 qemu-system-arm -M "$machine" -display none -monitor none -serial none \
  -semihosting-config "enable=on,target=native,$args" -kernel "$elf"
