#!/usr/bin/env bash
# Soak (not part of the default test run): against the local stack on its
# own ports and state folder, tests/fault/soak_client.c makes OPS sequential
# operations over one kept-alive connection, then streams EVENTS
# subscription events over graphql-transport-ws; halfway through each phase
# this script restarts the stack (database and server) while the client
# keeps going. After the reconnect there must be zero failures, every event
# exactly once, and the client's resident memory flat.
# Usage: tools/soak.sh [OPS] [EVENTS]   (defaults 100000 and 1000)
set -u
cd "$(dirname "$0")/.." || exit 1
ops=${1:-100000}
events=${2:-1000}
case "$ops$events" in *[!0-9]*) echo "usage: tools/soak.sh [OPS] [EVENTS] (numbers)" >&2; exit 2 ;; esac
tools/deps.sh c pg node >/dev/null || exit 1
export MB_STATE_DIR="$PWD/.state/soak" MB_PG_PORT=$((54356 + ${MB_PORT_OFFSET:-0})) MB_HTTP_PORT=$((18086 + ${MB_PORT_OFFSET:-0})) MB_HTTPS_PORT=$((18449 + ${MB_PORT_OFFSET:-0}))
B=build/soak
mkdir -p $B
gcc -std=c99 -Wall -Wextra -Werror -O2 -g -I. tests/fault/soak_client.c -o $B/soak_client || exit 1
client=
cleanup() {
    [ -n "$client" ] && kill "$client" 2>/dev/null
    backend/local down >/dev/null 2>&1
}
trap cleanup EXIT
backend/local up >/dev/null || { echo "soak: backend/local up failed" >&2; exit 1; }
eval "$(backend/local env)"
export MB_URL MB_WS_URL=${MB_URL/http:/ws:}
MB_JWT_ALICE=$(backend/local token --user 00000000-0000-4000-a000-000000000001 --role user --ttl 86400)
export MB_JWT_ALICE
rm -rf $B/marks && mkdir -p $B/marks
start=$(date +%s)
$B/soak_client "$ops" "$events" $B/marks | tee $B/soak.log &
client=$(jobs -p | tail -n 1)
while kill -0 "$client" 2>/dev/null; do
    for phase in http ws; do
        if [ -f $B/marks/restart-$phase ] && [ ! -f $B/marks/up-$phase ]; then
            t0=$(date +%s%N)
            backend/local down >/dev/null 2>&1
            backend/local up >/dev/null 2>&1 || echo "soak: the restart failed" >&2
            echo "  [soak.sh] restarted the stack during the $phase phase in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
            touch $B/marks/up-$phase
        fi
    done
    sleep 0.2
done
wait "$client"
rc=$?
client=
echo "soak: $ops operations, $events events, $(( $(date +%s) - start )) s"
exit $rc
