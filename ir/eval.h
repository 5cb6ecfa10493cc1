//===- ir/eval.h - The reference interpreter of the IR --------------------===//
//
// Evaluates any Module op by op, in plain C++, with the formulas of
// ir/interp.h. It is deliberately simple: it is the numerical reference that
// every compiled function is tested against.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/module.h"

#include <span>
#include <vector>

namespace hf::ir {

/// Everything a Module's outputs produce for one (θ, data, aux).
struct EvalResult {
  double logpdf = 0;
  std::vector<double> expectedMain; ///< nMain rates
  std::vector<double> expectedAux;  ///< nAux values
  std::vector<double> gradient;     ///< d logpdf/dθ, when the module has Gradient outputs
};

/// Runs `m` on parameters `theta` (m.params.size()), main data `data`
/// (m.nMain) and auxiliary data `aux` (m.nAux).
EvalResult evaluate(const Module &m, std::span<const double> theta, std::span<const double> data,
                    std::span<const double> aux);

/// evaluate() on the workspace's own observed and auxiliary data.
EvalResult evaluateObserved(const Module &m, std::span<const double> theta);

/// The inits of every parameter, in θ order.
std::vector<double> initialParameters(const Module &m);

} // namespace hf::ir
