# corroborate: `make analyze` and `make test` install and build what they need on a fresh clone.
SOURCES := $(shell find stages pipeline bench types -name '*.ts' 2>/dev/null)
NPM_STAMP := node_modules/.install-stamp
export DOTENV_CONFIG_QUIET := true

.PHONY: all analyze test bench build clean typecheck

all: build

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

dist/.build-stamp: $(NPM_STAMP) $(SOURCES) tsconfig.json tsconfig.build.json
	npx tsc -p tsconfig.build.json
	@touch $@

build: dist/.build-stamp

analyze: build
	node bin/corroborate.js analyze --corpus corpus --out output

typecheck: $(NPM_STAMP)
	npx tsc --noEmit -p tsconfig.json

test: typecheck
	npx jest

bench: build
	node dist/bench/bench.js

clean:
	rm -rf dist
	find output -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
