#!/usr/bin/env bash
# Debian packages the tests use: Chromium (browser tests of the viewer and gap map) and
# Graphviz (rendering the DOT export). Installs only what is missing; needs root or sudo.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v dot >/dev/null || need+=(graphviz)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
