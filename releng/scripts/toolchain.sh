# Toolchain discovery shared by ./mvnw and ./osprey (sourced, not run).
OSPREY_MAVEN_VERSION=3.9.11
OSPREY_ROOT="${OSPREY_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

osprey_die() { echo "osprey: $*" >&2; exit 1; }

# A JDK's feature version, from its release file (cheap: every ./osprey command looks) or else from the JDK itself.
java_major() {
    local major
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    [ "$major" = 1 ] && major=8 # 1.8.0_x
    [ -n "$major" ] || major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    echo "$major"
}

# Sets JAVA_HOME to a JDK >= 21: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
osprey_find_jdk() {
    local candidate major best="" best_major=0
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate")
        [ -n "$major" ] || continue
        if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best="$candidate"; break; fi
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
    done
    [ -n "$best" ] || osprey_die "no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm).
Install one, e.g.: sudo apt-get install openjdk-21-jdk-headless   (or set JAVA_HOME to a JDK >= 21)"
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
}

# The client holds rings of up to millions of packets: G1 evacuating them paused every thread, the UI's too, for
# 75-130 ms at 100k packets/s (./osprey bench ui); ZGC's pauses stay under a millisecond. Generational from JDK 21.
osprey_client_gc() {
    if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then echo "-XX:+UseZGC"; else echo "-XX:+UseZGC -XX:+ZGenerational"; fi
}

# Sets OSPREY_MVN to a Maven 3.9.x: cached in .mvn/tooling, else fetched by coordinates with the machine's mvn.
osprey_find_maven() {
    local dir="$OSPREY_ROOT/.mvn/tooling"
    OSPREY_MVN="$dir/apache-maven-$OSPREY_MAVEN_VERSION/bin/mvn"
    [ -x "$OSPREY_MVN" ] && return 0
    local system_mvn
    system_mvn=$(command -v mvn || true)
    if [ -z "$system_mvn" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "osprey: installing Debian's maven to bootstrap Maven $OSPREY_MAVEN_VERSION" >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >&2 || osprey_die "apt-get install maven failed"
            system_mvn=$(command -v mvn)
        else
            osprey_die "Maven is needed once to fetch Maven $OSPREY_MAVEN_VERSION. Run: sudo apt-get install maven"
        fi
    fi
    echo "osprey: fetching Maven $OSPREY_MAVEN_VERSION (org.apache.maven:apache-maven:$OSPREY_MAVEN_VERSION:tar.gz:bin) into .mvn/tooling" >&2
    mkdir -p "$dir"
    # run outside the repository: Maven 3.8 would otherwise load .mvn/extensions.xml (Tycho 5) and fail
    local scratch
    scratch=$(mktemp -d)
    (cd "$scratch" && "$system_mvn" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
        -Dartifact="org.apache.maven:apache-maven:$OSPREY_MAVEN_VERSION:tar.gz:bin" -DoutputDirectory="$dir" >&2) \
        || { rm -rf "$scratch"; osprey_die "could not fetch Maven $OSPREY_MAVEN_VERSION with $system_mvn (is Maven Central reachable?)"; }
    rm -rf "$scratch"
    [ -x "$OSPREY_MVN" ] || osprey_die "Maven $OSPREY_MAVEN_VERSION was fetched but $OSPREY_MVN is missing"
}
