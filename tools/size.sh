#!/usr/bin/env bash
# Size of the mb.h library for Cortex-M4, module by module, like coreHTTP's
# size table. Prints .text/.data/.bss per src/ module (jsmn counted in json)
# and the total; exits 1 when the total .text is over the budget.
#
# Usage: tools/size.sh [--write]
#   always writes the table to build/size/SIZE.md;
#   --write   also copies it to docs/SIZE.md
# Environment: MB_SIZE_BUDGET (bytes of .text, default 8192),
#   MB_JSMN_H (path of jsmn.h, default /usr/include/jsmn.h).
# Exit: 0 within budget, 1 over budget, 2 cannot build or measure.
#
# Method: module k is measured as the growth of the object when its
# implementation is added to those before it. prefix_k.c holds every
# declaration (as mb.h does) and the implementation of modules 1..k in
# amalgamation order, so static helpers and string literals are charged to
# the first module that uses them and the rows add up to the whole mb.h.
set -euo pipefail
cd "$(dirname "$0")/.."

write=0
for a in "$@"; do
  case "$a" in
    --write) write=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "size.sh: unknown argument '$a' (use --write)" >&2; exit 2 ;;
  esac
done

budget=${MB_SIZE_BUDGET:-8192}
jsmn_h=${MB_JSMN_H:-/usr/include/jsmn.h}
CC=arm-none-eabi-gcc
SIZE=arm-none-eabi-size
ARCH="-mcpu=cortex-m4 -mthumb"
OPT="-Os -ffunction-sections -fdata-sections"
STRICT="-std=c99 -Wall -Wextra -Wconversion -Wshadow -Wpedantic -Werror"
out=build/size

die() { echo "size.sh: $*" >&2; exit 2; }
command -v "$CC" >/dev/null || die "$CC not found (tools/deps.sh arm installs gcc-arm-none-eabi)"
[ -f "$jsmn_h" ] || die "jsmn.h not found at $jsmn_h (install libjsmn-dev or set MB_JSMN_H)"

# -I/usr/include would pull glibc headers into the newlib build: copy jsmn.h
# alone into a private include dir, as a system dir (its own warnings are
# not ours).
rm -rf "$out" && mkdir -p "$out/inc"
cp "$jsmn_h" "$out/inc/jsmn.h"
INC="-isystem $out/inc -I. -I$out"

modules=$(sed -n 's/^modules="\(.*\)"$/\1/p' tools/amalgamate.sh)
[ -n "$modules" ] || die "no modules=\"...\" line in tools/amalgamate.sh"

# text data bss of an object (Berkeley format: .rodata counts as text)
measure() { "$SIZE" -B "$1" | awk 'NR == 2 { print $1, $2, $3 }'; }
compile() {  # compile SRC OBJ EXTRA-FLAGS...
  local src=$1 obj=$2; shift 2
  "$CC" $ARCH $OPT "$@" $INC -c "$src" -o "$obj" 2> "$obj.log" || { cat "$obj.log" >&2; die "build of $src failed"; }
}

# The whole committed header, with the strict warning set.
printf '#define MB_IMPLEMENTATION\n#include "mb.h"\n' > "$out/all.c"
compile "$out/all.c" "$out/all.o" $STRICT
read -r tot_t tot_d tot_b < <(measure "$out/all.o")

# One prefix translation unit per module.
declare -a names=() mt=() md=() mb=()
prev_t=0; prev_d=0; prev_b=0; done_mods=""
{ cat src/prologue.h; for m in $modules; do cat "src/$m.h"; done; cat src/epilogue.h; echo; cat src/impl_prologue.h; } \
  > "$out/decls.h"
for m in $modules; do
  done_mods="$done_mods $m"
  f="$out/prefix_$m.c"
  { echo '#define MB_IMPLEMENTATION'; cat "$out/decls.h"; for d in $done_mods; do cat "src/$d.c"; done
    cat src/impl_epilogue.h; } > "$f"
  # helpers of later modules are unused here: not a defect of the prefix
  compile "$f" "$out/prefix_$m.o" -std=c99 -Wno-unused-function
  read -r t d b < <(measure "$out/prefix_$m.o")
  names+=("$m"); mt+=($((t - prev_t))); md+=($((d - prev_d))); mb+=($((b - prev_b)))
  prev_t=$t; prev_d=$d; prev_b=$b
done
sum_t=$prev_t; sum_d=$prev_d; sum_b=$prev_b

# jsmn on its own, as configured by mb.h (STRICT + PARENT_LINKS), for scale.
printf '#define JSMN_STRICT\n#define JSMN_PARENT_LINKS\n#include <jsmn.h>\n' > "$out/jsmn.c"
compile "$out/jsmn.c" "$out/jsmn.o" -std=c99
read -r jsmn_t _ _ < <(measure "$out/jsmn.o")

# Configurations that drop features.
declare -a vname=("default" "MB_NO_LOG" "MB_NO_FLOAT" "MB_NO_LOG + MB_NO_FLOAT") vflags=("" "-DMB_NO_LOG" "-DMB_NO_FLOAT" "-DMB_NO_LOG -DMB_NO_FLOAT") vt=()
for i in "${!vname[@]}"; do
  compile "$out/all.c" "$out/variant_$i.o" $STRICT ${vflags[$i]}
  read -r t _ _ < <(measure "$out/variant_$i.o")
  vt+=("$t")
done

# Linked images (newlib-nano, --gc-sections, every public function kept):
# what a firmware pays, C library included, over an empty main().
printf 'int main(void) { return 0; }\n' > "$out/main.c"
compile "$out/main.c" "$out/main.o" -std=c99
link() {  # link ELF OBJ... (extra link flags in $LFLAGS)
  local elf=$1; shift
  "$CC" $ARCH $OPT --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections $LFLAGS "$@" -o "$elf" \
    2> "$elf.log" || { cat "$elf.log" >&2; die "link of $elf failed (libnewlib-arm-none-eabi installed?)"; }
}
LFLAGS="" link "$out/empty.elf" "$out/main.o"
read -r empty_t _ _ < <(measure "$out/empty.elf")
declare -a iname=("default (+ -u _printf_float, which mb_w_double needs on newlib-nano)" "MB_NO_FLOAT" "MB_NO_LOG + MB_NO_FLOAT") ivar=(0 2 3) iflags=("-u _printf_float" "" "") it=()
for i in "${!iname[@]}"; do
  obj="$out/variant_${ivar[$i]}.o"
  keep=$(arm-none-eabi-nm -g --defined-only "$obj" | awk '$2 == "T" { printf " -Wl,--undefined=%s", $3 }')
  LFLAGS="${iflags[$i]} $keep" link "$out/image_$i.elf" "$out/main.o" "$obj"
  read -r t _ _ < <(measure "$out/image_$i.elf")
  it+=($((t - empty_t)))
done

# Biggest sections of the whole object (function code and its literals).
biggest=$("$SIZE" -A "$out/all.o" | awk '$1 ~ /^\.(text|rodata)/ && $2 > 0 { print $2, $1 }' | sort -rn | head -n 15)

# Which module defines a function: src/<module>.c, or jsmn.h (json).
module_of() {
  local fn=$1 m
  case "$fn" in jsmn_*) echo "json (jsmn)"; return ;; str1) echo "shared string literals"; return ;; CSWTCH*) echo "switch table"; return ;; esac
  for m in $modules; do
    if grep -Eq "^[a-z_][a-z0-9_ *]*[ *]${fn}\(" "src/$m.c"; then echo "$m"; return; fi
  done
  echo "-"
}

ccver=$("$CC" --version | head -n 1)
flags="$ARCH $OPT"
status="within"
[ "$tot_t" -le "$budget" ] || status="OVER"

# ---------------------------------------------------------------- report
{
  echo "mb.h for Cortex-M4: $ccver"
  echo "flags: $flags (jsmn: STRICT + PARENT_LINKS, static)"
  printf '%-16s %7s %7s %7s\n' module .text .data .bss
  for i in "${!names[@]}"; do
    label=${names[$i]}; [ "$label" = json ] && label="json + jsmn"
    printf '%-16s %7d %7d %7d\n' "$label" "${mt[$i]}" "${md[$i]}" "${mb[$i]}"
  done
  printf '%-16s %7d %7d %7d\n' total "$tot_t" "$tot_d" "$tot_b"
  printf '  (jsmn alone: %d B .text, part of the json row)\n' "$jsmn_t"
  for i in "${!vname[@]}"; do printf '  %-26s %7d B .text\n' "${vname[$i]}" "${vt[$i]}"; done
  echo "linked image with newlib-nano, over an empty main (C library included):"
  for i in "${!iname[@]}"; do printf '  %-26s %7d B .text\n' "${iname[$i]%% (*}" "${it[$i]}"; done
  echo "biggest sections:"
  echo "$biggest" | while read -r n s; do printf '  %6d  %s\n' "$n" "$s"; done
  if [ "$status" = OVER ]; then
    echo "budget: $budget B .text: OVER by $((tot_t - budget)) B"
  else
    echo "budget: $budget B .text: within ($((budget - tot_t)) B to spare)"
  fi
}

if [ "$sum_t" -ne "$tot_t" ] || [ "$sum_d" -ne "$tot_d" ] || [ "$sum_b" -ne "$tot_b" ]; then
  die "the modules add up to $sum_t/$sum_d/$sum_b but mb.h measures $tot_t/$tot_d/$tot_b: is mb.h stale? (make amalgamate)"
fi

# The TLS adapter (platform/mb_mbedtls.h) against a minimal mbedTLS 2.28
# configuration (platform/mbedtls/mb_mbedtls_config.h): its own code only,
# measured as the growth over mb.h alone; mbedTLS itself is not counted.
tls_t=""
if [ -d /usr/include/mbedtls ]; then
  cp -r /usr/include/mbedtls "$out/inc/mbedtls"
  printf '#define MB_IMPLEMENTATION\n#include "mb.h"\n#include "platform/mb_mbedtls.h"\n' > "$out/tls.c"
  compile "$out/tls.c" "$out/tls.o" $STRICT -DMBEDTLS_CONFIG_FILE='"mb_mbedtls_config.h"' -Iplatform/mbedtls
  read -r tt _ _ <<< "$(measure "$out/tls.o")"
  tls_t=$((tt - tot_t))
  echo "TLS adapter (platform/mb_mbedtls.h, minimal mbedTLS config): $tls_t B .text"
fi

kb() { awk -v n="$1" 'BEGIN { printf "%.1fK", n / 1024 }'; }
cell() { printf '        <td><center>%s (%d)</center></td>\n' "$(kb "$1")" "$1"; }

{
    echo "# Code size"
    echo
    echo "Generated by \`tools/size.sh --write\` (\`make size\` prints the same figures); do not edit by hand."
    echo
    echo "<table>"
    echo "    <tr>"
    echo "        <td colspan=\"4\"><center><b>Code size of mb.h (generated with GCC for ARM Cortex-M4, -Os)</b></center></td>"
    echo "    </tr>"
    echo "    <tr>"
    echo "        <td><b>Module</b></td>"
    echo "        <td><b><center>.text</center></b></td>"
    echo "        <td><b><center>.data</center></b></td>"
    echo "        <td><b><center>.bss</center></b></td>"
    echo "    </tr>"
    for i in "${!names[@]}"; do
      label="src/${names[$i]}.c"; [ "${names[$i]}" = json ] && label="src/json.c + jsmn"
      echo "    <tr>"
      echo "        <td>$label</td>"
      cell "${mt[$i]}"; cell "${md[$i]}"; cell "${mb[$i]}"
      echo "    </tr>"
    done
    echo "    <tr>"
    echo "        <td><b>Total estimates</b></td>"
    printf '        <td><b><center>%s (%d)</center></b></td>\n' "$(kb "$tot_t")" "$tot_t"
    printf '        <td><b><center>%s (%d)</center></b></td>\n' "$(kb "$tot_d")" "$tot_d"
    printf '        <td><b><center>%s (%d)</center></b></td>\n' "$(kb "$tot_b")" "$tot_b"
    echo "    </tr>"
    echo "</table>"
    echo
    echo "Figures in bytes in parentheses; K = 1024 bytes. \`.text\` is what \`size\` counts as text: code plus"
    echo "read-only data (string literals, switch tables)."
    echo
    echo "## Budget"
    echo
    if [ "$status" = OVER ]; then
      echo "Issue 2 budget: everything, jsmn included, in **$budget B** of \`.text\`. Measured: **$tot_t B, over by"
      echo "$((tot_t - budget)) B**. \`tools/size.sh\` exits 1 while this holds; the footprint issue brings it down."
    else
      echo "Issue 2 budget: everything, jsmn included, in **$budget B** of \`.text\`. Measured: **$tot_t B**,"
      echo "$((budget - tot_t)) B to spare. \`tools/size.sh\` exits 1 when the total goes over."
    fi
    echo
    echo "## How it is measured"
    echo
    echo "- Compiler: \`$ccver\` (Debian \`gcc-arm-none-eabi\`)."
    echo "- Flags: \`$flags\`."
    echo "- Objects, not a linked image: the C library (newlib's \`snprintf\`, \`strtod\`, \`mem*\`/\`str*\`)"
    echo "  and libgcc's soft-float helpers are not counted."
    echo "- jsmn is the system \`jsmn.h\` (libjsmn-dev 1.1.0) with \`JSMN_STRICT\` and \`JSMN_PARENT_LINKS\`, compiled"
    echo "  static into the json module as \`mb.h\` includes it. It is copied alone into \`build/size/inc\`:"
    echo "  \`-I/usr/include\` would pull glibc headers into the newlib build. On its own it is $jsmn_t B."
    echo "- Per module: \`tools/size.sh\` builds one translation unit per module from \`src/\`, holding every"
    echo "  declaration and the implementation of that module and of all modules before it in amalgamation order"
    echo "  (\`$modules\`). A module's row is how much the object grows when it is added, so"
    echo "  a static helper or string literal is charged to the first module that uses it, inlining is the"
    echo "  compiler's real choice, and the rows add up exactly to the object built from \`mb.h\` (the script"
    echo "  checks that they do)."
    echo
    echo "## Configurations"
    echo
    echo "| configuration | .text |"
    echo "|---|---|"
    for i in "${!vname[@]}"; do echo "| ${vname[$i]} | $(kb "${vt[$i]}") (${vt[$i]}) |"; done
    echo
    echo "## Linked image"
    echo
    echo "The table counts \`mb.h\`'s own code. A firmware also links what it calls from the C library. Linked with"
    echo "newlib-nano (\`--specs=nano.specs --specs=nosys.specs -Wl,--gc-sections\`), every public function kept,"
    echo "the image grows over an empty \`main()\` by:"
    echo
    echo "| configuration | .text added |"
    echo "|---|---|"
    for i in "${!iname[@]}"; do echo "| ${iname[$i]} | $(kb "${it[$i]}") (${it[$i]}) |"; done
    echo
    echo "The difference is the C library's floating-point formatting and parsing (\`snprintf\` \`%g\`, \`strtod\`)"
    echo "and libgcc's soft-float, used by \`mb_w_double\` and \`mb_json_get_double\`."
    echo
    echo "## Biggest sections"
    echo
    echo "From the object built from \`mb.h\` (\`-ffunction-sections -fdata-sections\`); static functions that the"
    if "$SIZE" -A "$out/all.o" | grep -q '^\.text\.jsmn_parse '; then
      echo "compiler inlined are inside their caller's section."
    else
      echo "compiler inlined are inside their caller's section (\`jsmn_parse\` is inside \`mb_json_parse\`)."
    fi
    echo
    echo "| bytes | section | module |"
    echo "|---|---|---|"
    echo "$biggest" | while read -r n s; do
      fn=${s#.text.}; fn=${fn#.rodata.}; fn=${fn%%.*}
      echo "| $n | \`$s\` | $(module_of "$fn") |"
    done
    if [ -n "$tls_t" ]; then
      echo
      echo "## TLS adapter"
      echo
      echo "\`platform/mb_mbedtls.h\` adds **$(kb "$tls_t") ($tls_t B)** of \`.text\` over \`mb.h\`, built with the same flags"
      echo "against the minimal mbedTLS configuration \`platform/mbedtls/mb_mbedtls_config.h\` (TLS 1.2 client only,"
      echo "ECDHE-ECDSA with AES-GCM, P-256/P-384, session tickets, static memory pool). mbedTLS's own code is not"
      echo "counted; handshake figures and the RAM a session needs are in \`docs/TLS.md\`."
    fi
} > "$out/SIZE.md"
if [ "$write" -eq 1 ]; then
  mkdir -p docs
  cp "$out/SIZE.md" docs/SIZE.md
  echo "wrote docs/SIZE.md"
fi

[ "$status" = within ]
