#!/bin/sh
# libFuzzer over the JSONL and CSV request readers and the request checker (issue 8).
# Usage: scripts/fuzz-readers.sh [RUNS]   (default 1000000; corpus seeded from Tests/Fixtures/fuzz-seeds)
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-1000000}
OUT=${FUZZ_DIR:-/tmp/distillbench-fuzz}
mkdir -p "$OUT/corpus"
cp Tests/Fixtures/fuzz-seeds/* "$OUT/corpus/" 2>/dev/null || true
swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Traffic \
    Sources/Traffic/*.swift Sources/Traffic/Codecs/*.swift Sources/Traffic/Trace/*.swift Fuzz/RequestReadersFuzz.swift \
    -o "$OUT/fuzz-readers"
"$OUT/fuzz-readers" -runs="$RUNS" -max_len=8192 -timeout=5 -rss_limit_mb=2048 "$OUT/corpus"
