//===- runtime/asymptotics.cpp - Test statistics and the asymptotic calculator ===//
#include "runtime/asymptotics.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace hf {

TestStatistic parseTestStatistic(const std::string &name) {
  if (name == "q0")
    return TestStatistic::Q0;
  if (name == "q")
    return TestStatistic::Q;
  if (name == "qtilde")
    return TestStatistic::QTilde;
  if (name == "tmu")
    return TestStatistic::TMu;
  if (name == "tmu_tilde")
    return TestStatistic::TMuTilde;
  throw InputError("error: --test-stat: expected q, qtilde, q0, tmu or tmu_tilde, found \"" + name + "\"");
}

const char *testStatisticName(TestStatistic statistic) {
  switch (statistic) {
  case TestStatistic::Q0:
    return "q0";
  case TestStatistic::Q:
    return "q";
  case TestStatistic::QTilde:
    return "qtilde";
  case TestStatistic::TMu:
    return "tmu";
  case TestStatistic::TMuTilde:
    return "tmu_tilde";
  }
  return "";
}

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normalUpperQuantile(double p) {
  if (!(p > 0))
    return std::numeric_limits<double>::infinity();
  if (!(p < 1))
    return -std::numeric_limits<double>::infinity();
  // Φ(−z) falls monotonically in z; bisection to the last bit (Φ(−38.5)
  // is below the smallest double, Φ(38.5) rounds to 1).
  double lo = -38.5, hi = 38.5;
  for (int i = 0; i < 200 && lo < hi; ++i) {
    double mid = 0.5 * (lo + hi);
    if (mid == lo || mid == hi)
      break;
    (normalCdf(-mid) > p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double testStatistic(const Fitter &fitter, TestStatistic statistic, double mu, const Dataset &data,
                     const FitSettings &settings, const FitResult &free) {
  const ir::Module &m = fitter.likelihood().model();
  size_t poi = requirePoi(m);
  double muHat = free.theta[poi];
  if (statistic != TestStatistic::Q0 && !(mu >= settings.lo[poi] && mu <= settings.hi[poi]))
    // Checked before the shortcuts below: with μ̂ > μ they would return 0
    // (CLs = 1) without the fixed-POI fit that refuses a μ out of bounds.
    throw InputError(fmt::format("error: the tested {} = {} lies outside of its bounds [{}, {}]", m.poiName,
                                 mu, settings.lo[poi], settings.hi[poi]));
  if (statistic == TestStatistic::Q0) {
    mu = 0;
    if (muHat < 0)
      return 0;
  } else if (muHat > mu && (statistic == TestStatistic::Q || statistic == TestStatistic::QTilde)) {
    return 0;
  }
  FitResult fixed = fitter.fixedPoiFit(mu, data, settings, &free.theta);
  // The unconditional minimum can only be lower than the conditional one;
  // when the conditional fit found a lower point, it is the better minimum.
  return std::max(fixed.twiceNll - free.twiceNll, 0.0);
}

AsymptoticCalculator::AsymptoticCalculator(const Likelihood &likelihood, TestStatistic statistic,
                                           FitSettings settings, Dataset observed)
    : fitter_(likelihood), statistic_(statistic), settings_(std::move(settings)),
      observed_(std::move(observed)), poi_(requirePoi(likelihood.model())) {
  if (statistic_ == TestStatistic::TMu || statistic_ == TestStatistic::TMuTilde)
    throw InputError(std::string("error: --test-stat ") + testStatisticName(statistic_) +
                     ": the asymptotic calculator (as pyhf's) has formulae for q, qtilde and q0 only; "
                     "use --calctype toybased");
  if (settings_.fixed[poi_])
    throw InputError("error: the POI \"" + likelihood.model().poiName +
                     "\" is fixed; a hypothesis test needs it free");
}

const FitResult &AsymptoticCalculator::observedFit() {
  if (!freeObserved_)
    freeObserved_ = fitter_.fit(observed_, settings_);
  return *freeObserved_;
}

const Dataset &AsymptoticCalculator::asimovData() {
  if (!asimov_) {
    // μ_A = 1 for discovery, 0 otherwise; nuisance parameters from the
    // fixed-POI fit to the observed data (§3.1).
    double muA = statistic_ == TestStatistic::Q0 ? 1.0 : 0.0;
    FitResult fit = fitter_.fixedPoiFit(muA, observed_, settings_, &observedFit().theta);
    const ir::Module &m = fitter_.likelihood().model();
    Dataset d{std::vector<double>(m.nMain), std::vector<double>(m.nAux)};
    fitter_.likelihood().expected(fit.theta, d.main, d.aux);
    asimov_ = std::move(d);
    asimovTheta_ = fit.theta;
  }
  return *asimov_;
}

double AsymptoticCalculator::testStatistic(double mu, const Dataset &data, bool asimov) {
  std::optional<FitResult> &cache = asimov ? freeAsimov_ : freeObserved_;
  // The Asimov data are generated at θ_A, so θ_A (the minimum of their
  // likelihood, up to the POI's bound) is the natural second start.
  if (!cache)
    cache = fitter_.fit(data, settings_, false, asimov && asimovTheta_ ? &*asimovTheta_ : nullptr);
  return hf::testStatistic(fitter_, statistic_, mu, data, settings_, *cache);
}

HypoTestResult AsymptoticCalculator::hypotest(double mu) {
  HypoTestResult r;
  if (statistic_ == TestStatistic::Q0)
    mu = 0;
  r.q = testStatistic(mu, observed_, false);
  r.muHat = observedFit().theta[poi_];
  r.qA = testStatistic(mu, asimovData(), true);
  double s = std::sqrt(r.q), sA = std::sqrt(r.qA);

  if (statistic_ == TestStatistic::Q0) {
    // p0 = Φ(−√q0); the expected band Φ(−(n + √q0_A)) (§3.5).
    r.clsb = normalCdf(-s);
    r.clb = normalCdf(s - sA); // unused by pyhf's discovery output, kept for tails
    r.clsObs = r.clsb;
    const double n[5] = {2, 1, 0, -1, -2};
    for (int k = 0; k < 5; ++k)
      r.clsExp[k] = normalCdf(-(n[k] + sA));
    return r;
  }

  // T in √q space (§3.2): q̃ switches to (q − q_A)/(2 s_A) beyond s_A.
  double t = s - sA;
  if (statistic_ == TestStatistic::QTilde && !(s <= sA || sA == 0))
    t = (r.q - r.qA) / (2 * sA);
  r.clsb = normalCdf(-(t + sA));
  r.clb = normalCdf(-t);
  r.clsObs = r.clsb / r.clb;
  const double n[5] = {2, 1, 0, -1, -2};
  for (int k = 0; k < 5; ++k)
    r.clsExp[k] = normalCdf(-(n[k] + sA)) / normalCdf(-n[k]);
  return r;
}

} // namespace hf
