#!/usr/bin/env bash
# Osprey benchmarks, run by `./osprey bench [analyze|jmh|startup|all]`. Each prints its figures; nothing is asserted.
#   analyze  ./osprey analyze vs tcpdump -nn -r on the 350k-packet corpus capture, side by side (hyperfine)
#   detect   ./osprey analyze with every built-in detector vs suricata -r (no rules) vs tcpdump -nn -r on the same
#            capture: packets per CPU-second (user + sys) and wall time, one run each after a warm-up
#   jmh      JMH benchmarks in tests/org.osprey.benchmarks (decoder packets/s per core, stream throughput,
#            generator packets/s per core, live capture on lo)
#   startup  time from ./osprey run to the first window (under Xvfb), and the products' size on disk
#   ui       the live client's load harness (LiveClientLoadHarness): capture -> visible row at 1k and 10k packets/s,
#            UI thread stalls at 100k packets/s (STALL_SECONDS, default 60), heap at 10k packets/s with a 100k ring
#            (HEAP_SECONDS, default 600); needs a display (Xvfb is started when there is none)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export OSPREY_ROOT="$ROOT"
# shellcheck source=toolchain.sh
. "$ROOT/releng/scripts/toolchain.sh"
CORPUS="${OSPREY_CORPUS:-$ROOT/../shared/corpus}"
BIG="$CORPUS/pcaps/bench/bigmix-350k.pcap"
WORK="$ROOT/.osprey/bench"
JMH_VERSION=1.37

need() {
    command -v "$1" >/dev/null && return 0
    if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
    else osprey_die "$1 is needed: sudo apt-get install -y $2"; fi
}

bench_analyze() {
    [ -f "$BIG" ] || osprey_die "benchmark input missing: $BIG"
    need tcpdump tcpdump
    need hyperfine hyperfine
    "$ROOT/osprey" analyze "$BIG" >/dev/null   # builds if needed, warms the OSGi configuration cache
    echo "== analyze vs tcpdump on $(basename "$BIG") ($(stat -c %s "$BIG") bytes)"
    hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$WORK/analyze.md" \
        -n "osprey analyze" "'$ROOT/osprey' analyze '$BIG' > /dev/null" \
        -n "tcpdump -nn -r" "tcpdump -nn -r '$BIG' > /dev/null 2>&1"
    cat "$WORK/analyze.md"
    # A fixed start-up cost weighs less on a longer capture: the same traffic ten times over (made here, not kept)
    if command -v mergecap >/dev/null; then
        local big10="$WORK/bigmix-x10.pcap"
        mergecap -a -F pcap -w "$big10" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG"
        echo "== analyze vs tcpdump on the same capture ten times over ($(stat -c %s "$big10") bytes)"
        hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$WORK/analyze-x10.md" \
            -n "osprey analyze" "'$ROOT/osprey' analyze '$big10' > /dev/null" \
            -n "tcpdump -nn -r" "tcpdump -nn -r '$big10' > /dev/null 2>&1"
        cat "$WORK/analyze-x10.md"
        rm -f "$big10"
    fi
}

# Suricata comes from Debian's bookworm-backports: the suite is added next to the machine's own Debian source
ensure_suricata() {
    command -v suricata >/dev/null && return 0
    [ "$(id -u)" = 0 ] || osprey_die "suricata is needed: add bookworm-backports to apt's sources, then sudo apt-get install -y -t bookworm-backports suricata"
    local sources=/etc/apt/sources.list.d/debian.sources backports=/etc/apt/sources.list.d/osprey-backports.sources
    if [ ! -f "$backports" ] && [ -f "$sources" ]; then
        awk 'BEGIN { RS = ""; ORS = "\n\n" } NR == 1' "$sources" | sed -E 's/^Suites:.*/Suites: bookworm-backports/' > "$backports"
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports suricata >&2
}

# one run of a command: prints "wall_seconds cpu_seconds" (cpu = user + sys)
cpu_time() {
    local times="$WORK/cpu-time.txt"
    /usr/bin/time -o "$times" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$times"
}

bench_detect() {
    [ -f "$BIG" ] || osprey_die "benchmark input missing: $BIG"
    need tcpdump tcpdump
    [ -x /usr/bin/time ] || need /usr/bin/time time
    ensure_suricata
    local packets=349988 suri="$WORK/suricata"
    ulimit -c 0 # Suricata 7.0.10 segfaulted once here in ~10 runs of the same file: no core file in the checkout
    "$ROOT/osprey" analyze "$BIG" >/dev/null || true   # builds if needed, warms the OSGi configuration cache
    mkdir -p "$suri"
    echo "== detection on $(basename "$BIG") ($packets packets): packets per CPU-second (user + sys), one run each"
    printf '| %-44s | %8s | %8s | %16s |\n' tool "wall s" "CPU s" "packets/CPU-s"
    printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "----------" "----------" "------------------"
    local name cmd wall cpu
    for name in "osprey analyze (all built-in detectors)" "suricata -r (no rules, --runmode single)" "suricata -r (no rules, autofp)" "tcpdump -nn -r"; do
        case "$name" in
            osprey*) cmd=("$ROOT/osprey" analyze "$BIG") ;;
            *single*) cmd=(suricata -r "$BIG" -k none -S /dev/null -l "$suri" --runmode single) ;;
            suricata*) cmd=(suricata -r "$BIG" -k none -S /dev/null -l "$suri") ;;
            tcpdump*) cmd=(tcpdump -nn -r "$BIG") ;;
        esac
        "${cmd[@]}" >/dev/null 2>&1 || true   # warm-up (page cache, JIT-less start-up files)
        read -r wall cpu < <(cpu_time "${cmd[@]}")
        printf '| %-44s | %8s | %8s | %16s |\n' "$name" "$wall" "$cpu" \
            "$(awk -v p=$packets -v c="$cpu" 'BEGIN { printf "%\047d", p / c }')"
    done
    echo "osprey's alerts on this capture: $("$ROOT/osprey" analyze "$BIG" | wc -l) EVE lines"
}

bench_jmh() {
    osprey_find_jdk
    osprey_find_maven
    local lib="$WORK/lib" classes="$WORK/classes" gen="$WORK/generated"
    mkdir -p "$lib"
    if ! ls "$lib"/jmh-core-*.jar >/dev/null 2>&1; then
        "$OSPREY_MVN" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact="org.openjdk.jmh:jmh-generator-annprocess:$JMH_VERSION" -DoutputDirectory="$lib"
        "$OSPREY_MVN" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
            -Dartifact="org.openjdk.jmh:jmh-core:$JMH_VERSION" -Dtransitive=true >/dev/null
        for a in org.openjdk.jmh:jmh-core:$JMH_VERSION net.sf.jopt-simple:jopt-simple:5.0.4 org.apache.commons:commons-math3:3.6.1; do
            "$OSPREY_MVN" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$a" -DoutputDirectory="$lib"
        done
    fi
    local bundles=""
    for b in org.osprey.core org.osprey.stream org.osprey.capture org.osprey.detect org.osprey.detect.builtin; do
        local jar
        jar=$(ls "$ROOT"/bundles/$b/target/$b-*.jar 2>/dev/null | grep -v sources | head -1 || true)
        [ -n "$jar" ] || { "$ROOT/osprey" build; jar=$(ls "$ROOT"/bundles/$b/target/$b-*.jar | head -1); }
        bundles="$bundles:$jar"
    done
    # live capture benchmarks: pcap4j and JNA (needs libpcap, and root or CAP_NET_RAW)
    local m2="$HOME/.m2/repository" native
    native="$m2/org/pcap4j/pcap4j-core/1.8.2/pcap4j-core-1.8.2.jar:$m2/net/java/dev/jna/jna/5.18.1/jna-5.18.1.jar"
    native="$native:$(ls "$m2"/org/slf4j/slf4j-api/2.*/slf4j-api-2.*.jar | sort -V | tail -1)"
    local cp="$lib/*$bundles:$native"
    rm -rf "$classes" "$gen"; mkdir -p "$classes" "$gen"
    "$JAVA_HOME/bin/javac" -proc:full -cp "$cp" -d "$classes" -s "$gen" \
        $(find "$ROOT/tests/org.osprey.benchmarks/src" -name '*.java')
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dosprey.corpus="$CORPUS" -cp "$classes:$cp" org.openjdk.jmh.Main \
        -f "${FORKS:-1}" -wi "${WARMUPS:-3}" -i "${ITERATIONS:-5}" -w 2s -r 2s "${JMH_FILTER:-.*}"
}

bench_startup() {
    "$ROOT/osprey" build >/dev/null
    need xwininfo x11-utils
    need Xvfb xvfb
    local display=:77
    Xvfb $display -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    local xvfb=$!
    trap 'kill $xvfb 2>/dev/null || true' RETURN
    sleep 1
    local runs="${RUNS:-3}" i
    for i in $(seq 1 "$runs"); do
        local start end pid
        start=$(date +%s%N)
        OSPREY_HOME="$WORK/home" DISPLAY=$display "$ROOT/osprey" run >/dev/null 2>&1 &
        pid=$!
        until DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep >/dev/null '"Osprey'; do
            sleep 0.05
            [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 60 ] || { echo "no window within 60 s"; break; }
        done
        end=$(date +%s%N)
        echo "run $i: first window after $(( (end - start) / 1000000 )) ms"
        kill "$pid" 2>/dev/null || true
        pkill -f "org.osprey.client" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    echo "product size on disk:"
    du -sh "$ROOT/releng/org.osprey.products/target/products/org.osprey.client.product/linux/gtk/x86_64/osprey" \
        "$ROOT/releng/org.osprey.products/target/products/org.osprey.agent.server/linux/gtk/x86_64/osprey-agent"
}

mkdir -p "$WORK"
# The agent under steady load: generator at RATE packets/s into a RING-packet replay ring, one client (the Python
# client written from docs/protocol.md) subscribed throughout and checking every seq arrives; every 30 s the live
# heap after a full GC and the process RSS. Flat after warm-up is the goal.
bench_agent_memory() {
    local rate="${RATE:-10000}" ring="${RING:-100000}" duration="${DURATION:-600}"
    local dir="$WORK/agent-memory" log="$WORK/agent-memory/agent.log"
    rm -rf "$dir"; mkdir -p "$dir"
    "$ROOT/osprey" agent --help > /dev/null    # builds first if needed
    osprey_find_jdk
    "$ROOT/osprey" agent --generate --rate "$rate" --ring "$ring" --port 0 --state-dir "$dir" > "$log" 2>&1 &
    local agent=$!
    trap 'kill $agent 2>/dev/null || true' EXIT
    local url="" i
    for i in $(seq 1 600); do
        url=$(sed -n 's/^  URL: *\(wss:[^ ]*\).*/\1/p' "$log"); [ -n "$url" ] && break; sleep 0.1
    done
    [ -n "$url" ] || { cat "$log"; osprey_die "the agent did not start"; }
    local port=${url##*:}; port=${port%%/*}
    local fingerprint; fingerprint=$(sed -n 's/^  Fingerprint: *\([0-9A-F:]*\).*/\1/p' "$log")
    python3 "$ROOT/tests/org.osprey.transport.tests/src/org/osprey/transport/tests/osprey_protocol_client.py" \
        127.0.0.1 "$port" "$fingerprint" "$dir/token" binary "frame.len > 0" $((rate * duration - rate * 5)) > "$dir/client.log" 2>&1 &
    local client=$!
    echo "== agent memory: generator $rate packets/s, ring $ring packets, one binary client, ${duration}s"
    printf '%8s %14s %10s\n' "time" "live heap MB" "RSS MB"
    local t=0
    while [ $t -lt "$duration" ]; do
        sleep 30; t=$((t + 30))
        "$JAVA_HOME/bin/jcmd" "$agent" GC.run > /dev/null
        local heap rss
        heap=$("$JAVA_HOME/bin/jstat" -gc "$agent" | awk 'NR==2 {printf "%.1f", ($3 + $4 + $6 + $8) / 1024}')
        rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$agent/status")
        printf '%7ss %14s %10s\n' "$t" "$heap" "$rss"
    done
    # the client stops at the first gap or out-of-order seq; its last batch may overshoot the count it was given
    if wait "$client" || { grep -Eq '^received [0-9]+ packets, expected' "$dir/client.log" \
            && [ "$(awk '{print $2}' "$dir/client.log")" -ge "$(awk '{print $5}' "$dir/client.log")" ]; }; then
        echo "client: every packet in order, no gap: $(cat "$dir/client.log")"
    else
        echo "client failed:"; cat "$dir/client.log"
    fi
    kill "$agent"; wait "$agent" 2>/dev/null || true
    trap - EXIT
}

bench_ui() {
    osprey_find_jdk
    osprey_find_maven
    mkdir -p "$WORK"
    if ! (cd "$ROOT" && "$OSPREY_MVN" -B -q verify -pl tests/org.osprey.ui.packets.tests -am \
        -Dtest=LiveClientLoadHarness -Dosprey.test.excludes=none -Dsurefire.failIfNoSpecifiedTests=false \
        -Dosprey.test.vmargs="-Xmx3g $(osprey_client_gc) -Dosprey.bench.stallSeconds=${STALL_SECONDS:-60} -Dosprey.bench.heapSeconds=${HEAP_SECONDS:-600}") \
        > "$WORK/ui.log" 2>&1; then
        tail -40 "$WORK/ui.log"
        osprey_die "the UI load harness failed (whole output in $WORK/ui.log)"
    fi
    sed -n '/== live client load harness ==/,/^$/p' "$WORK/ui.log"
}

case "${1:-all}" in
    analyze) bench_analyze ;;
    detect) bench_detect ;;
    jmh) bench_jmh ;;
    startup) bench_startup ;;
    agent-memory) bench_agent_memory ;;
    ui) bench_ui ;;
    all) bench_analyze; bench_detect; bench_jmh; bench_startup ;;
    *) osprey_die "unknown benchmark '$1' (analyze, detect, jmh, startup, agent-memory, ui, all)" ;;
esac
