#!/usr/bin/env bash
# Builds every libFuzzer harness tests/fuzz/fuzz_*.c (clang, ASan + UBSan,
# -fno-sanitize-recover) and runs each for FUZZ_SECONDS (default 60) on a
# corpus seeded from real responses (tests/fuzz/seeds.mjs). The corpora
# grow in build/fuzz/corpus/<name> across runs; a crash leaves its input in
# build/fuzz/artifacts/<name>/ and the command that replays it is printed.
# Prints one PASS/FAIL line per harness with its executions, a table in
# build/fuzz/stats.tsv, and ends with "N passed, N failed".
# Usage: FUZZ_SECONDS=N [MB_FUZZ_DIR=build/fuzz] tools/fuzz.sh [NAME...]  (names: http json ...)
#        tools/fuzz.sh --seeds DIR                 (only write the seeds)
set -u
cd "$(dirname "$0")/.." || exit 1
B=${MB_FUZZ_DIR:-build/fuzz} # own folder: two runs at once do not share binaries
secs=${FUZZ_SECONDS:-60}
tools/deps.sh c node >/dev/null || exit 1

# Seeds: the recorded exchanges and Hasura's fixture bodies.
seeds() {  # seeds OUT_DIR
    [ -f build/fixtures/index.tsv ] ||
        node tests/fixtures/extract.mjs ../shared/reference/hasura/fixtures build/fixtures >/dev/null 2>&1 ||
        echo "fuzz.sh: Hasura fixtures not found (../shared): seeding from the recordings only" >&2
    node tests/fuzz/seeds.mjs tests/fault/recordings build/fixtures "$1"
}
if [ "${1:-}" = --seeds ]; then
    [ $# -eq 2 ] || { echo "usage: tools/fuzz.sh --seeds DIR" >&2; exit 2; }
    seeds "$2"
    exit $?
fi
case "$secs" in ''|*[!0-9]*) echo "fuzz.sh: FUZZ_SECONDS must be a number of seconds, got '$secs'" >&2; exit 2 ;; esac

mkdir -p $B/seeds $B/corpus $B/artifacts
rm -rf $B/seeds && seeds $B/seeds || exit 1
pass=0
fail=0
# Build all harnesses at once (each compiles the whole SDK with sanitizers).
names=()
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    if [ $# -gt 0 ] && [[ " $* " != *" ${name#fuzz_} "* ]]; then continue; fi
    names+=("$name")
    ( clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I. -Itests/ws \
        "$src" -o $B/$name > $B/$name.build.log 2>&1; echo $? > $B/$name.build.rc ) &
done
wait
[ ${#names[@]} -gt 0 ] || { echo "fuzz.sh: no harness matches '$*'" >&2; exit 2; }
printf 'harness\tseconds\texecutions\texec_per_s\tcoverage\tcorpus\tresult\n' > $B/stats.tsv
for name in "${names[@]}"; do
    short=${name#fuzz_}
    bin=$B/$name
    if [ "$(cat $B/$name.build.rc)" != 0 ]; then
        fail=$((fail + 1)); echo "FAIL $name: does not build"; tail -n 20 $B/$name.build.log; continue
    fi
    corpus=$B/corpus/$short
    mkdir -p "$corpus" $B/artifacts/$short
    [ -d $B/seeds/$short ] && cp -n $B/seeds/$short/* "$corpus"/ 2>/dev/null
    log=$B/$name.log
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
        "$bin" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix=$B/artifacts/$short/ "$corpus" > "$log" 2>&1
    rc=$?
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -n 1)
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 | awk '{print $2}')
    files=$(ls "$corpus" | wc -l)
    rate=$(( ${execs:-0} / (secs > 0 ? secs : 1) ))
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1)); result=ok
        echo "PASS $name: ${execs:-0} executions in ${secs}s (${rate}/s), coverage ${cov:-?}, corpus $files"
    else
        fail=$((fail + 1)); result=FAIL
        echo "FAIL $name (exit $rc): ${execs:-?} executions"
        grep -E 'property failed|ERROR: |SUMMARY|runtime error' "$log" | head -n 5 | sed 's/^/    /'
        art=$(ls -t $B/artifacts/$short/ 2>/dev/null | head -n 1)
        [ -n "$art" ] && echo "    replay: $bin $B/artifacts/$short/$art"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$secs" "${execs:-0}" "$rate" "${cov:-}" "$files" "$result" >> $B/stats.tsv
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
