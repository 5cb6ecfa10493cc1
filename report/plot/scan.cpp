//===- report/plot/scan.cpp - Profile-likelihood scan of one parameter ----===//
//
// cabinetry's visualize.scan: Δ(−2 ln L) at each scanned value, the Hesse
// parabola ((θ − θ̂)/σ)² it would be for a Gaussian likelihood, and dotted
// lines at 1 and 4 (68.3% and 95.5% for one parameter).
//
//===----------------------------------------------------------------------===//
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <algorithm>
#include <cmath>

namespace hf::plot {

Json toJson(const ScanData &d) {
  return Json{{"kind", "scan"},
              {"parameter", d.parameter},
              {"bestfit", d.bestFit},
              {"uncertainty", d.uncertainty},
              {"parameter_values", d.values},
              {"delta_twice_nll", d.deltaTwiceNll}};
}

Figure figure(const ScanData &d) {
  Figure f;
  f.name = "scan_" + d.parameter;
  f.data = toJson(d);
  f.draw = [d](Canvas &canvas) {
    const double fontSize = 13;
    Axes axes;
    axes.fontSize = fontSize;
    double lo = d.values.empty() ? d.bestFit - 1 : *std::min_element(d.values.begin(), d.values.end());
    double hi = d.values.empty() ? d.bestFit + 1 : *std::max_element(d.values.begin(), d.values.end());
    if (!(hi > lo))
      hi = lo + 1;
    double top = 0;
    for (double v : d.deltaTwiceNll)
      top = std::max(top, v);
    // Room above the highest point for the legend; 4 always shown.
    axes.x = {lo, hi};
    axes.y = {0, std::max(top, 4.0) * 1.2};
    axes.xLabel = Canvas::escape(d.parameter);
    axes.yLabel = "−2 Δ log(<i>L</i>)";
    axes.layout(canvas, {10, 10, canvas.width() - 15, canvas.height() - 8});
    Rect fr = axes.frame;
    canvas.clip(fr.x0, fr.y0, fr.x1, fr.y1);
    for (double level : {1.0, 4.0})
      canvas.line(fr.x0, axes.py(level), fr.x1, axes.py(level), colors::grey, 1.2, Dash::Dotted);
    if (d.uncertainty > 0) {
      std::vector<std::pair<double, double>> parabola;
      for (int k = 0; k <= 200; ++k) {
        double x = lo + (hi - lo) * k / 200, z = (x - d.bestFit) / d.uncertainty;
        parabola.push_back({axes.px(x), axes.py(z * z)});
      }
      canvas.polyline(parabola, colors::lightBlue, 1.6, Dash::Dashed);
    }
    std::vector<std::pair<double, double>> points;
    for (size_t k = 0; k < d.values.size(); ++k)
      points.push_back({axes.px(d.values[k]), axes.py(d.deltaTwiceNll[k])});
    canvas.polyline(points, colors::blue, 1.6);
    for (const auto &[x, y] : points)
      canvas.marker(x, y, Marker::Cross, 8, colors::blue);
    canvas.unclip();
    canvas.text(fr.x1 - 4, axes.py(1) - 2, "68.3% CL", fontSize * 0.85, {1, 1}, colors::grey);
    canvas.text(fr.x1 - 4, axes.py(4) - 2, "95.5% CL", fontSize * 0.85, {1, 1}, colors::grey);
    axes.draw(canvas);
    std::vector<LegendEntry> legend = {
        {LegendEntry::Kind::Line, colors::lightBlue, "Gaussian approximation (Hesse)", Dash::Dashed},
        {LegendEntry::Kind::Marker, colors::blue, "profile likelihood scan", Dash::Solid, Marker::Cross}};
    drawLegend(canvas, legend, (fr.x0 + fr.x1) / 2, fr.y0 + 8, {0.5, 0}, fontSize);
  };
  return f;
}

} // namespace hf::plot
