//===- tools/hfc/repl_session.h - The REPL's command interpreter ----------===//
//
// One `hfc repl` session: the loaded model, its compiled likelihood, the
// current parameter values and fixed flags, and the commands that act on
// them (repl_commands.h lists them). Every number comes from the same
// runtime calls the one-shot commands make (`hfc eval`, `fit`, `cls`, ...),
// so a session and a command line agree to the last digit. A failing command
// prints one `error: ...` line on stderr and the session goes on.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tools/hfc/model_options.h"
#include "tools/hfc/repl_completion.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hf::cli::repl {

class Session {
public:
  /// `scriptName` ("" when interactive) prefixes error messages with the
  /// line they come from ("<stdin>:4: set: error: ...").
  explicit Session(std::string scriptName);
  ~Session();

  /// Loads the model named by `options` (as `load` does), reporting a
  /// failure like a failed command.
  void load(const ModelOptions &options);

  /// Runs one line: a command, a blank line or a `#` comment. Returns false
  /// when the line asks to leave (quit, exit).
  bool execute(std::string_view line);

  /// What Tab offers after `beforeCursor` (commands, options, this model's
  /// parameter names, files).
  Completion complete(std::string_view beforeCursor) const;

  /// 0 when every command succeeded, else 2 if any had bad input (an unknown
  /// command or parameter, a bad value or file), else 1 (a computation that
  /// failed, such as a fit that did not converge).
  int exitStatus() const;

  bool hasModel() const;
  /// "file.json: 2 channels, 4 bins, 7 parameters (POI mu)".
  std::string description() const;

  /// A command's checked arguments (repl_session.cpp).
  struct Args;

private:
  struct Model;

  void dispatch(const std::string &name, const std::vector<std::string> &words);
  void reportError(const std::string &message, int status);
  /// Runs `action`; an error it throws is reported (never ends the session).
  void guarded(const std::function<void()> &action);
  const Model &model() const;

  void cmdLoad(const std::vector<std::string> &words);
  void cmdPatch(const Args &a);
  void cmdInspect(const Args &a);
  void cmdPars(const Args &a);
  void cmdSet(const Args &a);
  void cmdFix(const Args &a);
  void cmdRelease(const Args &a);
  void cmdReset(const Args &a);
  void cmdEval(const Args &a);
  void cmdFit(const Args &a);
  void cmdCls(const Args &a);
  void cmdLimit(const Args &a);
  void cmdSignificance(const Args &a);
  void cmdScan(const Args &a);
  void cmdRanking(const Args &a);
  void cmdIr(const Args &a);
  void cmdLlvm(const Args &a);
  void cmdHelp(const Args &a);
  void cmdMinos(const Args &a);
  void cmdYields(const Args &a);

  /// Replaces the model with the one `options` names, carrying over the
  /// values and fixed flags the user changed when `keepChanges`.
  void replaceModel(const ModelOptions &options, bool keepChanges);

  std::string scriptName_;
  size_t lineNumber_ = 0;
  int status_ = 0;
  std::unique_ptr<Model> model_;
};

} // namespace hf::cli::repl
