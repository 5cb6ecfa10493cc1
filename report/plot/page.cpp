//===- report/plot/page.cpp - The one-page HTML report --------------------===//
#include "report/plot/page.h"

#include "report/plot/canvas.h"
#include "runtime/ranking.h"

#include <cmath>
#include <cstdio>
#include <set>

namespace hf::plot {

std::string base64(const std::string &bytes) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6)
      out += alphabet[(v >> s) & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

namespace {


void replaceAll(std::string &s, const std::string &from, const std::string &to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

/// The SVG without its XML prologue, its ids prefixed with `prefix`.
std::string inlineSvg(std::string svg, const std::string &prefix) {
  size_t start = svg.find("<svg");
  if (start != std::string::npos)
    svg.erase(0, start);
  replaceAll(svg, "id=\"", "id=\"" + prefix);
  replaceAll(svg, "href=\"#", "href=\"#" + prefix);
  replaceAll(svg, "url(#", "url(#" + prefix);
  return svg;
}

std::string number(double v, const char *fmt = "%.4g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

} // namespace

std::string reportHtml(const ReportPage &page) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>hfc report: " +
         xmlEscape(page.title) + "</title>\n";
  out += "<style>\nbody{font-family:'DejaVu Sans',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
         "color:#222}\ntable{border-collapse:collapse;margin:1em 0}\ntd,th{border:1px solid #ccc;padding:2px 8px;"
         "text-align:right}\nth{background:#f0f0f0}\ntd:first-child,th:first-child{text-align:left}\n"
         "figure{margin:1.5em 0}\nfigure svg,figure img{max-width:100%;height:auto}\n"
         "figcaption{color:#555;font-size:90%}\n.note{color:#8a5a00}\n</style>\n</head>\n<body>\n";
  out += "<h1>hfc report: " + xmlEscape(page.title) + "</h1>\n";
  if (page.spec && page.module) {
    const ModelSpec &spec = *page.spec;
    const ir::Module &m = *page.module;
    size_t bins = 0;
    std::set<std::string> samples;
    for (const Channel &c : spec.channels) {
      bins += c.nbins();
      for (const Sample &s : c.samples)
        samples.insert(s.name);
    }
    out += "<h2>Model</h2>\n<table>\n";
    out += "<tr><td>measurement</td><td>" + xmlEscape(spec.measurement.name) + "</td></tr>\n";
    out += "<tr><td>POI</td><td>" + xmlEscape(m.poiName.empty() ? "(none)" : m.poiName) + "</td></tr>\n";
    out += "<tr><td>channels</td><td>" + std::to_string(spec.channels.size()) + "</td></tr>\n";
    out += "<tr><td>bins</td><td>" + std::to_string(bins) + "</td></tr>\n";
    out += "<tr><td>samples</td><td>" + std::to_string(samples.size()) + "</td></tr>\n";
    out += "<tr><td>parameters</td><td>" + std::to_string(m.params.size()) + "</td></tr>\n</table>\n";
    out += "<table>\n<tr><th>channel</th><th>bins</th><th>samples</th><th>observed events</th></tr>\n";
    for (const ir::ChannelInfo &c : m.channels) {
      double observed = 0;
      for (uint32_t b = 0; b < c.nbins; ++b)
        observed += m.observedMain[c.offset + b];
      std::string names;
      for (const Channel &sc : spec.channels)
        if (sc.name == c.name)
          for (const Sample &s : sc.samples)
            names += (names.empty() ? "" : ", ") + s.name;
      out += "<tr><td>" + xmlEscape(c.name) + "</td><td>" + std::to_string(c.nbins) + "</td><td>" + xmlEscape(names) +
             "</td><td>" + number(observed, "%.6g") + "</td></tr>\n";
    }
    out += "</table>\n";
    if (page.fit) {
      const FitResult &fit = *page.fit;
      out += "<h2>Fit</h2>\n<p>−2 ln L at the minimum: " + number(fit.twiceNll, "%.8g") +
             (fit.converged ? "" : " <span class=\"note\">(not converged)</span>") + "</p>\n";
      out += "<table>\n<tr><th>parameter</th><th>best fit</th><th>uncertainty</th><th>pre-fit width</th></tr>\n";
      for (uint32_t i = 0; i < m.params.size(); ++i) {
        double w = prefitWidth(m, i);
        out += "<tr><td>" + xmlEscape(m.params[i].name) + (m.params[i].fixed ? " (fixed)" : "") + "</td><td>" +
               number(fit.theta[i], "%.6g") + "</td><td>" + number(fit.uncertainties[i], "%.4g") + "</td><td>" +
               (w > 0 ? number(w, "%.4g") : std::string("—")) + "</td></tr>\n";
      }
      out += "</table>\n";
    }
  }
  if (!page.tablesHtml.empty())
    out += "<h2>Yields</h2>\n" + page.tablesHtml + "\n";
  out += "<h2>Figures</h2>\n";
  for (const std::string &note : page.notes)
    out += "<p class=\"note\">" + xmlEscape(note) + "</p>\n";
  for (size_t k = 0; k < page.figures.size(); ++k) {
    const Figure &f = page.figures[k];
    out += "<figure id=\"" + xmlEscape(f.name) + "\">\n";
    if (page.embedPng)
      out += "<img alt=\"" + xmlEscape(f.name) + "\" width=\"" + std::to_string(f.width) + "\" src=\"data:image/png;base64," +
             base64(render(Format::Png, f.width, f.height, f.draw)) + "\">\n";
    else
      out += inlineSvg(render(Format::Svg, f.width, f.height, f.draw), "f" + std::to_string(k) + "-") + "\n";
    out += "<figcaption>" + xmlEscape(f.name) + "</figcaption>\n</figure>\n";
  }
  out += "<p style=\"color:#888\">made by hfc</p>\n</body>\n</html>\n";
  return out;
}

} // namespace hf::plot
