//===- runtime/ranking.h - Impact of each nuisance parameter on the POI ---===//
//
// The ranking physicists read next to a fit (cabinetry's fit.ranking): for
// every free parameter other than the POI, the best-fit POI with that
// parameter held at its best-fit value shifted up and down, minus the
// nominal best-fit POI. Post-fit shifts are the parameter's fit uncertainty;
// pre-fit shifts its constraint width (Gaussian: σ; Poisson: 1/√τ), and
// unconstrained parameters (normfactor, shapefactor) have no pre-fit impact.
// A shifted value beyond a bound is clipped to the bound.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/fit.h"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace hf {

struct RankedParameter {
  uint32_t index = 0;     ///< in θ
  double bestFit = 0, uncertainty = 0;
  double prefitWidth = 0; ///< 0: unconstrained (no pre-fit impact)
  double prefitUp = 0, prefitDown = 0, postfitUp = 0, postfitDown = 0; ///< ΔPOI
};

struct Ranking {
  FitResult nominal;                  ///< the fit with uncertainties
  std::vector<RankedParameter> ranked; ///< by max(|postfitUp|, |postfitDown|), largest first
};

/// Scale-out over processes (MPI ranks): this process ranks the parameters
/// k with k % shards == shard, and allSum adds an array elementwise over all
/// processes (in place), after which every process has every impact.
struct RankingShards {
  unsigned shard = 0, shards = 1;
  std::function<void(std::span<double>)> allSum;
};

/// Ranks every free non-POI parameter of the likelihood's model on `data`,
/// with `threads` fits at a time (0: all cores). `onParameter(done, total)`
/// reports progress. A fit that fails is a ComputeError naming the parameter.
Ranking rankParameters(const Fitter &fitter, const Dataset &data, const FitSettings &settings, unsigned threads = 0,
                       const std::function<void(size_t, size_t)> &onParameter = nullptr,
                       const RankingShards &shards = {});

/// The pre-fit width of parameter i (Gaussian: σ; Poisson: 1/√τ), 0 when it
/// has no constraint.
double prefitWidth(const ir::Module &m, uint32_t i);

} // namespace hf
