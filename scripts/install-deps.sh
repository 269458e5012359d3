#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the benchmarks need.
# Idempotent and fast when everything is present: it asks dpkg first and calls apt only
# for what is missing.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libgl-dev
    # Qt6Charts' CMake package needs Qt6OpenGL's, which qt6-base-dev only recommends.
    libqt6opengl6-dev
    qtkeychain-qt6-dev
    libsimdjson-dev nlohmann-json3-dev libsqlite3-dev libcpp-httplib-dev libssl-dev
    # The client writes vector floats with Dragonbox (docs/decisions/0006-float-writer.md).
    libdragonbox-dev
    zlib1g-dev libbrotli-dev
    # The keychain tests: a private bus (dbus-run-session is in dbus-daemon, dbus-send in
    # dbus-bin), a real Secret Service, libsecret (QtKeychain loads it at run time).
    dbus dbus-daemon dbus-bin gnome-keyring libsecret-1-0 libsecret-tools
    qt6-qpa-plugins
    # Packaging (make package) and its tests: dpkg-shlibdeps for the DEB's Depends, the
    # desktop entry and AppStream validators, file and groff to check icons and man pages.
    dpkg-dev desktop-file-utils appstream file groff-base binutils
    # Quality gates (docs/decisions/0010-0012): clang and its libFuzzer runtime for make fuzz,
    # clang-tidy and cppcheck for make lint. The sanitizer build uses gcc's libasan/libubsan.
    clang-14 libclang-rt-14-dev clang-tidy-14 cppcheck
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
