#!/usr/bin/env bash
# Memory checks of the test programs:
#  - valgrind (memcheck, leaks included) over the unit tests, the ws unit
#    test, the no-heap program, the fault-injection test (first recordings)
#    and every fuzz harness replaying its seeds; built with gcc -O0
#    -gdwarf-4 (valgrind 3.19 cannot read clang 14's DWARF 5);
#  - no heap from src/: each program is linked with its allocator wrapped
#    (tests/fault/heap_guard.c, or the program's own counters) and every
#    function that called malloc/calloc/realloc/free is named with
#    addr2line: none may be an mb_ function;
#  - the stack high-water mark of the main paths (tests/fault/stack_test.c,
#    gcc -O2, painted stack, -z now), against MB_STACK_BUDGET bytes (default 8192).
# Ends with "N passed, N failed".
# Usage: tools/memcheck.sh
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/suite.sh
tools/deps.sh c node >/dev/null || exit 1
B=build/memcheck
rm -rf $B && mkdir -p $B
WRAP="-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free"
CFLAGS="-O0 -g -gdwarf-4 -fno-inline -I."
VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9"
[ -f build/fixtures/index.tsv ] || node tests/fixtures/extract.mjs ../shared/reference/hasura/fixtures build/fixtures >/dev/null
tools/fuzz.sh --seeds $B/seeds >/dev/null || exit 1

# Names the functions that called the allocator (log from heap_guard.c);
# fails when one of them belongs to the library.
heap_callers() {  # heap_callers BIN LOG
    local bin=$1 log=$2 main_static fns bad
    [ -s "$log" ] || { echo "no allocation at all"; return 0; }
    main_static=$(nm "$bin" | awk '$3 == "main" {print $1}')
    fns=$(while read -r ret main_rt count; do
        printf '0x%x\n' $(( 0x$ret - 0x$main_rt + 0x$main_static - 1 ))
    done < "$log" | addr2line -f -e "$bin" | awk 'NR % 2 == 1' | sort -u | tr '\n' ' ')
    echo "allocating functions: $fns"
    bad=$(echo "$fns" | tr ' ' '\n' | grep -E '^mb_' || true)
    [ -z "$bad" ] || { echo "library functions on the heap: $bad"; return 1; }
}

program() {  # program NAME GUARD(yes|no) SOURCES_AND_FLAGS... -- ARGS...
    local name=$1 guard=$2 src=() args=()
    shift 2
    while [ $# -gt 0 ] && [ "$1" != -- ]; do src+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    args=("$@")
    [ "$guard" = yes ] && src+=(tests/fault/heap_guard.c)
    check "$name builds (gcc -O0 -gdwarf-4, allocator wrapped)" gcc $CFLAGS "${src[@]}" -o $B/$name -lm $WRAP
    [ -x $B/$name ] || return
    check "$name: valgrind clean (no error, no definite leak)" \
        env MB_HEAP_LOG=$B/$name.heap $VG $B/$name "${args[@]}"
    if [ "$guard" = yes ]; then
        check "$name: src/ never calls the heap" heap_callers $B/$name $B/$name.heap
        echo "    $(heap_callers $B/$name $B/$name.heap | head -n 1)"
    fi
}

program unit yes -Itests/unit tests/unit/*.c -- build/fixtures
program ws yes -DMB_WS_MAX_FRAME=2048 -DMB_WS_MAX_MESSAGE=4096 -Itests/ws tests/ws/ws_test.c --
program noheap no tests/noheap/noheap.c --
program edges yes tests/fault/edges_test.c --
program fault no -Itests/fault tests/fault/fault_test.c -- tests/fault/recordings 2
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    [ -d $B/seeds/${name#fuzz_} ] || continue
    program "$name" yes -Itests/ws -Itests/fuzz "$src" tests/fuzz/replay_main.c -- $B/seeds/${name#fuzz_}
done

budget=${MB_STACK_BUDGET:-8192}
check "stack_test builds (gcc -O2)" gcc -std=gnu99 -O2 -g -Wall -Wextra -Werror -I. -Itests/fault -Itests/ws \
    tests/fault/stack_test.c -o $B/stack_test -Wl,-z,now
if [ -x $B/stack_test ]; then
    check "stack high-water mark of the main paths within $budget bytes" $B/stack_test tests/fault/recordings "$budget"
    $B/stack_test tests/fault/recordings "$budget" | grep -E 'bytes' | sed 's/^/    /'
fi
finish
