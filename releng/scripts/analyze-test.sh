# A post-reactor check of `./osprey test`: `./osprey analyze`, run as a person or a SIEM pipeline runs it, through the
# script and its fast start (class-path launch, AOT cache): stdout holds EVE JSON lines and nothing else, on the first
# run after a build (the one that records the start-up cache) as on the next; the alert names the scanner and its
# target; --summary adds the detectors' table; bad usage and a missing file give their exit codes and a message.
# Result: releng/org.osprey.products/target/surefire-reports/TEST-org.osprey.agent.AnalyzeCommandLineTest.xml.
#
# Sourced by ./osprey (OSPREY_ROOT); also runs on its own: releng/scripts/analyze-test.sh

# shellcheck source=releng/scripts/script-checks.sh
. "$(dirname "${BASH_SOURCE[0]}")/script-checks.sh"

analyze_test() {
    local root="$OSPREY_ROOT"
    local reports="$root/releng/org.osprey.products/target/surefire-reports"
    local work="$root/releng/org.osprey.products/target/analyze-test"
    local scan="$root/../shared/corpus/pcaps/scan/TCP_SYN_SCAN.pcap"
    rm -rf "$work" "$root/.osprey/aot"/analyze-*.aot
    mkdir -p "$work"
    checks_begin org.osprey.agent.AnalyzeCommandLineTest

    local status
    "$root/osprey" analyze "$scan" >"$work/first.out" 2>"$work/first.err"; status=$?
    analyze_check_eve "the first run after a build (recording the start-up cache) prints EVE lines only" \
        "$status" "$work/first.out" "$work/first.err"
    "$root/osprey" analyze "$scan" >"$work/second.out" 2>"$work/second.err"; status=$?
    analyze_check_eve "the next run (from the cache) prints the same alerts" "$status" "$work/second.out" "$work/second.err"
    if ! cmp -s "$work/first.out" "$work/second.out"; then
        check_result "both runs agree" "the alerts differ: diff $work/first.out $work/second.out"
    elif [ -s "$work/second.err" ]; then
        check_result "both runs agree" "the run from the cache wrote to stderr: $(head -3 "$work/second.err")"
    else
        check_result "both runs agree" ""
    fi

    "$root/osprey" analyze --summary "$scan" >"$work/summary.out" 2>&1; status=$?
    if [ "$status" -eq 0 ] && log_has "$work/summary.out" "Detectors:" && log_has "$work/summary.out" "osprey.portscan"; then
        check_result "--summary adds the detectors' table" ""
    else
        check_result "--summary adds the detectors' table" "exit $status, no detectors' table in $work/summary.out"
    fi

    "$root/osprey" analyze "$work/no-such.pcap" >"$work/missing.out" 2>"$work/missing.err"; status=$?
    if [ "$status" -eq 3 ] && [ ! -s "$work/missing.out" ] && log_has "$work/missing.err" "no-such.pcap: no such file"; then
        check_result "a missing file: exit 3 and a message naming it" ""
    else
        check_result "a missing file: exit 3 and a message naming it" "exit $status; stderr: $(head -3 "$work/missing.err")"
    fi
    "$root/osprey" analyze >"$work/usage.out" 2>"$work/usage.err"; status=$?
    if [ "$status" -eq 2 ] && log_has "$work/usage.err" "usage: ./osprey analyze"; then
        check_result "no file: exit 2 and the usage" ""
    else
        check_result "no file: exit 2 and the usage" "exit $status; stderr: $(head -3 "$work/usage.err")"
    fi
    checks_write_report "$reports"
}

# analyze_check_eve NAME STATUS OUT ERR: exit 0; every line of OUT an EVE alert; the SYN scan of 192.168.1.10 on .25.
analyze_check_eve() {
    local name="$1" status="$2" out="$3" err="$4" lines others
    lines=$(wc -l < "$out")
    others=$(grep -cv '^{"timestamp":"[^"]*","flow_id":[0-9]*,.*"event_type":"alert",.*}$' "$out")
    if [ "$status" -ne 0 ]; then
        check_result "$name" "exit $status; stderr: $(head -3 "$err")"
    elif [ "$lines" -eq 0 ] || [ "$others" -ne 0 ]; then
        check_result "$name" "$lines lines, $others of them not EVE alerts (see $out)"
    elif ! grep -q '"src_ip":"192.168.1.10","dest_ip":"192.168.1.25".*"signature":"Port scan (SYN)"' "$out"; then
        check_result "$name" "no SYN port scan alert from 192.168.1.10 on 192.168.1.25 in $out"
    else
        check_result "$name" ""
    fi
}

# Run on its own.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -uo pipefail
    OSPREY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    analyze_test
fi
