//===- report/plot/corr.cpp - The post-fit correlation matrix -------------===//
//
// cabinetry's visualize.correlation_matrix: a diverging red–blue map from
// −1 to +1 with a colour bar, parameters in the model's order, each cell
// annotated with its value while the matrix is small enough to read them.
//
//===----------------------------------------------------------------------===//
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hf::plot {

namespace {

/// The RdBu map (ColorBrewer's 11-class diverging scheme), −1 red → +1 blue.
Color rdBu(double v) {
  static const uint32_t stops[] = {0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7,
                                   0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0x053061};
  double t = (std::clamp(v, -1.0, 1.0) + 1) / 2 * 10;
  int k = std::min(9, static_cast<int>(t));
  double f = t - k;
  Color a = Color::hex(stops[k]), b = Color::hex(stops[k + 1]);
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

constexpr size_t kMaxAnnotated = 20;

} // namespace

CorrData corrData(const ir::Module &m, const FitResult &fit, double threshold) {
  size_t n = m.params.size();
  std::vector<size_t> keep;
  for (size_t i = 0; i < n; ++i) {
    if (m.params[i].fixed || fit.correlations.empty())
      continue;
    double largest = 0;
    for (size_t j = 0; j < n; ++j)
      if (j != i && !m.params[j].fixed)
        largest = std::max(largest, std::fabs(fit.correlations[i][j]));
    if (largest >= threshold)
      keep.push_back(i);
  }
  CorrData d;
  for (size_t i : keep) {
    d.labels.push_back(m.params[i].name);
    std::vector<double> row;
    for (size_t j : keep)
      row.push_back(fit.correlations[i][j]);
    d.matrix.push_back(row);
  }
  return d;
}

Json toJson(const CorrData &d) { return Json{{"kind", "corr"}, {"labels", d.labels}, {"matrix", d.matrix}}; }

Figure figure(const CorrData &d) {
  Figure f;
  f.name = "corr";
  size_t n = d.labels.size();
  int side = static_cast<int>(std::clamp(260.0 + 55.0 * n, 480.0, 2400.0));
  f.width = side + 140;
  f.height = side;
  f.data = toJson(d);
  f.draw = [d, n](Canvas &canvas) {
    Axes axes;
    axes.x = {-0.5, n - 0.5};
    axes.y = {-0.5, n - 0.5};
    axes.xCategoryAngle = 45;
    double fontSize = n > 40 ? 9 : n > 20 ? 11 : 13;
    axes.fontSize = fontSize;
    for (size_t k = 0; k < n; ++k) {
      axes.xCategories.push_back({static_cast<double>(k), Canvas::escape(d.labels[k])});
      axes.yCategories.push_back({static_cast<double>(n - 1 - k), Canvas::escape(d.labels[k])});
    }
    double barSpace = 110;
    axes.layout(canvas, {10, 10, canvas.width() - barSpace, canvas.height() - 24});
    // Square cells: shrink the longer side of the frame.
    Rect &fr = axes.frame;
    double cell = std::min(fr.width(), fr.height()) / std::max<size_t>(n, 1);
    fr.x1 = fr.x0 + cell * n;
    fr.y0 = fr.y1 - cell * n;
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) {
        double v = d.matrix[i][j];
        double x0 = fr.x0 + j * cell, y0 = fr.y0 + i * cell;
        canvas.fillRect(x0, y0, x0 + cell, y0 + cell, rdBu(v));
        if (n <= kMaxAnnotated) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "%.2f", std::fabs(v) < 0.005 ? 0.0 : v);
          std::string label = buf;
          if (label[0] == '-')
            label.replace(0, 1, "\u2212");
          canvas.text(x0 + cell / 2, y0 + cell / 2, label, std::min(fontSize, cell / 4),
                      {0.5, 0.5}, std::fabs(v) > 0.6 ? colors::white : colors::black);
        }
      }
    axes.draw(canvas);
    // The colour bar.
    double bx0 = fr.x1 + 25, bx1 = bx0 + 22;
    const int steps = 100;
    for (int s = 0; s < steps; ++s) {
      double v1 = 1 - 2.0 * s / steps, v2 = 1 - 2.0 * (s + 1) / steps;
      double y0 = fr.y0 + fr.height() * s / steps, y1 = fr.y0 + fr.height() * (s + 1) / steps;
      canvas.fillRect(bx0, y0, bx1, y1 + 0.5, rdBu((v1 + v2) / 2));
    }
    canvas.strokeRect(bx0, fr.y0, bx1, fr.y1, colors::black);
    Axes bar;
    bar.frame = {bx0, fr.y0, bx1, fr.y1};
    bar.y = {-1, 1};
    for (const Tick &t : bar.yTicks(canvas)) {
      if (!t.major)
        continue;
      double y = bar.py(t.value);
      canvas.line(bx1, y, bx1 + 4, y, colors::black);
      canvas.text(bx1 + 6, y, t.label, fontSize, {0, 0.5});
    }
  };
  return f;
}

} // namespace hf::plot
