//===- report/yield_table.h - Yield tables of a prediction ----------------===//
//
// cabinetry's tabulate.yields (spec/cabinetry.md §7): one row per sample,
// then "total" and "data"; one column per bin of every channel ("CHANNEL\n
// bin N") or per channel; cells "yield ± stdev" with two decimals, data
// with two decimals. The text format is tabulate's "simple" layout, byte
// for byte as cabinetry writes yields_per_bin_pre-fit.txt; markdown, LaTeX,
// HTML and CSV carry the same cells; JSON carries the unrounded numbers.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"
#include "report/prediction.h"

#include <string>
#include <vector>

namespace hf::report {

enum class TableFormat { Text, Markdown, Latex, Html, Csv, Json };

/// "text", "markdown", "latex", "html", "csv" or "json"; InputError naming
/// `option` otherwise.
TableFormat parseTableFormat(const std::string &name, const std::string &option = "--format");

/// One table: column headers (each a list of lines) and rows of cells.
/// Every numeric cell keeps its numbers (value, stdev; stdev < 0: none).
struct YieldTable {
  std::string title; ///< "yields per bin for pre-fit model prediction"
  std::vector<std::vector<std::string>> header;
  struct Cell {
    double value = 0, stdev = -1;
    std::string text; ///< the rendered cell ("112.74 ± 69.04"), or a label
  };
  std::vector<std::vector<Cell>> rows;
};

/// Columns per bin of every channel; rows per sample, total, data.
YieldTable yieldsPerBin(const Prediction &p);

/// Columns per channel (sums over its bins); rows as yieldsPerBin.
YieldTable yieldsPerChannel(const Prediction &p);

/// The table rendered in `format` (not Json: see predictionJson). Text and
/// markdown end with a newline.
std::string renderTable(const YieldTable &table, TableFormat format);

/// Every number of a prediction, unrounded: per channel the samples' yields
/// and bands per bin and summed, the total, the data (`hfc yields --format
/// json`, and the numbers the data/MC plots draw).
Json predictionJson(const Prediction &p);

} // namespace hf::report
