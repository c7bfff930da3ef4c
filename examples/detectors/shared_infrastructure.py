#!/usr/bin/env python3
"""Cross-account external detector for DistillBench (protocol v1), standard library only.

Links accounts that share a payment-instrument fingerprint or a sign-up network prefix (from
the `account_record` that comes with each account's first request), or that sent the very same
prompt text (at least `--min-prompt-length` characters), into clusters (union-find), and scores
every account by the number of active accounts in its cluster — the coordinated-account
pattern of hydra campaigns (Anthropic, "Detecting and countering distillation attacks", 2026).
When a cluster grows, each of its members is updated at the time of the request that grew it.

    distillbench evaluate TRACE --detector-exec 'python3 examples/detectors/shared_infrastructure.py'
"""
import argparse
import hashlib
import json
import sys


class Clusters:
    """Union-find over account ids, keeping each root's members."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}

    def add(self, account: str) -> None:
        if account not in self.parent:
            self.parent[account] = account
            self.members[account] = [account]

    def find(self, account: str) -> str:
        root = account
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[account] != root:
            self.parent[account], account = root, self.parent[account]
        return root

    def union(self, a: str, b: str) -> str | None:
        """Joins the clusters of a and b; returns the new root, or None if they were one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        return ra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-prompt-length", type=int, default=80, help="shortest prompt whose repeats link accounts")
    args = parser.parse_args()

    out = sys.stdout
    out.write(json.dumps({"name": "shared-infra-py", "version": "1.0", "default_threshold": 5, "protocol": 1}) + "\n")
    out.flush()
    clusters = Clusters()
    first_by_key: dict[str, str] = {}  # "payment:…", "ip:…", "prompt:<sha1>" → first account seen with it
    reported: dict[str, int] = {}
    for line in sys.stdin:
        request = json.loads(line)
        account, ts = request["account"], request["ts"]
        keys = []
        record = request.get("account_record")
        if record is not None:
            clusters.add(account)
            if record.get("payment"):
                keys.append("payment:" + record["payment"])
            if record.get("signup_ip"):
                keys.append("ip:" + record["signup_ip"])
        prompt = request["prompt"]
        if len(prompt) >= args.min_prompt_length:
            keys.append("prompt:" + hashlib.sha1(prompt.encode()).hexdigest())
        grown = None
        for key in keys:
            other = first_by_key.setdefault(key, account)
            if other != account:
                grown = clusters.union(account, other) or grown
        if grown is None:
            continue
        root = clusters.find(account)
        size = len(clusters.members[root])
        for member in sorted(clusters.members[root]):
            if size > reported.get(member, 1):
                reported[member] = size
                out.write(json.dumps({"account": member, "ts": ts, "score": size}) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
