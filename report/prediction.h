//===- report/prediction.h - Expected yields with uncertainty bands -------===//
//
// cabinetry's model_utils.prediction (spec/cabinetry.md §6): per channel,
// sample and bin the expected yields at a parameter point, and the
// uncertainty band by linear propagation of the parameters' uncertainties
// (with their correlations post-fit, none pre-fit). The plots (data/MC) and
// the yield tables read this; neither computes yields of its own.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

namespace hf::report {

/// One channel's yields and bands.
struct ChannelPrediction {
  std::string name;
  std::vector<std::string> samples;          ///< in the workspace's order
  std::vector<std::vector<double>> yields;   ///< [sample][bin]
  std::vector<std::vector<double>> sampleStdev; ///< [sample][bin], the band of each sample alone
  std::vector<double> totalYields;           ///< [bin], summed over samples
  std::vector<double> totalStdev;            ///< [bin], the band of the total
  std::vector<double> sampleTotals;          ///< [sample], summed over bins
  std::vector<double> sampleTotalStdev;      ///< [sample]
  double total = 0, totalStdevSum = 0;       ///< the channel's total yield and its band
  std::vector<double> data;                  ///< [bin] observed data
  std::vector<double> binEdges;              ///< bins + 1 edges when known (from a config), else empty
};

/// The model's prediction at one parameter point.
struct Prediction {
  std::string label;                  ///< "pre-fit" or "post-fit"
  std::vector<ChannelPrediction> channels;
  std::vector<std::string> parameterNames;
  std::vector<double> parameters;     ///< the point the yields are evaluated at
  std::vector<double> uncertainties;  ///< the widths propagated
};

} // namespace hf::report
