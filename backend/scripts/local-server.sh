# The server half of backend/local (sourced, not run): test PKI, secrets, and
# the local Hasura-compatible server (backend/server/main.mjs) as a background
# process with a pid file. Needs local-common.sh and local-db.sh.

SERVER_MAIN=${MB_SERVER_MAIN:-$BACKEND_DIR/server/main.mjs}   # override: tests only
SERVER_DIR="$STATE_DIR/server"
SERVER_PID="$SERVER_DIR/server.pid"
SERVER_LOG="$SERVER_DIR/server.log"
PKI_DIR="$STATE_DIR/pki"
SECRETS_DIR="$STATE_DIR/secrets"
ADMIN_SECRET_FILE="$SECRETS_DIR/admin_secret"
JWT_KEY_FILE="$SECRETS_DIR/jwt_key"
SERVER_TIMEOUT=${MB_SERVER_TIMEOUT:-30}
CLAIMS_NAMESPACE="https://hasura.io/jwt/claims"

http_url() { echo "http://127.0.0.1:$HTTP_PORT/v1/graphql"; }
https_url() { echo "https://127.0.0.1:$HTTPS_PORT/v1/graphql"; }
server_wanted() { [ -f "$SERVER_MAIN" ]; }

# --- test PKI (made once): CA, server certificate, and an unrelated CA -------
# DNS:127.0.0.1 is there because mbedTLS 2.28 ignores iPAddress SANs.
ensure_pki() {
  [ -s "$PKI_DIR/server.crt" ] && [ -s "$PKI_DIR/wrongca.crt" ] && return 0
  command -v openssl >/dev/null || die "openssl is needed to make the test certificates (tools/deps.sh c)"
  mkdir -p "$PKI_DIR"; chmod 700 "$PKI_DIR"
  local log="$PKI_DIR/openssl.log"
  (
    cd "$PKI_DIR"
    set -e
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=mb local test CA" -keyout ca.key -out ca.crt \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
      -keyout server.key -out server.csr
    printf '%s\n' 'subjectAltName=DNS:localhost,DNS:127.0.0.1,IP:127.0.0.1,IP:::1' \
      'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature' 'extendedKeyUsage=serverAuth' > server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
      -extfile server.ext -out server.crt
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=mb local wrong CA" -keyout wrongca.key -out wrongca.crt
    openssl verify -CAfile ca.crt server.crt
    chmod 600 ./*.key
  ) >"$log" 2>&1 || { cat "$log" >&2; die "making the test certificates failed (log above)"; }
  say "made a test CA and a server certificate in $PKI_DIR"
}

# --- secrets (made once, kept in files readable by the owner only) -----------
ensure_secrets() {
  mkdir -p "$SECRETS_DIR"; chmod 700 "$SECRETS_DIR"
  (umask 077
   [ -s "$ADMIN_SECRET_FILE" ] || od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$ADMIN_SECRET_FILE"
   [ -s "$JWT_KEY_FILE" ] || od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$JWT_KEY_FILE")
}
jwt_secret_json() {
  printf '{"type":"HS256","key":"%s","claims_namespace":"%s"}' "$(cat "$JWT_KEY_FILE")" "$CLAIMS_NAMESPACE"
}

# --- the server process ---------------------------------------------------------
server_pid() { if [ -f "$SERVER_PID" ]; then head -n 1 "$SERVER_PID" 2>/dev/null || true; fi; }
server_running() { local p; p=$(server_pid); [ -n "$p" ] && pid_is "$p" "$SERVER_MAIN"; }

clear_stale_server_pid() {
  [ -f "$SERVER_PID" ] || return 0
  server_running && return 0
  warn "stale pid file $SERVER_PID: pid $(server_pid) is not our server; removing the file"
  rm -f "$SERVER_PID"
}

http_status() {  # http_status PORT PATH -> status code of GET http://127.0.0.1:PORT/PATH
  local line
  line=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" &&
           printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3 &&
           timeout 5 head -n 1 <&3) 2>/dev/null) || true
  awk '{ print $2 }' <<<"$line"
}

server_start() {
  if server_running; then
    say "server is already running (pid $(server_pid)); not starting it again"
    return 0
  fi
  clear_stale_server_pid
  command -v node >/dev/null || die "node is needed for the server (tools/deps.sh node)"
  [ -d "$BACKEND_DIR/node_modules" ] || die "backend/node_modules is missing; run: tools/deps.sh node"
  require_free_port "$HTTP_PORT" MB_HTTP_PORT "the server's HTTP port"
  require_free_port "$HTTPS_PORT" MB_HTTPS_PORT "the server's HTTPS port"
  ensure_pki; ensure_secrets
  mkdir -p "$SERVER_DIR"
  echo "--- start $(date -u +%FT%TZ)" >>"$SERVER_LOG"
  MB_PG_URL="$(db_url)" MB_HOST=127.0.0.1 MB_HTTP_PORT="$HTTP_PORT" MB_HTTPS_PORT="$HTTPS_PORT" \
  MB_TLS_CERT="$PKI_DIR/server.crt" MB_TLS_KEY="$PKI_DIR/server.key" \
  HASURA_GRAPHQL_ADMIN_SECRET="$(cat "$ADMIN_SECRET_FILE")" \
  HASURA_GRAPHQL_JWT_SECRET="$(jwt_secret_json)" \
  HASURA_GRAPHQL_UNAUTHORIZED_ROLE=anonymous \
  MB_METADATA_DIR="$BACKEND_DIR/hasura/metadata" MB_NAMING=graphql-default \
    node "$SERVER_MAIN" </dev/null >>"$SERVER_LOG" 2>&1 9>&- &
  local pid=$! i code=
  echo "$pid" >"$SERVER_PID"
  for i in $(seq 1 $((SERVER_TIMEOUT * 5))); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$SERVER_PID"
      warn "the server exited during start-up; last lines of $SERVER_LOG:"
      tail -n 20 "$SERVER_LOG" >&2
      exit 1
    fi
    code=$(http_status "$HTTP_PORT" /healthz)
    [ "$code" = 200 ] && break
    sleep 0.2
  done
  if [ "$code" != 200 ]; then
    warn "the server did not answer GET /healthz with 200 within ${SERVER_TIMEOUT} s (MB_SERVER_TIMEOUT); stopping it. Last lines of $SERVER_LOG:"
    tail -n 20 "$SERVER_LOG" >&2
    server_stop >/dev/null
    exit 1
  fi
  say "server started (pid $pid)"
}

server_stop() {
  local p i
  if ! server_running; then
    clear_stale_server_pid
    say "server is not running"
    return 0
  fi
  p=$(server_pid)
  kill -TERM "$p" 2>/dev/null || true
  for i in $(seq 1 100); do pid_is "$p" "$SERVER_MAIN" || break; sleep 0.1; done
  if pid_is "$p" "$SERVER_MAIN"; then
    warn "server (pid $p) ignored SIGTERM for 10 s; sending SIGKILL"
    kill -KILL "$p" 2>/dev/null || true
    for i in $(seq 1 50); do pid_is "$p" "$SERVER_MAIN" || break; sleep 0.1; done
  fi
  pid_is "$p" "$SERVER_MAIN" && die "server (pid $p) is still running"
  rm -f "$SERVER_PID"
  say "server stopped"
}

# --- commands ---------------------------------------------------------------------

cmd_up() {
  cmd_db_up
  if ! server_wanted; then
    say "no server yet ($SERVER_MAIN does not exist): only the database runs"
    return 0
  fi
  server_start
  echo "HTTP:         $(http_url)"
  echo "HTTPS:        $(https_url)"
  echo "admin secret: $(cat "$ADMIN_SECRET_FILE")"
  echo "CA file:      $PKI_DIR/ca.crt"
  echo "JWT key file: $JWT_KEY_FILE (HS256, claims under $CLAIMS_NAMESPACE)"
  echo "database:     $(db_url)"
}

cmd_down() {
  take_lock
  server_stop
  find_pg_bin
  pg_stop
}

cmd_status() {
  local rc=0
  cmd_db_status || rc=1
  if server_running; then
    echo "server: running (pid $(server_pid), $(http_url), $(https_url))"
  elif ! server_wanted; then
    echo "server: not part of this checkout yet ($SERVER_MAIN does not exist)"
  else
    if [ -f "$SERVER_PID" ]; then
      echo "server: not running (stale pid file $SERVER_PID)"
    else
      echo "server: stopped"
    fi
    rc=1
  fi
  return $rc
}

cmd_env() {
  if [ ! -s "$PKI_DIR/wrongca.crt" ] || [ ! -s "$JWT_KEY_FILE" ] || [ ! -s "$ADMIN_SECRET_FILE" ]; then
    take_lock; ensure_pki >&2; ensure_secrets
  fi
  q() { printf "export %s=%q\n" "$1" "$2"; }
  q MB_URL "$(http_url)"
  q MB_HTTPS_URL "$(https_url)"
  q MB_CA_FILE "$PKI_DIR/ca.crt"
  q MB_WRONG_CA_FILE "$PKI_DIR/wrongca.crt"
  q HASURA_GRAPHQL_ADMIN_SECRET "$(cat "$ADMIN_SECRET_FILE")"
  q MB_JWT_SECRET_FILE "$JWT_KEY_FILE"
  q MB_PG_URL "$(db_url)"
}

cmd_token() {
  if [ ! -s "$JWT_KEY_FILE" ]; then take_lock; ensure_secrets; fi
  [ -d "$BACKEND_DIR/node_modules/jose" ] || die "backend/node_modules is missing; run: tools/deps.sh node"
  node "$BACKEND_DIR/scripts/mint-token.mjs" --key-file "$JWT_KEY_FILE" "$@"
}
