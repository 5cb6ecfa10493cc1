//===- tools/hfc/main.cpp - The hfc command line --------------------------===//
//
// `hfc COMMAND MODEL [options]`. Exit codes: 0 success, 1 a computation that
// failed, 2 bad input or usage. `hfc MODEL [options]` with no command runs
// `inspect` (and `hfc MODEL --emit-ir` prints the IR).
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "tools/hfc/cli_guards.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/mpi_session.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

/// True when `arg` names a subcommand of `app`.
bool isSubcommand(CLI::App &app, const char *arg) {
  for (const CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; }))
    if (sub->check_name(arg))
      return true;
  return false;
}

} // namespace

int main(int argc, char **argv) {
  hf::cli::MpiSession mpi(argc, argv); // MPI, when an MPI launcher started hfc
  CLI::App app{"hfc: a compiler for HistFactory binned likelihoods (pyhf JSON workspaces)", "hfc"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "hfc 0.1.0");
  hf::cli::registerInspect(app);
  hf::cli::registerEval(app);
  hf::cli::registerBench(app);
  hf::cli::registerCompile(app);
  hf::cli::registerCache(app);
  hf::cli::registerInference(app);
  hf::cli::registerWorkspaceVerbs(app);
  hf::cli::registerConvert(app);
  hf::cli::registerRepl(app);
  hf::cli::registerToys(app);
  hf::cli::registerRoot(app);
  hf::cli::registerAnalysis(app);
  hf::cli::registerPlot(app);
  hf::cli::registerReport(app);
  hf::cli::registerXml2Json(app);
  hf::cli::registerDownload(app);
  hf::cli::registerYields(app);

  // `hfc MODEL --cls ...` is `hfc cls MODEL ...` (likewise --fit, --limit,
  // --significance, --scan); `hfc MODEL ...` alone is `hfc inspect MODEL ...`.
  std::vector<const char *> args(argv, argv + argc);
  if (int code = hf::cli::refuseMistypedCommand(app, argc, argv))
    return code; // `hfc lmit ...`: not a model file, nearly a command
  if (argc > 1 && !isSubcommand(app, argv[1]) && (argv[1][0] != '-' || std::strcmp(argv[1], "-") == 0)) {
    const char *command = "inspect";
    for (auto it = args.begin() + 2; it != args.end(); ++it) {
      std::string arg = *it;
      if (arg.size() > 2 && arg.rfind("--", 0) == 0 && isSubcommand(app, arg.c_str() + 2) &&
          arg != "--inspect") {
        command = *it + 2;
        args.erase(it);
        break;
      }
    }
    args.insert(args.begin() + 1, command);
  }

  hf::cli::oneValuePerOccurrence(app); // every command registered by now
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const hf::cli::StopAfterEmit &) {
    return hf::cli::finishStandardOutput(); // --emit-spec printed the model
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    fmt::print(stderr, "hfc: error: {}\n", e.what());
    fmt::print(stderr, "Run 'hfc --help' (or 'hfc COMMAND --help') for usage.\n");
    return 2;
  } catch (const hf::InputError &e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  } catch (const hf::ComputeError &e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  } catch (const std::exception &e) {
    // A broken invariant: still a message and an exit code, never a crash.
    fmt::print(stderr, "hfc: internal error: {} (please report it with the input)\n", e.what());
    return 1;
  }
  return hf::cli::finishStandardOutput();
}
