#!/usr/bin/env bash
# Issue 12's engine cost: one experiment of 18 units (Experiments/bench-dask.yaml) three ways, on
# this machine — one process on two threads, one process on one thread, and two local Dask workers
# of one thread each (the distributed/ driver, one shard per scenario, handed to whichever worker
# is free) — with the wall time of each and the ratios the issue sets (Dask ≤ 1.1 × two threads,
# ≤ 0.6 × one thread). Also checks that the three results folders agree (timings aside). Needs a
# release build and dask[distributed]. SHARDS overrides the shard count (default: one per scenario);
# ROUNDS=3 repeats the whole, interleaved.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release/distillbench}
EXP=${EXP:-Experiments/bench-dask.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
timed() {  # label, command...
    local label=$1; shift
    local start end
    start=$(seconds)
    "$@" > "$work/$label.log" 2>&1 || { cat "$work/$label.log"; exit 1; }
    end=$(seconds)
    python3 -c "print(f'{$end - $start:.2f}')" > "$work/$label.time"
    echo "$label: $(cat "$work/$label.time") s"
}
SHARDS=${SHARDS:-$("$BIN" run "$EXP" --dry-run | grep -c ' at scale ')}
# ROUNDS=N repeats the three, interleaved, so that a shared machine's changing load falls on all
# of them alike; each round prints its ratios and the load.
for round in $(seq "${ROUNDS:-1}"); do
    rm -rf "$work/two" "$work/one" "$work/dask"
    echo "round $round: $(uptime | sed 's/.*load/load/')"
    timed two-threads "$BIN" run "$EXP" --threads 2 --out "$work/two"
    timed one-thread "$BIN" run "$EXP" --threads 1 --out "$work/one"
    timed dask-2x1 env PYTHONPATH=distributed python3 -m distillbench_dask "$EXP" --binary "$BIN" --workers 2 --shards "$SHARDS" \
        --shard-threads 1 --out "$work/dask"
    grep -E "^(cluster ready|shard|merged)" "$work/dask-2x1.log" | tr '\n' ';' | sed 's/;$/\n/'
python3 - "$work" "$SHARDS" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
t = {name: float((work / f"{name}.time").read_text()) for name in ("two-threads", "one-thread", "dask-2x1")}
print(f"{sys.argv[2]} shards; dask / two threads = {t['dask-2x1'] / t['two-threads']:.2f} (target ≤ 1.1); "
      f"dask / one thread = {t['dask-2x1'] / t['one-thread']:.2f} (target ≤ 0.6)")
sys.path.insert(0, "distributed/tests")
from test_cluster import without_timings
for other in ("one", "dask"):
    for name in ("summary.json", "manifest.json"):
        a = without_timings(json.loads((work / "two" / name).read_text()))
        b = without_timings(json.loads((work / other / name).read_text()))
        assert a == b, f"{other}/{name} differs from the two-thread run"
print("the three results folders agree (timings aside)")
PY
done
