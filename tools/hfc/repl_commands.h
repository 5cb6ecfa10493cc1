//===- tools/hfc/repl_commands.h - The REPL's commands, as data -----------===//
//
// What `hfc repl` understands, written down once: each command's names, its
// usage line, its help text, and what kind of word each of its arguments and
// options takes. The interpreter (repl_session.cpp) checks arguments against
// it, `help` prints it, and completion (repl_completion.cpp) reads it, so the
// three cannot drift apart.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hf::cli::repl {

/// What a word in an argument position is, for checking and for completion.
enum class ArgKind : uint8_t {
  None,       ///< an option with no value (a flag), or free text
  Number,     ///< a number or a range (lo:hi:n); nothing to complete
  Text,       ///< a name completion cannot know (a measurement, a point)
  Command,    ///< a REPL command name
  Parameter,  ///< a parameter or per-bin set name, optionally NAME=VALUE
  Assignment, ///< NAME=VALUE: completes to "NAME="
  ModelFile,  ///< a .json or .hf model file
  JsonFile,   ///< a .json file (JSON Patch, PatchSet)
  TestStat,   ///< qtilde or q
  Backend,    ///< jit or interp
  Figure,     ///< a kind of `hfc plot` figure, or all
};

struct OptionInfo {
  std::string name;              ///< "--test-stat"
  ArgKind value = ArgKind::None; ///< None: a flag
};

struct CommandInfo {
  std::vector<std::string> names; ///< the first is the command's name, the rest aliases
  std::string usage;              ///< "cls [MU] [--test-stat qtilde|q]"
  std::string summary;            ///< one line, for `help`
  std::string details;            ///< the rest of `help COMMAND`
  ArgKind positional = ArgKind::None;
  int minArgs = 0, maxArgs = 0;   ///< positional words; maxArgs -1: any number
  std::vector<OptionInfo> options;
  bool hidden = false;            ///< not listed by `help` nor completed (`complete`)
};

/// Every REPL command. `load`'s options are the model options every hfc
/// command takes (model_options.h), read from their CLI11 definitions.
std::span<const CommandInfo> replCommands();

/// The command named `name` (or one of its aliases), or null.
const CommandInfo *findCommand(std::string_view name);

/// True for an option word ("--par", "-p"), false for a negative number
/// ("-0.5" is an argument).
bool isOptionWord(std::string_view word);

} // namespace hf::cli::repl
