# Shared settings and helpers for backend/local (sourced, not run).
# Everything lives under $MB_STATE_DIR and listens on 127.0.0.1 only.

BACKEND_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$BACKEND_DIR/.." && pwd)

STATE_DIR=${MB_STATE_DIR:-$REPO_DIR/.state/local}
# One spelling of the path (no symlinks, no ..): pid checks compare it.
STATE_DIR=$(realpath -m -- "$STATE_DIR")
PG_PORT=${MB_PG_PORT:-54320}
HTTP_PORT=${MB_HTTP_PORT:-8080}
HTTPS_PORT=${MB_HTTPS_PORT:-8443}
DB_NAME=masterbots

PG_DIR="$STATE_DIR/pg"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/server.log"
MIGRATIONS_DIR="$BACKEND_DIR/hasura/migrations/masterbots"
SEEDS_DIR="$BACKEND_DIR/hasura/seeds/masterbots"

say() { echo "local: $*"; }
warn() { echo "local: $*" >&2; }
die() { echo "local: error: $*" >&2; exit 1; }

check_port_value() {  # check_port_value NAME VALUE
  [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 65535 ] ||
    die "$1 must be a TCP port number (1-65535), got '$2'"
}
check_port_value MB_PG_PORT "$PG_PORT"
check_port_value MB_HTTP_PORT "$HTTP_PORT"
check_port_value MB_HTTPS_PORT "$HTTPS_PORT"

db_url() { echo "postgres://postgres@127.0.0.1:$PG_PORT/$DB_NAME"; }

# PostgreSQL binaries: MB_PG_BIN, else the newest /usr/lib/postgresql/*/bin.
find_pg_bin() {
  if [ -n "${MB_PG_BIN:-}" ]; then PG_BIN=$MB_PG_BIN; else
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/initdb" ] ||
    die "PostgreSQL server binaries not found (looked in ${MB_PG_BIN:-/usr/lib/postgresql/*/bin}); install them with: tools/deps.sh pg"
  PSQL="$PG_BIN/psql"; [ -x "$PSQL" ] || PSQL=$(command -v psql) || die "psql not found"
}

# PostgreSQL refuses to run as root: the cluster belongs to 'postgres' then.
is_root() { [ "$(id -u)" -eq 0 ]; }
as_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The cluster owner must be able to walk down to the state folder.
make_traversable_for_pg() {  # make_traversable_for_pg DIR
  is_root || return 0
  id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (install postgresql)"
  local d=$1 chain=()
  while [ "$d" != "/" ] && [ -n "$d" ]; do chain=("$d" "${chain[@]}"); d=$(dirname "$d"); done
  # From the top down, so that only the folders that block the way change.
  for d in "${chain[@]}"; do
    if ! runuser -u postgres -- test -x "$d"; then
      chmod o+x "$d" || die "cannot make $d traversable for user postgres"
      say "made $d traversable (o+x) so that user postgres can reach the state folder"
    fi
  done
}

# Who listens on 127.0.0.1:PORT (empty when nobody).
port_listener() {  # port_listener PORT
  local port=$1 out
  if command -v ss >/dev/null 2>&1; then
    # Listeners that block a bind to 127.0.0.1 (a ::1-only listener does not).
    out=$(ss -Hltnp "( sport = :$port )" 2>/dev/null | grep -E "(127\.0\.0\.1|\*|0\.0\.0\.0|\[::\]|\[::ffff:127\.0\.0\.1\]):$port\b" | head -n 1)
    [ -n "$out" ] || return 0
    local who
    who=$(grep -o 'users:(([^)]*))' <<<"$out" | head -n 1)
    echo "${who:-a process that ss cannot name}"
  elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "an unknown process"
  fi
}

require_free_port() {  # require_free_port PORT VARNAME WHAT
  local who
  who=$(port_listener "$1")
  [ -z "$who" ] || die "port $1 on 127.0.0.1 is already in use by $who; it is needed for $3. Stop that process or choose another port with $2=<port>."
}

# Whether PID is alive and is the process we expect: its command line
# contains MATCH (guards against pid reuse after a crash).
pid_is() {  # pid_is PID MATCH
  local pid=$1 match=$2
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$match"
}

# Serialise mutating commands on one state folder.
take_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock -w 120 9 || die "another backend/local command holds $STATE_DIR/.lock for over 120 s"
}
