#!/usr/bin/env sh
# Concatenates src/ into the single header mb.h, stb style: declarations
# always, implementation under MB_IMPLEMENTATION (outside the include guard).
# Usage: tools/amalgamate.sh [OUT]   (default: mb.h at the repository root)
set -eu
out=${1:-$(dirname "$0")/../mb.h}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$(dirname "$0")/../src"
modules="base write json http graphql client typed outbox ws masterbots"
{
    cat prologue.h
    for m in $modules; do cat "$m.h"; done
    cat epilogue.h
    echo
    cat impl_prologue.h
    for m in $modules; do cat "$m.c"; done
    cat impl_epilogue.h
} > "$out.tmp"
mv "$out.tmp" "$out"
