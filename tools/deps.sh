#!/usr/bin/env bash
# Installs what the build and the tests need, only where it is missing.
# Groups: c (host C toolchain, jsmn, mbedTLS), arm (Cortex-M cross + QEMU),
# pg (PostgreSQL 15 server), node (npm ci in backend/), bench (cJSON, libcurl
# for make bench), all (default: everything but bench).
# Installs with apt-get only when running as root; otherwise it reports.
set -euo pipefail
cd "$(dirname "$0")/.."

want=()
need_pkg() {  # need_pkg PACKAGE PATH-THAT-PROVES-IT
  [ -e "$2" ] || want+=("$1")
}

groups=("$@"); [ ${#groups[@]} -gt 0 ] || groups=(all)
for g in "${groups[@]}"; do
  case "$g" in
    c|all)
      need_pkg make /usr/bin/make
      need_pkg gcc /usr/bin/gcc
      need_pkg g++ /usr/bin/g++
      need_pkg clang /usr/bin/clang
      need_pkg libclang-rt-14-dev /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.asan-x86_64.a
      need_pkg libjsmn-dev /usr/include/jsmn.h
      need_pkg libmbedtls-dev /usr/include/mbedtls/ssl.h
      need_pkg cmake /usr/bin/cmake
      need_pkg openssl /usr/bin/openssl
      need_pkg valgrind /usr/bin/valgrind
      need_pkg binutils /usr/bin/nm
      need_pkg gcovr /usr/bin/gcovr  # make coverage
      need_pkg locales /usr/share/i18n/locales/de_DE  # 10-unit compiles a decimal-comma locale from it
      ;;&
    arm|all)
      need_pkg dpkg-dev /usr/bin/dpkg-source  # apt-get source mbedtls (tools/mbedtls-src.sh)
      need_pkg gcc-arm-none-eabi /usr/bin/arm-none-eabi-gcc
      need_pkg libnewlib-arm-none-eabi /usr/lib/arm-none-eabi/newlib
      need_pkg qemu-system-arm /usr/bin/qemu-system-arm
      ;;&
    pg|all)
      need_pkg postgresql /usr/lib/postgresql/15/bin/postgres
      need_pkg postgresql-15-postgis-3 /usr/share/postgresql/15/extension/postgis.control  # fixture setups use geometry
      need_pkg locales /usr/sbin/locale-gen  # fixture setups set lc_monetary to en_US.utf-8
      need_pkg iproute2 /usr/bin/ss
      need_pkg docker-compose /usr/bin/docker-compose  # 30-backend-db validates backend/docker-compose.yml with it
      ;;&
    node|all)
      need_pkg nodejs /usr/bin/node
      command -v npm >/dev/null 2>&1 || need_pkg npm /usr/bin/npm
      ;;&
    bench)
      need_pkg libcjson-dev /usr/include/cjson/cJSON.h
      need_pkg libcurl4-openssl-dev /usr/include/x86_64-linux-gnu/curl/curl.h
      need_pkg valgrind /usr/bin/valgrind
      ;;&
    c|arm|pg|node|all|bench) ;;
    *) echo "deps.sh: unknown group '$g' (c, arm, pg, node, bench, all)" >&2; exit 2 ;;
  esac
done

if [ ${#want[@]} -gt 0 ]; then
  # de-duplicate while keeping order
  mapfile -t want < <(printf '%s\n' "${want[@]}" | awk '!seen[$0]++')
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages: ${want[*]} (run as root, or: sudo apt-get install ${want[*]})" >&2
    exit 1
  fi
  echo "deps.sh: installing ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi

for g in "${groups[@]}"; do
  if [ "$g" = node ] || [ "$g" = all ]; then
    if [ -f backend/package-lock.json ] && \
       { [ ! -d backend/node_modules ] || [ backend/package-lock.json -nt backend/node_modules/.package-lock.json ]; }; then
      (cd backend && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
  fi
done
