"""Issue 12: an experiment through a real Dask cluster — a `dask scheduler` and two `dask worker`
processes on localhost (started as `python -m distributed.cli.dask_scheduler` / `dask_worker`, the
modules behind the `dask` command, so no console script on PATH is needed) — merges into exactly the results of a single-process `distillbench run`
(timings aside); a lost worker does not lose the experiment; a failing shard is reported by shard.

Run: python3 -m unittest discover -s distributed/tests   (needs dask[distributed] and a built binary)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "distributed"))
BINARY = os.environ.get("DISTILLBENCH", str(ROOT / ".build/debug/distillbench"))
EXPERIMENT = ROOT / "Experiments/quickstart-grid.yaml"
TIMING_KEYS = {"throughput_rps", "pipe_throughput_rps", "peak_memory_mib", "machine"}


def without_timings(value):
    """A JSON value with the timing-like keys (throughput, memory, machine) removed."""
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def same_results(test: unittest.TestCase, a: Path, b: Path) -> None:
    """Every file of two results folders is identical, JSON compared without timings."""
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    test.assertEqual(files_a, files_b)
    for name in files_a:
        if name.suffix == ".json":
            test.assertEqual(without_timings(json.loads((a / name).read_text())),
                             without_timings(json.loads((b / name).read_text())), str(name))
        elif name.name in ("leaderboard.csv", "leaderboard.md", "report.html"):
            continue  # throughput columns and the page built from them
        else:
            test.assertEqual((a / name).read_bytes(), (b / name).read_bytes(), str(name))


class Cluster:
    """`dask scheduler` and `workers` × `dask worker --nthreads 1` on localhost."""

    def __init__(self, workers: int, directory: Path):
        self.file = directory / "scheduler.json"
        self.processes: list[subprocess.Popen] = []
        self.log = log = open(directory / "cluster.log", "w")
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(self.file)],
            stdout=log, stderr=log, start_new_session=True))
        deadline = time.time() + 60
        while not self.file.exists() and time.time() < deadline:
            time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]
        self.workers = [subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1"],
            stdout=log, stderr=log, start_new_session=True) for _ in range(workers)]
        self.processes += self.workers
        from dask.distributed import Client
        with Client(self.address) as client:
            client.wait_for_workers(workers, timeout=60)

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.log.close()


@unittest.skipUnless(os.path.exists(BINARY) and EXPERIMENT.exists(), "needs a built distillbench")
class DaskClusterTests(unittest.TestCase):
    def setUp(self):
        self.directory = Path(tempfile.mkdtemp(prefix="distillbench-dask-test-"))
        self.cluster = Cluster(2, self.directory)

    def tearDown(self):
        self.cluster.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def driver(self, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "distillbench_dask", str(EXPERIMENT), "--binary", BINARY,
             "--scheduler", self.cluster.address, *arguments],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "distributed")}, capture_output=True, text=True, timeout=900)

    def single(self) -> Path:
        out = self.directory / "single"
        done = subprocess.run([BINARY, "run", str(EXPERIMENT), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        return out

    def test_merged_results_equal_a_single_process_run(self):
        out = self.directory / "merged"
        done = self.driver("--out", str(out), "--shards", "4")
        self.assertEqual(done.returncode, 0, done.stderr)
        same_results(self, self.single(), out)

    def test_a_lost_worker_does_not_lose_the_experiment(self):
        out = self.directory / "merged"
        driver = subprocess.Popen(
            [sys.executable, "-m", "distillbench_dask", str(EXPERIMENT), "--binary", BINARY,
             "--scheduler", self.cluster.address, "--out", str(out), "--shards", "6"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "distributed")},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Kill one worker (and the shard it runs) once the first shard is done (the driver first
        # says when the cluster is ready).
        first = driver.stdout.readline()
        while first and "done" not in first:
            first = driver.stdout.readline()
        self.assertIn("done", first)
        os.killpg(self.cluster.workers[0].pid, signal.SIGKILL)
        stdout, stderr = driver.communicate(timeout=900)
        self.assertEqual(driver.returncode, 0, stderr)
        same_results(self, self.single(), out)

    def test_a_failing_shard_is_reported_by_shard(self):
        broken = self.directory / "broken"
        done = subprocess.run(
            [sys.executable, "-m", "distillbench_dask", str(EXPERIMENT), "--binary", str(broken),
             "--scheduler", self.cluster.address, "--out", str(self.directory / "never"), "--shards", "2", "--retries", "1"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "distributed")}, capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 1)
        self.assertIn("shard 1/2 failed after 1 retries", done.stderr)
        self.assertIn("shard 2/2 failed after 1 retries", done.stderr)
        self.assertFalse((self.directory / "never").exists())


if __name__ == "__main__":
    unittest.main()
