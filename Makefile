# DistillBench — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/release/distillbench

.PHONY: all deps test-deps build demo test bench bench-reading bench-dask fuzz grade results clean

all: build

# GNU GSL and zlib are the system libraries: install them with apt-get when pkg-config cannot find them.
deps:
	@if ! pkg-config --exists gsl zlib 2>/dev/null; then \
		echo "GSL or zlib not found: installing libgsl-dev, zlib1g-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev zlib1g-dev pkg-config; \
	fi

# Chromium, for the report check of `make test`, likewise; optional: without it the check says it skipped.
test-deps:
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1; then \
			echo "chromium not found: installing it with apt-get (the report check of make test)"; \
			$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium \
				|| echo "chromium could not be installed: make test will skip the report check"; \
		else \
			echo "chromium not found and no apt-get: make test will skip the report check"; \
		fi; \
	fi

build: deps
	$(SWIFT) build -c release --product distillbench

demo: build
	@echo "== the main job: generate the quickstart scenario in memory and evaluate every detector =="
	$(BIN) run Scenarios/quickstart.yaml --seeds 1 --tune-seeds 11 --out out/results/quickstart
	@echo "== the report: open out/results/quickstart/report.html in a browser =="
	@echo "== the same traffic as a trace directory, validated and audited for leakage =="
	$(BIN) generate Scenarios/quickstart.yaml --out out/quickstart
	$(BIN) validate out/quickstart
	$(BIN) audit out/quickstart --top 8

test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/check-report.sh
	scripts/check-distributed.sh

# libFuzzer (swiftc -sanitize=fuzzer,address) over the JSONL and CSV request readers: RUNS inputs.
fuzz:
	scripts/fuzz-readers.sh $(or $(RUNS),1000000)

bench: build
	$(BIN) bench --detectors

# Issue 10: evaluate's reading speed beside a Python json.loads loop and DuckDB (pip install -r scripts/bench/requirements.txt).
bench-reading: build
	scripts/bench/reading.sh

# Issue 12: an 8-unit experiment on one thread, two threads, and two local Dask workers (pip install -r requirements.txt).
bench-dask: build
	scripts/bench/dask.sh

# The committed reference results of every shipped scenario (three seeds, every detector).
results: build
	scripts/reference-results.sh

# Issue 7's grading of the instrument: the difficulty probe on the ladder (naive caught, expert
# not) and on realistic-mix (graded, neither saturated nor impossible). A few minutes.
grade: build
	$(BIN) generate Scenarios/ladder.yaml --out out/ladder
	$(BIN) audit out/ladder --json > out/ladder-audit.json
	python3 scripts/check_grading.py ladder out/ladder-audit.json
	$(BIN) generate Scenarios/realistic-mix.yaml --out out/realistic-mix
	$(BIN) audit out/realistic-mix --json > out/realistic-mix-audit.json
	python3 scripts/check_grading.py realistic-mix out/realistic-mix-audit.json

clean:
	rm -rf .build out
