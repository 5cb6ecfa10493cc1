//===- tools/hfc/cmd_analysis.cpp - cabinetry's workflow on the command line ===//
//
// `hfc templates CONFIG`, `hfc postprocess CONFIG`, `hfc workspace CONFIG
// [WS.json]` and `hfc build CONFIG [-o WS.json]`, cabinetry's commands with
// its arguments (spec/cabinetry.md §8). The work is analysis/pipeline's; this
// file parses options, writes files and prints.
//
//===----------------------------------------------------------------------===//
#include "analysis/config.h"
#include "analysis/pipeline.h"
#include "frontend/json_reader.h"
#include "frontend/python_json.h"
#include "hf/error.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <unistd.h>

namespace hf::cli {

namespace {

struct AnalysisOptions {
  std::string config;
  std::string baseDir;
  std::string inputType;
  unsigned threads = 0;
  std::string output;
};

void addCommon(CLI::App *cmd, AnalysisOptions &o, bool inputs) {
  cmd->add_option("CONFIG", o.config, "cabinetry configuration (YAML)")->required();
  cmd->add_option("--basedir", o.baseDir,
                  "directory the config's input paths (InputPath) start from, where cabinetry would run "
                  "(default: the working directory); HistogramFolder is always relative to the working directory");
  if (inputs) {
    cmd->add_option("--input-type,--input_type", o.inputType,
                    "ntuple or histogram (default: histogram when InputPath has a 'file:object' position)")
        ->check(CLI::IsMember({"ntuple", "histogram"}));
    cmd->add_option("-j,--threads", o.threads, "threads for reading inputs (default: one per core)");
  }
}

analysis::PipelineOptions pipelineOptions(const AnalysisOptions &o) {
  analysis::PipelineOptions p;
  p.build.baseDir = o.baseDir;
  p.build.threads = o.threads;
  p.build.progress = ::isatty(2) != 0;
  if (o.inputType == "ntuple")
    p.inputKind = analysis::InputKind::Ntuple;
  else if (o.inputType == "histogram")
    p.inputKind = analysis::InputKind::Histogram;
  return p;
}

/// The workspace as cabinetry writes it (json.dumps(sort_keys=True,
/// indent=4), no final newline) to `output`, or on stdout; validated as pyhf
/// does first.
void writeWorkspaceJson(const Json &ws, const std::string &output, const std::string &config) {
  readWorkspace(ws, config + " (the workspace built from it)");
  if (output.empty() || output == "-")
    printJson(ws);
  else
    writeFileAtomically(output, pythonJsonPretty(ws, true));
}

void reportTemplates(const analysis::TemplateSet &templates, const std::string &folder) {
  fmt::print(stderr, "hfc: {} templates in {}\n", templates.size(), analysis::templateFile(folder));
}

} // namespace

void registerAnalysis(CLI::App &app) {
  auto templates = std::make_shared<AnalysisOptions>();
  CLI::App *t = app.add_subcommand("templates", "build the template histograms of a cabinetry config (ntuples "
                                                "or histogram inputs) into its HistogramFolder");
  addCommon(t, *templates, true);
  t->callback([templates] {
    analysis::Config c = analysis::readConfig(templates->config);
    analysis::PipelineOptions p = pipelineOptions(*templates);
    reportTemplates(analysis::runTemplates(c, p), analysis::histogramFolder(c, p));
  });

  auto post = std::make_shared<AnalysisOptions>();
  CLI::App *pp = app.add_subcommand("postprocess", "post-process a config's templates: NaN uncertainties to 0, "
                                                   "smoothing; kept beside the originals as _modified");
  addCommon(pp, *post, false);
  pp->callback([post] {
    analysis::Config c = analysis::readConfig(post->config);
    analysis::PipelineOptions p = pipelineOptions(*post);
    reportTemplates(analysis::runPostprocess(c, p), analysis::histogramFolder(c, p));
  });

  auto ws = std::make_shared<AnalysisOptions>();
  CLI::App *w = app.add_subcommand("workspace", "assemble the pyhf workspace of a config from its templates");
  addCommon(w, *ws, false);
  w->add_option("WS_SPEC", ws->output, "workspace file to write (default: standard output)");
  w->callback([ws] {
    analysis::Config c = analysis::readConfig(ws->config);
    writeWorkspaceJson(analysis::runWorkspace(c, pipelineOptions(*ws)), ws->output, ws->config);
  });

  auto build = std::make_shared<AnalysisOptions>();
  CLI::App *b = app.add_subcommand("build", "templates, postprocess and workspace in one step: a cabinetry "
                                            "config to its pyhf workspace");
  addCommon(b, *build, true);
  b->add_option("-o,--output", build->output, "workspace file to write (default: standard output)");
  b->callback([build] {
    analysis::Config c = analysis::readConfig(build->config);
    writeWorkspaceJson(analysis::runBuild(c, pipelineOptions(*build)), build->output, build->config);
  });
}

} // namespace hf::cli
