#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run lint and the whole suite.
# This is the README's test command; CI runs it through .ci/run with KG_REQUIRE_ALL=1.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

.venv/bin/ruff check .
.venv/bin/ruff format --check .
# pytest exits 5 when it collects nothing; that is a failure here like any other.
.venv/bin/python -m pytest "$@"
