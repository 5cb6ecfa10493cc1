//===- tools/hfc/cmd_report.cpp - hfc report MODEL -o report.html ---------===//
//
// One HTML page with the model's summary, the fit table and every figure
// of `hfc plot all` embedded (inline SVG; PNG with --embed png). Figures a
// model cannot have (no POI: no ranking, scan or limit) are left out with a
// note on the page; so are templates past the first --max-templates. The
// yield tables (report/yield_table.h) come pre- and post-fit.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "report/plot/page.h"
#include "report/prediction.h"
#include "report/yield_table.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/output_file.h"
#include "tools/hfc/plot_options.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

namespace hf::cli {

namespace {

struct ReportOptions {
  PlotCommandOptions plot;
  std::string output = "report.html";
  std::string embed = "svg";
  size_t maxTemplates = 12;
};

void runReport(ReportOptions &o) {
  if (o.output.empty())
    throw InputError("error: -o: expected a file name for the report");
  // The page's folder before any fit: a bad -o fails at once.
  std::string dir = std::filesystem::path(o.output).parent_path().string();
  checkOutputDirectory(dir.empty() ? "." : dir);
  PlotSession session(o.plot, {});
  const ir::Module &m = session.module();
  plot::ReportPage page;
  page.title = o.plot.model.load.modelFile;
  page.spec = &session.spec();
  page.module = &m;
  page.embedPng = o.embed == "png";
  page.fit = &session.maker().fit();
  for (plot::PlotKind kind : plot::allPlotKinds()) {
    if ((plot::needsPoi(kind) || (kind == plot::PlotKind::Scan && o.plot.plot.scanPar.empty())) && m.poiIndex < 0) {
      page.notes.push_back(fmt::format("{}: left out, the model has no POI", plot::plotKindName(kind)));
      continue;
    }
    if (kind == plot::PlotKind::DataMc && !o.plot.plot.predict) {
      page.notes.push_back("data-mc: left out, this build has no predictions");
      continue;
    }
    std::vector<plot::Figure> figures = session.figures({kind}, false);
    if (kind == plot::PlotKind::Templates && figures.size() > o.maxTemplates) {
      page.notes.push_back(fmt::format("templates: the first {} of {} shown (hfc plot templates draws them all)",
                                       o.maxTemplates, figures.size()));
      figures.resize(o.maxTemplates);
    }
    for (plot::Figure &f : figures)
      page.figures.push_back(std::move(f));
  }
  // The yield tables, pre- and post-fit, per channel and per bin.
  for (const report::Prediction &p : {report::prefitPrediction(m, observedData(m)),
                                      report::postfitPrediction(m, observedData(m), *page.fit)}) {
    page.tablesHtml += "<h3>" + p.label + "</h3>\n";
    page.tablesHtml += report::renderTable(report::yieldsPerChannel(p), report::TableFormat::Html) + "\n";
    page.tablesHtml += report::renderTable(report::yieldsPerBin(p), report::TableFormat::Html) + "\n";
  }
  writeFileAtomically(o.output, plot::reportHtml(page));
  fmt::print("{}\n", o.output);
}

} // namespace

void registerReport(CLI::App &app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App *cmd = app.add_subcommand("report", "One HTML page: model summary, fit table and every figure");
  addPlotOptions(cmd, o->plot);
  cmd->add_option("-o,--output", o->output, "the HTML file (default report.html)");
  cmd->add_option("--embed", o->embed, "svg (inline, default) or png (base64)")->check(CLI::IsMember({"svg", "png"}));
  cmd->add_option("--max-templates", o->maxTemplates, "templates figures on the page at most (default 12)");
  cmd->callback([o] { runReport(*o); });
}

} // namespace hf::cli
