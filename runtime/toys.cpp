//===- runtime/toys.cpp - The toy-based calculator -------------------------===//
#include "runtime/toys.h"

#include "runtime/cancel.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace hf {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The band's percentiles: Φ(n) for n = −2…2 in %, so that the lowest CLs
/// (n = +2 in the asymptotic band) comes first (§5.6).
constexpr double kBandPercentiles[5] = {2.27501319, 15.86552539, 50.0, 84.13447461, 97.72498681};

double drawPoisson(double mean, std::mt19937_64 &rng) {
  if (!(mean >= 0))
    throw ComputeError(fmt::format("error: cannot draw toys: a Poisson mean is {} at the fitted parameters", mean));
  if (mean == 0)
    return 0;
  return static_cast<double>(std::poisson_distribution<long long>(mean)(rng));
}

/// The values of `all` that are not NaN, ascending.
std::vector<double> sortedFinite(std::span<const double> all) {
  std::vector<double> v;
  v.reserve(all.size());
  for (double x : all)
    if (!std::isnan(x))
      v.push_back(x);
  std::sort(v.begin(), v.end());
  return v;
}

} // namespace

std::mt19937_64 toyGenerator(uint64_t seed, uint64_t k, ToySample sample) {
  std::seed_seq seq{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32), static_cast<uint32_t>(k),
                    static_cast<uint32_t>(k >> 32), static_cast<uint32_t>(sample)};
  return std::mt19937_64(seq);
}

Dataset sampleDataset(const Likelihood &likelihood, std::span<const double> theta, std::mt19937_64 &rng) {
  const ir::Module &m = likelihood.model();
  Dataset d{std::vector<double>(m.nMain), std::vector<double>(m.nAux)};
  likelihood.expected(theta, d.main, d.aux);
  for (double &x : d.main)
    x = drawPoisson(x, rng);
  // Auxiliary data around the parameters themselves, whatever the nominal
  // auxiliary data were.
  for (const ir::ParamSet &set : m.paramsets) {
    if (set.constraint == ir::Constraint::None)
      continue;
    for (uint32_t c = 0; c < set.size; ++c) {
      double value = theta[set.start + c], width = set.widths[c];
      double &aux = d.aux[set.auxStart + c];
      if (set.constraint == ir::Constraint::Gauss)
        aux = std::normal_distribution<double>(value, width)(rng);
      else
        aux = drawPoisson(value * width, rng);
    }
  }
  return d;
}

double empiricalPValue(std::span<const double> sorted, double v) {
  auto first = std::lower_bound(sorted.begin(), sorted.end(), v);
  return static_cast<double>(sorted.end() - first) / static_cast<double>(sorted.size());
}

double percentile(std::span<const double> sorted, double p) {
  size_t n = sorted.size();
  double position = p / 100 * static_cast<double>(n - 1);
  size_t below = std::min(static_cast<size_t>(std::floor(position)), n - 1);
  size_t above = std::min(below + 1, n - 1);
  double t = position - static_cast<double>(below);
  double a = sorted[below], b = sorted[above], diff = b - a;
  // numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

ToyCalculator::ToyCalculator(const Likelihood &likelihood, TestStatistic statistic, FitSettings settings,
                             Dataset observed, ToyOptions options)
    : fitter_(likelihood), statistic_(statistic), settings_(std::move(settings)), observed_(std::move(observed)),
      options_(options), poi_(requirePoi(likelihood.model())) {
  if (settings_.fixed[poi_])
    throw InputError("error: the POI \"" + likelihood.model().poiName +
                     "\" is fixed; a hypothesis test needs it free");
  if (options_.ntoys < 1)
    throw InputError("error: --ntoys: expected at least 1 toy");
  if (options_.shards > 1 && (options_.shard >= options_.shards || !options_.allSum))
    throw std::logic_error("ToyOptions: shard out of range, or shards without allSum");
}

const FitResult &ToyCalculator::observedFit() {
  if (!freeObserved_)
    freeObserved_ = fitter_.fit(observed_, settings_);
  return *freeObserved_;
}

const std::vector<double> &ToyCalculator::generatingTheta(ToySample sample) const {
  return theta_[static_cast<size_t>(sample)];
}

const std::vector<double> &ToyCalculator::toyStatistics(ToySample sample) const {
  return statistics_[static_cast<size_t>(sample)];
}

double ToyCalculator::toyStatistic(double mu, const std::vector<double> &theta, uint64_t k, ToySample sample) const {
  std::mt19937_64 rng = toyGenerator(options_.seed, options_.firstToy + k, sample);
  Dataset data = sampleDataset(fitter_.likelihood(), theta, rng);
  // The fits as for the observed data, from the inits and from a warm start:
  // the generating parameters for the free fit, its minimum for the fixed-μ
  // fit. (A single start from the generating parameters would be about twice
  // as fast, but on sbottom-sized models the minimizer stops short from there
  // often enough to shift q̃ by up to ~1 in several percent of the toys.)
  try {
    FitResult free = fitter_.fit(data, toySettings_, false, &theta);
    return testStatistic(fitter_, statistic_, mu, data, toySettings_, free);
  } catch (const ComputeError &) {
    if (cancelRequested())
      throw; // Ctrl-C (runtime/cancel.h), not a toy whose fit failed
    return kNaN;
  }
}

void ToyCalculator::runToys(double mu) {
  using Clock = std::chrono::steady_clock;
  size_t n = options_.ntoys, total = 2 * n;
  for (std::vector<double> &s : statistics_)
    s.assign(n, kNaN);
  unsigned threads = options_.threads ? options_.threads : std::thread::hardware_concurrency();
  threads = static_cast<unsigned>(std::clamp<size_t>(threads, 1, total));

  std::atomic<size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable finished;
  unsigned running = threads;
  std::exception_ptr error;
  auto worker = [&] {
    while (!stop) {
      size_t job = next.fetch_add(1);
      if (job >= total)
        break;
      // Signal and background toys alternate, so both samples fill evenly.
      auto sample = static_cast<ToySample>(job % 2);
      size_t k = job / 2;
      if (k % options_.shards != options_.shard) { // another process's
        ++done;
        continue;
      }
      try {
        statistics_[job % 2][k] = toyStatistic(mu, theta_[job % 2], k, sample);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error)
          error = std::current_exception();
        stop = true;
      }
      ++done;
    }
    std::lock_guard<std::mutex> lock(mutex);
    --running;
    finished.notify_all();
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back(worker);

  // Progress: on a terminal a line rewritten a few times a second; otherwise
  // a line a second, once the toys have taken more than a second.
  bool tty = options_.progress && isatty(fileno(stderr));
  Clock::time_point start = Clock::now(), lastLine = start;
  bool shown = false;
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(200), [&] { return running == 0; })) {
      Clock::time_point now = Clock::now();
      if (!options_.progress || (!tty && (now - start < std::chrono::seconds(1) ||
                                          now - lastLine < std::chrono::seconds(1))))
        continue;
      fmt::print(stderr, "{}toys: {}/{}{}", tty ? "\r" : "", done.load(), total, tty ? "" : "\n");
      std::fflush(stderr);
      lastLine = now;
      shown = true;
    }
  }
  for (std::thread &t : pool)
    t.join();
  if (shown)
    fmt::print(stderr, "{}toys: {}/{}\n", tty ? "\r" : "", done.load(), total);
  if (error)
    std::rethrow_exception(error);
  if (options_.shards > 1)
    gatherShards();
}

void ToyCalculator::gatherShards() {
  // Per toy: its statistic from the process that computed it (0 from the
  // others) and a flag for a failed one (NaN does not add).
  size_t n = options_.ntoys;
  std::vector<double> sums(4 * n, 0.0);
  for (size_t s = 0; s < 2; ++s)
    for (size_t k = 0; k < n; ++k)
      if (k % options_.shards == options_.shard) {
        double t = statistics_[s][k];
        sums[2 * s * n + k] = std::isnan(t) ? 0.0 : t;
        sums[(2 * s + 1) * n + k] = std::isnan(t) ? 1.0 : 0.0;
      }
  options_.allSum(sums);
  for (size_t s = 0; s < 2; ++s)
    for (size_t k = 0; k < n; ++k)
      statistics_[s][k] = sums[(2 * s + 1) * n + k] > 0 ? kNaN : sums[2 * s * n + k];
}

HypoTestResult ToyCalculator::hypotest(double mu) {
  if (statistic_ == TestStatistic::Q0)
    mu = 0;
  HypoTestResult r;
  const FitResult &free = observedFit();
  r.muHat = free.theta[poi_];
  r.q = testStatistic(fitter_, statistic_, mu, observed_, settings_, free);
  r.qA = kNaN;

  // The samples' parameters: the fixed-POI fits to the observed data (§5.1).
  double muB = statistic_ == TestStatistic::Q0 ? 1.0 : 0.0;
  theta_[0] = fitter_.fixedPoiFit(mu, observed_, settings_, &free.theta).theta;
  theta_[1] = fitter_.fixedPoiFit(muB, observed_, settings_, &free.theta).theta;
  // Every toy fit starts with the observed fit's preconditioning: toys are
  // fluctuations of the same model, and it saves a Hessian per fit.
  toySettings_ = settings_;
  toySettings_.scale = free.scale;
  toySettings_.gradientGoal = options_.gradientGoal;
  runToys(mu);

  size_t total = 2 * options_.ntoys;
  failed_ = 0;
  for (const std::vector<double> &s : statistics_)
    failed_ += static_cast<size_t>(std::count_if(s.begin(), s.end(), [](double x) { return std::isnan(x); }));
  if (failed_ * 100 > total)
    throw ComputeError(fmt::format("error: the fits of {} of {} toys did not converge (more than 1%)", failed_,
                                   total));
  if (failed_ > 0)
    fmt::print(stderr, "warning: the fits of {} of {} toys did not converge; those toys are left out\n", failed_,
               total);

  HypoTestResult fromToys = toyHypoTestResult(r.q, statistics_[0], statistics_[1], statistic_ == TestStatistic::Q0);
  fromToys.muHat = r.muHat;
  fromToys.qA = r.qA;
  return fromToys;
}

HypoTestResult toyHypoTestResult(double q, std::span<const double> signalToys,
                                 std::span<const double> backgroundToys, bool discovery) {
  std::vector<double> signal = sortedFinite(signalToys), background = sortedFinite(backgroundToys);
  if (signal.empty() || background.empty())
    throw ComputeError("error: no toy of a sample has a finite test statistic");
  HypoTestResult r;
  r.q = q;
  r.qA = kNaN;
  r.clsb = empiricalPValue(signal, q);
  r.clb = empiricalPValue(background, q);
  r.clsObs = discovery ? r.clsb : r.clsb / r.clb;

  // The expected band: the p-values of every background toy, at percentiles.
  std::vector<double> expected;
  expected.reserve(background.size());
  for (double t : background) {
    double clsb = empiricalPValue(signal, t);
    expected.push_back(discovery ? clsb : clsb / empiricalPValue(background, t));
  }
  std::sort(expected.begin(), expected.end());
  for (size_t k = 0; k < 5; ++k)
    r.clsExp[k] = percentile(expected, kBandPercentiles[k]);
  return r;
}

} // namespace hf
