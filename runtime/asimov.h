//===- runtime/asimov.h - cabinetry's Asimov dataset ----------------------===//
//
// cabinetry's model_utils.asimov_data (spec/cabinetry.md §6): the expected
// data at the parameters a physicist calls nominal, not at a fit:
// constrained parameters at their auxiliary data (Gaussian: θ = aux, 0 for
// an α; Poisson: θ = aux/τ, 1 for a γ), unconstrained ones (normfactors,
// shapefactors, the POI) at their inits. The auxiliary data are the
// expected ones at that point (the nominal auxiliary data).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/fit.h"

namespace hf {

/// cabinetry's asimov_parameters of the model.
std::vector<double> asimovParameters(const ir::Module &m);

/// Expected main and auxiliary data at asimovParameters.
Dataset asimovData(const Likelihood &likelihood);

} // namespace hf
