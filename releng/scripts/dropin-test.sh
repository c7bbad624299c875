# The post-reactor step of `./osprey test`: the example third-party detector (docs/detector-example) is built the way
# an outside author builds it, against the SDK that the reactor just published (org.osprey:*:0.1.0-SNAPSHOT), with its own replay tests;
# then the hot drop-in test runs it in a RUNNING agent product:
#   a jar that is no bundle and a bundle with a missing import are reported and the agent goes on;
#   copying the example bundle into the watched folder makes its alerts appear in the agent's EVE output;
#   removing it stops them while the capture goes on.
# Results: docs/detector-example/target/surefire-reports (the example's tests) and
# releng/org.osprey.products/target/surefire-reports/TEST-org.osprey.dropin.HotDropInTest.xml, which
# `./osprey test` counts with every other report.
#
# Sourced by ./osprey (functions osprey_find_jdk, osprey_find_maven, OSPREY_ROOT); also runs on its own:
#   releng/scripts/dropin-test.sh        (after ./mvnw verify or ./osprey build)

DROPIN_EXAMPLE_ID="example.telnet"
DROPIN_EXAMPLE_BUNDLE="org.example.osprey.telnet"

dropin_test() {
    local root="$OSPREY_ROOT"
    local agent_dir="${DROPIN_AGENT_DIR:-$root/releng/org.osprey.products/target/products/org.osprey.agent.server/linux/gtk/x86_64/osprey-agent}"
    local reports="$root/releng/org.osprey.products/target/surefire-reports"
    local work="$root/releng/org.osprey.products/target/dropin-test"
    osprey_find_jdk
    osprey_find_maven
    rm -rf "$work" "$reports/TEST-org.osprey.dropin.HotDropInTest.xml"
    mkdir -p "$work/detectors" "$reports"
    DROPIN_RESULTS=()
    DROPIN_STARTED=$(date +%s.%N)

    echo "osprey: drop-in: building the example detector against the SDK repository (docs/detector-example)" >&2
    # the SDK of this build: releng/org.osprey.repository installed it into the local Maven repository
    if ! (cd "$root/docs/detector-example" && "$OSPREY_MVN" -B -q verify >"$work/example-build.log" 2>&1); then
        cat "$work/example-build.log" >&2
        dropin_result "example detector builds and passes its replay tests" "mvn verify failed in docs/detector-example (log: $work/example-build.log)"
        dropin_write_report "$reports"
        return 1
    fi
    local example_jar="$root/docs/detector-example/target/telnet-detector-1.0.0.jar"

    [ -d "$agent_dir" ] || { dropin_result "agent product exists" "no agent product in $agent_dir"; dropin_write_report "$reports"; return 1; }
    dropin_broken_jars "$work"
    python3 - "$work/telnet-sessions.pcap" <<'EOF' || { dropin_result "test capture" "python3 could not write it"; dropin_write_report "$reports"; return 1; }
# One Telnet login attempt every 0.2 s for 200 s, each from another client (10.23.x.y) to 10.23.0.5:23: SYN,
# SYN-ACK, then the client's first data. Distinct client/server pairs, so the engine's suppression of repeats
# never hides an alert: every session that a present detector sees gives one.
import struct, sys
def checksum(header):
    total = sum(struct.unpack("!10H", header))
    while total > 0xffff:
        total = (total & 0xffff) + (total >> 16)
    return (~total) & 0xffff
def frame(src, dst, sport, dport, flags, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, 1000, 1 if flags & 0x10 else 0, 5 << 4, flags, 64240, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return b"\x02\x00\x00\x00\x00\x01" + b"\x02\x00\x00\x00\x00\x02" + b"\x08\x00" + ip + tcp
server = [10, 23, 0, 5]
with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    start = 1_700_000_000
    for k in range(1000):
        client = [10, 23, 1 + k // 200, 10 + k % 200]
        port = 40000 + k
        for i, (src, dst, sp, dp, flags, data) in enumerate([
                (client, server, port, 23, 0x02, b""),
                (server, client, 23, port, 0x12, b""),
                (client, server, port, 23, 0x18, b"root\r\n")]):
            t = start * 1_000_000 + k * 200_000 + i * 1_000
            f = frame(src, dst, sp, dp, flags, data)
            out.write(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, len(f), len(f)) + f)
EOF

    dropin_configuration "$agent_dir" "$work/configuration"
    echo "osprey: drop-in: starting the agent product with detection, watching $work/detectors" >&2
    "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -Dfelix.fileinstall.dir="$work/detectors" \
        -Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn \
        -jar "$(ls "$agent_dir"/plugins/org.eclipse.equinox.launcher_*.jar | head -1)" -nosplash -data @none \
        -configuration "$work/configuration" \
        agent --file "$work/telnet-sessions.pcap" --port 0 --state-dir "$work/state" --eve "$work/eve.json" \
        >"$work/agent.log" 2>&1 &
    local agent=$!
    dropin_run_checks "$work" "$agent" "$example_jar"
    kill "$agent" 2>/dev/null || true
    wait "$agent" 2>/dev/null || true
    dropin_write_report "$reports"
    local failed
    failed=$(printf '%s\n' "${DROPIN_RESULTS[@]}" | grep -c $'\tFAIL' || true)
    echo "osprey: drop-in: ${#DROPIN_RESULTS[@]} checks, $failed failed (agent log: $work/agent.log)" >&2
    [ "$failed" -eq 0 ]
}

# The checks against the running agent, in order; each records a result.
dropin_run_checks() {
    local work="$1" agent="$2" example_jar="$3" before after later
    local log="$work/agent.log" eve="$work/eve.json"
    if ! dropin_wait 60 dropin_log_has "$log" "start without a restart"; then
        dropin_result "agent starts with the drop-in folder watched" "no 'start without a restart' line in $log within 60 s"
        return
    fi
    dropin_result "agent starts with the drop-in folder watched" ""

    # a jar that is no bundle, and a bundle that cannot resolve: both reported, the agent goes on
    cp "$work/garbage.jar" "$work/missing-import.jar" "$work/detectors/"
    if dropin_wait 15 dropin_log_has "$log" "garbage.jar is not a bundle" \
        && dropin_wait 15 dropin_log_has "$log" "Unresolved requirement: Import-Package: org.example.nowhere"; then
        if kill -0 "$agent" 2>/dev/null; then
            dropin_result "broken jars are reported and the agent goes on" ""
        else
            dropin_result "broken jars are reported and the agent goes on" "the agent exited"
        fi
    else
        dropin_result "broken jars are reported and the agent goes on" "no report of garbage.jar or of the missing import in $log"
    fi

    before=$(dropin_alerts "$eve")
    # copy under a name File Install ignores, then rename: it never sees half a jar
    cp "$example_jar" "$work/detectors/example.jar.part" && mv "$work/detectors/example.jar.part" "$work/detectors/example.jar"
    local copied removed
    copied=$(date +%s.%N)
    if dropin_wait 20 dropin_more_alerts "$eve" "$before"; then
        echo "osprey: drop-in: first alert $(dropin_since "$copied") s after the copy" >&2
        sleep 3
        dropin_result "a dropped-in detector bundle's alerts appear" ""
    else
        dropin_result "a dropped-in detector bundle's alerts appear" "no $DROPIN_EXAMPLE_ID alert in $eve within 20 s of the copy (before: $before)"
        return
    fi

    rm "$work/detectors/example.jar"
    removed=$(date +%s.%N)
    if ! dropin_wait 15 dropin_log_has "$log" "Drop-in bundle $DROPIN_EXAMPLE_BUNDLE 1.0.0 removed"; then
        dropin_result "a removed detector bundle's alerts stop" "no 'removed' line for $DROPIN_EXAMPLE_BUNDLE in $log"
        return
    fi
    echo "osprey: drop-in: bundle uninstalled $(dropin_since "$removed") s after the removal" >&2
    sleep 2  # alerts already on their way out of the engine
    after=$(dropin_alerts "$eve")
    sleep 6  # 30 more sessions arrive, each of which the detector would report
    later=$(dropin_alerts "$eve")
    if [ "$later" -ne "$after" ]; then
        dropin_result "a removed detector bundle's alerts stop" "$((later - after)) alerts in the 6 s after removal"
    elif ! kill -0 "$agent" 2>/dev/null; then
        dropin_result "a removed detector bundle's alerts stop" "the agent exited"
    else
        dropin_result "a removed detector bundle's alerts stop" ""
    fi
}

# A jar of random bytes, and a bundle importing a package nothing exports.
dropin_broken_jars() {
    local work="$1"
    head -c 4096 /dev/urandom > "$work/garbage.jar"
    mkdir -p "$work/missing/META-INF"
    printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: org.example.needs.missing\nBundle-Version: 1.0.0\nImport-Package: org.example.nowhere\n' \
        > "$work/missing/META-INF/MANIFEST.MF"
    "$JAVA_HOME/bin/jar" --create --file "$work/missing-import.jar" --manifest "$work/missing/META-INF/MANIFEST.MF" \
        -C "$work/missing" . 2>/dev/null
}

# A configuration area of the test's own (the bundles it installs never reach the product's), same bundles.
dropin_configuration() {
    local agent_dir="$1" dir="$2"
    mkdir -p "$dir"
    sed -e "s#^\([^#][^,]*,[^,]*,\)\([^/][^,]*\)#\1$agent_dir/\2#" \
        "$agent_dir/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info" > "$dir/bundles.info"
    sed -e "s#^org\.eclipse\.equinox\.simpleconfigurator\.configUrl=.*#org.eclipse.equinox.simpleconfigurator.configUrl=file\\:$dir/bundles.info#" \
        "$agent_dir/configuration/config.ini" > "$dir/config.ini"
}

dropin_since() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - start }'; }
dropin_log_has() { grep -F -- "$2" "$1" >/dev/null 2>&1; }
# the example detector's alerts in the EVE file so far (0 before the agent wrote the first alert)
dropin_alerts() {
    if [ -f "$1" ]; then grep -c -F "\"$DROPIN_EXAMPLE_ID\"" "$1" || true; else echo 0; fi
}
dropin_more_alerts() { [ "$(dropin_alerts "$1")" -gt "$2" ]; }

# dropin_wait SECONDS COMMAND...: true as soon as COMMAND is (polled every 0.2 s), false after SECONDS.
dropin_wait() {
    local deadline=$(( $(date +%s) + $1 ))
    shift
    while [ "$(date +%s)" -le "$deadline" ]; do
        "$@" && return 0
        sleep 0.2
    done
    return 1
}

# dropin_result NAME FAILURE: an empty FAILURE is a pass.
dropin_result() {
    if [ -z "$2" ]; then
        echo "osprey: drop-in: PASS $1" >&2
        DROPIN_RESULTS+=("$1"$'\tPASS\t')
    else
        echo "osprey: drop-in: FAIL $1: $2" >&2
        DROPIN_RESULTS+=("$1"$'\tFAIL\t'"$2")
    fi
}

# JUnit XML like surefire's, so the closing summary of ./osprey test counts these checks.
dropin_write_report() {
    local file="$1/TEST-org.osprey.dropin.HotDropInTest.xml" line name outcome message failures=0 seconds
    seconds=$(dropin_since "$DROPIN_STARTED")
    for line in "${DROPIN_RESULTS[@]}"; do [[ "$line" == *$'\tFAIL\t'* ]] && failures=$((failures + 1)); done
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo "<testsuite name=\"org.osprey.dropin.HotDropInTest\" tests=\"${#DROPIN_RESULTS[@]}\" failures=\"$failures\" errors=\"0\" skipped=\"0\" time=\"$seconds\">"
        for line in "${DROPIN_RESULTS[@]}"; do
            IFS=$'\t' read -r name outcome message <<<"$line"
            echo "  <testcase classname=\"org.osprey.dropin.HotDropInTest\" name=\"$(dropin_xml "$name")\">"
            [ "$outcome" = FAIL ] && echo "    <failure message=\"$(dropin_xml "$message")\"/>"
            echo "  </testcase>"
        done
        echo "</testsuite>"
    } > "$file"
}

dropin_xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }

# Run on its own: find the toolchain like ./osprey does.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    OSPREY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    # shellcheck source=releng/scripts/toolchain.sh
    . "$OSPREY_ROOT/releng/scripts/toolchain.sh"
    dropin_test
fi
