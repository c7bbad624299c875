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

# shellcheck source=releng/scripts/script-checks.sh
. "$(dirname "${BASH_SOURCE[0]}")/script-checks.sh"

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
    checks_begin org.osprey.dropin.HotDropInTest

    echo "osprey: drop-in: building the example detector against the SDK repository (docs/detector-example)" >&2
    # the SDK of this build: releng/org.osprey.repository installed it into the local Maven repository
    if ! (cd "$root/docs/detector-example" && "$OSPREY_MVN" -B -q verify >"$work/example-build.log" 2>&1); then
        cat "$work/example-build.log" >&2
        check_result "example detector builds and passes its replay tests" "mvn verify failed in docs/detector-example (log: $work/example-build.log)"
        checks_write_report "$reports"
        return 1
    fi
    local example_jar="$root/docs/detector-example/target/telnet-detector-1.0.0.jar"

    [ -d "$agent_dir" ] || { check_result "agent product exists" "no agent product in $agent_dir"; checks_write_report "$reports"; return 1; }
    dropin_broken_jars "$work"
    python3 - "$work/telnet-sessions.pcap" <<'EOF' || { check_result "test capture" "python3 could not write it"; checks_write_report "$reports"; return 1; }
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
    echo "osprey: drop-in: the agent's log: $work/agent.log" >&2
    checks_write_report "$reports"
}

# The checks against the running agent, in order; each records a result.
dropin_run_checks() {
    local work="$1" agent="$2" example_jar="$3" before after later
    local log="$work/agent.log" eve="$work/eve.json"
    if ! wait_until 60 log_has "$log" "start without a restart"; then
        check_result "agent starts with the drop-in folder watched" "no 'start without a restart' line in $log within 60 s"
        return
    fi
    check_result "agent starts with the drop-in folder watched" ""

    # a jar that is no bundle, and a bundle that cannot resolve: both reported, the agent goes on
    cp "$work/garbage.jar" "$work/missing-import.jar" "$work/detectors/"
    if wait_until 15 log_has "$log" "garbage.jar is not a bundle" \
        && wait_until 15 log_has "$log" "Unresolved requirement: Import-Package: org.example.nowhere"; then
        if kill -0 "$agent" 2>/dev/null; then
            check_result "broken jars are reported and the agent goes on" ""
        else
            check_result "broken jars are reported and the agent goes on" "the agent exited"
        fi
    else
        check_result "broken jars are reported and the agent goes on" "no report of garbage.jar or of the missing import in $log"
    fi

    before=$(dropin_alerts "$eve")
    # copy under a name File Install ignores, then rename: it never sees half a jar
    cp "$example_jar" "$work/detectors/example.jar.part" && mv "$work/detectors/example.jar.part" "$work/detectors/example.jar"
    local copied removed
    copied=$(date +%s.%N)
    if wait_until 20 dropin_more_alerts "$eve" "$before"; then
        echo "osprey: drop-in: first alert $(seconds_since "$copied") s after the copy" >&2
        sleep 3
        check_result "a dropped-in detector bundle's alerts appear" ""
    else
        check_result "a dropped-in detector bundle's alerts appear" "no $DROPIN_EXAMPLE_ID alert in $eve within 20 s of the copy (before: $before)"
        return
    fi

    rm "$work/detectors/example.jar"
    removed=$(date +%s.%N)
    if ! wait_until 15 log_has "$log" "Drop-in bundle $DROPIN_EXAMPLE_BUNDLE 1.0.0 removed"; then
        check_result "a removed detector bundle's alerts stop" "no 'removed' line for $DROPIN_EXAMPLE_BUNDLE in $log"
        return
    fi
    echo "osprey: drop-in: bundle uninstalled $(seconds_since "$removed") s after the removal" >&2
    sleep 2  # alerts already on their way out of the engine
    after=$(dropin_alerts "$eve")
    sleep 6  # 30 more sessions arrive, each of which the detector would report
    later=$(dropin_alerts "$eve")
    if [ "$later" -ne "$after" ]; then
        check_result "a removed detector bundle's alerts stop" "$((later - after)) alerts in the 6 s after removal"
    elif ! kill -0 "$agent" 2>/dev/null; then
        check_result "a removed detector bundle's alerts stop" "the agent exited"
    else
        check_result "a removed detector bundle's alerts stop" ""
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

# the example detector's alerts in the EVE file so far (0 before the agent wrote the first alert)
dropin_alerts() {
    if [ -f "$1" ]; then grep -c -F "\"$DROPIN_EXAMPLE_ID\"" "$1" || true; else echo 0; fi
}
dropin_more_alerts() { [ "$(dropin_alerts "$1")" -gt "$2" ]; }

# Run on its own: find the toolchain like ./osprey does.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    OSPREY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    # shellcheck source=releng/scripts/toolchain.sh
    . "$OSPREY_ROOT/releng/scripts/toolchain.sh"
    dropin_test
fi
