"""Issue 12: the Slurm and Kubernetes files' per-task command, run locally with the index
variable each scheduler sets, then merged, gives the results of a single-process run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from test_cluster import BINARY, EXPERIMENT, ROOT, same_results


@unittest.skipUnless(os.path.exists(BINARY) and EXPERIMENT.exists(), "needs a built distillbench and the experiment")
class BatchFileTests(unittest.TestCase):
    def setUp(self):
        self.directory = Path(tempfile.mkdtemp(prefix="distillbench-batch-test-"))

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def run_tasks(self, variable: str, shards: int) -> Path:
        partials = self.directory / variable
        for index in range(shards):
            env = {**os.environ, "SHARDS": str(shards), "PARTIALS": str(partials), "DISTILLBENCH": BINARY, variable: str(index)}
            done = subprocess.run([str(ROOT / "distributed/shard-task.sh"), str(EXPERIMENT)], cwd=ROOT, env=env,
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
        out = self.directory / f"{variable}-results"
        parts = sorted(str(p) for p in partials.glob("part-*"))
        self.assertEqual(len(parts), shards)
        done = subprocess.run([BINARY, "merge", *parts, "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        return out

    def test_slurm_and_kubernetes_tasks_merge_into_the_single_run(self):
        single = self.directory / "single"
        done = subprocess.run([BINARY, "run", str(EXPERIMENT), "--out", str(single)], cwd=ROOT, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        same_results(self, single, self.run_tasks("SLURM_ARRAY_TASK_ID", 3))
        same_results(self, single, self.run_tasks("JOB_COMPLETION_INDEX", 2))

    def test_a_task_without_an_index_is_refused(self):
        env = {k: v for k, v in os.environ.items() if k not in ("SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX")}
        env.update(SHARDS="2", PARTIALS=str(self.directory / "p"))
        done = subprocess.run([str(ROOT / "distributed/shard-task.sh"), str(EXPERIMENT)], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 2)
        self.assertIn("neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX", done.stderr)


if __name__ == "__main__":
    unittest.main()
