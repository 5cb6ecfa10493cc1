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
/// root ls|dump: look inside ROOT files (cmd_root.cpp).
void registerRoot(CLI::App &app);
/// templates, postprocess, workspace, build: cabinetry's workflow (cmd_analysis.cpp).
void registerAnalysis(CLI::App &app);
/// plot KIND MODEL (cmd_plot.cpp) and report MODEL (cmd_report.cpp).
void registerPlot(CLI::App &app);
void registerReport(CLI::App &app);
/// xml2json: HistFactory XML + ROOT -> pyhf JSON (cmd_xml2json.cpp).
void registerXml2Json(CLI::App &app);
/// download: fetch a likelihood record with libcurl (cmd_download.cpp).
void registerDownload(CLI::App &app);
/// yields: yield tables with uncertainty bands (cmd_yields.cpp).
void registerYields(CLI::App &app);

} // namespace hf::cli
