//===- ir/rate_check.cpp - Nominal rates a fit can start from -------------===//
#include "ir/rate_check.h"

#include "frontend/diagnostics.h"

#include <fmt/format.h>

#include <vector>

namespace hf::ir {

void requireNonNegativeNominalRates(const ModelSpec &spec) {
  for (const Channel &c : spec.channels) {
    size_t nbins = c.nbins();
    std::vector<double> totals(nbins, 0.0);
    std::vector<const Sample *> mostNegative(nbins, nullptr);
    for (const Sample &s : c.samples)
      for (size_t b = 0; b < s.data.size() && b < nbins; ++b) {
        totals[b] += s.data[b];
        if (s.data[b] < 0 && (!mostNegative[b] || s.data[b] < mostNegative[b]->data[b]))
          mostNegative[b] = &s;
      }
    for (size_t b = 0; b < nbins; ++b)
      if (totals[b] < 0)
        failAt(mostNegative[b]->loc.child("data").child(b),
               fmt::format("the nominal rates of bin {} of channel \"{}\" sum to {} over its samples; a "
                           "Poisson rate must not be negative (this sample contributes {})",
                           b, c.name, totals[b], mostNegative[b]->data[b]));
  }
}

} // namespace hf::ir
