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

#include <ostream>
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

/// One case under one interpolation setting ("interp_code4_code4p" or
/// "interp_code1_code0"): the parameter of the parametrized parity tests.
struct ReferenceParam {
  ReferenceCase refCase;
  std::string block;
};

/// The numbers pyhf computed for `param`: its block ("interp_…") of the
/// case's expected file.
Json referenceBlock(const ReferenceParam &param);

/// The model of `param` lowered with the interpolation codes its block
/// (expected file, key `param.block`) names.
ir::Module lowerReference(const ReferenceParam &param, const Json &block);

/// Every case under both settings.
std::vector<ReferenceParam> referenceParams();

/// A test-name-safe "<case>_<block>".
std::string referenceParamName(const ReferenceParam &param);

/// gtest prints a parameter with this.
void PrintTo(const ReferenceParam &param, std::ostream *os);

/// The θ index of a parameter as the reference files name it: pyhf's
/// par_name, or the set's name for a one-component per-bin set; -1 if none.
int referenceParameterIndex(const ir::Module &m, const std::string &name);

/// θ at the inits with the reference's {"name": value} applied.
std::vector<double> referenceTheta(const ir::Module &m, const Json &pars);

/// The reference directory (HF_REFERENCE_DIR).
std::string referenceDir();

/// The size of the largest intermediates of the Poisson terms at θ, the
/// scale of the rounding error any libm makes on logpdf (see the .cpp).
double roundingScale(const ir::Module &m, const std::vector<double> &theta);

/// Relative difference |a - b| / max(|b|, tiny).
double relDiff(double a, double b);

} // namespace hf::test
