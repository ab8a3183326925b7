#!/usr/bin/env bash
# Runs every suite in tests/suites/ in name order and adds up their counts.
# A suite is an executable whose output ends with a line "N passed, N failed";
# a suite that prints no such line counts as one failure, and so does a
# suite that exits non-zero while reporting no failure.
# Usage: tests/run.sh [PATTERN]   (runs only suites whose name contains PATTERN)
# MB_PORT_OFFSET=N shifts the fixed loopback ports of the backend suites, so
# two checkouts can run them at once.
set -u
cd "$(dirname "$0")/.."
mkdir -p build/logs
total_p=0; total_f=0; bad=()
for s in tests/suites/*; do
  [ -x "$s" ] || continue
  name=$(basename "$s")
  if [ $# -gt 0 ] && [[ "$name" != *"$1"* ]]; then continue; fi
  echo "=== suite $name"
  log="build/logs/$name.log"
  start=$(date +%s)
  "$s" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  if [ -n "$line" ]; then
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/\1/')
    f=$(echo "$line" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/\2/')
  else
    p=0; f=1; echo "suite $name printed no 'N passed, N failed' line"
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "suite $name exited $rc"; fi
  total_p=$((total_p + p)); total_f=$((total_f + f))
  [ "$f" -eq 0 ] || bad+=("$name")
  echo "=== suite $name: $p passed, $f failed ($(( $(date +%s) - start )) s)"
done
[ ${#bad[@]} -eq 0 ] || echo "failing suites: ${bad[*]}"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
