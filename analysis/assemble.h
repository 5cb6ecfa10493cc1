//===- analysis/assemble.h - The pyhf workspace of a config --------------===//
//
// cabinetry's workspace.py: one channel per region with every non-data
// sample in it (post-processed nominal yields), its modifiers in cabinetry's
// order — staterror_<Region> (unless DisableStaterror), the normfactors, then
// each systematic: a normsys for Normalization, a normsys and a histosys of
// one name for NormPlusShape (the templates normalized to the nominal
// integral, Symmetrize mirrored around nominal, no histosys for one bin) —
// one measurement (POI, NormFactor inits and bounds, Fixed parameters) and
// the data sample's yields as observations. The document is built as
// cabinetry builds its dict, with integers kept as integers, so that
// pythonJsonPretty writes cabinetry's file byte for byte.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/config.h"
#include "analysis/store.h"
#include "frontend/json.h"

namespace hf::analysis {

/// The normsys and histosys of a NormPlusShape systematic from nominal,
/// up and down yields (either side may be absent when symmetrized).
struct NormShape {
  double hi = 1, lo = 1;
  std::vector<double> hiData, loData;
};
NormShape normPlusShape(const std::vector<double> &nominal, const std::vector<double> *up,
                        const std::vector<double> *down);

/// The workspace document. The templates come from `templates` (modified
/// copies preferred); a missing one is an InputError.
Json assembleWorkspace(const Config &config, const TemplateSet &templates, const std::string &folder);

} // namespace hf::analysis
