//===- tools/hfc/cmd_plot.cpp - hfc plot KIND MODEL -----------------------===//
//
//   hfc plot data-mc|pulls|corr|ranking|scan|limit|templates|modifiers|all MODEL
//       [--output DIR] [--format png|svg|pdf|json] [--width W] [--height H]
//       [--postfit] [--log] [--all-parameters] [--threshold T] [--max N]
//       [--par NAME] [--scan-steps N] [--level L] [--templates FILE]
// Every figure (or, with --format json, the numbers behind it) goes to
// DIR/<name>.<ext>; the paths written are printed on stdout, one a line.
// All figures are computed and drawn in memory first, then written, each
// file whole: a failure leaves no half-written figure behind.
//
//===----------------------------------------------------------------------===//
#include "frontend/json_text.h"
#include "hf/error.h"
#include "report/plot/figures.h"
#include "report/prediction.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/output_file.h"
#include "tools/hfc/plot_options.h"
#include "tools/hfc/progress.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace hf::cli {

void addPlotOptions(CLI::App *cmd, PlotCommandOptions &o) {
  addModelOptions(cmd, o.model);
  cmd->add_option("--width", o.width, "figure width in pixels (PNG) or points (SVG, PDF); default per figure")
      ->check(CLI::Range(50, 10000));
  cmd->add_option("--height", o.height, "figure height; default per figure")->check(CLI::Range(50, 10000));
  cmd->add_flag("--postfit", o.plot.postfit, "data-mc: post-fit yields and uncertainties (default pre-fit)");
  cmd->add_flag("--log", o.plot.logY, "data-mc: logarithmic y axis");
  cmd->add_flag("--all-parameters", o.plot.includeAll, "pulls: also staterror and fixed parameters");
  cmd->add_option("--threshold", o.plot.threshold,
                  "corr: leave out parameters whose largest |correlation| is below T (default 0)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max", o.plot.maxPars, "ranking: the N highest-ranked parameters (default 10; 0: all)");
  cmd->add_option("--par", o.plot.scanPar, "scan: this parameter instead of the POI");
  cmd->add_option("--scan-steps", o.plot.scanSteps, "scan: points over best fit ± 2σ (default 11)");
  cmd->add_option("--level", o.plot.level, "limit: CLs level (default 0.05)")->check(CLI::Range(1e-9, 1 - 1e-9));
  cmd->add_option("--templates", o.plot.templatesFile,
                  "templates: cabinetry's template histograms (JSON {original, modified}) instead of the "
                  "workspace's histosys modifiers");
}

void checkOutputDirectory(const std::string &dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw InputError(fmt::format("error: --output {}: cannot create the directory: {}", dir, ec.message()));
  if (!std::filesystem::is_directory(dir))
    throw InputError(fmt::format("error: --output {}: not a directory", dir));
  if (::access(dir.c_str(), W_OK) != 0)
    throw InputError(fmt::format("error: --output {}: cannot write there: {}", dir, std::strerror(errno)));
}

std::string fileStem(const std::string &name) {
  std::string out;
  for (char c : name)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.') ? c : '_';
  return out;
}

PlotSession::PlotSession(PlotCommandOptions &o, const std::vector<plot::PlotKind> &required) : options_(o) {
  module_ = buildModule(o.model, &spec_);
  for (plot::PlotKind kind : required)
    if ((plot::needsPoi(kind) || (kind == plot::PlotKind::Scan && o.plot.scanPar.empty())) && module_.poiIndex < 0)
      throw InputError(fmt::format("error: hfc plot {}: the model has no POI{}{}", plot::plotKindName(kind),
                                   module_.poiName.empty() ? " (its measurement names none)"
                                                           : " ('" + module_.poiName + "' is not one of its parameters)",
                                   kind == plot::PlotKind::Scan ? "; choose a parameter with --par NAME" : ""));
  likelihood_ = buildLikelihood(o.model, module_);
  if (!likelihood_)
    throw InputError("error: --emit-llvm: hfc plot draws figures; use hfc fit MODEL --emit-llvm");
  plot::PlotOptions p = o.plot;
  // data-mc: cabinetry's predictions (report/prediction.h) on the module as
  // lowered, pre-fit or at the fit.
  p.predict = [this](const FitResult *fit) {
    return fit ? report::postfitPrediction(module_, observedData(module_), *fit)
               : report::prefitPrediction(module_, observedData(module_));
  };
  o.plot.predict = p.predict;
  auto progress = std::make_shared<Progress>("plot");
  p.onStep = [progress](const std::string &what) { progress->update(what); };
  maker_ = std::make_unique<plot::FigureMaker>(spec_, module_, *likelihood_, p);
}

PlotSession::~PlotSession() = default;

std::vector<plot::Figure> PlotSession::figures(const std::vector<plot::PlotKind> &kinds, bool skipInapplicable) {
  std::vector<plot::Figure> out;
  for (plot::PlotKind kind : kinds) {
    if (skipInapplicable) {
      if (plot::needsPoi(kind) || (kind == plot::PlotKind::Scan && options_.plot.scanPar.empty()))
        if (module_.poiIndex < 0) {
          fmt::print(stderr, "hfc: {}: skipped, the model has no POI\n", plot::plotKindName(kind));
          continue;
        }
      if (kind == plot::PlotKind::DataMc && !options_.plot.predict) {
        fmt::print(stderr, "hfc: data-mc: skipped, this build has no predictions\n");
        continue;
      }
    }
    std::vector<plot::Figure> f = maker_->make(kind);
    if (f.empty())
      fmt::print(stderr, "hfc: {}: nothing to draw in this model\n", plot::plotKindName(kind));
    for (plot::Figure &figure : f) {
      if (options_.width)
        figure.width = options_.width;
      if (options_.height)
        figure.height = options_.height;
      out.push_back(std::move(figure));
    }
  }
  return out;
}

namespace {

void runPlot(PlotCommandOptions &o) {
  std::vector<plot::PlotKind> kinds =
      o.kind == "all" ? plot::allPlotKinds() : std::vector<plot::PlotKind>{plot::parsePlotKind(o.kind)};
  bool json = o.format == "json";
  plot::Format format = json ? plot::Format::Png : plot::parseFormat(o.format, "--format");
  checkOutputDirectory(o.outputDir); // before any fit: a bad --output fails at once
  PlotSession session(o, o.kind == "all" ? std::vector<plot::PlotKind>{} : kinds);
  std::vector<plot::Figure> figures = session.figures(kinds, o.kind == "all");
  // Draw everything, then write: no file before every figure is ready.
  std::vector<std::pair<std::string, std::string>> files;
  for (const plot::Figure &f : figures) {
    std::string path = (std::filesystem::path(o.outputDir) /
                        (fileStem(f.name) + "." + (json ? "json" : plot::extension(format))))
                           .string();
    files.emplace_back(path, json ? f.data.dump(4) + "\n" : plot::render(format, f.width, f.height, f.draw));
  }
  for (const auto &[path, bytes] : files) {
    writeFileAtomically(path, bytes);
    fmt::print("{}\n", path);
  }
}

} // namespace

void registerPlot(CLI::App &app) {
  auto o = std::make_shared<PlotCommandOptions>();
  CLI::App *cmd = app.add_subcommand(
      "plot", "Figures of a model and its fit: data-mc, pulls, corr, ranking, scan, limit, templates, modifiers, all");
  cmd->add_option("KIND", o->kind, "data-mc, pulls, corr, ranking, scan, limit, templates, modifiers or all")
      ->required();
  addPlotOptions(cmd, *o);
  cmd->add_option("-o,--output", o->outputDir, "directory for the figures (default .; created if missing)");
  cmd->add_option("--format", o->format, "png (default), svg, pdf, or json (the numbers behind each figure)");
  cmd->callback([o] {
    if (o->kind != "all")
      plot::parsePlotKind(o->kind); // an unknown kind before the model is read
    if (o->format != "json")
      plot::parseFormat(o->format, "--format");
    runPlot(*o);
  });
}

} // namespace hf::cli
