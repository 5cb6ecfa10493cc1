//===- report/plot/axes.cpp - Nice ticks, frames and legends --------------===//
#include "report/plot/axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hf::plot {

namespace {

constexpr double kMajorTick = 7, kMinorTick = 3.5, kLabelGap = 5;

/// Unicode minus for negative labels, as matplotlib prints them.
std::string withMinus(std::string s) {
  if (!s.empty() && s[0] == '-')
    s.replace(0, 1, "\u2212");
  return s;
}

} // namespace

double Scale::fraction(double v) const {
  if (log) {
    double l = std::log10(lo), h = std::log10(hi);
    return v > 0 ? (std::log10(v) - l) / (h - l) : -1;
  }
  return (v - lo) / (hi - lo);
}

std::string formatTick(double value, double step) {
  if (std::fabs(value) < step * 1e-9)
    value = 0;
  int decimals = 0;
  double mantissa = step / std::pow(10, std::floor(std::log10(step) + 1e-9));
  decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
  if (std::fabs(mantissa - 2.5) < 1e-6 && step < 10)
    ++decimals;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return withMinus(buf);
}

std::vector<Tick> linearTicks(double lo, double hi, int maxTicks) {
  std::vector<Tick> ticks;
  if (!(hi > lo) || maxTicks < 2)
    maxTicks = 2;
  double span = hi - lo;
  double raw = span / std::max(1, maxTicks - 1);
  double mag = std::pow(10, std::floor(std::log10(raw)));
  static const double mantissas[] = {1, 2, 2.5, 5, 10, 20};
  double step = mag * 20;
  for (double m : mantissas) {
    double s = m * mag;
    double count = std::floor(hi / s + 1e-9) - std::ceil(lo / s - 1e-9) + 1;
    if (count <= maxTicks) {
      step = s;
      break;
    }
  }
  double mantissa = step / std::pow(10, std::floor(std::log10(step) + 1e-9));
  int minorPerMajor = (std::fabs(mantissa - 2) < 1e-6) ? 4 : 5;
  double minor = step / minorPerMajor;
  long first = static_cast<long>(std::ceil(lo / minor - 1e-9)), last = static_cast<long>(std::floor(hi / minor + 1e-9));
  for (long k = first; k <= last; ++k) {
    double v = k * minor;
    bool major = k % minorPerMajor == 0;
    ticks.push_back({v, major ? formatTick(v, step) : "", major});
  }
  return ticks;
}

std::vector<Tick> logTicks(double lo, double hi, int maxTicks) {
  std::vector<Tick> ticks;
  int first = static_cast<int>(std::floor(std::log10(lo))), last = static_cast<int>(std::ceil(std::log10(hi)));
  int every = std::max(1, (last - first + 1 + std::max(1, maxTicks) - 1) / std::max(1, maxTicks));
  for (int e = first; e <= last; ++e) {
    double decade = std::pow(10.0, e);
    if (decade >= lo * (1 - 1e-9) && decade <= hi * (1 + 1e-9)) {
      bool labelled = (e - first) % every == 0;
      ticks.push_back({decade, labelled ? "10<sup>" + withMinus(std::to_string(e)) + "</sup>" : "", labelled});
    }
    if (every == 1)
      for (int k = 2; k <= 9; ++k) {
        double v = k * decade;
        if (v >= lo && v <= hi)
          ticks.push_back({v, "", false});
      }
  }
  return ticks;
}

namespace {

/// The most ticks whose labels keep a gap along an axis of `length` pixels.
std::vector<Tick> fittingTicks(const Canvas &canvas, const Scale &scale, double length, bool horizontal,
                               double fontSize) {
  for (int n = horizontal ? 11 : 9; n >= 2; --n) {
    std::vector<Tick> ticks = scale.log ? logTicks(scale.lo, scale.hi, n) : linearTicks(scale.lo, scale.hi, n);
    double lastEnd = -1e300;
    bool fits = true;
    for (const Tick &t : ticks) {
      if (t.label.empty())
        continue;
      Size s = canvas.measure(t.label, fontSize);
      double centre = scale.fraction(t.value) * length, half = (horizontal ? s.w : s.h) / 2;
      if (centre - half < lastEnd + (horizontal ? 8 : 3)) {
        fits = false;
        break;
      }
      lastEnd = centre + half;
    }
    if (fits)
      return ticks;
  }
  return scale.log ? logTicks(scale.lo, scale.hi, 2) : linearTicks(scale.lo, scale.hi, 2);
}

/// The extent of a label rotated by angle degrees (width, height).
Size rotated(Size s, double angle) {
  double a = angle * M_PI / 180;
  return {std::fabs(s.w * std::cos(a)) + std::fabs(s.h * std::sin(a)),
          std::fabs(s.w * std::sin(a)) + std::fabs(s.h * std::cos(a))};
}

} // namespace

std::vector<Tick> Axes::xTicks(const Canvas &canvas) const {
  if (!xCategories.empty()) {
    std::vector<Tick> ticks;
    for (const auto &[v, label] : xCategories)
      ticks.push_back({v, label, true});
    return ticks;
  }
  return fittingTicks(canvas, x, frame.width(), true, fontSize);
}

std::vector<Tick> Axes::yTicks(const Canvas &canvas) const {
  if (!yCategories.empty()) {
    std::vector<Tick> ticks;
    for (const auto &[v, label] : yCategories)
      ticks.push_back({v, label, true});
    return ticks;
  }
  return fittingTicks(canvas, y, frame.height(), false, fontSize);
}

double Axes::leftSpace(const Canvas &canvas) const {
  double w = 0;
  if (yTickLabels)
    for (const Tick &t : yTicks(canvas))
      if (!t.label.empty())
        w = std::max(w, canvas.measure(t.label, fontSize).w);
  double space = w + kLabelGap + 2;
  if (!yLabel.empty())
    space += canvas.measure(yLabel, fontSize).h + kLabelGap;
  return space;
}

double Axes::bottomSpace(const Canvas &canvas) const {
  double h = 0;
  if (xTickLabels)
    for (const Tick &t : xTicks(canvas))
      if (!t.label.empty())
        h = std::max(h, rotated(canvas.measure(t.label, fontSize), xCategories.empty() ? 0 : xCategoryAngle).h);
  double space = xTickLabels ? h + kLabelGap : 0;
  if (!xLabel.empty())
    space += canvas.measure(xLabel, fontSize).h + kLabelGap;
  return space;
}

void Axes::layout(const Canvas &canvas, Rect outer) {
  frame = outer; // the tick choice depends on the frame's size: guess, then settle
  for (int pass = 0; pass < 2; ++pass) {
    frame.x0 = outer.x0 + leftSpace(canvas);
    frame.y1 = outer.y1 - bottomSpace(canvas);
  }
}

void Axes::draw(Canvas &canvas) const {
  const Color ink = colors::black;
  // Ticks on all four sides, pointing in.
  for (const Tick &t : xTicks(canvas)) {
    double f = x.fraction(t.value);
    if (f < -1e-9 || f > 1 + 1e-9)
      continue;
    double X = px(t.value), len = t.major ? kMajorTick : kMinorTick;
    canvas.line(X, frame.y1, X, frame.y1 - len, ink, 1);
    canvas.line(X, frame.y0, X, frame.y0 + len, ink, 1);
    if (xTickLabels && !t.label.empty()) {
      if (!xCategories.empty() && xCategoryAngle != 0)
        canvas.text(X + 4, frame.y1 + kLabelGap, t.label, fontSize, {1, 0.5}, ink, xCategoryAngle);
      else
        canvas.text(X, frame.y1 + kLabelGap, t.label, fontSize, {0.5, 0}, ink);
    }
  }
  for (const Tick &t : yTicks(canvas)) {
    double f = y.fraction(t.value);
    if (f < -1e-9 || f > 1 + 1e-9)
      continue;
    double Y = py(t.value), len = t.major ? kMajorTick : kMinorTick;
    canvas.line(frame.x0, Y, frame.x0 + len, Y, ink, 1);
    if (yCategories.empty())
      canvas.line(frame.x1, Y, frame.x1 - len, Y, ink, 1);
    if (yTickLabels && !t.label.empty())
      canvas.text(frame.x0 - kLabelGap, Y, t.label, fontSize, {1, 0.5}, ink);
  }
  canvas.strokeRect(frame.x0, frame.y0, frame.x1, frame.y1, ink, 1);
  if (!xLabel.empty()) {
    double below = xTickLabels ? bottomSpace(canvas) - canvas.measure(xLabel, fontSize).h : kLabelGap;
    canvas.text((frame.x0 + frame.x1) / 2, frame.y1 + below, xLabel, fontSize, {0.5, 0}, ink);
  }
  if (!yLabel.empty()) {
    double left = leftSpace(canvas);
    canvas.text(frame.x0 - left, (frame.y0 + frame.y1) / 2, yLabel, fontSize, {0.5, 0}, ink, 90);
  }
}

double topAxisSpace(const Canvas &canvas, double fontSize) {
  return 2 * canvas.measure("0", fontSize).h + 2 * kLabelGap;
}

void drawTopAxis(Canvas &canvas, const Axes &axes, const Scale &scale, const std::string &label) {
  Axes top = axes;
  top.x = scale;
  for (const Tick &t : top.xTicks(canvas)) {
    double f = scale.fraction(t.value);
    if (f < -1e-9 || f > 1 + 1e-9)
      continue;
    double X = top.px(t.value), len = t.major ? kMajorTick : kMinorTick;
    canvas.line(X, axes.frame.y0, X, axes.frame.y0 + len, colors::black, 1);
    if (!t.label.empty())
      canvas.text(X, axes.frame.y0 - kLabelGap, t.label, axes.fontSize, {0.5, 1});
  }
  double h = canvas.measure("0", axes.fontSize).h;
  canvas.text((axes.frame.x0 + axes.frame.x1) / 2, axes.frame.y0 - 2 * kLabelGap - h, label, axes.fontSize,
              {0.5, 1});
}

namespace {

struct LegendMetrics {
  double rowHeight, handle, gap;
  std::vector<double> columnWidths;
};

LegendMetrics legendMetrics(const Canvas &canvas, const std::vector<LegendEntry> &entries, double fontSize,
                            int columns) {
  LegendMetrics m{fontSize * 1.45, fontSize * 2.2, fontSize * 0.6, std::vector<double>(columns, 0)};
  for (size_t i = 0; i < entries.size(); ++i) {
    Size s = canvas.measure(entries[i].label, fontSize);
    m.rowHeight = std::max(m.rowHeight, s.h + 2);
    double &w = m.columnWidths[i % columns];
    w = std::max(w, m.handle + m.gap + s.w);
  }
  return m;
}

} // namespace

Size legendSize(const Canvas &canvas, const std::vector<LegendEntry> &entries, double fontSize, int columns) {
  LegendMetrics m = legendMetrics(canvas, entries, fontSize, columns);
  double w = 0;
  for (double c : m.columnWidths)
    w += c;
  w += (columns - 1) * 2 * m.gap;
  size_t rows = (entries.size() + columns - 1) / columns;
  return {w, rows * m.rowHeight};
}

void drawLegend(Canvas &canvas, const std::vector<LegendEntry> &entries, double x, double y, Align align,
                double fontSize, int columns) {
  LegendMetrics m = legendMetrics(canvas, entries, fontSize, columns);
  Size size = legendSize(canvas, entries, fontSize, columns);
  double left = x - align.h * size.w, top = y - align.v * size.h;
  for (size_t i = 0; i < entries.size(); ++i) {
    const LegendEntry &e = entries[i];
    size_t row = i / columns, col = i % columns;
    double cx = left;
    for (size_t c = 0; c < col; ++c)
      cx += m.columnWidths[c] + 2 * m.gap;
    double cy = top + row * m.rowHeight + m.rowHeight / 2;
    double hx0 = cx, hx1 = cx + m.handle, hy0 = cy - fontSize * 0.4, hy1 = cy + fontSize * 0.4;
    switch (e.kind) {
    case LegendEntry::Kind::Fill:
      canvas.fillRect(hx0, hy0, hx1, hy1, e.color);
      break;
    case LegendEntry::Kind::Hatch:
      canvas.hatchRect(hx0, hy0, hx1, hy1, e.color, 5);
      break;
    case LegendEntry::Kind::Outline:
      canvas.strokeRect(hx0, hy0, hx1, hy1, e.color, 1.2);
      break;
    case LegendEntry::Kind::Line:
      canvas.line(hx0, cy, hx1, cy, e.color, 1.6, e.dash);
      break;
    case LegendEntry::Kind::Marker:
      canvas.marker((hx0 + hx1) / 2, cy, e.marker, fontSize * 0.6, e.color);
      break;
    case LegendEntry::Kind::MarkerError:
      canvas.line((hx0 + hx1) / 2, hy0 - 2, (hx0 + hx1) / 2, hy1 + 2, e.color, 1.6);
      canvas.marker((hx0 + hx1) / 2, cy, e.marker, fontSize * 0.6, e.color);
      break;
    }
    canvas.text(hx1 + m.gap, cy, e.label, fontSize, {0, 0.5});
  }
}

} // namespace hf::plot
