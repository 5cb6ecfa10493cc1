//===- report/plot/data_mc.cpp - Data against the stacked model -----------===//
//
// cabinetry's visualize.data_mc, one figure per channel: the samples
// stacked (first sample at the bottom), the hatched band of the total's
// uncertainty, data as points with 68% Poisson error bars, and below the
// ratio data / model with the band relative to the model. The legend sits
// in the upper right and the y range is raised until it covers no bin.
//
//===----------------------------------------------------------------------===//
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>

namespace hf::plot {

std::pair<double, double> poissonInterval(double n) {
  const double tail = (1 - 0.682689492137086) / 2;
  double lo = n > 0 ? boost::math::gamma_p_inv(n, tail) : 0;
  double hi = boost::math::gamma_p_inv(n + 1, 1 - tail);
  return {lo, hi};
}

namespace {

Json channelJson(const report::ChannelPrediction &c, const std::string &label, bool logY) {
  Json lo = Json::array(), hi = Json::array();
  for (double n : c.data) {
    auto [l, h] = poissonInterval(n);
    lo.push_back(l);
    hi.push_back(h);
  }
  return Json{{"kind", "data-mc"},
              {"channel", c.name},
              {"label", label},
              {"log_y", logY},
              {"bin_edges", c.binEdges},
              {"samples", c.samples},
              {"yields", c.yields},
              {"total", c.totalYields},
              {"total_stdev", c.totalStdev},
              {"data", c.data},
              {"data_interval_low", lo},
              {"data_interval_high", hi}};
}

void drawChannel(Canvas &canvas, const report::ChannelPrediction &c, const std::string &label, bool logY) {
  const double fontSize = 14;
  size_t nbins = c.totalYields.size();
  std::vector<double> edges = c.binEdges;
  bool numbered = edges.size() != nbins + 1;
  if (numbered) {
    edges.clear();
    for (size_t b = 0; b <= nbins; ++b)
      edges.push_back(static_cast<double>(b));
  }
  std::vector<std::pair<double, double>> intervals;
  for (double n : c.data)
    intervals.push_back(poissonInterval(n));

  // The legend: top sample first, as the stack reads from the top.
  std::vector<LegendEntry> legend;
  for (size_t s = c.samples.size(); s-- > 0;)
    legend.push_back({LegendEntry::Kind::Fill, cycleColor(s), Canvas::escape(c.samples[s])});
  legend.push_back({LegendEntry::Kind::Hatch, colors::grey, "Uncertainty"});
  if (!c.data.empty())
    legend.push_back({LegendEntry::Kind::MarkerError, colors::black, "Data"});
  Size legendBox = legendSize(canvas, legend, fontSize);

  Axes main, ratio;
  main.fontSize = ratio.fontSize = fontSize;
  main.x = ratio.x = {edges.front(), edges.back()};
  main.xTickLabels = false;
  main.yLabel = "events";
  ratio.yLabel = "data / model";
  ratio.xLabel = numbered ? "bin" : "observable";
  if (numbered) {
    for (size_t b = 0; b < nbins; ++b)
      ratio.xCategories.push_back({b + 0.5, std::to_string(b)});
  }
  double outerTop = 10, outerBottom = canvas.height() - 8, split = outerTop + 0.74 * (outerBottom - outerTop);

  // y ranges from the content: the top of each bin (stack + band, data bar).
  double peak = 0, floorPositive = INFINITY;
  for (size_t b = 0; b < nbins; ++b) {
    peak = std::max(peak, c.totalYields[b] + c.totalStdev[b]);
    if (b < c.data.size())
      peak = std::max(peak, intervals[b].second);
    for (size_t s = 0; s < c.samples.size(); ++s)
      if (c.yields[s][b] > 0)
        floorPositive = std::min(floorPositive, c.yields[s][b]);
    if (b < c.data.size() && c.data[b] > 0)
      floorPositive = std::min(floorPositive, c.data[b]);
  }
  if (!(peak > 0))
    peak = 1;
  double frameGuess = split - outerTop;
  double legendFraction = std::min(0.6, (legendBox.h + 20) / frameGuess);
  if (logY) {
    double lo = std::isfinite(floorPositive) ? std::pow(10, std::floor(std::log10(floorPositive * 0.5))) : 0.1;
    double span = std::log10(peak) - std::log10(lo);
    main.y = {lo, std::pow(10, std::log10(lo) + span / (1 - legendFraction) + 0.05)};
    main.y.log = true;
  } else {
    main.y = {0, peak / (1 - legendFraction) * 1.02};
  }
  // Ratio range: cabinetry's 0.5–1.5, widened to show every point.
  double rlo = 0.5, rhi = 1.5;
  for (size_t b = 0; b < nbins && b < c.data.size(); ++b)
    if (c.totalYields[b] > 0) {
      double r = c.data[b] / c.totalYields[b];
      rlo = std::min(rlo, std::floor((r - 0.1) * 4) / 4);
      rhi = std::max(rhi, std::ceil((r + 0.1) * 4) / 4);
    }
  ratio.y = {std::max(0.0, rlo), std::min(3.0, rhi)};

  // Both panels share the left edge: lay out each, then align.
  main.layout(canvas, {10, outerTop, canvas.width() - 15, split});
  ratio.layout(canvas, {10, split + 8, canvas.width() - 15, outerBottom});
  double left = std::max(main.frame.x0, ratio.frame.x0);
  main.frame.x0 = ratio.frame.x0 = left;

  Rect fr = main.frame;
  canvas.clip(fr.x0, fr.y0, fr.x1, fr.y1);
  double base = logY ? main.y.lo : 0;
  for (size_t b = 0; b < nbins; ++b) {
    double x0 = main.px(edges[b]), x1 = main.px(edges[b + 1]);
    double bottom = 0;
    for (size_t s = 0; s < c.samples.size(); ++s) {
      double top = bottom + c.yields[s][b];
      double y0 = main.py(std::max(bottom, base)), y1 = main.py(std::max(top, base));
      if (!logY || top > base)
        canvas.fillRect(x0, y1, x1, y0, cycleColor(s));
      bottom = top;
    }
    double total = c.totalYields[b];
    double y0 = main.py(std::max(total - c.totalStdev[b], base)), y1 = main.py(total + c.totalStdev[b]);
    canvas.hatchRect(x0, y1, x1, y0, colors::grey.withAlpha(0.9));
  }
  // The outline of each sample's top edge.
  for (size_t b = 0; b < nbins; ++b) {
    double x0 = main.px(edges[b]), x1 = main.px(edges[b + 1]), bottom = 0;
    for (size_t s = 0; s < c.samples.size(); ++s) {
      bottom += c.yields[s][b];
      if (!logY || bottom > base)
        canvas.line(x0, main.py(bottom), x1, main.py(bottom), colors::black.withAlpha(0.6), 0.6);
    }
  }
  for (size_t b = 0; b < nbins && b < c.data.size(); ++b) {
    double x = main.px((edges[b] + edges[b + 1]) / 2);
    double lo = std::max(intervals[b].first, base), hi = intervals[b].second;
    canvas.line(x, main.py(lo), x, main.py(hi), colors::black, 1.8);
    if (!logY || c.data[b] > 0)
      canvas.marker(x, main.py(c.data[b]), Marker::Circle, 9, colors::black);
  }
  canvas.unclip();
  main.draw(canvas);
  canvas.text(fr.x0 + 12, fr.y0 + 10, Canvas::escape(c.name) + "\n" + Canvas::escape(label), fontSize);
  drawLegend(canvas, legend, fr.x1 - 12, fr.y0 + 8, {1, 0}, fontSize);

  Rect rf = ratio.frame;
  canvas.clip(rf.x0, rf.y0, rf.x1, rf.y1);
  for (size_t b = 0; b < nbins; ++b) {
    double total = c.totalYields[b];
    if (!(total > 0))
      continue;
    double x0 = ratio.px(edges[b]), x1 = ratio.px(edges[b + 1]), rel = c.totalStdev[b] / total;
    canvas.hatchRect(x0, ratio.py(1 + rel), x1, ratio.py(1 - rel), colors::grey.withAlpha(0.9));
  }
  canvas.line(rf.x0, ratio.py(1), rf.x1, ratio.py(1), colors::black, 1, Dash::Dashed);
  for (size_t b = 0; b < nbins && b < c.data.size(); ++b) {
    double total = c.totalYields[b];
    if (!(total > 0))
      continue;
    double x = ratio.px((edges[b] + edges[b + 1]) / 2);
    canvas.line(x, ratio.py(intervals[b].first / total), x, ratio.py(intervals[b].second / total), colors::black,
                1.8);
    canvas.marker(x, ratio.py(c.data[b] / total), Marker::Circle, 9, colors::black);
  }
  canvas.unclip();
  ratio.draw(canvas);
}

} // namespace

std::vector<Figure> dataMcFigures(const report::Prediction &prediction, bool logY) {
  std::vector<Figure> figures;
  std::string stage = prediction.label == "post-fit" ? "postfit" : "prefit";
  for (const report::ChannelPrediction &c : prediction.channels) {
    Figure f;
    f.name = "data_mc_" + c.name + "_" + stage + (logY ? "_log" : "");
    f.width = 600;
    f.height = 600;
    f.data = channelJson(c, prediction.label, logY);
    f.draw = [c, label = prediction.label, logY](Canvas &canvas) { drawChannel(canvas, c, label, logY); };
    figures.push_back(std::move(f));
  }
  return figures;
}

} // namespace hf::plot
