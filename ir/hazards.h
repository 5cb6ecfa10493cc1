//===- ir/hazards.h - Where a model is numerically fragile ----------------===//
//
// Some models are legal but make every minimizer's life hard, so that hfc
// and pyhf (or two runs of anything) can end in different places: a
// constraint so tight that one parameter is effectively fixed (τ = 1.9e11 in
// the eRJR 3L workspace makes pyhf's fit stay at its start), a Gaussian width
// near zero, a histosys template below zero, a normsys whose up and down
// variations go the same way, a sample that is zero everywhere. This finds
// them, so that every model command can warn and `hfc inspect` list them.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"
#include "ir/module.h"

#include <string>
#include <vector>

namespace hf::ir {

struct Hazard {
  std::string where; ///< a Loc's text, or the parameter's name
  std::string what;  ///< what is fragile and why
  /// Severe hazards can stop a fit (τ, σ, negative templates, empty
  /// samples); mild ones (a same-side normsys) are common in published
  /// workspaces and only listed on request.
  bool severe = true;
};

/// The thresholds (docs/hazards.md).
constexpr double kHazardMaxTau = 1e8, kHazardMinSigma = 1e-8;

/// The hazards of the model `m` lowered from `spec`, in workspace order.
std::vector<Hazard> findHazards(const ModelSpec &spec, const Module &m);

} // namespace hf::ir
