//===- analysis/histogram.h - A template histogram and its name ----------===//
//
// What cabinetry's histo.Histogram holds for a template: the bin edges, the
// yield (Σw) and the statistical uncertainty (√Σw²) of every in-range bin.
// Names are cabinetry's: `{Region}_{Sample}` for a nominal template,
// `{Region}_{Sample}_{Systematic}_{Up|Down}` for a variation, spaces
// replaced by `-`; post-processed copies add `_modified`.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

namespace hf::analysis {

struct Histogram {
  std::vector<double> bins;   ///< edges, one more than yields
  std::vector<double> yields; ///< Σw per bin
  std::vector<double> stdev;  ///< √Σw² per bin
};

/// cabinetry's histo.name: "" systematic means nominal; `up` picks Up/Down.
std::string histogramName(const std::string &region, const std::string &sample, const std::string &systematic = "",
                          bool up = true);

/// Python's sum() over a list of floats: left to right from 0, which is
/// what cabinetry's normalizations and smoothing use.
double pythonSum(const std::vector<double> &values);

} // namespace hf::analysis
