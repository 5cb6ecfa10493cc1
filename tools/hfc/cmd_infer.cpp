//===- tools/hfc/cmd_infer.cpp - hfc fit, cls, significance, scan ---------===//
//
// The everyday inference commands, with pyhf's options and output keys:
//   hfc fit MODEL [--fix NAME=VALUE]...   {"mle_parameters": {name: [value, error]}, "twice_nll", ...}
//   hfc cls MODEL [--test-poi 1] [--test-stat qtilde|q]   {"CLs_obs", "CLs_exp"}
//       [--calctype asymptotics|toybased [--ntoys 2000] [--seed 0]]
//   hfc significance MODEL                {"p0_obs", "p0_exp", "Z_obs", "Z_exp"}
//   hfc ranking MODEL                     {"labels", "bestfit", "uncertainty", "prefit_up", ... } (cabinetry's)
//   hfc teststat MODEL [--test-poi 1] [--test-stat tmu]   {"test_stat", "mu", "value", "mu_hat", ...}
//   hfc scan MODEL --poi-range lo:hi:n    {"poi", "twice_nll", "delta_twice_nll"}
//   hfc fit MODEL --minos NAME [--minos-cl CL] --goodness-of-fit   (+ "minos", "goodness_of_fit")
//   --asimov (fit, ranking, scan, limit, significance): on cabinetry's Asimov data
// All numbers come from the compiled likelihood (--backend interp for the
// reference interpreter). `--format table` prints a table instead of JSON.
//
//===----------------------------------------------------------------------===//
#include "codegen/jit.h"
#include "frontend/json_text.h"
#include "frontend/patchset.h"
#include "frontend/python_json.h"
#include "hf/error.h"
#include "ir/eval.h"
#include "runtime/asimov.h"
#include "runtime/asymptotics.h"
#include "runtime/goodness_of_fit.h"
#include "runtime/minos.h"
#include "runtime/parallel.h"
#include "runtime/profile_scan.h"
#include "runtime/ranking.h"
#include "runtime/toys.h"
#include "runtime/upper_limit.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/mpi_session.h"
#include "tools/hfc/output_file.h"
#include "tools/hfc/parameter_values.h"
#include "tools/hfc/progress.h"
#include "tools/hfc/range_option.h"
#include "tools/hfc/toy_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace hf::cli {

namespace {

struct InferOptions {
  ModelOptions model;
  std::string format = "json";
  std::vector<std::string> fix;  // fit, scan: NAME=VALUE held fixed
  double testPoi = 1.0;          // cls
  std::string testStat = "qtilde";
  std::string calctype = "asymptotics";
  size_t ntoys = 2000;             // cls, limit: toybased
  uint64_t seed = 0;
  std::string poiRange = "0:5:11"; // scan
  std::string scanPar;             // scan: another parameter than the POI
  std::string range;               // limit: lo:hi bracket (default: the POI's bounds)
  std::string limitScan;           // limit: lo:hi:n grid instead of root finding
  double level = 0.05;             // limit
  bool allPoints = false;          // cls: every point of --patchset
  std::string saveToys;            // cls, significance: toybased: write the distributions here
  uint64_t firstToy = 0;           // toybased: the first toy's number in the seed's sequence
  double toyGradientGoal = 1e-3;   // toybased: ToyOptions::gradientGoal
  std::string poiBound;            // LO:HI replacing the POI's bounds (pyhf: patch config.parameters)
  std::string outputFile;          // fit, cls: the JSON result to this file (as pyhf's --output-file)
  // Diagnostics (issue 14).
  std::vector<std::string> minos;  // fit: MINOS for these parameters
  double minosCl = 0;              // fit: 0 = Δ(twice_nll) = 1
  bool goodnessOfFit = false;      // fit
  bool asimov = false;             // fit, ranking, scan, limit, significance
};

/// The JSON result on stdout, or whole into --output-file.
void emitJson(const InferOptions &o, const Json &doc) {
  if (o.outputFile.empty())
    printJson(doc);
  else
    writeFileAtomically(o.outputFile, pythonJsonPretty(doc) + "\n");
}

//===--- Diagnostics (issue 14): Asimov data, MINOS, goodness of fit -----===//

/// The data a command fits: cabinetry's Asimov data with --asimov, else
/// the observed data.
Dataset inferenceData(const InferOptions &o, const Likelihood &likelihood) {
  return o.asimov ? asimovData(likelihood) : observedData(likelihood.model());
}

void addAsimovOption(CLI::App *cmd, InferOptions &o) {
  cmd->add_flag("--asimov", o.asimov,
                "on cabinetry's Asimov data (constrained parameters at their auxiliary data, the others at "
                "their inits) instead of the observed data");
}

/// The θ indices of every --minos NAME (a per-bin set: all its components),
/// each free; checked before any fit.
std::vector<uint32_t> minosParameters(const InferOptions &o, const ir::Module &m, const FitSettings &settings) {
  std::vector<uint32_t> indices;
  for (const std::string &name : o.minos)
    for (uint32_t i : resolveParameter(m, name, "--minos")) {
      if (settings.fixed[i])
        throw InputError(fmt::format("--minos: error: \"{}\" is fixed; MINOS needs a free parameter",
                                     m.params[i].name));
      if (std::find(indices.begin(), indices.end(), i) == indices.end())
        indices.push_back(i);
    }
  return indices;
}

/// MINOS and goodness of fit of a finished fit, as JSON keys of `hfc fit`
/// (into `out`) or table lines; a MINOS side whose profile fit failed makes
/// the command fail after printing (exit 1), one at a bound only warns.
struct FitDiagnostics {
  std::vector<MinosInterval> intervals;
  std::optional<GoodnessOfFit> gof;
  double threshold = 1;
};

FitDiagnostics runFitDiagnostics(const InferOptions &o, const Fitter &fitter, const Dataset &data,
                                 const FitSettings &settings, const FitResult &r,
                                 const std::vector<uint32_t> &minosIndices) {
  const ir::Module &m = fitter.likelihood().model();
  FitDiagnostics d;
  d.threshold = minosThreshold(o.minosCl);
  for (uint32_t i : minosIndices) {
    Heartbeat heartbeat(fmt::format("minos {}", m.params[i].name));
    d.intervals.push_back(minos(fitter, data, settings, r, i, d.threshold));
  }
  if (o.goodnessOfFit)
    d.gof = goodnessOfFit(m, data, settings, r.twiceNll);
  return d;
}

void addDiagnosticsJson(const FitDiagnostics &d, const ir::Module &m, const InferOptions &o, Json &out) {
  if (o.asimov)
    out["asimov"] = true;
  if (!d.intervals.empty()) {
    Json minosJson = Json::object(), pairs = Json::object();
    auto side = [](const MinosSide &s) {
      return s.valid || s.atBound ? Json(s.error) : Json(nullptr);
    };
    for (const MinosInterval &in : d.intervals) {
      const std::string &name = m.params[in.index].name;
      pairs[name] = Json{side(in.lower), side(in.upper)};
      Json entry{{"bestfit", in.bestFit},
                 {"lower", side(in.lower)},
                 {"upper", side(in.upper)},
                 {"lower_valid", in.lower.valid},
                 {"upper_valid", in.upper.valid},
                 {"lower_at_bound", in.lower.atBound},
                 {"upper_at_bound", in.upper.atBound}};
      if (!in.lower.problem.empty())
        entry["lower_problem"] = in.lower.problem;
      if (!in.upper.problem.empty())
        entry["upper_problem"] = in.upper.problem;
      minosJson[name] = entry;
    }
    out["minos_uncertainty"] = pairs; // cabinetry's {name: [lower, upper]}
    out["minos"] = minosJson;
    out["minos_delta_twice_nll"] = d.threshold;
  }
  if (d.gof)
    out["goodness_of_fit"] = Json{{"p_value", std::isnan(d.gof->pValue) ? Json(nullptr) : Json(d.gof->pValue)},
                                  {"delta_nll", d.gof->deltaNll},
                                  {"saturated_nll", d.gof->saturatedNll},
                                  {"ndof", d.gof->ndof}};
}

void printDiagnosticsTable(const FitDiagnostics &d, const ir::Module &m) {
  for (const MinosInterval &in : d.intervals) {
    auto side = [](const MinosSide &s) {
      return s.valid ? fmt::format("{:+.6g}", s.error)
                     : s.atBound ? fmt::format("{:+.6g} (at bound)", s.error) : std::string("failed");
    };
    fmt::print("minos {:<39} {:>22} {:>22}\n", m.params[in.index].name, side(in.lower), side(in.upper));
  }
  if (d.gof)
    fmt::print("goodness of fit: p = {:.6g} (Δnll = {:.6g}, ndof = {})\n", d.gof->pValue, d.gof->deltaNll,
               d.gof->ndof);
}

/// Warns about MINOS sides at a bound; ComputeError naming every side whose
/// profile fit failed (after the results were printed).
void reportMinosProblems(const FitDiagnostics &d, const ir::Module &m) {
  std::vector<std::string> failed;
  for (const MinosInterval &in : d.intervals)
    for (const auto &[which, s] : {std::pair{"lower", &in.lower}, std::pair{"upper", &in.upper}}) {
      if (s->atBound)
        fmt::print(stderr, "hfc: warning: minos {} {}: {}\n", m.params[in.index].name, which, s->problem);
      else if (!s->valid)
        failed.push_back(fmt::format("{} {} ({})", m.params[in.index].name, which, s->problem));
    }
  if (!failed.empty()) {
    std::string list;
    for (const std::string &f : failed)
      list += (list.empty() ? "" : "; ") + f;
    throw ComputeError("error: minos failed for " + list);
  }
}

//===--- end of diagnostics ----------------------------------------------===//

void addInferOptions(CLI::App *cmd, InferOptions &o) {
  addModelOptions(cmd, o.model);
  cmd->add_option("--format", o.format, "json (default) or table")->check(CLI::IsMember({"json", "table"}));
  cmd->add_option("--poi-bound", o.poiBound, "LO:HI: the POI's bounds instead of the measurement's");
}

/// --poi-bound: the POI's bounds replaced, its init checked against them.
void applyPoiBound(const InferOptions &o, ir::Module &m) {
  if (o.poiBound.empty())
    return;
  auto [lo, hi] = parseBracket(o.poiBound, "--poi-bound");
  ir::Parameter &poi = m.params[requirePoi(m)];
  if (!(poi.init >= lo && poi.init <= hi))
    throw InputError(fmt::format("--poi-bound: error: the POI {} starts at {}, outside [{}, {}]", poi.name,
                                 poi.init, lo, hi));
  poi.lo = lo;
  poi.hi = hi;
}

/// An error line's message without hfc's leading "error: " (the key says it).
std::string errorText(const char *what) {
  std::string_view text = what;
  constexpr std::string_view tag = "error: ";
  if (text.substr(0, tag.size()) == tag)
    text.remove_prefix(tag.size());
  return std::string(text);
}

/// --save-toys and --first-toy (tools/hfc/toy_file.h).
void addToyFileOptions(CLI::App *cmd, InferOptions &o) {
  cmd->add_option("--save-toys", o.saveToys,
                  "toybased: write every toy's test statistic to FILE (hfc toys merge combines such files)");
  cmd->add_option("--first-toy", o.firstToy,
                  "toybased: number the toys from K in the seed's sequence (runs with disjoint ranges merge)");
  cmd->add_option("--toy-gradient-goal", o.toyGradientGoal,
                  "toybased: toy fits stop at this scaled gradient (default 1e-3); 0 polishes them like reference fits");
}

void addTestOptions(CLI::App *cmd, InferOptions &o) {
  cmd->add_option("--test-stat", o.testStat, "qtilde (default) or q")->check(CLI::IsMember({"qtilde", "q"}));
  cmd->add_option("--calctype", o.calctype, "asymptotics (default) or toybased")
      ->check(CLI::IsMember({"asymptotics", "toybased"}));
  cmd->add_option("--ntoys", o.ntoys, "toybased: toys per sample (default 2000)");
  cmd->add_option("--seed", o.seed, "toybased: random seed (default 0); results depend on it only");
  addToyFileOptions(cmd, o);
}

/// hypotest(μ) of the calculator --calctype names.
std::function<HypoTestResult(double)> makeHypotest(const InferOptions &o, const Likelihood &likelihood,
                                                   const FitSettings &settings) {
  TestStatistic statistic = parseTestStatistic(o.testStat);
  if (o.calctype == "toybased") {
    ToyOptions toys;
    toys.ntoys = o.ntoys;
    toys.seed = o.seed;
    toys.firstToy = o.firstToy;
    toys.gradientGoal = o.toyGradientGoal;
    if (mpiSize() > 1 && !o.allPoints) { // toys shard over the ranks, with one process's seeds
      toys.shard = static_cast<unsigned>(mpiRank());
      toys.shards = static_cast<unsigned>(mpiSize());
      toys.allSum = mpiAllSum;
    }
    auto calc = std::make_shared<ToyCalculator>(likelihood, statistic, settings, inferenceData(o, likelihood), toys);
    return [calc, statistic, &o](double mu) {
      HypoTestResult r = calc->hypotest(mu);
      if (!o.saveToys.empty() && mpiRank() == 0)
        writeToyFile(o.saveToys, ToyFile{testStatisticName(statistic), statistic == TestStatistic::Q0 ? 0.0 : mu,
                                         o.seed, r.q, r.muHat, o.firstToy, calc->toyStatistics(ToySample::Signal),
                                         calc->toyStatistics(ToySample::Background)});
      return r;
    };
  }
  auto calc = std::make_shared<AsymptoticCalculator>(likelihood, statistic, settings, inferenceData(o, likelihood));
  return [calc](double mu) { return calc->hypotest(mu); };
}

/// The model's default fit settings with --fix NAME=VALUE applied.
FitSettings settingsWithFixes(const ir::Module &m, const std::vector<std::string> &fixes) {
  FitSettings s = FitSettings::defaults(m);
  for (const std::string &fix : fixes) {
    std::vector<double> theta = s.init;
    applyAssignment(m, theta, fix, "--fix"); // parses and checks NAME=VALUE
    for (uint32_t i : resolveParameter(m, fix.substr(0, fix.find('=')), "--fix")) {
      s.init[i] = theta[i];
      s.fixed[i] = true;
    }
  }
  return s;
}

/// The model and its likelihood; null after printing for --emit-ir or
/// --emit-llvm (the command then stops).
std::unique_ptr<Likelihood> prepare(InferOptions &o, ir::Module &m) {
  m = buildModule(o.model);
  applyPoiBound(o, m);
  if (emitIrIfAsked(o.model, m))
    return nullptr;
  return buildLikelihood(o.model, m);
}

void runFit(InferOptions &o) {
  ir::Module m;
  std::unique_ptr<Likelihood> likelihood = prepare(o, m);
  if (!likelihood)
    return; // --emit-ir or --emit-llvm printed
  Fitter fitter(*likelihood);
  FitSettings settings = settingsWithFixes(m, o.fix);
  std::vector<uint32_t> minosIndices = minosParameters(o, m, settings);
  Dataset data = inferenceData(o, *likelihood);
  FitResult r = [&] {
    Heartbeat heartbeat("fit");
    return fitter.fit(data, settings, true);
  }();
  FitDiagnostics diagnostics = runFitDiagnostics(o, fitter, data, settings, r, minosIndices);
  if (o.format == "table") {
    fmt::print("{:<45} {:>22} {:>14}\n", "parameter", "best fit", "uncertainty");
    for (size_t i = 0; i < m.params.size(); ++i)
      fmt::print("{:<45} {:>22.12g} {:>14.6g}\n", m.params[i].name, r.theta[i], r.uncertainties[i]);
    fmt::print("twice_nll = {:.12g}\n", r.twiceNll);
    printDiagnosticsTable(diagnostics, m);
    reportMinosProblems(diagnostics, m);
    return;
  }
  Json mle = Json::object();
  for (size_t i = 0; i < m.params.size(); ++i)
    mle[m.params[i].name] = Json{r.theta[i], r.uncertainties[i]};
  Json names = Json::array();
  for (const ir::Parameter &p : m.params)
    names.push_back(p.name);
  Json out{{"mle_parameters", mle},
           {"twice_nll", r.twiceNll},
           {"converged", r.converged},
           {"correlations", Json{{"parameters", names}, {"matrix", r.correlations}}}};
  addDiagnosticsJson(diagnostics, m, o, out);
  emitJson(o, out);
  reportMinosProblems(diagnostics, m);
}

void printCls(const InferOptions &o, const HypoTestResult &r) {
  if (o.format == "table") {
    fmt::print("CLs_obs  {:.10g}\n", r.clsObs);
    const char *labels[5] = {"-2σ", "-1σ", "median", "+1σ", "+2σ"};
    for (int k = 0; k < 5; ++k)
      fmt::print("CLs_exp  {:<7} {:.10g}\n", labels[k], r.clsExp[k]);
    return;
  }
  emitJson(o, Json{{"CLs_obs", r.clsObs}, {"CLs_exp", r.clsExp}});
}

/// How a point's machine code came about, for the progress line.
const char *codeSourceNote(const codegen::JitModel *jit) {
  using Source = codegen::JitModel::CodeSource;
  if (!jit)
    return "";
  switch (jit->codeSource()) {
  case Source::Reused:
    return ", machine code reused";
  case Source::DiskCache:
    return ", machine code from the disk cache";
  case Source::SharedObject:
    return ", machine code from the disk cache (shared object, no LLVM)";
  case Source::Compiled:
    break;
  }
  return ", compiled";
}

/// --all-points: `compute` for every point of the PatchSet, one JSON line
/// each ({"point", "values"} and what compute returns) in PatchSet order,
/// progress on stderr. A point that fails (bad input, a fit that does not
/// converge) gets {"point", "values", "error"} and the others go on; the
/// command then fails (exit 2 if any point had bad input, else 1). The workspace and the PatchSet are read once; points
/// run on all cores (asymptotics; toys use the cores themselves), and points
/// of one structure share machine code (a point waits for one compiling it).
void forAllPoints(InferOptions &o, const std::function<Json(const ir::Module &, const Likelihood &)> &compute) {
  if (o.model.load.patchsetFile.empty() || !o.model.load.point.empty() || !o.model.pointValues.empty())
    throw InputError("error: --all-points needs --patchset FILE and no --point/--point-values");
  if (o.model.emitIr || o.model.emitLlvm || o.model.emitSpec)
    throw InputError("error: --all-points computes; --emit-spec, --emit-ir and --emit-llvm take one --point");
  if (!o.saveToys.empty())
    throw InputError("error: --save-toys writes one test's toys; it takes one --point, not --all-points");
  if (o.format == "table")
    throw InputError("error: --all-points prints one JSON line per point; --format table is for one --point");
  if (!o.model.interp.empty())
    ir::parseInterpCodes(o.model.interp); // a bad --interp before any work
  PatchSetLoader loader(o.model.load);
  const std::vector<PatchSetEntry> &points = loader.points();
  // Under MPI, rank r computes points r, r + N, …; rank 0 prints them all.
  size_t rank = static_cast<size_t>(mpiRank()), ranks = static_cast<size_t>(mpiSize());
  std::vector<size_t> mine;
  for (size_t k = rank; k < points.size(); k += ranks)
    mine.push_back(k);
  struct Finished {
    std::string line;
    std::string note;
  };
  std::vector<std::optional<Finished>> results(points.size());
  size_t printed = 0, inputErrors = 0, computeErrors = 0;
  std::mutex mutex;
  std::exception_ptr error;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t j; (j = next++) < mine.size();) {
      size_t k = mine[j];
      try {
        Json line{{"point", points[k].name}, {"values", points[k].values}};
        const char *note = ", failed";
        try {
          ir::Module m = lowerSpec(o.model, loader.load(points[k]));
          applyPoiBound(o, m);
          std::unique_ptr<Likelihood> likelihood = buildLikelihood(o.model, m);
          line.update(compute(m, *likelihood));
          note = codeSourceNote(likelihood->jit());
        } catch (const InputError &e) {
          line["error"] = errorText(e.what());
          std::lock_guard<std::mutex> lock(mutex);
          ++inputErrors;
        } catch (const ComputeError &e) {
          line["error"] = errorText(e.what());
          std::lock_guard<std::mutex> lock(mutex);
          ++computeErrors;
        }
        std::lock_guard<std::mutex> lock(mutex);
        results[k] = Finished{line.dump(), note};
        if (ranks > 1)
          continue; // rank 0 prints after the gather
        // Every finished point up to the first unfinished one, in order.
        for (; printed < points.size() && results[printed]; ++printed) {
          std::puts(results[printed]->line.c_str());
          std::fflush(stdout);
          fmt::print(stderr, "hfc: point {}/{} ({}){}\n", printed + 1, points.size(), points[printed].name,
                     results[printed]->note);
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error)
          error = std::current_exception();
        next = mine.size(); // the others stop after their current point
      }
    }
  };
  runWorkers(o.calctype == "toybased" ? 1 : 0, worker); // toys use the cores themselves
  if (ranks > 1) {
    // Every rank takes part in the gather, even after an internal error.
    std::vector<std::pair<size_t, std::string>> lines;
    for (size_t k : mine)
      if (results[k])
        lines.emplace_back(k, results[k]->line + '\n' + results[k]->note);
    for (const auto &[k, text] : mpiGatherToRoot(lines)) {
      size_t cut = text.find('\n');
      std::puts(text.substr(0, cut).c_str());
      fmt::print(stderr, "hfc: point {}/{} ({}){}\n", k + 1, points.size(), points[k].name, text.substr(cut + 1));
    }
    std::fflush(stdout);
    std::vector<double> counts{static_cast<double>(inputErrors), static_cast<double>(computeErrors)};
    mpiAllSum(counts);
    inputErrors = static_cast<size_t>(counts[0]);
    computeErrors = static_cast<size_t>(counts[1]);
  }
  if (error)
    std::rethrow_exception(error);
  size_t failed = inputErrors + computeErrors;
  std::string summary = fmt::format("error: {} of {} points failed; their lines carry \"error\"", failed,
                                    points.size());
  if (inputErrors)
    throw InputError(summary);
  if (computeErrors)
    throw ComputeError(summary);
}

/// --save-toys/--first-toy need the toys they describe.
void checkToyFileOptions(const InferOptions &o) {
  if ((!o.saveToys.empty() || o.firstToy != 0) && o.calctype != "toybased")
    throw InputError("error: --save-toys and --first-toy are for --calctype toybased");
}

void runCls(InferOptions &o) {
  checkToyFileOptions(o);
  if (o.allPoints) {
    forAllPoints(o, [&](const ir::Module &m, const Likelihood &likelihood) {
      HypoTestResult r = makeHypotest(o, likelihood, FitSettings::defaults(m))(o.testPoi);
      return Json{{"CLs_obs", r.clsObs}, {"CLs_exp", r.clsExp}};
    });
    return;
  }
  ir::Module m;
  std::unique_ptr<Likelihood> likelihood = prepare(o, m);
  if (!likelihood)
    return; // --emit-ir or --emit-llvm printed
  HypoTestResult r = [&] {
    std::optional<Heartbeat> heartbeat; // toys report their own progress
    if (o.calctype == "asymptotics")
      heartbeat.emplace(fmt::format("cls at {} = {}", m.poiName, o.testPoi));
    return makeHypotest(o, *likelihood, FitSettings::defaults(m))(o.testPoi);
  }();
  printCls(o, r);
}

void runSignificance(InferOptions &o) {
  checkToyFileOptions(o);
  ir::Module m;
  std::unique_ptr<Likelihood> likelihood = prepare(o, m);
  if (!likelihood)
    return; // --emit-ir or --emit-llvm printed
  double zObs = 0, zExp = 0;
  HypoTestResult r;
  if (o.calctype == "toybased") {
    // p0 and its band from toys (q0's empirical distribution); Z = Φ⁻¹(1 − p0).
    o.testStat = "q0";
    r = makeHypotest(o, *likelihood, FitSettings::defaults(m))(0);
    zObs = normalUpperQuantile(r.clsObs);
    zExp = normalUpperQuantile(r.clsExp[2]);
  } else {
    AsymptoticCalculator calc(*likelihood, TestStatistic::Q0, FitSettings::defaults(m), inferenceData(o, *likelihood));
    r = [&] {
      Heartbeat heartbeat("significance");
      return calc.hypotest(0);
    }();
    zObs = std::sqrt(r.q);
    zExp = std::sqrt(r.qA);
  }
  if (o.format == "table") {
    fmt::print("p0_obs {:.10g}  Z_obs {:.6g}\np0_exp {:.10g}  Z_exp {:.6g}\n", r.clsObs, zObs, r.clsExp[2], zExp);
    return;
  }
  printJson(Json{{"p0_obs", r.clsObs}, {"p0_exp", r.clsExp[2]}, {"p0_exp_band", r.clsExp},
                 {"Z_obs", zObs}, {"Z_exp", zExp}});
}

/// One test statistic on the observed data (inference.md §2), any of the
/// five pyhf defines: the number a calculator starts from.
void runTestStat(InferOptions &o) {
  ir::Module m;
  std::unique_ptr<Likelihood> likelihood = prepare(o, m);
  if (!likelihood)
    return; // --emit-ir or --emit-llvm printed
  size_t poi = requirePoi(m);
  TestStatistic statistic = parseTestStatistic(o.testStat);
  double mu = statistic == TestStatistic::Q0 ? 0.0 : o.testPoi;
  Fitter fitter(*likelihood);
  FitSettings settings = FitSettings::defaults(m);
  Dataset data = observedData(m);
  FitResult free = fitter.fit(data, settings);
  double value = testStatistic(fitter, statistic, mu, data, settings, free);
  if (o.format == "table") {
    fmt::print("{}({} = {:.6g}) = {:.10g}   ({}-hat = {:.6g})\n", o.testStat, m.poiName, mu, value, m.poiName,
               free.theta[poi]);
    return;
  }
  printJson(Json{{"test_stat", o.testStat},
                 {"mu", mu},
                 {"value", value},
                 {"mu_hat", free.theta[poi]},
                 {"twice_nll_free", free.twiceNll}});
}

/// The impact of each nuisance parameter on the POI, largest first
/// (runtime/ranking.h), with cabinetry's keys.
void runRanking(InferOptions &o) {
  ir::Module m;
  std::unique_ptr<Likelihood> likelihood = prepare(o, m);
  if (!likelihood)
    return; // --emit-ir or --emit-llvm printed
  Progress progress("ranking");
  RankingShards shards; // under MPI, the parameters shard over the ranks
  if (mpiSize() > 1)
    shards = {static_cast<unsigned>(mpiRank()), static_cast<unsigned>(mpiSize()), mpiAllSum};
  Ranking r = rankParameters(Fitter(*likelihood), inferenceData(o, *likelihood), settingsWithFixes(m, o.fix), 0,
                             [&](size_t done, size_t total) {
                               progress.update(fmt::format("{}/{} parameters", done, total));
                             }, shards);
  size_t poi = static_cast<size_t>(m.poiIndex);
  if (o.format == "table") {
    fmt::print("{} = {:.6g} ± {:.6g}; impact on it of each parameter, post-fit (pre-fit)\n", m.poiName,
               r.nominal.theta[poi], r.nominal.uncertainties[poi]);
    fmt::print("{:<45} {:>18} {:>11} {:>11} {:>11} {:>11}\n", "parameter", "best fit", "post up", "post down",
               "pre up", "pre down");
    for (const RankedParameter &p : r.ranked) {
      auto pre = [&](double v) { return p.prefitWidth > 0 ? fmt::format("{:>11.4g}", v) : fmt::format("{:>11}", "-"); };
      fmt::print("{:<45} {:>9.4g} ± {:<6.3g} {:>11.4g} {:>11.4g} {} {}\n", m.params[p.index].name, p.bestFit,
                 p.uncertainty, p.postfitUp, p.postfitDown, pre(p.prefitUp), pre(p.prefitDown));
    }
    return;
  }
  Json labels = Json::array(), bestfit = Json::array(), uncertainty = Json::array(), prefitUp = Json::array(),
       prefitDown = Json::array(), postfitUp = Json::array(), postfitDown = Json::array(),
       prefitWidth = Json::array();
  for (const RankedParameter &p : r.ranked) {
    labels.push_back(m.params[p.index].name);
    bestfit.push_back(p.bestFit);
    uncertainty.push_back(p.uncertainty);
    // No pre-fit impact for an unconstrained parameter: null.
    prefitUp.push_back(p.prefitWidth > 0 ? Json(p.prefitUp) : Json(nullptr));
    prefitDown.push_back(p.prefitWidth > 0 ? Json(p.prefitDown) : Json(nullptr));
    postfitUp.push_back(p.postfitUp);
    postfitDown.push_back(p.postfitDown);
    prefitWidth.push_back(p.prefitWidth > 0 ? Json(p.prefitWidth) : Json(nullptr));
  }
  printJson(Json{{"poi", m.poiName},
                 {"poi_bestfit", Json{r.nominal.theta[poi], r.nominal.uncertainties[poi]}},
                 {"labels", labels},
                 {"bestfit", bestfit},
                 {"uncertainty", uncertainty},
                 {"prefit_up", prefitUp},
                 {"prefit_down", prefitDown},
                 {"postfit_up", postfitUp},
                 {"postfit_down", postfitDown},
                 {"prefit_width", prefitWidth}});
}

void runScan(InferOptions &o) {
  ir::Module m;
  std::unique_ptr<Likelihood> likelihood = prepare(o, m);
  if (!likelihood)
    return; // --emit-ir or --emit-llvm printed
  std::vector<uint32_t> scanned = o.scanPar.empty() ? std::vector<uint32_t>{static_cast<uint32_t>(requirePoi(m))}
                                                    : resolveParameter(m, o.scanPar, "--par");
  if (scanned.size() != 1)
    throw InputError("error: --par: scan one parameter (for a per-bin set, name one bin: name[i])");
  uint32_t par = scanned[0];
  std::vector<double> values = parseRange(o.poiRange, "--poi-range");
  Progress progress("scan");
  ProfileScan scan =
      profileScan(Fitter(*likelihood), inferenceData(o, *likelihood), settingsWithFixes(m, o.fix), par, values,
                  [&](double v) { progress.update(fmt::format("{} = {:.6g}", m.params[par].name, v)); });
  if (o.format == "table") {
    fmt::print("{:>14} {:>20} {:>16}\n", m.params[par].name, "twice_nll", "delta_twice_nll");
    for (size_t k = 0; k < values.size(); ++k)
      fmt::print("{:>14.6g} {:>20.12g} {:>16.8g}\n", values[k], scan.twiceNll[k], scan.deltaTwiceNll[k]);
    return;
  }
  printJson(Json{{"parameter", m.params[par].name},
                 {"poi", values},
                 {"twice_nll", scan.twiceNll},
                 {"delta_twice_nll", scan.deltaTwiceNll},
                 {"best_fit", Json{{"value", scan.best.theta[par]}, {"twice_nll", scan.best.twiceNll}}}});
}

/// The upper limit of --range/--scan/--level on one model (runLimit).
UpperLimitResult computeLimit(const InferOptions &o, const ir::Module &m, const Likelihood &likelihood,
                              Progress *progress) {
  size_t poi = requirePoi(m);
  FitSettings settings = FitSettings::defaults(m);
  std::function<HypoTestResult(double)> test = makeHypotest(o, likelihood, settings);
  int tests = 0;
  auto hypotest = [&](double mu) {
    // The root finder doubles its bracket past the POI's bound when CLs is
    // still above the level there: the limit lies beyond what the model
    // allows, a failed computation (exit 1) with its remedy.
    if (o.limitScan.empty() && mu > settings.hi[poi])
      throw ComputeError(fmt::format("error: the {:g}% upper limit lies above the POI's upper bound {}; "
                                     "widen it with --poi-bound {}:{}",
                                     100 * (1 - o.level), settings.hi[poi], settings.lo[poi],
                                     20 * settings.hi[poi]));
    HypoTestResult r = test(mu);
    ++tests;
    if (progress)
      progress->update(fmt::format("{} hypothesis tests, last at {} = {:.6g}: CLs = {:.4g}", tests, m.poiName, mu,
                                   r.clsObs));
    return CLsPoint{r.clsObs, r.clsExp};
  };
  if (!o.limitScan.empty())
    return upperLimitScan(hypotest, parseRange(o.limitScan, "--scan"), o.level);
  auto [lo, hi] = o.range.empty() ? std::pair(settings.lo[poi], settings.hi[poi]) : parseBracket(o.range, "--range");
  return upperLimitRootFinding(hypotest, lo, hi, o.level);
}

/// {"obs", "exp"}, with --scan also the grid and its CLs values.
Json limitJson(const InferOptions &o, const UpperLimitResult &r) {
  Json out{{"obs", r.obs}, {"exp", r.exp}};
  if (!o.limitScan.empty()) {
    Json obs = Json::array(), exp = Json::array();
    for (const CLsPoint &p : r.results) {
      obs.push_back(p.obs);
      exp.push_back(p.exp);
    }
    out["scan"] = r.testedMu;
    out["CLs_obs"] = obs;
    out["CLs_exp"] = exp;
    // A number the grid does not bracket is the grid's end, not a limit:
    // say which ones (obs, exp band) rather than print it plainly.
    if (std::find(r.clamped.begin(), r.clamped.end(), true) != r.clamped.end())
      out["clamped"] = Json{{"obs", r.clamped[0]},
                            {"exp", Json(std::vector<bool>(r.clamped.begin() + 1, r.clamped.end()))}};
  }
  return out;
}

/// --scan: a warning on stderr for each limit the grid does not bracket.
void warnClamped(const InferOptions &o, const UpperLimitResult &r) {
  const char *names[6] = {"observed limit", "expected -2σ limit", "expected -1σ limit", "expected median limit",
                          "expected +1σ limit", "expected +2σ limit"};
  for (int k = 0; k < 6; ++k)
    if (r.clamped[k])
      fmt::print(stderr,
                 "hfc: warning: --scan {}: CLs on the grid never crosses {} for the {}; {} is the grid's end "
                 "(\"clamped\"), not a limit: widen or refine the grid\n",
                 o.limitScan, o.level, names[k], k == 0 ? r.obs : r.exp[k - 1]);
}

void runLimit(InferOptions &o) {
  if (!(o.level > 0 && o.level < 1))
    throw InputError(fmt::format("error: --level: expected a CLs level in (0, 1), found {}", o.level));
  checkToyFileOptions(o);
  if (!o.saveToys.empty())
    throw InputError("error: --save-toys writes one test's toys; a limit runs many (use hfc cls)");
  if (o.allPoints) {
    forAllPoints(o, [&](const ir::Module &m, const Likelihood &likelihood) {
      return limitJson(o, computeLimit(o, m, likelihood, nullptr));
    });
    return;
  }
  ir::Module m;
  std::unique_ptr<Likelihood> likelihood = prepare(o, m);
  if (!likelihood)
    return; // --emit-ir or --emit-llvm printed
  Progress progress("limit");
  UpperLimitResult r = computeLimit(o, m, *likelihood, &progress);
  warnClamped(o, r);
  if (o.format == "table") {
    fmt::print("observed limit  {:.6g}{}\n", r.obs, r.clamped[0] ? "  (clamped to the grid's end)" : "");
    const char *labels[5] = {"-2σ", "-1σ", "median", "+1σ", "+2σ"};
    for (int k = 0; k < 5; ++k)
      fmt::print("expected {:<7} {:.6g}{}\n", labels[k], r.exp[k],
                 r.clamped[k + 1] ? "  (clamped to the grid's end)" : "");
    return;
  }
  printJson(limitJson(o, r));
}

template <typename Run>
void addCommand(CLI::App &app, const char *name, const char *help, Run run,
                void (*extra)(CLI::App *, InferOptions &) = nullptr) {
  auto options = std::make_shared<InferOptions>();
  CLI::App *cmd = app.add_subcommand(name, help);
  addInferOptions(cmd, *options);
  if (extra)
    extra(cmd, *options);
  cmd->callback([options, run] { run(*options); });
}

} // namespace

void registerInference(CLI::App &app) {
  addCommand(app, "fit", "Maximum-likelihood fit: best-fit values, uncertainties, correlations", runFit,
             [](CLI::App *cmd, InferOptions &o) {
               cmd->add_option("--fix", o.fix, "NAME=VALUE held fixed in the fit; repeatable");
               cmd->add_option("--output-file", o.outputFile, "write the JSON result to this file (atomically)");
               cmd->add_option("--minos", o.minos, "MINOS interval of this parameter (a set: each component); "
                                                   "repeatable");
               cmd->add_option("--minos-cl", o.minosCl,
                               "MINOS confidence level (default 0.6827: Δ(−2lnL) = 1; ≥ 1: that many σ)");
               cmd->add_flag("--goodness-of-fit", o.goodnessOfFit,
                             "p-value against the saturated model (cabinetry's definition)");
               addAsimovOption(cmd, o);
             });
  addCommand(app, "cls", "CLs at a tested POI value, asymptotic or from toys (hfc MODEL --cls)", runCls,
             [](CLI::App *cmd, InferOptions &o) {
               cmd->add_option("--test-poi", o.testPoi, "the tested POI value (default 1)");
               cmd->add_option("--output-file", o.outputFile, "write the JSON result to this file (atomically)");
               cmd->add_flag("--all-points", o.allPoints,
                             "every point of --patchset, one JSON line each (JSON lines on stdout)");
               addTestOptions(cmd, o);
             });
  addCommand(app, "limit", "95% CLs upper limit on the POI: observed and expected band", runLimit,
             [](CLI::App *cmd, InferOptions &o) {
               cmd->add_option("--range", o.range, "lo:hi bracket for the root finding (default: the POI's bounds)");
               cmd->add_option("--scan", o.limitScan, "lo:hi:n: interpolate CLs on a grid instead");
               cmd->add_option("--level", o.level, "CLs level (default 0.05)");
               cmd->add_flag("--all-points", o.allPoints,
                             "every point of --patchset, one JSON line each (JSON lines on stdout)");
               addTestOptions(cmd, o);
               addAsimovOption(cmd, o);
             });
  addCommand(app, "significance", "Discovery p-value and significance from q0", runSignificance,
             [](CLI::App *cmd, InferOptions &o) {
               cmd->add_option("--calctype", o.calctype, "asymptotics (default) or toybased")
                   ->check(CLI::IsMember({"asymptotics", "toybased"}));
               cmd->add_option("--ntoys", o.ntoys, "toybased: toys per sample (default 2000)");
               cmd->add_option("--seed", o.seed, "toybased: random seed (default 0); results depend on it only");
               addToyFileOptions(cmd, o);
               addAsimovOption(cmd, o);
             });
  addCommand(app, "ranking", "Impact of each nuisance parameter on the POI (pre- and post-fit), largest first",
             runRanking, [](CLI::App *cmd, InferOptions &o) {
               cmd->add_option("--fix", o.fix, "NAME=VALUE held fixed; repeatable");
               addAsimovOption(cmd, o);
             });
  addCommand(app, "teststat", "A test statistic on the observed data: qtilde, q, q0, tmu or tmu_tilde", runTestStat,
             [](CLI::App *cmd, InferOptions &o) {
               cmd->add_option("--test-poi", o.testPoi, "the tested POI value (default 1; q0 tests 0)");
               cmd->add_option("--test-stat", o.testStat, "qtilde (default), q, q0, tmu or tmu_tilde")
                   ->check(CLI::IsMember({"qtilde", "q", "q0", "tmu", "tmu_tilde"}));
             });
  addCommand(app, "scan", "Profile likelihood scan of the POI (or --par NAME)", runScan,
             [](CLI::App *cmd, InferOptions &o) {
               cmd->add_option("--poi-range", o.poiRange, "lo:hi:n (default 0:5:11)");
               cmd->add_option("--par", o.scanPar, "scan this parameter instead of the POI");
               cmd->add_option("--fix", o.fix, "NAME=VALUE held fixed; repeatable");
               addAsimovOption(cmd, o);
             });
}

} // namespace hf::cli
