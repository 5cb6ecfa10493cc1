//===- tools/hfc/cmd_repl.cpp - hfc repl ----------------------------------===//
//
// `hfc repl [MODEL] [model options]`: an interactive session over one model
// (repl_session.h). On a terminal, lines come from the line editor (libedit:
// history in ~/.hfc_history or $HFC_HISTORY, Tab completion); otherwise
// they are read from standard input without prompts, so a session can be a
// script. A scripted session exits 0 when every command succeeded, else 2
// if any had bad input, else 1 (a computation failed); errors never end it.
//
//===----------------------------------------------------------------------===//
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/repl_line_editor.h"
#include "tools/hfc/repl_session.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <unistd.h>

namespace hf::cli {

namespace {

void runInteractive(repl::Session &session) {
  fmt::print("hfc repl: {}. 'help' lists the commands; Tab completes; Ctrl-D leaves.\n",
             session.hasModel() ? session.description() : "no model yet ('load MODEL')");
  repl::LineEditor editor(
      "hfc> ", [&session](std::string_view before) { return session.complete(before); },
      repl::defaultHistoryFile());
  while (std::optional<std::string> line = editor.readLine())
    if (!session.execute(*line))
      break;
}

int runScript(repl::Session &session) {
  std::string line;
  while (std::getline(std::cin, line))
    if (!session.execute(line))
      break;
  return session.exitStatus();
}

void runRepl(const ModelOptions &options) {
  bool interactive = isatty(STDIN_FILENO) != 0;
  int status = 0;
  {
    repl::Session session(interactive ? "" : "<stdin>");
    if (!options.load.modelFile.empty())
      session.load(options);
    if (interactive)
      runInteractive(session);
    else
      status = runScript(session);
  } // the session (and its JIT) ends before the process does
  std::fflush(stdout);
  // Every error was reported where it happened; only the status is left.
  if (status != 0)
    std::exit(status);
}

} // namespace

void registerRepl(CLI::App &app) {
  auto options = std::make_shared<ModelOptions>();
  CLI::App *cmd = app.add_subcommand("repl", "Interactive session over a model: set, fix, eval, fit, cls, ...");
  addModelOptions(cmd, *options);
  cmd->get_option("MODEL")->required(false)->description("model to load first (.json or .hf); optional");
  cmd->callback([options] { runRepl(*options); });
}

} // namespace hf::cli
