//===- report/plot/figures.h - Every figure of a model, computed once -----===//
//
// What `hfc plot KIND`, `hfc plot all` and `hfc report` share: for a model
// and its likelihood, the runtime/ calls behind each figure (one fit with
// uncertainties for pulls, correlations, scans and post-fit data/MC, the
// ranking's refits, a profile scan, the CLs limit search), each done at most
// once per FigureMaker, and the figures built from them (plots.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "report/plot/plots.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hf::plot {

enum class PlotKind { DataMc, Pulls, Corr, Ranking, Scan, Limit, Templates, Modifiers };

/// Every kind, in the order `hfc plot all` draws them.
const std::vector<PlotKind> &allPlotKinds();
const char *plotKindName(PlotKind kind);
/// "data-mc", "pulls", ...; InputError listing the kinds otherwise.
PlotKind parsePlotKind(const std::string &name);
/// Ranking, scan (of the POI) and limit need a POI.
bool needsPoi(PlotKind kind);

struct PlotOptions {
  bool postfit = false;        ///< data-mc: post-fit yields and bands
  bool logY = false;           ///< data-mc: log y axis
  bool includeAll = false;     ///< pulls: staterror and fixed parameters too
  double threshold = 0;        ///< corr: drop parameters with max |ρ| below it
  size_t maxPars = 10;         ///< ranking: show at most this many (0: all)
  std::string scanPar;         ///< scan: this parameter instead of the POI
  int scanSteps = 11;          ///< scan: points over θ̂ ± 2σ (clipped to the bounds)
  double level = 0.05;         ///< limit: the CLs level
  std::string templatesFile;   ///< templates: cabinetry's template histograms instead of the workspace's histosys
  unsigned threads = 0;        ///< ranking: fits at a time (0: all cores)
  /// data-mc: the model's prediction, pre-fit (fit null) or post-fit; unset
  /// makes data-mc a ComputeError.
  std::function<report::Prediction(const FitResult *fit)> predict;
  /// Called before each long step ("fit", "ranking 3/7", ...), for progress.
  std::function<void(const std::string &)> onStep;
};

class FigureMaker {
public:
  FigureMaker(const ModelSpec &spec, const ir::Module &m, const Likelihood &likelihood, PlotOptions options);

  /// The figures of one kind. InputError when the kind needs a POI the
  /// model lacks, or an option names what the model does not have;
  /// ComputeError when a fit fails.
  std::vector<Figure> make(PlotKind kind);

  /// The fit with uncertainties on the observed data (computed once).
  const FitResult &fit();

private:
  void step(const std::string &what) const;
  const ModelSpec &spec_;
  const ir::Module &m_;
  const Likelihood &likelihood_;
  PlotOptions options_;
  Fitter fitter_;
  std::optional<FitResult> fit_;
};

} // namespace hf::plot
