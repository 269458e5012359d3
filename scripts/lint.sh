#!/usr/bin/env bash
# `make lint`: clang-tidy (.clang-tidy) and cppcheck (tests/lint/) on our own sources; fails on
# any finding. Usage: scripts/lint.sh [BUILD_DIR] (default build-lint). LINT_TOOLS=tidy or
# cppcheck runs one of the two; LINT_FILES=REGEX narrows clang-tidy to matching .cpp paths.
# clang-tidy runs on the product's units (app ui models net server) and cppcheck on those and
# the tests'; LINT_SCOPE=all runs clang-tidy on the tests' too (~1.7x the time: CI's budget
# holds the product's, docs/decisions/0012-static-analysis.md).
# Why these checks, and what it costs: docs/decisions/0012-static-analysis.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath -m "${1:-$root/build-lint}")
jobs=${JOBS:-$(nproc)}
tools=${LINT_TOOLS:-tidy cppcheck}
# Our source folders; anchored at the checkout so build-*/ (and moc output in it) never match.
ours="^$root/(app|ui|models|net|server|tests)/"
product="^$root/(app|ui|models|net|server)/"
tidyUnits=$([[ ${LINT_SCOPE:-product} == all ]] && echo "$ours" || echo "$product")

# compile_commands.json for clang-tidy, from a build dir of its own (configure only).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMC_WERROR=OFF \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null

# The moc output the sources include (`#include "tst_x.moc"`, moc_*.cpp), from each target's
# *_autogen step. Run directly: with Ninja, `ninja X_autogen` first builds every library X
# links (the autogen timestamp depends on them), i.e. the whole tree. The targets of today's
# build.ninja only: a target since moved or removed leaves its AutogenInfo.json behind.
grep -o '[^ ]*/CMakeFiles/[^ /]*_autogen\.dir/AutogenInfo\.json' "$build/build.ninja" |
    sort -u | tr '\n' '\0' |
    xargs -0 -P "$jobs" -I{} sh -c \
        'cd "$(dirname "$(dirname "$(dirname "$1")")")" && cmake -E cmake_autogen "$1" Debug' \
        sh {} >/dev/null

status=0
if [[ " $tools " == *" tidy "* ]]; then
    echo "lint: clang-tidy on $(grep -Ec "\"file\": \"${tidyUnits#^}.*\.cpp\"" \
        "$build/compile_commands.json") compile commands, -j$jobs"
    # The static analyzer in shallow mode: a third of deep mode's time on our TUs (0012).
    run-clang-tidy-14 -p "$build" -j "$jobs" -quiet -header-filter "$ours" \
        -extra-arg=-Xclang -extra-arg=-analyzer-config -extra-arg=-Xclang \
        -extra-arg=mode=shallow \
        "${LINT_FILES:-$tidyUnits.*\.cpp$}" > "$build/clang-tidy.log" 2>&1 || status=1
    # One line per finding (a header's is reported by every unit that includes it).
    sed 's/\x1b\[[0-9;]*m//g' "$build/clang-tidy.log" | grep -E '^/.*: (warning|error): ' |
        sort -u || true
    echo "lint: clang-tidy $( ((status)) && echo FAILED || echo clean) (log: $build/clang-tidy.log)"
fi
if [[ " $tools " == *" cppcheck "* ]]; then
    # The same translation units as clang-tidy, without the moc output's include dirs (a .moc
    # #errors out when Qt's headers are not parsed; --library=qt stands in for them).
    python3 - "$build/compile_commands.json" "$build/cppcheck-project.json" "$ours" <<'PY'
import json, re, sys
db, out, ours = json.load(open(sys.argv[1])), sys.argv[2], re.compile(sys.argv[3])
keep = []
for e in db:
    if ours.match(e['file']) and e['file'].endswith('.cpp'):
        e['command'] = re.sub(r' -I\S*_autogen/include\S*', '', e['command'])
        keep.append(e)
json.dump(keep, open(out, 'w'), indent=1)
PY
    mkdir -p "$build/cppcheck"
    echo "lint: cppcheck on $(grep -c '"file"' "$build/cppcheck-project.json") files, -j$jobs"
    cppcheck --project="$build/cppcheck-project.json" --cppcheck-build-dir="$build/cppcheck" \
        --library=qt --library="$root/tests/lint/memoryconsole.cfg" --std=c++20 \
        --enable=warning,style,performance,portability \
        --inline-suppr --suppressions-list="$root/tests/lint/cppcheck-suppressions.txt" \
        --error-exitcode=1 --quiet -j "$jobs" \
        --template='{file}:{line}:{column}: {severity}: {message} [{id}]' || status=1
    echo "lint: cppcheck $( ((status)) && echo FAILED || echo clean)"
fi
exit $status
