//===- tools/hfc/cmd_repl.cpp - hfc repl ----------------------------------===//
//
// `hfc repl [MODEL] [model options]`: an interactive session over one model
// (repl_session.h). On a terminal, lines come from the line editor (libedit:
// history in ~/.hfc_history or $HFC_HISTORY, Tab completion); otherwise
// they are read from standard input without prompts, so a session can be a
// script. A scripted session exits 0 when every command succeeded, else 2
// if any had bad input, else 1 (a computation failed); errors never end it.
// On a terminal Ctrl-C drops the line being typed (and asks a running fit to
// stop, runtime/cancel.h); a second Ctrl-C within a second exits.
//
//===----------------------------------------------------------------------===//
#include "runtime/cancel.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/repl_line_editor.h"
#include "tools/hfc/repl_session.h"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <ctime>
#include <unistd.h>

namespace hf::cli {

namespace {

/// Ctrl-C: the first asks the running command to stop (runtime/cancel.h) or
/// drops the line being typed; a second within a second ends hfc.
std::atomic<long long> lastInterruptMs{-1000000};

long long monotonicMs() {
  struct timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts); // async-signal-safe
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void onInterrupt(int) {
  long long now = monotonicMs();
  if (now - lastInterruptMs.exchange(now) < 1000) {
    const char bye[] = "\n";
    [[maybe_unused]] ssize_t n = ::write(STDOUT_FILENO, bye, 1);
    ::_exit(130);
  }
  requestCancel();
}

/// Installs onInterrupt without SA_RESTART, so that a read at the prompt
/// returns and the line can be dropped.
void catchInterrupts() {
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  ::sigaction(SIGINT, &action, nullptr);
}

void runInteractive(repl::Session &session) {
  fmt::print("hfc repl: {}. 'help' lists the commands; Tab completes; Ctrl-D leaves.\n",
             session.hasModel() ? session.description() : "no model yet ('load MODEL')");
  catchInterrupts();
  repl::LineEditor editor(
      "hfc> ", [&session](std::string_view before) { return session.complete(before); },
      repl::defaultHistoryFile());
  for (;;) {
    clearCancel();
    std::optional<std::string> line = editor.readLine();
    if (!line) {
      if (!cancelRequested())
        break; // Ctrl-D
      continue; // Ctrl-C on a half-typed line: dropped, a fresh prompt
    }
    clearCancel();
    if (!session.execute(*line))
      break;
  }
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
