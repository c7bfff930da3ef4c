#!/usr/bin/env python3
"""Per-account external detector for DistillBench (protocol v1), standard library only.

Scores each account by the share of its requests that ask for log-probabilities with
alternatives (`logprobs` true and `top_logprobs` > 0) — the signal of logit harvesting
(Carlini et al., "Stealing Part of a Production Language Model", 2024) — once it has sent
`--min-requests` requests. An update is written only when the score rose by `--step` since the
account's last update, stamped with the time of the request that raised it.

    distillbench evaluate TRACE --detector-exec 'python3 examples/detectors/logprob_share.py'
"""
import argparse
import json
import sys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-requests", type=int, default=20, help="requests before an account is scored")
    parser.add_argument("--step", type=float, default=0.02, help="smallest rise written as an update")
    args = parser.parse_args()

    out = sys.stdout
    out.write(json.dumps({"name": "logprob-share-py", "version": "1.0", "default_threshold": 0.5, "protocol": 1}) + "\n")
    out.flush()
    requests: dict[str, int] = {}
    harvesting: dict[str, int] = {}
    reported: dict[str, float] = {}
    for line in sys.stdin:
        request = json.loads(line)
        account = request["account"]
        requests[account] = requests.get(account, 0) + 1
        if request["logprobs"] and request["top_logprobs"] > 0:
            harvesting[account] = harvesting.get(account, 0) + 1
        if requests[account] < args.min_requests:
            continue
        score = harvesting.get(account, 0) / requests[account]
        if score > 0 and score >= reported.get(account, 0.0) + args.step:
            reported[account] = score
            out.write(json.dumps({"account": account, "ts": request["ts"], "score": score}) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
