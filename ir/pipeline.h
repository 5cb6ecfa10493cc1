//===- ir/pipeline.h - The IR optimization pipeline -----------------------===//
//
// The passes of ir/passes.h in the order hfc runs them. optimize() may run
// again after ir/autodiff has appended the gradient: every pass handles the
// derivative ops.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/module.h"

namespace hf::ir {

struct PassOptions {
  /// Treat fixed parameters as the literals of their inits (fold them, mask
  /// their bins). The optimized module is then valid only for θ with every
  /// fixed parameter at its init.
  bool specializeFixed = false;
  /// After each pass, print `// ----- IR after <pass> -----` and the module
  /// to stderr.
  bool printAfterAll = false;
};

/// Runs fold-constants, cse, merge-samples, hoist-scalars, mask-bins (with
/// specializeFixed only), fold-constants, cse, dce on `m`. The result
/// verifies and evaluates to the same log-likelihood, expected data and
/// gradient (to rounding; with specializeFixed, for θ with the fixed
/// parameters at their inits). It has no more ops than before, unless
/// mask-bins split the terms of a parameter set that is only partly fixed.
void optimize(Module &m, const PassOptions &options = {});

} // namespace hf::ir
