//===- tools/hfc/cmd_yields.cpp - hfc yields: yield tables ----------------===//
//
//   hfc yields MODEL [--postfit] [--per-bin|--per-channel]
//                    [--format text|markdown|latex|html|csv|json] [-o FILE]
//
// cabinetry's tabulate.yields of the pre-fit (inits, pre-fit uncertainties)
// or post-fit (best fit, its uncertainties and correlations) prediction
// (report/prediction.h). Both tables by default, each under its title; one
// of them alone prints exactly that table (text: tabulate's "simple", as
// cabinetry saves it). JSON carries every unrounded number.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "report/prediction.h"
#include "report/yield_table.h"
#include "runtime/asimov.h"
#include "runtime/fit.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/output_file.h"
#include "tools/hfc/parameter_values.h"
#include "tools/hfc/progress.h"

#include <fmt/format.h>

#include <cstdio>

namespace hf::cli {

namespace {

struct YieldsOptions {
  ModelOptions model;
  bool postfit = false, perBin = false, perChannel = false, asimov = false;
  std::string format = "text";
  std::string output;
  std::vector<std::string> fix;
};

void runYields(YieldsOptions &o) {
  report::TableFormat format = report::parseTableFormat(o.format);
  ir::Module m = buildModule(o.model);
  if (emitIrIfAsked(o.model, m))
    return;
  std::unique_ptr<Likelihood> likelihood = buildLikelihood(o.model, m);
  if (!likelihood)
    return; // --emit-llvm printed
  Dataset data = o.asimov ? asimovData(*likelihood) : observedData(m);
  report::Prediction p = [&] {
    if (!o.postfit)
      return report::prefitPrediction(likelihood->model(), data);
    FitSettings settings = FitSettings::defaults(m);
    for (const std::string &fix : o.fix) {
      std::vector<double> theta = settings.init;
      applyAssignment(m, theta, fix, "--fix");
      for (uint32_t i : resolveParameter(m, fix.substr(0, fix.find('=')), "--fix")) {
        settings.init[i] = theta[i];
        settings.fixed[i] = true;
      }
    }
    FitResult r = [&] {
      Heartbeat heartbeat("fit");
      return Fitter(*likelihood).fit(data, settings, true);
    }();
    return report::postfitPrediction(likelihood->model(), data, r);
  }();

  std::string text;
  if (format == report::TableFormat::Json) {
    text = report::predictionJson(p).dump(4) + "\n";
  } else {
    bool both = o.perBin == o.perChannel; // neither or both: both tables
    std::vector<report::YieldTable> tables;
    if (both || o.perBin)
      tables.push_back(report::yieldsPerBin(p));
    if (both || o.perChannel)
      tables.push_back(report::yieldsPerChannel(p));
    for (size_t k = 0; k < tables.size(); ++k) {
      if (both)
        text += (k ? "\n" : "") + tables[k].title + ":\n";
      text += report::renderTable(tables[k], format);
    }
  }
  if (o.output.empty())
    std::fwrite(text.data(), 1, text.size(), stdout);
  else
    writeFileAtomically(o.output, text);
}

} // namespace

void registerYields(CLI::App &app) {
  auto o = std::make_shared<YieldsOptions>();
  CLI::App *cmd = app.add_subcommand("yields", "Yield tables per sample with uncertainty bands, pre- or post-fit "
                                               "(cabinetry's tabulate.yields)");
  addModelOptions(cmd, o->model);
  cmd->add_flag("--postfit", o->postfit, "the post-fit prediction (best fit, uncertainties, correlations)");
  CLI::Option *perBin = cmd->add_flag("--per-bin", o->perBin, "only the table per bin");
  cmd->add_flag("--per-channel", o->perChannel, "only the table per channel")->excludes(perBin);
  cmd->add_option("--format", o->format, "text (default), markdown, latex, html, csv or json");
  cmd->add_option("-o,--output", o->output, "write to FILE (whole or not at all) instead of stdout");
  cmd->add_option("--fix", o->fix, "--postfit: NAME=VALUE held fixed in the fit; repeatable");
  cmd->add_flag("--asimov", o->asimov, "on cabinetry's Asimov data instead of the observed data");
  cmd->callback([o] { runYields(*o); });
}

} // namespace hf::cli
