//===- tools/hfc/repl_commands.cpp - The REPL's commands, as data ---------===//
#include "tools/hfc/repl_commands.h"

#include "tools/hfc/model_options.h"

#include <CLI/CLI.hpp>

#include <cctype>

namespace hf::cli::repl {

namespace {

/// The model options of `hfc eval`, `hfc fit`, ... as `load` takes them.
/// Read from CLI11 so that an option added to addModelOptions completes here
/// too. The --emit-* options are left out: `ir` and `llvm` do that.
std::vector<OptionInfo> modelOptions() {
  CLI::App app;
  ModelOptions unused;
  addModelOptions(&app, unused);
  std::vector<OptionInfo> out;
  for (const CLI::Option *opt : app.get_options()) {
    if (!opt->nonpositional())
      continue;
    std::vector<std::string> names;
    for (const std::string &s : opt->get_snames())
      names.push_back("-" + s);
    for (const std::string &l : opt->get_lnames())
      names.push_back("--" + l);
    for (const std::string &name : names) {
      if (name.rfind("--emit-", 0) == 0 || name == "--help" || name == "-h")
        continue;
      ArgKind kind = opt->get_type_size() == 0 ? ArgKind::None : ArgKind::Text;
      if (name == "-p" || name == "--patch" || name == "--patchset")
        kind = ArgKind::JsonFile;
      else if (name == "--backend")
        kind = ArgKind::Backend;
      out.push_back({name, kind});
    }
  }
  return out;
}

std::vector<CommandInfo> buildTable() {
  const OptionInfo testStat{"--test-stat", ArgKind::TestStat};
  std::vector<CommandInfo> t;
  t.push_back({{"load"}, "load MODEL [-p PATCH]... [--measurement NAME] [model options]",
               "load a model (.json or .hf), replacing the current one",
               "Takes the model options of every hfc command (see `hfc eval --help`): patches, a\n"
               "PatchSet point, the measurement, interpolation codes, --backend, --no-opt,\n"
               "--llvm-opt. Parameter values and fixed flags start from the model's.",
               ArgKind::ModelFile, 1, 1, modelOptions()});
  t.push_back({{"patch"}, "patch FILE.json",
               "apply a JSON Patch to the model spec and recompile",
               "As `hfc -p FILE`: the model is reloaded with this patch after the earlier ones.\n"
               "Values and fixed flags you changed carry over to parameters of the same name.",
               ArgKind::JsonFile, 1, 1, {}});
  t.push_back({{"inspect", "summary"}, "inspect", "pyhf's summary of the model (as `hfc inspect`)", "",
               ArgKind::None, 0, 0, {}});
  t.push_back({{"pars"}, "pars [NAME]...", "the parameters: current value, bounds, fixed flag",
               "With names (a parameter or a whole per-bin set), only those.", ArgKind::Parameter, 0, -1, {}});
  t.push_back({{"set"}, "set NAME=VALUE...", "set parameter values (NAME=v1,v2,... for a per-bin set)",
               "All assignments on the line apply, or none does. Values are what `eval` evaluates at\n"
               "and what fixed parameters are held at.",
               ArgKind::Assignment, 1, -1, {}});
  t.push_back({{"fix"}, "fix NAME[=VALUE]...", "hold parameters fixed (at VALUE, else at their current value)",
               "Fixed parameters stay fixed in fit, cls, limit, significance and scan.",
               ArgKind::Parameter, 1, -1, {}});
  t.push_back({{"release"}, "release NAME...", "let fixed parameters float again", "",
               ArgKind::Parameter, 1, -1, {}});
  t.push_back({{"reset"}, "reset [NAME]...", "back to the model's inits and fixed flags (all, or those named)",
               "", ArgKind::Parameter, 0, -1, {}});
  t.push_back({{"eval"}, "eval", "logpdf, twice_nll, gradient and expected yields at the current values",
               "The gradient is d logpdf/dθ, as `hfc eval --grad` prints it.", ArgKind::None, 0, 0, {}});
  t.push_back({{"fit"}, "fit", "maximum-likelihood fit: best-fit values ± uncertainties, twice_nll",
               "Free parameters start at the model's inits, as in `hfc fit`; fixed ones stay at\n"
               "their values. Afterwards the current values are the best fit.",
               ArgKind::None, 0, 0, {}});
  t.push_back({{"cls"}, "cls [MU] [--test-stat qtilde|q] [--toys N [--seed S]]",
               "CLs at MU (default 1): observed and band, asymptotic or from toys",
               "As `hfc cls --test-poi MU`; the band is CLs_exp at -2σ, -1σ, median, +1σ, +2σ.\n"
               "--toys N: the toy calculator with N toys per sample on all cores (as\n"
               "`--calctype toybased --ntoys N --seed S`; seed 0 by default).",
               ArgKind::Number, 0, 1, {testStat, {"--toys", ArgKind::Number}, {"--seed", ArgKind::Number}}});
  t.push_back({{"limit"}, "limit [--range LO:HI | --scan LO:HI:N] [--level 0.05] [--test-stat qtilde|q]",
               "CLs upper limit on the POI: observed and expected band",
               "As `hfc limit`: TOMS748 root finding on the POI's bounds (or --range), or\n"
               "interpolation on a grid with --scan.",
               ArgKind::None, 0, 0,
               {{"--range", ArgKind::Number}, {"--scan", ArgKind::Number}, {"--level", ArgKind::Number}, testStat}});
  t.push_back({{"significance"}, "significance [--toys N [--seed S]]",
               "discovery p-value and Z from q0 (as `hfc significance`)",
               "--toys N: p0 from q0's distribution in N toys per sample (as `--calctype\n"
               "toybased --ntoys N --seed S`; seed 0 by default).",
               ArgKind::None, 0, 0, {{"--toys", ArgKind::Number}, {"--seed", ArgKind::Number}}});
  t.push_back({{"ranking"}, "ranking", "impact of each nuisance parameter on the POI (as `hfc ranking`)",
               "Post-fit (best fit ± uncertainty) and pre-fit (± constraint width) impacts, largest\n"
               "first; the session's fixed parameters stay fixed.",
               ArgKind::None, 0, 0, {}});
  t.push_back({{"scan"}, "scan [LO:HI:N] [--par NAME]", "profile likelihood scan of the POI (or NAME)",
               "As `hfc scan --poi-range LO:HI:N` (default 0:5:11).", ArgKind::Number, 0, 1,
               {{"--par", ArgKind::Parameter}}});
  t.push_back({{"ir"}, "ir [--no-opt]", "print the model's IR (as --emit-ir)", "", ArgKind::None, 0, 0,
               {{"--no-opt", ArgKind::None}}});
  t.push_back({{"llvm"}, "llvm", "print the optimized LLVM IR (as --emit-llvm)", "", ArgKind::None, 0, 0, {}});
  t.push_back({{"help"}, "help [COMMAND]", "list the commands, or explain one", "", ArgKind::Command, 0, 1, {}});
  t.push_back({{"quit", "exit"}, "quit", "leave the REPL (end of input does too)", "", ArgKind::None, 0, 0, {}});
  // For tests: prints what Tab would offer after TEXT (the rest of the line, verbatim).
  t.push_back({{"complete"}, "complete TEXT", "print the completions of TEXT, one a line", "",
               ArgKind::None, 0, -1, {}, true});
  // Diagnostics (issue 14).
  t.push_back({{"minos"}, "minos NAME... [--cl CL]", "MINOS interval of parameters: asymmetric errors",
               "As `hfc fit --minos NAME`: the profile likelihood's crossings of its minimum + Δ\n"
               "(Δ = 1; --cl 0.95 for Δ = 3.84); a side beyond a bound stops at the bound.",
               ArgKind::Parameter, 1, -1, {{"--cl", ArgKind::Number}}});
  t.push_back({{"yields"}, "yields [--postfit] [--per-bin|--per-channel] [--format FORMAT]",
               "yield tables with uncertainty bands, pre- or post-fit (as `hfc yields`)",
               "FORMAT: text (default), markdown, latex, html, csv or json. Pre-fit at the model's\n"
               "inits; post-fit after a fit with the session's fixed parameters.",
               ArgKind::None, 0, 0,
               {{"--postfit", ArgKind::None}, {"--per-bin", ArgKind::None}, {"--per-channel", ArgKind::None},
                {"--format", ArgKind::Text}}});
  return t;
}

} // namespace

std::span<const CommandInfo> replCommands() {
  static const std::vector<CommandInfo> table = buildTable();
  return table;
}

const CommandInfo *findCommand(std::string_view name) {
  for (const CommandInfo &c : replCommands())
    for (const std::string &n : c.names)
      if (n == name)
        return &c;
  return nullptr;
}

bool isOptionWord(std::string_view word) {
  return !word.empty() && word[0] == '-' &&
         !(word.size() >= 2 && (std::isdigit(static_cast<unsigned char>(word[1])) || word[1] == '.'));
}

} // namespace hf::cli::repl
