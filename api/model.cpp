//===- api/model.cpp - The embedded API's Model over the runtime -----------===//
//
// A thin layer: hfc::Model owns the lowered module, its Likelihood (the JIT
// or the interpreter) and the asymptotic calculators, and translates between
// the public types of include/hf/model.h and the runtime's. No numerics here:
// every number comes from runtime/, exactly as the CLI computes it.
//
//===----------------------------------------------------------------------===//
#include "api/model_impl.h"

#include "frontend/diagnostics.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "ir/lower.h"
#include "ir/pipeline.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "report/prediction.h"
#include "runtime/asimov.h"
#include "runtime/goodness_of_fit.h"
#include "runtime/minos.h"
#include "runtime/profile_scan.h"
#include "runtime/ranking.h"
#include "runtime/toys.h"
#include "runtime/upper_limit.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <stdexcept>

namespace hfc {

namespace {

hf::TestStatistic toRuntime(TestStat stat) {
  return stat == TestStat::Q ? hf::TestStatistic::Q : hf::TestStatistic::QTilde;
}

HypoTest toPublic(const hf::HypoTestResult &r) {
  HypoTest t;
  t.clsObs = r.clsObs;
  t.clsExp = r.clsExp;
  t.clsb = r.clsb;
  t.clb = r.clb;
  t.muHat = r.muHat;
  return t;
}

} // namespace

Model::Impl::Impl(const hf::ModelSpec &spec, const CompileOptions &options) {
  hf::ir::InterpCodes codes = options.interp.empty() ? hf::ir::InterpCodes{} : hf::ir::parseInterpCodes(options.interp);
  module = hf::ir::lower(spec, codes);
  std::string problem = hf::ir::verify(module);
  if (!problem.empty())
    throw std::logic_error("lowering produced invalid IR: " + problem);
  hf::LikelihoodOptions lo;
  lo.backend = options.interpreter ? hf::Backend::Interpreter : hf::Backend::Jit;
  lo.cacheDir = options.cacheDir;
  likelihood = std::make_unique<hf::Likelihood>(module, lo);
  settings = hf::FitSettings::defaults(module);
  observed = hf::observedData(module);
  for (const hf::ir::Parameter &p : module.params)
    parameters.push_back({p.name, p.init, p.lo, p.hi, p.fixed});
}

hf::AsymptoticCalculator &Model::Impl::calculator(TestStat stat) {
  std::unique_ptr<hf::AsymptoticCalculator> &slot = stat == TestStat::Q ? calculatorQ : calculatorQTilde;
  if (!slot)
    slot = std::make_unique<hf::AsymptoticCalculator>(*likelihood, toRuntime(stat), settings, observed);
  return *slot;
}

void Model::Impl::checkSize(std::span<const double> values, size_t expected, const char *what) const {
  if (values.size() != expected)
    throw InputError(fmt::format("error: {} has {} values; the model needs {}", what, values.size(), expected));
}

std::unique_ptr<Model::Impl> compileWorkspaceDocument(const hf::Json &doc, const std::string &name,
                                                      const LoadOptions &options) {
  if (!options.patches.empty() || !options.patchset.empty())
    throw InputError(fmt::format("error: {}: patches apply to model files only (Model::load)", name));
  hf::Workspace ws = hf::readWorkspace(doc, name);
  return std::make_unique<Model::Impl>(hf::modelSpecOf(ws, options.measurement), options.compile);
}

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::Model(Model &&) noexcept = default;
Model &Model::operator=(Model &&) noexcept = default;
Model::~Model() = default;

Model Model::load(const std::string &path, const LoadOptions &options) {
  hf::LoadOptions load;
  load.modelFile = path;
  load.patchFiles = options.patches;
  load.patchsetFile = options.patchset;
  load.point = options.point;
  load.measurement = options.measurement;
  if (!options.point.empty() && options.patchset.empty())
    throw InputError("error: LoadOptions::point needs LoadOptions::patchset");
  return Model(std::make_unique<Impl>(hf::loadModel(load), options.compile));
}

Model Model::fromJson(const std::string &workspaceJson, const LoadOptions &options) {
  return Model(compileWorkspaceDocument(hf::parseJsonText(workspaceJson, "<json>"), "<json>", options));
}

const std::vector<Parameter> &Model::parameters() const { return impl_->parameters; }

size_t Model::index(const std::string &name) const {
  int i = impl_->module.findParameter(name);
  if (i < 0)
    throw InputError(fmt::format("error: unknown parameter \"{}\" (Model::parameters() lists them)", name));
  return static_cast<size_t>(i);
}

const std::string &Model::poi() const { return impl_->module.poiName; }

std::vector<double> Model::inits() const { return impl_->settings.init; }

std::vector<std::pair<std::string, size_t>> Model::channels() const {
  std::vector<std::pair<std::string, size_t>> out;
  for (const hf::ir::ChannelInfo &c : impl_->module.channels)
    out.emplace_back(c.name, c.nbins);
  return out;
}

std::vector<double> Model::observedData() const {
  std::vector<double> data = impl_->observed.main;
  data.insert(data.end(), impl_->observed.aux.begin(), impl_->observed.aux.end());
  return data;
}

size_t Model::mainDataSize() const { return impl_->module.nMain; }

size_t Model::auxDataSize() const { return impl_->module.nAux; }

std::vector<double> Model::expectedData(std::span<const double> pars) const {
  const hf::ir::Module &m = impl_->module;
  impl_->checkSize(pars, m.params.size(), "pars");
  std::vector<double> data(m.nMain + m.nAux);
  impl_->likelihood->expected(pars, std::span(data).first(m.nMain), std::span(data).subspan(m.nMain));
  return data;
}

double Model::logpdf(std::span<const double> pars) const {
  impl_->checkSize(pars, impl_->module.params.size(), "pars");
  return impl_->likelihood->logpdf(pars, impl_->observed.main, impl_->observed.aux);
}

double Model::logpdf(std::span<const double> pars, std::span<const double> data) const {
  const hf::ir::Module &m = impl_->module;
  impl_->checkSize(pars, m.params.size(), "pars");
  impl_->checkSize(data, m.nMain + m.nAux, "data (main followed by auxiliary data)");
  return impl_->likelihood->logpdf(pars, data.first(m.nMain), data.subspan(m.nMain));
}

double Model::logpdfGradient(std::span<const double> pars, std::span<double> grad) const {
  impl_->checkSize(pars, impl_->module.params.size(), "pars");
  impl_->checkSize(grad, impl_->module.params.size(), "grad");
  return impl_->likelihood->logpdfGrad(pars, impl_->observed.main, impl_->observed.aux, grad);
}

double Model::logpdfGradient(std::span<const double> pars, std::span<const double> data,
                             std::span<double> grad) const {
  const hf::ir::Module &m = impl_->module;
  impl_->checkSize(pars, m.params.size(), "pars");
  impl_->checkSize(data, m.nMain + m.nAux, "data (main followed by auxiliary data)");
  impl_->checkSize(grad, m.params.size(), "grad");
  return impl_->likelihood->logpdfGrad(pars, data.first(m.nMain), data.subspan(m.nMain), grad);
}

void Model::expectedData(std::span<const double> pars, std::span<double> out) const {
  const hf::ir::Module &m = impl_->module;
  impl_->checkSize(pars, m.params.size(), "pars");
  if (out.size() == m.nMain) {
    // The auxiliary part still has to go somewhere: a small scratch buffer.
    std::vector<double> aux(m.nAux);
    impl_->likelihood->expected(pars, out, aux);
    return;
  }
  impl_->checkSize(out, m.nMain + m.nAux, "the expected-data buffer");
  impl_->likelihood->expected(pars, out.first(m.nMain), out.subspan(m.nMain));
}

void Model::setData(std::span<const double> data) {
  const hf::ir::Module &m = impl_->module;
  impl_->checkSize(data, m.nMain + m.nAux, "data (main followed by auxiliary data)");
  impl_->observed.main.assign(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(m.nMain));
  impl_->observed.aux.assign(data.begin() + static_cast<std::ptrdiff_t>(m.nMain), data.end());
  // The calculators hold their own copy of the data and fits made on it.
  impl_->calculatorQ.reset();
  impl_->calculatorQTilde.reset();
}

hf::FitSettings Model::Impl::settingsWith(const FitOptions &options, const Model &model) const {
  hf::FitSettings s = settings;
  if (!options.init.empty()) {
    checkSize(options.init, s.init.size(), "init (initial parameter values)");
    for (size_t i = 0; i < s.init.size(); ++i)
      if (!std::isfinite(options.init[i]))
        throw InputError(fmt::format("error: the init of \"{}\" must be a finite number", parameters[i].name));
    s.init = options.init;
  }
  if (!options.bounds.empty()) {
    if (options.bounds.size() != s.lo.size())
      throw InputError(fmt::format("error: bounds has {} (lo, hi) pairs; the model needs {}", options.bounds.size(),
                                   s.lo.size()));
    for (size_t i = 0; i < s.lo.size(); ++i) {
      auto [lo, hi] = options.bounds[i];
      if (std::isnan(lo) || std::isnan(hi) || !(lo <= hi))
        throw InputError(fmt::format("error: the bounds of \"{}\" must satisfy lo <= hi (found {}, {})",
                                     parameters[i].name, lo, hi));
      s.lo[i] = lo;
      s.hi[i] = hi;
    }
  }
  for (const auto &[name, value] : options.fixed) {
    size_t i = model.index(name);
    if (!std::isfinite(value))
      throw InputError(fmt::format("error: the fixed value of \"{}\" must be a finite number", name));
    s.init[i] = value;
    s.fixed[i] = true;
  }
  return s;
}

Fit Model::fit(const FitOptions &options) const {
  hf::FitSettings s = impl_->settingsWith(options, *this);
  hf::FitResult r = hf::Fitter(*impl_->likelihood).fit(impl_->observed, s, options.uncertainties);
  return Fit{r.theta, r.uncertainties, r.correlations, r.twiceNll, r.converged};
}

HypoTest Model::cls(double mu, TestStat stat) const {
  hf::requirePoi(impl_->module);
  return toPublic(impl_->calculator(stat).hypotest(mu));
}

Limit Model::upperLimit(double level, TestStat stat) const {
  HypoTestOptions options;
  options.stat = stat;
  return upperLimit(level, options);
}

namespace {

bool usesModelSettings(const FitOptions &fit) {
  return fit.fixed.empty() && fit.init.empty() && fit.bounds.empty();
}

} // namespace

std::function<hf::HypoTestResult(double)> Model::Impl::hypotests(const HypoTestOptions &options,
                                                                 const Model &model) {
  if (!options.toys && usesModelSettings(options.fit)) {
    hf::AsymptoticCalculator *calc = &calculator(options.stat);
    return [calc](double mu) { return calc->hypotest(mu); };
  }
  hf::FitSettings s = settingsWith(options.fit, model);
  if (options.toys) {
    if (options.ntoys < 1)
      throw InputError("error: ntoys must be at least 1");
    hf::ToyOptions toys;
    toys.ntoys = options.ntoys;
    toys.seed = options.seed;
    toys.progress = false; // a library prints nothing
    auto calc = std::make_shared<hf::ToyCalculator>(*likelihood, toRuntime(options.stat), s, observed, toys);
    return [calc](double mu) { return calc->hypotest(mu); };
  }
  auto calc = std::make_shared<hf::AsymptoticCalculator>(*likelihood, toRuntime(options.stat), s, observed);
  return [calc](double mu) { return calc->hypotest(mu); };
}

HypoTest Model::cls(double mu, const HypoTestOptions &options) const {
  hf::requirePoi(impl_->module);
  return toPublic(impl_->hypotests(options, *this)(mu));
}

Limit Model::upperLimit(double level, const HypoTestOptions &options, const std::vector<double> &scan) const {
  if (!(level > 0 && level < 1))
    throw InputError(fmt::format("error: expected a CLs level in (0, 1), found {}", level));
  size_t poi = hf::requirePoi(impl_->module);
  std::function<hf::HypoTestResult(double)> test = impl_->hypotests(options, *this);
  auto hypotest = [&](double mu) {
    hf::HypoTestResult t = test(mu);
    return hf::CLsPoint{t.clsObs, t.clsExp};
  };
  hf::FitSettings s = impl_->settingsWith(options.fit, *this);
  hf::UpperLimitResult r = scan.empty() ? hf::upperLimitRootFinding(hypotest, s.lo[poi], s.hi[poi], level)
                                        : hf::upperLimitScan(hypotest, scan, level);
  Limit out{r.obs, r.exp, r.testedMu, {}, {}};
  for (const hf::CLsPoint &p : r.results) {
    out.testedClsObs.push_back(p.obs);
    out.testedClsExp.push_back(p.exp);
  }
  return out;
}

Significance Model::significance() const {
  hf::requirePoi(impl_->module);
  hf::AsymptoticCalculator calc(*impl_->likelihood, hf::TestStatistic::Q0, impl_->settings, impl_->observed);
  hf::HypoTestResult r = calc.hypotest(0);
  return Significance{r.clsObs, r.clsExp[2], std::sqrt(r.q), std::sqrt(r.qA)};
}

std::vector<Impact> Model::ranking(const FitOptions &options) const {
  hf::Ranking r = hf::rankParameters(hf::Fitter(*impl_->likelihood), impl_->observed,
                                     impl_->settingsWith(options, *this));
  std::vector<Impact> out;
  for (const hf::RankedParameter &p : r.ranked)
    out.push_back(Impact{impl_->module.params[p.index].name, p.bestFit, p.uncertainty, p.postfitUp,
                         p.postfitDown, p.prefitWidth > 0, p.prefitUp, p.prefitDown});
  return out;
}

Scan Model::scan(double lo, double hi, int n, const std::string &parameter) const {
  if (n < 1 || !(lo <= hi))
    throw InputError(fmt::format("error: a scan needs lo <= hi and n >= 1 (found {}, {}, {})", lo, hi, n));
  uint32_t par = parameter.empty() ? static_cast<uint32_t>(hf::requirePoi(impl_->module))
                                   : static_cast<uint32_t>(index(parameter));
  std::vector<double> values = hf::evenlySpaced(lo, hi, n);
  hf::ProfileScan s = hf::profileScan(hf::Fitter(*impl_->likelihood), impl_->observed, impl_->settings, par, values);
  return Scan{s.values, s.twiceNll, s.deltaTwiceNll, s.best.theta[par], s.best.twiceNll};
}

Scan Model::scan(const std::vector<double> &values, const std::string &parameter, const FitOptions &options) const {
  if (values.empty())
    throw InputError("error: a scan needs at least one value");
  uint32_t par = parameter.empty() ? static_cast<uint32_t>(hf::requirePoi(impl_->module))
                                   : static_cast<uint32_t>(index(parameter));
  hf::ProfileScan s =
      hf::profileScan(hf::Fitter(*impl_->likelihood), impl_->observed, impl_->settingsWith(options, *this), par, values);
  return Scan{s.values, s.twiceNll, s.deltaTwiceNll, s.best.theta[par], s.best.twiceNll};
}

MinosInterval Model::minos(const std::string &parameter, double cl, const FitOptions &options) const {
  double threshold = hf::minosThreshold(cl);
  uint32_t par = static_cast<uint32_t>(index(parameter));
  hf::FitSettings s = impl_->settingsWith(options, *this);
  hf::Fitter fitter(*impl_->likelihood);
  hf::FitResult best = fitter.fit(impl_->observed, s, true);
  hf::MinosInterval in = hf::minos(fitter, impl_->observed, s, best, par, threshold);
  auto side = [](const hf::MinosSide &m) { return MinosError{m.error, m.valid, m.atBound, m.problem}; };
  return MinosInterval{parameter, in.bestFit, in.threshold, side(in.lower), side(in.upper)};
}

GoodnessOfFit Model::goodnessOfFit(const FitOptions &options) const {
  hf::FitSettings s = impl_->settingsWith(options, *this);
  hf::FitResult best = hf::Fitter(*impl_->likelihood).fit(impl_->observed, s);
  hf::GoodnessOfFit g = hf::goodnessOfFit(impl_->module, impl_->observed, s, best.twiceNll);
  return GoodnessOfFit{g.pValue, g.deltaNll, g.saturatedNll, g.ndof};
}

Prediction Model::prediction(bool postfit, const FitOptions &options) const {
  hf::report::Prediction p;
  if (postfit) {
    hf::FitSettings s = impl_->settingsWith(options, *this);
    hf::FitResult r = hf::Fitter(*impl_->likelihood).fit(impl_->observed, s, true);
    p = hf::report::postfitPrediction(impl_->module, impl_->observed, r);
  } else {
    p = hf::report::prefitPrediction(impl_->module, impl_->observed);
  }
  Prediction out{p.label, {}, p.parameters, p.uncertainties};
  for (const hf::report::ChannelPrediction &c : p.channels)
    out.channels.push_back(ChannelPrediction{c.name, c.samples, c.yields, c.sampleStdev, c.totalYields, c.totalStdev,
                                             c.sampleTotals, c.sampleTotalStdev, c.total, c.totalStdevSum, c.data});
  return out;
}

std::vector<double> Model::asimovData() const {
  hf::Dataset d = hf::asimovData(*impl_->likelihood);
  d.main.insert(d.main.end(), d.aux.begin(), d.aux.end());
  return d.main;
}

std::string Model::ir() const {
  hf::ir::Module shown = impl_->module;
  hf::ir::optimize(shown);
  return hf::ir::print(shown);
}

double Model::compileMs() const { return impl_->likelihood->compileMs(); }

} // namespace hfc
