//===- report/plot/canvas.h - One drawing surface for PNG, SVG and PDF ----===//
//
// The plots draw on a Canvas: lines, rectangles, hatching, markers and text,
// in pixels with the origin at the top left. Behind it sits cairo (the
// vector graphics library Debian ships as libcairo2) with one of three
// surfaces, so one drawing code gives a PNG, an SVG or a PDF; text is laid
// out by pango (Debian libpango) so that its extents are known before it is
// drawn and labels can be placed where they do not overlap.
//
// render() draws into memory and returns the file's bytes: the caller writes
// them whole (tools/hfc/output_file.h), never half a picture.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

typedef struct _cairo cairo_t;

namespace hf::plot {

enum class Format { Png, Svg, Pdf };

/// "png", "svg" or "pdf"; InputError naming `option` otherwise.
Format parseFormat(const std::string &name, const std::string &option);
const char *extension(Format format);

struct Color {
  double r = 0, g = 0, b = 0, a = 1;
  /// From 0xRRGGBB.
  static Color hex(uint32_t rgb, double alpha = 1);
  Color withAlpha(double alpha) const { return {r, g, b, alpha}; }
};

/// The sample colours of a stack (matplotlib's petroff10 cycle, which
/// cabinetry's figures use) and the fixed colours of the figures.
Color cycleColor(size_t i);
namespace colors {
inline const Color black{0, 0, 0}, white{1, 1, 1}, grey{0.5, 0.5, 0.5}, lightGrey{0.85, 0.85, 0.85};
inline const Color green = Color::hex(0x33cc33), yellow = Color::hex(0xffff00), red = Color::hex(0xe41a1c);
inline const Color blue = Color::hex(0x3f90da), lightBlue = Color::hex(0x92dadd);
} // namespace colors

enum class Dash { Solid, Dashed, Dotted, DashDot };
enum class Marker { Circle, Cross, Square };

/// Where a text's anchor point sits on its box: 0 = left/top, 0.5 = centre,
/// 1 = right/bottom.
struct Align {
  double h = 0, v = 0;
};

struct Size {
  double w = 0, h = 0;
};

/// A text drawn, as the SVG's text layer records it (see render()).
struct TextRecord {
  double x, y, size, angle;
  std::string text;
};

class Canvas {
public:
  Canvas(cairo_t *cr, double width, double height);
  ~Canvas();
  Canvas(const Canvas &) = delete;
  Canvas &operator=(const Canvas &) = delete;

  double width() const { return width_; }
  double height() const { return height_; }

  void line(double x0, double y0, double x1, double y1, Color c, double width = 1, Dash dash = Dash::Solid);
  void polyline(const std::vector<std::pair<double, double>> &points, Color c, double width = 1,
                Dash dash = Dash::Solid);
  void fillPolygon(const std::vector<std::pair<double, double>> &points, Color c);
  void fillRect(double x0, double y0, double x1, double y1, Color c);
  void strokeRect(double x0, double y0, double x1, double y1, Color c, double width = 1);
  /// Diagonal lines (45°, lower left to upper right) inside the rectangle:
  /// matplotlib's "////" hatch of uncertainty bands.
  void hatchRect(double x0, double y0, double x1, double y1, Color c, double spacing = 7, double width = 0.8);
  void marker(double x, double y, Marker shape, double size, Color c);

  /// Text in pango markup (<i>, <sub>, <sup>, &amp; ...): its size, and the
  /// text drawn with `align` relative to (x, y), rotated by `angle` degrees
  /// counter-clockwise about that point. Plain strings go through escape().
  Size measure(const std::string &markup, double size) const;
  void text(double x, double y, const std::string &markup, double size, Align align = {}, Color c = colors::black,
            double angle = 0);
  static std::string escape(const std::string &plain);

  /// Clips drawing to a rectangle until unclip().
  void clip(double x0, double y0, double x1, double y1);
  void unclip();

  const std::vector<TextRecord> &texts() const { return texts_; }

private:
  void setSource(Color c);
  void setDash(Dash dash, double width);
  cairo_t *cr_;
  double width_, height_;
  std::vector<TextRecord> texts_;
};

/// Draws `draw` on a width × height canvas (pixels for PNG, points for SVG
/// and PDF) over a white background and returns the file's bytes. The SVG
/// carries, besides cairo's glyph outlines, a transparent layer of <text>
/// elements at the same places, so its labels can be searched, selected and
/// read by screen readers. ComputeError if cairo fails.
std::string render(Format format, int width, int height, const std::function<void(Canvas &)> &draw);

/// `s` with &, <, > and " escaped (SVG text, the report page's HTML).
std::string xmlEscape(const std::string &s);

} // namespace hf::plot
