#!/usr/bin/env bash
# Size of the mb.h library on Cortex-M, module by module, like coreHTTP's
# size table: .text/.data/.bss per src/ module (jsmn counted in json) for
# Cortex-M0+, M3 and M4 at -Os and -O2; the core against its budget; the
# worst-case stack of every public function (-fstack-usage + the call graph
# of -fcallgraph-info); linked images; the TLS adapter.
#
# Usage: tools/size.sh [--write]
#   always writes the report to build/size/SIZE.md;
#   --write   also copies it to docs/SIZE.md
# Environment: MB_CORE_BUDGET (bytes of .text for base+write+json+http+
#   graphql+client on Cortex-M4 -Os, default 6144), MB_WS_BUDGET (ws, 3072),
#   MB_SIZE_TOLERANCE (percent over a budget before the guard fails, 10),
#   MB_JSMN_H (path of jsmn.h, default /usr/include/jsmn.h).
# Exit: 0 within budget (tolerance included), 1 over, 2 cannot build or measure.
#
# Method: module k is measured as the growth of the object when its
# implementation is added to those before it. prefix_k.c holds every
# declaration (as mb.h does) and the implementation of modules 1..k in
# amalgamation order, so static helpers and string literals are charged to
# the first module that uses them and the rows add up to the whole mb.h.
set -euo pipefail
# Under pipefail a reader that stops early (head, grep -q) can kill its
# writer with SIGPIPE and fail the script at random: readers here read
# their whole input (sed -n, grep >/dev/null).
cd "$(dirname "$0")/.."

write=0
for a in "$@"; do
  case "$a" in
    --write) write=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "size.sh: unknown argument '$a' (use --write)" >&2; exit 2 ;;
  esac
done

core_budget=${MB_CORE_BUDGET:-6144}
ws_budget=${MB_WS_BUDGET:-3072}
tol=${MB_SIZE_TOLERANCE:-10}
for v in "$core_budget" "$ws_budget" "$tol"; do
  case "$v" in ''|*[!0-9]*) echo "size.sh: MB_CORE_BUDGET, MB_WS_BUDGET and MB_SIZE_TOLERANCE must be whole numbers, not '$v'" >&2; exit 2 ;; esac
done
core_limit=$((core_budget * (100 + tol) / 100))
ws_limit=$((ws_budget * (100 + tol) / 100))
core_mods="base write json http graphql client"
cpus="cortex-m0plus cortex-m3 cortex-m4"
opts="-Os -O2"
jsmn_h=${MB_JSMN_H:-/usr/include/jsmn.h}
CC=arm-none-eabi-gcc
SIZE=arm-none-eabi-size
ARCH="-mcpu=cortex-m4 -mthumb"
OPT="-Os -ffunction-sections -fdata-sections"
STRICT="-std=c99 -Wall -Wextra -Wconversion -Wshadow -Wpedantic -Werror"
# a work folder of this run's own: two runs at once (make test and make
# size) must not delete each other's objects; the report goes to build/size
out=build/size-work.$$
trap 'rm -rf "$out"' EXIT

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

# One prefix translation unit per module, for one CPU and optimisation:
# writes "module text data bss" rows to $out/<cpu><opt>/rows.
{ cat src/prologue.h; for m in $modules; do cat "src/$m.h"; done; cat src/epilogue.h; echo; cat src/impl_prologue.h; } \
  > "$out/decls.h"
done_mods=""
for m in $modules; do
  done_mods="$done_mods $m"
  { echo '#define MB_IMPLEMENTATION'; cat "$out/decls.h"; for d in $done_mods; do cat "src/$d.c"; done
    cat src/impl_epilogue.h; } > "$out/prefix_$m.c"
done
per_module() {  # per_module CPU OPT
  local cpu=$1 opt=$2 d="$out/$1$2" m t d_ b prev_t=0 prev_d=0 prev_b=0
  mkdir -p "$d"; : > "$d/rows"
  for m in $modules; do
    # helpers of later modules are unused here: not a defect of the prefix
    "$CC" -mcpu="$cpu" -mthumb "$opt" -ffunction-sections -fdata-sections $INC -std=c99 -Wno-unused-function \
      -c "$out/prefix_$m.c" -o "$d/prefix_$m.o" 2> "$d/prefix_$m.log" || { cat "$d/prefix_$m.log" >&2; return 1; }
    read -r t d_ b < <(measure "$d/prefix_$m.o")
    echo "$m $((t - prev_t)) $((d_ - prev_d)) $((b - prev_b))" >> "$d/rows"
    prev_t=$t; prev_d=$d_; prev_b=$b
  done
}
pids=()
for cpu in $cpus; do for o in $opts; do per_module "$cpu" "$o" & pids+=($!); done; done
for p in "${pids[@]}"; do wait "$p" || die "a per-module build failed"; done
declare -a names=() mt=() md=() mb=()
while read -r m t d b; do names+=("$m"); mt+=("$t"); md+=("$d"); mb+=("$b"); done < "$out/cortex-m4-Os/rows"
sum_t=0; sum_d=0; sum_b=0
for i in "${!names[@]}"; do sum_t=$((sum_t + mt[i])); sum_d=$((sum_d + md[i])); sum_b=$((sum_b + mb[i])); done
rowsum() {  # rowsum CONFIG MODULES...: .text of those modules
  local f="$out/$1/rows"; shift
  awk -v want=" $* " 'index(want, " " $1 " ") { t += $2 } END { print t + 0 }' "$f"
}
core_t=$(rowsum cortex-m4-Os $core_mods)
ws_t=$(rowsum cortex-m4-Os ws)

# jsmn on its own, as configured by mb.h (PARENT_LINKS, default mode), for scale.
printf '#define JSMN_PARENT_LINKS\n#include <jsmn.h>\n' > "$out/jsmn.c"
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
biggest=$("$SIZE" -A "$out/all.o" | awk '$1 ~ /^\.(text|rodata)/ && $2 > 0 { print $2, $1 }' | sort -rn | sed -n 1,15p)

# Which module defines a function: src/<module>.c, or jsmn.h (json).
module_of() {
  local fn=$1 m
  case "$fn" in jsmn_*) echo "json (jsmn)"; return ;; str1) echo "shared string literals"; return ;; CSWTCH*) echo "switch table"; return ;; esac
  for m in $modules; do
    if grep -Eq "^[a-z_][a-z0-9_ *]*[ *]${fn}\(" "src/$m.c"; then echo "$m"; return; fi
  done
  echo "-"
}

ccver=$("$CC" --version | sed -n 1p)
flags="$ARCH $OPT"
status="within"
[ "$core_t" -le "$core_limit" ] || status="OVER"
[ "$ws_t" -le "$ws_limit" ] || status="OVER"
verdict() {  # verdict MEASURED BUDGET LIMIT
  if [ "$1" -le "$2" ]; then echo "within ($(( $2 - $1 )) B to spare)"
  elif [ "$1" -le "$3" ]; then echo "over by $(( $1 - $2 )) B, within the ${tol}% tolerance"
  else echo "OVER by $(( $1 - $2 )) B ($(( ($1 - $2) * 100 / $2 ))%), more than the ${tol}% tolerance"; fi
}
core_v=$(verdict "$core_t" "$core_budget" "$core_limit")
ws_v=$(verdict "$ws_t" "$ws_budget" "$ws_limit")

# Worst-case stack of every public function: frames from -fstack-usage,
# edges from -fcallgraph-info=su,da, longest path per function. Calls into
# the C library and through function pointers (transport, log, refresh and
# allocation hooks) are not followed: their cost is the callee's.
"$CC" $ARCH $OPT $INC -std=c99 -fstack-usage -fcallgraph-info=su,da -c "$out/all.c" -o "$out/stack.o" 2> "$out/stack.log" \
  || { cat "$out/stack.log" >&2; die "stack-usage build failed"; }
arm-none-eabi-nm -g --defined-only "$out/stack.o" | awk '$2 == "T" { print $3 }' | sort > "$out/public.txt"
awk -v pubf="$out/public.txt" '
  function strip(s) { sub(/^.*:/, "", s); return s }
  /^node:/ {
    if (!match($0, /title: "[^"]*"/)) next
    n = strip(substr($0, RSTART + 8, RLENGTH - 9))
    if (match($0, /\\n[0-9]+ bytes \([a-z,]*\)/)) {
      f = substr($0, RSTART + 2, RLENGTH - 2); split(f, fw, " "); self[n] = fw[1] + 0
      if (f ~ /dynamic/ && f !~ /bounded/) unb[n] = 1
    }
    known[n] = 1
  }
  /^edge:/ {
    match($0, /sourcename: "[^"]*"/); a = strip(substr($0, RSTART + 13, RLENGTH - 14))
    match($0, /targetname: "[^"]*"/); b = strip(substr($0, RSTART + 13, RLENGTH - 14))
    if (!((a SUBSEP b) in seen)) { seen[a, b] = 1; nout[a]++; out[a, nout[a]] = b }
  }
  function worst(f,    i, c, w, best, bc) {
    if (f in memo) return memo[f]
    if (onpath[f]) { rec[f] = 1; recur = 1; return 0 }
    if (f == "__indirect_call") { ind = 1; return 0 }
    if (!(f in self)) { if (f !~ /^mb/) lib[f] = 1; return 0 }
    onpath[f] = 1; best = 0; bc = ""
    for (i = 1; i <= nout[f]; i++) { c = out[f, i]; w = worst(c); if (bc == "" || w > best) { best = w; bc = c } }
    onpath[f] = 0
    memo[f] = self[f] + best; via[f] = bc
    return memo[f]
  }
  END {
    while ((getline p < pubf) > 0) {
      delete memo; delete lib; ind = 0; recur = 0
      w = worst(p)
      path = p; c = via[p]; k = 0
      while (c != "" && c in self && k < 12) { path = path " > " c; c = via[c]; k++ }
      libs = ""; for (l in lib) libs = libs (libs == "" ? "" : " ") l
      printf "%s\t%d\t%s\t%s\t%s\t%s\n", p, w, (ind ? "yes" : "-"), (recur ? "RECURSIVE" : "-"), path, libs
    }
  }' "$out/stack.ci" | sort -t"$(printf '\t')" -k2,2nr > "$out/stack.tsv"
stack_max=$(head -n 1 "$out/stack.tsv" | cut -f2)
stack_over=$(awk -F'\t' '$2 > 1024' "$out/stack.tsv" | wc -l)

# ---------------------------------------------------------------- report
{
  echo "mb.h for Cortex-M4: $ccver"
  echo "flags: $flags (jsmn: PARENT_LINKS, default mode, static)"
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
  echo "per target, .text of each module (.data and .bss are 0 unless shown):"
  printf '  %-12s' module; for cpu in $cpus; do for o in $opts; do printf ' %9s' "${cpu#cortex-}$o"; done; done; echo
  for m in $modules; do
    printf '  %-12s' "$m"
    for cpu in $cpus; do for o in $opts; do printf ' %9d' "$(rowsum "$cpu$o" "$m")"; done; done; echo
  done
  printf '  %-12s' core; for cpu in $cpus; do for o in $opts; do printf ' %9d' "$(rowsum "$cpu$o" $core_mods)"; done; done; echo
  echo "worst-case stack (Cortex-M4 -Os): deepest public function $(head -n 1 "$out/stack.tsv" | cut -f1) at $stack_max B; $stack_over over 1024 B"
  echo "budget: core ($core_mods) $core_t B of .text against $core_budget B: $core_v"
  echo "budget: ws $ws_t B of .text against $ws_budget B: $ws_v"
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
    echo "Generated by \`tools/size.sh --write\` (\`make size\` runs it); do not edit by hand."
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
    echo "The issue's goals: the core (\`$core_mods\`: HTTP, GraphQL and JSON decoding, jsmn included) in"
    echo "**$core_budget B** of \`.text\` on Cortex-M4 at \`-Os\`; subscriptions (\`ws\`) in **$ws_budget B** more."
    echo "\`tools/size.sh\` exits 1 when either is more than ${tol}% over (\`MB_CORE_BUDGET\`, \`MB_WS_BUDGET\`,"
    echo "\`MB_SIZE_TOLERANCE\`), and \`make size\` fails with it. \`make test\` (suite \`60-size\`) builds this report, checks"
    echo "that this file is current and that no public function needs more than 1 KB of stack; it does not count"
    echo "the budgets while they are over."
    echo
    echo "| part | .text | budget | verdict |"
    echo "|---|---|---|---|"
    echo "| core | $core_t | $core_budget | $core_v |"
    echo "| ws (subscriptions) | $ws_t | $ws_budget | $ws_v |"
    for m in typed outbox masterbots; do
      case " $modules " in *" $m "*) echo "| $m | $(rowsum cortex-m4-Os "$m") | - | reported |" ;; esac
    done
    echo
    echo "\`typed\` is the runtime of the generated operations, \`outbox\` the offline queue, \`masterbots\` the 27"
    echo "generated Masterbots operations (\`MB_NO_MASTERBOTS\` removes it, \`MB_NO_WS\` removes ws)."
    echo
    echo "## Per target"
    echo
    echo "\`.text\` of each module, built the same way for each CPU (\`-mthumb\`, soft float) and optimisation:"
    echo
    printf '| module |'; for cpu in $cpus; do for o in $opts; do printf ' %s %s |' "${cpu#cortex-}" "$o"; done; done; echo
    printf '|---|'; for cpu in $cpus; do for o in $opts; do printf -- '---|'; done; done; echo
    for m in $modules; do
      printf '| %s |' "$m"; for cpu in $cpus; do for o in $opts; do printf ' %d |' "$(rowsum "$cpu$o" "$m")"; done; done; echo
    done
    printf '| **core** |'; for cpu in $cpus; do for o in $opts; do printf ' **%d** |' "$(rowsum "$cpu$o" $core_mods)"; done; done; echo
    printf '| **total** |'; for cpu in $cpus; do for o in $opts; do printf ' **%d** |' "$(awk '{ t += $2 } END { print t }' "$out/$cpu$o/rows")"; done; done; echo
    printf '| .data + .bss |'; for cpu in $cpus; do for o in $opts; do printf ' %d |' "$(awk '{ t += $3 + $4 } END { print t }' "$out/$cpu$o/rows")"; done; done; echo
    echo
    echo "## Stack"
    echo
    echo "Worst case of each public function on Cortex-M4 at \`-Os\`: its own frame plus the deepest chain of"
    echo "callees, from \`-fstack-usage\` frames and the \`-fcallgraph-info=su,da\` call graph. Not included:"
    echo "the C library (\`snprintf\`, \`strtod\`, \`mem*\`; named in the last column) and calls through function"
    echo "pointers (the transport, log, refresh and allocation hooks: *callbacks* column), whose stack is the"
    echo "callee's. The issue's goal is 1 KB for any call: **$stack_over** public functions are over it; the deepest is"
    echo "$stack_max B. \`+ recursion\`: the typed decoder calls itself once per nesting level of the"
    echo "operation's selection set (bounded by the generated shape); the figure counts one level."
    echo
    echo "| function | worst-case stack (B) | callbacks | deepest chain | C library called |"
    echo "|---|---|---|---|---|"
    while IFS="$(printf '\t')" read -r fn w ind rec path libs; do
      [ "$rec" = RECURSIVE ] && w="$w + recursion"
      echo "| \`$fn\` | $w | $ind | ${path//>/→} | ${libs:--} |"
    done < "$out/stack.tsv"
    echo
    echo "## How it is measured"
    echo
    echo "- Compiler: \`$ccver\` (Debian \`gcc-arm-none-eabi\`)."
    echo "- Flags: \`$flags\`."
    echo "- Objects, not a linked image: the C library (newlib's \`snprintf\`, \`strtod\`, \`mem*\`/\`str*\`)"
    echo "  and libgcc's soft-float helpers are not counted."
    echo "- jsmn is the system \`jsmn.h\` (libjsmn-dev 1.1.0) with \`JSMN_PARENT_LINKS\` in its default (non-strict) mode, compiled"
    echo "  static into the json module as \`mb.h\` includes it. It is copied alone into a private include folder:"
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
    if "$SIZE" -A "$out/all.o" | grep '^\.text\.jsmn_parse ' >/dev/null; then
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
mkdir -p build/size
cp "$out/SIZE.md" build/size/SIZE.md
if [ "$write" -eq 1 ]; then
  mkdir -p docs
  cp build/size/SIZE.md docs/SIZE.md
  echo "wrote docs/SIZE.md"
fi

[ "$status" = within ]
