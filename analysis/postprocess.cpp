//===- analysis/postprocess.cpp - Post-processing templates --------------===//
#include "analysis/postprocess.h"

#include "analysis/route.h"
#include "analysis/smooth.h"
#include "frontend/diagnostics.h"

#include <fmt/format.h>

#include <cmath>

namespace hf::analysis {

Histogram smoothVariation(const Histogram &variation, const Histogram &nominal) {
  Histogram out = variation;
  // Fewer than 3 bins: the ratio comes back unchanged but is still
  // multiplied and rescaled, as cabinetry does.
  size_t n = variation.yields.size();
  std::vector<double> ratio(n);
  for (size_t i = 0; i < n; ++i)
    ratio[i] = variation.yields[i] / nominal.yields[i];
  std::vector<double> smooth = smooth353QHTwice(ratio);
  for (size_t i = 0; i < n; ++i)
    smooth[i] *= nominal.yields[i];
  // smooth_var * sum(variation.yields) / sum(smooth_var), element by element.
  double target = pythonSum(variation.yields), current = pythonSum(smooth);
  for (size_t i = 0; i < n; ++i)
    out.yields[i] = smooth[i] * target / current;
  return out;
}

void postprocess(const Config &config, TemplateSet &templates, const std::string &folder) {
  for (const TemplateRef &t : neededTemplates(config)) {
    std::string name = t.name();
    Histogram h = findTemplate(templates, name, false, folder);
    for (double &s : h.stdev)
      if (std::isnan(s))
        s = 0;
    if (t.systematic && t.systematic->smoothing) {
      const Smoothing &sm = *t.systematic->smoothing;
      if (sm.regions.contains(t.region->name.value) && sm.samples.contains(t.sample->name.value)) {
        if (h.yields.size() < 3)
          warnAt(sm.loc, fmt::format("{}: {} has {} bins; smoothing needs at least 3, not applied", sm.loc.pointer,
                                     name, h.yields.size()));
        const Histogram &nominal = findTemplate(templates, histogramName(t.region->name.value, t.sample->name.value),
                                                false, folder);
        h = smoothVariation(h, nominal);
      }
    }
    templates[name + "_modified"] = std::move(h);
  }
}

} // namespace hf::analysis
