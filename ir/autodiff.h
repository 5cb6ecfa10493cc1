//===- ir/autodiff.h - Reverse-mode differentiation of the log-likelihood -===//
#pragma once

#include "ir/module.h"

#include <vector>

namespace hf::ir {

/// Appends to `m` the ops that compute d logpdf / dθ by reverse accumulation,
/// and Gradient outputs for them. Parameters with `active[i] == false` get no
/// gradient work of their own; by default the free (not fixed) parameters are
/// active. An inactive entry is 0, or its true partial derivative when it is
/// read in one param_vec with active ones (a fixed bin of a staterror). Gradient outputs accumulate: several may add into
/// one parameter (a nuisance parameter that appears in a rate and in its
/// constraint). `m` must not have Gradient outputs yet.
void appendGradient(Module &m, const std::vector<bool> &active);
void appendGradient(Module &m);

} // namespace hf::ir
