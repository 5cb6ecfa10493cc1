//===- report/plot/ranking.cpp - Impacts of the nuisance parameters -------===//
//
// cabinetry's visualize.ranking: for each parameter, largest post-fit impact
// on top, the pre-fit impacts as open bars and the post-fit impacts as
// filled bars on the Δμ axis (top), with the parameter's pull and its
// post-fit error overlaid on the pull axis (bottom).
//
//===----------------------------------------------------------------------===//
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hf::plot {

namespace {

double centreOf(const ir::Module &m, uint32_t i) {
  const ir::ParamSet &set = m.paramsets[m.params[i].paramset];
  uint32_t c = m.params[i].component;
  if (set.constraint == ir::Constraint::Poisson)
    return set.widths[c] > 0 ? set.auxdata[c] / set.widths[c] : 1;
  return set.auxdata[c];
}

Json orNull(double v) { return std::isnan(v) ? Json(nullptr) : Json(v); }

Json orNull(const std::vector<double> &v) {
  Json out = Json::array();
  for (double x : v)
    out.push_back(orNull(x));
  return out;
}

} // namespace

RankingData rankingData(const ir::Module &m, const Ranking &r, size_t max) {
  RankingData d;
  size_t poi = requirePoi(m);
  d.poi = m.params[poi].name;
  d.poiBestFit = r.nominal.theta[poi];
  d.poiUncertainty = r.nominal.uncertainties.empty() ? 0 : r.nominal.uncertainties[poi];
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const RankedParameter &p : r.ranked) {
    if (max && d.labels.size() == max)
      break;
    d.labels.push_back(m.params[p.index].name);
    bool constrained = p.prefitWidth > 0;
    d.pull.push_back(constrained ? (p.bestFit - centreOf(m, p.index)) / p.prefitWidth : nan);
    d.pullError.push_back(constrained ? p.uncertainty / p.prefitWidth : nan);
    d.prefitUp.push_back(constrained ? p.prefitUp : nan);
    d.prefitDown.push_back(constrained ? p.prefitDown : nan);
    d.postfitUp.push_back(p.postfitUp);
    d.postfitDown.push_back(p.postfitDown);
  }
  return d;
}

Json toJson(const RankingData &d) {
  return Json{{"kind", "ranking"},
              {"poi", d.poi},
              {"poi_bestfit", Json{d.poiBestFit, d.poiUncertainty}},
              {"labels", d.labels},
              {"pull", orNull(d.pull)},
              {"pull_error", orNull(d.pullError)},
              {"prefit_up", orNull(d.prefitUp)},
              {"prefit_down", orNull(d.prefitDown)},
              {"postfit_up", d.postfitUp},
              {"postfit_down", d.postfitDown}};
}

Figure figure(const RankingData &d) {
  Figure f;
  f.name = "ranking";
  f.width = 800;
  f.height = static_cast<int>(std::clamp(190.0 + 50.0 * d.labels.size(), 300.0, 2400.0));
  f.data = toJson(d);
  f.draw = [d](Canvas &canvas) {
    size_t n = d.labels.size();
    const double fontSize = 13;
    const Color upColor = colors::blue, downColor = colors::lightBlue;
    std::vector<LegendEntry> legend = {
        {LegendEntry::Kind::Outline, upColor, "pre-fit impact: <i>θ</i> = <i>θ̂</i> + Δ<i>θ</i>"},
        {LegendEntry::Kind::Fill, upColor, "post-fit impact: <i>θ</i> = <i>θ̂</i> + Δ<i>θ̂</i>"},
        {LegendEntry::Kind::MarkerError, colors::black, "pull"},
        {LegendEntry::Kind::Outline, downColor, "pre-fit impact: <i>θ</i> = <i>θ̂</i> − Δ<i>θ</i>"},
        {LegendEntry::Kind::Fill, downColor, "post-fit impact: <i>θ</i> = <i>θ̂</i> − Δ<i>θ̂</i>"}};
    Size legendBox = legendSize(canvas, legend, fontSize, 3);
    double legendTop = 8;
    // Impact axis: symmetric, a little beyond the largest impact.
    double impact = 0;
    for (size_t k = 0; k < n; ++k)
      for (double v : {d.prefitUp[k], d.prefitDown[k], d.postfitUp[k], d.postfitDown[k]})
        if (!std::isnan(v))
          impact = std::max(impact, std::fabs(v));
    impact = impact > 0 ? impact * 1.1 : 1;
    double reach = 2;
    for (size_t k = 0; k < n; ++k)
      if (!std::isnan(d.pull[k]))
        reach = std::max(reach, std::ceil(std::fabs(d.pull[k]) + d.pullError[k]));
    Axes axes;
    axes.fontSize = fontSize;
    axes.x = {-reach, reach};
    axes.y = {-0.7, n - 0.3};
    axes.xLabel = "(<i>θ̂</i> − <i>θ</i><sub>0</sub>) / Δ<i>θ</i>";
    for (size_t k = 0; k < n; ++k)
      axes.yCategories.push_back({static_cast<double>(n - 1 - k), Canvas::escape(d.labels[k])});
    double top = legendTop + legendBox.h + 6 + topAxisSpace(canvas, fontSize);
    axes.layout(canvas, {10, top, canvas.width() - 20, canvas.height() - 8});
    Rect fr = axes.frame;
    Scale impactScale{-impact, impact};
    auto ix = [&](double v) { return fr.x0 + impactScale.fraction(v) * fr.width(); };
    double half = 0.4 * fr.height() / std::max<double>(n + 0.4, 1);
    for (size_t k = 0; k < n; ++k) {
      double y = axes.py(static_cast<double>(n - 1 - k));
      canvas.fillRect(ix(0), y - half, ix(d.postfitUp[k]), y + half, upColor);
      canvas.fillRect(ix(0), y - half, ix(d.postfitDown[k]), y + half, downColor);
      if (!std::isnan(d.prefitUp[k])) {
        canvas.strokeRect(ix(0), y - half, ix(d.prefitUp[k]), y + half, upColor, 1.2);
        canvas.strokeRect(ix(0), y - half, ix(d.prefitDown[k]), y + half, downColor, 1.2);
      }
    }
    for (double v : {-1.0, 0.0, 1.0})
      canvas.line(axes.px(v), fr.y0, axes.px(v), fr.y1, colors::black, 0.8, Dash::Dashed);
    canvas.clip(fr.x0, fr.y0, fr.x1, fr.y1);
    for (size_t k = 0; k < n; ++k) {
      if (std::isnan(d.pull[k]))
        continue;
      double y = axes.py(static_cast<double>(n - 1 - k));
      canvas.line(axes.px(d.pull[k] - d.pullError[k]), y, axes.px(d.pull[k] + d.pullError[k]), y, colors::black,
                  1.5);
      canvas.marker(axes.px(d.pull[k]), y, Marker::Circle, 8, colors::black);
    }
    canvas.unclip();
    axes.draw(canvas);
    drawTopAxis(canvas, axes, impactScale, "Δ<i>" + Canvas::escape(d.poi) + "</i>");
    drawLegend(canvas, legend, canvas.width() / 2, legendTop, {0.5, 0}, fontSize, 3);
    if (n == 0)
      canvas.text((fr.x0 + fr.x1) / 2, (fr.y0 + fr.y1) / 2, "no parameters to rank", fontSize, {0.5, 0.5},
                  colors::grey);
  };
  return f;
}

} // namespace hf::plot
