#!/usr/bin/env bash
# mbedTLS for Cortex-M from Debian's own source package, built with the
# device configuration platform/mbedtls/mb_mbedtls_config.h.
#
# Usage: tools/mbedtls-src.sh [CPU]      (CPU: cortex-m3 by default)
# Result: build/mbedtls-arm/<CPU>/lib{mbedtls,mbedx509,mbedcrypto}.a and
#         build/mbedtls-arm/include (the headers of the same source tree).
# Needs: gcc-arm-none-eabi, dpkg-dev (dpkg-source), a deb-src entry for
# bookworm main: added as /etc/apt/sources.list.d/mb-deb-src.sources when
# missing and running as root (then apt-get update). Idempotent: rebuilds
# only when the configuration or the CPU changed.
set -euo pipefail
cd "$(dirname "$0")/.."

cpu=${1:-cortex-m3}
case "$cpu" in cortex-m0plus|cortex-m3|cortex-m4) ;; *) echo "mbedtls-src.sh: CPU must be cortex-m0plus, cortex-m3 or cortex-m4, not '$cpu'" >&2; exit 2 ;; esac
top=build/mbedtls-arm
cfg=platform/mbedtls/mb_mbedtls_config.h
die() { echo "mbedtls-src.sh: $*" >&2; exit 1; }
command -v arm-none-eabi-gcc >/dev/null || die "arm-none-eabi-gcc not found (tools/deps.sh arm)"

# 1. The source tree (apt-get source: Debian's package, no other download).
src=$(ls -d "$top"/src/mbedtls-2.* 2>/dev/null | sed -n 1p || true)
if [ -z "$src" ]; then
  have_src() { grep -Eqs '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; }
  if ! have_src || ! apt-cache showsrc mbedtls >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "no deb-src entry for bookworm main: add one (Types: deb-src, Suites: bookworm, Components: main) or run as root"
    cat > /etc/apt/sources.list.d/mb-deb-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -qq >/dev/null
  fi
  if ! command -v dpkg-source >/dev/null; then
    [ "$(id -u)" -eq 0 ] || die "dpkg-source missing: apt-get install dpkg-dev"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
  fi
  mkdir -p "$top/src"
  (cd "$top/src" && apt-get source -qq mbedtls >/dev/null 2>apt-source.log) || { cat "$top/src/apt-source.log" >&2; die "apt-get source mbedtls failed"; }
  src=$(ls -d "$top"/src/mbedtls-2.* | sed -n 1p)
fi

# 2. The static libraries for CPU, with the device configuration.
out=$top/$cpu
stamp=$(cat "$cfg" "$0" | sha256sum | cut -c1-16)
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] && [ -f "$out/libmbedcrypto.a" ]; then
  exit 0
fi
rm -rf "$out" && mkdir -p "$out/obj"
cp "$cfg" "$out/mb_mbedtls_config.h"
CFLAGS="-mcpu=$cpu -mthumb -Os -ffunction-sections -fdata-sections -I$src/include -I$out -DMBEDTLS_CONFIG_FILE=\"mb_mbedtls_config.h\""
# every library source, grouped as upstream's library/Makefile groups them;
# what the configuration disables compiles to nothing
for c in "$src"/library/*.c; do
  o=$(basename "$c" .c)
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $CFLAGS -c "$c" -o "$out/obj/$o.o" 2>> "$out/build.log" || { tail -n 20 "$out/build.log" >&2; die "build of $o.c failed"; }
  case $o in
    certs|pkcs11|x509*) echo "$out/obj/$o.o" >> "$out/x509.list" ;;
    debug|net_sockets|ssl_*) echo "$out/obj/$o.o" >> "$out/tls.list" ;;
    *) echo "$out/obj/$o.o" >> "$out/crypto.list" ;;
  esac
done
arm-none-eabi-ar rcs "$out/libmbedcrypto.a" $(cat "$out/crypto.list")
arm-none-eabi-ar rcs "$out/libmbedx509.a" $(cat "$out/x509.list")
arm-none-eabi-ar rcs "$out/libmbedtls.a" $(cat "$out/tls.list")
ln -sfn "$(cd "$src/include" && pwd)" "$top/include"
echo "$stamp" > "$out/stamp"
echo "mbedtls-src.sh: built $out from $(basename "$src") ($cpu)"
