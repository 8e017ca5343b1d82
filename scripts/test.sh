#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, start a throwaway Virtuoso for the
# scale-out tests, then run lint and the whole suite. This is the README's test command; CI
# runs it through .ci/run with KG_REQUIRE_ALL=1 (a missing service fails instead of skipping).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

.venv/bin/ruff check .
.venv/bin/ruff format --check .

virtuoso_dir=$(mktemp -d)
trap 'bash scripts/virtuoso.sh stop "$virtuoso_dir"; rm -rf "$virtuoso_dir"' EXIT
bash scripts/virtuoso.sh start "$virtuoso_dir"
export KG_VIRTUOSO_URL="http://127.0.0.1:${KG_VIRTUOSO_HTTP:-8891}/sparql"

# pytest exits 5 when it collects nothing; that is a failure here like any other.
.venv/bin/python -m pytest "$@"
