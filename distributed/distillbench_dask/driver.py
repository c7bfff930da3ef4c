"""Submit the shards of a DistillBench experiment to a Dask cluster, gather the partials, merge.

Each shard is one `distillbench run EXPERIMENT --shard I/N --out PART` on a worker: a pure
function of the experiment, so a shard that fails (or whose worker is lost) is simply run again,
up to --retries times. The worker sends its partial folder back as a tar archive, so workers need
no storage shared with the driver — only the binary, the experiment and its scenario files at the
same paths (the same checkout). `distillbench merge` then writes exactly the folder one `run`
would have written.

    python -m distillbench_dask Experiments/quickstart-grid.yaml --out Results/quickstart-grid
    python -m distillbench_dask EXP --scheduler tcp://10.0.0.5:8786 --shards 16 --retries 3
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path


# One shard on a worker, as a shell command: the partial folder comes back on standard output as
# a tar archive. The task is `subprocess.check_output` itself, which every worker can import, so
# workers need Dask and the binary, not this package; a non-zero exit raises, and Dask retries.
SHARD_SCRIPT = r'''set -e
work=$(mktemp -d "${TMPDIR:-/tmp}/distillbench-shard-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$0" run "$1" --shard "$2" --threads "$4" --out "$work/part-$3" >&2
tar -C "$work" -cf - "part-$3"
'''


def shard_command(binary: str, experiment: str, index: int, count: int, threads: int) -> list[str]:
    """The worker's command for shard `index` of `count`, on `threads` threads."""
    return ["sh", "-c", SHARD_SCRIPT, binary, experiment, f"{index}/{count}", str(index), str(threads)]


def failure(error: BaseException, index: int, count: int) -> str:
    """A failed shard in one line: the command's last error line when there is one."""
    stderr = getattr(error, "stderr", None)
    if isinstance(stderr, bytes):
        lines = [line for line in stderr.decode(errors="replace").splitlines() if line.strip()]
        if lines:
            return lines[-1]
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def unpack(archive: bytes, into: Path) -> Path:
    """Unpacks a shard's archive under `into`, refusing members outside it."""
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r") as tar:
        names = tar.getnames()
        top = {name.split("/", 1)[0] for name in names}
        if len(top) != 1 or any(name.startswith("/") or ".." in Path(name).parts for name in names):
            raise RuntimeError("a shard archive holds unexpected paths")
        tar.extractall(into, filter="data")
    return into / top.pop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="distillbench-dask", description=__doc__.split("\n\n")[0])
    parser.add_argument("experiment", help="the experiment file (YAML), at the same path on every worker")
    parser.add_argument("--out", required=True, help="the merged results folder")
    parser.add_argument("--scheduler", help="a Dask scheduler address (default: a LocalCluster on this machine)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers (one thread each)")
    parser.add_argument("--shards", type=int, help="shares of the experiment (default: one per worker thread)")
    parser.add_argument("--shard-threads", type=int, default=1,
                        help="threads of each shard's distillbench (match the workers' threads per task)")
    parser.add_argument("--retries", type=int, default=2, help="runs again a failed shard at most this many times")
    parser.add_argument("--binary", default=os.environ.get("DISTILLBENCH", ".build/release/distillbench"),
                        help="the distillbench binary, at the same path on every worker")
    parser.add_argument("--force", action="store_true", help="passed to merge: replace --out")
    args = parser.parse_args(argv)

    started = time.monotonic()
    from dask.distributed import Client, LocalCluster, as_completed

    binary = str(Path(args.binary).resolve()) if os.path.exists(args.binary) else args.binary
    experiment = str(Path(args.experiment).resolve())
    cwd = os.getcwd()
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        # Workers in this process: each task is a subprocess already, so nothing contends for the GIL,
        # and the cluster starts in a fraction of a second instead of spawning interpreters. Without
        # a dashboard, the workers' stack profiler (every 10 ms) and the system and GIL monitors
        # only take CPU from the shards: about a third of the driver's while it waits (measured).
        import dask
        dask.config.set({"distributed.worker.profile.enabled": False, "distributed.admin.system-monitor.interval": "2s",
                         "distributed.admin.system-monitor.gil.enabled": False})
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=False, dashboard_address=None)
        client = Client(cluster)
    try:
        print(f"cluster ready after {time.monotonic() - started:.2f} s", flush=True)
        threads = sum(worker["nthreads"] for worker in client.scheduler_info()["workers"].values()) or 1
        count = args.shards or threads
        if count < 1:
            print("error: --shards must be at least 1", file=sys.stderr)
            return 2
        futures = {
            client.submit(subprocess.check_output, shard_command(binary, experiment, index, count, args.shard_threads), cwd=cwd,
                          stderr=subprocess.PIPE, key=f"distillbench-shard-{index}-of-{count}", retries=args.retries,
                          pure=False): index
            for index in range(1, count + 1)
        }
        work = Path(tempfile.mkdtemp(prefix="distillbench-partials-"))
        try:
            parts: dict[int, Path] = {}
            failed: dict[int, str] = {}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    parts[index] = unpack(future.result(), work)
                    print(f"shard {index}/{count} done at {time.monotonic() - started:.2f} s", flush=True)
                except Exception as error:  # reported by shard, after Dask's retries
                    failed[index] = failure(error, index, count)
            if failed:
                for index in sorted(failed):
                    print(f"error: shard {index}/{count} failed after {args.retries} retries: {failed[index]}", file=sys.stderr)
                return 1
            command = [binary, "merge", *[str(parts[i]) for i in sorted(parts)], "--out", args.out]
            if args.force:
                command.append("--force")
            merging = time.monotonic()
            merged = subprocess.run(command, cwd=cwd)
            print(f"merged in {time.monotonic() - merging:.2f} s", flush=True)
            return merged.returncode
        finally:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    raise SystemExit(main())
