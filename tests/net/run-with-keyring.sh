#!/usr/bin/env bash
# Runs a test against a real, throwaway Secret Service. ctest calls it inside a private D-Bus
# session bus:
#     dbus-run-session -- tests/net/run-with-keyring.sh <test binary> [args...]
# It starts gnome-keyring-daemon (secrets component only) on that bus with a fresh login
# keyring, unlocked with a fixed password, in a temporary home that is removed afterwards, so
# the test never sees the user's own keyring and leaves nothing behind.
set -euo pipefail

if (($# == 0)); then
    echo "usage: dbus-run-session -- $0 <test binary> [args...]" >&2
    exit 2
fi
if [[ -z ${DBUS_SESSION_BUS_ADDRESS:-} ]]; then
    echo "run-with-keyring: no D-Bus session bus; run me under dbus-run-session" >&2
    exit 2
fi
if ! command -v gnome-keyring-daemon >/dev/null; then
    echo "run-with-keyring: gnome-keyring-daemon is missing (scripts/install-deps.sh installs" \
         "gnome-keyring)" >&2
    exit 2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/mc-keyring.XXXXXX")
daemon_pid=""
cleanup() {
    if [[ -n $daemon_pid ]]; then
        kill "$daemon_pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# gnome-keyring keeps its keyrings under XDG_DATA_HOME and its sockets under
# XDG_RUNTIME_DIR: both point into the scratch folder.
export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# QtKeychain prefers KWallet on a KDE desktop; this bus has only the Secret Service.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION \
      KDE_SESSION_VERSION

# --unlock reads the password on stdin and creates the "login" keyring (the default
# collection) with it; --daemonize returns once the daemon owns org.freedesktop.secrets.
output=$(printf '%s' "mc-test-keyring-password" |
    gnome-keyring-daemon --unlock --components=secrets --daemonize)
while IFS= read -r line; do
    # It prints NAME=value lines (GNOME_KEYRING_CONTROL, ...) for the processes it serves.
    if [[ $line =~ ^[A-Z_][A-Z0-9_]*= ]]; then
        export "${line?}"
    fi
done <<<"$output"

# It registers on the bus just after --daemonize returns: wait for that (up to 10 s), so the
# test never triggers D-Bus activation of a second, locked daemon.
for _ in $(seq 100); do
    daemon_pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
        /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID \
        string:org.freedesktop.secrets 2>/dev/null | awk '{print $NF}') || daemon_pid=""
    [[ -n $daemon_pid ]] && break
    sleep 0.1
done
if [[ -z $daemon_pid ]]; then
    echo "run-with-keyring: gnome-keyring-daemon did not register org.freedesktop.secrets" >&2
    exit 2
fi

# Tests that need the real keychain run only when this is set, so running a test binary by
# hand on a desktop never touches the user's own keyring.
export MC_TEST_KEYRING=secret-service
set +e
"$@"
status=$?
set -e
exit "$status"
