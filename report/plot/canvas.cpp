//===- report/plot/canvas.cpp - cairo + pango behind the Canvas -----------===//
//
// The three surfaces write into a std::string through cairo's stream
// callbacks. Text is one PangoLayout per call, in DejaVu Sans (Debian's
// fonts-dejavu-core, the face matplotlib uses by default), with sizes in
// pixels so a PNG and a PDF of the same figure look alike.
//
//===----------------------------------------------------------------------===//
#include "report/plot/canvas.h"

#include "hf/error.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace hf::plot {

Format parseFormat(const std::string &name, const std::string &option) {
  if (name == "png")
    return Format::Png;
  if (name == "svg")
    return Format::Svg;
  if (name == "pdf")
    return Format::Pdf;
  throw InputError("error: " + option + ": expected png, svg or pdf, found '" + name + "'");
}

const char *extension(Format format) {
  switch (format) {
  case Format::Png:
    return "png";
  case Format::Svg:
    return "svg";
  case Format::Pdf:
    return "pdf";
  }
  return "png";
}

Color Color::hex(uint32_t rgb, double alpha) {
  return {((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, alpha};
}

Color cycleColor(size_t i) {
  static const uint32_t petroff10[] = {0x3f90da, 0xffa90e, 0xbd1f01, 0x94a4a2, 0x832db6,
                                       0xa96b59, 0xe76300, 0xb9ac70, 0x717581, 0x92dadd};
  return Color::hex(petroff10[i % 10]);
}

Canvas::Canvas(cairo_t *cr, double width, double height) : cr_(cr), width_(width), height_(height) {}

Canvas::~Canvas() = default;

void Canvas::setSource(Color c) { cairo_set_source_rgba(cr_, c.r, c.g, c.b, c.a); }

void Canvas::setDash(Dash dash, double width) {
  double w = std::max(width, 1.0);
  switch (dash) {
  case Dash::Solid:
    cairo_set_dash(cr_, nullptr, 0, 0);
    return;
  case Dash::Dashed: {
    double d[] = {3.7 * w, 1.6 * w};
    cairo_set_dash(cr_, d, 2, 0);
    return;
  }
  case Dash::Dotted: {
    double d[] = {1 * w, 1.65 * w};
    cairo_set_dash(cr_, d, 2, 0);
    return;
  }
  case Dash::DashDot: {
    double d[] = {6.4 * w, 1.6 * w, 1 * w, 1.6 * w};
    cairo_set_dash(cr_, d, 4, 0);
    return;
  }
  }
}

void Canvas::line(double x0, double y0, double x1, double y1, Color c, double width, Dash dash) {
  polyline({{x0, y0}, {x1, y1}}, c, width, dash);
}

void Canvas::polyline(const std::vector<std::pair<double, double>> &points, Color c, double width, Dash dash) {
  if (points.size() < 2)
    return;
  cairo_new_path(cr_);
  cairo_move_to(cr_, points[0].first, points[0].second);
  for (size_t i = 1; i < points.size(); ++i)
    cairo_line_to(cr_, points[i].first, points[i].second);
  setSource(c);
  cairo_set_line_width(cr_, width);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_MITER);
  setDash(dash, width);
  cairo_stroke(cr_);
  cairo_set_dash(cr_, nullptr, 0, 0);
}

void Canvas::fillPolygon(const std::vector<std::pair<double, double>> &points, Color c) {
  if (points.size() < 3)
    return;
  cairo_new_path(cr_);
  cairo_move_to(cr_, points[0].first, points[0].second);
  for (size_t i = 1; i < points.size(); ++i)
    cairo_line_to(cr_, points[i].first, points[i].second);
  cairo_close_path(cr_);
  setSource(c);
  cairo_fill(cr_);
}

void Canvas::fillRect(double x0, double y0, double x1, double y1, Color c) {
  cairo_new_path(cr_);
  cairo_rectangle(cr_, std::min(x0, x1), std::min(y0, y1), std::fabs(x1 - x0), std::fabs(y1 - y0));
  setSource(c);
  cairo_fill(cr_);
}

void Canvas::strokeRect(double x0, double y0, double x1, double y1, Color c, double width) {
  cairo_new_path(cr_);
  cairo_rectangle(cr_, std::min(x0, x1), std::min(y0, y1), std::fabs(x1 - x0), std::fabs(y1 - y0));
  setSource(c);
  cairo_set_line_width(cr_, width);
  cairo_set_dash(cr_, nullptr, 0, 0);
  cairo_stroke(cr_);
}

void Canvas::hatchRect(double x0, double y0, double x1, double y1, Color c, double spacing, double width) {
  double left = std::min(x0, x1), right = std::max(x0, x1), top = std::min(y0, y1), bottom = std::max(y0, y1);
  if (right - left <= 0 || bottom - top <= 0)
    return;
  cairo_save(cr_);
  cairo_new_path(cr_);
  cairo_rectangle(cr_, left, top, right - left, bottom - top);
  cairo_clip(cr_);
  // Lines x + y = s for s on a grid anchored at the canvas origin, so the
  // hatching of adjacent bins lines up as one band.
  cairo_new_path(cr_);
  for (double s = std::floor((left + top) / spacing) * spacing; s <= right + bottom; s += spacing) {
    cairo_move_to(cr_, s - bottom, bottom);
    cairo_line_to(cr_, s - top, top);
  }
  setSource(c);
  cairo_set_line_width(cr_, width);
  cairo_set_dash(cr_, nullptr, 0, 0);
  cairo_stroke(cr_);
  cairo_restore(cr_);
}

void Canvas::marker(double x, double y, Marker shape, double size, Color c) {
  cairo_new_path(cr_);
  setSource(c);
  double r = size / 2;
  switch (shape) {
  case Marker::Circle:
    cairo_arc(cr_, x, y, r, 0, 2 * M_PI);
    cairo_fill(cr_);
    return;
  case Marker::Square:
    cairo_rectangle(cr_, x - r, y - r, size, size);
    cairo_fill(cr_);
    return;
  case Marker::Cross:
    cairo_set_line_width(cr_, size / 3);
    cairo_set_dash(cr_, nullptr, 0, 0);
    cairo_move_to(cr_, x - r, y - r);
    cairo_line_to(cr_, x + r, y + r);
    cairo_move_to(cr_, x - r, y + r);
    cairo_line_to(cr_, x + r, y - r);
    cairo_stroke(cr_);
    return;
  }
}

/// `s` with &, <, > and " escaped, for SVG text and the report's HTML.
std::string xmlEscape(const std::string &s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += ch;
    }
  }
  return out;
}

namespace {

struct LayoutDeleter {
  void operator()(PangoLayout *l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

LayoutPtr makeLayout(cairo_t *cr, const std::string &markup, double size) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  PangoFontDescription *font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_markup(layout.get(), markup.c_str(), -1);
  return layout;
}

/// The plain text of a markup string (for the SVG text layer).
std::string plainText(const std::string &markup) {
  char *text = nullptr;
  if (!pango_parse_markup(markup.c_str(), -1, 0, nullptr, &text, nullptr, nullptr))
    return markup;
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

} // namespace

Size Canvas::measure(const std::string &markup, double size) const {
  LayoutPtr layout = makeLayout(cr_, markup, size);
  PangoRectangle logical;
  pango_layout_get_pixel_extents(layout.get(), nullptr, &logical);
  return {static_cast<double>(logical.width), static_cast<double>(logical.height)};
}

void Canvas::text(double x, double y, const std::string &markup, double size, Align align, Color c, double angle) {
  LayoutPtr layout = makeLayout(cr_, markup, size);
  PangoRectangle logical;
  pango_layout_get_pixel_extents(layout.get(), nullptr, &logical);
  cairo_save(cr_);
  cairo_translate(cr_, x, y);
  cairo_rotate(cr_, -angle * M_PI / 180);
  double dx = -align.h * logical.width, dy = -align.v * logical.height;
  cairo_move_to(cr_, dx, dy);
  setSource(c);
  pango_cairo_show_layout(cr_, layout.get());
  cairo_restore(cr_);
  // The baseline's start, for the SVG layer.
  double baseline = pango_layout_get_baseline(layout.get()) / double(PANGO_SCALE);
  double a = -angle * M_PI / 180, bx = dx, by = dy + baseline;
  texts_.push_back({x + bx * std::cos(a) - by * std::sin(a), y + bx * std::sin(a) + by * std::cos(a), size, angle,
                    plainText(markup)});
}

std::string Canvas::escape(const std::string &plain) {
  char *escaped = g_markup_escape_text(plain.c_str(), -1);
  std::string out = escaped;
  g_free(escaped);
  return out;
}

void Canvas::clip(double x0, double y0, double x1, double y1) {
  cairo_save(cr_);
  cairo_new_path(cr_);
  cairo_rectangle(cr_, std::min(x0, x1), std::min(y0, y1), std::fabs(x1 - x0), std::fabs(y1 - y0));
  cairo_clip(cr_);
}

void Canvas::unclip() { cairo_restore(cr_); }

namespace {

cairo_status_t appendBytes(void *closure, const unsigned char *data, unsigned int length) {
  static_cast<std::string *>(closure)->append(reinterpret_cast<const char *>(data), length);
  return CAIRO_STATUS_SUCCESS;
}


/// Inserts the transparent <text> layer before </svg>.
void addTextLayer(std::string &svg, const std::vector<TextRecord> &texts) {
  size_t end = svg.rfind("</svg>");
  if (end == std::string::npos)
    return;
  std::string layer = "<g id=\"text-layer\" fill-opacity=\"0\" font-family=\"DejaVu Sans\">\n";
  char buf[160];
  for (const TextRecord &t : texts) {
    std::snprintf(buf, sizeof buf, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\"", t.x, t.y, t.size);
    layer += buf;
    if (t.angle != 0) {
      std::snprintf(buf, sizeof buf, " transform=\"rotate(%.2f %.2f %.2f)\"", -t.angle, t.x, t.y);
      layer += buf;
    }
    layer += ">" + xmlEscape(t.text) + "</text>\n";
  }
  layer += "</g>\n";
  svg.insert(end, layer);
}

} // namespace

std::string render(Format format, int width, int height, const std::function<void(Canvas &)> &draw) {
  std::string bytes;
  cairo_surface_t *surface = nullptr;
  switch (format) {
  case Format::Png:
    surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    break;
  case Format::Svg:
    surface = cairo_svg_surface_create_for_stream(appendBytes, &bytes, width, height);
    break;
  case Format::Pdf:
    surface = cairo_pdf_surface_create_for_stream(appendBytes, &bytes, width, height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "hfc");
    break;
  }
  cairo_t *cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  std::vector<TextRecord> texts;
  {
    Canvas canvas(cr, width, height);
    draw(canvas);
    texts = canvas.texts();
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  if (format == Format::Png && status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream(surface, appendBytes, &bytes);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw ComputeError(std::string("error: drawing the figure failed: ") + cairo_status_to_string(status));
  if (format == Format::Svg)
    addTextLayer(bytes, texts);
  return bytes;
}

} // namespace hf::plot
