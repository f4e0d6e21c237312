# shopdojo — developer and CI entry points. The test command is `make check`.

GO          ?= go
GOFMT       ?= gofmt
GOPATH_BIN  := $(firstword $(subst :, ,$(shell $(GO) env GOPATH 2>/dev/null)))/bin
# Prefer tools on PATH, else the copies `go install` put in $(go env GOPATH)/bin.
STATICCHECK ?= $(or $(shell command -v staticcheck 2>/dev/null),$(GOPATH_BIN)/staticcheck)
SQLC        ?= $(or $(wildcard $(GOPATH_BIN)/sqlc),$(shell command -v sqlc 2>/dev/null),sqlc)

TEST_TIMEOUT ?= 20m
TESTFLAGS    ?=

# Packages run against PostgreSQL when SHOPDOJO_TEST_PG holds a DSN.
PG_PKGS ?= ./...

# Packages run under the race detector: only ones that never open SQLite
# (modernc.org/sqlite is far too slow under -race). Entries whose directory
# does not exist (yet) are dropped, since `go test` rejects missing patterns.
RACE_PKGS ?= . ./internal/audit/... ./internal/i18n/... ./internal/roster/... ./internal/httpx/... ./internal/config/... ./internal/blob/... ./internal/qr/... ./internal/textdiff/... ./internal/markdown/... ./internal/sheet/... ./internal/xapi/... ./internal/fsrs/... ./internal/cadence/... ./internal/ical/... ./internal/checkin/... ./internal/robot/... ./internal/mail/... ./internal/itemstats/... ./internal/quiz/... ./internal/qbank/... ./internal/attempt/...
RACE_PKGS_PRESENT = $(foreach p,$(RACE_PKGS),$(if $(wildcard $(patsubst %/...,%,$(p))),$(p)))

# bash with pipefail so failures inside pipelines (e.g. gofmt errors) count.
SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

.DEFAULT_GOAL := build

.PHONY: check fmt-check vet staticcheck test test-pg race run bench soak assets generate build

## check: everything CI runs (README test command)
check: fmt-check vet staticcheck test test-pg race

## fmt-check: fail if any Go file (tracked or untracked-but-not-ignored) is not gofmt-clean
fmt-check:
	@files=$$( { git ls-files -z --cached --others --exclude-standard -- '*.go' 2>/dev/null \
	             || find . -name '*.go' -not -path './.git/*' -print0; } \
	         | xargs -0 -r sh -c 'for f do [ -f "$$f" ] && printf "%s\0" "$$f"; done; true' sh \
	         | xargs -0 -r $(GOFMT) -l ); \
	if [ -n "$$files" ]; then \
		echo "fmt-check: these files need gofmt:"; \
		printf '%s\n' "$$files" | sed 's/^/  /'; \
		exit 1; \
	fi; \
	echo "fmt-check: ok"

## vet: go vet
vet:
	$(GO) vet ./...

## staticcheck: staticcheck (go install honnef.co/go/tools/cmd/staticcheck@v0.8.2)
staticcheck:
	$(STATICCHECK) ./...

## test: whole suite on SQLite (browser tests in ./internal/e2e skip without chromium)
test:
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) $(TESTFLAGS) ./...

## test-pg: the whole suite again against PostgreSQL; skipped unless SHOPDOJO_TEST_PG is set
test-pg:
ifeq ($(strip $(SHOPDOJO_TEST_PG)),)
	@echo "test-pg: SHOPDOJO_TEST_PG is not set; skipping PostgreSQL tests"
else
	@echo "SHOPDOJO_TEST_PG=*** $(GO) test -count=1 -timeout $(TEST_TIMEOUT) $(TESTFLAGS) $(PG_PKGS)"
	@SHOPDOJO_TEST_PG='$(SHOPDOJO_TEST_PG)' $(GO) test -count=1 -timeout $(TEST_TIMEOUT) $(TESTFLAGS) $(PG_PKGS)
endif

## race: race detector on packages that do not open SQLite
race:
ifeq ($(strip $(RACE_PKGS_PRESENT)),)
	@echo "race: none of RACE_PKGS exist yet; skipping"
else
	$(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) $(TESTFLAGS) $(RACE_PKGS_PRESENT)
endif

## run: local demo server
run:
	$(GO) run ./cmd/shopdojo serve --demo --data ./shopdojo-data

## bench: page and exam benchmarks, each against a bare limit measured in the same run
bench: build
	./bin/shopdojo bench pages
	./bin/shopdojo bench exam
	./bin/shopdojo bench learner
	./bin/shopdojo bench import
	./bin/shopdojo bench search

## soak: long crash test: 20 SIGKILLs of serve during an exam storm of 2,000 examinees
soak: build
	./bin/shopdojo bench crash --examinees 2000 --conns 256 --kills 20 --run 10s

## assets: front-end bundle (not part of check)
assets:
	cd web-assets && npm ci && npm run build

## generate: regenerate sqlc code in internal/store
generate:
	cd internal/store && $(SQLC) generate

## build: binary in bin/shopdojo
build:
	$(GO) build -o bin/shopdojo ./cmd/shopdojo
