#!/bin/sh
# Regenerates Results/<scenario>/ for every shipped scenario: every detector, evaluation seeds
# 1,2,3, thresholds tuned on seed 11 (the `tuned` point), all in one command:
#     make results            (or: scripts/reference-results.sh [SCENARIO_NAME ...])
# Scales: every scenario at 1, except hydra-2026 (24 M requests per seed) at 0.1 and ladder at 0.5,
# so that the whole catalogue runs in about an hour on 2 cores. Re-running reproduces every
# file exactly, apart from throughput figures, peak memory and the machine in the manifest.
set -eu
BIN=${BIN:-.build/release/distillbench}
cd "$(dirname "$0")/.."
scale_of() {
    case "$1" in
        hydra-2026) echo 0.1 ;;
        ladder) echo 0.5 ;;
        *) echo 1 ;;
    esac
}
if [ "$#" -gt 0 ]; then names="$*"; else names=$(ls Scenarios/*.yaml | xargs -n1 basename | sed 's/\.yaml$//'); fi
for name in $names; do
    scale=$(scale_of "$name")
    echo "== $name (scale $scale)"
    start=$(date +%s)
    "$BIN" run "Scenarios/$name.yaml" --seeds 1,2,3 --tune-seeds 11 --detectors all --scale "$scale" \
        --out "Results/$name" > "/tmp/distillbench-results-$name.log"
    tail -n 1 "/tmp/distillbench-results-$name.log"
    echo "   $(( $(date +%s) - start )) s"
done
if [ "$#" -eq 0 ]; then
    echo "== published results (Results/published)"
    start=$(date +%s)
    "$BIN" reproduce window-mmd --out Results/published > /tmp/distillbench-results-published.log
    "$BIN" run Experiments/prada-synthetic-natural.yaml > /tmp/distillbench-results-prada.log
    echo "   $(( $(date +%s) - start )) s"
    # Experiments whose results keep only their summaries (Results/experiments/<name>/).
    for name in knn-queries-to-detection; do
        echo "== experiment $name (Results/experiments/$name)"
        start=$(date +%s)
        work=$(mktemp -d)
        "$BIN" run "Experiments/$name.yaml" --out "$work/$name" > "/tmp/distillbench-results-$name.log"
        mkdir -p "Results/experiments/$name"
        cp "$work/$name/summary.json" "$work/$name/leaderboard.md" "$work/$name/manifest.json" "Results/experiments/$name/"
        rm -rf "$work"
        echo "   $(( $(date +%s) - start )) s"
    done
fi
