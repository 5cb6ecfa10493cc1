#!/usr/bin/env bash
# Quick start 1: set up, build, and run hfc on the pyhf two-bin example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
set -x
build/tools/hfc/hfc inspect examples/two_bin.json
build/tools/hfc/hfc eval examples/two_bin.json --set mu=0.5
