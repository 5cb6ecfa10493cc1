#!/usr/bin/env bash
# Quick start 2: set up, build, and run the whole test suite (GoogleTest
# unit and parity tests, and lit over the command line) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/reference ]; then
  echo "test: ../shared/reference is missing (the parity tests read it beside this checkout)" >&2
  exit 2
fi
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
