//===- report/plot/pulls.cpp - Nuisance-parameter pulls -------------------===//
//
// cabinetry's visualize.pulls: (θ̂ − θ₀)/σ_prefit with σ_postfit/σ_prefit
// error bars, on green ±1σ and yellow ±2σ bands, one row per parameter in
// the model's order. θ₀ is the constraint's centre: the auxiliary datum of
// a Gaussian, aux/τ (= 1) of a Poisson constraint.
//
//===----------------------------------------------------------------------===//
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <algorithm>
#include <cmath>

namespace hf::plot {

namespace {

bool isStaterror(const ir::ParamSet &set) {
  return std::find(set.types.begin(), set.types.end(), "staterror") != set.types.end();
}

/// The centre of parameter i's constraint.
double constraintCentre(const ir::Module &m, uint32_t i) {
  const ir::ParamSet &set = m.paramsets[m.params[i].paramset];
  uint32_t c = m.params[i].component;
  if (set.constraint == ir::Constraint::Poisson)
    return set.widths[c] > 0 ? set.auxdata[c] / set.widths[c] : 1;
  return set.auxdata[c];
}

} // namespace

PullsData pullsData(const ir::Module &m, const FitResult &fit, bool includeAll) {
  PullsData d;
  for (uint32_t i = 0; i < m.params.size(); ++i) {
    double width = prefitWidth(m, i);
    if (width <= 0)
      continue; // unconstrained: no pre-fit width to pull against
    const ir::ParamSet &set = m.paramsets[m.params[i].paramset];
    if (!includeAll && (m.params[i].fixed || isStaterror(set)))
      continue;
    d.labels.push_back(m.params[i].name);
    d.pull.push_back((fit.theta[i] - constraintCentre(m, i)) / width);
    d.error.push_back(fit.uncertainties.empty() ? 0 : fit.uncertainties[i] / width);
  }
  return d;
}

Json toJson(const PullsData &d) {
  return Json{{"kind", "pulls"}, {"labels", d.labels}, {"pull", d.pull}, {"error", d.error}};
}

Figure figure(const PullsData &d) {
  Figure f;
  f.name = "pulls";
  f.width = 640;
  f.height = static_cast<int>(std::clamp(110.0 + 34.0 * d.labels.size(), 180.0, 2400.0));
  f.data = toJson(d);
  f.draw = [d](Canvas &canvas) {
    size_t n = d.labels.size();
    Axes axes;
    // At least ±3, wider when a pull or its error bar reaches further.
    double reach = 3;
    for (size_t k = 0; k < n; ++k)
      reach = std::max(reach, std::ceil(std::fabs(d.pull[k]) + d.error[k] + 0.25));
    axes.x = {-reach, reach};
    axes.y = {-0.5, n - 0.5};
    axes.xLabel = "(<i>θ̂</i> − <i>θ</i><sub>0</sub>) / Δ<i>θ</i>";
    for (size_t k = 0; k < n; ++k)
      axes.yCategories.push_back({static_cast<double>(n - 1 - k), Canvas::escape(d.labels[k])});
    axes.layout(canvas, {10, 12, canvas.width() - 20, canvas.height() - 8});
    Rect fr = axes.frame;
    canvas.fillRect(axes.px(-2), fr.y0, axes.px(2), fr.y1, colors::yellow);
    canvas.fillRect(axes.px(-1), fr.y0, axes.px(1), fr.y1, colors::green);
    canvas.line(axes.px(0), fr.y0, axes.px(0), fr.y1, colors::black, 1.2, Dash::Dotted);
    canvas.clip(fr.x0, fr.y0, fr.x1, fr.y1);
    for (size_t k = 0; k < n; ++k) {
      double y = axes.py(static_cast<double>(n - 1 - k));
      canvas.line(axes.px(d.pull[k] - d.error[k]), y, axes.px(d.pull[k] + d.error[k]), y, colors::black, 1.5);
      canvas.marker(axes.px(d.pull[k]), y, Marker::Circle, 8, colors::black);
    }
    canvas.unclip();
    axes.draw(canvas);
    if (n == 0)
      canvas.text((fr.x0 + fr.x1) / 2, (fr.y0 + fr.y1) / 2, "no constrained parameters to show", axes.fontSize,
                  {0.5, 0.5}, colors::grey);
  };
  return f;
}

} // namespace hf::plot
