//===- report/prediction.cpp - Expected yields with uncertainty bands -----===//
//
// Per-sample yields come from the module as lowered: ir::lower records where
// each (channel, sample) rate is computed (Module::sampleRates), and a copy of
// the module whose only outputs are those rates is run by the interpreter
// (ir/eval). The compiled likelihood only knows the channel totals, and the
// passes may merge samples, so the lowered module is the one place that
// still has every sample apart.
//
// The band follows cabinetry's yield_stdev (spec/cabinetry.md §6):
//   1. for every parameter i with σ_i > 0: yields at θ + σ_i e_i and θ − σ_i e_i
//      (bounds are not applied, as cabinetry does not apply them);
//   2. v_i = (up − down) / 2 for each bin of each sample, of the channel total,
//      and of the sums over a channel's bins;
//   3. variance = Σ_i v_i² + Σ_{i≠j} ρ_ij v_i v_j, stdev = √variance.
//
//===----------------------------------------------------------------------===//
#include "report/prediction.h"

#include "hf/error.h"
#include "ir/eval.h"
#include "ir/passes.h"
#include "runtime/fit.h"
#include "runtime/ranking.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace hf::report {

namespace {

/// The lowered module with the per-sample rates as its only outputs, laid
/// out one after the other (sampleRates order) in a main-data vector.
struct SampleRateModule {
  ir::Module module;
  std::vector<uint32_t> offsets; ///< per sampleRates entry
  /// [channel][sample index in Module::samples] → sampleRates entry or -1.
  std::vector<std::vector<int>> entry;
};

SampleRateModule buildSampleRateModule(const ir::Module &lowered) {
  if (lowered.sampleRates.empty())
    throw std::logic_error("prediction: the module has no per-sample rates (pass the module as lowered)");
  SampleRateModule r;
  r.module = lowered;
  r.module.outputs.clear();
  std::map<std::string, size_t> sampleIndex;
  for (size_t s = 0; s < lowered.samples.size(); ++s)
    sampleIndex[lowered.samples[s]] = s;
  r.entry.assign(lowered.channels.size(), std::vector<int>(lowered.samples.size(), -1));
  uint32_t offset = 0;
  for (size_t k = 0; k < lowered.sampleRates.size(); ++k) {
    const ir::SampleRate &rate = lowered.sampleRates[k];
    r.offsets.push_back(offset);
    r.module.outputs.emplace_back(ir::OutputKind::ExpectedMain, rate.value, offset);
    r.entry[rate.channel][sampleIndex.at(rate.sample)] = static_cast<int>(k);
    offset += lowered.channels[rate.channel].nbins;
  }
  // The main data slots now hold the sample rates; Data ops read only the
  // first (original) nMain of them and no output depends on them anymore.
  r.module.nMain = std::max(offset, lowered.nMain);
  ir::eliminateDeadValues(r.module);
  return r;
}

using Yields = std::vector<std::vector<std::vector<double>>>; // [channel][sample][bin]

Yields evaluateYields(const SampleRateModule &srm, const ir::Module &lowered, std::span<const double> theta) {
  std::vector<double> data(srm.module.nMain, 0.0), aux(srm.module.nAux, 0.0);
  ir::EvalResult e = ir::evaluate(srm.module, theta, data, aux);
  Yields y(lowered.channels.size());
  for (size_t c = 0; c < lowered.channels.size(); ++c) {
    uint32_t nbins = lowered.channels[c].nbins;
    y[c].assign(lowered.samples.size(), std::vector<double>(nbins, 0.0));
    for (size_t s = 0; s < lowered.samples.size(); ++s)
      if (int k = srm.entry[c][s]; k >= 0)
        for (uint32_t b = 0; b < nbins; ++b)
          y[c][s][b] = e.expectedMain[srm.offsets[k] + b];
  }
  return y;
}

/// Every quantity a band is computed for, flattened in one vector: per
/// channel, [sample][bin], then the total per bin, then per-sample sums,
/// then the channel sum.
std::vector<double> flatten(const Yields &y) {
  std::vector<double> out;
  for (const auto &channel : y) {
    size_t nbins = channel.empty() ? 0 : channel.front().size();
    std::vector<double> total(nbins, 0.0);
    double all = 0;
    std::vector<double> sums;
    for (const auto &sample : channel) {
      double sum = 0;
      for (size_t b = 0; b < nbins; ++b) {
        out.push_back(sample[b]);
        total[b] += sample[b];
        sum += sample[b];
      }
      sums.push_back(sum);
      all += sum;
    }
    out.insert(out.end(), total.begin(), total.end());
    out.insert(out.end(), sums.begin(), sums.end());
    out.push_back(all);
  }
  return out;
}

} // namespace

std::vector<double> prefitUncertainties(const ir::Module &lowered) {
  std::vector<double> widths;
  for (uint32_t i = 0; i < lowered.params.size(); ++i)
    widths.push_back(lowered.params[i].fixed ? 0.0 : prefitWidth(lowered, i));
  return widths;
}

std::vector<std::vector<std::vector<double>>> sampleYields(const ir::Module &lowered, std::span<const double> theta) {
  return evaluateYields(buildSampleRateModule(lowered), lowered, theta);
}

Prediction predict(const ir::Module &lowered, std::span<const double> main, std::string label,
                   std::vector<double> theta, std::vector<double> uncertainties,
                   std::vector<std::vector<double>> correlations) {
  size_t n = lowered.params.size();
  if (theta.size() != n || uncertainties.size() != n)
    throw InputError(fmt::format("error: prediction: {} parameter values and {} uncertainties for a model of {} "
                                 "parameters",
                                 theta.size(), uncertainties.size(), n));
  if (!correlations.empty() && correlations.size() != n)
    throw InputError(fmt::format("error: prediction: a {}×{} correlation matrix for {} parameters",
                                 correlations.size(), correlations.size(), n));
  if (main.size() != lowered.nMain)
    throw InputError(fmt::format("error: prediction: {} main data for a model of {} bins", main.size(), lowered.nMain));
  SampleRateModule srm = buildSampleRateModule(lowered);
  Yields nominal = evaluateYields(srm, lowered, theta);
  std::vector<double> central = flatten(nominal);

  // 1–2. The symmetric variation of every quantity, per parameter.
  std::vector<size_t> varied;
  std::vector<std::vector<double>> sym;
  for (size_t i = 0; i < n; ++i) {
    if (!(uncertainties[i] > 0))
      continue; // no width: no variation (fixed or unconstrained pre-fit)
    std::vector<double> shifted = theta;
    shifted[i] = theta[i] + uncertainties[i];
    std::vector<double> up = flatten(evaluateYields(srm, lowered, shifted));
    shifted[i] = theta[i] - uncertainties[i];
    std::vector<double> down = flatten(evaluateYields(srm, lowered, shifted));
    for (size_t q = 0; q < up.size(); ++q)
      up[q] = (up[q] - down[q]) / 2;
    varied.push_back(i);
    sym.push_back(std::move(up));
  }
  // 3. Σ_ij v_i ρ_ij v_j.
  std::vector<double> variance(central.size(), 0.0);
  for (size_t a = 0; a < varied.size(); ++a)
    for (size_t b = 0; b < varied.size(); ++b) {
      double rho = a == b ? 1.0 : correlations.empty() ? 0.0 : correlations[varied[a]][varied[b]];
      if (rho == 0)
        continue;
      for (size_t q = 0; q < variance.size(); ++q)
        variance[q] += rho * sym[a][q] * sym[b][q];
    }
  auto stdev = [&](size_t q) { return std::sqrt(std::max(variance[q], 0.0)); };

  Prediction p;
  p.label = std::move(label);
  for (const ir::Parameter &par : lowered.params)
    p.parameterNames.push_back(par.name);
  size_t q = 0;
  for (size_t c = 0; c < lowered.channels.size(); ++c) {
    const ir::ChannelInfo &info = lowered.channels[c];
    ChannelPrediction cp;
    cp.name = info.name;
    cp.samples = lowered.samples;
    size_t ns = lowered.samples.size(), nbins = info.nbins;
    cp.yields.assign(ns, std::vector<double>(nbins));
    cp.sampleStdev.assign(ns, std::vector<double>(nbins));
    for (size_t s = 0; s < ns; ++s)
      for (size_t b = 0; b < nbins; ++b, ++q) {
        cp.yields[s][b] = central[q];
        cp.sampleStdev[s][b] = stdev(q);
      }
    for (size_t b = 0; b < nbins; ++b, ++q) {
      cp.totalYields.push_back(central[q]);
      cp.totalStdev.push_back(stdev(q));
    }
    for (size_t s = 0; s < ns; ++s, ++q) {
      cp.sampleTotals.push_back(central[q]);
      cp.sampleTotalStdev.push_back(stdev(q));
    }
    cp.total = central[q];
    cp.totalStdevSum = stdev(q);
    ++q;
    cp.data.assign(main.begin() + info.offset, main.begin() + info.offset + nbins);
    p.channels.push_back(std::move(cp));
  }
  p.parameters = std::move(theta);
  p.uncertainties = std::move(uncertainties);
  p.correlations = std::move(correlations);
  return p;
}

Prediction prefitPrediction(const ir::Module &lowered, const Dataset &data) {
  return predict(lowered, data.main, "pre-fit", ir::initialParameters(lowered), prefitUncertainties(lowered));
}

Prediction postfitPrediction(const ir::Module &lowered, const Dataset &data, const FitResult &fit) {
  if (fit.uncertainties.size() != fit.theta.size() || fit.correlations.size() != fit.theta.size())
    throw std::logic_error("postfitPrediction: the fit has no uncertainties (Fitter::fit(..., true))");
  return predict(lowered, data.main, "post-fit", fit.theta, fit.uncertainties, fit.correlations);
}

} // namespace hf::report
