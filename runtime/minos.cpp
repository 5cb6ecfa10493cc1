//===- runtime/minos.cpp - Asymmetric profile-likelihood intervals --------===//
//
// One side, in steps:
//   1. f(x) = twice_nll profiled at θ_par = x, minus (min + Δ); f(θ̂) = −Δ;
//   2. bracket: x_k = θ̂ ± 2^k·σ·√Δ (σ the HESSE error), k = 0, 1, ..., each
//      profile fit warm-started from the previous one, until f(x_k) > 0 or
//      x_k reaches the bound (then: f(bound) ≤ 0 means the interval extends
//      to the bound);
//   3. TOMS748 on the last bracket, warm-starting every fit from the profile
//      point nearest to it, to a width of 1e-8·σ.
//
//===----------------------------------------------------------------------===//
#include "runtime/minos.h"

#include "hf/error.h"
#include "runtime/asymptotics.h"
#include "runtime/toms748.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace hf {

double minosThreshold(double cl) {
  if (!std::isfinite(cl) || cl < 0)
    throw InputError(fmt::format("error: --minos-cl: expected a confidence level in (0, 1) or a number of "
                                 "standard deviations ≥ 1, found {}",
                                 cl));
  if (cl == 0)
    return 1.0;
  if (cl >= 1)
    return cl * cl;
  // χ²₁ quantile: (Φ⁻¹((1 + cl)/2))², and Φ⁻¹(1 − p) = normalUpperQuantile(p).
  double z = normalUpperQuantile((1 - cl) / 2);
  return z * z;
}

namespace {

/// The profile of one parameter, remembering every fit so each new one is
/// warm-started from the nearest point already profiled.
class Profile {
public:
  Profile(const Fitter &fitter, const Dataset &data, const FitSettings &settings, const FitResult &best, uint32_t par)
      : fitter_(fitter), data_(data), settings_(settings), par_(par) {
    settings_.fixed[par] = true;
    points_[best.theta[par]] = best.theta;
  }

  /// Profiled twice_nll at θ_par = x; ComputeError when the fit fails.
  double operator()(double x) {
    auto nearest = points_.lower_bound(x);
    if (nearest == points_.end() || (nearest != points_.begin() && x - std::prev(nearest)->first < nearest->first - x))
      nearest = std::prev(nearest);
    std::vector<double> warm = nearest->second;
    warm[par_] = x;
    FitSettings s = settings_;
    s.init[par_] = x;
    ++fits;
    FitResult r = fitter_.fit(data_, s, false, &warm);
    points_[x] = r.theta;
    return r.twiceNll;
  }

  int fits = 0;

private:
  const Fitter &fitter_;
  const Dataset &data_;
  FitSettings settings_;
  uint32_t par_;
  std::map<double, std::vector<double>> points_;
};

MinosSide solveSide(Profile &profile, const FitResult &best, uint32_t par, double bound, double sigma,
                    double threshold, int direction) {
  MinosSide side;
  double muHat = best.theta[par];
  double target = best.twiceNll + threshold;
  auto f = [&](double x) { return profile(x) - target; };
  int fitsBefore = profile.fits;
  try {
    if (!(sigma > 0) || !std::isfinite(sigma))
      sigma = 1; // no usable HESSE error: start from unit steps
    double step = sigma * std::sqrt(threshold);
    double inner = muHat, outer = muHat, fOuter = -threshold;
    for (int k = 0; k < 60; ++k) {
      inner = outer;
      outer = muHat + direction * step * std::ldexp(1.0, k);
      bool clipped = direction > 0 ? outer >= bound : outer <= bound;
      if (clipped)
        outer = bound;
      if (outer == inner)
        break;
      fOuter = f(outer);
      if (fOuter > 0 || clipped)
        break;
    }
    if (!(fOuter > 0)) {
      side.error = bound - muHat;
      side.atBound = true;
      side.problem = fmt::format("the profile stays within Δ = {:.4g} up to the {} bound {:.6g}", threshold,
                                 direction > 0 ? "upper" : "lower", bound);
    } else {
      double a = std::min(inner, outer), b = std::max(inner, outer);
      RootResult root = toms748(f, a, b, 1e-8 * sigma, 1e-12, 200);
      side.error = root.root - muHat;
      side.valid = true;
    }
  } catch (const ComputeError &e) {
    std::string what = e.what();
    if (what.rfind("error: ", 0) == 0)
      what = what.substr(7);
    side.problem = what;
  }
  side.fits = profile.fits - fitsBefore;
  return side;
}

} // namespace

MinosInterval minos(const Fitter &fitter, const Dataset &data, const FitSettings &settings, const FitResult &best,
                    uint32_t par, double threshold) {
  const ir::Module &m = fitter.likelihood().model();
  if (par >= m.params.size())
    throw InputError(fmt::format("error: minos: no parameter {} in a model of {}", par, m.params.size()));
  if (settings.fixed[par])
    throw InputError(fmt::format("error: --minos {}: the parameter is fixed; MINOS needs a free parameter",
                                 m.params[par].name));
  MinosInterval interval;
  interval.index = par;
  interval.bestFit = best.theta[par];
  interval.threshold = threshold;
  double sigma = par < best.uncertainties.size() ? best.uncertainties[par] : 0;
  Profile profile(fitter, data, settings, best, par);
  interval.upper = solveSide(profile, best, par, settings.hi[par], sigma, threshold, +1);
  interval.lower = solveSide(profile, best, par, settings.lo[par], sigma, threshold, -1);
  return interval;
}

} // namespace hf
