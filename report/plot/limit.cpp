//===- report/plot/limit.cpp - The Brazil band of a CLs upper limit -------===//
//
// cabinetry's visualize.limit: observed CLs (solid, with the tested points),
// the expected median (dashed) in its green ±1σ and yellow ±2σ bands, the
// red dash-dotted line at the CLs level, and the limits where the curves
// cross it, marked and written out.
//
//===----------------------------------------------------------------------===//
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace hf::plot {

LimitData limitData(const std::string &poi, const UpperLimitResult &r, double level) {
  LimitData d;
  d.poi = poi;
  d.level = level;
  d.observedLimit = r.obs;
  d.expectedLimits = r.exp;
  std::vector<size_t> order(r.testedMu.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return r.testedMu[a] < r.testedMu[b]; });
  for (size_t k : order) {
    d.mu.push_back(r.testedMu[k]);
    d.clsObs.push_back(r.results[k].obs);
    for (int b = 0; b < 5; ++b)
      d.clsExp[b].push_back(r.results[k].exp[b]);
  }
  return d;
}

Json toJson(const LimitData &d) {
  Json exp = Json::array();
  for (const auto &band : d.clsExp)
    exp.push_back(band);
  return Json{{"kind", "limit"},        {"poi", d.poi},
              {"cls_level", d.level},   {"poi_values", d.mu},
              {"observed_CLs", d.clsObs}, {"expected_CLs", exp},
              {"observed_limit", d.observedLimit}, {"expected_limit", d.expectedLimits}};
}

Figure figure(const LimitData &d) {
  Figure f;
  f.name = "limit";
  f.data = toJson(d);
  f.draw = [d](Canvas &canvas) {
    const double fontSize = 13;
    Axes axes;
    axes.fontSize = fontSize;
    double lo = d.mu.empty() ? 0 : d.mu.front(), hi = d.mu.empty() ? 1 : d.mu.back();
    // The region where the curves fall: up to a bit past the largest limit.
    double largest = std::max(d.observedLimit, d.expectedLimits[4]);
    if (std::isfinite(largest) && largest > lo)
      hi = std::min(hi, largest * 1.6);
    if (!(hi > lo))
      hi = lo + 1;
    axes.x = {lo, hi};
    axes.y = {0, 1.05};
    axes.xLabel = "<i>" + Canvas::escape(d.poi) + "</i>";
    axes.yLabel = "CL<sub><i>s</i></sub>";
    axes.layout(canvas, {10, 10, canvas.width() - 15, canvas.height() - 8});
    Rect fr = axes.frame;
    auto band = [&](const std::vector<double> &a, const std::vector<double> &b, Color c) {
      std::vector<std::pair<double, double>> poly;
      for (size_t k = 0; k < d.mu.size(); ++k)
        poly.push_back({axes.px(d.mu[k]), axes.py(a[k])});
      for (size_t k = d.mu.size(); k-- > 0;)
        poly.push_back({axes.px(d.mu[k]), axes.py(b[k])});
      canvas.fillPolygon(poly, c);
    };
    auto curve = [&](const std::vector<double> &v) {
      std::vector<std::pair<double, double>> pts;
      for (size_t k = 0; k < d.mu.size(); ++k)
        pts.push_back({axes.px(d.mu[k]), axes.py(v[k])});
      return pts;
    };
    canvas.clip(fr.x0, fr.y0, fr.x1, fr.y1);
    band(d.clsExp[0], d.clsExp[4], colors::yellow);
    band(d.clsExp[1], d.clsExp[3], colors::green);
    canvas.polyline(curve(d.clsExp[2]), colors::black, 1.6, Dash::Dashed);
    canvas.polyline(curve(d.clsObs), colors::black, 1.6);
    for (const auto &[x, y] : curve(d.clsObs))
      canvas.marker(x, y, Marker::Circle, 6, colors::black);
    canvas.line(fr.x0, axes.py(d.level), fr.x1, axes.py(d.level), colors::red, 1.6, Dash::DashDot);
    // The limits: where the observed and the expected median cross the level.
    for (auto [mu, color] : {std::pair{d.expectedLimits[2], colors::black}, std::pair{d.observedLimit, colors::red}})
      if (std::isfinite(mu)) {
        canvas.line(axes.px(mu), axes.py(d.level), axes.px(mu), fr.y1, color, 1.2, Dash::Dotted);
        canvas.marker(axes.px(mu), axes.py(d.level), Marker::Square, 7, color);
      }
    canvas.unclip();
    axes.draw(canvas);
    char obs[64], exp[96];
    std::snprintf(obs, sizeof obs, "observed CL<sub><i>s</i></sub> (limit %.3g)", d.observedLimit);
    std::snprintf(exp, sizeof exp, "expected CL<sub><i>s</i></sub> (limit %.3g)", d.expectedLimits[2]);
    char level[64];
    std::snprintf(level, sizeof level, "CL<sub><i>s</i></sub> = %g%%", d.level * 100);
    std::vector<LegendEntry> legend = {
        {LegendEntry::Kind::MarkerError, colors::black, obs},
        {LegendEntry::Kind::Line, colors::black, exp, Dash::Dashed},
        {LegendEntry::Kind::Fill, colors::green, "expected CL<sub><i>s</i></sub> ±1<i>σ</i>"},
        {LegendEntry::Kind::Fill, colors::yellow, "expected CL<sub><i>s</i></sub> ±2<i>σ</i>"},
        {LegendEntry::Kind::Line, colors::red, level, Dash::DashDot}};
    drawLegend(canvas, legend, fr.x1 - 10, fr.y0 + 10, {1, 0}, fontSize);
  };
  return f;
}

} // namespace hf::plot
