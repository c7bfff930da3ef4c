#!/usr/bin/env bash
# Issue 10's reading benchmark, side by side in one run: `distillbench evaluate --detectors volume`
# on a realistic-mix trace of about 1 M requests (generated once into traces/), a plain Python
# json.loads loop summing tokens per account, and DuckDB's read_json doing the same.
# Medians of REPEATS (default 3) wall-clock runs. Needs `pip install -r scripts/bench/requirements.txt`.
# BASELINE=path/to/an/older/distillbench adds that binary, run interleaved with this one.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.build/release/distillbench
TRACE=traces/realistic-mix-0.1
REPEATS=${REPEATS:-3}
[ -f "$TRACE/requests.jsonl" ] || $BIN generate Scenarios/realistic-mix.yaml --seed 1 --scale 0.1 --out "$TRACE" --force
REQUESTS=$(wc -l < "$TRACE/requests.jsonl")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
run() { for _ in $(seq "$REPEATS"); do time_of "$@"; done | median; }
echo "trace: $TRACE, $REQUESTS requests, $(du -h "$TRACE/requests.jsonl" | cut -f1), $(nproc) cores; medians of $REPEATS"
# Interleaved (this binary, then the baseline, REPEATS times) so that load affects both alike.
ours_runs=() base_runs=()
for _ in $(seq "$REPEATS"); do
    ours_runs+=("$(time_of $BIN evaluate "$TRACE" --detectors volume --out "$OUT/results" --force)")
    [ -z "${BASELINE:-}" ] || base_runs+=("$(time_of "$BASELINE" evaluate "$TRACE" --detectors volume --out "$OUT/baseline" --force)")
done
ours=$(printf '%s\n' "${ours_runs[@]}" | median)
if [ -n "${BASELINE:-}" ]; then
    base=$(printf '%s\n' "${base_runs[@]}" | median)
    awk -v n="$REQUESTS" -v b="$base" -v bin="$BASELINE" 'BEGIN {
        printf "baseline %-32s  %6.2f s  %9.0f requests/s\n", bin, b, n / b }'
fi
python=$(run python3 scripts/bench/tokens_per_account.py "$TRACE/requests.jsonl")
duck=$(run python3 scripts/bench/tokens_per_account_duckdb.py "$TRACE/requests.jsonl")
grep -h peak_memory_mib "$OUT/results/summary.json" ${BASELINE:+"$OUT/baseline/summary.json"} || true
awk -v n="$REQUESTS" -v o="$ours" -v p="$python" -v d="$duck" 'BEGIN {
    printf "distillbench evaluate --detectors volume  %6.2f s  %9.0f requests/s\n", o, n / o
    printf "python json.loads loop                    %6.2f s  %9.0f requests/s  (distillbench %.1fx faster)\n", p, n / p, p / o
    printf "duckdb read_json + group by               %6.2f s  %9.0f requests/s  (distillbench %.2fx its speed)\n", d, n / d, d / o
}'
