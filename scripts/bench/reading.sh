#!/usr/bin/env bash
# Issue 10's reading benchmark, side by side in one run: `distillbench evaluate --detectors volume`
# on a realistic-mix trace of about 1 M requests (generated once into traces/), a plain Python
# json.loads loop summing tokens per account, and DuckDB's read_json doing the same.
# Medians of REPEATS (default 3) runs, interleaved: wall-clock and CPU (user + system) seconds.
# Needs `pip install -r scripts/bench/requirements.txt`.
# BASELINE=path/to/an/older/distillbench adds that binary, run interleaved with this one.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.build/release/distillbench
TRACE=traces/realistic-mix-0.1
REPEATS=${REPEATS:-3}
[ -f "$TRACE/requests.jsonl" ] || $BIN generate Scenarios/realistic-mix.yaml --seed 1 --scale 0.1 --out "$TRACE" --force
REQUESTS=$(wc -l < "$TRACE/requests.jsonl")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# One timed run of "$@" under the name $1: wall seconds and CPU seconds (user + system) appended
# to $OUT/$1.wall and $OUT/$1.cpu.
time_of() {
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$OUT/time" "$@" > /dev/null
    read -r wall user system < <(tail -1 "$OUT/time")
    echo "$wall" >> "$OUT/$name.wall"
    echo "$user + $system" | bc >> "$OUT/$name.cpu"
}
echo "trace: $TRACE, $REQUESTS requests, $(du -h "$TRACE/requests.jsonl" | cut -f1), $(nproc) cores; medians of $REPEATS"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Interleaved, round after round, so that load from other processes affects every contender alike.
for _ in $(seq "$REPEATS"); do
    time_of ours $BIN evaluate "$TRACE" --detectors volume --out "$OUT/results" --force
    [ -z "${BASELINE:-}" ] || time_of baseline "$BASELINE" evaluate "$TRACE" --detectors volume --out "$OUT/baseline" --force
    time_of python python3 scripts/bench/tokens_per_account.py "$TRACE/requests.jsonl"
    time_of duckdb python3 scripts/bench/tokens_per_account_duckdb.py "$TRACE/requests.jsonl"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h peak_memory_mib "$OUT/results/summary.json" ${BASELINE:+"$OUT/baseline/summary.json"} | sed 's/^ */peak memory (this, baseline): /' || true
row() {
    local wall cpu
    wall=$(median < "$OUT/$1.wall")
    cpu=$(median < "$OUT/$1.cpu")
    awk -v n="$REQUESTS" -v w="$wall" -v c="$cpu" -v label="$2" -v o="$(median < "$OUT/ours.wall")" 'BEGIN {
        printf "%-44s %6.2f s  %9.0f requests/s  CPU %5.2f s  (this distillbench: %.2fx its speed)\n", label, w, n / w, c, w / o }'
}
row ours "distillbench evaluate --detectors volume"
[ -z "${BASELINE:-}" ] || row baseline "baseline $(basename "$(dirname "$(dirname "$BASELINE")")")/$(basename "$BASELINE")"
row python "python json.loads loop"
row duckdb "duckdb read_json + group by"
