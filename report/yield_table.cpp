//===- report/yield_table.cpp - Yield tables of a prediction --------------===//
//
// The text layout is tabulate's "simple" format as cabinetry uses it: every
// column as wide as its widest cell or its widest header line plus two,
// columns two spaces apart, cells left-aligned (each column mixes "a ± b"
// and numbers, so tabulate treats it as text), a dashed rule under the
// header, trailing blanks dropped. Widths count characters, not bytes ("±"
// is two bytes in UTF-8).
//
//===----------------------------------------------------------------------===//
#include "report/yield_table.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <algorithm>

namespace hf::report {

TableFormat parseTableFormat(const std::string &name, const std::string &option) {
  if (name == "text")
    return TableFormat::Text;
  if (name == "markdown")
    return TableFormat::Markdown;
  if (name == "latex")
    return TableFormat::Latex;
  if (name == "html")
    return TableFormat::Html;
  if (name == "csv")
    return TableFormat::Csv;
  if (name == "json")
    return TableFormat::Json;
  throw InputError(fmt::format("error: {}: expected text, markdown, latex, html, csv or json, found \"{}\"", option,
                               name));
}

namespace {

using Cell = YieldTable::Cell;

Cell label(std::string text) { return Cell{0, -1, std::move(text)}; }
Cell number(double value) { return Cell{value, -1, fmt::format("{:.2f}", value)}; }
Cell band(double value, double stdev) { return Cell{value, stdev, fmt::format("{:.2f} \u00b1 {:.2f}", value, stdev)}; }

/// Rows of both tables: one per sample, total, data; `columns` gives each
/// row's cells from (channel, which) with which = sample index, ns (total)
/// or ns + 1 (data).
template <typename Columns> YieldTable makeTable(const Prediction &p, std::string title, Columns columns) {
  YieldTable t;
  t.title = std::move(title);
  t.header.push_back({"sample"});
  size_t ns = p.channels.empty() ? 0 : p.channels.front().samples.size();
  std::vector<std::string> names = p.channels.empty() ? std::vector<std::string>{} : p.channels.front().samples;
  names.push_back("total");
  names.push_back("data");
  for (size_t which = 0; which < ns + 2; ++which) {
    std::vector<Cell> row{label(names[which])};
    for (const ChannelPrediction &c : p.channels)
      columns(c, which, row, which == 0 ? &t.header : nullptr);
    t.rows.push_back(std::move(row));
  }
  return t;
}

double sum(const std::vector<double> &v) {
  double s = 0;
  for (double x : v)
    s += x;
  return s;
}

size_t width(const std::string &utf8) {
  size_t n = 0;
  for (unsigned char c : utf8)
    n += (c & 0xC0) != 0x80; // count the first byte of each character
  return n;
}

std::string pad(const std::string &text, size_t w) { return text + std::string(w - std::min(w, width(text)), ' '); }

std::string rstrip(std::string s) {
  s.erase(s.find_last_not_of(' ') + 1);
  return s;
}

std::string joined(const std::vector<std::string> &lines, const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i)
    out += (i ? sep : "") + lines[i];
  return out;
}

std::string renderText(const YieldTable &t) {
  size_t ncol = t.header.size(), nlines = 0;
  std::vector<size_t> widths(ncol, 0);
  for (size_t c = 0; c < ncol; ++c) {
    nlines = std::max(nlines, t.header[c].size());
    for (const std::string &line : t.header[c])
      widths[c] = std::max(widths[c], width(line) + 2);
    for (const auto &row : t.rows)
      widths[c] = std::max(widths[c], width(row[c].text));
  }
  std::string out;
  auto line = [&](auto cellText) {
    std::string s;
    for (size_t c = 0; c < ncol; ++c)
      s += (c ? "  " : "") + pad(cellText(c), widths[c]);
    out += rstrip(s) + "\n";
  };
  for (size_t l = 0; l < nlines; ++l)
    line([&](size_t c) { return l < t.header[c].size() ? t.header[c][l] : std::string(); });
  line([&](size_t c) { return std::string(widths[c], '-'); });
  for (const auto &row : t.rows)
    line([&](size_t c) { return row[c].text; });
  return out;
}

std::string renderMarkdown(const YieldTable &t) {
  std::string out = "|";
  for (const auto &h : t.header)
    out += " " + joined(h, " ") + " |";
  out += "\n|";
  for (size_t c = 0; c < t.header.size(); ++c)
    out += c == 0 ? ":---|" : "---:|";
  out += "\n";
  for (const auto &row : t.rows) {
    out += "|";
    for (const Cell &cell : row)
      out += " " + cell.text + " |";
    out += "\n";
  }
  return out;
}

std::string latexEscape(const std::string &s) {
  std::string out;
  for (char ch : s) {
    if (ch == '_' || ch == '&' || ch == '%' || ch == '#' || ch == '$' || ch == '{' || ch == '}')
      out += '\\';
    out += ch;
  }
  return out;
}

std::string latexCell(const Cell &cell) {
  if (cell.stdev >= 0)
    return fmt::format("${:.2f} \\pm {:.2f}$", cell.value, cell.stdev);
  return latexEscape(cell.text);
}

std::string renderLatex(const YieldTable &t) {
  std::string out = "\\begin{tabular}{l" + std::string(t.header.size() - 1, 'r') + "}\n\\hline\n";
  for (size_t c = 0; c < t.header.size(); ++c) {
    std::vector<std::string> lines;
    for (const std::string &l : t.header[c])
      lines.push_back(latexEscape(l));
    out += (c ? " & " : "") + joined(lines, " ");
  }
  out += " \\\\\n\\hline\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (r + 2 == t.rows.size())
      out += "\\hline\n"; // total and data below a rule
    for (size_t c = 0; c < t.rows[r].size(); ++c)
      out += (c ? " & " : "") + latexCell(t.rows[r][c]);
    out += " \\\\\n";
  }
  return out + "\\hline\n\\end{tabular}\n";
}

std::string htmlEscape(const std::string &s) {
  std::string out;
  for (char ch : s) {
    if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else if (ch == '&')
      out += "&amp;";
    else
      out += ch;
  }
  return out;
}

std::string renderHtml(const YieldTable &t) {
  std::string out = "<table>\n<thead>\n<tr>";
  for (const auto &h : t.header) {
    std::vector<std::string> lines;
    for (const std::string &l : h)
      lines.push_back(htmlEscape(l));
    out += "<th>" + joined(lines, "<br>") + "</th>";
  }
  out += "</tr>\n</thead>\n<tbody>\n";
  for (const auto &row : t.rows) {
    out += "<tr>";
    for (size_t c = 0; c < row.size(); ++c)
      out += (c ? "<td style=\"text-align: right\">" : "<td>") + htmlEscape(row[c].text) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string csvField(const std::string &s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string out = "\"";
  for (char ch : s)
    out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

/// CSV with numbers: per column a value and a stdev column ("" for data).
std::string renderCsv(const YieldTable &t) {
  std::string out = "sample";
  for (size_t c = 1; c < t.header.size(); ++c) {
    std::string name = joined(t.header[c], " ");
    out += "," + csvField(name) + "," + csvField(name + " stdev");
  }
  out += "\n";
  for (const auto &row : t.rows) {
    out += csvField(row[0].text);
    for (size_t c = 1; c < row.size(); ++c)
      out += fmt::format(",{}", row[c].value) + (row[c].stdev >= 0 ? fmt::format(",{}", row[c].stdev) : ",");
    out += "\n";
  }
  return out;
}

} // namespace

YieldTable yieldsPerBin(const Prediction &p) {
  return makeTable(p, "yields per bin for " + p.label + " model prediction",
                   [](const ChannelPrediction &c, size_t which, std::vector<Cell> &row,
                      std::vector<std::vector<std::string>> *header) {
                     size_t ns = c.samples.size();
                     for (size_t b = 0; b < c.totalYields.size(); ++b) {
                       if (header)
                         header->push_back({c.name, fmt::format("bin {}", b + 1)});
                       if (which < ns)
                         row.push_back(band(c.yields[which][b], c.sampleStdev[which][b]));
                       else if (which == ns)
                         row.push_back(band(c.totalYields[b], c.totalStdev[b]));
                       else
                         row.push_back(number(c.data[b]));
                     }
                   });
}

YieldTable yieldsPerChannel(const Prediction &p) {
  return makeTable(p, "yields per channel for " + p.label + " model prediction",
                   [](const ChannelPrediction &c, size_t which, std::vector<Cell> &row,
                      std::vector<std::vector<std::string>> *header) {
                     size_t ns = c.samples.size();
                     if (header)
                       header->push_back({c.name});
                     if (which < ns)
                       row.push_back(band(c.sampleTotals[which], c.sampleTotalStdev[which]));
                     else if (which == ns)
                       row.push_back(band(c.total, c.totalStdevSum));
                     else
                       row.push_back(number(sum(c.data)));
                   });
}

std::string renderTable(const YieldTable &table, TableFormat format) {
  switch (format) {
  case TableFormat::Text:
    return renderText(table);
  case TableFormat::Markdown:
    return renderMarkdown(table);
  case TableFormat::Latex:
    return renderLatex(table);
  case TableFormat::Html:
    return renderHtml(table);
  case TableFormat::Csv:
    return renderCsv(table);
  case TableFormat::Json:
    break;
  }
  throw std::logic_error("renderTable: JSON is predictionJson's");
}

Json predictionJson(const Prediction &p) {
  Json channels = Json::array();
  for (const ChannelPrediction &c : p.channels) {
    Json samples = Json::array();
    for (size_t s = 0; s < c.samples.size(); ++s)
      samples.push_back(Json{{"name", c.samples[s]},
                             {"yields", c.yields[s]},
                             {"stdev", c.sampleStdev[s]},
                             {"total", c.sampleTotals[s]},
                             {"total_stdev", c.sampleTotalStdev[s]}});
    Json channel{{"name", c.name},
                 {"samples", samples},
                 {"total", Json{{"yields", c.totalYields},
                                {"stdev", c.totalStdev},
                                {"total", c.total},
                                {"total_stdev", c.totalStdevSum}}},
                 {"data", c.data},
                 {"data_total", sum(c.data)}};
    if (!c.binEdges.empty())
      channel["bin_edges"] = c.binEdges;
    channels.push_back(std::move(channel));
  }
  return Json{{"label", p.label},
              {"channels", channels},
              {"parameters", p.parameterNames},
              {"values", p.parameters},
              {"uncertainties", p.uncertainties}};
}

} // namespace hf::report
