//===- ir/hazards.cpp - Where a model is numerically fragile --------------===//
#include "ir/hazards.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace hf::ir {

std::vector<Hazard> findHazards(const ModelSpec &spec, const Module &m) {
  std::vector<Hazard> out;
  // 1. Constraints, from the parameter table (measurement overrides applied).
  for (const ParamSet &set : m.paramsets)
    for (uint32_t k = 0; k < set.size && k < set.widths.size(); ++k) {
      std::string name = set.scalar ? set.name : fmt::format("{}[{}]", set.name, k);
      if (m.params[set.start + k].fixed)
        continue;
      double w = set.widths[k];
      if (set.constraint == Constraint::Poisson && w > kHazardMaxTau)
        out.push_back({name, fmt::format("Poisson constraint with tau = {:.3g} (above {:.0e}): the parameter "
                                         "is pinned to about 1/sqrt(tau) = {:.2g}, and a minimizer that "
                                         "scales its steps badly may not move it at all",
                                         w, kHazardMaxTau, 1 / std::sqrt(w))});
      if (set.constraint == Constraint::Gauss && w < kHazardMinSigma)
        out.push_back({name, fmt::format("Gaussian constraint with sigma = {:.3g} (below {:.0e}): the "
                                         "parameter is effectively fixed and the curvature reaches {:.2g}",
                                         w, kHazardMinSigma, 1 / (w * w))});
    }
  // 2. Templates, from the spec (where the user wrote them).
  for (const Channel &c : spec.channels)
    for (const Sample &s : c.samples) {
      if (!s.data.empty() && std::all_of(s.data.begin(), s.data.end(), [](double v) { return v == 0; }))
        out.push_back({s.loc.child("data").str(),
                       fmt::format("sample \"{}\" of channel \"{}\" is zero in every bin: the parameters "
                                   "acting only on it have no effect (flat directions)",
                                   s.name, c.name)});
      for (const Modifier &mod : s.modifiers) {
        if (mod.type == ModifierType::HistoSys)
          for (const auto &[key, data] : {std::pair{"hi_data", &mod.hiData}, std::pair{"lo_data", &mod.loData}})
            for (size_t b = 0; b < data->size(); ++b)
              if ((*data)[b] < 0) {
                out.push_back({mod.loc.child("data").child(key).child(b).str(),
                               fmt::format("histosys \"{}\" on sample \"{}\": template bin {} is negative "
                                           "({}); the rate can go below zero as alpha moves toward it",
                                           mod.name, s.name, b, (*data)[b])});
                break;
              }
        if (mod.type == ModifierType::NormSys && (mod.hi - 1) * (mod.lo - 1) > 0)
          out.push_back({mod.loc.child("data").str(),
                         fmt::format("normsys \"{}\" on sample \"{}\": hi = {} and lo = {} are on the same side "
                                     "of 1, so the rate has an extremum near alpha = 0 (two minima for the fit)",
                                     mod.name, s.name, mod.hi, mod.lo),
                         false});
      }
    }
  return out;
}

} // namespace hf::ir
