# mb — the Makefile is the entry point. See README.md.
.PHONY: all test demo amalgamate deps clean
all:
	@echo "targets: demo test amalgamate size"
deps:
	tools/deps.sh
test: deps
	tests/run.sh
clean:
	rm -rf build
