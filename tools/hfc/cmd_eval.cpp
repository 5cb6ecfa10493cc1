//===- tools/hfc/cmd_eval.cpp - hfc eval ----------------------------------===//
//
// Evaluates the log-likelihood and the expected data at given parameter
// values (the inits for those not given), on the workspace's observed data.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "ir/eval.h"
#include "runtime/likelihood.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/parameter_values.h"

#include <fmt/format.h>

#include <cmath>

namespace hf::cli {

namespace {

struct EvalOptions {
  ModelOptions model;
  std::vector<std::string> assignments;
  std::string parsFile;
  bool grad = false;
};

/// A non-finite log-likelihood is a failed computation: say which bin.
[[noreturn]] void explainNonFinite(const ir::Module &m, const ir::EvalResult &r) {
  for (const ir::ChannelInfo &c : m.channels) {
    for (uint32_t b = 0; b < c.nbins; ++b) {
      double lambda = r.expectedMain[c.offset + b], n = m.observedMain[c.offset + b];
      if (!std::isfinite(lambda) || lambda < 0 || (lambda == 0 && n > 0))
        throw ComputeError(fmt::format("error: the expected rate in bin {} of channel \"{}\" is {} with {} "
                                       "observed, so the log-likelihood is {}; check the parameter "
                                       "values and the model's templates",
                                       b, c.name, lambda, n, r.logpdf));
    }
  }
  throw ComputeError(fmt::format("error: the log-likelihood is {} at these parameter values (a "
                                 "constraint term is not finite)",
                                 r.logpdf));
}

void runEval(EvalOptions &o) {
  ir::Module m = buildModule(o.model);
  if (emitIrIfAsked(o.model, m))
    return;
  std::vector<double> theta = ir::initialParameters(m);
  if (!o.parsFile.empty())
    applyParsFile(m, theta, o.parsFile);
  for (const std::string &a : o.assignments)
    applyAssignment(m, theta, a, "--set");

  std::unique_ptr<Likelihood> likelihood = buildLikelihood(o.model, m);
  if (!likelihood)
    return; // --emit-llvm
  ir::EvalResult r;
  r.gradient.resize(m.params.size());
  r.expectedMain.resize(m.nMain);
  r.expectedAux.resize(m.nAux);
  r.logpdf = likelihood->logpdfGrad(theta, m.observedMain, m.nominalAux, r.gradient);
  likelihood->expected(theta, r.expectedMain, r.expectedAux);
  if (!std::isfinite(r.logpdf))
    explainNonFinite(m, r);

  Json parameters = Json::object();
  for (size_t i = 0; i < m.params.size(); ++i)
    parameters[m.params[i].name] = theta[i];
  Json result{{"logpdf", r.logpdf},
              {"twice_nll", -2 * r.logpdf},
              {"expected_actualdata", r.expectedMain},
              {"parameters", parameters}};
  if (o.grad) {
    Json grad = Json::object();
    for (size_t i = 0; i < m.params.size(); ++i)
      grad[m.params[i].name] = r.gradient[i];
    result["grad"] = grad; // d logpdf / dθ, as pyhf's logpdf is differentiated
  }
  printJson(result);
}

} // namespace

void registerEval(CLI::App &app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App *cmd = app.add_subcommand("eval", "Evaluate the log-likelihood and expected data");
  addModelOptions(cmd, options->model);
  cmd->add_option("--set", options->assignments,
                  "NAME=VALUE (pyhf names: mu, gamma[3]; a per-bin set takes v1,v2,...); repeatable");
  cmd->add_option("--pars", options->parsFile, "JSON file {\"name\": value or [values]}");
  cmd->add_flag("--grad", options->grad, "add the gradient of logpdf: \"grad\": {name: value}");
  cmd->callback([options] { runEval(*options); });
}

} // namespace hf::cli
