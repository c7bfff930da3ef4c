#!/bin/sh
# One task of a DistillBench experiment on a batch scheduler (issue 12): the task's index, from
# Slurm's job array (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX),
# both counted from 0, becomes `--shard I/N` (counted from 1), and the partial results go to
# shared storage: $PARTIALS/part-I. Merge them all afterwards with
#     distillbench merge $PARTIALS/part-* --out RESULTS
# Usage: SHARDS=N PARTIALS=DIR [DISTILLBENCH=BIN] shard-task.sh EXPERIMENT.yaml
set -eu
experiment=${1:?usage: SHARDS=N PARTIALS=DIR shard-task.sh EXPERIMENT.yaml}
: "${SHARDS:?set SHARDS, the number of tasks}"
: "${PARTIALS:?set PARTIALS, a folder on shared storage}"
bin=${DISTILLBENCH:-distillbench}
if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
    index=$SLURM_ARRAY_TASK_ID
elif [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
    index=$JOB_COMPLETION_INDEX
else
    echo "shard-task.sh: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set" >&2
    exit 2
fi
shard=$((index + 1))
mkdir -p "$PARTIALS"
# The partial appears complete or not at all (written atomically); a task run again replaces it.
exec "$bin" run "$experiment" --shard "$shard/$SHARDS" --out "$PARTIALS/part-$shard" --force
