#!/usr/bin/env python3
"""Stateful k-NN external detector for DistillBench (protocol v1) with numpy: the method of
the built-in `knn-stateful` detector (Sources/Detection/Detectors/StatefulKNNDetector.swift;
Chen, Carlini & Wagner, "Stateful Detection of Black-Box Adversarial Attacks", 2020), written
independently, for `--detector-features embedding`.

For each request: the shared hashed prompt embedding (sent as `embedding`) is folded to
`--dimension` coordinates by summing adjacent groups of D/dimension coordinates and
L2-normalised again (a zero vector stays zero). Each account keeps a FIFO buffer of its
`--buffer` most recent folded embeddings. Once it holds at least `--k` earlier ones, the query's
score is `threshold / max(mean distance to its k nearest, threshold * 1e-6)`; with fewer it is
not scored, only buffered. Scores are written in steps, as the Swift detector records them:
from 0.1 on, only when the score reaches 1.02 times the last score written for that account.

Arithmetic is float64 on the float32 values received; the Swift detector works in float32 with
‖q‖² + ‖g‖² − 2 q·g. Scores agree to about 1e-6 relative, except for near-duplicate queries
(mean distance below ~1e-2), where float32 cancellation in Swift makes small distances
imprecise; both sides then score far above the threshold.

    distillbench evaluate TRACE --detector-features embedding \\
        --detector-exec 'python3 examples/detectors/knn_stateful.py'
"""
import argparse
import json
import sys

import numpy as np


class Ring:
    """One account's most recent vectors, oldest overwritten first."""

    def __init__(self, capacity: int, dimension: int) -> None:
        self.data = np.zeros((min(capacity, 16), dimension))
        self.capacity = capacity
        self.count = 0
        self.oldest = 0

    def __len__(self) -> int:
        return self.count

    @property
    def vectors(self) -> np.ndarray:
        return self.data[: self.count]

    def append(self, vector: np.ndarray) -> None:
        if self.count < self.capacity:
            if self.count == len(self.data):
                grown = np.zeros((min(self.capacity, 2 * len(self.data)), self.data.shape[1]))
                grown[: self.count] = self.data
                self.data = grown
            self.data[self.count] = vector
            self.count += 1
        else:
            self.data[self.oldest] = vector
            self.oldest = (self.oldest + 1) % self.capacity


def fold(embedding: list[float], dimension: int) -> np.ndarray:
    shared = np.asarray(embedding, dtype=np.float64)
    if len(shared) % dimension:
        raise SystemExit(f"knn_stateful.py: --dimension {dimension} must divide the embedding dimension {len(shared)}")
    folded = shared.reshape(dimension, len(shared) // dimension).sum(axis=1)
    norm = np.sqrt(folded @ folded)
    return folded / norm if norm > 0 else folded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=50, help="nearest earlier queries averaged")
    parser.add_argument("--buffer", type=int, default=1000, help="earlier queries kept per account (FIFO)")
    parser.add_argument("--threshold", type=float, default=0.4634, help="mean k-NN distance that scores 1")
    parser.add_argument("--dimension", type=int, default=32, help="coordinates the distances use")
    args = parser.parse_args()
    if args.k > args.buffer:
        raise SystemExit(f"knn_stateful.py: k ({args.k}) must not exceed buffer ({args.buffer})")

    out = sys.stdout
    out.write(json.dumps({"name": "knn-stateful-py", "version": "1.0", "default_threshold": 1.0, "protocol": 1}) + "\n")
    out.flush()
    rings: dict[str, Ring] = {}
    next_step: dict[str, float] = {}
    for line in sys.stdin:
        request = json.loads(line)
        if "embedding" not in request:
            raise SystemExit("knn_stateful.py: no embedding in the input; run with --detector-features embedding")
        account = request["account"]
        query = fold(request["embedding"], args.dimension)
        ring = rings.setdefault(account, Ring(args.buffer, args.dimension))
        if len(ring) >= args.k:
            differences = ring.vectors - query
            squared = np.einsum("ij,ij->i", differences, differences)
            nearest = np.partition(squared, args.k - 1)[: args.k]
            distance = float(np.sqrt(nearest).mean())
            score = args.threshold / max(distance, args.threshold * 1e-6)
            if score >= next_step.get(account, 0.1):
                next_step[account] = score * 1.02
                out.write(json.dumps({"account": account, "ts": request["ts"], "score": score}) + "\n")
        ring.append(query)
    out.flush()


if __name__ == "__main__":
    main()
