# The throwaway PostgreSQL cluster of backend/local (sourced, not run).
# Needs local-common.sh. The cluster lives in $STATE_DIR/pg, listens on
# 127.0.0.1:$PG_PORT only (no Unix socket), trusts local connections, and is
# owned by 'postgres' when invoked as root, else by the invoking user.

psql_db() {  # psql_db DBNAME ARGS...  (quiet, stops at the first error)
  local db=$1; shift
  PGCONNECT_TIMEOUT=10 PGOPTIONS="-c client_min_messages=warning" "$PSQL" -X -q -v ON_ERROR_STOP=1 \
    "postgres://postgres@127.0.0.1:$PG_PORT/$db?application_name=mb-local" "$@"
}

pg_pid() {  # pid of our postmaster from its pid file (empty if none)
  if [ -f "$PG_DATA/postmaster.pid" ]; then head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true; fi
}
pg_file_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null || true; }
# Ours if its command line names the data folder or it works in it (the
# postmaster's working directory is its data folder).
is_our_pg() {  # is_our_pg PID
  pid_is "$1" "$PG_DATA" || [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$PG_DATA" ]
}
pg_running() { local p; p=$(pg_pid); [ -n "$p" ] && is_our_pg "$p"; }

# A pid file whose process is gone (or is someone else) is left by a crash or
# a kill -9; PostgreSQL may refuse to start over it. Data is not touched.
clear_stale_pg_pid() {
  local p; p=$(pg_pid)
  [ -f "$PG_DATA/postmaster.pid" ] || return 0
  pg_running && return 0
  if [ -n "$p" ] && [ -d "/proc/$p" ]; then
    warn "stale pid file $PG_DATA/postmaster.pid: pid $p is now another process, not our PostgreSQL; removing the file (data is kept)"
  else
    warn "stale pid file $PG_DATA/postmaster.pid: pid ${p:-?} is not running; removing the file (data is kept)"
  fi
  rm -f "$PG_DATA/postmaster.pid"
}

pg_init() {
  mkdir -p "$PG_DIR"
  if is_root; then chown postgres: "$PG_DIR"; chmod 700 "$PG_DIR"; fi
  make_traversable_for_pg "$PG_DIR"
  if [ -f "$PG_DATA/PG_VERSION" ]; then return 0; fi
  if [ -d "$PG_DATA" ] && [ -n "$(ls -A "$PG_DATA" 2>/dev/null)" ]; then
    die "$PG_DATA exists but is not a PostgreSQL cluster; move it away (backend/local never deletes data it did not create)"
  fi
  say "creating a PostgreSQL cluster in $PG_DATA"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres --no-sync -E UTF8 \
        --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1; then
    cat "$PG_DIR/initdb.log" >&2
    rm -rf "$PG_DATA"
    die "initdb failed (log above)"
  fi
}

pg_start() {
  local p port
  if pg_running; then
    p=$(pg_pid); port=$(pg_file_port)
    if [ -n "$port" ] && [ "$port" != "$PG_PORT" ]; then
      die "PostgreSQL of $STATE_DIR is already running on port $port (pid $p), not on MB_PG_PORT=$PG_PORT; stop it first with: backend/local db down (with MB_PG_PORT=$port)"
    fi
    say "PostgreSQL is already running (pid $p, port $PG_PORT); not starting it again"
    return 0
  fi
  clear_stale_pg_pid
  require_free_port "$PG_PORT" MB_PG_PORT "PostgreSQL"
  # fsync=off: fast; a committed row still survives a crash of PostgreSQL
  # itself (the WAL is written at commit), only an OS crash could lose it.
  # (synchronous_commit=off would lose recent commits on a process crash.)
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off" \
        start 9>&-; then
    warn "PostgreSQL did not start; last lines of $PG_LOG:"
    tail -n 15 "$PG_LOG" >&2
    exit 1
  fi
  say "PostgreSQL started (pid $(pg_pid), 127.0.0.1:$PG_PORT)"
}

pg_stop() {
  local p i
  if ! pg_running; then
    if [ -f "$PG_DATA/postmaster.pid" ]; then clear_stale_pg_pid; fi
    say "PostgreSQL is not running"
    return 0
  fi
  p=$(pg_pid)
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop; then
    warn "fast shutdown failed; trying immediate shutdown"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 -s stop || true
  fi
  for i in $(seq 1 100); do is_our_pg "$p" || break; sleep 0.1; done
  is_our_pg "$p" && die "PostgreSQL (pid $p) is still running after stop"
  say "PostgreSQL stopped"
}

ensure_database() {
  local have
  have=$(psql_db postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")
  [ "$have" = 1 ] || { psql_db postgres -c "CREATE DATABASE $DB_NAME" && say "created database $DB_NAME"; }
}

# --- migrations and seeds -------------------------------------------------
# Applied versions are recorded in mb_local.schema_migrations (and seed files
# in mb_local.seeds), so running them again applies only what is new. Each
# migration and each seed file runs in one transaction with its record.

ensure_tracking() {
  psql_db "$DB_NAME" -c "CREATE SCHEMA IF NOT EXISTS mb_local;
    CREATE TABLE IF NOT EXISTS mb_local.schema_migrations (
      version bigint PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
    ALTER TABLE mb_local.schema_migrations ADD COLUMN IF NOT EXISTS checksum text;
    CREATE TABLE IF NOT EXISTS mb_local.seeds (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());" >/dev/null
}

migration_dirs() {  # prints VERSION<TAB>DIR in version order
  local d b
  for d in "$MIGRATIONS_DIR"/*/; do
    [ -f "$d/up.sql" ] || continue
    b=$(basename "$d")
    [[ "$b" =~ ^([0-9]+)_ ]] || die "migration folder $b does not start with <version>_"
    printf '%s\t%s\n' "${BASH_REMATCH[1]}" "${d%/}"
  done | sort -n
}

db_migrate_up() {
  ensure_tracking
  local applied n=0 v d sum had
  applied=$(psql_db "$DB_NAME" -tAc "SELECT version || ' ' || coalesce(checksum, '') FROM mb_local.schema_migrations")
  while IFS=$'\t' read -r v d; do
    sum=$(md5sum <"$d/up.sql" | cut -c1-32)
    if had=$(grep -E "^$v " <<<"$applied"); then
      # An applied migration whose file changed since: the database differs from
      # what the files say; only a reset brings them together again.
      [ "${had#* }" = "$sum" ] || [ -z "${had#* }" ] ||
        warn "migration $(basename "$d") changed after it was applied here; run 'backend/local db reset' to rebuild (drops the data)"
      continue
    fi
    psql_db "$DB_NAME" -1 -f "$d/up.sql" \
      -c "INSERT INTO mb_local.schema_migrations (version, name, checksum) VALUES ($v, '$(basename "$d")', '$sum')" \
      >/dev/null || die "migration $(basename "$d") failed; nothing of it was applied"
    n=$((n + 1))
  done < <(migration_dirs)
  if [ "$n" -gt 0 ]; then say "applied $n migration(s)"; else say "migrations: up to date"; fi
}

db_migrate_down() {  # db_migrate_down COUNT|all
  ensure_tracking
  local count=$1 v d n=0 dir
  [ "$count" = all ] || [[ "$count" =~ ^[0-9]+$ ]] || die "rollback takes a number of migrations or 'all'"
  while read -r v; do
    [ -n "$v" ] || continue
    [ "$count" = all ] || [ "$n" -lt "$count" ] || break
    dir=$(migration_dirs | awk -F'\t' -v v="$v" '$1 == v { print $2 }')
    [ -n "$dir" ] && [ -f "$dir/down.sql" ] || die "no down.sql for applied migration $v"
    # Rolling back removes seeded rows too, so the seeds are due again.
    psql_db "$DB_NAME" -1 -f "$dir/down.sql" \
      -c "DELETE FROM mb_local.schema_migrations WHERE version = $v; DELETE FROM mb_local.seeds" \
      >/dev/null || die "down migration $(basename "$dir") failed; nothing of it was applied"
    n=$((n + 1))
  done < <(psql_db "$DB_NAME" -tAc "SELECT version FROM mb_local.schema_migrations ORDER BY version DESC")
  say "rolled back $n migration(s)"
}

db_seed() {
  ensure_tracking
  local applied n=0 f b
  applied=$(psql_db "$DB_NAME" -tAc "SELECT name FROM mb_local.seeds")
  for f in "$SEEDS_DIR"/*.sql; do
    [ -f "$f" ] || continue
    b=$(basename "$f")
    grep -qxF "$b" <<<"$applied" && continue
    psql_db "$DB_NAME" -1 -f "$f" -c "INSERT INTO mb_local.seeds (name) VALUES ('$b')" \
      >/dev/null || die "seed $b failed; nothing of it was applied"
    n=$((n + 1))
  done
  if [ "$n" -gt 0 ]; then say "loaded $n seed file(s)"; else say "seeds: up to date"; fi
}

# --- commands ----------------------------------------------------------------

cmd_db_up() {
  find_pg_bin; take_lock
  pg_init
  pg_start
  ensure_database
  db_migrate_up
  db_seed
  say "database ready: $(db_url)"
}

cmd_db_down() { find_pg_bin; take_lock; pg_stop; }

cmd_db_status() {
  if pg_running; then
    echo "postgres: running (pid $(pg_pid), 127.0.0.1:$(pg_file_port), data $PG_DATA)"
    echo "url: $(db_url)"
    return 0
  fi
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    echo "postgres: not running (stale pid file $PG_DATA/postmaster.pid; 'db up' or 'db down' clears it)"
  elif [ -f "$PG_DATA/PG_VERSION" ]; then
    echo "postgres: stopped (data $PG_DATA)"
  else
    echo "postgres: not created (state folder $STATE_DIR)"
  fi
  return 3
}

cmd_db_reset() {
  find_pg_bin; take_lock
  pg_init; pg_start
  psql_db postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
  say "dropped database $DB_NAME"
  ensure_database
  db_migrate_up
  db_seed
  say "database ready: $(db_url)"
}

require_pg_running() {
  pg_running || die "PostgreSQL of $STATE_DIR is not running; start it with: backend/local db up"
}

cmd_db_migrate() { find_pg_bin; take_lock; require_pg_running; ensure_database; db_migrate_up; }
cmd_db_rollback() { find_pg_bin; take_lock; require_pg_running; db_migrate_down "${1:-1}"; }
cmd_db_seed() { find_pg_bin; take_lock; require_pg_running; db_seed; }
cmd_db_psql() { find_pg_bin; require_pg_running; exec "$PSQL" "$(db_url)" "$@"; }
