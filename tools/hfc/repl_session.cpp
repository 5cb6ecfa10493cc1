//===- tools/hfc/repl_session.cpp - The REPL's command interpreter --------===//
//
// Each command is a member function that reads its checked arguments
// (Args, from the table in repl_commands.cpp), calls the runtime exactly as
// the matching one-shot command does, and prints text. Numbers are spelled
// as Python's repr (pythonFloatRepr), the spelling of hfc's JSON output, so
// a session's numbers can be compared with `hfc eval`'s or `hfc cls`'s as
// strings. Failures are exceptions (InputError, ComputeError) caught in
// execute(), one message each.
//
//===----------------------------------------------------------------------===//
#include "tools/hfc/repl_session.h"

#include "frontend/python_json.h"
#include "hf/error.h"
#include "runtime/asymptotics.h"
#include "runtime/profile_scan.h"
#include "runtime/minos.h"
#include "runtime/ranking.h"
#include "report/prediction.h"
#include "report/yield_table.h"
#include "runtime/toys.h"
#include "runtime/upper_limit.h"
#include "tools/hfc/inspect_summary.h"
#include "tools/hfc/parameter_values.h"
#include "tools/hfc/progress.h"
#include "tools/hfc/range_option.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace hf::cli::repl {

/// The loaded model and what the session has done to its parameters.
struct Session::Model {
  ModelOptions options; ///< how it was loaded (patch appends to options.load.patchFiles)
  ModelSpec spec;
  ir::Module module;
  std::unique_ptr<Likelihood> likelihood;
  std::vector<double> theta; ///< current values: what eval evaluates, what fixed parameters are held at
  std::vector<bool> fixed;   ///< starts as the model's fixed flags
  std::vector<std::string> names; ///< parameter names and per-bin set names, for completion

  /// The model's fit settings with the session's fixed parameters held at
  /// their current values. Free parameters start at the model's inits, as
  /// in `hfc fit --fix`, so a result does not depend on the session's past.
  FitSettings settings() const {
    FitSettings s = FitSettings::defaults(module);
    for (size_t i = 0; i < theta.size(); ++i) {
      s.fixed[i] = fixed[i];
      if (fixed[i])
        s.init[i] = theta[i];
    }
    return s;
  }
};

/// A command's words after the name, checked against its table entry.
struct Session::Args {
  const CommandInfo *info = nullptr;
  std::vector<std::string> positional;
  std::map<std::string, std::string> values; ///< options with a value
  std::set<std::string> flags;

  bool has(const std::string &option) const { return values.count(option) || flags.count(option); }
  std::string value(const std::string &option, const std::string &otherwise) const {
    auto it = values.find(option);
    return it == values.end() ? otherwise : it->second;
  }
};

namespace {

/// Splits a line into words: blanks separate them, '...' and "..." quote,
/// and a word that starts with '#' begins a comment.
std::vector<std::string> splitWords(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    if (std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
      continue;
    }
    if (line[i] == '#')
      break;
    std::string word;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) {
      char c = line[i++];
      if (c != '\'' && c != '"') {
        word += c;
        continue;
      }
      size_t close = line.find(c, i);
      if (close == std::string_view::npos)
        throw InputError(fmt::format("error: unterminated {} quote", c == '"' ? "double" : "single"));
      word += line.substr(i, close - i);
      i = close + 1;
    }
    words.push_back(std::move(word));
  }
  return words;
}

const std::string &commandName(const CommandInfo &info) { return info.names.front(); }

double parseNumber(const std::string &text, const std::string &where) {
  char *end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v))
    throw InputError(fmt::format("{}: error: \"{}\" is not a number", where, text));
  return v;
}

std::string num(double v) { return pythonFloatRepr(v); }

template <typename Range> std::string numList(const Range &values) {
  std::string out = "[";
  for (double v : values)
    out += (out.size() > 1 ? ", " : "") + num(v);
  return out + "]";
}

/// Prints rows as left-aligned columns two spaces apart.
void printTable(const std::vector<std::vector<std::string>> &rows) {
  std::vector<size_t> width;
  for (const auto &row : rows)
    for (size_t c = 0; c < row.size(); ++c) {
      width.resize(std::max(width.size(), row.size()));
      width[c] = std::max(width[c], row[c].size());
    }
  for (const auto &row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c)
      line += c + 1 == row.size() ? row[c] : fmt::format("{:<{}}  ", row[c], width[c]);
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    fmt::print("{}\n", line);
  }
}

TestStatistic testStatistic(const Session::Args &a) {
  std::string name = a.value("--test-stat", "qtilde");
  if (name != "qtilde" && name != "q")
    throw InputError(fmt::format("{}: error: --test-stat: expected qtilde or q, found \"{}\"",
                                 commandName(*a.info), name));
  return parseTestStatistic(name);
}

/// The known command that shares the longest start with `word` (two letters
/// at least), for "did you mean".
std::string suggestCommand(const std::string &word) {
  std::string best;
  size_t bestLength = 1;
  for (const CommandInfo &c : replCommands()) {
    if (c.hidden)
      continue;
    for (const std::string &n : c.names) {
      size_t k = 0;
      while (k < n.size() && k < word.size() && n[k] == word[k])
        ++k;
      if (k > bestLength) {
        bestLength = k;
        best = n;
      }
    }
  }
  return best;
}

Session::Args parseArgs(const CommandInfo &info, const std::vector<std::string> &words) {
  Session::Args a;
  a.info = &info;
  const std::string &name = commandName(info);
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string &w = words[i];
    if (!isOptionWord(w)) {
      a.positional.push_back(w);
      continue;
    }
    const OptionInfo *opt = nullptr;
    for (const OptionInfo &o : info.options)
      if (o.name == w)
        opt = &o;
    if (!opt)
      throw InputError(fmt::format("{}: error: unknown option \"{}\" (usage: {})", name, w, info.usage));
    if (opt->value == ArgKind::None) {
      a.flags.insert(w);
      continue;
    }
    if (i + 1 == words.size())
      throw InputError(fmt::format("{}: error: {} needs a value (usage: {})", name, w, info.usage));
    a.values[w] = words[++i];
  }
  int n = static_cast<int>(a.positional.size());
  if (n < info.minArgs || (info.maxArgs >= 0 && n > info.maxArgs))
    throw InputError(fmt::format("{}: error: {} (usage: {})", name,
                                 n < info.minArgs ? "missing argument" : "too many arguments", info.usage));
  return a;
}

} // namespace

Session::Session(std::string scriptName) : scriptName_(std::move(scriptName)) {}
Session::~Session() = default;

bool Session::hasModel() const { return model_ != nullptr; }

const Session::Model &Session::model() const {
  if (!model_)
    throw InputError("error: no model is loaded; 'load MODEL' loads one");
  return *model_;
}

std::string Session::description() const {
  if (!model_)
    return "no model";
  const ir::Module &m = model_->module;
  const LoadOptions &l = model_->options.load;
  std::string patches;
  if (!l.patchFiles.empty())
    patches = fmt::format(" + {} patch{}", l.patchFiles.size(), l.patchFiles.size() == 1 ? "" : "es");
  return fmt::format("{}{}: {} channel{}, {} bins, {} parameters{}", l.modelFile, patches, m.channels.size(),
                     m.channels.size() == 1 ? "" : "s", m.nMain, m.params.size(),
                     m.poiIndex >= 0 ? fmt::format(" (POI {})", m.poiName) : " (no POI)");
}

int Session::exitStatus() const { return status_; }

void Session::reportError(const std::string &message, int status) {
  std::fflush(stdout); // what the command printed before failing comes first
  std::string text = message.find("error:") == std::string::npos ? "error: " + message : message;
  // parameter_values.cpp points command-line users at `hfc inspect`; here
  // `pars` is at hand.
  const std::string hint = "'hfc inspect MODEL --parameters' lists them";
  if (size_t at = text.find(hint); at != std::string::npos)
    text.replace(at, hint.size(), "'pars' lists them");
  std::string where = scriptName_.empty() || lineNumber_ == 0
                          ? ""
                          : fmt::format("{}:{}: ", scriptName_, lineNumber_);
  fmt::print(stderr, "{}{}\n", where, text);
  if (status == 2 || status_ == 0)
    status_ = status;
}

void Session::guarded(const std::function<void()> &action) {
  try {
    action();
  } catch (const InputError &e) {
    reportError(e.what(), 2);
  } catch (const ComputeError &e) {
    reportError(e.what(), 1);
  } catch (const std::exception &e) {
    reportError(fmt::format("error: internal error: {} (please report it with the input)", e.what()), 1);
  }
  std::fflush(stdout);
}

void Session::load(const ModelOptions &options) {
  guarded([&] { replaceModel(options, false); });
}

bool Session::execute(std::string_view line) {
  ++lineNumber_;
  bool goOn = true;
  guarded([&] {
    // `complete TEXT` takes the rest of the line verbatim: trailing blanks
    // matter to what is completed.
    std::string_view rest = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
    if (rest.rfind("complete", 0) == 0 && (rest.size() == 8 || rest[8] == ' ' || rest[8] == '\t')) {
      for (const std::string &c : complete(rest.substr(std::min<size_t>(rest.size(), 9))).candidates)
        fmt::print("{}\n", c);
    } else if (std::vector<std::string> words = splitWords(line); !words.empty()) {
      const CommandInfo *info = findCommand(words[0]);
      if (info && commandName(*info) == "quit") {
        parseArgs(*info, words);
        goOn = false;
      } else {
        dispatch(words[0], words);
      }
    }
  });
  return goOn;
}

void Session::dispatch(const std::string &name, const std::vector<std::string> &words) {
  const CommandInfo *info = findCommand(name);
  if (!info || info->hidden) {
    std::string guess = suggestCommand(name);
    throw InputError(fmt::format("error: unknown command \"{}\"{}; 'help' lists the commands", name,
                                 guess.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", guess)));
  }
  if (commandName(*info) == "load") {
    cmdLoad(words); // parsed by CLI11, with the options of every model command
    return;
  }
  using Handler = void (Session::*)(const Args &);
  static const std::map<std::string, Handler> handlers = {
      {"patch", &Session::cmdPatch},     {"inspect", &Session::cmdInspect}, {"pars", &Session::cmdPars},
      {"set", &Session::cmdSet},         {"fix", &Session::cmdFix},         {"release", &Session::cmdRelease},
      {"reset", &Session::cmdReset},     {"eval", &Session::cmdEval},       {"fit", &Session::cmdFit},
      {"cls", &Session::cmdCls},         {"limit", &Session::cmdLimit},     {"significance", &Session::cmdSignificance},
      {"scan", &Session::cmdScan},       {"ranking", &Session::cmdRanking},       {"ir", &Session::cmdIr},           {"llvm", &Session::cmdLlvm},
      {"help", &Session::cmdHelp},
      {"minos", &Session::cmdMinos},     {"yields", &Session::cmdYields}};
  Args a = parseArgs(*info, words);
  (this->*handlers.at(commandName(*info)))(a);
}

Completion Session::complete(std::string_view beforeCursor) const {
  static const std::vector<std::string> none;
  return repl::complete(beforeCursor, model_ ? model_->names : none, listFiles);
}

// --- The model ------------------------------------------------------------

void Session::replaceModel(const ModelOptions &options, bool keepChanges) {
  if (options.emitIr || options.emitLlvm)
    throw InputError("load: error: --emit-ir and --emit-llvm: the REPL has the 'ir' and 'llvm' commands");
  if (options.load.modelFile == "-")
    throw InputError("load: error: the REPL reads its commands from standard input; name a model file");
  auto next = std::make_unique<Model>();
  next->options = options;
  next->module = buildModule(next->options, &next->spec);
  next->likelihood = buildLikelihood(next->options, next->module);
  FitSettings defaults = FitSettings::defaults(next->module);
  next->theta = defaults.init;
  next->fixed = defaults.fixed;
  if (keepChanges && model_) {
    // Carry over what the user changed, by parameter name; the rest takes
    // the new model's inits (a patch may change them).
    const Model &old = *model_;
    FitSettings oldDefaults = FitSettings::defaults(old.module);
    for (size_t i = 0; i < old.theta.size(); ++i) {
      if (old.theta[i] == oldDefaults.init[i] && old.fixed[i] == oldDefaults.fixed[i])
        continue;
      int j = next->module.findParameter(old.module.params[i].name);
      if (j < 0)
        continue;
      next->theta[static_cast<size_t>(j)] = old.theta[i];
      next->fixed[static_cast<size_t>(j)] = old.fixed[i];
    }
  }
  for (const ir::Parameter &p : next->module.params)
    next->names.push_back(p.name);
  for (const ir::ParamSet &s : next->module.paramsets)
    if (!s.scalar)
      next->names.push_back(s.name);
  model_ = std::move(next);
}

void Session::cmdLoad(const std::vector<std::string> &words) {
  ModelOptions options;
  CLI::App app{"load a model (.json or .hf), replacing the current one", "load"};
  addModelOptions(&app, options);
  for (const std::string &w : words)
    if (w.rfind("--emit-", 0) == 0)
      throw InputError(fmt::format("load: error: {}: the REPL has the 'ir' and 'llvm' commands for that", w));
  std::vector<std::string> args(words.rbegin(), words.rend() - 1); // CLI11 takes them last first
  try {
    app.parse(args);
  } catch (const CLI::Error &e) {
    throw InputError(fmt::format("load: error: {} (usage: {})", e.what(), findCommand("load")->usage));
  }
  replaceModel(options, false);
  fmt::print("loaded {}\n", description());
}

void Session::cmdPatch(const Args &a) {
  ModelOptions options = model().options;
  options.load.patchFiles.push_back(a.positional[0]);
  replaceModel(options, true);
  fmt::print("patched {}\n", description());
}

void Session::cmdInspect(const Args &) {
  const Model &mo = model();
  std::fputs(inspectSummaryText(mo.module, mo.spec).c_str(), stdout);
}

// --- Parameters -----------------------------------------------------------

void Session::cmdPars(const Args &a) {
  const Model &mo = model();
  const ir::Module &m = mo.module;
  std::vector<uint32_t> shown;
  if (a.positional.empty())
    for (uint32_t i = 0; i < m.params.size(); ++i)
      shown.push_back(i);
  for (const std::string &name : a.positional)
    for (uint32_t i : resolveParameter(m, name, "pars"))
      shown.push_back(i);
  std::vector<std::vector<std::string>> rows{{"parameter", "value", "bounds", "fixed"}};
  for (uint32_t i : shown) {
    const ir::Parameter &p = m.params[i];
    rows.push_back({p.name, num(mo.theta[i]), fmt::format("[{}, {}]", num(p.lo), num(p.hi)),
                    std::string(mo.fixed[i] ? "yes" : "no") + (static_cast<int>(i) == m.poiIndex ? "   (POI)" : "")});
  }
  printTable(rows);
}

void Session::cmdSet(const Args &a) {
  model(); // no model: an error
  Model &mo = *model_;
  std::vector<double> theta = mo.theta; // all or nothing
  for (const std::string &assignment : a.positional)
    applyAssignment(mo.module, theta, assignment, "set");
  mo.theta = std::move(theta);
}

void Session::cmdFix(const Args &a) {
  model();
  Model &mo = *model_;
  std::vector<double> theta = mo.theta;
  std::vector<bool> fixed = mo.fixed;
  for (const std::string &word : a.positional) {
    size_t eq = word.find('=');
    if (eq != std::string::npos)
      applyAssignment(mo.module, theta, word, "fix");
    for (uint32_t i : resolveParameter(mo.module, word.substr(0, eq), "fix"))
      fixed[i] = true;
  }
  mo.theta = std::move(theta);
  mo.fixed = std::move(fixed);
}

void Session::cmdRelease(const Args &a) {
  model();
  Model &mo = *model_;
  std::vector<bool> fixed = mo.fixed;
  for (const std::string &name : a.positional)
    for (uint32_t i : resolveParameter(mo.module, name, "release"))
      fixed[i] = false;
  mo.fixed = std::move(fixed);
}

void Session::cmdReset(const Args &a) {
  model();
  Model &mo = *model_;
  FitSettings defaults = FitSettings::defaults(mo.module);
  std::vector<uint32_t> indices;
  if (a.positional.empty())
    for (uint32_t i = 0; i < mo.theta.size(); ++i)
      indices.push_back(i);
  for (const std::string &name : a.positional)
    for (uint32_t i : resolveParameter(mo.module, name, "reset"))
      indices.push_back(i);
  for (uint32_t i : indices) {
    mo.theta[i] = defaults.init[i];
    mo.fixed[i] = defaults.fixed[i];
  }
}

// --- Numbers --------------------------------------------------------------

void Session::cmdEval(const Args &) {
  const Model &mo = model();
  const ir::Module &m = mo.module;
  // As `hfc eval`: the workspace's observations and auxiliary data.
  std::vector<double> grad(m.params.size()), expectedMain(m.nMain), expectedAux(m.nAux);
  double logpdf = mo.likelihood->logpdfGrad(mo.theta, m.observedMain, m.nominalAux, grad);
  mo.likelihood->expected(mo.theta, expectedMain, expectedAux);

  fmt::print("logpdf = {}\ntwice_nll = {}\n", num(logpdf), num(-2 * logpdf));
  std::vector<std::vector<std::string>> pars{{"parameter", "value", "d logpdf/dθ"}};
  for (size_t i = 0; i < m.params.size(); ++i)
    pars.push_back({m.params[i].name, num(mo.theta[i]), num(grad[i])});
  printTable(pars);
  std::vector<std::vector<std::string>> bins{{"channel", "bin", "expected", "observed"}};
  for (const ir::ChannelInfo &c : m.channels)
    for (uint32_t b = 0; b < c.nbins; ++b)
      bins.push_back({c.name, std::to_string(b), num(expectedMain[c.offset + b]), num(m.observedMain[c.offset + b])});
  printTable(bins);
  if (!std::isfinite(logpdf))
    throw ComputeError(fmt::format("eval: error: the log-likelihood is {} at these parameter values (see the "
                                   "expected yields above)",
                                   num(logpdf)));
}

void Session::cmdFit(const Args &) {
  model();
  Model &mo = *model_;
  const ir::Module &m = mo.module;
  FitSettings settings = mo.settings();
  FitResult r = Fitter(*mo.likelihood).fit(observedData(m), settings, true);
  std::vector<std::vector<std::string>> rows{{"parameter", "best fit", "uncertainty", ""}};
  for (size_t i = 0; i < m.params.size(); ++i)
    rows.push_back({m.params[i].name, num(r.theta[i]), settings.fixed[i] ? "fixed" : num(r.uncertainties[i]),
                    static_cast<int>(i) == m.poiIndex ? "(POI)" : ""});
  printTable(rows);
  fmt::print("twice_nll = {}\n", num(r.twiceNll));
  if (!r.converged)
    fmt::print(stderr, "warning: the minimizer reports no convergence; the point above is its best\n");
  mo.theta = r.theta; // the current values are the best fit now
}

void Session::cmdCls(const Args &a) {
  const Model &mo = model();
  double mu = a.positional.empty() ? 1.0 : parseNumber(a.positional[0], "cls");
  if (a.has("--seed") && !a.has("--toys"))
    throw InputError("cls: error: --seed is for toys: give --toys N too");
  HypoTestResult r;
  if (a.has("--toys")) {
    // As `hfc cls --calctype toybased --ntoys N --seed S`.
    ToyOptions toys;
    double n = parseNumber(a.value("--toys", ""), "cls --toys"), seed = parseNumber(a.value("--seed", "0"), "cls --seed");
    if (n < 1 || n != std::floor(n) || seed < 0 || seed != std::floor(seed))
      throw InputError("cls: error: --toys and --seed take whole numbers (--toys at least 1)");
    toys.ntoys = static_cast<size_t>(n);
    toys.seed = static_cast<uint64_t>(seed);
    ToyCalculator calc(*mo.likelihood, testStatistic(a), mo.settings(), observedData(mo.module), toys);
    r = calc.hypotest(mu);
  } else {
    AsymptoticCalculator calc(*mo.likelihood, testStatistic(a), mo.settings(), observedData(mo.module));
    r = calc.hypotest(mu);
  }
  fmt::print("CLs_obs = {}\nCLs_exp = {}\n", num(r.clsObs), numList(r.clsExp));
}

void Session::cmdLimit(const Args &a) {
  const Model &mo = model();
  const ir::Module &m = mo.module;
  double level = parseNumber(a.value("--level", "0.05"), "limit --level");
  if (!(level > 0 && level < 1))
    throw InputError(fmt::format("limit: error: --level: expected a CLs level in (0, 1), found {}", num(level)));
  if (a.has("--range") && a.has("--scan"))
    throw InputError("limit: error: --range is for root finding, --scan for a grid: give one");
  size_t poi = requirePoi(m);
  FitSettings settings = mo.settings();
  // As `hfc limit`: one calculator, so the Asimov data are built once.
  AsymptoticCalculator calc(*mo.likelihood, testStatistic(a), settings, observedData(m));
  Progress progress("limit");
  int tests = 0;
  auto hypotest = [&](double mu) {
    HypoTestResult r = calc.hypotest(mu);
    progress.update(fmt::format("{} hypothesis tests, last at {} = {:.6g}: CLs = {:.4g}", ++tests, m.poiName,
                                mu, r.clsObs));
    return CLsPoint{r.clsObs, r.clsExp};
  };
  UpperLimitResult r;
  if (a.has("--scan")) {
    r = upperLimitScan(hypotest, parseRange(a.value("--scan", ""), "limit --scan"), level);
  } else {
    auto [lo, hi] = a.has("--range") ? parseBracket(a.value("--range", ""), "limit --range")
                                     : std::pair(settings.lo[poi], settings.hi[poi]);
    r = upperLimitRootFinding(hypotest, lo, hi, level);
  }
  if (a.has("--scan")) {
    std::vector<std::vector<std::string>> rows{{m.poiName, "CLs_obs", "CLs_exp"}};
    for (size_t k = 0; k < r.testedMu.size(); ++k)
      rows.push_back({num(r.testedMu[k]), num(r.results[k].obs), numList(r.results[k].exp)});
    printTable(rows);
  }
  fmt::print("obs = {}\nexp = {}\n", num(r.obs), numList(r.exp));
  // As `hfc limit --scan`: a number the grid does not bracket is its end.
  if (std::find(r.clamped.begin(), r.clamped.end(), true) != r.clamped.end())
    fmt::print("warning: the grid does not bracket CLs = {} for{}{}; those numbers are the grid's end "
               "(clamped), not limits\n",
               num(level), r.clamped[0] ? " the observed limit" : "",
               std::find(r.clamped.begin() + 1, r.clamped.end(), true) != r.clamped.end() ? " part of the expected band"
                                                                                       : "");
}

void Session::cmdSignificance(const Args &a) {
  const Model &mo = model();
  if (a.has("--seed") && !a.has("--toys"))
    throw InputError("significance: error: --seed is for toys: give --toys N too");
  if (a.has("--toys")) {
    // As `hfc significance --calctype toybased --ntoys N --seed S`: p0 from
    // q0's empirical distribution, Z = Φ⁻¹(1 − p0).
    ToyOptions toys;
    double n = parseNumber(a.value("--toys", ""), "significance --toys");
    double seed = parseNumber(a.value("--seed", "0"), "significance --seed");
    if (n < 1 || n != std::floor(n) || seed < 0 || seed != std::floor(seed))
      throw InputError("significance: error: --toys and --seed take whole numbers (--toys at least 1)");
    toys.ntoys = static_cast<size_t>(n);
    toys.seed = static_cast<uint64_t>(seed);
    ToyCalculator calc(*mo.likelihood, TestStatistic::Q0, mo.settings(), observedData(mo.module), toys);
    HypoTestResult r = calc.hypotest(0);
    fmt::print("p0_obs = {}\np0_exp = {}\np0_exp_band = {}\nZ_obs = {}\nZ_exp = {}\n", num(r.clsObs),
               num(r.clsExp[2]), numList(r.clsExp), num(normalUpperQuantile(r.clsObs)),
               num(normalUpperQuantile(r.clsExp[2])));
    return;
  }
  AsymptoticCalculator calc(*mo.likelihood, TestStatistic::Q0, mo.settings(), observedData(mo.module));
  HypoTestResult r = calc.hypotest(0);
  fmt::print("p0_obs = {}\np0_exp = {}\np0_exp_band = {}\nZ_obs = {}\nZ_exp = {}\n", num(r.clsObs),
             num(r.clsExp[2]), numList(r.clsExp), num(std::sqrt(r.q)), num(std::sqrt(r.qA)));
}

void Session::cmdScan(const Args &a) {
  const Model &mo = model();
  const ir::Module &m = mo.module;
  std::vector<uint32_t> scanned = a.has("--par") ? resolveParameter(m, a.value("--par", ""), "scan --par")
                                                 : std::vector<uint32_t>{static_cast<uint32_t>(requirePoi(m))};
  if (scanned.size() != 1)
    throw InputError("scan: error: --par: scan one parameter (for a per-bin set, name one bin: name[i])");
  uint32_t par = scanned[0];
  const std::string &name = m.params[par].name;
  std::vector<double> values = parseRange(a.positional.empty() ? "0:5:11" : a.positional[0], "scan");
  FitSettings settings = mo.settings();
  if (settings.fixed[par])
    throw InputError(fmt::format("scan: error: \"{}\" is fixed; 'release {}' to scan it", name, name));
  // As `hfc scan`: the free fit, then each point warm-started from the last.
  Progress progress("scan");
  ProfileScan scan = profileScan(Fitter(*mo.likelihood), observedData(m), settings, par, values,
                                 [&](double v) { progress.update(fmt::format("{} = {:.6g}", name, v)); });
  std::vector<std::vector<std::string>> rows{{name, "twice_nll", "delta_twice_nll"}};
  for (size_t k = 0; k < values.size(); ++k)
    rows.push_back({num(values[k]), num(scan.twiceNll[k]), num(scan.deltaTwiceNll[k])});
  printTable(rows);
  fmt::print("best fit: {} = {}, twice_nll = {}\n", name, num(scan.best.theta[par]), num(scan.best.twiceNll));
}

void Session::cmdRanking(const Args &) {
  const Model &mo = model();
  const ir::Module &m = mo.module;
  Progress progress("ranking");
  // As `hfc ranking`, with the session's fixed parameters.
  Ranking r = rankParameters(Fitter(*mo.likelihood), observedData(m), mo.settings(), 0, [&](size_t done, size_t total) {
    progress.update(fmt::format("{}/{} parameters", done, total));
  });
  size_t poi = static_cast<size_t>(m.poiIndex);
  fmt::print("{} = {} +- {}\n", m.poiName, num(r.nominal.theta[poi]), num(r.nominal.uncertainties[poi]));
  std::vector<std::vector<std::string>> rows{
      {"parameter", "best fit", "uncertainty", "postfit_up", "postfit_down", "prefit_up", "prefit_down"}};
  for (const RankedParameter &p : r.ranked)
    rows.push_back({m.params[p.index].name, num(p.bestFit), num(p.uncertainty), num(p.postfitUp),
                    num(p.postfitDown), p.prefitWidth > 0 ? num(p.prefitUp) : "-",
                    p.prefitWidth > 0 ? num(p.prefitDown) : "-"});
  printTable(rows);
}

// --- Diagnostics (issue 14) ----------------------------------------------

void Session::cmdMinos(const Args &a) {
  const Model &mo = model();
  const ir::Module &m = mo.module;
  double threshold = minosThreshold(a.has("--cl") ? parseNumber(a.value("--cl", ""), "minos --cl") : 0.0);
  FitSettings settings = mo.settings();
  std::vector<uint32_t> indices;
  for (const std::string &name : a.positional)
    for (uint32_t i : resolveParameter(m, name, "minos"))
      indices.push_back(i);
  Fitter fitter(*mo.likelihood);
  FitResult best = fitter.fit(observedData(m), settings, true);
  std::vector<std::vector<std::string>> rows{{"parameter", "best fit", "lower", "upper", ""}};
  std::string notes;
  for (uint32_t i : indices) {
    MinosInterval in = minos(fitter, observedData(m), settings, best, i, threshold);
    auto side = [&](const MinosSide &s, const char *which) {
      if (!s.problem.empty())
        notes += fmt::format("{} {}: {}\n", m.params[i].name, which, s.problem);
      return s.valid ? num(s.error) : s.atBound ? num(s.error) + " (bound)" : std::string("failed");
    };
    std::string lower = side(in.lower, "lower"), upper = side(in.upper, "upper");
    rows.push_back({m.params[i].name, num(in.bestFit), lower, upper, static_cast<int>(i) == m.poiIndex ? "(POI)" : ""});
  }
  printTable(rows);
  if (!notes.empty())
    fmt::print(stderr, "{}", notes);
}

void Session::cmdYields(const Args &a) {
  const Model &mo = model();
  const ir::Module &m = mo.module;
  report::TableFormat format = report::parseTableFormat(a.value("--format", "text"), "yields --format");
  if (a.has("--per-bin") && a.has("--per-channel"))
    throw InputError("yields: error: --per-bin and --per-channel each ask for one table; give neither for both");
  report::Prediction p = a.has("--postfit")
                             ? report::postfitPrediction(m, observedData(m),
                                                         Fitter(*mo.likelihood).fit(observedData(m), mo.settings(), true))
                             : report::prefitPrediction(m, observedData(m));
  if (format == report::TableFormat::Json) {
    fmt::print("{}\n", report::predictionJson(p).dump(4));
    return;
  }
  bool both = !a.has("--per-bin") && !a.has("--per-channel");
  if (both || a.has("--per-bin"))
    fmt::print("{}{}", both ? report::yieldsPerBin(p).title + ":\n" : "",
               report::renderTable(report::yieldsPerBin(p), format));
  if (both || a.has("--per-channel"))
    fmt::print("{}{}", both ? "\n" + report::yieldsPerChannel(p).title + ":\n" : "",
               report::renderTable(report::yieldsPerChannel(p), format));
}

// --- Compiler dumps -------------------------------------------------------

void Session::cmdIr(const Args &a) {
  ModelOptions options = model().options;
  options.emitIr = true;
  options.noOpt = options.noOpt || a.has("--no-opt");
  emitIrIfAsked(options, model().module);
}

void Session::cmdLlvm(const Args &) {
  ModelOptions options = model().options;
  options.emitLlvm = true;
  buildLikelihood(options, model().module); // compiles once more, keeping the text, and prints it
}

// --- Help -----------------------------------------------------------------

void Session::cmdHelp(const Args &a) {
  if (a.positional.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const CommandInfo &c : replCommands())
      if (!c.hidden)
        rows.push_back({"  " + c.usage.substr(0, c.usage.find(' ')) +
                            (c.names.size() > 1 ? ", " + c.names[1] : ""),
                        c.summary});
    fmt::print("commands:\n");
    printTable(rows);
    fmt::print("'help COMMAND' for more. Tab completes commands, options, parameter names and files;\n"
               "'#' starts a comment. Scripted (standard input not a terminal): exit status 0, or\n"
               "2 if a command had bad input, else 1 if a computation failed.\n");
    return;
  }
  const CommandInfo *c = findCommand(a.positional[0]);
  if (!c || c->hidden)
    throw InputError(fmt::format("help: error: unknown command \"{}\"; 'help' lists the commands",
                                 a.positional[0]));
  fmt::print("usage: {}\n{}\n", c->usage, c->summary);
  if (!c->details.empty())
    fmt::print("{}\n", c->details);
  if (c->names.size() > 1)
    fmt::print("also: {}\n", c->names[1]);
  if (commandName(*c) == "load") {
    fmt::print("options:\n");
    for (const OptionInfo &o : c->options)
      fmt::print("  {}{}\n", o.name, o.value == ArgKind::None ? "" : " VALUE");
  }
}

} // namespace hf::cli::repl
