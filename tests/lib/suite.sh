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
# run_counted LOG CMD...: runs a test program that prints its own
# "N passed, N failed" and adds its counts (a crash counts as a failure).
run_counted() {
    local log=$1 rc line p f
    shift
    timeout 600 "$@" | tee "$log"
    rc=${PIPESTATUS[0]}
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    suite_pass=$((suite_pass + ${p:-0})); suite_fail=$((suite_fail + ${f:-1}))
    if [ "$rc" -ne 0 ] && [ "${f:-1}" -eq 0 ]; then suite_fail=$((suite_fail + 1)); echo "FAIL $* exited $rc"; fi
}
