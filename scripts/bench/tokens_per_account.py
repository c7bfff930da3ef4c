#!/usr/bin/env python3
"""The reading baseline of issue 10: a plain `json.loads` loop summing completion tokens per
account over a requests.jsonl file (what a user would write first)."""
import json
import sys

totals = {}
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        request = json.loads(line)
        account = request["account"]
        totals[account] = totals.get(account, 0) + request.get("completion_tokens", 0)
print(len(totals), sum(totals.values()))
