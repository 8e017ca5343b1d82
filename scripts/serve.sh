#!/usr/bin/env bash
# Install the service on a fresh machine and serve the API on the embedded store
# (./kg-data, created and seeded on first start). Extra arguments go to `kg serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/kg serve "$@"
