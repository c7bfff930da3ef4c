# DistillBench — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/release/distillbench

.PHONY: all deps build demo test bench fuzz clean

all: build

# GNU GSL is the one system library: install it with apt-get when pkg-config cannot find it.
deps:
	@if ! pkg-config --exists gsl 2>/dev/null; then \
		echo "GSL not found: installing libgsl-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product distillbench

demo: build
	@echo "== the main job: generate the quickstart scenario in memory and evaluate every detector =="
	$(BIN) run Scenarios/quickstart.yaml --seeds 1,2 --tune-seeds 11,12 --out out/results/quickstart
	@echo "== the same traffic as a trace directory, validated and audited for leakage =="
	$(BIN) generate Scenarios/quickstart.yaml --out out/quickstart
	$(BIN) validate out/quickstart
	$(BIN) audit out/quickstart --top 8

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# libFuzzer (swiftc -sanitize=fuzzer,address) over the JSONL and CSV request readers: RUNS inputs.
fuzz:
	scripts/fuzz-readers.sh $(or $(RUNS),1000000)

bench: build
	$(BIN) bench

clean:
	rm -rf .build out
