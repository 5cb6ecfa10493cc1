//===- report/plot/page.h - The one-page HTML report ----------------------===//
//
// `hfc report`: one self-contained HTML file (no scripts, no external
// files) with the model's summary, the fit table, every figure embedded
// (inline SVG, or PNG as base64 data) and the yield tables when given.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "report/plot/plots.h"

#include <string>
#include <vector>

namespace hf::plot {

struct ReportPage {
  std::string title;     ///< the model file
  const ModelSpec *spec = nullptr;
  const ir::Module *module = nullptr;
  const FitResult *fit = nullptr;      ///< the fit table; none when null
  std::vector<Figure> figures;
  std::vector<std::string> notes;      ///< what was left out and why
  std::string tablesHtml;              ///< yield tables (HTML fragment), when available
  bool embedPng = false;               ///< PNG data URIs instead of inline SVG
};

/// The page. Each inline SVG's ids are prefixed per figure (cairo names its
/// glyphs and clips alike in every file, and one HTML page shares one id
/// space).
std::string reportHtml(const ReportPage &page);

/// RFC 4648 base64 of `bytes`.
std::string base64(const std::string &bytes);

} // namespace hf::plot
