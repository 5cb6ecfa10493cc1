//===- ir/rate_check.h - Nominal rates a fit can start from ---------------===//
//
// A sample bin may be negative (negative Monte Carlo weights), a channel's
// bin may not: its Poisson rate would be negative, the log-likelihood NaN at
// the inits, and every fit would fail with "f = inf" far from the cause.
// lower() keeps such models (its tests build them on purpose); the fronts
// call this before any fit.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"

namespace hf::ir {

/// InputError at the JSON path (or .hf place) of the most negative sample
/// bin of the first channel bin whose nominal rates sum to less than 0.
void requireNonNegativeNominalRates(const ModelSpec &spec);

} // namespace hf::ir
