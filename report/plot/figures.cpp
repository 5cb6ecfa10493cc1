//===- report/plot/figures.cpp - The runtime/ calls behind each figure ----===//
#include "report/plot/figures.h"

#include "frontend/json_text.h"
#include "hf/error.h"
#include "runtime/asymptotics.h"
#include "runtime/profile_scan.h"
#include "runtime/ranking.h"
#include "runtime/upper_limit.h"

#include <algorithm>
#include <cmath>

namespace hf::plot {

const std::vector<PlotKind> &allPlotKinds() {
  static const std::vector<PlotKind> kinds = {PlotKind::DataMc, PlotKind::Pulls, PlotKind::Corr,
                                              PlotKind::Ranking, PlotKind::Scan, PlotKind::Limit,
                                              PlotKind::Templates, PlotKind::Modifiers};
  return kinds;
}

const char *plotKindName(PlotKind kind) {
  switch (kind) {
  case PlotKind::DataMc:
    return "data-mc";
  case PlotKind::Pulls:
    return "pulls";
  case PlotKind::Corr:
    return "corr";
  case PlotKind::Ranking:
    return "ranking";
  case PlotKind::Scan:
    return "scan";
  case PlotKind::Limit:
    return "limit";
  case PlotKind::Templates:
    return "templates";
  case PlotKind::Modifiers:
    return "modifiers";
  }
  return "?";
}

PlotKind parsePlotKind(const std::string &name) {
  std::string known;
  for (PlotKind k : allPlotKinds()) {
    if (name == plotKindName(k))
      return k;
    known += std::string(known.empty() ? "" : ", ") + plotKindName(k);
  }
  throw InputError("error: unknown plot kind '" + name + "': expected one of " + known + " or all");
}

bool needsPoi(PlotKind kind) {
  return kind == PlotKind::Ranking || kind == PlotKind::Limit;
}

FigureMaker::FigureMaker(const ModelSpec &spec, const ir::Module &m, const Likelihood &likelihood,
                         PlotOptions options)
    : spec_(spec), m_(m), likelihood_(likelihood), options_(std::move(options)), fitter_(likelihood) {}

void FigureMaker::step(const std::string &what) const {
  if (options_.onStep)
    options_.onStep(what);
}

const FitResult &FigureMaker::fit() {
  if (!fit_) {
    step("fit");
    fit_ = fitter_.fit(observedData(m_), FitSettings::defaults(m_), true);
  }
  return *fit_;
}

std::vector<Figure> FigureMaker::make(PlotKind kind) {
  if (needsPoi(kind) || (kind == PlotKind::Scan && options_.scanPar.empty())) {
    if (m_.poiIndex < 0)
      throw InputError(std::string("error: hfc plot ") + plotKindName(kind) + ": the model has no POI" +
                       (m_.poiName.empty() ? " (its measurement names none)"
                                           : " ('" + m_.poiName + "' is not one of its parameters)") +
                       (kind == PlotKind::Scan ? "; choose a parameter with --par NAME" : ""));
  }
  switch (kind) {
  case PlotKind::DataMc: {
    if (!options_.predict)
      throw ComputeError("error: hfc plot data-mc: this build has no predictions (report/prediction.cpp)");
    step(options_.postfit ? "post-fit prediction" : "pre-fit prediction");
    report::Prediction p = options_.predict(options_.postfit ? &fit() : nullptr);
    return dataMcFigures(p, options_.logY);
  }
  case PlotKind::Pulls:
    return {figure(pullsData(m_, fit(), options_.includeAll))};
  case PlotKind::Corr:
    return {figure(corrData(m_, fit(), options_.threshold))};
  case PlotKind::Ranking: {
    Ranking r = rankParameters(fitter_, observedData(m_), FitSettings::defaults(m_), options_.threads,
                               [&](size_t done, size_t total) {
                                 step("ranking " + std::to_string(done) + "/" + std::to_string(total));
                               });
    return {figure(rankingData(m_, r, options_.maxPars))};
  }
  case PlotKind::Scan: {
    uint32_t par = static_cast<uint32_t>(m_.poiIndex);
    if (!options_.scanPar.empty()) {
      int found = m_.findParameter(options_.scanPar);
      if (found < 0)
        throw InputError("error: --par: the model has no parameter '" + options_.scanPar + "'");
      par = static_cast<uint32_t>(found);
    }
    if (m_.params[par].fixed)
      throw InputError("error: --par: '" + m_.params[par].name + "' is fixed in the measurement; nothing to scan");
    if (options_.scanSteps < 2)
      throw InputError("error: --scan-steps: expected at least 2 points");
    const FitResult &best = fit();
    // cabinetry's default range: θ̂ ± 2σ, clipped to the parameter's bounds.
    double sigma = best.uncertainties[par];
    double lo = std::max(m_.params[par].lo, best.theta[par] - 2 * sigma);
    double hi = std::min(m_.params[par].hi, best.theta[par] + 2 * sigma);
    if (!(hi > lo))
      throw ComputeError("error: hfc plot scan: '" + m_.params[par].name + "' has no range to scan (σ = " +
                         std::to_string(sigma) + ")");
    step("scan of " + m_.params[par].name);
    ProfileScan scan = profileScan(fitter_, observedData(m_), FitSettings::defaults(m_), par,
                                   evenlySpaced(lo, hi, options_.scanSteps));
    ScanData d{m_.params[par].name, best.theta[par], sigma, scan.values, {}};
    // Relative to the lowest minimum found (the scan's own free fit may
    // differ from `best` by the minimizer's tolerance).
    double bestNll = std::min(best.twiceNll, scan.best.twiceNll);
    for (double v : scan.twiceNll)
      d.deltaTwiceNll.push_back(v - bestNll);
    return {figure(d)};
  }
  case PlotKind::Limit: {
    size_t poi = requirePoi(m_);
    FitSettings settings = FitSettings::defaults(m_);
    AsymptoticCalculator calc(likelihood_, TestStatistic::QTilde, settings, observedData(m_));
    int tests = 0;
    auto hypotest = [&](double mu) {
      step("limit: hypothesis test " + std::to_string(++tests));
      HypoTestResult r = calc.hypotest(mu);
      return CLsPoint{r.clsObs, r.clsExp};
    };
    UpperLimitResult r = upperLimitRootFinding(hypotest, settings.lo[poi], settings.hi[poi], options_.level);
    return {figure(limitData(m_.params[poi].name, r, options_.level))};
  }
  case PlotKind::Templates: {
    std::vector<TemplatesData> t = options_.templatesFile.empty()
                                       ? templatesOfSpec(spec_)
                                       : templatesOfHistograms(readJsonFile(options_.templatesFile),
                                                               options_.templatesFile);
    std::vector<Figure> figures;
    for (const TemplatesData &d : t)
      figures.push_back(figure(d));
    return figures;
  }
  case PlotKind::Modifiers:
    return {figure(modifierGrid(spec_))};
  }
  return {};
}

} // namespace hf::plot
