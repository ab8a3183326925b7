#!/usr/bin/env bash
# Line and branch coverage of src/ (gcovr). The test programs are built with
# gcc --coverage against an amalgamation of src/ made here with #line
# markers, so every count lands on its src/ file and line:
#   - the unit tests (tests/unit) over the Hasura fixture bodies,
#   - the fault-injection test over the recordings and the edge-case test
#     (tests/fault),
#   - the ws unit test (tests/ws) and the no-heap program (tests/noheap),
#   - every fuzz harness replaying its corpus (build/fuzz/corpus/<name>,
#     grown by `make fuzz`; the seeds when there is none).
# Prints gcovr's per-file table and summary; writes build/coverage/summary.txt,
# lines.txt, branches.txt and uncovered.txt (each src/ line with a branch
# not taken, for docs/RELIABILITY.md).
# Usage: tools/coverage.sh
set -u
cd "$(dirname "$0")/.." || exit 1
tools/deps.sh c node >/dev/null || exit 1
command -v gcovr >/dev/null || { echo "coverage.sh: gcovr is not installed (apt-get install gcovr)" >&2; exit 1; }
B=build/coverage
rm -rf $B && mkdir -p $B/amalg
fail=0

# The amalgamation, in tools/amalgamate.sh's module order, with #line markers.
modules=$(sed -n 's/^modules="\(.*\)"$/\1/p' tools/amalgamate.sh)
[ -n "$modules" ] || { echo "coverage.sh: no module list in tools/amalgamate.sh" >&2; exit 1; }
part() { printf '#line 1 "src/%s"\n' "$1"; cat "src/$1"; echo; }
{
    part prologue.h
    for m in $modules; do part "$m.h"; done
    part epilogue.h
    part impl_prologue.h
    for m in $modules; do part "$m.c"; done
    part impl_epilogue.h
} > $B/amalg/mb.h

COV="-O0 -g --coverage -fno-inline"
build() {  # build NAME SOURCES... [-- FLAGS]
    local name=$1; shift
    if ! gcc $COV "$@" -o "$B/$name" -lm > $B/$name.build.log 2>&1; then
        echo "coverage.sh: $name does not build:"; tail -n 15 $B/$name.build.log; fail=1; return 1
    fi
}
runp() {  # runp NAME CMD...: runs a program, quiet unless it fails
    local name=$1; shift
    if ! "$@" > $B/$name.run.log 2>&1; then
        echo "coverage.sh: $name failed:"; tail -n 15 $B/$name.run.log; fail=1
    else
        echo "ran $name: $(grep -E 'passed|replayed' $B/$name.run.log | tail -n 1)"
    fi
}
[ -f build/fixtures/index.tsv ] || node tests/fixtures/extract.mjs ../shared/reference/hasura/fixtures build/fixtures >/dev/null

build unit -I$B/amalg -I. -Itests/unit tests/unit/*.c && runp unit $B/unit build/fixtures
build fault -I$B/amalg -I. -Itests/fault tests/fault/fault_test.c \
    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free && runp fault $B/fault tests/fault/recordings
build edges -I$B/amalg -I. tests/fault/edges_test.c && runp edges $B/edges
build ws -DMB_WS_MAX_FRAME=2048 -DMB_WS_MAX_MESSAGE=4096 -I$B/amalg -I. -Itests/ws \
    tests/ws/ws_test.c && runp ws $B/ws
build noheap -I$B/amalg -I. tests/noheap/noheap.c \
    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free && runp noheap $B/noheap

tools/fuzz.sh --seeds $B/seeds >/dev/null || fail=1
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    short=${name#fuzz_}
    corpus=build/fuzz/corpus/$short
    [ -d "$corpus" ] && [ -n "$(ls -A "$corpus")" ] || corpus=$B/seeds/$short
    [ -d "$corpus" ] || { echo "coverage.sh: no corpus for $name"; continue; }
    build "$name" -I$B/amalg -I. -Itests/ws -Itests/fuzz "$src" tests/fuzz/replay_main.c &&
        runp "$name" $B/$name "$corpus"
done

# gcovr merges the counts of every program per src/ file.
gcovr -r . --filter 'src/' --exclude-unreachable-branches \
    --txt $B/lines.txt --print-summary $B > $B/summary.txt 2>$B/gcovr.log || { cat $B/gcovr.log; exit 1; }
gcovr -r . --filter 'src/' --exclude-unreachable-branches --branches \
    --txt $B/branches.txt $B 2>>$B/gcovr.log
gcovr -r . --filter 'src/' --exclude-unreachable-branches \
    --json $B/coverage.json $B 2>>$B/gcovr.log
# Every line with a branch never taken, and every line never run, for the doc.
node -e '
const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const f of c.files) for (const l of f.lines) {
  if (l["gcovr/noncode"]) continue;
  const missed = (l.branches || []).filter((b) => b.count === 0).length;
  if (l.count === 0) console.log(`${f.file}:${l.line_number}: line not run`);
  else if (missed) console.log(`${f.file}:${l.line_number}: ${missed} of ${l.branches.length} branches not taken`);
}' $B/coverage.json > $B/uncovered.txt
cat $B/branches.txt
cat $B/summary.txt
echo "uncovered lines and branches: $B/uncovered.txt ($(wc -l < $B/uncovered.txt) lines)"
exit $fail
