# A post-reactor check of `./osprey test`: what a person without capture permission sees when the product starts.
# The client product runs as user nobody (no CAP_NET_RAW, no capabilities at all) on an Xvfb display of its own,
# asked for live capture as `./osprey run` does by default:
#   the "Live Capture Unavailable" dialog appears, and the log says why (the permission, and the setcap command);
#   Return (the dialog's default button, "Start Demo Mode") starts the demo, which the window's title labels DEMO,
#   and the client connects to the embedded agent over its WebSocket.
# Screenshots of the dialog and of the demo: releng/org.osprey.products/target/permission-test/*.png.
# Result: releng/org.osprey.products/target/surefire-reports/TEST-org.osprey.ui.session.CapturePermissionTest.xml.
#
# Sourced by ./osprey (osprey_find_jdk, OSPREY_ROOT); also runs on its own: releng/scripts/permission-test.sh
# Run as root, it switches to nobody with setpriv; run as another user, that user must lack the permission.

# shellcheck source=releng/scripts/script-checks.sh
. "$(dirname "${BASH_SOURCE[0]}")/script-checks.sh"

PERMISSION_DIALOG="Live Capture Unavailable"
PERMISSION_DEMO_TITLE="DEMO: generated traffic"

permission_test() {
    local root="$OSPREY_ROOT"
    local client_dir="$root/releng/org.osprey.products/target/products/org.osprey.client.product/linux/gtk/x86_64/osprey"
    local reports="$root/releng/org.osprey.products/target/surefire-reports"
    local work="$root/releng/org.osprey.products/target/permission-test"
    osprey_find_jdk
    rm -rf "$work"
    mkdir -p "$work"
    checks_begin org.osprey.ui.session.CapturePermissionTest
    [ -d "$client_dir" ] || { check_result "client product exists" "no client product in $client_dir"; checks_write_report "$reports"; return 1; }

    # a copy where nobody can read it (a checkout under /root is not) and write its configuration area
    local install
    install=$(mktemp -d /tmp/osprey-permission-test.XXXXXX)
    chmod 755 "$install"
    cp -r "$client_dir" "$install/osprey"
    mkdir -p "$install/home"
    local as_user=() who
    who=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        who=nobody
        chown -R nobody:nogroup "$install/home" "$install/osprey"
        as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all)
    fi

    local display xvfb
    display=$(permission_free_display) || { check_result "an X display" "no free display number"; checks_write_report "$reports"; return 1; }
    mkdir -p "$install/screen"
    Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp -fbdir "$install/screen" >"$work/xvfb.log" 2>&1 &
    xvfb=$!
    wait_until 10 test -e "/tmp/.X11-unix/X$display" || { check_result "an X display" "Xvfb :$display did not start (see $work/xvfb.log)"; kill "$xvfb" 2>/dev/null; checks_write_report "$reports"; return 1; }

    echo "osprey: permission test: the client product as $who on :$display, live capture asked for" >&2
    DISPLAY=":$display" HOME="$install/home" "${as_user[@]}" "$JAVA_HOME/bin/java" -Xmx1g \
        --enable-native-access=ALL-UNNAMED -Duser.home="$install/home" -Dosprey.home="$install/home/osprey" \
        -Dfelix.fileinstall.dir="$install/home/detectors" -Dosprey.embedded=live \
        -jar "$(ls "$install"/osprey/plugins/org.eclipse.equinox.launcher_*.jar | head -1)" \
        -consoleLog -clearPersistedState -data "$install/home/workspace" >"$work/client.log" 2>&1 &
    local client=$!

    permission_checks "$work" "$display" "$install/screen/Xvfb_screen0"

    kill "$client" 2>/dev/null || true
    wait "$client" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
    rm -rf "$install"
    echo "osprey: permission test: the client's log: $work/client.log" >&2
    checks_write_report "$reports"
}

permission_checks() {
    local work="$1" display="$2" screen="$3" dialog
    local log="$work/client.log"
    export DISPLAY=":$display"
    dialog=$(timeout 120 xdotool search --sync --name "$PERMISSION_DIALOG" 2>/dev/null | head -1)
    if [ -z "$dialog" ]; then
        check_result "the refusal is shown in a dialog" "no '$PERMISSION_DIALOG' window within 120 s (see $log)"
        return
    fi
    sleep 1 # painted
    permission_screenshot "$screen" "$work/live-capture-refused.png"
    check_result "the refusal is shown in a dialog" ""

    if wait_until 10 log_has "$log" "Starting live capture failed" && log_has "$log" "needs CAP_NET_RAW" \
        && log_has "$log" "setcap cap_net_raw,cap_net_admin=eip"; then
        check_result "it says why: the capture permission, and how to grant it" ""
    else
        check_result "it says why: the capture permission, and how to grant it" "no 'needs CAP_NET_RAW' and setcap advice in $log"
    fi

    xdotool windowfocus --sync "$dialog" 2>/dev/null
    xdotool key --clearmodifiers Return
    if wait_until 60 permission_window_named "$PERMISSION_DEMO_TITLE" \
        && wait_until 30 log_has "$log" "authenticated"; then
        sleep 2 # a few refreshes of the views
        permission_screenshot "$screen" "$work/demo-mode.png"
        check_result "Start Demo Mode streams the demo, labelled DEMO in the window's title" ""
    else
        permission_screenshot "$screen" "$work/demo-mode-missing.png"
        check_result "Start Demo Mode streams the demo, labelled DEMO in the window's title" \
            "no window titled '$PERMISSION_DEMO_TITLE' with a connected client within 90 s (see $log)"
    fi
}

permission_window_named() { [ -n "$(xdotool search --name "$1" 2>/dev/null)" ]; }

# The Xvfb frame buffer (XWD) as PNG.
permission_screenshot() {
    xwdtopnm "$1" 2>/dev/null | pnmtopng > "$2" 2>/dev/null || echo "osprey: permission test: no screenshot $2" >&2
}

permission_free_display() {
    local n
    for n in $(seq 140 180); do
        [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || { echo "$n"; return 0; }
    done
    return 1
}

# Run on its own: find the toolchain like ./osprey does.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -uo pipefail
    OSPREY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    # shellcheck source=releng/scripts/toolchain.sh
    . "$OSPREY_ROOT/releng/scripts/toolchain.sh"
    permission_test
fi
