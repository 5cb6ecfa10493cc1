//===- tools/hfc/cli_guards.h - Command-line behaviour shared by every command -===//
//
// Small policies that apply to the whole command line rather than to one
// command: how list options take their values, and the final check that
// standard output really received what the command printed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <CLI/CLI.hpp>

namespace hf::cli {

/// Makes every list option of `app` and its subcommands take one value per
/// occurrence, repeated as pyhf's are (`-s A -s B`), so that a list option
/// never swallows the MODEL after it (`hfc prune -s ttbar model.json`).
void oneValuePerOccurrence(CLI::App &app);

/// For `hfc WORD ...` where WORD is no command and no existing file but is
/// near a command's name (`hfc lmit`): prints "unknown command (did you
/// mean ...)" and returns 2. Returns 0 otherwise (WORD is then a MODEL).
int refuseMistypedCommand(CLI::App &app, int argc, char **argv);

/// Flushes standard output and returns 0 when everything printed reached it;
/// otherwise prints the reason on stderr and returns 1 (`hfc cls … > /dev/full`).
int finishStandardOutput();

} // namespace hf::cli
