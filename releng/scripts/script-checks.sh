# Checks that `./osprey test` runs after the reactor against the built products, in bash (a running product, another
# user, files dropped into folders), reported as JUnit XML like surefire's so that the closing summary counts them.
# Sourced by the tests that use it (dropin-test.sh, permission-test.sh):
#   checks_begin SUITE            a suite, e.g. org.osprey.dropin.HotDropInTest
#   check_result NAME FAILURE     one check; an empty FAILURE is a pass
#   checks_write_report DIR       DIR/TEST-SUITE.xml; true when every check passed

checks_begin() {
    CHECKS_SUITE="$1"
    CHECKS_RESULTS=()
    CHECKS_STARTED=$(date +%s.%N)
}

check_result() {
    if [ -z "$2" ]; then
        echo "osprey: $CHECKS_SUITE: PASS $1" >&2
        CHECKS_RESULTS+=("$1"$'\tPASS\t')
    else
        echo "osprey: $CHECKS_SUITE: FAIL $1: $2" >&2
        CHECKS_RESULTS+=("$1"$'\tFAIL\t'"$2")
    fi
}

checks_write_report() {
    local file="$1/TEST-$CHECKS_SUITE.xml" line name outcome message failures=0 seconds
    mkdir -p "$1"
    seconds=$(seconds_since "$CHECKS_STARTED")
    for line in "${CHECKS_RESULTS[@]}"; do [[ "$line" == *$'\tFAIL\t'* ]] && failures=$((failures + 1)); done
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo "<testsuite name=\"$CHECKS_SUITE\" tests=\"${#CHECKS_RESULTS[@]}\" failures=\"$failures\" errors=\"0\" skipped=\"0\" time=\"$seconds\">"
        for line in "${CHECKS_RESULTS[@]}"; do
            IFS=$'\t' read -r name outcome message <<<"$line"
            echo "  <testcase classname=\"$CHECKS_SUITE\" name=\"$(xml_text "$name")\">"
            [ "$outcome" = FAIL ] && echo "    <failure message=\"$(xml_text "$message")\"/>"
            echo "  </testcase>"
        done
        echo "</testsuite>"
    } > "$file"
    echo "osprey: $CHECKS_SUITE: ${#CHECKS_RESULTS[@]} checks, $failures failed" >&2
    [ "$failures" -eq 0 ]
}

xml_text() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }

seconds_since() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - start }'; }

log_has() { grep -F -- "$2" "$1" >/dev/null 2>&1; }

# wait_until SECONDS COMMAND...: true as soon as COMMAND is (polled every 0.2 s), false after SECONDS.
wait_until() {
    local deadline=$(( $(date +%s) + $1 ))
    shift
    while [ "$(date +%s)" -le "$deadline" ]; do
        "$@" && return 0
        sleep 0.2
    done
    return 1
}
