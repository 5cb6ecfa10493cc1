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

#include "ir/module.h"

#include <span>
#include <string>
#include <vector>

namespace hf {
struct Dataset;
struct FitResult;
} // namespace hf

namespace hf::report {

/// One channel's yields and bands.
struct ChannelPrediction {
  std::string name;
  std::vector<std::string> samples;          ///< every sample of the model, in pyhf's (sorted) order; zeros where absent
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
  std::vector<std::vector<double>> correlations; ///< post-fit: the fit's; pre-fit: empty (none)
};

/// cabinetry's prefit_uncertainties: a constrained parameter's constraint
/// width (Gaussian σ, Poisson 1/√τ), 0 for unconstrained and fixed ones.
std::vector<double> prefitUncertainties(const ir::Module &lowered);

/// The yields of every (channel, sample, bin) at theta: [channel][sample][bin]
/// with the samples of Prediction (all of the model's, zeros where absent).
/// `lowered` is the module as ir::lower returns it (Likelihood::model()).
std::vector<std::vector<std::vector<double>>> sampleYields(const ir::Module &lowered, std::span<const double> theta);

/// cabinetry's model_utils.prediction + yield_stdev: yields at theta and
/// bands by linear propagation. For each parameter i with width σ_i > 0 the
/// yields at θ_i ± σ_i (the others at theta) give v_i = (up − down)/2 per
/// bin, per sample total, per channel total; the variance is
/// Σ_ij v_i ρ_ij v_j (ρ = identity when `correlations` is empty). `main` is
/// the data shown with it (the observed or Asimov main data).
Prediction predict(const ir::Module &lowered, std::span<const double> main, std::string label,
                   std::vector<double> theta, std::vector<double> uncertainties,
                   std::vector<std::vector<double>> correlations = {});

/// Pre-fit: the inits with prefitUncertainties, no correlations ("pre-fit").
Prediction prefitPrediction(const ir::Module &lowered, const Dataset &data);

/// Post-fit: the best fit, its uncertainties and correlation matrix ("post-fit").
/// The fit must carry uncertainties (Fitter::fit(..., true)).
Prediction postfitPrediction(const ir::Module &lowered, const Dataset &data, const FitResult &fit);

} // namespace hf::report
