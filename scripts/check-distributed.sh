#!/usr/bin/env bash
# `make test`, after the Swift tests: the scale-out tests (issue 12) — a real Dask cluster
# (`dask scheduler` and two `dask worker` processes on localhost) and the Slurm / Kubernetes
# per-task command — against the debug build. Without dask it says so and exits 0, unless
# DISTRIBUTED_CHECK_REQUIRED=1 (CI), where a skip is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import distributed' 2>/dev/null; then
    echo "distributed check: SKIPPED (dask not installed; install with: pip install -r requirements.txt)"
    [ "${DISTRIBUTED_CHECK_REQUIRED:-0}" = 1 ] && { echo "distributed check: DISTRIBUTED_CHECK_REQUIRED=1, so a skip is a failure" >&2; exit 1; }
    exit 0
fi
echo "== distributed check: a Dask cluster on localhost, and the Slurm / Kubernetes task command =="
DISTILLBENCH=${DISTILLBENCH:-$PWD/.build/debug/distillbench} python3 -m unittest discover -s distributed/tests -v
