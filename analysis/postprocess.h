//===- analysis/postprocess.h - Post-processing templates ----------------===//
//
// cabinetry's templates/postprocessor.py: every template gets a modified
// copy (`{name}_modified`) with NaN uncertainties set to 0 and, for a
// systematic whose Smoothing applies to the region and sample, the "353QH,
// twice" smoothing of the variation/nominal ratio with the variation's total
// yield kept. The originals stay as they are.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/config.h"
#include "analysis/histogram.h"
#include "analysis/store.h"

namespace hf::analysis {

/// The smoothed variation (cabinetry's _apply_353qh_twice): the ratio
/// variation/nominal smoothed, times nominal, rescaled to the variation's
/// own sum; stdev unchanged. Fewer than 3 bins: unchanged.
Histogram smoothVariation(const Histogram &variation, const Histogram &nominal);

/// Adds the `_modified` copy of every needed template to `templates`.
void postprocess(const Config &config, TemplateSet &templates, const std::string &folder);

} // namespace hf::analysis
