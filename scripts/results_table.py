#!/usr/bin/env python3
"""Prints the README's tables for one results folder (Results/<scenario>/summary.json): every
detector's mean over the evaluation seeds of AP, ROC-AUC, recall at the FPR budget, tuned
recall and FPR, extraction prevented and median time to detection at the default threshold;
then each tactic's best account recall at the tuned threshold, over detectors.

    scripts/results_table.py Results/realistic-mix
"""
import json
import sys


def mean(value):
    return value["mean"] if isinstance(value, dict) else value


def point(detector, kind):
    return next((p for p in detector["operating_points"] if p["kind"] == kind), None)


def number(value, digits=3):
    return "—" if value is None else f"{value:.{digits}f}"


def main(folder):
    summary = json.load(open(f"{folder}/summary.json"))
    seeds = summary["over_seeds"][0]
    print("| detector | AP | ROC-AUC | recall at FPR budget | tuned recall | tuned FPR | extraction prevented (default) | median TTD, default (s) |")
    print("|---|---|---|---|---|---|---|---|")
    tactics = {}
    for detector in sorted(seeds["detectors"], key=lambda d: -mean(d["ap"])):
        budget, tuned, default = point(detector, "fpr_budget"), point(detector, "tuned"), point(detector, "default")
        ttd = mean(default["median_time_to_detection_s"]) if default.get("median_time_to_detection_s") else None
        print(
            f"| `{detector['name']}` | {number(mean(detector['ap']))} | {number(mean(detector['roc_auc']))} "
            f"| {number(mean(budget['recall']))} | {number(mean(tuned['recall']) if tuned else None)} "
            f"| {number(mean(tuned['fpr']), 4) if tuned else '—'} | {number(mean(default['extraction_prevented']))} "
            f"| {number(ttd, 0)} |"
        )
        for tactic, recall in (tuned or default).get("by_tactic", {}).items():
            best = tactics.get(tactic, (-1, ""))
            if mean(recall) > best[0]:
                tactics[tactic] = (mean(recall), detector["name"])
    print()
    print("| tactic | best tuned account recall | by |")
    print("|---|---|---|")
    for tactic, (recall, name) in sorted(tactics.items(), key=lambda item: -item[1][0]):
        print(f"| {tactic} | {recall:.3f} | `{name}` |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Results/realistic-mix")
