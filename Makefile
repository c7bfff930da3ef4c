# DistillBench — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/release/distillbench

.PHONY: all deps build demo test bench clean

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
	@echo "== generating the quickstart scenario =="
	$(BIN) generate Scenarios/quickstart.yaml --out out/quickstart
	@echo "== validating the trace =="
	$(BIN) validate out/quickstart

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	$(BIN) bench

clean:
	rm -rf .build out
