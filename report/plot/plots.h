//===- report/plot/plots.h - The figures a physicist looks at after a fit -===//
//
// One family per file (data_mc, pulls, corr, ranking, scan, limit,
// templates, modifiers), each in three steps:
//   1. a plain struct with the numbers behind the figure, built from what
//      runtime/ computed (a FitResult, a Ranking, a ProfileScan, an
//      UpperLimitResult) or from the model itself (its templates, its
//      modifiers); nothing here fits or evaluates a likelihood;
//   2. toJson(): those numbers as `hfc plot --format json` writes them;
//   3. figure(): a Figure that draws them (cairo, canvas.h), in the style of
//      cabinetry's matplotlib/mplhep figures.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"
#include "frontend/spec.h"
#include "report/plot/canvas.h"
#include "report/prediction.h"
#include "runtime/fit.h"
#include "runtime/ranking.h"
#include "runtime/upper_limit.h"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hf::plot {

/// One picture: its file stem ("pulls", "data_mc_SR_prefit"), its default
/// size in pixels, the drawing and the numbers behind it.
struct Figure {
  std::string name;
  int width = 640, height = 480;
  std::function<void(Canvas &)> draw;
  Json data;
};

//===--- data/MC (data_mc.cpp) ---===//
/// Per channel: stacked samples, data with Poisson (Garwood 68%) error
/// bars, the hatched band of the total, the data/model ratio below. Bin
/// edges from the prediction when known, else bin numbers.
std::vector<Figure> dataMcFigures(const report::Prediction &prediction, bool logY);
/// The 68% central Poisson interval of n observed events (Garwood):
/// [χ²⁻¹(0.1587; 2n)/2, χ²⁻¹(0.8413; 2n + 2)/2], lower 0 for n = 0.
std::pair<double, double> poissonInterval(double n);

//===--- pulls (pulls.cpp) ---===//
struct PullsData {
  std::vector<std::string> labels;
  std::vector<double> pull, error; ///< (θ̂ − θ₀)/σ_prefit and σ_postfit/σ_prefit
};
/// Constrained, free parameters of the fit; staterror (and, with
/// includeAll, also fixed ones, with error 0) only when includeAll.
/// Unconstrained parameters (normfactor, shapefactor) have no pull.
PullsData pullsData(const ir::Module &m, const FitResult &fit, bool includeAll);
Json toJson(const PullsData &d);
Figure figure(const PullsData &d);

//===--- correlations (corr.cpp) ---===//
struct CorrData {
  std::vector<std::string> labels;
  std::vector<std::vector<double>> matrix;
};
/// The post-fit correlation matrix without fixed parameters and without
/// parameters whose largest |ρ| with any other is below `threshold`.
CorrData corrData(const ir::Module &m, const FitResult &fit, double threshold);
Json toJson(const CorrData &d);
Figure figure(const CorrData &d);

//===--- ranking (ranking.cpp) ---===//
struct RankingData {
  std::string poi;
  double poiBestFit = 0, poiUncertainty = 0;
  std::vector<std::string> labels; ///< largest post-fit impact first
  std::vector<double> pull, pullError;             ///< NaN for unconstrained parameters
  std::vector<double> prefitUp, prefitDown;        ///< NaN for unconstrained parameters
  std::vector<double> postfitUp, postfitDown;
};
/// The `max` highest-ranked parameters (all when max is 0).
RankingData rankingData(const ir::Module &m, const Ranking &r, size_t max);
Json toJson(const RankingData &d);
Figure figure(const RankingData &d);

//===--- scan (scan.cpp) ---===//
struct ScanData {
  std::string parameter;
  double bestFit = 0, uncertainty = 0; ///< the unconditional fit and its Hesse error
  std::vector<double> values, deltaTwiceNll;
};
Json toJson(const ScanData &d);
Figure figure(const ScanData &d);

//===--- limit (limit.cpp) ---===//
struct LimitData {
  std::string poi;
  double level = 0.05;
  std::vector<double> mu;                 ///< increasing
  std::vector<double> clsObs;
  std::array<std::vector<double>, 5> clsExp; ///< pyhf's order: +2σ, +1σ, median, −1σ, −2σ in CLs (ascending)
  double observedLimit = 0;
  std::array<double, 5> expectedLimits{};
};
/// The tested points sorted by μ, and the limits.
LimitData limitData(const std::string &poi, const UpperLimitResult &r, double level);
Json toJson(const LimitData &d);
Figure figure(const LimitData &d);

//===--- templates (templates.cpp) ---===//
struct Histogram {
  std::vector<double> yields, stdev; ///< stdev may be empty
};
/// One systematic of one sample: the nominal template and its variations,
/// before (original) and after post-processing (modified) when both exist.
struct TemplatesData {
  std::string channel, sample, systematic;
  std::vector<double> binEdges; ///< empty: bin numbers
  Histogram nominal;
  std::optional<Histogram> up, down, upModified, downModified;
};
/// The histosys modifiers of a workspace (hi_data, lo_data) against their
/// sample's nominal yields.
std::vector<TemplatesData> templatesOfSpec(const ModelSpec &spec);
/// cabinetry's template histograms ({"original": {NAME: {bins, yields,
/// stdev}}, "modified": {...}} with NAME = region_sample[_systematic_Up|Down]);
/// InputError naming the JSON path of a malformed entry.
std::vector<TemplatesData> templatesOfHistograms(const Json &doc, const std::string &file);
Json toJson(const TemplatesData &d);
Figure figure(const TemplatesData &d);

//===--- modifier grid (modifiers.cpp) ---===//
struct ModifierGrid {
  struct Channel {
    std::string name;
    std::vector<std::string> samples, parameters; ///< parameters: modifier names, first-seen order
    std::vector<std::vector<std::string>> types;  ///< [sample][parameter]: "normsys + histosys", "" for none
  };
  std::vector<Channel> channels;
};
ModifierGrid modifierGrid(const ModelSpec &spec);
Json toJson(const ModifierGrid &g);
Figure figure(const ModifierGrid &g);

} // namespace hf::plot
