//===- runtime/upper_limit.cpp - CLs upper limits as pyhf searches them ---===//
//
// Two searches for the μ where CLs crosses `level`, both as pyhf 0.7.6's
// infer.intervals.upper_limits does them (inference.md §6), so that hfc's
// limits and its list of tested μ match pyhf's:
//
//   root finding: 1. widen the bracket (halve lo, double hi) until every CLs
//                    series is ≥ level at lo and ≤ level at hi;
//                 2. TOMS748 for the observed series on that bracket;
//                 3. TOMS748 for each band series, bracketed by the cached μ
//                    closest to the crossing on either side;
//   grid scan:    np.interp of μ against CLs, per series.
//
// A hypothesis test costs several fits, so every μ is tested once: results
// are cached by exact μ, in evaluation order, as pyhf's dict does.
//
//===----------------------------------------------------------------------===//
#include "runtime/upper_limit.h"

#include "hf/error.h"
#include "runtime/toms748.h"

#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hf {
namespace {

// pyhf's toms748 settings for limits (scipy's default maxiter).
constexpr double kXtol = 2e-12;
constexpr double kRtol = 1e-4;
constexpr int kMaxiter = 100;

/// The six CLs series of a test: 0 is the observed CLs, 1..5 the band in
/// pyhf's order.
constexpr int kSeries = 6;
double series(const CLsPoint &p, int k) { return k == 0 ? p.obs : p.exp[k - 1]; }

/// Band element 0 (n = +2, the lowest CLs) gives the lowest limit, which
/// physicists call the −2σ expected limit.
std::string seriesName(int k) {
  static const char *const names[kSeries] = {
      "observed limit",        "expected limit (-2 sigma)", "expected limit (-1 sigma)",
      "median expected limit", "expected limit (+1 sigma)", "expected limit (+2 sigma)"};
  return names[k];
}

/// `context: message`, keeping hfc's leading "error: " in front of both.
std::string withContext(const std::string &context, std::string_view message) {
  constexpr std::string_view tag = "error: ";
  if (message.substr(0, tag.size()) == tag)
    message.remove_prefix(tag.size());
  return fmt::format("error: {}: {}", context, message);
}

/// Rethrows the exception being handled with `context` in front of its
/// message, keeping its kind (and so the exit code); other exceptions pass
/// unchanged. Call only inside a catch block.
[[noreturn]] void rethrowWithContext(const std::string &context) {
  try {
    throw;
  } catch (const InputError &e) {
    throw InputError(withContext(context, e.what()));
  } catch (const ComputeError &e) {
    throw ComputeError(withContext(context, e.what()));
  }
}

/// Hypothesis tests by μ, in evaluation order (pyhf's dict cache). Lookup is
/// by exact equality, as for Python float keys; a search tests few dozen μ.
class HypotestCache {
public:
  explicit HypotestCache(const std::function<CLsPoint(double)> &hypotest) : hypotest_(hypotest) {}

  /// The test at μ, run on first use. `phase` ends in a preposition and
  /// names what the search was doing, for the error message.
  CLsPoint at(double mu, std::string_view phase) {
    for (size_t i = 0; i < mus_.size(); ++i)
      if (mus_[i] == mu)
        return results_[i];
    try {
      results_.push_back(hypotest_(mu));
    } catch (...) {
      hypotestFailed_ = true;
      rethrowWithContext(fmt::format("while {} μ = {}", phase, mu));
    }
    mus_.push_back(mu);
    return results_.back();
  }

  const std::vector<double> &mus() const { return mus_; }
  const std::vector<CLsPoint> &results() const { return results_; }
  /// Whether a hypothesis test threw (its message already says where).
  bool hypotestFailed() const { return hypotestFailed_; }

private:
  const std::function<CLsPoint(double)> &hypotest_;
  std::vector<double> mus_;
  std::vector<CLsPoint> results_;
  bool hypotestFailed_ = false;
};

bool anyBelow(const CLsPoint &p, double level) {
  for (int k = 0; k < kSeries; ++k)
    if (series(p, k) < level)
      return true;
  return false;
}

bool anyAbove(const CLsPoint &p, double level) {
  for (int k = 0; k < kSeries; ++k)
    if (series(p, k) > level)
      return true;
  return false;
}

/// Step 1, lower end: halve lo while some CLs at lo is below the level. lo = 0
/// cannot move, which pyhf would loop on forever.
double widenLow(HypotestCache &cache, double lo, double level) {
  CLsPoint p = cache.at(lo, "evaluating the lower end of the bracket at");
  while (anyBelow(p, level)) {
    double next = lo / 2;
    if (next == lo)
      throw ComputeError(fmt::format("error: cannot bracket the upper limit: at μ = {} a CLs value "
                                     "is still below the level {}",
                                     lo, level));
    lo = next;
    p = cache.at(lo, "halving the lower end of the bracket to");
  }
  return lo;
}

/// Step 1, upper end: double hi while some CLs at hi is above the level.
/// Usually the POI's upper bound stops this first: the test at 2·bound fails
/// and the caller must widen the bounds.
double widenHigh(HypotestCache &cache, double hi, double level) {
  CLsPoint p = cache.at(hi, "evaluating the upper end of the bracket at");
  while (anyAbove(p, level)) {
    double next = hi * 2;
    if (next == hi || !std::isfinite(next))
      throw ComputeError(fmt::format("error: cannot bracket the upper limit: at μ = {} a CLs value "
                                     "is still above the level {}",
                                     hi, level));
    hi = next;
    p = cache.at(hi, "doubling the upper end of the bracket to");
  }
  return hi;
}

/// Step 3's bracket for series k: the cached μ with the smallest
/// CLs − level ≥ 0 and the one with the largest CLs − level < 0, first in
/// evaluation order on ties (numpy's argmin/argmax).
std::pair<double, double> bestBracket(const HypotestCache &cache, int k, double level) {
  std::optional<size_t> lower, upper;
  double lowerValue = 0, upperValue = 0;
  for (size_t i = 0; i < cache.mus().size(); ++i) {
    double v = series(cache.results()[i], k) - level;
    if (v >= 0 && (!lower || v < lowerValue)) {
      lower = i;
      lowerValue = v;
    } else if (v < 0 && (!upper || v > upperValue)) {
      upper = i;
      upperValue = v;
    }
  }
  if (!lower || !upper)
    throw ComputeError(fmt::format("error: cannot bracket the {}: no tested μ has its CLs {} the "
                                   "level {}",
                                   seriesName(k), lower ? "below" : "at or above", level));
  return {cache.mus()[*lower], cache.mus()[*upper]};
}

/// The root of CLs_k(μ) − level on [lo, hi] by TOMS748, through the cache.
double findLimit(HypotestCache &cache, int k, double lo, double hi, double level) {
  const std::string phase =
      fmt::format("searching for the {} on [{}, {}] at", seriesName(k), lo, hi);
  auto f = [&](double mu) { return series(cache.at(mu, phase), k) - level; };
  try {
    return toms748(f, lo, hi, kXtol, kRtol, kMaxiter).root;
  } catch (...) {
    if (cache.hypotestFailed())
      throw;
    rethrowWithContext("while searching for the " + seriesName(k));
  }
}

/// numpy's binary_search_with_guess for one key and the initial guess 0: the
/// j with xp[j] <= key < xp[j + 1], -1 left of xp[0], n right of xp[n - 1].
/// On sorted xp any search gives that j; on unsorted xp (a CLs curve that is
/// not monotonic) numpy's probing order decides which segment it takes, so it
/// is followed here.
std::ptrdiff_t searchLikeNumpy(double key, const std::vector<double> &xp) {
  const auto n = static_cast<std::ptrdiff_t>(xp.size());
  if (key > xp[n - 1])
    return n;
  if (key < xp[0])
    return -1;
  if (n <= 4) {
    std::ptrdiff_t i = 1;
    while (i < n && key >= xp[i])
      ++i;
    return i - 1;
  }
  // The guess 0 is raised to 1; key >= xp[0] is known. Probe xp[1..3] first.
  if (key < xp[1])
    return 0;
  if (key < xp[2])
    return 1;
  if (key < xp[3])
    return 2;
  std::ptrdiff_t lo = 3, hi = n;
  constexpr std::ptrdiff_t likelyInCache = 8;
  if (1 < n - likelyInCache - 1 && key < xp[1 + likelyInCache])
    hi = 1 + likelyInCache;
  while (lo < hi) {
    std::ptrdiff_t mid = lo + ((hi - lo) >> 1);
    if (key >= xp[mid])
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo - 1;
}

/// np.interp(x, xp, fp) for one x, with its defaults: clamped to fp's end
/// values outside [xp[0], xp[n − 1]].
double interpLikeNumpy(double x, const std::vector<double> &xp, const std::vector<double> &fp) {
  const auto n = static_cast<std::ptrdiff_t>(xp.size());
  if (n == 1)
    return fp[0];
  if (std::isnan(x))
    return x;
  std::ptrdiff_t j = searchLikeNumpy(x, xp);
  if (j == -1)
    return fp[0];
  if (j >= n - 1)
    return fp[n - 1];
  if (xp[j] == x)
    return fp[j];
  double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  double y = slope * (x - xp[j]) + fp[j];
  // As numpy: a NaN from one end (an infinite slope) is retried from the other.
  if (std::isnan(y)) {
    y = slope * (x - xp[j + 1]) + fp[j + 1];
    if (std::isnan(y) && fp[j] == fp[j + 1])
      y = fp[j];
  }
  return y;
}

} // namespace

UpperLimitResult upperLimitRootFinding(const std::function<CLsPoint(double)> &hypotest, double lo,
                                       double hi, double level) {
  HypotestCache cache(hypotest);
  lo = widenLow(cache, lo, level);
  hi = widenHigh(cache, hi, level);

  UpperLimitResult result{};
  result.obs = findLimit(cache, 0, lo, hi, level);
  // Each band's bracket is chosen after the previous searches, so it uses
  // every μ tested so far.
  for (int k = 1; k < kSeries; ++k) {
    auto [lower, upper] = bestBracket(cache, k, level);
    result.exp[k - 1] = findLimit(cache, k, lower, upper, level);
  }
  result.testedMu = cache.mus();
  result.results = cache.results();
  return result;
}

UpperLimitResult upperLimitScan(const std::function<CLsPoint(double)> &hypotest,
                                const std::vector<double> &scan, double level) {
  if (scan.empty())
    throw InputError("error: an upper-limit scan needs at least one μ value");
  UpperLimitResult result{};
  result.testedMu = scan;
  for (double mu : scan) {
    try {
      result.results.push_back(hypotest(mu));
    } catch (...) {
      rethrowWithContext(fmt::format("while scanning μ = {}", mu));
    }
  }
  // CLs falls with μ, so reversed it is the increasing abscissa np.interp wants.
  const std::vector<double> mus(scan.rbegin(), scan.rend());
  for (int k = 0; k < kSeries; ++k) {
    std::vector<double> cls;
    for (auto it = result.results.rbegin(); it != result.results.rend(); ++it)
      cls.push_back(series(*it, k));
    double limit = interpLikeNumpy(level, cls, mus);
    (k == 0 ? result.obs : result.exp[k - 1]) = limit;
    // np.interp clamps outside [cls[0], cls[n − 1]] (and a single point is
    // its own answer): then no crossing of the level lies on the grid.
    result.clamped[k] = !(level >= cls.front() && level <= cls.back()) || (cls.size() == 1 && cls[0] != level);
  }
  return result;
}

} // namespace hf
