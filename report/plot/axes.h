//===- report/plot/axes.h - Axes, ticks and legends on a Canvas -----------===//
//
// A frame with data coordinates, in the style of mplhep/cabinetry figures:
// ticks on all four sides pointing inwards, minor ticks, tick labels on the
// left and bottom, axis labels outside. Ticks are "nice" numbers (steps of
// 1, 2, 2.5 or 5 × 10^k; decades on log axes) and their count is lowered
// until neighbouring labels keep a gap, so labels never overlap.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "report/plot/canvas.h"

#include <string>
#include <utility>
#include <vector>

namespace hf::plot {

struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0; ///< x0 < x1, y0 (top) < y1 (bottom), in pixels
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

struct Scale {
  double lo = 0, hi = 1;
  bool log = false;
  /// Where v sits between lo (0) and hi (1); log axes in log10.
  double fraction(double v) const;
};

struct Tick {
  double value;
  std::string label; ///< pango markup; "" for minor ticks
  bool major = true;
};

/// Major ticks in [lo, hi]: the largest step among 1, 2, 2.5, 5 × 10^k that
/// gives at most maxTicks of them, labelled with just the digits the step
/// needs; four or five minor ticks between majors.
std::vector<Tick> linearTicks(double lo, double hi, int maxTicks);
/// Decades (every k-th one when more than maxTicks fit) labelled 10^n,
/// with minor ticks at 2..9 × 10^n.
std::vector<Tick> logTicks(double lo, double hi, int maxTicks);
/// A number as a tick label would print it with `step`'s precision.
std::string formatTick(double value, double step);

/// A category axis: one label per position (pulls, ranking, correlations).
using Categories = std::vector<std::pair<double, std::string>>;

class Axes {
public:
  Rect frame;
  Scale x, y;
  std::string xLabel, yLabel; ///< markup
  bool xTickLabels = true, yTickLabels = true;
  Categories xCategories, yCategories; ///< replace the numeric ticks when not empty
  double xCategoryAngle = 0;           ///< rotation of the x category labels (45: tilted)
  double fontSize = 13;

  double px(double v) const { return frame.x0 + x.fraction(v) * frame.width(); }
  double py(double v) const { return frame.y1 - y.fraction(v) * frame.height(); }

  /// Places the frame in `outer`, leaving room outside it for the tick and
  /// axis labels (measured with the canvas's fonts).
  void layout(const Canvas &canvas, Rect outer);
  /// The frame, the ticks on four sides and all labels.
  void draw(Canvas &canvas) const;

  /// The ticks drawn on each axis (after layout, as draw() uses them).
  std::vector<Tick> xTicks(const Canvas &canvas) const;
  std::vector<Tick> yTicks(const Canvas &canvas) const;

private:
  double leftSpace(const Canvas &canvas) const;
  double bottomSpace(const Canvas &canvas) const;
};

/// A second x axis along the top of `axes` (the ranking's Δμ axis): its
/// ticks pointing in and labels and `label` above the frame.
void drawTopAxis(Canvas &canvas, const Axes &axes, const Scale &scale, const std::string &label);
/// The height that drawTopAxis needs above the frame.
double topAxisSpace(const Canvas &canvas, double fontSize);

struct LegendEntry {
  enum class Kind { Fill, Hatch, Outline, Line, Marker, MarkerError } kind;
  Color color;
  std::string label; ///< markup
  Dash dash = Dash::Solid;
  Marker marker = Marker::Circle;
};

/// The size of a legend of `entries` in `columns` columns.
Size legendSize(const Canvas &canvas, const std::vector<LegendEntry> &entries, double fontSize, int columns = 1);
/// Draws the legend with its box's corner or edge given by `align` at (x, y).
void drawLegend(Canvas &canvas, const std::vector<LegendEntry> &entries, double x, double y, Align align,
                double fontSize, int columns = 1);

} // namespace hf::plot
