#!/usr/bin/env bash
# Refreshes tests/fault/recordings/ from the local stack: every generated
# Masterbots operation as its role, plus a refused token and a refused
# document (tests/fuzz/capture.c). Runs on the hostile suite's ports and
# state folder and stops the stack after.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/deps.sh c pg node >/dev/null
export MB_STATE_DIR="$PWD/.state/hostile" MB_PG_PORT=54354 MB_HTTP_PORT=18084 MB_HTTPS_PORT=18447
mkdir -p build/fault
gcc -std=c99 -Wall -Wextra -Werror -g -I. tests/fuzz/capture.c -o build/fault/capture
trap 'backend/local down >/dev/null 2>&1' EXIT
backend/local up >/dev/null
eval "$(backend/local env)"
export MB_URL HASURA_GRAPHQL_ADMIN_SECRET
export MB_USER_ALICE=00000000-0000-4000-a000-000000000001
MB_JWT_ALICE=$(backend/local token --user "$MB_USER_ALICE" --role user)
export MB_JWT_ALICE
rm -rf build/fault/rec && mkdir -p build/fault/rec
build/fault/capture build/fault/rec || true # insertPreference and the refusals answer with errors
rm -f tests/fault/recordings/*.http
cp build/fault/rec/*.http tests/fault/recordings/
ls tests/fault/recordings
