//===- hf/model.h - A compiled HistFactory model and what it answers ------===//
//
// The embedded C++ API: load a model (.json or .hf, with patches), compile it
// (LLVM JIT by default), evaluate its log-likelihood and gradient, and run the
// inference the CLI runs — fits, CLs, upper limits, significance, profile
// scans — with the same code and the same numbers as `hfc fit|cls|limit|…`.
//
//   hfc::Model model = hfc::Model::load("workspace.json");
//   hfc::HypoTest t = model.cls(1.0);          // t.clsObs, t.clsExp
//   hfc::Limit l = model.upperLimit();          // l.obs, l.exp
//
// Conventions are pyhf's: parameters in pyhf's order and with its names
// ("gamma_stat[3]" for per-bin sets); `data` means the main data followed by
// the auxiliary data, as pyhf's model.logpdf(pars, data) takes it.
// Errors are exceptions: hf::InputError for bad input (exit code 2 in the
// CLI), hf::ComputeError for a computation that failed (a fit that did not
// converge). A Model may be evaluated (logpdf, gradient, expectedData) from
// several threads at once; the inference methods cache fits and are not
// thread-safe on one Model.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "hf/error.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace hfc {

using hf::ComputeError;
using hf::InputError;

/// How a model is compiled.
struct CompileOptions {
  /// Interpolation codes, e.g. "normsys=code1,histosys=code0" ("" = pyhf's
  /// defaults code4 and code4p).
  std::string interp;
  /// Evaluate with the IR interpreter (the numerical reference) instead of
  /// JIT-compiled machine code.
  bool interpreter = false;
  /// Keep the JIT's machine code in this directory between runs (as the
  /// CLI's ~/.cache/hfc; "" = no disk cache, the default for the library).
  /// Models of one structure share machine code within a process anyway.
  std::string cacheDir;
};

/// Which model of a file: patches, a PatchSet point, the measurement.
struct LoadOptions {
  std::vector<std::string> patches; ///< JSON Patch files applied to the model spec, in order
  std::string patchset;             ///< a pyhf PatchSet file ...
  std::string point;                ///< ... and the name of its point
  std::string measurement;          ///< "" = the first
  CompileOptions compile;
};

/// One entry of the parameter table.
struct Parameter {
  std::string name;
  double init = 0, lo = 0, hi = 0;
  bool fixed = false;
};

enum class TestStat { Q, QTilde };

struct FitOptions {
  std::map<std::string, double> fixed; ///< parameters held at a value (on top of the model's fixed ones)
  bool uncertainties = true;           ///< compute uncertainties and correlations (a Hessian)
  /// Initial values, one per parameter (empty = the model's); a fixed
  /// parameter is held at its init. pyhf's init_pars.
  std::vector<double> init;
  /// Bounds, one (lo, hi) per parameter (empty = the model's). pyhf's par_bounds.
  std::vector<std::pair<double, double>> bounds;
};

struct Fit {
  std::vector<double> values;
  std::vector<double> uncertainties;              ///< 0 for fixed parameters (empty without uncertainties)
  std::vector<std::vector<double>> correlations;  ///< (empty without uncertainties)
  double twiceNll = 0;
  bool converged = false;
};

/// CLs at one POI value: observed and the expected band, pyhf's order
/// (−2σ, −1σ, median, +1σ, +2σ).
struct HypoTest {
  double clsObs = 0;
  std::array<double, 5> clsExp{};
  double clsb = 0, clb = 0;
  double muHat = 0; ///< the unconditional best-fit POI
};

/// Upper limits on the POI at 1 − level: observed and the expected band.
struct Limit {
  double obs = 0;
  std::array<double, 5> exp{};
  /// The POI values tested (evaluation order, each once) and CLs at each:
  /// what pyhf's upper_limit(..., return_results=True) returns.
  std::vector<double> testedMu;
  std::vector<double> testedClsObs;
  std::vector<std::array<double, 5>> testedClsExp;
};

/// How a hypothesis test is computed: pyhf's hypotest keywords.
struct HypoTestOptions {
  TestStat stat = TestStat::QTilde;
  bool toys = false;   ///< pyhf's calctype="toybased" (false: "asymptotics")
  size_t ntoys = 2000; ///< toys per sample
  uint64_t seed = 0;   ///< the toys depend on the seed only
  /// Inits, bounds and fixed parameters of the fits (uncertainties unused);
  /// the defaults share the model's cached fits.
  FitOptions fit;
};

struct Significance {
  double p0Obs = 0, p0Exp = 0, zObs = 0, zExp = 0;
};

struct Scan {
  std::vector<double> values, twiceNll, deltaTwiceNll;
  double bestFit = 0, bestTwiceNll = 0; ///< the unconditional fit: the parameter's value and twiceNll
};

/// One nuisance parameter's impact on the POI: the best-fit POI with the
/// parameter held at its best fit ± its post-fit uncertainty (or ± its
/// pre-fit constraint width), minus the nominal best-fit POI.
struct Impact {
  std::string parameter;
  double bestFit = 0, uncertainty = 0;
  double postfitUp = 0, postfitDown = 0;
  bool hasPrefit = false;           ///< false for unconstrained parameters (normfactor, shapefactor)
  double prefitUp = 0, prefitDown = 0;
};

/// One side of a MINOS interval.
struct MinosError {
  double error = 0;     ///< signed distance from the best fit (≤ 0 below, ≥ 0 above)
  bool valid = false;   ///< the profile crossed min + Δ there
  bool atBound = false; ///< it did not before the parameter's bound: error reaches the bound
  std::string problem;  ///< why it is not valid ("" when valid)
};

/// MINOS: where twice_nll profiled over the other parameters rises by Δ.
struct MinosInterval {
  std::string parameter;
  double bestFit = 0;
  double deltaTwiceNll = 1; ///< Δ of the confidence level asked for
  MinosError lower, upper;
};

/// The saturated-model goodness of fit (cabinetry's definition).
struct GoodnessOfFit {
  double pValue = 0;       ///< NaN when ndof ≤ 0
  double deltaNll = 0;     ///< twice_nll/2 of the best fit − the saturated model's −ln L
  double saturatedNll = 0;
  int ndof = 0;            ///< main bins − free unconstrained parameters
};

/// One channel's expected yields and uncertainty bands (cabinetry's
/// prediction): every sample of the model, in pyhf's order, zeros where absent.
struct ChannelPrediction {
  std::string name;
  std::vector<std::string> samples;
  std::vector<std::vector<double>> yields, sampleStdev; ///< [sample][bin]
  std::vector<double> totalYields, totalStdev;          ///< [bin]
  std::vector<double> sampleTotals, sampleTotalStdev;   ///< [sample], summed over bins
  double total = 0, totalStdevSum = 0;                  ///< the channel's sum and its band
  std::vector<double> data;                             ///< [bin]
};

struct Prediction {
  std::string label; ///< "pre-fit" or "post-fit"
  std::vector<ChannelPrediction> channels;
  std::vector<double> parameters, uncertainties; ///< the point and the widths propagated
};

class Model {
public:
  /// Reads a .json workspace or a .hf model and compiles it.
  static Model load(const std::string &path, const LoadOptions &options = {});
  /// A workspace given as pyhf JSON text.
  static Model fromJson(const std::string &workspaceJson, const LoadOptions &options = {});

  Model(Model &&) noexcept;
  Model &operator=(Model &&) noexcept;
  ~Model();

  const std::vector<Parameter> &parameters() const;
  /// The index of a parameter by name; InputError naming the closest ones.
  size_t index(const std::string &name) const;
  /// The POI's name ("" for a background-only model).
  const std::string &poi() const;
  std::vector<double> inits() const;
  /// Channel names in pyhf's order, with their bin counts.
  std::vector<std::pair<std::string, size_t>> channels() const;

  /// Observed main data followed by the auxiliary data.
  std::vector<double> observedData() const;
  /// The number of main bins (all channels) and of auxiliary data.
  size_t mainDataSize() const;
  size_t auxDataSize() const;
  /// Expected main data followed by the expected auxiliary data at pars.
  std::vector<double> expectedData(std::span<const double> pars) const;
  /// log L(pars | observed data).
  double logpdf(std::span<const double> pars) const;
  /// log L(pars | data), data = main followed by auxiliary data.
  double logpdf(std::span<const double> pars, std::span<const double> data) const;
  /// logpdf on the observed data and its gradient (d logpdf / d pars) in grad.
  double logpdfGradient(std::span<const double> pars, std::span<double> grad) const;
  /// logpdf on `data` (main followed by auxiliary data) and its gradient.
  double logpdfGradient(std::span<const double> pars, std::span<const double> data, std::span<double> grad) const;
  /// expectedData(pars) written into `out` (main then auxiliary, or only the
  /// main bins when out has that size): no allocation, for callers that own
  /// the buffer (numpy arrays).
  void expectedData(std::span<const double> pars, std::span<double> out) const;

  /// Replaces the data (main followed by auxiliary data) that logpdf(pars),
  /// the fits and the inference methods use, and drops their cached fits;
  /// observedData() then returns it. pyhf's inference takes the data as an
  /// argument; this is how a front passes it. Not thread-safe.
  void setData(std::span<const double> data);

  /// Maximum-likelihood fit to the observed data.
  Fit fit(const FitOptions &options = {}) const;
  /// CLs at POI = mu (asymptotic calculator).
  HypoTest cls(double mu, TestStat stat = TestStat::QTilde) const;
  /// CLs at POI = mu with the calculator, statistic and fit settings of
  /// `options` (asymptotic or toys).
  HypoTest cls(double mu, const HypoTestOptions &options) const;
  /// CLs upper limit by root finding, bracketed by the POI's bounds (pyhf's).
  Limit upperLimit(double level = 0.05, TestStat stat = TestStat::QTilde) const;
  /// CLs upper limit with the hypothesis tests of `options`: root finding in
  /// the POI's bounds when `scan` is empty, else pyhf's interpolation of CLs
  /// on the grid `scan` (upper_limit(..., scan=...)).
  Limit upperLimit(double level, const HypoTestOptions &options, const std::vector<double> &scan = {}) const;
  /// Discovery p-value and significance from q0.
  Significance significance() const;
  /// The impact of every free nuisance parameter on the POI, largest
  /// post-fit impact first (`hfc ranking`); options.fixed stay fixed.
  std::vector<Impact> ranking(const FitOptions &options = {}) const;
  /// Profile likelihood of `parameter` ("" = the POI) at n points in [lo, hi].
  Scan scan(double lo, double hi, int n, const std::string &parameter = "") const;
  /// Profile likelihood of `parameter` ("" = the POI) at `values`, the fits
  /// with `options`'s inits, bounds and fixed parameters.
  Scan scan(const std::vector<double> &values, const std::string &parameter, const FitOptions &options) const;

  /// MINOS interval of `parameter` after a fit (options.fixed stay fixed);
  /// cl as iminuit takes it: 0 = Δ(twice_nll) = 1, in (0, 1) a confidence
  /// level, ≥ 1 a number of standard deviations.
  MinosInterval minos(const std::string &parameter, double cl = 0, const FitOptions &options = {}) const;
  /// Goodness of fit of the best fit against the saturated model.
  GoodnessOfFit goodnessOfFit(const FitOptions &options = {}) const;
  /// Expected yields with bands: pre-fit (inits, pre-fit uncertainties, no
  /// correlations) or post-fit (a fit with options, its uncertainties and
  /// correlations), as cabinetry's model_utils.prediction.
  Prediction prediction(bool postfit = false, const FitOptions &options = {}) const;
  /// cabinetry's Asimov data (main followed by auxiliary data): the
  /// expected data with constrained parameters at their auxiliary data and
  /// the others at their inits.
  std::vector<double> asimovData() const;

  /// The model's IR after the passes (what `hfc MODEL --emit-ir` prints).
  std::string ir() const;
  /// Milliseconds spent differentiating, optimizing and compiling.
  double compileMs() const;

  struct Impl;

private:
  friend class ModelBuilder;
  explicit Model(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace hfc
