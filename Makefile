# vneidbot: `make run` starts the bot, `make test` runs every check. See README.md.
GO        ?= go
BIN       := bin/vneidbot
FAQ       ?= faq
INDEX     ?= index
# Quality bars for the evaluation live in one file (see README "Evaluation").
EVAL_BARS ?= internal/eval/bars.yaml
# Where `make eval-save` keeps a run for `make eval-diff` to compare against.
EVAL_BASELINE ?= bin/eval-baseline.json
FUZZTIME  ?= 60s
PKGS      := ./...

.PHONY: all build test unit lint eval eval-save eval-diff run index bench fuzz fmt vet clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/vneidbot

## test: unit and end-to-end tests, FAQ lint, and the fixture evaluation at the quality bar
test: vet unit lint eval

vet:
	@test -z "$$(gofmt -l cmd internal)" || { echo "gofmt needed:"; gofmt -l cmd internal; exit 1; }
	$(GO) vet $(PKGS)

unit:
	$(GO) test -count=1 $(PKGS)

lint: build
	$(BIN) lint $(FAQ)

eval: build
	$(BIN) eval --fail-only --faq $(FAQ) --index $(INDEX) --bars $(EVAL_BARS)

## eval-save: keep this run's report as the baseline; eval-diff: what a change fixed and broke since
eval-save: build
	$(BIN) eval --json --faq $(FAQ) --index $(INDEX) > $(EVAL_BASELINE)

eval-diff: build
	$(BIN) eval --fail-only --faq $(FAQ) --index $(INDEX) --baseline $(EVAL_BASELINE)

## run: web chat and HTTP API on http://127.0.0.1:8080 (Telegram too when TELEGRAM_BOT_TOKEN is set)
run: build
	$(BIN) serve --faq $(FAQ) --index $(INDEX)

index: build
	$(BIN) index --force --faq $(FAQ) --index $(INDEX)

## bench: POST /api/v1/ask against a bare hello handler, side by side (ask-req/s, hello-req/s,
## ask/hello; goal ≥ 0.5), then every other benchmark (the answer path, search, Telegram load)
bench:
	$(GO) test -run '^$$' -bench '^BenchmarkHTTPAskVsHello$$' -benchtime 3000x -count 3 ./internal/service
	$(GO) test -run '^$$' -skip '^BenchmarkHTTPAskVsHello$$' -bench . -benchmem $(PKGS)

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzNormalize$$' -fuzztime $(FUZZTIME) ./internal/textnorm
	$(GO) test -run '^$$' -fuzz '^FuzzRedact$$' -fuzztime $(FUZZTIME) ./internal/pii
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./internal/faq
	$(GO) test -run '^$$' -fuzz '^FuzzRender$$' -fuzztime $(FUZZTIME) ./internal/faq
	$(GO) test -run '^$$' -fuzz '^FuzzAnswer$$' -fuzztime $(FUZZTIME) ./internal/answer
	$(GO) test -run '^$$' -fuzz '^FuzzCases$$' -fuzztime $(FUZZTIME) ./internal/answer
	$(GO) test -run '^$$' -fuzz '^FuzzRedact$$' -fuzztime $(FUZZTIME) ./internal/store

fmt:
	gofmt -w cmd internal

clean:
	rm -rf bin
	find $(INDEX) -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
