#!/usr/bin/env bash
# Compiles a decimal-comma locale (de_DE.UTF-8) into build/locale, without
# root, from the sources of Debian's locales package (tools/deps.sh c
# installs it), and prints the environment that points the unit tests at it:
#   eval "$(tools/comma-locale.sh)"   # LOCPATH and MB_TEST_COMMA_LOCALE
# The unit tests then require their LC_NUMERIC checks (printf and strtod
# under a comma) instead of noting that no such locale exists.
set -u
cd "$(dirname "$0")/.." || exit 1
loc=$PWD/build/locale
if [ ! -d "$loc/de_DE.UTF-8" ]; then
  mkdir -p "$loc" && localedef -i de_DE -f UTF-8 "$loc/de_DE.UTF-8" 2>/dev/null ||
    echo "comma-locale.sh: localedef could not compile de_DE.UTF-8; the unit tests' locale check will fail" >&2
fi
printf 'export LOCPATH=%q MB_TEST_COMMA_LOCALE=de_DE.UTF-8\n' "$loc"
