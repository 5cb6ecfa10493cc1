//===- runtime/ranking.cpp - Impact of each nuisance parameter on the POI -===//
#include "runtime/ranking.h"

#include "hf/error.h"
#include "runtime/parallel.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace hf {

double prefitWidth(const ir::Module &m, uint32_t i) {
  const ir::ParamSet &set = m.paramsets[m.params[i].paramset];
  uint32_t c = m.params[i].component;
  switch (set.constraint) {
  case ir::Constraint::Gauss:
    return set.widths[c];
  case ir::Constraint::Poisson:
    return set.widths[c] > 0 ? 1 / std::sqrt(set.widths[c]) : 0;
  case ir::Constraint::None:
    break;
  }
  return 0;
}

namespace {

/// The best-fit POI with parameter i held at `value` (clipped to its bounds),
/// warm-started from the nominal fit.
double poiWithFixed(const Fitter &fitter, const Dataset &data, const FitSettings &settings, const FitResult &nominal,
                    uint32_t i, double value, size_t poi) {
  FitSettings s = settings;
  s.init[i] = std::clamp(value, s.lo[i], s.hi[i]);
  s.fixed[i] = true;
  return fitter.fit(data, s, false, &nominal.theta).theta[poi];
}

} // namespace

Ranking rankParameters(const Fitter &fitter, const Dataset &data, const FitSettings &settings, unsigned threads,
                       const std::function<void(size_t, size_t)> &onParameter, const RankingShards &shards) {
  const ir::Module &m = fitter.likelihood().model();
  size_t poi = requirePoi(m);
  Ranking ranking;
  ranking.nominal = fitter.fit(data, settings, true);
  const FitResult &nominal = ranking.nominal;
  double muHat = nominal.theta[poi];
  for (uint32_t i = 0; i < m.params.size(); ++i)
    if (i != poi && !settings.fixed[i])
      ranking.ranked.push_back(RankedParameter{i, nominal.theta[i], nominal.uncertainties[i], prefitWidth(m, i)});

  // Four fits per parameter, parameters shared out to the threads; each
  // writes only its own entry.
  size_t total = ranking.ranked.size();
  std::atomic<size_t> next{0}, done{0};
  std::mutex mutex;
  std::exception_ptr error;
  auto worker = [&] {
    for (size_t k; (k = next++) < total;) {
      RankedParameter &p = ranking.ranked[k];
      if (k % shards.shards != shards.shard) { // another process's
        ++done;
        continue;
      }
      try {
        auto impact = [&](double value) { return poiWithFixed(fitter, data, settings, nominal, p.index, value, poi) - muHat; };
        p.postfitUp = impact(p.bestFit + p.uncertainty);
        p.postfitDown = impact(p.bestFit - p.uncertainty);
        if (p.prefitWidth > 0) {
          p.prefitUp = impact(p.bestFit + p.prefitWidth);
          p.prefitDown = impact(p.bestFit - p.prefitWidth);
        }
      } catch (const std::exception &e) {
        std::string what = e.what();
        if (what.rfind("error: ", 0) == 0)
          what = what.substr(7);
        std::lock_guard<std::mutex> lock(mutex);
        if (!error)
          error = std::make_exception_ptr(
              ComputeError(fmt::format("error: ranking {}: {}", m.params[p.index].name, what)));
        next = total; // stop the others
      }
      size_t finished = ++done;
      if (onParameter) {
        std::lock_guard<std::mutex> lock(mutex);
        onParameter(finished, total);
      }
    }
  };
  unsigned n = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  runWorkers(static_cast<unsigned>(std::min<size_t>(n, std::max<size_t>(total, 1))), worker);
  if (shards.shards > 1) { // every process's impacts (0 where another's), even after an error
    std::vector<double> impacts;
    for (const RankedParameter &p : ranking.ranked)
      impacts.insert(impacts.end(), {p.postfitUp, p.postfitDown, p.prefitUp, p.prefitDown});
    shards.allSum(impacts);
    for (size_t k = 0; k < total; ++k) {
      RankedParameter &p = ranking.ranked[k];
      p.postfitUp = impacts[4 * k];
      p.postfitDown = impacts[4 * k + 1];
      p.prefitUp = impacts[4 * k + 2];
      p.prefitDown = impacts[4 * k + 3];
    }
  }
  if (error)
    std::rethrow_exception(error);

  auto size = [](const RankedParameter &p) { return std::max(std::fabs(p.postfitUp), std::fabs(p.postfitDown)); };
  std::stable_sort(ranking.ranked.begin(), ranking.ranked.end(),
                   [&](const RankedParameter &a, const RankedParameter &b) { return size(a) > size(b); });
  return ranking;
}

} // namespace hf
