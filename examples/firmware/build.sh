#!/usr/bin/env bash
# Builds the firmware image build/firmware/fw.elf for mps2-an385
# (Cortex-M3): mbedTLS from Debian's source package with the device
# configuration (tools/mbedtls-src.sh), newlib-nano without its syscalls
# (crt_noheap.c starts the program and talks to the host by semihosting).
# Usage: examples/firmware/build.sh [OUT.elf [CFLAGS...]]
#   e.g. build.sh build/firmware/fw-pool16k.elf -DFW_TLS_POOL_SIZE=16384
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/mbedtls-src.sh cortex-m3
out=build/firmware
elf=${1:-$out/fw.elf}
[ $# -gt 0 ] && shift
mkdir -p "$out/inc" "$(dirname "$elf")"
cp /usr/include/jsmn.h "$out/inc/jsmn.h"   # alone: -I/usr/include would pull in glibc
M=build/mbedtls-arm
arm-none-eabi-gcc -mcpu=cortex-m3 -mthumb -Os -g -std=c99 -Wall -Wextra -Wshadow -Werror \
  -ffunction-sections -fdata-sections -DMB_NO_FLOAT -DMB_NO_WS \
  -DMBEDTLS_CONFIG_FILE='"mb_mbedtls_config.h"' -Iplatform/mbedtls -isystem "$M/include" -isystem "$out/inc" -I. \
  -Iexamples/firmware -T examples/firmware/mps2.ld --specs=nano.specs --specs=nosys.specs \
  -nostartfiles -Wl,--gc-sections -Wl,--wrap=_sbrk,--wrap=mbedtls_calloc -Wl,-Map="${elf%.elf}.map" "$@" \
  examples/firmware/startup.c examples/firmware/crt_noheap.c examples/firmware/main.c \
  -L"$M/cortex-m3" -lmbedtls -lmbedx509 -lmbedcrypto -o "$elf"
arm-none-eabi-size "$elf"
