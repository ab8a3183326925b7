#!/usr/bin/env bash
# make demo: a narrated Masterbots session with the mb command, over HTTPS
# with certificate verification, on the local stack. Installs what is
# missing, starts backend/local if it is not up, and stops what it started
# (MB_DEMO_KEEP=1 keeps it running).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -t 1 ]; then B=$'\033[1m'; D=$'\033[2m'; N=$'\033[0m'; else B=; D=; N=; fi
say() { printf '\n%s== %s%s\n' "$B" "$*" "$N"; }
note() { printf '%s%s%s\n' "$D" "$*" "$N"; }
show() { printf '%s$ mb %s%s\n' "$D" "$*" "$N"; }

tools/deps.sh c pg node
make -s cli >/dev/null

started=0
cleanup() {
  [ -n "${watch_pid:-}" ] && kill "$watch_pid" 2>/dev/null || true
  if [ "$started" = 1 ] && [ "${MB_DEMO_KEEP:-0}" != 1 ]; then
    backend/local down >/dev/null 2>&1 || true
    note "(stopped the local stack this demo started; MB_DEMO_KEEP=1 keeps it)"
  fi
  rm -rf "${tmp:-}"
}
trap cleanup EXIT
tmp=$(mktemp -d)

if backend/local status >/dev/null 2>&1; then
  note "local stack already up: using it"
else
  say "Starting the local Masterbots stack (PostgreSQL + the Hasura-compatible server)"
  started=1
  backend/local up | sed 's/^/  /'
fi
eval "$(backend/local env)"
unset HASURA_GRAPHQL_ADMIN_SECRET # the session runs as anonymous and as users, never as admin
url="https://localhost:${MB_HTTPS_PORT:-8443}/v1/graphql"
mb() { # shows the command with the tokens by name, then runs it
  local line="$*"
  [ -n "${alice:-}" ] && line=${line//$alice/\$ALICE}
  [ -n "${bob:-}" ] && line=${line//$bob/\$BOB}
  [ -n "${expired:-}" ] && line=${line//$expired/\$EXPIRED}
  show "$line"
  build/mb --url "$url" --ca "$MB_CA_FILE" "$@"
}
mbq() { build/mb --url "$url" --ca "$MB_CA_FILE" "$@"; } # quiet: for values the demo reuses

say "1. The catalogue, as anonymous, over HTTPS (certificate verified against the local CA)"
mb categories
mb chatbots --limit 5

say "2. A token for a seeded user (alice), signed the way Masterbots signs (HS256)"
alice=$(mbq token --user 00000000-0000-4000-a000-000000000001)
note "ALICE=${alice:0:24}…"
mb --jwt "$alice" whoami

say "3. A new thread with HealthBot, and two messages in it"
read -r thread slug < <(mbq --jwt "$alice" thread new --chatbot HealthBot)
show "--jwt \$ALICE thread new --chatbot HealthBot"
echo "$thread $slug"
mb --jwt "$alice" send "$thread" "How can I sleep better after a night shift?"
mb --jwt "$alice" send "$thread" "Keep the room dark and cool, and keep the same sleep window every day." --role assistant

say "4. The messages, read back"
mb --jwt "$alice" messages "$thread"

say "5. Watching the thread live (a subscription) while another message is sent"
show "--jwt \$ALICE watch $thread --count 1 &"
build/mb --url "$url" --ca "$MB_CA_FILE" --jwt "$alice" watch "$thread" --count 1 > "$tmp/watch.out" 2> "$tmp/watch.err" &
watch_pid=$!
sleep 1.5
mb --jwt "$alice" send "$thread" "And what about caffeine?"
for _ in $(seq 1 100); do kill -0 "$watch_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$watch_pid" 2>/dev/null; then
  kill "$watch_pid" 2>/dev/null || true
  watch_pid=
  echo "the watch printed nothing within 10 s:" >&2
  cat "$tmp/watch.err" >&2
  exit 1
fi
wait "$watch_pid" && watch_rc=0 || watch_rc=$?
watch_pid=
sed 's/^/  watch> /' "$tmp/watch.out"
[ "$watch_rc" = 0 ] || { cat "$tmp/watch.err" >&2; exit 1; }

say "6. What is refused, and how it looks"
bob=$(mbq token --user 00000000-0000-4000-a000-000000000002)
note "bob posts into alice's private thread:"
set +e
mb --jwt "$bob" send "$thread" "Let me in"
rc=$?
note "exit code $rc (1: a GraphQL error; Hasura's permission check refused it)"
expired=$(mbq token --user 00000000-0000-4000-a000-000000000001 --ttl 1)
sleep 1.2
note "a token that has expired:"
mb --jwt "$expired" messages "$thread"
rc=$?
note "exit code $rc (3: authentication)"
set -e

say "Where to go next"
cat <<EOF
  build/mb --help                      every command and option
  MB_DEMO_KEEP=1 make demo             keep the local stack running afterwards
  eval "\$(backend/local env)"          the local endpoints, CA and admin secret
  build/mb --env prod --jwt "\$MB_JWT" categories
                                       the same against api.masterbots.ai
  README.md (C quick start), docs/TYPED.md, docs/TLS.md, docs/SIZE.md
EOF
