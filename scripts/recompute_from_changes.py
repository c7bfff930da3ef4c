#!/usr/bin/env python3
"""Recompute leaked tokens, extraction prevented and median time to detection from what a run
wrote (issue 10: every metric recomputable), independently of the harness.

Reads RESULTS/changes/<detector>.csv[.gz] (account,ts,score: every rise of an account's running
maximum), TRACE/requests.jsonl, TRACE/truth.json and, when present, TRACE/request_labels.csv;
applies DESIGN §5 at each detector's default threshold (or --threshold) and prints, per detector,
the figures beside those of RESULTS/summary.json. Exit status 1 if any differs.

    python3 scripts/recompute_from_changes.py RESULTS_DIR TRACE_DIR [--json]
"""
import csv
import gzip
import json
import os
import statistics
import sys


def read_changes(path):
    """Per account, its rises (ts, score) in time order."""
    opener = gzip.open if path.endswith(".gz") else open
    rises = {}
    with opener(path, "rt", newline="") as handle:
        for row in csv.DictReader(handle):
            account = row["account"]
            if account.startswith("'") and account[1:2] in ("=", "+", "-", "@", "\t", "\r"):
                account = account[1:]  # the CSV-injection guard of the writer
            rises.setdefault(account, []).append((int(row["ts"]), float(row["score"])))
    for points in rises.values():
        points.sort(key=lambda point: point[0])
    return rises


def flag_time(points, threshold):
    """The first time the account's score reached the threshold, or None."""
    for ts, score in points:
        if score >= threshold:
            return ts
    return None


def recompute(changes_path, threshold, trace, truth, labels):
    rises = read_changes(changes_path)
    positive = {a["account"] for a in truth["accounts"] if a["label"] in ("adversarial", "mixed")}
    flags = {account: flag_time(rises.get(account, []), threshold) for account in positive}
    served = {account: 0 for account in positive}
    leaked = {account: 0 for account in positive}
    with open(os.path.join(trace, "requests.jsonl")) as handle:
        for line in handle:
            request = json.loads(line)
            account = request["account"]
            if account not in positive:
                continue
            # With request labels, a positive account is served its campaign's requests only.
            if labels is not None and request["id"] not in labels:
                continue
            tokens = request.get("completion_tokens", 0)
            served[account] += tokens
            flagged_at = flags[account]
            if flagged_at is None or request["ts"] < flagged_at:
                leaked[account] += tokens
    total = sum(served.values())
    leaked_total = sum(leaked.values())
    detections = []
    for campaign in truth["campaigns"]:
        times = [flags[a] for a in campaign["accounts"] if flags.get(a) is not None]
        if times:
            first = min(times)
            detections.append(max(0, first - campaign["start"]) / 1000)
    return {
        "leaked_tokens": leaked_total,
        "extraction_prevented": 1 - leaked_total / total if total else None,
        "median_time_to_detection_s": statistics.median(detections) if detections else None,
    }


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))


def main(argv):
    results, trace = argv[1], argv[2]
    summary = json.load(open(os.path.join(results, "summary.json")))
    truth = json.load(open(os.path.join(trace, "truth.json")))
    labels_path = os.path.join(trace, "request_labels.csv")
    labels = None
    if os.path.exists(labels_path):
        with open(labels_path, newline="") as handle:
            labels = {row["id"] for row in csv.DictReader(handle)}
    files = {}
    for name in os.listdir(os.path.join(results, "changes")):
        files[name.removesuffix(".gz").removesuffix(".csv")] = os.path.join(results, "changes", name)
    report, failures = [], 0
    for detector in summary["detectors"]:
        default = next(p for p in detector["operating_points"] if p["kind"] == "default")
        mine = recompute(files[file_name(detector["name"])], default["threshold"], trace, truth, labels)
        theirs = {key: default[key] for key in mine}
        same = all(close(mine[key], theirs[key]) for key in mine)
        failures += not same
        report.append({"detector": detector["name"], "recomputed": mine, "summary": theirs, "equal": same})
    if "--json" in argv:
        print(json.dumps(report, indent=1))
    else:
        for entry in report:
            print(("ok   " if entry["equal"] else "DIFF ") + entry["detector"], entry["recomputed"], entry["summary"])
    return 1 if failures else 0


def file_name(name):
    """The harness's file name of a configured detector name (README, "Configurations")."""
    out = ""
    for byte in name.encode():
        ch = chr(byte)
        if ch in "abcdefghijklmnopqrstuvwxyz0123456789.-_":
            out += ch
        elif "A" <= ch <= "Z":
            out += ch.lower()
        elif ch in "(,":
            out += "__"
        elif ch == "=":
            out += "-"
        elif ch != ")":
            out += "%%%02X" % byte
    if out.startswith("."):
        out = "%2E" + out[1:]
    return out or "%00"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
