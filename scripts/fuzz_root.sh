#!/usr/bin/env bash
# Builds the libFuzzer target of the ROOT reader (tests/fuzz, hf_root_fuzz)
# and runs it seeded with ../shared/data/root/*.root. Usage:
# scripts/fuzz_root.sh [RUNS] [extra libFuzzer flags...] (RUNS defaults to
# 1000000). Needs clang and its libFuzzer runtime (Debian clang-14 has it;
# HFC_FUZZ_CXX picks another compiler).
set -euo pipefail
cd "$(dirname "$0")/.."
CXX=${HFC_FUZZ_CXX:-clang++}
RUNS=${1:-1000000}
shift || true
mkdir -p build/fuzz-root/corpus
$CXX -std=c++20 -g -O1 -fsanitize=fuzzer,address -I. -Iinclude tests/fuzz/root_reader_fuzz.cpp io/root/*.cpp \
  -lfmt -lz -llzma -llz4 -lzstd -lxxhash -o build/fuzz-root/hf_root_fuzz
find ../shared/data/root -name '*.root' -size -300k -exec cp {} build/fuzz-root/corpus/ \;
cd build/fuzz-root
./hf_root_fuzz -runs="$RUNS" -max_len=300000 -rss_limit_mb=4096 "$@" corpus
