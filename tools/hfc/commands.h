//===- tools/hfc/commands.h - The hfc subcommands -------------------------===//
//
// Each command adds itself to the application: its options, its help text
// and the callback that runs it. Callbacks report failures by throwing
// InputError (exit 2) or ComputeError (exit 1); see main.cpp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <CLI/CLI.hpp>

namespace hf::cli {

void registerInspect(CLI::App &app);
void registerEval(CLI::App &app);
void registerBench(CLI::App &app);
/// hfc compile: ahead-of-time likelihood libraries (cmd_compile.cpp).
void registerCompile(CLI::App &app);
/// hfc cache: the disk cache of machine code (cmd_cache.cpp).
void registerCache(CLI::App &app);
void registerInference(CLI::App &app);
/// digest, sort, prune, rename, combine, patchset (cmd_workspace.cpp).
void registerWorkspaceVerbs(CLI::App &app);
/// convert (JSON <-> .hf) and fmt (cmd_convert.cpp).
void registerConvert(CLI::App &app);
/// repl: an interactive session over one model (cmd_repl.cpp).
void registerRepl(CLI::App &app);
/// toys merge: combining toy runs (cmd_toys.cpp).
void registerToys(CLI::App &app);

} // namespace hf::cli
