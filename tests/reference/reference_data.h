//===- tests/reference/reference_data.h - The shared reference cases ------===//
//
// Every file in ../shared/reference/expected names one case: a model (and a
// patch) with the numbers pyhf computed for it. This finds them all, so a
// model added there is tested without a change here.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"
#include "frontend/load.h"
#include "ir/module.h"

#include <string>
#include <vector>

namespace hf::test {

struct ReferenceCase {
  std::string name;      ///< file stem in expected/, e.g. "sbottom_regionA+sbottom_1300_205_60"
  LoadOptions load;      ///< the model file and patches
  std::string expectedFile;
};

/// All cases, sorted by name.
std::vector<ReferenceCase> referenceCases();

/// The reference directory (HF_REFERENCE_DIR).
std::string referenceDir();

/// The size of the largest intermediates of the Poisson terms at θ, the
/// scale of the rounding error any libm makes on logpdf (see the .cpp).
double roundingScale(const ir::Module &m, const std::vector<double> &theta);

/// Relative difference |a - b| / max(|b|, tiny).
double relDiff(double a, double b);

} // namespace hf::test
