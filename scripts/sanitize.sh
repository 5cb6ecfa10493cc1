#!/usr/bin/env bash
# The sanitizer job: builds hfc, hfc-opt and the unit tests once with
# AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/ (its own build
# directory, -O1 so that it compiles fast and still runs at a useful speed),
# then runs the unit tests and the lit tests under them. Any report fails the
# job: UBSan is not recoverable here, ASan aborts on the first error.
#
# Chosen to fit CI's budget on a 2-core machine (about ten minutes with a
# warm ccache): the unit tests and the lit folders that exercise parsing,
# errors and the command line (frontend, IR, passes, errors, workspace
# verbs, the CLI); not the parity suite, whose fits of the published models
# take long under ASan and run unsanitized in the main job anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-asan
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=None "${launcher[@]}" \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$dir" -j"$(nproc)" --target hfc hfc-opt hfc_unit_tests

# LLVM's own allocations that live until exit (its option registry, the
# JIT's static state) are not ours; leaks in hfc's code still fail the run.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/sanitize.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

"$dir/tests/hfc_unit_tests" --gtest_brief=1
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$dir/tests/lit" \
  --filter '(hf|ir|passes|errors|workspace|cli)/'
