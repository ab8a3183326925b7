#!/usr/bin/env sh
# Stages the mb.h that the STAGED src/ amalgamates to, leaving the work tree
# alone: for committing src/ changes while other src/ files are being edited
# in the same tree. Usage: git add src/FILES; tools/stage-mb-h.sh; git commit
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git checkout-index --prefix="$tmp/" -- tools/amalgamate.sh $(git ls-files src)
sh "$tmp/tools/amalgamate.sh" "$tmp/mb.h"
blob=$(git hash-object -w "$tmp/mb.h")
git update-index --add --cacheinfo 100644,"$blob",mb.h
echo "staged mb.h from the staged src/ ($blob)"
