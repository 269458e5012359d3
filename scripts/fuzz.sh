#!/usr/bin/env bash
# make fuzz: runs every libFuzzer target of tests/fuzz at once for SECONDS (wall time), each on
# its own working copy of its seed corpus (BUILD_FUZZ/fuzz-corpus/<target>, kept between runs
# so that coverage grows; the checked-in corpus is never written), with crashes written to
# BUILD_FUZZ/crashes/<target>/. A target that crashes is started again for the time left.
# Prints a table, writes the figures to OUT as JSON, and fails when any target crashed.
# Usage: scripts/fuzz.sh BUILD_FUZZ SECONDS OUT.json
set -u
build=$1
seconds=$2
out=$3
src=$(cd "$(dirname "$0")/.." && pwd)
targets="fuzz_store_filter fuzz_filter_tree fuzz_import_jsonl fuzz_import_csv
         fuzz_import_jsonarray fuzz_store_requests fuzz_vector_text"

load_before=$(cut -d' ' -f1 /proc/loadavg)
started=$(date +%s)
for t in $targets; do
    bin=$build/tests/fuzz/$t
    [ -x "$bin" ] || { echo "fuzz: $bin is missing (build the fuzz_targets target)" >&2; exit 2; }
    mkdir -p "$build/fuzz-corpus/$t" "$build/crashes/$t" "$build/fuzz-logs" "$build/fuzz-tmp/$t"
    cp -n "$src/tests/fuzz/corpus/$t/"* "$build/fuzz-corpus/$t/"
    rm -f "$build/fuzz-logs/$t".*.log
    dict=()
    [ -f "$src/tests/fuzz/dict/$t.dict" ] && dict=(-dict="$src/tests/fuzz/dict/$t.dict")
    (
        run=0
        while :; do
            left=$((started + seconds - $(date +%s)))
            [ "$left" -ge 5 ] || break
            run=$((run + 1))
            # Temporary files of the target (import inputs) stay inside the build folder.
            TMPDIR=$build/fuzz-tmp/$t "$bin" -max_total_time="$left" -timeout=20 \
                -rss_limit_mb=2048 -print_final_stats=1 \
                -artifact_prefix="$build/crashes/$t/" "${dict[@]}" \
                "$build/fuzz-corpus/$t" > "$build/fuzz-logs/$t.$run.log" 2>&1 && break
            [ "$run" -lt 50 ] || break
        done
    ) &
done
wait
elapsed=$(( $(date +%s) - started ))
load_after=$(cut -d' ' -f1 /proc/loadavg)

mkdir -p "$(dirname "$out")"
total_crashes=0
{
    printf '{\n  "fuzz_seconds": %d,\n  "load_average_start": %s,\n  "load_average_end": %s,\n' \
        "$elapsed" "$load_before" "$load_after"
    printf '  "targets": {\n'
} > "$out.tmp"
printf '%-22s %8s %12s %8s %8s %8s\n' target seconds executions exec/s corpus crashes
first=1
for t in $targets; do
    execs=$(cat "$build/fuzz-logs/$t".*.log 2>/dev/null \
        | awk '/stat::number_of_executed_units:/ { n += $2 } END { print n + 0 }')
    corpus=$(find "$build/fuzz-corpus/$t" -type f | wc -l)
    crashes=$(find "$build/crashes/$t" -type f -newermt "@$started" | wc -l)
    total_crashes=$((total_crashes + crashes))
    rate=$(awk -v e="$execs" -v s="$elapsed" 'BEGIN { printf "%.0f", (s > 0 ? e / s : 0) }')
    printf '%-22s %8d %12d %8d %8d %8d\n' "$t" "$elapsed" "$execs" "$rate" "$corpus" "$crashes"
    [ $first -eq 1 ] || printf ',\n' >> "$out.tmp"
    first=0
    printf '    "%s": {"seconds": %d, "executions": %d, "exec_per_sec": %d, "corpus": %d, "crashes": %d}' \
        "$t" "$elapsed" "$execs" "$rate" "$corpus" "$crashes" >> "$out.tmp"
done
printf '\n  },\n  "crashes": %d\n}\n' "$total_crashes" >> "$out.tmp"
mv "$out.tmp" "$out"
echo "load average: $load_before at the start, $load_after at the end; figures in $out"
if [ "$total_crashes" -gt 0 ]; then
    echo "fuzz: crashes in $build/crashes/ (add each to tests/data/fuzz-regressions/<target>/)" >&2
    exit 1
fi
