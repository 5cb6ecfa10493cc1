#!/usr/bin/env bash
# Quick start 1: set up, build, and run hfc on the pyhf two-bin example
# (written in the .hf language; examples/two_bin.json is its JSON twin).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
set -x
build/tools/hfc/hfc inspect examples/two_bin.hf
build/tools/hfc/hfc examples/two_bin.hf --cls
build/tools/hfc/hfc limit examples/two_bin.json
