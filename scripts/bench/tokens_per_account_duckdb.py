#!/usr/bin/env python3
"""The columnar baseline of issue 10: DuckDB's read_json aggregating completion tokens per
account over a requests.jsonl file, on every core (it parses only the columns the query needs)."""
import sys

import duckdb

rows = duckdb.sql(
    "select account, sum(completion_tokens) as tokens from read_json(?, format = 'newline_delimited') group by account",
    params=[sys.argv[1]],
).fetchall()
print(len(rows), sum(row[1] for row in rows))
