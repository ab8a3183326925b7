# Shared by the shell suites: `check NAME CMD...` runs CMD quietly, prints
# PASS/FAIL with the output of a failure, and counts; `finish` prints the
# closing "N passed, N failed" line and sets the exit status.
suite_pass=0
suite_fail=0
check() {
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then
        suite_pass=$((suite_pass + 1))
        echo "PASS $name"
    else
        suite_fail=$((suite_fail + 1))
        echo "FAIL $name"
        printf '%s\n' "$out" | tail -n 25 | sed 's/^/    /'
    fi
}
finish() {
    echo "$suite_pass passed, $suite_fail failed"
    [ "$suite_fail" -eq 0 ]
}
