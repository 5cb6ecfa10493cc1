//===- ir/pipeline.cpp - The IR optimization pipeline ---------------------===//
//
// One straight run of passes, each followed by an optional dump (Halide's
// Lower.cpp): --print-after-all shows the module between any two of them.
//
//   fold-constants   literals first, so that CSE sees equal values as equal
//   cse              one value per distinct computation: samples with the
//                    same modifiers now share one factor
//   merge-samples    F·b₁ + F·b₂ → F·(b₁ + b₂)
//   hoist-scalars    scalars combined before they meet the bins
//   mask-bins        fixed bins out of the log-pdf terms (specialized only)
//   fold-constants   the merged nominals and templates become literals
//   cse, dce         share them, and drop everything no output reads
//
//===----------------------------------------------------------------------===//
#include "ir/pipeline.h"

#include "ir/passes.h"
#include "ir/printer.h"

#include <fmt/format.h>

#include <cstdio>

namespace hf::ir {

namespace {

void dump(const Module &m, const PassOptions &options, const char *pass) {
  if (!options.printAfterAll)
    return;
  fmt::print(stderr, "// ----- IR after {} -----\n{}", pass, print(m));
}

} // namespace

void optimize(Module &m, const PassOptions &options) {
  foldConstants(m, options.specializeFixed);
  dump(m, options, "fold-constants");
  eliminateCommonSubexpressions(m);
  dump(m, options, "cse");
  mergeSamples(m);
  dump(m, options, "merge-samples");
  hoistScalars(m);
  dump(m, options, "hoist-scalars");
  if (options.specializeFixed) {
    maskBins(m);
    dump(m, options, "mask-bins");
  }
  foldConstants(m, options.specializeFixed);
  dump(m, options, "fold-constants");
  eliminateCommonSubexpressions(m);
  dump(m, options, "cse");
  eliminateDeadValues(m);
  dump(m, options, "dce");
}

} // namespace hf::ir
