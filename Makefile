# The README's commands. Each one installs what is missing, configures, builds, and runs.
BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc)
# CI builds with warnings as errors.
WERROR     := $(if $(CI),ON,OFF)

.PHONY: all deps configure build run test bench soak screenshots clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DMC_WERROR=$(WERROR) \
	      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/app/memory-console

test: build
	cd $(BUILD) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

# Static analysis (docs/decisions/0012-static-analysis.md): clang-tidy (.clang-tidy) and cppcheck
# (tests/lint/) on our sources, from a configured-only $(LINT_BUILD) with its moc output; fails
# on any finding.
LINT_BUILD ?= build-lint
.PHONY: lint
lint: deps
	JOBS=$(JOBS) scripts/lint.sh $(LINT_BUILD)

# The sanitizer build (docs/decisions/0010-sanitizer-build.md): ASan, LSan and UBSan on every
# target of ours, -O1 with debug info and Qt's asserts on, no benchmarks; then the whole suite.
# Child processes (memory-store, the console) inherit these options and are sanitized too; every
# report goes to $(SAN_BUILD)/sanitizer-logs and fails the run, because a child's stderr is not
# shown by the test that started it. The build runs with them too (it runs mc_rendericon).
SAN_BUILD ?= build-asan
SAN_LOGS   = $(abspath $(SAN_BUILD))/sanitizer-logs
SAN_SUPP   = $(CURDIR)/tests/sanitize
SAN_ASAN   = detect_leaks=1:halt_on_error=1:abort_on_error=1:suppressions=$(SAN_SUPP)/asan.supp
SAN_ENV    = ASAN_OPTIONS=$(SAN_ASAN):log_path=$(SAN_LOGS)/asan \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(SAN_LOGS)/ubsan \
	LSAN_OPTIONS=suppressions=$(SAN_SUPP)/lsan.supp

.PHONY: test-sanitize
$(SAN_BUILD)/build.ninja: | deps
	cmake -S . -B $(SAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
	      -DMC_SANITIZE=ON -DMC_BUILD_BENCH=OFF -DMC_WERROR=$(WERROR)

# SAN_LABELS='server|unit' (CI) builds and runs only the tests with those ctest labels: the
# test targets are named like the tests.
SAN_LABELS ?=
SAN_CTEST   = $(if $(SAN_LABELS),-L '$(SAN_LABELS)')
test-sanitize: deps $(SAN_BUILD)/build.ninja
	rm -rf $(SAN_LOGS) && mkdir -p $(SAN_LOGS)
	targets=$$(cd $(SAN_BUILD) && ctest -N $(SAN_CTEST) | awk '/Test +#/ {print $$3}') && \
	$(SAN_ENV) cmake --build $(SAN_BUILD) -j $(JOBS) \
		$(if $(SAN_LABELS),--target memory-store $$targets)
	cd $(SAN_BUILD) && status=0 && $(SAN_ENV) QT_QPA_PLATFORM=offscreen \
		ctest --output-on-failure -j $(JOBS) $(SAN_CTEST) $(CTEST_ARGS) || status=$$?; \
	if [ -n "$$(ls -A $(SAN_LOGS))" ]; then \
		echo "test-sanitize: sanitizer reports in $(SAN_LOGS):"; cat $(SAN_LOGS)/*; exit 1; \
	fi; exit $$status

# The DEB and the TGZ (installer/). `make test` builds and checks them too (tests/installer).
.PHONY: package
package: build
	cd $(BUILD) && cpack
	@echo "Packages:" && ls -l $(BUILD)/packages/*.deb $(BUILD)/packages/*.tar.gz

# Each benchmark merges its figures into one flat JSON object (client_bench: QdrantClient
# against a raw-socket client on the same memory-store; browse_bench: the points table on 1M
# points and the console's startup).
bench: build
	mkdir -p $(BUILD)/bench
	$(BUILD)/tests/bench/store_bench --out $(BUILD)/bench/results.json
	$(BUILD)/tests/bench/client_bench --out $(BUILD)/bench/results.json
	MC_STORE_BIN=$(BUILD)/server/memory-store $(BUILD)/tests/bench/browse_bench \
		--console $(BUILD)/app/memory-console --out $(BUILD)/bench/results.json
	MC_STORE_BIN=$(BUILD)/server/memory-store $(BUILD)/tests/bench/import_bench \
		--out $(BUILD)/bench/results.json
	$(BUILD)/tests/bench/import_rows_bench --out $(BUILD)/bench/results.json
	MC_STORE_BIN=$(BUILD)/server/memory-store $(BUILD)/tests/bench/charts_bench \
		--out $(BUILD)/bench/results.json

# The libFuzzer targets of tests/fuzz (docs/decisions/0011-fuzzing.md): a clang build with ASan
# and UBSan in $(FUZZ_BUILD), every target run at once for FUZZ_SECONDS, a table of the
# figures, also in $(BUILD)/bench/fuzz.json; fails when a target crashed.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz: deps
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_C_COMPILER=clang-14 \
	      -DCMAKE_CXX_COMPILER=clang++-14 -DMC_FUZZ=ON -DMC_BUILD_BENCH=OFF \
	      -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only"
	cmake --build $(FUZZ_BUILD) --target fuzz_targets -j $(JOBS)
	scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(BUILD)/bench/fuzz.json

# The import's kill -9 soak: 20 runs of tst_importpipeline's killNineAndResume (3 in make test),
# counted into build/bench/reliability.json (import_kill_runs, import_kill_runs_exact); then the
# store's own: 50 kill -9 of memory-store during two clients' acknowledged writes
# (tst_store_killsoak, 3 in make test), merged into the same file (store_kill_runs,
# store_kill_acked_lost, store_kill_acked_writes).
soak: build
	mkdir -p $(BUILD)/bench
	MC_STORE_BIN=$(BUILD)/server/memory-store MC_IMPORT_SOAK_RUNS=20 QT_QPA_PLATFORM=offscreen \
		MC_RELIABILITY_OUT=$(BUILD)/bench/reliability.json \
		$(BUILD)/tests/models/tst_importpipeline killNineAndResume
	MC_STORE_BIN=$(BUILD)/server/memory-store MC_STORE_KILL_RUNS=50 QT_QPA_PLATFORM=offscreen \
		MC_RELIABILITY_OUT=$(BUILD)/bench/reliability.json \
		$(BUILD)/tests/server/tst_store_killsoak

# The README's screenshots: each pane rendered offscreen by `memory-console --screenshot` on a
# fresh embedded store with the demo data (a throwaway data and settings folder).
SHOTS ?= docs/screenshots
screenshots: build
	mkdir -p $(SHOTS)
	tmp=$$(mktemp -d) && for pane in search charts points editor import; do \
		XDG_CONFIG_HOME=$$tmp/config XDG_DATA_HOME=$$tmp/data \
		$(BUILD)/app/memory-console --data-dir $$tmp/store \
			--screenshot $(SHOTS)/$$pane.png --pane $$pane || exit 1; \
	done; rm -rf $$tmp

clean:
	rm -rf $(BUILD)
