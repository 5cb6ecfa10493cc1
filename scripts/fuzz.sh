#!/usr/bin/env bash
# Builds the libFuzzer target of the .hf parser with clang++-19 in
# build/fuzz/ (tests/fuzz/CMakeLists.txt) and runs it, seeded with
# examples/*.hf. Usage: scripts/fuzz.sh [RUNS] [extra libFuzzer flags...]
# (RUNS defaults to 1000000). Crashing inputs are left as crash-* files in
# build/fuzz/. Needs clang-19 and its libFuzzer runtime (Debian: clang-19,
# libclang-rt-19-dev); the default build and scripts/test.sh do not.
set -euo pipefail
cd "$(dirname "$0")/.."
CXX=${HFC_FUZZ_CXX:-clang++-19}
command -v "$CXX" >/dev/null || { echo "scripts/fuzz.sh: $CXX not found" >&2; exit 2; }
RUNS=${1:-1000000}
shift || true
cmake -S tests/fuzz -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$CXX" >/dev/null
cmake --build build/fuzz -j"${HFC_FUZZ_JOBS:-1}"
mkdir -p build/fuzz/corpus
cp examples/*.hf build/fuzz/corpus/
cd build/fuzz
./hf_parser_fuzz -runs="$RUNS" -max_len=4096 "$@" corpus
