//===- runtime/asymptotics.h - Test statistics and the asymptotic calculator ===//
//
// pyhf's test statistics (q0, qμ, q̃μ; inference.md §2) and its asymptotic
// calculator (§3): the Asimov data are the expected data at the fixed-POI fit
// to the observed data, evaluated by the same compiled function with other
// data arguments; CLs and the expected band follow from √q and √q_A.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/fit.h"

#include <array>
#include <map>
#include <optional>
#include <string>

namespace hf {

/// pyhf's test statistics (inference.md §2). tμ and t̃μ are the profile
/// likelihood ratio without the one-sided clip; like pyhf, hfc has
/// asymptotic formulae only for q0, q and q̃ (toys take any of them).
enum class TestStatistic { Q0, Q, QTilde, TMu, TMuTilde };

/// "q0", "q", "qtilde", "tmu", "tmu_tilde"; InputError otherwise.
TestStatistic parseTestStatistic(const std::string &name);

/// Standard normal CDF Φ(x) = ½·erfc(−x/√2).
double normalCdf(double x);

/// The significance of a p-value: Z with Φ(−Z) = p (scipy's norm.isf(p));
/// +∞ for p ≤ 0, −∞ for p ≥ 1.
double normalUpperQuantile(double p);

struct HypoTestResult {
  double clsObs = 0;                 ///< CLs (q0: p0)
  std::array<double, 5> clsExp{};    ///< n = 2, 1, 0, −1, −2 (q0: the p0 band)
  double clsb = 0, clb = 0;          ///< tail probabilities of the observation
  double q = 0, qA = 0;              ///< the test statistic on observed and Asimov data (toys: qA NaN)
  double muHat = 0;                  ///< the unconditional best-fit POI
};

/// pyhf's name of a test statistic ("qtilde", "tmu_tilde", ...).
const char *testStatisticName(TestStatistic statistic);

/// The raw test statistic (§2) at μ (0 for q0) on `data`, given the
/// unconditional fit `free` to the same data: t(μ) = max(twice_nll(θ̂̂_μ) −
/// twice_nll(θ̂), 0), the fixed-μ fit starting from settings.init and from
/// θ̂; for q and q̃ 0 when μ̂ > μ, for q0 0 when μ̂ < 0; tμ and t̃μ are t(μ).
double testStatistic(const Fitter &fitter, TestStatistic statistic, double mu, const Dataset &data,
                     const FitSettings &settings, const FitResult &free);

class AsymptoticCalculator {
public:
  AsymptoticCalculator(const Likelihood &likelihood, TestStatistic statistic,
                       FitSettings settings, Dataset observed);

  /// CLs at μ (for q0, μ is ignored: the discovery test at 0).
  HypoTestResult hypotest(double mu);

  /// The raw test statistic at μ on `data` (its free fit cached by dataset).
  double testStatistic(double mu, const Dataset &data, bool asimov);

  const Fitter &fitter() const { return fitter_; }
  /// The unconditional fit to the observed data.
  const FitResult &observedFit();

private:
  const Dataset &asimovData();

  Fitter fitter_;
  TestStatistic statistic_;
  FitSettings settings_;
  Dataset observed_;
  size_t poi_;
  std::optional<Dataset> asimov_;
  std::optional<std::vector<double>> asimovTheta_; ///< the parameters the Asimov data are generated at
  std::optional<FitResult> freeObserved_, freeAsimov_;
};

} // namespace hf
