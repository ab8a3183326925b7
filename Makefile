# mb — the Makefile is the entry point.
#   make demo        the main job on the local backend (see README)
#   make test        installs what is missing, runs every suite in tests/suites
#   make amalgamate  regenerates mb.h from src/
#   make size        Cortex-M size table (docs/SIZE.md)
CC      ?= cc
STRICT  := -std=c99 -Wall -Wextra -Wconversion -Wshadow -Wpedantic -Werror
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
B       := build
SRC     := $(wildcard src/*.h src/*.c)
UNIT    := $(wildcard tests/unit/*.c)

.PHONY: all cli test demo bench fuzz coverage amalgamate generate check-amalgamation check-generated deps unit fixtures size clean
all: cli

# The mb command (examples/cli): build/mb
CLI_SRC := $(wildcard examples/cli/*.c)
cli: $(B)/mb
$(B)/mb: mb.h platform/mb_posix.h platform/mb_mbedtls.h $(CLI_SRC) examples/cli/cli.h examples/cli/width.h
	@mkdir -p $(B)
	$(CC) $(STRICT) -O2 -g -I. $(CLI_SRC) -o $@ -lmbedtls -lmbedx509 -lmbedcrypto

deps:
	tools/deps.sh

test: deps
	tests/run.sh

# The main job: a narrated session on the local stack (see tools/demo.sh)
demo:
	tools/demo.sh

amalgamate:
	tools/amalgamate.sh

# Typed Masterbots operations: src/masterbots/*.graphql -> src/masterbots.{h,c}
GEN = node tools/codegen/gen.mjs --schema ../shared/reference/masterbots/schema.graphql --module masterbots --guard MB_NO_MASTERBOTS --outbox
generate:
	$(GEN) --out src/masterbots src/masterbots/*.graphql
	tools/amalgamate.sh

check-generated:
	@mkdir -p $(B)
	@$(GEN) --out $(B)/masterbots.fresh src/masterbots/*.graphql 2>/dev/null
	@cmp -s src/masterbots.h $(B)/masterbots.fresh.h && cmp -s src/masterbots.c $(B)/masterbots.fresh.c || { echo "src/masterbots.{h,c} are stale: run 'make generate' and commit them"; exit 1; }

# The committed mb.h must equal a fresh generation.
check-amalgamation:
	@mkdir -p $(B)
	@tools/amalgamate.sh $(B)/mb.h.fresh
	@cmp -s mb.h $(B)/mb.h.fresh || { echo "mb.h is stale: run 'make amalgamate' and commit it"; diff -u mb.h $(B)/mb.h.fresh | head -20; exit 1; }

$(B)/test_unit: mb.h platform/mb_script.h $(UNIT) tests/unit/t.h tests/unit/script_client.h
	@mkdir -p $(B)
	$(CC) $(STRICT) -g -O1 $(SAN) -I. -Itests/unit $(UNIT) -lm -o $@

fixtures: $(B)/fixtures/index.tsv
$(B)/fixtures/index.tsv: tests/fixtures/extract.mjs
	node tests/fixtures/extract.mjs ../shared/reference/hasura/fixtures $(B)/fixtures

unit: $(B)/test_unit $(B)/fixtures/index.tsv
	$(B)/test_unit $(B)/fixtures

size:
	tools/size.sh --write

# Benchmarks (callgrind instruction counts and wall-time ratios): BENCHMARKS.md
bench:
	bench/run.sh

# Every libFuzzer harness in tests/fuzz for FUZZ_SECONDS each
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) tools/fuzz.sh

# gcovr line and branch coverage of src/, with the integration programs
# against a local stack of its own
coverage:
	tools/coverage.sh --with-stack

clean:
	rm -rf $(B)
