//===- runtime/toys.h - The toy-based calculator ---------------------------===//
//
// pyhf's ToyCalculator (inference.md §5): pseudo-experiments drawn from the
// model at the fixed-POI fits θ_s = θ̂̂(μ) and θ_b = θ̂̂(0) (θ̂̂(1) for q0), the
// raw test statistic on each, and CLs from the empirical distributions. Toy k
// of a sample has its own generator, seeded from (seed, k, sample), so the
// results depend on the seed only, not on the number of threads the toys run
// on.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/asymptotics.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <span>
#include <vector>

namespace hf {

struct ToyOptions {
  size_t ntoys = 2000;  ///< per sample (pyhf's default)
  uint64_t seed = 0;
  unsigned threads = 0; ///< 0: std::thread::hardware_concurrency()
  bool progress = true; ///< "toys: k/n" on stderr when it is a terminal or the toys are slow
  /// The toys are numbers firstToy … firstToy + ntoys − 1 of the seed's
  /// sequence: runs on several machines (or MPI ranks) take disjoint ranges
  /// of one seed, and their merged distributions equal one run's.
  uint64_t firstToy = 0;
  /// The toy fits' precision (FitSettings::gradientGoal): they stop once the
  /// gradient in each parameter's curvature scale is below this, without the
  /// Newton polishing (and its Hessian) the reference fits get. 0 polishes
  /// every toy fit like the observed one.
  double gradientGoal = 1e-3;
  /// Scale-out over processes (MPI ranks): this process computes the toys k
  /// with k % shards == shard, and allSum adds an array elementwise over all
  /// the processes (in place, every process gets the sum), after which every
  /// process has every toy. The toys and their seeds are those of one
  /// process, so the results are the same for any number of shards.
  unsigned shard = 0, shards = 1;
  std::function<void(std::span<double>)> allSum;
};

/// The two samples of a hypothesis test.
enum class ToySample : uint32_t { Signal = 0, Background = 1 };

/// The generator of toy k of a sample: std::mt19937_64 seeded through
/// std::seed_seq from the 32-bit halves of seed and k, and the sample.
std::mt19937_64 toyGenerator(uint64_t seed, uint64_t k, ToySample sample);

/// A dataset drawn from the model at theta (§5.2): main bins ~ Poisson(λ(θ)),
/// Gaussian aux ~ Normal(θ_j, σ_j), Poisson aux ~ Poisson(θ_j·τ_j), in that
/// order (main bins, then the constrained paramsets in order). ComputeError
/// when a mean is negative or not a number.
Dataset sampleDataset(const Likelihood &likelihood, std::span<const double> theta, std::mt19937_64 &rng);

/// Empirical p-value (§5.5): the fraction of `sorted` (ascending) that is >= v.
double empiricalPValue(std::span<const double> sorted, double v);

/// numpy's percentile with linear interpolation: position p/100·(N−1) in
/// `sorted` (ascending, non-empty).
double percentile(std::span<const double> sorted, double p);

/// CLs at the observed statistic q from the toys' distributions of the test
/// statistic (in any order; NaN entries, failed toys, are left out): CLsb and
/// CLb as the fractions at or above q, and the expected band from the
/// p-values of the background toys at the band's percentiles. For q0
/// (`discovery`), p0 = CLsb is clsObs and the band is CLsb's. This is
/// hypotest's last step, for distributions merged from several runs.
/// ComputeError when a sample has no finite toy.
HypoTestResult toyHypoTestResult(double q, std::span<const double> signal, std::span<const double> background,
                                 bool discovery);

class ToyCalculator {
public:
  ToyCalculator(const Likelihood &likelihood, TestStatistic statistic, FitSettings settings, Dataset observed,
                ToyOptions options = {});

  /// CLs at μ from toys (for q0, μ is ignored: the discovery test at 0, with
  /// p0 = CLsb as clsObs and the CLsb band). ComputeError when more than 1%
  /// of the toys' fits fail; fewer failures are reported on stderr and those
  /// toys are left out of the distributions.
  HypoTestResult hypotest(double mu);

  /// The parameters the last hypotest drew a sample at (θ_s or θ_b).
  const std::vector<double> &generatingTheta(ToySample sample) const;
  /// The test statistic of every toy of a sample of the last hypotest, in
  /// toy order; NaN for a toy whose fits failed.
  const std::vector<double> &toyStatistics(ToySample sample) const;
  /// Toys of the last hypotest whose fits failed (both samples).
  size_t failedToys() const { return failed_; }

  const Fitter &fitter() const { return fitter_; }

private:
  const FitResult &observedFit();
  /// The raw test statistic at μ on toy k of a sample, drawn at theta:
  /// the free fit (from the inits and from theta), then the fixed-μ fit;
  /// NaN when they fail.
  double toyStatistic(double mu, const std::vector<double> &theta, uint64_t k, ToySample sample) const;
  void runToys(double mu);
  /// Every shard's toys into statistics_ (ToyOptions::shards > 1).
  void gatherShards();

  Fitter fitter_;
  TestStatistic statistic_;
  FitSettings settings_;
  FitSettings toySettings_; ///< settings_ with the observed fit's preconditioning
  Dataset observed_;
  ToyOptions options_;
  size_t poi_;
  std::optional<FitResult> freeObserved_;
  std::vector<double> theta_[2];
  std::vector<double> statistics_[2];
  size_t failed_ = 0;
};

} // namespace hf
