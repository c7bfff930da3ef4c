#!/usr/bin/env python3
"""Reference ranking metrics for Tests/EvaluationTests, computed independently with scikit-learn.

Usage:
  python3 scripts/audit_reference.py            prints the Swift constants pasted into
                                                ``Tests/EvaluationTests/RankingReference.swift``
  python3 scripts/audit_reference.py TRACE_DIR  recomputes a few numeric features of the leakage
                                                audit from the trace files and prints their AUC
                                                (max(AUC, 1 - AUC)), to compare with
                                                ``distillbench audit TRACE_DIR --json``

Needs scikit-learn (``pip install scikit-learn``) for fixtures only; nothing in the package runs
Python. References: ``sklearn.metrics.roc_auc_score`` (trapezoid rule over distinct thresholds)
and ``sklearn.metrics.average_precision_score`` (sum of (R_n - R_{n-1}) * P_n, no interpolation).
The fixture vectors below are repeated in the Swift file verbatim; generated vectors use the same
integer formulas there.
"""

import json
import os
import sys

import sklearn
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve


def generated_ties():
    """5 000 items, 41 distinct scores, labels correlated with the score."""
    scores, labels = [], []
    for i in range(5000):
        s = ((i * 7919) % 1009) // 25
        scores.append(float(s))
        labels.append(1 if (i * 104729) % 997 < 200 + 15 * s else 0)
    return scores, labels


def generated_large():
    """200 000 items, 1 000 distinct scores (multiples of 1/8), weakly informative labels."""
    scores, labels = [], []
    for i in range(200_000):
        k = (i * 48271) % 2147483647 % 1000
        scores.append(k / 8.0)
        labels.append(1 if (i * 16807) % 1009 < 200 + k // 2 else 0)
    return scores, labels


CASES = [
    ("hand", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]),
    ("ties", [0.5, 0.5, 0.7, 0.2, 0.7, 0.5, 0.9, 0.2, 0.5, 0.1], [1, 0, 1, 0, 0, 1, 1, 0, 0, 1]),
    ("allEqual", [0.3, 0.3, 0.3, 0.3, 0.3, 0.3], [1, 0, 0, 1, 0, 0]),
    ("singlePositive", [0.2, 0.9, 0.4, 0.6, 0.4, 0.1, 0.7], [0, 0, 1, 0, 0, 0, 0]),
    ("perfect", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [0, 0, 0, 1, 1, 1]),
    ("reversed", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1, 1, 1, 0, 0, 0]),
    ("signed", [-1.5, 0.0, -0.0, 2.0, -3.25, 0.0, 2.0, 1e-300, -1e300], [0, 1, 0, 1, 0, 0, 1, 1, 0]),
    ("generatedTies", *generated_ties()),
    ("generatedLarge", *generated_large()),
]


def f(x):
    """A float as a Swift literal."""
    x = float(x)
    return ".infinity" if x == float("inf") else repr(x)


def fixtures():
    print(f"    // scikit-learn {sklearn.__version__}, python {sys.version.split()[0]}")
    for name, scores, labels in CASES:
        auc = roc_auc_score(labels, scores)
        ap = average_precision_score(labels, scores)
        print(f"    static let {name}AUC = {f(auc)}")
        print(f"    static let {name}AP = {f(ap)}")
    # The curves of the "ties" case, point by point.
    _, scores, labels = CASES[1]
    fpr, tpr, thresholds = roc_curve(labels, scores, drop_intermediate=False)
    print("    /// `roc_curve(drop_intermediate=False)` of the ties case: (threshold, FPR, TPR).")
    print("    static let tiesROC: [(Double, Double, Double)] = [")
    for t, x, y in zip(thresholds, fpr, tpr):
        print(f"        ({f(t)}, {f(x)}, {f(y)}),")
    print("    ]")
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    print("    /// `precision_recall_curve` of the ties case (ascending thresholds): (threshold, precision, recall).")
    print("    static let tiesPR: [(Double, Double, Double)] = [")
    for t, p, r in zip(thresholds, precision, recall):
        print(f"        ({f(t)}, {f(p)}, {f(r)}),")
    print("    ]")


# MARK: - Trace mode


def trace_features(directory):
    """A few audit features recomputed from the trace files, with the audit's definitions."""
    with open(os.path.join(directory, "truth.json")) as f:
        truth = {a["account"]: a["label"] != "benign" for a in json.load(f)["accounts"]}
    accounts = []
    with open(os.path.join(directory, "accounts.jsonl")) as f:
        for line in f:
            accounts.append(json.loads(line)["account"])
    zero = lambda: {"requests": 0, "completion_tokens.sum": 0, "prompt_tokens.sum": 0,
                    "logprobs": 0, "stream": 0, "temperature_zero": 0, "max_tokens_one": 0}
    acc = {a: zero() for a in accounts}
    with open(os.path.join(directory, "requests.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            a = acc[r["account"]]
            a["requests"] += 1
            a["completion_tokens.sum"] += r.get("completion_tokens", 0)
            a["prompt_tokens.sum"] += r.get("prompt_tokens", 0)
            a["logprobs"] += 1 if r.get("logprobs", False) else 0
            a["stream"] += 1 if r.get("stream", False) else 0
            a["temperature_zero"] += 1 if r.get("temperature", 1) == 0 else 0
            a["max_tokens_one"] += 1 if r.get("max_tokens", 0) == 1 else 0
    labels = [1 if truth[a] else 0 for a in accounts]

    def share(a, key):
        return acc[a][key] / acc[a]["requests"] if acc[a]["requests"] else 0.0

    features = {
        "requests": [float(acc[a]["requests"]) for a in accounts],
        "completion_tokens.sum": [float(acc[a]["completion_tokens.sum"]) for a in accounts],
        "prompt_tokens.sum": [float(acc[a]["prompt_tokens.sum"]) for a in accounts],
        "logprobs.share": [share(a, "logprobs") for a in accounts],
        "stream.share": [share(a, "stream") for a in accounts],
        "temperature.zero_share": [share(a, "temperature_zero") for a in accounts],
        "max_tokens.one_share": [share(a, "max_tokens_one") for a in accounts],
    }
    for name, values in features.items():
        auc = roc_auc_score(labels, values)
        print(f"{name}\t{max(auc, 1 - auc)!r}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        trace_features(sys.argv[1])
    else:
        fixtures()
