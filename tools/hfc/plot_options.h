//===- tools/hfc/plot_options.h - What hfc plot and hfc report share ------===//
#pragma once

#include "report/plot/figures.h"
#include "tools/hfc/model_options.h"

#include <memory>
#include <string>
#include <vector>

namespace hf::cli {

struct PlotCommandOptions {
  ModelOptions model;
  plot::PlotOptions plot;
  std::string kind;
  std::string outputDir = ".";
  std::string format = "png";
  int width = 0, height = 0; ///< 0: each figure's own size
};

/// MODEL, the figure options and --width/--height (not --output/--format).
void addPlotOptions(CLI::App *cmd, PlotCommandOptions &o);

/// InputError unless `dir` exists (it is created) and is writable.
void checkOutputDirectory(const std::string &dir);

/// A figure name as a file name: anything but [A-Za-z0-9_.-] becomes '_'.
std::string fileStem(const std::string &name);

/// The model, its likelihood and the figure maker of one command.
class PlotSession {
public:
  /// Loads and lowers the model; InputError, before compiling anything,
  /// when one of `required` needs a POI the model lacks.
  PlotSession(PlotCommandOptions &o, const std::vector<plot::PlotKind> &required);
  ~PlotSession();
  /// The figures of `kinds`, sized by --width/--height. With
  /// skipInapplicable (plot all, report) kinds the model cannot have (no
  /// POI, no predictions) are skipped with a note on stderr.
  std::vector<plot::Figure> figures(const std::vector<plot::PlotKind> &kinds, bool skipInapplicable);
  const ir::Module &module() const { return module_; }
  const ModelSpec &spec() const { return spec_; }
  plot::FigureMaker &maker() { return *maker_; }

private:
  PlotCommandOptions &options_;
  ModelSpec spec_;
  ir::Module module_;
  std::unique_ptr<Likelihood> likelihood_;
  std::unique_ptr<plot::FigureMaker> maker_;
};

} // namespace hf::cli
