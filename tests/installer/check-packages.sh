#!/usr/bin/env bash
# Checks the packages `cpack` wrote (the installer_cpack test runs it first).
# Usage: check-packages.sh CHECK PACKAGE_DIR VERSION APP_ID
#   CHECK is one of: deb-info deb-contents tgz-contents desktop-files deb-runs
#                    deb-dependencies deb-dependencies-selftest
# Each check prints what it looked at and ends with "ok" or "FAIL: reason" (exit 1).
set -euo pipefail

check=${1:?check} pkg_dir=${2:?package dir} version=${3:?version} app_id=${4:?app id}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null \
            || fail "$tool is missing: scripts/install-deps.sh installs it"
    done
}

need dpkg dpkg-deb tar
arch=$(dpkg --print-architecture)
deb=$pkg_dir/memory-console_${version}-1_${arch}.deb
[[ -f $deb ]] || fail "no package $deb (make package, or the installer_cpack test, writes it)"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/mc-installer.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# The files both packages must carry, relative to the install prefix; nothing more, nothing less.
expected_files() {
    echo bin/memory-console
    echo bin/memory-store
    echo "share/applications/$app_id.desktop"
    echo "share/metainfo/$app_id.metainfo.xml"
    echo "share/icons/hicolor/scalable/apps/$app_id.svg"
    for size in 16 22 24 32 48 64 128 256 512; do
        echo "share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
    echo share/man/man1/memory-console.1.gz
    echo share/man/man1/memory-store.1.gz
}

# Packages Qt loads as plugins at run time: no binary links them, so dpkg-shlibdeps cannot see
# them and Depends must name them by hand. libqt6svg6: the SVG icon engine for the window icon.
runtime_plugin_packages=(libqt6svg6)

unpack_deb() {
    dpkg-deb -x "$deb" "$scratch/root"
    root=$scratch/root
}

deb_field() {
    dpkg-deb --field "$deb" "$1"
}

# Package names in a Depends value, alternatives included, versions dropped.
depends_names() {
    tr ',|' '\n\n' <<<"$1" | sed -e 's/(.*)//' -e 's/:.*//' -e 's/[[:space:]]//g' | grep -v '^$'
}

# "BINARY SONAME PACKAGE" for every library a binary of the unpacked package asks for
# (NEEDED), PACKAGE being the Debian package that owns the file ldd resolves it to, or "-".
# One dpkg-query call for all paths: it reads the whole package database each time.
library_packages() {
    local root=$1 rows=() candidates=()
    for bin in "$root"/usr/bin/*; do
        local needed resolved
        needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }')
        [[ -n $needed ]] || fail "$bin names no libraries: not a dynamic executable?"
        resolved=$(ldd "$bin")
        for soname in $needed; do
            local path real
            # "libfoo.so.1 => /path (addr)", or for the dynamic loader (which a binary names
            # when it uses dynamic TLS, as -fPIC static libraries do) "/lib64/ld-linux... (addr)".
            path=$(awk -v so="$soname" '
                $1 == so && $2 == "=>" { print $3; exit }
                substr($1, 1, 1) == "/" && substr($1, length($1) - length(so)) == "/" so {
                    print $1; exit
                }' <<<"$resolved")
            [[ -n $path && $path != not ]] || path=-
            rows+=("$(basename "$bin") $soname $path")
            [[ $path != - ]] || continue
            # dpkg knows a file by the path its package ships, which with merged /usr may be
            # the /lib or the /usr/lib twin of what ldd prints.
            real=$(readlink -f "$path")
            for p in "$path" "$real"; do
                candidates+=("$p")
                case $p in
                /usr/lib/*) candidates+=("${p#/usr}") ;;
                /lib/*) candidates+=("/usr$p") ;;
                esac
            done
        done
    done
    local owners
    owners=$(dpkg-query -S "${candidates[@]}" 2>/dev/null || true)
    for row in "${rows[@]}"; do
        read -r bin soname path <<<"$row"
        local package=-
        if [[ $path != - ]]; then
            local real
            real=$(readlink -f "$path")
            for p in "$path" "$real" "${path#/usr}" "/usr$path" "${real#/usr}" "/usr$real"; do
                package=$(awk -v p="$p" \
                    '$NF == p { sub(/[:,].*/, "", $1); print $1; exit }' <<<"$owners")
                [[ -z $package ]] || break
            done
            [[ -n $package ]] || package=-
        fi
        echo "$bin $soname $package"
    done
}

# Every library a binary links must come from a package that Depends names; so must the
# plugin packages above. LIBRARY_TABLE is library_packages' output.
check_dependencies() {
    local table=$1 depends=$2 missing=() names
    names=$(depends_names "$depends")
    while read -r bin soname package; do
        if [[ $package == - ]]; then
            missing+=("$soname of $bin (no Debian package provides it here)")
        elif grep -qx -- "$package" <<<"$names"; then
            echo "  $bin: $soname -> $package"
        else
            missing+=("$soname of $bin (from $package)")
        fi
    done <<<"$table"
    for package in "${runtime_plugin_packages[@]}"; do
        grep -qx -- "$package" <<<"$names" || missing+=("Qt plugin package $package")
    done
    if ((${#missing[@]})); then
        echo "Depends: $depends" >&2
        fail "Depends does not cover: ${missing[*]}"
    fi
}

case $check in
deb-info)
    dpkg-deb --info "$deb"
    [[ $(deb_field Package) == memory-console ]] || fail "Package is not memory-console"
    [[ $(deb_field Version) == "$version-1" ]] || fail "Version is not $version-1"
    [[ $(deb_field Architecture) == "$arch" ]] || fail "Architecture is not $arch"
    [[ -n $(deb_field Maintainer) ]] || fail "no Maintainer"
    [[ -n $(deb_field Description) ]] || fail "no Description"
    depends=$(deb_field Depends)
    # Debian 12's Qt 6, QtKeychain and the libraries memory-store is built on.
    for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6svg6 \
        libqt6keychain1 libsimdjson14 libsqlite3-0 libcpp-httplib0.11 libssl3 libc6 libstdc++6; do
        depends_names "$depends" | grep -qx -- "$package" || fail "Depends lacks $package"
    done
    # Versions come from the shlibs files, so an install on an older Qt is refused.
    grep -Eq 'libqt6core6 \(>= 6\.[0-9]' <<<"$depends" || fail "libqt6core6 has no minimum version"
    ;;

deb-contents)
    dpkg-deb --contents "$deb"
    listing=$(dpkg-deb --contents "$deb")
    diff <(expected_files | sed 's|^|./usr/|' | sort) \
         <(awk '$1 !~ /^d/ { print $6 }' <<<"$listing" | sort) \
        || fail "files differ from the expected list (< expected, > in the package)"
    awk '$1 !~ /^d/ && $2 != "root/root" { bad = 1; print "not root-owned: " $6 }
         END { exit bad }' <<<"$listing" || fail "files must belong to root"
    for bin in memory-console memory-store; do
        grep -Eq "^-rwxr-xr-x .* \./usr/bin/$bin\$" <<<"$listing" || fail "$bin is not 0755"
    done
    awk '$1 !~ /^d/ && $6 !~ /^\.\/usr\/bin\// && $1 != "-rw-r--r--" { bad = 1; print $6 }
         END { exit bad }' <<<"$listing" || fail "data files must be 0644"
    ;;

tgz-contents)
    shopt -s nullglob
    tgzs=("$pkg_dir"/memory-console-"$version"-linux-*.tar.gz)
    ((${#tgzs[@]} == 1)) \
        || fail "expected one memory-console-$version-linux-*.tar.gz, found ${#tgzs[@]}"
    tgz=${tgzs[0]}
    top=$(basename "$tgz" .tar.gz)
    tar -tzvf "$tgz"
    diff <(expected_files | sed "s|^|$top/|" | sort) <(tar -tzf "$tgz" | grep -v '/$' | sort) \
        || fail "files differ from the expected list (< expected, > in the archive)"
    ;;

desktop-files)
    need desktop-file-validate appstreamcli file groff zcat
    unpack_deb
    desktop=$root/usr/share/applications/$app_id.desktop
    metainfo=$root/usr/share/metainfo/$app_id.metainfo.xml
    desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $app_id.desktop"
    # --no-net: no URL checks, so the result does not depend on the network.
    appstreamcli validate --no-net "$metainfo" || fail "appstreamcli rejects the metainfo"
    grep -qx "Icon=$app_id" "$desktop" || fail "Icon= is not $app_id"
    grep -qx "Exec=memory-console" "$desktop" || fail "Exec= is not memory-console"
    grep -q "<id>$app_id</id>" "$metainfo" || fail "metainfo id is not $app_id"
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
        || fail "metainfo does not launch $app_id.desktop"
    grep -q "<release version=\"$version\"" "$metainfo" || fail "metainfo has no release $version"
    for size in 16 22 24 32 48 64 128 256 512; do
        png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
        file "$png" | grep -q "PNG image data, $size x $size," || fail "$png is not a ${size}px PNG"
    done
    svg=$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg
    file "$svg" | grep -q "SVG" || fail "$svg is not an SVG"
    for page in memory-console memory-store; do
        gz=$root/usr/share/man/man1/$page.1.gz
        file "$gz" | grep -q "gzip compressed" || fail "$page.1.gz is not gzip'd"
        zcat "$gz" | grep -q "Memory Console $version" || fail "$page.1 does not name $version"
        warnings=$(zcat "$gz" | groff -man -Tutf8 -ww -z 2>&1)
        [[ -z $warnings ]] || fail "groff warns about $page.1: $warnings"
    done
    echo "desktop entry, metainfo, icons and man pages: ok"
    ;;

deb-runs)
    need ldd objdump
    unpack_deb
    for bin in memory-console memory-store; do
        exe=$root/usr/bin/$bin
        # The package's binaries must find everything in the system, not in the build tree.
        ! objdump -p "$exe" | grep -Eq '^ +(RPATH|RUNPATH) ' || fail "$bin carries an RPATH"
        ! ldd "$exe" | grep -q 'not found' || { ldd "$exe"; fail "$bin misses libraries"; }
    done
    # No display, no platform override, a scratch home: --version and --help must still work.
    run() {
        env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 "$@"
    }
    out=$(run "$root/usr/bin/memory-console" --version) || fail "memory-console --version failed"
    echo "$out"
    [[ $out == "memory-console $version" ]] || fail "memory-console --version printed '$out'"
    out=$(run "$root/usr/bin/memory-console" --help) || fail "memory-console --help failed"
    grep -q -- '--data-dir' <<<"$out" || fail "memory-console --help lacks --data-dir"
    out=$(run "$root/usr/bin/memory-store" --version) || fail "memory-store --version failed"
    echo "$out"
    [[ $out == "memory-store $version "* ]] || fail "memory-store --version printed '$out'"
    out=$(run "$root/usr/bin/memory-store" --help) || fail "memory-store --help failed"
    grep -q -- '--api-key' <<<"$out" || fail "memory-store --help lacks --api-key"

    # The unpacked server starts and listens, then stops cleanly on SIGTERM. env execs the
    # server, so $! is the server itself; the trap makes sure no server outlives the test.
    mkfifo "$scratch/out"
    env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 \
        "$root/usr/bin/memory-store" --port 0 --data "$scratch/data" >"$scratch/out" 2>&1 &
    server=$!
    trap 'kill -KILL "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
    read -r -t 20 line <"$scratch/out" || fail "memory-store did not start"
    echo "$line"
    kill -TERM "$server"
    wait "$server" || fail "memory-store did not stop cleanly on SIGTERM"
    [[ $line == "listening on http://127.0.0.1:"* ]] || fail "memory-store said '$line'"
    echo "both programs run from the unpacked package: ok"
    ;;

deb-dependencies)
    need ldd objdump dpkg-query
    unpack_deb
    table=$(library_packages "$root")
    check_dependencies "$table" "$(deb_field Depends)"
    echo "every linked library and runtime plugin is covered by Depends: ok"
    ;;

deb-dependencies-selftest)
    # The check above must catch a dependency that goes missing: drop one and expect a failure.
    need ldd objdump dpkg-query
    unpack_deb
    table=$(library_packages "$root")
    depends=$(deb_field Depends)
    for drop in libsimdjson14 libqt6widgets6 libqt6svg6; do
        trimmed=$(tr ',' '\n' <<<"$depends" | grep -v "^ *$drop\b" | paste -sd, -)
        if out=$( (check_dependencies "$table" "$trimmed") 2>&1); then
            fail "the dependency check passed without $drop"
        fi
        grep -q "FAIL: .*$drop" <<<"$out" || fail "the failure without $drop does not name it: $out"
        echo "without $drop: $(grep FAIL <<<"$out")"
    done
    echo "the dependency check catches a missing runtime dependency: ok"
    ;;

*)
    fail "unknown check $check"
    ;;
esac
