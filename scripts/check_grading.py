#!/usr/bin/env python3
"""Checks that a scenario grades detectors the way issue 7 asks, from `distillbench audit --json`.

    distillbench audit TRACE --json > audit.json
    python3 scripts/check_grading.py ladder audit.json         # Scenarios/ladder.yaml
    python3 scripts/check_grading.py realistic-mix audit.json  # Scenarios/realistic-mix.yaml

ladder: for every tactic, the difficulty probe's recall at 1 % FPR is >= 0.9 at `naive` and
<= 0.5 at `expert`. realistic-mix: overall recall at 0.1 % FPR within [0.3, 0.8], at least three
tactics below 0.8 at 1 % FPR, every tactic with >= 20 accounts, no trivial raw field, no silent
positive. Prints each check and exits 1 if one fails. Standard library only.
"""
import json
import sys


def recall(metrics, budget):
    return next(r["recall"] for r in metrics["recall_at_fpr"] if abs(r["budget"] - budget) < 1e-12)


def main(kind, path):
    audit = json.load(open(path))
    probe = audit["probe"]
    checks = []
    if kind == "ladder":
        for group in probe["by_tactic_and_level"]:
            r = recall(group["metrics"], 0.01)
            if group["level"] == "naive":
                checks.append((f"{group['tactic']} naive recall@1% {r:.3f} >= 0.9", r >= 0.9))
            elif group["level"] == "expert":
                checks.append((f"{group['tactic']} expert recall@1% {r:.3f} <= 0.5", r <= 0.5))
    elif kind == "realistic-mix":
        overall = recall(probe["overall"], 0.001)
        checks.append((f"overall recall@0.1% {overall:.3f} in [0.3, 0.8]", 0.3 <= overall <= 0.8))
        hard = [g["tactic"] for g in probe["by_tactic"] if recall(g["metrics"], 0.01) < 0.8]
        checks.append((f"tactics below 0.8 at 1% FPR: {', '.join(hard)} (>= 3)", len(hard) >= 3))
        for g in probe["by_tactic"]:
            n = g["metrics"]["positives"]
            checks.append((f"{g['tactic']} has {n} accounts (>= 20)", n >= 20))
    else:
        sys.exit(f"check_grading.py: unknown kind {kind!r}; expected ladder or realistic-mix")
    checks.append((f"trivial separators: {audit['trivial_separators']}", not audit["trivial_separators"]))
    checks.append((f"silent positives: {audit['silent_positives']}", audit["silent_positives"] == 0))
    for text, ok in checks:
        print(("ok    " if ok else "FAIL  ") + text)
    failed = sum(not ok for _, ok in checks)
    print(f"{len(checks) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
