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
# With --with-stack it also brings the local stack up (own ports and state
# folder) and runs the integration programs built the same way: core_it,
# ops_it, hostile_it, subs_it and outbox_it's fault mode.
# Usage: tools/coverage.sh [--with-stack]
set -u
with_stack=0
[ "${1:-}" = --with-stack ] && with_stack=1
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

eval "$(tools/comma-locale.sh)" # the LC_NUMERIC branches run under a decimal comma
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

if [ $with_stack = 1 ]; then
    tools/deps.sh c pg node >/dev/null || exit 1
    export MB_STATE_DIR="$PWD/.state/coverage" MB_PG_PORT=$((54357 + ${MB_PORT_OFFSET:-0})) MB_HTTP_PORT=$((18087 + ${MB_PORT_OFFSET:-0})) MB_HTTPS_PORT=$((18450 + ${MB_PORT_OFFSET:-0}))
    export MB_REFETCH_MS=1000 HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL=1000
    TLS="-lmbedtls -lmbedx509 -lmbedcrypto"
    trap 'backend/local down >/dev/null 2>&1' EXIT
    if backend/local up >/dev/null; then
        eval "$(backend/local env)"
        export MB_URL MB_CA_FILE MB_WRONG_CA_FILE
        export MB_HTTPS_URL=${MB_HTTPS_URL/127.0.0.1/localhost}
        export MB_JWT_ALICE=$(backend/local token --user 00000000-0000-4000-a000-000000000001 --role user)
        export MB_JWT_BOB=$(backend/local token --user 00000000-0000-4000-a000-000000000002 --role user)
        export MB_JWT_CAROL=$(backend/local token --user 00000000-0000-4000-a000-000000000003 --role moderator) # ops_it: the moderator
        export MB_JWT_EXPIRED=$(backend/local token --user 00000000-0000-4000-a000-000000000001 --role user --ttl 1)
        export MB_SHORT_TOKEN_CMD="backend/local token --user 00000000-0000-4000-a000-000000000001 --role user --ttl 6"
        export MB_RESTART_CMD='pid=$(head -n 1 "$MB_STATE_DIR/server/server.pid") && kill "$pid" && for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done && backend/local up >/dev/null'
        sleep 2 # the one-second token expires
        for it in core_it hostile_it subs_it; do
            build $it -I$B/amalg -I. tests/integration/$it.c $TLS && runp $it $B/$it
        done
        build ops_it -I$B/amalg -I. tests/integration/ops_it.c && MB_URL=${MB_URL/127.0.0.1/localhost} runp ops_it $B/ops_it
        build outbox_it -I$B/amalg -I. tests/integration/outbox_it.c &&
            (unset HASURA_GRAPHQL_ADMIN_SECRET; MB_URL=${MB_URL/127.0.0.1/localhost} runp outbox_it $B/outbox_it faults)
        backend/local down >/dev/null 2>&1
    else
        echo "coverage.sh: backend/local up failed"; fail=1
    fi
fi

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
